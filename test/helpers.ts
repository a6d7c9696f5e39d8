import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { ConfigError } from '../src/foundation/errors';
import { Site, SiteProps } from '../src/site/site';
import { BlockStorageClass } from '../src/kubernetes/block-storage-class';
import { RookClusterDeviceSetProps } from '../src/rook/cluster/storage';
import { renderSite, synthApp, SynthError } from '../src/pipeline/synth';
import { CephCsi } from '../src/rook/ceph-csi';
import { RookCluster } from '../src/rook/rook-cluster';
import { TopoLVM, TopoLVMProps } from '../src/topolvm/topolvm';
import { CephRbdStorageClass } from '../src/rook/ceph-rbd-storage-class';
import { RookOperator } from '../src/rook/rook-operator';
import { UPSTREAM_DIR } from './upstream';

export { describeWithUpstream, testWithUpstream, upstreamPath } from './upstream';

/**
 * The upstream mirror when there is one (see ./upstream.ts), passed as `upstreamDir`: schemas come from the bundle
 * either way, so tests that only synthesize run with or without it.
 */
export const UPSTREAM: string | undefined = UPSTREAM_DIR;

export function newSite(props: Partial<SiteProps> = {}, id = 'test-site'): { app: App; site: Site } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
  const site = new Site(app, id, { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', ...props });
  return { app, site };
}

/** The three Rook lines most scenario tests pin, each with a Kubernetes version it supports. */
export type TestRookLine = '1.20.6' | '1.7.11' | '1.2.7';
export const TEST_ROOK_KUBE: Record<TestRookLine, string> = { '1.20.6': '1.33.0', '1.7.11': '1.19.0', '1.2.7': '1.16.0' };

/** A site with a Rook operator, CephCsi (RBD and CephFS; none on 1.2.7, whose CSI the operator runs) and a RookCluster. */
export function rookClusterSite(rookVersion: TestRookLine = '1.20.6') {
  const { app, site } = newSite({ rookVersion, kubernetesVersion: TEST_ROOK_KUBE[rookVersion] });
  const operator = new RookOperator(site, 'operator');
  if (rookVersion !== '1.2.7') new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  return { app, site, cluster };
}

/** A site of three declared nodes with a Rook operator, CephCsi and a RookCluster of the given props. */
export function threeNodeRookSite(props: Record<string, unknown> = {}) {
  const { app, site } = newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }] });
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator });
  const cluster = new RookCluster(site, 'cluster', props as any);
  return { app, site, cluster };
}

/** A site (these props over newSite's) with a Rook operator, CephCsi with the RBD, CephFS and NFS drivers, and a RookCluster. */
export function csiRookSite(props: Partial<SiteProps> = {}) {
  const { app, site } = newSite(props);
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true, nfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  return { app, site, cluster };
}

/**
 * Builds a site with `build`; the mistake must be refused either while building (a ConfigError) or at synth, and in
 * both cases no file is written. Returns the message.
 */
export function refusedWritingNothing(build: (app: App) => void): string {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));
  let message: string;
  try {
    build(app);
    message = synthError(app, out).message;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    message = e.message;
  }
  expect(fs.readdirSync(out)).toEqual([]);
  return message;
}

/** The objects of every site of the app, synthesized without writing; every one must validate strictly. */
export function validObjectsOf(app: App): any[] {
  const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
  expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  return r.sites.flatMap((s) => s.files.flatMap((f) => f.objects));
}

/** synthError into a fresh folder, and proof that nothing was written there. */
export function synthFailsWritingNothing(app: App): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-obj-')), 'dist');
  const e = synthError(app, out);
  expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  return e.message;
}

