/**
 * `gitops-storage plan` on copies of the reference fleet against the committed dist/: every difference
 * classified, upgrade paths checked, destructive and immutable changes stopped until they are allowed.
 * GIVEN the committed dist/ WHEN a site changes THEN the plan says what the change means and exits 0 / 2 / 1.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { buildApp } from '../src/main';
import { dc1Local } from '../src/sites/dc1-local';
import { kubesprayFlex } from '../src/sites/kubespray-flex';
import { necoHyperconverged } from '../src/sites/neco-hyperconverged';
import { Site } from '../src/site/site';
import { renderSite, synthApp, SynthError } from '../src/pipeline/synth';
import { planApp } from '../src/pipeline/plan';
import { classifyField } from '../src/plan/classify';
import { planBase } from '../src/plan/snapshot';
import { RookCluster, StorageApp } from '../src';
import { renderMarkdown, renderText } from '../src/pipeline/plan-report';
import { buildProgram } from '../src/cli/cli';
import { ConfigError } from '../src/foundation/errors';
import { configError, UPSTREAM } from './helpers';

const DIST = path.resolve(__dirname, '../dist');
const tmpdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-plan-'));

function objectOf(site: IConstruct, kind: string, name: string): ApiObject {
  const o = site.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === kind && c.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o;
}

function dc1(change: (site: Site) => void = () => undefined): App {
  const app = new App();
  change(dc1Local(app));
  return app;
}

const plan = (app: App, opts: Parameters<typeof planApp>[1] = {}) => planApp(app, { distDir: DIST, upstreamDir: UPSTREAM, ...opts });

describe('GIVEN the reference fleet and its committed dist/', () => {
  test('WHEN nothing changed THEN every site is safe with no changes, and the CLI exits 0', async () => {
    const p = plan(buildApp());
    expect(p.sites.map((s) => s.site).sort()).toEqual(['cloud-ebs', 'dc1-local', 'external-ceph', 'kubespray-flex', 'neco-hyperconverged', 'rancher-rke1', 'rook119-prod', 'rook12-csi', 'rook15-legacy']);
    for (const s of p.sites) {
      expect({ site: s.site, changes: s.changes, files: s.files, findings: s.findings }).toEqual({ site: s.site, changes: [], files: [], findings: [] });
    }
    expect(p.exitCode).toBe(0);
    expect(renderText(p)).toMatch(/site kubespray-flex: safe \(exit 0\)\n  versions: Rook 1\.7\.11, rook-ceph\/rook-ceph quay\.io\/ceph\/ceph:v16\.2\.6\n  no changes/);

    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: any) => { out.push(String(c)); return true; });
    process.exitCode = undefined;
    try {
      await buildProgram().parseAsync(['node', 'gitops-storage', 'plan', '--app', path.resolve(__dirname, '../src/main.ts'), '--dist', DIST, '--format', 'markdown']);
    } finally {
      spy.mockRestore();
    }
    expect(process.exitCode).toBe(0);
    process.exitCode = 0;
    expect(out.join('')).toMatch(/^## gitops-storage plan: ✅ safe\n\n\| site \| result \| versions \| changes \|/);
    expect(out.join('')).toMatch(/\| dc1-local \| ✅ safe \| Rook 1\.20\.6, rook-ceph\/rook-ceph quay\.io\/ceph\/ceph:v20\.2\.4 \| none \|/);
  });
});

describe('GIVEN dc1-local WHEN the Ceph image is bumped', () => {
  const bump = (s: Site) => objectOf(s, 'CephCluster', 'rook-ceph').addJsonPatch(JsonPatch.replace('/spec/cephVersion/image', 'quay.io/ceph/ceph:v20.2.4-20260818'));

  test('THEN it is a data-plane upgrade, and without a declared upgrade the plan asks for one (exit 2)', () => {
    const p = plan(dc1(bump)).sites[0];
    expect(p.changes.find((c) => c.path === 'spec.cephVersion.image')).toMatchObject({ class: 'data-plane-upgrade', kind: 'CephCluster', before: 'quay.io/ceph/ceph:v20.2.4', after: 'quay.io/ceph/ceph:v20.2.4-20260818' });
    expect(p.findings.map((f) => f.kind)).toEqual(['upgrade', 'undeclared']);
    expect(p.findings[1].detail[0]).toMatch(/site\.upgradingFrom\(\{cephImage: "quay\.io\/ceph\/ceph:v20\.2\.4"\}\)/);
    expect(p.exitCode).toBe(2);
  });

  test('THEN with site.upgradingFrom the plan passes (exit 0) and synth writes UPGRADE.md from the plan', () => {
    const app = dc1((s) => { bump(s); s.upgradingFrom({ cephImage: 'quay.io/ceph/ceph:v20.2.4' }); });
    const p = plan(app).sites[0];
    expect(p.exitCode).toBe(0);
    expect(p.files).toEqual([{ path: 'UPGRADE.md', op: 'added' }]);
    const doc = renderSite(app.node.findAll().find(Site.isSite) as Site).files.find((f) => f.path === 'UPGRADE.md')!.content;
    expect(doc).toMatch(/CephCluster rook-ceph\/rook-ceph: Ceph Tentacle v20\.2\.4 → Tentacle v20\.2\.4/);
    expect(doc).toMatch(/kubectl -n rook-ceph exec deploy\/rook-ceph-tools -- ceph status/);
    expect(doc).toMatch(/ceph health detail/);
    expect(doc).toMatch(/ceph pg stat +# every PG active\+clean/);
    expect(doc).toMatch(/ceph osd stat .*none down/);
    expect(doc).toMatch(/- wave 3 \(`30-cluster\/`, storage clusters\): \*\*CephCluster rook-ceph\/rook-ceph\*\*/);
    expect(doc).toMatch(/ceph-version/);
    expect(doc).toMatch(/## 4\. Rollback\n\n- Ceph: a Ceph upgrade cannot be rolled back once mons run the new release/);
  });

  test('THEN an image of a release Rook 1.20 does not support is refused (exit 1), naming the supported ones', () => {
    const p = plan(dc1((s) => objectOf(s, 'CephCluster', 'rook-ceph').addJsonPatch(JsonPatch.replace('/spec/cephVersion/image', 'quay.io/ceph/ceph:v20.2.0')))).sites[0];
    expect(p.exitCode).toBe(1);
    expect(p.findings[0]).toMatchObject({ kind: 'refused' });
    expect(p.findings[0].title).toMatch(/not a release Rook 1\.20\.6 supports/);
    expect(p.findings[0].detail.join('\n')).toMatch(/Squid v19\.2\.0\+, Tentacle v20\.2\.1\+/);
  });
});

