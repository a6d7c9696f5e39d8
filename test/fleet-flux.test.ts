/**
 * Issue 13, a fleet on Flux: a management cluster applies each site's GitRepository and Kustomizations
 * (dist/_fleet/flux/<site>/), which reconcile the site's cluster through a kubeconfig Secret reference, or act as a
 * tenant's ServiceAccount.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephCsi, CephRbdStorageClass, GitOpsProps, RookCluster, RookOperator, Site, synthApp } from '../src';
import { configError, expectHelpful, synthError, UPSTREAM } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';

function storageSite(app: App, name: string, gitops: GitOpsProps): Site {
  const site = new Site(app, name, { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', gitops, nodes: [{ name: `${name}-a` }, { name: `${name}-b` }, { name: `${name}-c` }] });
  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator });
  const cluster = new RookCluster(site, 'cluster', { name: 'rook-ceph', namespace: 'rook-ceph', storage: { useAllNodes: true, useAllDevices: true } });
  const pool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });
  new CephRbdStorageClass(site, 'rook-ceph-block', { pool, isDefault: true });
  return site;
}

const flux = (extra: Partial<Extract<GitOpsProps, { engine: 'flux' }>>): GitOpsProps => ({ engine: 'flux', url: REPO, ...extra });

describe('GIVEN two remote sites and a tenant site reconciled from one Flux management cluster', () => {
  const app = new App();
  storageSite(app, 'dc1', flux({ kubeConfigSecretRef: 'dc1-kubeconfig' }));
  storageSite(app, 'dc2', flux({ kubeConfigSecretRef: 'dc2-kubeconfig', dependsOn: { cluster: ['flux-system/snapshot-controller'] } }));
  storageSite(app, 'team-a', flux({ serviceAccountName: 'team-a-storage' }));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-flux-'));
  const r = synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
  const fleet = (p: string) => r.fleet!.files.find((f) => f.path === p)!.objects[0];
  const kustomizations = (site: string) => r.fleet!.files.filter((f) => f.path.startsWith(`flux/${site}/kustomization_`)).map((f) => f.objects[0]);

  test('WHEN synthesized with strict validation THEN every object, dist/_fleet/ included, is valid and written', () => {
    expect(r.results.every((x) => x.status === 'statusValid')).toBe(true);
    expect(r.results.filter((x) => x.filename.startsWith('_fleet/flux/')).length).toBeGreaterThan(10);
    expect(fs.readdirSync(path.join(out, '_fleet', 'flux')).sort()).toEqual(['dc1', 'dc2', 'team-a']);
    expect(fs.existsSync(path.join(out, 'dc1', 'gitops', 'kustomization_dc1-crds.yaml'))).toBe(false);
  });

  test('WHEN the Kustomizations of a remote site are read THEN each site layer reaches the site cluster through the kubeconfig Secret and waits for the previous one', () => {
    const ks = kustomizations('dc1');
    const order = ['dc1-crds', 'dc1-operator', 'dc1-csi', 'dc1-cluster', 'dc1-pools', 'dc1-classes'];
    expect(ks.map((k) => k.metadata.name).sort()).toEqual([...order].sort());
    for (const [i, name] of order.entries()) {
      const k = ks.find((x) => x.metadata.name === name)!;
      expect(k.metadata.namespace).toBe('flux-system');
      expect(k.spec.dependsOn).toEqual(i === 0 ? undefined : [{ name: order[i - 1] }]);
      expect(k.spec.targetNamespace).toBeUndefined();
    }
    const remote = ks.filter((k) => k.metadata.name !== 'dc1-operator');
    for (const k of remote) {
      expect(k.spec.kubeConfig).toEqual({ secretRef: { name: 'dc1-kubeconfig' } });
      expect(k.spec.path).toBe(`./dist/dc1/${k.spec.path.split('/').pop()}`);
    }
    expect(fleet('flux/dc1/gitrepository_dc1.yaml').spec.url).toBe(REPO);
  });

  test('WHEN the operator is the upstream Helm chart THEN its HelmRelease is held by the management cluster and installs into the site cluster', () => {
    const op = kustomizations('dc1').find((k) => k.metadata.name === 'dc1-operator')!;
    expect(op.spec.path).toBe('./dist/dc1/gitops/hub/10-operator');
    expect(op.spec.kubeConfig).toBeUndefined();
    const dc1 = r.sites.find((s) => s.site.siteName === 'dc1')!;
    const release = dc1.files.find((f) => f.path === 'gitops/hub/10-operator/helmrelease_dc1-rook-ceph.yaml')!.objects[0];
    expect(release.metadata).toMatchObject({ name: 'dc1-rook-ceph', namespace: 'flux-system' });
    expect(release.spec).toMatchObject({ releaseName: 'rook-ceph', targetNamespace: 'rook-ceph', storageNamespace: 'rook-ceph', kubeConfig: { secretRef: { name: 'dc1-kubeconfig' } } });
    expect(release.spec.chart.spec.sourceRef).toEqual({ kind: 'HelmRepository', name: 'dc1-rook-release' });
    expect(dc1.files.some((f) => f.path === 'gitops/hub/10-operator/helmrepository_dc1-rook-release.yaml')).toBe(true);
  });

  test('WHEN a site adds a dependency of its own THEN it joins the chain of that layer', () => {
    const k = kustomizations('dc2').find((x) => x.metadata.name === 'dc2-cluster')!;
    expect(k.spec.dependsOn).toEqual([{ name: 'dc2-csi' }, { namespace: 'flux-system', name: 'snapshot-controller' }]);
  });

  test('WHEN a tenant site is read THEN its Kustomizations act as the tenant\'s ServiceAccount in the management cluster, with no kubeconfig', () => {
    const ks = kustomizations('team-a');
    expect(ks.length).toBeGreaterThan(4);
    for (const k of ks) {
      expect(k.spec.serviceAccountName).toBe('team-a-storage');
      expect(k.spec.kubeConfig).toBeUndefined();
    }
    const team = r.sites.find((s) => s.site.siteName === 'team-a')!;
    expect(team.files.some((f) => f.path.startsWith('10-operator/helmrelease_'))).toBe(true);
  });
});

describe('GIVEN Flux fleet sites with bad input', () => {
  test('WHEN two sites use the same kubeconfig Secret and namespace THEN synth names both and writes nothing', () => {
    const app = new App();
    storageSite(app, 'dc1', flux({ kubeConfigSecretRef: 'dc1-kubeconfig' }));
    storageSite(app, 'dc1-copy', flux({ kubeConfigSecretRef: 'dc1-kubeconfig' }));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-flux-dup-'));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: /dc1-copy: gitops\.kubeConfigSecretRef/, value: /flux-system\/dc1-kubeconfig/, allowed: /one site per cluster and namespace/, fix: /own cluster/ });
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN the kubeconfig Secret name is not DNS-1123 THEN the error shows it and a fix', () => {
    const e = configError(() => new Site(new App(), 'dc1', { kubernetesVersion: '1.33.0', gitops: flux({ kubeConfigSecretRef: 'DC1 Kubeconfig' }) }));
    expectHelpful(e.message, { path: /gitops\.kubeConfigSecretRef/, value: /DC1 Kubeconfig/, allowed: /lower-case/, fix: /dc1-kubeconfig/ });
  });
});