/** A fresh temporary folder. */
export function tmpDir(prefix = 'gs-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Site "lab" (Kubernetes 1.33.0, Rook 1.20.6) with a cluster, pool "replicapool" and an RBD class of `pool`. */
export function labSite(app: App, pool = 'replicapool'): void {
  const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
  const cluster = new RookCluster(site, 'cluster');
  cluster.addPool('replicapool', { replicated: { size: 3 } });
  new CephRbdStorageClass(site, 'block', { cluster, pool });
}

/** A gp3 EBS BlockStorageClass (network-attached block). */
export function ebsClass(site: Site, id = 'gp3', props: Partial<ConstructorParameters<typeof BlockStorageClass>[2]> = {}) {
  return new BlockStorageClass(site, id, { provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, ...props });
}

/** The rendered CephCluster of a site. */
export function cephClusterManifest(site: Site): any {
  return manifests(site).find((m) => m.kind === 'CephCluster');
}

/** A RookCluster with one storageClassDeviceSet "set1" (3 OSDs of 100Gi) of these settings. */
export function osdsOn(site: Site, set: Partial<RookClusterDeviceSetProps> & Pick<RookClusterDeviceSetProps, 'storageClass'>, storage: Record<string, unknown> = {}): RookCluster {
  return new RookCluster(site, 'cluster', { storage: { ...storage, storageClassDeviceSets: [{ name: 'set1', count: 3, size: '100Gi', ...set }] } });
}

/** Synthesizes into a fresh folder; returns the result and the folder. */
export function synthIntoFreshDir(app: App) {
  const dir = tmpDir('gs-osdpvc-');
  return { r: synthApp(app, { outdir: dir, upstreamDir: UPSTREAM }), dir };
}

/** One TopoLVM device class "nvme" on volume group vg-nvme. */
export const NVME = [{ name: 'nvme', volumeGroup: 'vg-nvme' }];

/** A TopoLVM 0.41.0 site; `make()` adds TopoLVM with the NVME device class and these props. */
export function modernTopolvm(props: Partial<TopoLVMProps> = {}) {
  const { app, site } = newSite({ topolvmVersion: '0.41.0' });
  return { app, site, make: () => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, ...props }) };
}

/** The content of a file the site renders (a host artifact, a note), failing when there is none. */
export function artifact(site: Site, p: string): string {
  const f = renderSite(site).files.find((x) => x.path === p);
  if (!f) throw new Error(`no ${p} in ${site.siteName}`);
  return f.content;
}

/** The container of a workload manifest by name. */
export function container(workload: any, name: string): any {
  return workload.spec.template.spec.containers.find((c: any) => c.name === name);
}

/** All manifests of a site, rendered (construct checks run; no schema validation). */
export function manifests(site: Site): any[] {
  return renderSite(site).files.flatMap((f) => f.objects);
}

export function findManifest(site: Site, kind: string, name: string): any {
  const m = manifests(site).find((x) => x.kind === kind && x.metadata?.name === name);
  if (!m) throw new Error(`no ${kind} ${name} in ${site.siteName}`);
  return m;
}

/** Runs fn and returns the ConfigError it throws (fails the test if it does not). */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

/** Synthesizes the whole app into a temp dir with strict validation and returns the thrown SynthError. */
export function synthError(app: App, outdir?: string): SynthError {
  try {
    synthApp(app, { outdir: outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM });
  } catch (e) {
    if (e instanceof SynthError) return e;
    throw e;
  }
  throw new Error('expected synth to fail, but it succeeded');
}

/**
 * Asserts a message carries the four parts of a good error: where, the bad value, what is allowed, the fix.
 */
export function expectHelpful(message: string, parts: { path: string | RegExp; value?: string | RegExp; allowed?: string | RegExp; fix?: string | RegExp }): void {
  expect(message).toMatch(parts.path);
  if (parts.value !== undefined) expect(message).toMatch(/got: /), expect(message).toMatch(parts.value);
  if (parts.allowed !== undefined) expect(message).toMatch(/allowed: /), expect(message).toMatch(parts.allowed);
  expect(message).toMatch(/fix: /);
  if (parts.fix !== undefined) expect(message).toMatch(parts.fix);
}

/**
 * The items a check loops over, refusing an empty list: a `for` over a filter that matches nothing would pass
 * without checking anything. `what` names what was looked for, for the failure message.
 */
export function nonEmpty<T>(items: readonly T[], what: string): readonly T[] {
  if (items.length === 0) throw new Error(`expected at least one ${what}, found none`);
  return items;
}

/** Every file under dir (relative path -> content). */
export function fileTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