describe('GIVEN kubespray-flex on Rook 1.7.11 WHEN rookVersion becomes 1.20.6 (Kubernetes 1.33) in one commit', () => {
  const p = () => plan((() => { const a = new App(); kubesprayFlex(a, { rookVersion: '1.20.6', kubernetesVersion: '1.33.0' }); return a; })()).sites[0];

  test('THEN the plan refuses (exit 1) with the one-minor-at-a-time path, the flex migration and Rook+Ceph in one commit', () => {
    const s = p();
    expect(s.exitCode).toBe(1);
    const text = renderText({ sites: [s], exitCode: s.exitCode, warnings: [] });
    expect(text).toMatch(/REFUSED {2}Rook 1\.7\.11 → 1\.20\.6 skips 12 minor releases: Rook upgrades one minor at a time/);
    expect(text).toMatch(/path: v1\.7\.11 → v1\.8\.10 → v1\.9\.13 → v1\.10\.13 → v1\.11\.11 → v1\.12\.11 → v1\.13\.10 → v1\.14\.12 → v1\.15\.9 → v1\.16\.9 → v1\.17\.9 → v1\.18\.11 → v1\.19\.10 → v1\.20\.6/);
    expect(text).toMatch(/v1\.20\.6: Kubernetes >=1\.31\.0 <1\.37\.0, Ceph Squid v19\.2\.0\+, Tentacle v20\.2\.1\+, from v1\.19\.5 or later/);
    expect(text).toMatch(/before Rook 1\.13: upgrade Ceph to Quincy/);
    expect(text).toMatch(/REFUSED {2}FlexVolume classes must be migrated before leaving Rook 1\.7 \(rook-ceph-block\)/);
    expect(text).toMatch(/notes\/flex-to-csi-migration\.md/);
    expect(text).toMatch(/REFUSED {2}Rook and Ceph versions change in the same commit[\s\S]*quay\.io\/ceph\/ceph:v16\.2\.6 → quay\.io\/ceph\/ceph:v20\.2\.4[\s\S]*cephVersion: \{ image: "quay\.io\/ceph\/ceph:v16\.2\.6" \}/);
    // and the flex class's CSI twin under the same name cannot be applied over it (how to allow is told once)
    expect(text.match(/choose how it reaches the cluster/g)).toHaveLength(1);
    expect(s.changes.find((c) => c.kind === 'StorageClass' && c.path === 'provisioner')).toMatchObject({ class: 'immutable', before: 'ceph.rook.io/block', after: 'rook-ceph.rbd.csi.ceph.com', needsAllow: true });
  });
});

