/**
 * The one ordering model rendered for Argo CD, Flux and plain kubectl, and the bad inputs of issue 3
 * that concern it: a CR before its CRD (impossible to express), Flux dependsOn on a missing layer,
 * an Argo repo URL that is not a URL.
 */
import { ApiObject, App } from 'cdk8s';
import { GitOpsProps, place, RookCluster, RookOperator, Site, synthApp } from '../src';
import { checkLayering } from '../src/gitops/render';
import { LAYERS } from '../src/site/layers';
import { dc1Local } from '../src/sites/dc1-local';
import { renderSite } from '../src/pipeline/synth';
import { configError, expectHelpful, manifests, newSite, nonEmpty, synthError, testWithUpstream, UPSTREAM, upstreamPath } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';
const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTS = 'argocd.argoproj.io/sync-options';

function fluxDc1(extra: Record<string, unknown> = {}): { app: App; site: Site } {
  const app = new App();
  const site = dc1Local(app, { engine: 'flux', url: REPO, path: 'dist/dc1-local', ...extra } as GitOpsProps);
  return { app, site };
}

describe('GIVEN dc1-local on Argo CD', () => {
  const site = dc1Local(new App());
  const files = renderSite(site).files;
  const objs = files.filter((f) => !f.path.startsWith('gitops/')).flatMap((f) => f.objects);

  test('THEN every object carries the sync wave of its layer', () => {
    for (const f of nonEmpty(files.filter((x) => !x.path.startsWith('gitops/') && x.objects.length), 'layer file with objects')) {
      const layer = LAYERS.find((l) => f.path.startsWith(l.dir + '/'))!;
      expect(f.objects[0].metadata.annotations[WAVE]).toBe(String(layer.order));
    }
  });

  test('THEN data-bearing objects (namespace, CephCluster, pools) get Prune=false,Delete=false and classes do not', () => {
    const optsOf = (m: any) => String(m.metadata.annotations?.[OPTS] ?? '');
    for (const kind of ['Namespace', 'CephCluster', 'CephBlockPool']) {
      for (const m of nonEmpty(objs.filter((x) => x.kind === kind), kind)) expect(optsOf(m)).toMatch(/Prune=false,Delete=false/);
    }
    for (const kind of ['StorageClass', 'Deployment']) {
      for (const m of nonEmpty(objs.filter((x) => x.kind === kind), kind)) expect(optsOf(m)).not.toMatch(/Prune=false/);
    }
  });

  test('THEN Rook and CSI custom resources skip the dry run, because their CRDs arrive with the operator chart in the same sync', () => {
    for (const m of nonEmpty(objs.filter((x) => /ceph\.rook\.io|csi\.ceph\.io/.test(x.apiVersion)), 'Rook or CSI custom resource')) {
      expect(m.metadata.annotations[OPTS]).toMatch(/SkipDryRunOnMissingResource=true/);
    }
  });

  test('THEN the operator is a Helm Application of chart rook-ceph at the site\'s Rook version, applied server-side', () => {
    const app = objs.find((m) => m.kind === 'Application')!;
    expect(app.spec.source).toMatchObject({ repoURL: 'https://charts.rook.io/release', chart: 'rook-ceph', targetRevision: 'v1.20.6' });
    expect(app.spec.source.helm.valuesObject.crds).toEqual({ enabled: true });
    expect(app.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    expect(app.metadata.annotations[WAVE]).toBe('1');
  });

  test('THEN an Application for the site reads dist/dc1-local and excludes its own gitops/ and host/ folders', () => {
    const app = files.find((f) => f.path === 'gitops/application_dc1-local-storage.yaml')!.objects[0];
    expect(app.spec.source).toMatchObject({ repoURL: REPO, targetRevision: 'main', path: 'dist/dc1-local', directory: { recurse: true, exclude: '{gitops/**,host/**}' } });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  test('THEN health checks for CephCluster, CephBlockPool, CephFilesystem and child Applications are emitted as artifacts', () => {
    const lua = files.filter((f) => f.path.startsWith('gitops/argocd-health/')).map((f) => f.path);
    expect(lua).toEqual(expect.arrayContaining(['gitops/argocd-health/ceph.rook.io_CephCluster.lua', 'gitops/argocd-health/ceph.rook.io_CephBlockPool.lua', 'gitops/argocd-health/ceph.rook.io_CephFilesystem.lua']));
    expect(files.find((f) => f.path.endsWith('CephCluster.lua'))!.content).toMatch(/HEALTH_ERR/);
  });
});

describe('GIVEN the Argo CD ordering', () => {
  testWithUpstream('WHEN the operator is vendored THEN CRDs are applied server-side in wave 0 and every CR of their groups comes in a later wave', () => {
    const { site } = newSite({ gitops: { engine: 'argocd', repoURL: REPO } });
    new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook/v1.20.6') } });
    new RookCluster(site, 'cluster');
    const all = manifests(site);
    const crds = all.filter((m) => m.kind === 'CustomResourceDefinition');
    expect(crds.length).toBeGreaterThan(20);
    for (const c of crds) {
      expect(c.metadata.annotations[WAVE]).toBe('0');
      expect(c.metadata.annotations[OPTS]).toBe('Prune=false,Delete=false,ServerSideApply=true');
    }
    const groups = new Set(crds.map((c) => c.spec.group));
    for (const m of nonEmpty(all.filter((x) => groups.has(String(x.apiVersion).split('/')[0])), 'custom resource of a vendored CRD group')) {
      expect(Number(m.metadata.annotations[WAVE])).toBeGreaterThan(0);
      expect(m.metadata.annotations[OPTS]).toMatch(/SkipDryRunOnMissingResource=true/);
    }
  });

  test('WHEN a CephCluster is placed in the CRD layer THEN place() refuses it: a CR can never share the wave of its CRD', () => {
    const { site } = newSite({ gitops: { engine: 'argocd', repoURL: REPO } });
    const c = new RookCluster(site, 'cluster');
    const e = configError(() => place(c.resource, 'crds'));
    expectHelpful(e.message, { path: 'test-site/cluster/Resource', value: 'crds', allowed: /CustomResourceDefinition and Namespace only/, fix: /place\(obj, 'cluster'\)/ });
  });

  const crd = (scope: Site) => new ApiObject(scope, 'late-crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }] },
  });

  test('WHEN a CustomResourceDefinition is placed in a later layer THEN place() refuses it (its CRs could come first)', () => {
    const { site } = newSite();
    const e = configError(() => place(crd(site), 'pools'));
    expectHelpful(e.message, { path: 'test-site/late-crd', value: 'pools', allowed: '"crds"' });
    expect(e.message).toMatch(/applied before it exists/);
  });

  test('WHEN a rendered custom resource is in the CRD layer by any other route THEN the render check still refuses it', () => {
    const manifest = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } };
    const e = configError(() => checkLayering([{ layer: LAYERS[0], placement: { layer: 'crds' }, manifest, path: 'test-site/widget' }]));
    expectHelpful(e.message, { path: 'test-site/widget', value: 'crds', allowed: /CustomResourceDefinition and Namespace only/ });
  });

  testWithUpstream('THEN in every layer order a custom resource of a CRD emitted by the site is in a later layer than the CRD', () => {
    const { site } = newSite();
    new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook/v1.20.6') } });
    new RookCluster(site, 'cluster');
    const files = renderSite(site).files.filter((f) => f.objects.length && !f.path.startsWith('gitops/'));
    const layerOf = (p: string) => LAYERS.findIndex((l) => p.startsWith(l.dir + '/'));
    const crdLayers = new Map<string, number>();
    for (const f of files) for (const o of f.objects) if (o.kind === 'CustomResourceDefinition') crdLayers.set(o.spec.group, layerOf(f.path));
    let checked = 0;
    for (const f of files) {
      for (const o of f.objects) {
        const g = String(o.apiVersion).split('/')[0];
        if (o.kind !== 'CustomResourceDefinition' && crdLayers.has(g)) {
          expect(layerOf(f.path)).toBeGreaterThan(crdLayers.get(g)!);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  test('WHEN allowPruneOfDataBearing is set THEN data-bearing objects lose Prune=false/Delete=false', () => {
    const { site } = newSite({ gitops: { engine: 'argocd', repoURL: REPO, allowPruneOfDataBearing: true } });
    new RookCluster(site, 'cluster');
    const c = manifests(site).find((m) => m.kind === 'CephCluster');
    expect(c.metadata.annotations[OPTS] ?? '').not.toMatch(/Prune=false/);
  });

  test.each(['git.example.com/platform/storage', 'not a url', 'ftp://git.example.com/x.git', ''])('WHEN the Argo repoURL is %p THEN the Site is rejected', (url) => {
    const e = configError(() => new Site(new App(), 's', { kubernetesVersion: '1.33.0', gitops: { engine: 'argocd', repoURL: url } }));
    expectHelpful(e.message, { path: 's: gitops.repoURL', value: url === '' ? '""' : url, allowed: /https, http, ssh or git/, fix: /clone URL/ });
  });

  test('WHEN the repoURL is scp-like or ssh THEN it is accepted', () => {
    expect(() => new Site(new App(), 'a', { kubernetesVersion: '1.33.0', gitops: { engine: 'argocd', repoURL: 'git@git.example.com:platform/storage.git' } })).not.toThrow();
    expect(() => new Site(new App(), 'b', { kubernetesVersion: '1.33.0', gitops: { engine: 'flux', url: 'ssh://git@git.example.com/platform/storage.git' } })).not.toThrow();
  });
});

describe('GIVEN the Flux variant of dc1-local', () => {
  const { app, site } = fluxDc1();
  const result = synthApp(app, { write: false, upstreamDir: UPSTREAM });
  const files = result.sites[0].files;
  const order = (k: any) => LAYERS.findIndex((l) => k.metadata.name === `dc1-local-${l.id}`);
  const ks = files.filter((f) => f.path.startsWith('gitops/kustomization_')).map((f) => f.objects[0]).sort((a, b) => order(a) - order(b));

  test('THEN every object, the GitRepository and the Kustomizations validate strictly', () => {
    expect(result.results.filter((r) => r.status !== 'statusValid')).toEqual([]);
    expect(files.find((f) => f.path === 'gitops/gitrepository_dc1-local.yaml')!.objects[0].spec).toMatchObject({ url: REPO, ref: { branch: 'main' } });
  });

  test('THEN there is one Kustomization per non-empty layer, each depending on the previous and waiting for health', () => {
    const names = ks.map((k) => k.metadata.name);
    expect(names).toEqual(['dc1-local-crds', 'dc1-local-operator', 'dc1-local-csi', 'dc1-local-cluster', 'dc1-local-pools', 'dc1-local-classes', 'dc1-local-tools']);
    ks.forEach((k, i) => {
      expect(k.spec.wait).toBe(true);
      expect(k.spec.path).toBe(`./dist/dc1-local/${LAYERS[i].dir}`);
      expect(k.spec.dependsOn).toEqual(i === 0 ? undefined : [{ name: names[i - 1] }]);
    });
  });

  test('THEN the cluster waits on status.ceph.health and pools on status.phase, and data-bearing layers are never pruned', () => {
    const by = (id: string) => ks.find((k) => k.metadata.name === `dc1-local-${id}`)!;
    expect(by('cluster').spec.healthCheckExprs[0]).toMatchObject({ kind: 'CephCluster', failed: expect.stringMatching(/HEALTH_ERR/) });
    // dc1-local's pools layer holds CephBlockPools and (since its tenants) a CephFilesystem
    expect(by('pools').spec.healthCheckExprs.map((h: any) => h.kind)).toEqual(['CephBlockPool', 'CephFilesystem']);
    for (const h of by('pools').spec.healthCheckExprs) expect(h.current).toMatch(/status\.phase == 'Ready'/);
    expect(by('crds').spec.prune).toBe(false);
    expect(by('cluster').spec.prune).toBe(false);
    expect(by('pools').spec.prune).toBe(false);
    expect(by('classes').spec.prune).toBe(true);
    const cluster = files.find((f) => f.path.startsWith('30-cluster/cephcluster'))!.objects[0];
    expect(cluster.metadata.annotations['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled');
  });

  test('THEN the operator is a HelmRelease of the rook-ceph chart that creates and replaces CRDs', () => {
    const hr = files.find((f) => f.path.includes('helmrelease_'))!.objects[0];
    expect(hr.spec.chart.spec).toMatchObject({ chart: 'rook-ceph', version: 'v1.20.6', sourceRef: { kind: 'HelmRepository', name: 'rook-release' } });
    expect(hr.spec.install.crds).toBe('CreateReplace');
    expect(hr.spec.upgrade.crds).toBe('CreateReplace');
  });

  test('WHEN the site asks for SOPS decryption THEN every Kustomization decrypts with that key', () => {
    const { site: s2 } = fluxDc1();
    s2.enableSopsDecryption('sops-age');
    const k = renderSite(s2).files.filter((f) => f.path.startsWith('gitops/kustomization_')).map((f) => f.objects[0]);
    for (const x of nonEmpty(k, 'Flux Kustomization')) expect(x.spec.decryption).toEqual({ provider: 'sops', secretRef: { name: 'sops-age' } });
  });

  test('WHEN extra dependsOn name an earlier layer and an external Kustomization THEN both are added', () => {
    const { site: s2 } = fluxDc1({ dependsOn: { classes: ['crds', 'flux-system/snapshot-controller'] } });
    const k = renderSite(s2).files.find((f) => f.path === 'gitops/kustomization_dc1-local-classes.yaml')!.objects[0];
    expect(k.spec.dependsOn).toEqual([{ name: 'dc1-local-pools' }, { name: 'dc1-local-crds' }, { namespace: 'flux-system', name: 'snapshot-controller' }]);
  });

  test('WHEN dependsOn names a layer that does not exist THEN synth fails listing the layers', () => {
    const { app: a2 } = fluxDc1({ dependsOn: { classes: ['storage'] } });
    const e = synthError(a2);
    expectHelpful(e.message, { path: 'dc1-local: gitops.dependsOn.classes', value: 'storage', allowed: /"crds", "operator", "csi", "cluster", "pools", "classes", "tools"/ });
    expect(e.message).toMatch(/is not a layer/);
  });

  test('WHEN dependsOn is attached to a layer id that is not a layer THEN the Site is rejected', () => {
    const e = configError(() => fluxDc1({ dependsOn: { storage: ['crds'] } }));
    expectHelpful(e.message, { path: /gitops\.dependsOn/, value: /storage/ });
  });

  test('WHEN dependsOn names a layer the site leaves empty THEN synth fails (Flux would wait forever)', () => {
    const { app: a2, site: s2 } = newSite({ gitops: { engine: 'flux', url: REPO, dependsOn: { cluster: ['csi'] } } });
    new RookCluster(s2, 'cluster');
    const e = synthError(a2);
    expectHelpful(e.message, { path: 'test-site: gitops.dependsOn.cluster', value: 'csi', allowed: /"crds", "cluster"/ });
  });

  test('WHEN a layer depends on a later one THEN synth fails', () => {
    const { app: a2 } = fluxDc1({ dependsOn: { cluster: ['classes'] } });
    const e = synthError(a2);
    expectHelpful(e.message, { path: 'gitops.dependsOn.cluster', value: 'classes', fix: /earlier layers/ });
  });

  test('WHEN the Flux url is not a URL THEN the Site is rejected', () => {
    const e = configError(() => fluxDc1({ url: 'storage.git' }));
    expectHelpful(e.message, { path: 'dc1-local: gitops.url', value: 'storage.git' });
  });
});

describe('GIVEN a plain site', () => {
  test('THEN objects land in ordered folders with APPLY-ORDER.md and the Helm install note', () => {
    const { site } = newSite();
    new RookOperator(site, 'operator', { logLevel: 'DEBUG' });
    new RookCluster(site, 'cluster');
    const files = renderSite(site).files;
    const order = files.find((f) => f.path === 'APPLY-ORDER.md')!.content;
    expect(order).toMatch(/kubectl apply --server-side -f 00-crds\//);
    expect(order).toMatch(/helm\/README\.md/);
    expect(files.find((f) => f.path === 'helm/rook-ceph-values.yaml')!.content).toMatch(/logLevel: DEBUG/);
    expect(files.find((f) => f.path === 'helm/README.md')!.content).toMatch(/--version v1\.20\.6/);
  });
});
