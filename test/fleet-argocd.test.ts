/**
 * Issue 13, a fleet on Argo CD hub-and-spoke: sites with a destination become elements of one ApplicationSet in
 * dist/_fleet/argocd/, and each site folder holds the per-layer Applications the hub syncs to the spoke.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephCsi, CephRbdStorageClass, GitOpsProps, RookCluster, RookOperator, Site, synthApp } from '../src';
import { configError, expectHelpful, nonEmpty, synthError, UPSTREAM } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';
const WAVE = 'argocd.argoproj.io/sync-wave';

function storageSite(app: App, name: string, gitops: GitOpsProps, namespace = 'rook-ceph'): Site {
  const site = new Site(app, name, { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', gitops, nodes: [{ name: `${name}-a` }, { name: `${name}-b` }, { name: `${name}-c` }] });
  const operator = new RookOperator(site, 'operator', { namespace });
  new CephCsi(site, 'csi', { operator });
  const cluster = new RookCluster(site, 'cluster', { name: 'rook-ceph', namespace, operatorNamespace: namespace, storage: { useAllNodes: true, useAllDevices: true } });
  const pool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });
  new CephRbdStorageClass(site, 'rook-ceph-block', { pool, isDefault: true });
  return site;
}

const argo = (destination: { name: string } | { server: string }, project = 'storage'): GitOpsProps => ({ engine: 'argocd', repoURL: REPO, destination, project });

describe('GIVEN three sites on one hub Argo CD, each with its own destination', () => {
  const app = new App();
  storageSite(app, 'dc1', argo({ name: 'dc1' }));
  storageSite(app, 'dc2', argo({ name: 'dc2' }));
  storageSite(app, 'edge-7', argo({ server: 'https://edge-7.k8s.example.com:6443' }, 'edge'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-argo-'));
  const r = synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
  const appSet = r.fleet!.files.find((f) => f.path === 'argocd/applicationset_storage-fleet.yaml')!.objects[0];

  test('WHEN synthesized with strict validation THEN ONE ApplicationSet is written to dist/_fleet/argocd/ and every object is valid', () => {
    expect(r.fleet!.files.filter((f) => f.objects.some((o) => o.kind === 'ApplicationSet'))).toHaveLength(1);
    expect(fs.existsSync(path.join(out, '_fleet', 'argocd', 'applicationset_storage-fleet.yaml'))).toBe(true);
    expect(r.results.filter((x) => x.kind === 'ApplicationSet').map((x) => x.status)).toEqual(['statusValid']);
    expect(r.results.every((x) => x.status === 'statusValid')).toBe(true);
  });

  test('WHEN the list generator is read THEN it has one element per site with its project and the path of its per-layer Applications', () => {
    expect(appSet.spec.generators[0].list.elements).toEqual([
      { site: 'dc1', appName: 'dc1-storage', project: 'storage', repoURL: REPO, targetRevision: 'main', path: 'dist/dc1/gitops/apps' },
      { site: 'dc2', appName: 'dc2-storage', project: 'storage', repoURL: REPO, targetRevision: 'main', path: 'dist/dc2/gitops/apps' },
      { site: 'edge-7', appName: 'edge-7-storage', project: 'edge', repoURL: REPO, targetRevision: 'main', path: 'dist/edge-7/gitops/apps' },
    ]);
    expect(appSet.spec.template.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
    expect(appSet.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
  });

  test('WHEN a site folder is read THEN it holds one Application per layer aimed at its cluster, in the layer\'s sync wave, and no hand-applied site Application', () => {
    const dc1 = r.sites.find((s) => s.site.siteName === 'dc1')!;
    const apps = dc1.files.filter((f) => f.path.startsWith('gitops/apps/')).map((f) => f.objects[0]);
    const layerApps = apps.filter((a) => !a.spec.source.chart);
    expect(layerApps.map((a) => [a.metadata.name, a.metadata.annotations[WAVE], a.spec.source.path])).toEqual([
      ['dc1-classes', '5', 'dist/dc1/50-classes'],
      ['dc1-cluster', '3', 'dist/dc1/30-cluster'],
      ['dc1-crds', '0', 'dist/dc1/00-crds'],
      ['dc1-csi', '2', 'dist/dc1/20-csi'],
      ['dc1-pools', '4', 'dist/dc1/40-pools'],
    ]);
    for (const a of layerApps) expect(a.spec.destination).toEqual({ name: 'dc1' });
    expect(dc1.files.some((f) => f.path === 'gitops/application_dc1-storage.yaml')).toBe(false);
    const edge = r.sites.find((s) => s.site.siteName === 'edge-7')!;
    for (const f of nonEmpty(edge.files.filter((x) => x.path.startsWith('gitops/apps/')), 'edge-7 hub Application')) expect(f.objects[0].spec.destination.server).toBe('https://edge-7.k8s.example.com:6443');
  });

  test('WHEN the operator\'s Helm Application is looked for THEN it lives in the hub (gitops/apps/) aimed at the spoke, not in a layer folder the spoke receives', () => {
    const dc1 = r.sites.find((s) => s.site.siteName === 'dc1')!;
    const helm = dc1.files.find((f) => f.path === 'gitops/apps/application_dc1-rook-ceph-operator.yaml')!.objects[0];
    expect(helm.spec.destination).toEqual({ name: 'dc1', namespace: 'rook-ceph' });
    expect(helm.metadata.annotations[WAVE]).toBe('1');
    expect(dc1.files.filter((f) => !f.path.startsWith('gitops/')).flatMap((f) => f.objects).some((o) => o.kind === 'Application')).toBe(false);
  });
});

describe('GIVEN hub-and-spoke sites with bad input', () => {
  test('WHEN two sites sync to the same cluster and namespace THEN synth names both, the destination and the fix, and writes nothing', () => {
    const app = new App();
    storageSite(app, 'dc1', argo({ name: 'dc1' }));
    storageSite(app, 'dc1-again', argo({ name: 'dc1' }));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-dup-'));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: /dc1-again: gitops\.destination\.name/, value: /Argo CD cluster "dc1"/, allowed: /one site per cluster and namespace/, fix: /destination of its own cluster|namespaces of their own/ });
    expect(e.message).toMatch(/"rook-ceph"/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN two sites share a cluster but not a namespace THEN both are written', () => {
    const app = new App();
    storageSite(app, 'dc1', argo({ name: 'dc1' }));
    storageSite(app, 'dc1-b', argo({ name: 'dc1' }), 'rook-ceph-b');
    expect(() => synthApp(app, { write: false, validate: false })).not.toThrow();
  });

  test('WHEN a plain site names a destination THEN the error says a destination needs Argo CD', () => {
    const e = configError(() => new Site(new App(), 'dc1', { kubernetesVersion: '1.33.0', gitops: { engine: 'plain', destination: { name: 'dc1' } } as any }));
    expectHelpful(e.message, { path: /site dc1: gitops\.destination/, value: /dc1/, allowed: /engine 'argocd'/, fix: /remove destination/ });
  });

  test('WHEN a destination cluster name is not DNS-1123 THEN the error shows the name and a suggestion', () => {
    const e = configError(() => new Site(new App(), 'dc1', { kubernetesVersion: '1.33.0', gitops: argo({ name: 'DC_1' }) }));
    expectHelpful(e.message, { path: /gitops\.destination\.name/, value: /DC_1/, allowed: /lower-case letters/, fix: /dc-1/ });
  });

  test('WHEN a destination server is not an https URL THEN the error says what is allowed', () => {
    const e = configError(() => new Site(new App(), 'dc1', { kubernetesVersion: '1.33.0', gitops: argo({ server: 'dc1.example.com' }) }));
    expectHelpful(e.message, { path: /gitops\.destination\.server/, value: /dc1\.example\.com/, allowed: /https URL/, fix: /API server URL/ });
  });
});