describe('GIVEN dc1-local WHEN a pool changes', () => {
  test('THEN replicated size 3 → 2 is a durability change that needs an allow (exit 2), with the min_size reason', () => {
    const p = plan(dc1((s) => objectOf(s, 'CephBlockPool', 'replicapool').addJsonPatch(JsonPatch.replace('/spec/replicated/size', 2)))).sites[0];
    expect(p.changes.filter((c) => c.class !== 'safe')).toEqual([expect.objectContaining({ class: 'data-movement', kind: 'CephBlockPool', name: 'replicapool', path: 'spec.replicated.size', before: 3, after: 2, needsAllow: true })]);
    const c = p.changes.find((x) => x.path === 'spec.replicated.size')!;
    expect(c.why).toMatch(/replica count 3 → 2: fewer copies is a durability change/);
    expect(c.why).toMatch(/with min_size 2, I\/O on the affected PGs stops at the first failed OSD or host/);
    expect(c.allowedBy).toBeUndefined();
    expect(p.exitCode).toBe(2);
    expect(renderText({ sites: [p], exitCode: 2, warnings: [] })).toMatch(/site\.allowChange\(\{ kind: 'CephBlockPool', name: 'replicapool'/);
  });

  test('THEN with the pool\'s own min_size 2 the reason says I/O blocks, and site.allowChange lets it pass (exit 0)', () => {
    const lower = (s: Site) => objectOf(s, 'CephBlockPool', 'replicapool').addJsonPatch(JsonPatch.replace('/spec/replicated/size', 2), JsonPatch.add('/spec/parameters', { min_size: '2' }));
    const p = plan(dc1(lower)).sites[0];
    const c = p.changes.find((x) => x.path === 'spec.replicated.size')!;
    expect(c).toMatchObject({ needsAllow: true });
    expect(c.why).toMatch(/with min_size 2 the pool needs all 2 copies, so I\/O on the affected PGs stops at the first failed OSD or host/);
    expect(p.exitCode).toBe(2);
    const acked = plan(dc1((s) => { lower(s); s.allowChange({ kind: 'CephBlockPool', name: 'replicapool', reason: 'lab cluster, capacity over durability (TICKET-7)' }); })).sites[0];
    expect(acked.changes.find((x) => x.path === 'spec.replicated.size')!.allowedBy).toBe('site.allowChange: lab cluster, capacity over durability (TICKET-7)');
    expect(acked.exitCode).toBe(0);
  });

  test('THEN a filesystem data pool lowered 3 → 2 also needs an allow, reading that pool\'s own min_size', () => {
    const fs1 = { kind: 'CephFilesystem', metadata: { name: 'sharedfs' }, spec: { dataPools: [{ name: 'replicated', replicated: { size: 2 }, parameters: { min_size: '2' } }] } };
    const c = classifyField(fs1, { path: 'spec.dataPools[replicated].replicated.size', before: 3, after: 2 });
    expect(c).toMatchObject({ class: 'data-movement', needsAllow: true });
    expect(c.why).toMatch(/with min_size 2 the pool needs all 2 copies/);
    const meta = classifyField({ kind: 'CephObjectStore', spec: { metadataPool: { replicated: { size: 1 } } } }, { path: 'spec.metadataPool.replicated.size', before: 3, after: 1 });
    expect(meta).toMatchObject({ needsAllow: true });
    expect(meta.why).toMatch(/a single copy: any failed disk loses data/);
  });

  test('THEN more copies (3 → 4) stay data movement without an allow (exit 0)', () => {
    const p = plan(dc1((s) => objectOf(s, 'CephBlockPool', 'replicapool').addJsonPatch(JsonPatch.replace('/spec/replicated/size', 4)))).sites[0];
    expect(p.changes.find((x) => x.path === 'spec.replicated.size')).toMatchObject({ class: 'data-movement', before: 3, after: 4, needsAllow: false });
    expect(p.changes.find((x) => x.path === 'spec.replicated.size')!.why).toMatch(/replica count 3 → 4[\s\S]*backfill/);
    expect(p.exitCode).toBe(0);
  });

  test('THEN an erasure-code profile change says Ceph refuses it and needs an allow (exit 2)', () => {
    const p = plan(dc1((s) => objectOf(s, 'CephBlockPool', 'ec-data').addJsonPatch(JsonPatch.replace('/spec/erasureCoded/codingChunks', 2)))).sites[0];
    expect(p.changes[0]).toMatchObject({ class: 'data-movement', path: 'spec.erasureCoded.codingChunks', needsAllow: true });
    expect(p.changes[0].why).toMatch(/Ceph refuses this/);
    expect(p.exitCode).toBe(2);
  });

  test('THEN a removed pool is destructive (exit 2) until the site acknowledges it or --allow destructive', () => {
    const remove = (s: Site) => {
      // the EC class is ec-meta's child (ecMeta.addStorageClass), the pools the cluster's
      const cluster = s.node.findChild('cluster') as IConstruct;
      expect((cluster.node.findChild('ec-meta') as IConstruct).node.tryRemoveChild('rook-ceph-block-ec')).toBe(true);
      expect(cluster.node.tryRemoveChild('ec-data')).toBe(true);
    };
    const p = plan(dc1(remove)).sites[0];
    const pool = p.changes.find((c) => c.kind === 'CephBlockPool');
    expect(pool).toMatchObject({ class: 'destructive', op: 'removed', name: 'ec-data', namespace: 'rook-ceph', needsAllow: true });
    expect(pool!.allowedBy).toBeUndefined();
    expect(p.exitCode).toBe(2);
    expect(renderText({ sites: [p], exitCode: 2, warnings: [] })).toMatch(/DESTRUCTIVE {2}CephBlockPool rook-ceph\/ec-data {2}removed\n {6}removes a pool[^\n]*\n {6}allow it: site\.allowChange\(\{ kind: 'CephBlockPool', name: 'ec-data', namespace: 'rook-ceph', reason: '…' \}\) in the site, or --allow destructive/);

    expect(plan(dc1(remove), { allow: ['destructive'] }).exitCode).toBe(0);
    const acked = plan(dc1((s) => { remove(s); s.allowChange({ kind: 'CephBlockPool', name: 'ec-data', reason: 'EC block storage retired, volumes moved (TICKET-42)' }); })).sites[0];
    expect(acked.exitCode).toBe(0);
    expect(acked.changes.find((c) => c.kind === 'CephBlockPool')!.allowedBy).toBe('site.allowChange: EC block storage retired, volumes moved (TICKET-42)');
  });
});

describe('GIVEN dc1-local WHEN the RBD class imageFeatures change', () => {
  const features = (s: Site) => objectOf(s, 'StorageClass', 'rook-ceph-block').addJsonPatch(JsonPatch.replace('/parameters/imageFeatures', 'layering,exclusive-lock'));

  test('THEN the change is immutable and refused by default (exit 2) with the three strategies', () => {
    const p = plan(dc1(features));
    const c = p.sites[0].changes[0];
    expect(c).toMatchObject({ class: 'immutable', kind: 'StorageClass', name: 'rook-ceph-block', path: 'parameters.imageFeatures', before: 'layering', after: 'layering,exclusive-lock' });
    expect(p.exitCode).toBe(2);
    const text = renderText(p);
    expect(text).toMatch(/IMMUTABLE {2}StorageClass rook-ceph-block {2}parameters\.imageFeatures: "layering" → "layering,exclusive-lock"/);
    expect(text).toMatch(/1\. a new, versioned name: rename the object \(e\.g\. rook-ceph-block-v2\)[^\n]*strategy: 'new-name', newName: 'rook-ceph-block-v2'/);
    expect(text).toMatch(/2\. Argo CD recreates it: [^\n]*strategy: 'argocd-replace' \}\) \(this site's engine\)/);
    expect(text).toMatch(/3\. Flux recreates it: [^\n]*strategy: 'flux-force' \}\)/);
    expect(renderMarkdown(p)).toMatch(/\| immutable \| StorageClass rook-ceph-block \| `parameters\.imageFeatures`: `"layering"` → `"layering,exclusive-lock"` \|[^\n]*\| ⚠️ no \|/);
  });

  test('THEN strategy argocd-replace annotates that class Replace=true,Force=true, validates, and the plan passes', () => {
    const app = dc1((s) => { features(s); s.allowChange({ kind: 'StorageClass', name: 'rook-ceph-block', reason: 'exclusive-lock for rbd-mirror', strategy: 'argocd-replace' }); });
    const p = plan(app);
    expect(p.exitCode).toBe(0);
    expect(p.sites[0].changes.find((c) => c.class === 'immutable')).toMatchObject({ allowedBy: 'site.allowChange: exclusive-lock for rbd-mirror', strategy: 'argocd-replace' });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    const sc = r.sites[0].files.find((f) => f.path === '50-classes/storageclass_rook-ceph-block.yaml')!;
    expect(sc.content).toMatch(/argocd\.argoproj\.io\/sync-options: Replace=true,Force=true/);
    // only that object
    expect(r.sites[0].files.filter((f) => /Replace=true/.test(f.content)).map((f) => f.path)).toEqual(['50-classes/storageclass_rook-ceph-block.yaml']);
  });

  test('THEN strategy flux-force annotates that class on a Flux site, and is refused on an Argo CD site', () => {
    const fluxGitops = { engine: 'flux' as const, url: 'https://git.example.com/platform/storage.git', branch: 'main', path: './dist/dc1-local' };
    const base = tmpdir();
    synthApp((() => { const a = new App(); dc1Local(a, fluxGitops); return a; })(), { outdir: base, upstreamDir: UPSTREAM });
    const app = new App();
    const s = dc1Local(app, fluxGitops);
    features(s);
    s.allowChange({ kind: 'StorageClass', name: 'rook-ceph-block', reason: 'exclusive-lock', strategy: 'flux-force' });
    const p = planApp(app, { distDir: base, upstreamDir: UPSTREAM });
    expect(p.exitCode).toBe(0);
    const sc = p.sites[0].changes.filter((c) => c.kind === 'StorageClass');
    expect(sc.map((c) => [c.class, c.path])).toEqual([['immutable', 'parameters.imageFeatures'], ['safe', 'metadata.annotations.kustomize.toolkit.fluxcd.io/force']]);
    expect(renderSite(s).files.find((f) => f.path === '50-classes/storageclass_rook-ceph-block.yaml')!.content).toMatch(/kustomize\.toolkit\.fluxcd\.io\/force: enabled/);

    const wrong = dc1((x) => { features(x); x.allowChange({ kind: 'StorageClass', name: 'rook-ceph-block', reason: 'x y z', strategy: 'flux-force' }); });
    const e = (() => { try { renderSite(wrong.node.findAll().find(Site.isSite) as Site); } catch (err) { return err as SynthError; } throw new Error('no error'); })();
    expect(e.message).toMatch(/allowChange\(StorageClass rook-ceph-block\): strategy: strategy flux-force is for Flux sites; this site is synced by argocd[\s\S]*allowed: "argocd-replace", "new-name"/);
  });

  test('THEN strategy new-name replaces the class by its renamed twin with a migration note, and the plan passes', () => {
    const app = dc1((s) => {
      features(s);
      objectOf(s, 'StorageClass', 'rook-ceph-block').addJsonPatch(JsonPatch.replace('/metadata/name', 'rook-ceph-block-v2'));
      s.allowChange({ kind: 'StorageClass', name: 'rook-ceph-block', reason: 'exclusive-lock', strategy: 'new-name', newName: 'rook-ceph-block-v2' });
    });
    const p = plan(app).sites[0];
    expect(p.exitCode).toBe(0);
    expect(p.changes.filter((c) => c.kind === 'StorageClass').map((c) => [c.op, c.name, c.class, c.allowedBy ?? ''])).toEqual([
      ['removed', 'rook-ceph-block', 'immutable', 'site.allowChange: exclusive-lock'],
      ['added', 'rook-ceph-block-v2', 'safe', ''],
    ]);
    expect(p.files).toEqual([{ path: 'notes/migrate-storageclass-rook-ceph-block.md', op: 'added' }]);
    const note = renderSite(app.node.findAll().find(Site.isSite) as Site).files.find((f) => f.path === 'notes/migrate-storageclass-rook-ceph-block.md')!.content;
    expect(note).toMatch(/# Migration: StorageClass rook-ceph-block → rook-ceph-block-v2/);
    expect(note).toMatch(/Bound volumes of `rook-ceph-block` keep working/);
    expect(note).toMatch(/`rook-ceph-block-v2` is the default class now/);

    // new-name without the rename is an error that says to rename
    const notRenamed = dc1((s) => s.allowChange({ kind: 'StorageClass', name: 'rook-ceph-block', reason: 'x y z', strategy: 'new-name', newName: 'rook-ceph-block-v2' }));
    expect(() => renderSite(notRenamed.node.findAll().find(Site.isSite) as Site)).toThrow(/no StorageClass "rook-ceph-block-v2" in this site[\s\S]*fix: set the construct's name to "rook-ceph-block-v2"/);
  });

  test('THEN synth still warns about the unacknowledged change, naming site.allowChange', () => {
    const out = tmpdir();
    fs.cpSync(path.join(DIST, 'dc1-local'), path.join(out, 'dc1-local'), { recursive: true });
    const w = synthApp(dc1(features), { outdir: out, write: false, upstreamDir: UPSTREAM }).warnings;
    expect(w).toEqual([expect.stringMatching(/dc1-local: StorageClass rook-ceph-block: parameters changed[\s\S]*site\.allowChange\(\{ kind: 'StorageClass', name: 'rook-ceph-block'/)]);
  });
});

describe('GIVEN a declared upgrade that is not an upgrade path', () => {
  test('WHEN the site says it runs Rook 1.7.11 and pins 1.20.6 THEN synth refuses with the path', () => {
    const app = dc1((s) => s.upgradingFrom({ rookVersion: '1.7.11' }));
    expect(() => renderSite(app.node.findAll().find(Site.isSite) as Site)).toThrow(/dc1-local: upgradingFrom: Rook 1\.7\.11 → 1\.20\.6 skips 12 minor releases[\s\S]*path: v1\.7\.11 → v1\.8\.10/);
  });

  test('WHEN upgradingFrom names no version THEN it is a ConfigError with the fix', () => {
    const e = configError(() => dc1((s) => s.upgradingFrom({})));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/upgradingFrom names no version[\s\S]*fix: name the version the cluster runs now/);
  });
});

describe('GIVEN --base <git ref>', () => {
  test('WHEN the plan reads dist/ at HEAD THEN it sees the same committed sites as the working tree', () => {
    const p = plan(dc1(), { baseRef: 'HEAD' });
    expect(p.sites[0].isNew).toBe(false);
    expect(p.sites[0].changes).toEqual([]);
    expect(() => plan(dc1(), { baseRef: 'no-such-ref-xyz' })).toThrow(/--base: git rev-parse --verify failed[\s\S]*fix: run plan inside the git repository/);
  });
});

describe('GIVEN an acknowledgement that no change needs', () => {
  test('WHEN the plan runs THEN it is safe and says to remove the stale site.allowChange', () => {
    const p = plan(dc1((s) => s.allowChange({ kind: 'CephBlockPool', name: 'ec-data', reason: 'retire EC pool' })));
    expect(p.exitCode).toBe(0);
    expect(p.sites[0].unusedAllows).toEqual(["site.allowChange({ kind: 'CephBlockPool', name: 'ec-data' })"]);
    expect(renderText(p)).toMatch(/note: site\.allowChange\(\{ kind: 'CephBlockPool', name: 'ec-data' \}\) matches no change of this plan \(synced already\?\): remove it/);
  });
});

describe('GIVEN dc1-local WHEN day-2 settings change', () => {
  test('THEN a CSI Driver setting is a rolling restart naming the CSI pods, and confirmDataDestruction() is destructive', () => {
    const p = plan(dc1((s) => {
      objectOf(s, 'Driver', 'rook-ceph.rbd.csi.ceph.com').addJsonPatch(JsonPatch.replace('/spec/fsGroupPolicy', 'None'));
      (s.node.findChild('cluster') as import('../src').RookCluster).confirmDataDestruction();
    })).sites[0];
    expect(p.changes.find((c) => c.kind === 'Driver')).toMatchObject({ class: 'rolling-restart', path: 'spec.fsGroupPolicy', restarts: 'the CSI plugin DaemonSets and provisioner Deployments', needsAllow: false });
    const cleanup = p.changes.find((c) => c.kind === 'CephCluster' && /^spec\.cleanupPolicy/.test(c.path ?? ''));
    expect(cleanup).toMatchObject({ class: 'destructive', needsAllow: true });
    expect(cleanup!.why).toMatch(/confirmDataDestruction\(\)[\s\S]*wipes dataDirHostPath and the OSD disks/);
    expect(p.exitCode).toBe(2);
  });
});

describe('GIVEN kubespray-flex, upgraded outside this repository to Rook 1.19.10 and Ceph Squid', () => {
  test('WHEN the site moves to 1.20.6 and declares what the cluster runs THEN the Rook step passes the rules and UPGRADE.md carries the Rook runbook', () => {
    const app = new App();
    const s = kubesprayFlex(app, { rookVersion: '1.20.6', kubernetesVersion: '1.33.0' });
    objectOf(s, 'CephCluster', 'rook-ceph').addJsonPatch(JsonPatch.replace('/spec/cephVersion/image', 'quay.io/ceph/ceph:v19.2.3'));
    s.upgradingFrom({ rookVersion: '1.19.10', cephImage: 'quay.io/ceph/ceph:v19.2.3' });
    const p = plan(app).sites[0];
    expect(p.findings.map((f) => [f.kind, f.title])).toEqual([
      ['note', 'the site declares the cluster runs Rook 1.19.10 (committed: 1.7.11), Ceph quay.io/ceph/ceph:v19.2.3 (committed: quay.io/ceph/ceph:v16.2.6)'],
      ['upgrade', 'Rook 1.19.10 → 1.20.6'],
      ['note', 'CRD changes from Rook v1.19.10 to v1.20.6 (kinds this site uses)'],
    ]);
    // the flex class's CSI twin under the same name still needs a strategy
    expect(p.exitCode).toBe(2);
    const doc = renderSite(s).files.find((f) => f.path === 'UPGRADE.md')!.content;
    expect(doc).toMatch(/- \*\*Rook 1\.19\.10 → 1\.20\.6\*\*/);
    expect(doc).toMatch(/- wave 1 \(`10-operator\/`, operators and their RBAC\): \*\*Application argocd\/kubespray-flex-rook-ceph-operator\*\*/);
    expect(doc).toMatch(/kubectl -n rook-ceph rollout status deploy\/rook-ceph-operator/);
    expect(doc).toMatch(/rook-version/);
    expect(doc).toMatch(/- Rook: revert this commit while the operator has not yet updated the Ceph daemons/);
  });
});

describe('GIVEN immutable fields beyond StorageClass', () => {
  test('WHEN an OSD device-set PVC template or a VolumeSnapshotClass deletionPolicy changes THEN each is immutable and needs an allow', () => {
    const neco = new App();
    const site = necoHyperconverged(neco);
    objectOf(site, 'CephCluster', 'ceph-hyperconverged').addJsonPatch(JsonPatch.replace('/spec/storage/storageClassDeviceSets/0/volumeClaimTemplates/0/spec/resources/requests/storage', '2Ti'));
    const n = plan(neco).sites[0];
    expect(n.changes[0]).toMatchObject({ class: 'immutable', path: 'spec.storage.storageClassDeviceSets[nvme].volumeClaimTemplates[0].spec.resources.requests.storage', before: '1Ti', after: '2Ti', needsAllow: true });
    expect(n.changes[0].why).toMatch(/PVC template of a device set/);
    expect(n.exitCode).toBe(2);

    const d = plan(dc1((s) => objectOf(s, 'VolumeSnapshotClass', 'csi-rbdplugin-snapclass').addJsonPatch(JsonPatch.replace('/deletionPolicy', 'Retain')))).sites[0];
    expect(d.changes[0]).toMatchObject({ class: 'immutable', kind: 'VolumeSnapshotClass', path: 'deletionPolicy', before: 'Delete', after: 'Retain' });
  });
});

describe('GIVEN a git repository with a committed dist/ (plan without --base compares with HEAD)', () => {
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  function lab(app: App, size: number): void {
    const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', nodes: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    new RookCluster(site, 'cluster', { storage: { useAllNodes: true, useAllDevices: true } }).addPool('replicapool', { replicated: { size } });
  }
  /** The CLI's plan on an app module of the repository (a new module file each time: require caches modules). */
  async function cliPlan(dir: string, size: number, ...flags: string[]): Promise<string> {
    const mod = path.join(dir, `app-${size}-${flags.join('')}.js`);
    (global as any).__gsPlanLab = (n: number) => { const app = new StorageApp({ distDir: path.join(dir, 'dist') }); lab(app, n); app.synth(); };
    fs.writeFileSync(mod, `global.__gsPlanLab(${size});\n`);
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: any) => { out.push(String(c)); return true; });
    try {
      await buildProgram().parseAsync(['node', 'gitops-storage', 'plan', '--app', mod, '--dist', path.join(dir, 'dist'), ...flags]);
    } finally {
      spy.mockRestore();
      process.exitCode = 0;
    }
    return out.join('');
  }
  const synthLab = (dir: string, size: number) => {
    const app = new App();
    lab(app, size);
    synthApp(app, { outdir: path.join(dir, 'dist'), upstreamDir: UPSTREAM });
  };

  test('WHEN a change was synthesized but not committed THEN plan shows it against HEAD and names that base; --worktree compares with the files on disk', async () => {
    const dir = tmpdir();
    git(dir, 'init', '-q');
    synthLab(dir, 3);
    git(dir, 'add', 'dist');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'first site');
    const head = git(dir, 'rev-parse', '--short', 'HEAD');
    synthLab(dir, 2); // npm run synth after the edit: dist/ on disk is the new output
    const text = await cliPlan(dir, 2);
    expect(text).toMatch(new RegExp(`^compared with .*dist/ as committed at HEAD \\(${head}\\)`));
    expect(text).toMatch(/CephBlockPool rook-ceph\/replicapool {2}spec\.replicated\.size: 3 → 2/);
    const onDisk = await cliPlan(dir, 2, '--worktree');
    expect(onDisk).toMatch(/^compared with .*dist\/ in the working tree \(--worktree\)\n/);
    expect(onDisk).toMatch(/site lab: safe \(exit 0\)[\s\S]*no changes/);
    const md = await cliPlan(dir, 2, '--format', 'markdown');
    expect(md).toMatch(new RegExp(`\\n_compared with .*dist/ as committed at HEAD \\(${head}\\).*_\\n$`));
  });

  test('WHEN the repository has no commit yet THEN every site is new; outside git the working tree is the base', () => {
    const fresh = tmpdir();
    git(fresh, 'init', '-q');
    synthLab(fresh, 3);
    const base = planBase(path.join(fresh, 'dist'));
    expect(base).toMatchObject({ empty: true, description: 'nothing: the git repository has no commit yet, so every site is new' });
    const app = new App();
    lab(app, 3);
    expect(planApp(app, { distDir: path.join(fresh, 'dist'), emptyBase: base.empty, upstreamDir: UPSTREAM }).sites.map((s) => [s.site, s.isNew])).toEqual([['lab', true]]);
    const outside = tmpdir();
    expect(planBase(path.join(outside, 'dist')).description).toMatch(/dist\/ in the working tree \(not in a git repository\)$/);
    expect(planBase(path.join(outside, 'dist')).ref).toBeUndefined();
  });
});
