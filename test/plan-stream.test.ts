/**
 * Issue 13: `plan` over a fleet streams site by site (render, validate, compare with the committed folder, keep the
 * plan). GIVEN a fleet with a committed dist/ WHEN it is planned THEN the plans, problems and warnings are those of a
 * full synth followed by a comparison of every site, and the app can still be synthesized afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, JsonPatch } from 'cdk8s';
import { CephBlockPool, CephCsi, CephRbdStorageClass, Fleet, FleetRowProps, RookCluster, RookOperator, Site, synthApp, SynthError } from '../src';
import { planApp, planSite } from '../src/pipeline/plan';
import { readSiteDir } from '../src/plan/snapshot';
import { UPSTREAM } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';

function rows(n: number): FleetRowProps[] {
  return Array.from({ length: n }, (_, i) => ({ name: `dc${i}`, kubernetesVersion: '1.33.0', rookVersion: '1.20.6', nodes: [`dc${i}-a`, `dc${i}-b`, `dc${i}-c`], destination: { name: `dc${i}` } }));
}

function fleetApp(replicas: (site: string) => number, twist: (site: Site) => void = () => undefined): App {
  const app = new App();
  new Fleet(app, 'fleet', {
    gitops: { engine: 'argocd', repoURL: REPO },
    sites: rows(4),
    build: (site) => {
      const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
      new CephCsi(site, 'csi', { operator });
      const cluster = new RookCluster(site, 'cluster', { name: 'rook-ceph', namespace: 'rook-ceph', storage: { useAllNodes: true, useAllDevices: true } });
      const pool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: replicas(site.siteName) } });
      new CephRbdStorageClass(site, 'rook-ceph-block', { pool, isDefault: true });
      twist(site);
    },
  });
  return app;
}

const poolOf = (site: Site) => site.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'CephBlockPool')!;

/** The plan as it was computed before streaming: one full synth, then every site compared. */
function planAfterFullSynth(app: App, distDir: string) {
  const r = synthApp(app, { outdir: distDir, write: false, upstreamDir: UPSTREAM });
  return r.sites.map((s) => planSite(readSiteDir(distDir, s.site.siteName), s));
}

function problemsOf(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof SynthError) return e.problems;
    throw e;
  }
  throw new Error('expected a SynthError');
}

describe('GIVEN a fleet of four sites whose dist/ is committed with replicated size 3', () => {
  const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-plan-stream-')), 'dist');
  synthApp(fleetApp(() => 3), { outdir: dist, upstreamDir: UPSTREAM });

  test('WHEN two of the four sites change their pool size THEN the streamed plan equals a full synth compared site by site', () => {
    const changed = (s: string) => (s === 'dc1' || s === 'dc3' ? 2 : 3);
    const streamed = planApp(fleetApp(changed), { distDir: dist, upstreamDir: UPSTREAM });
    expect(streamed.sites).toEqual(planAfterFullSynth(fleetApp(changed), dist));
    expect(streamed.sites.map((s) => [s.site, s.changes.map((c) => `${c.class} ${c.kind} ${c.path}`)])).toEqual([
      ['dc0', []],
      ['dc1', ['data-movement CephBlockPool spec.replicated.size']],
      ['dc2', []],
      ['dc3', ['data-movement CephBlockPool spec.replicated.size']],
    ]);
    // 3 → 2 is fewer copies: a durability change waiting for site.allowChange in both sites
    expect(streamed.sites.map((s) => s.exitCode)).toEqual([0, 2, 0, 2]);
    expect(streamed.exitCode).toBe(2);
  });

  test('WHEN the app was planned THEN it is not consumed: synth of the same app writes what a fresh app writes', () => {
    const app = fleetApp(() => 3);
    planApp(app, { distDir: dist, upstreamDir: UPSTREAM });
    const again = synthApp(app, { outdir: dist, write: false, upstreamDir: UPSTREAM });
    const fresh = synthApp(fleetApp(() => 3), { outdir: dist, write: false, upstreamDir: UPSTREAM });
    expect(again.sites.map((s) => s.files.map((f) => [f.path, f.content]))).toEqual(fresh.sites.map((s) => s.files.map((f) => [f.path, f.content])));
  });

  test('WHEN two sites have invalid objects THEN plan fails with the problems synth reports, in the same order', () => {
    const bad = (site: Site) => { if (site.siteName === 'dc0' || site.siteName === 'dc2') poolOf(site).addJsonPatch(JsonPatch.replace('/spec/replicated/size', 'three')); };
    const fromPlan = problemsOf(() => planApp(fleetApp(() => 3, bad), { distDir: dist, upstreamDir: UPSTREAM }));
    expect(fromPlan).toEqual(problemsOf(() => synthApp(fleetApp(() => 3, bad), { outdir: dist, write: false, upstreamDir: UPSTREAM })));
    expect(fromPlan.map((p) => p.split(' ')[0])).toEqual(['dc0/40-pools/cephblockpool_rook-ceph_replicapool.yaml', 'dc2/40-pools/cephblockpool_rook-ceph_replicapool.yaml']);
  });

  test('WHEN one site fails a construct check and another has an invalid object THEN plan reports only the check, as synth does', () => {
    const twist = (site: Site) => {
      if (site.siteName === 'dc1') poolOf(site).addJsonPatch(JsonPatch.replace('/spec/replicated/size', 'three'));
      if (site.siteName === 'dc3') new CephRbdStorageClass(site, 'second-default', { pool: site.findAll(CephBlockPool)[0], isDefault: true });
    };
    const fromPlan = problemsOf(() => planApp(fleetApp(() => 3, twist), { distDir: dist, upstreamDir: UPSTREAM }));
    expect(fromPlan).toEqual(problemsOf(() => synthApp(fleetApp(() => 3, twist), { outdir: dist, write: false, upstreamDir: UPSTREAM })));
    expect(fromPlan.join('\n')).toMatch(/dc3/);
    expect(fromPlan.join('\n')).not.toMatch(/dc1/);
  });
});
