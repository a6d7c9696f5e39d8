/**
 * Issue 18 parts 5 and 7: the GitOps engine a site really runs. Its release line (gitops.version, default per
 * Kubernetes minor) selects the API versions, fields and sync options written, the health checks BOOTSTRAP.md asks
 * for, and is refused when the cluster's Kubernetes cannot run it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { CephCsi, GitOpsProps, RookCluster, RookOperator, Site, synthApp } from '../src';
import { siteSchemas } from '../src/cli/cli';
import { renderSite } from '../src/pipeline/synth';
import { Validator } from '../src/validation/validator';
import { configError, expectHelpful, synthError, UPSTREAM } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';
type RookV = '1.20.6' | '1.7.11';

function storage(kubernetesVersion: string, gitops: GitOpsProps, rookVersion: RookV = '1.20.6'): { app: App; site: Site } {
  const app = new App();
  const site = new Site(app, 'site', { kubernetesVersion, rookVersion, gitops });
  const operator = new RookOperator(site, 'operator', {});
  if (rookVersion === '1.20.6') new CephCsi(site, 'csi', { operator });
  new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
  return { app, site };
}
const files = (site: Site) => renderSite(site).files;
const objects = (site: Site) => files(site).flatMap((f) => f.objects);
const text = (site: Site, p: string) => files(site).find((f) => f.path === p)!.content;
const valid = (app: App) => {
  const r = synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-engine-')), upstreamDir: UPSTREAM });
  expect(r.results.length).toBeGreaterThan(0);
  expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  return r;
};

describe('GIVEN an Argo CD site', () => {
  test('WHEN it runs Kubernetes 1.19 (kubespray-flex) and names no version THEN Argo CD 2.2 is assumed: Helm values as a string, Replace=true for the large CRDs, no Delete=false, and it validates', () => {
    const { app, site } = storage('1.19.16', { engine: 'argocd', repoURL: REPO }, '1.7.11');
    expect(site.versions.argocd).toBe('2.2.0');
    const op = objects(site).find((m) => m.kind === 'Application' && m.spec?.source?.chart === 'rook-ceph');
    expect(op.spec.source.helm.valuesObject).toBeUndefined();
    expect(YAML.parse(op.spec.source.helm.values)).toEqual(expect.objectContaining({ crds: { enabled: true } }));
    expect(op.spec.syncPolicy.syncOptions).toEqual(['Replace=true']);
    const cluster = objects(site).find((m) => m.kind === 'CephCluster');
    expect(cluster.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,SkipDryRunOnMissingResource=true');
    expect(text(site, 'gitops/BOOTSTRAP.md')).toMatch(/Argo CD 2\.2 has no `Delete=false`[\s\S]*Never add it/);
    valid(app);
  });

  test('WHEN it runs Kubernetes 1.33 THEN Argo CD 3.5: valuesObject, ServerSideApply and Delete=false', () => {
    const { site } = storage('1.33.0', { engine: 'argocd', repoURL: REPO });
    expect(site.versions.argocd).toBe('3.5.0');
    const op = objects(site).find((m) => m.kind === 'Application' && m.spec?.source?.chart === 'rook-ceph');
    expect(op.spec.source.helm.valuesObject).toBeDefined();
    expect(op.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true']);
    expect(objects(site).find((m) => m.kind === 'CephCluster').metadata.annotations['argocd.argoproj.io/sync-options']).toMatch(/^Prune=false,Delete=false/);
  });

  test('WHEN the cluster runs Argo CD 2.5 (named) THEN Helm values are a string with ServerSideApply, and BOOTSTRAP.md says no line before 3.3 has Ceph health', () => {
    const { app, site } = storage('1.22.17', { engine: 'argocd', repoURL: REPO, version: '2.5' }, '1.7.11');
    const op = objects(site).find((m) => m.kind === 'Application' && m.spec?.source?.chart === 'rook-ceph');
    expect(typeof op.spec.source.helm.values).toBe('string');
    expect(op.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true']);
    expect(text(site, 'gitops/BOOTSTRAP.md')).toMatch(/Argo CD 2\.5 has no built-in Ceph health \(it came with 3\.3\): add all of them/);
    valid(app);
  });

  test('WHEN Argo CD 3.3 or later runs it THEN BOOTSTRAP.md asks for every check and says ours takes precedence over the built-in CephCluster check, whose HEALTH_WARN is Degraded', () => {
    const { site } = storage('1.33.0', { engine: 'argocd', repoURL: REPO, version: '3.3' });
    const note = text(site, 'gitops/BOOTSTRAP.md');
    for (const k of ['ceph.rook.io_CephCluster', 'ceph.rook.io_CephBlockPool', 'ceph.rook.io_CephFilesystem', 'argoproj.io_Application']) expect(note).toContain(`resource.customizations.health.${k}`);
    expect(note).toMatch(/built-in health for CephCluster, CephObjectStore and ObjectBucketClaim, which marks a cluster in HEALTH_WARN\s+Degraded/);
    expect(note).toMatch(/takes precedence over it and keeps HEALTH_WARN Healthy/);
    expect(note).toMatch(/CephBlockPool and CephFilesystem have no\s+built-in check/);
    expect(note).not.toMatch(/only need/);
  });

  test('WHEN it names an Argo CD its Kubernetes cannot run THEN the Site is refused with the lines that can', () => {
    const e = configError(() => storage('1.19.16', { engine: 'argocd', repoURL: REPO, version: '3.5' }, '1.7.11'));
    expectHelpful(e.message, { path: /site: gitops\.version/, value: /"3\.5"/, allowed: /Argo CD 2\.0, 2\.1, 2\.2 on Kubernetes 1\.19\.16/, fix: /gitops\.version .*"2\.2"/ });
  });

  test('WHEN it names an unknown line THEN the known ones are listed', () => {
    expectHelpful(configError(() => storage('1.33.0', { engine: 'argocd', repoURL: REPO, version: '9.9' })).message, { path: /gitops\.version/, value: /"9\.9"/, allowed: /2\.0, .*3\.5/ });
  });

  test('WHEN a hub Argo CD older than 2.8 would hold the fleet ApplicationSet THEN synth refuses it (goTemplateOptions)', () => {
    const { app } = storage('1.19.16', { engine: 'argocd', repoURL: REPO, destination: { name: 'dc1' }, version: '2.5' }, '1.7.11');
    expectHelpful(synthError(app).message, { path: /gitops\.version/, allowed: /Argo CD 2\.8/, fix: /hub Argo CD of 2\.8 or later/ });
  });

  test('WHEN the site is driven from a hub THEN its Kubernetes does not bound the line: the newest is the default', () => {
    const { site } = storage('1.19.16', { engine: 'argocd', repoURL: REPO, destination: { name: 'dc1' } }, '1.7.11');
    expect(site.versions.argocd).toBe('3.5.0');
  });
});

describe('GIVEN a Flux site', () => {
  const kinds = (site: Site) => Object.fromEntries(objects(site).filter((m) => /toolkit\.fluxcd\.io/.test(m.apiVersion)).map((m) => [m.kind, m.apiVersion]));

  test('WHEN it runs Kubernetes 1.33 THEN Flux 2.9: v1 / v2 APIs and CEL health checks', () => {
    const { site } = storage('1.33.0', { engine: 'flux', url: REPO });
    expect(site.versions.flux).toBe('2.9.0');
    expect(kinds(site)).toEqual({ GitRepository: 'source.toolkit.fluxcd.io/v1', Kustomization: 'kustomize.toolkit.fluxcd.io/v1', HelmRepository: 'source.toolkit.fluxcd.io/v1', HelmRelease: 'helm.toolkit.fluxcd.io/v2' });
    expect(objects(site).filter((m) => m.kind === 'Kustomization' && m.spec.healthCheckExprs).length).toBeGreaterThan(0);
  });

  test('WHEN the cluster runs Flux 2.2 THEN HelmRelease v2beta2, HelmRepository v1beta2 and no healthCheckExprs (2.5), validated', () => {
    const { app, site } = storage('1.31.0', { engine: 'flux', url: REPO, version: '2.2' });
    expect(kinds(site)).toEqual({ GitRepository: 'source.toolkit.fluxcd.io/v1', Kustomization: 'kustomize.toolkit.fluxcd.io/v1', HelmRepository: 'source.toolkit.fluxcd.io/v1beta2', HelmRelease: 'helm.toolkit.fluxcd.io/v2beta2' });
    expect(objects(site).filter((m) => m.kind === 'Kustomization' && m.spec.healthCheckExprs)).toEqual([]);
    expect(text(site, 'gitops/BOOTSTRAP.md')).toMatch(/Flux 2\.2 has no `healthCheckExprs`/);
    const r = valid(app);
    expect(r.results.filter((x) => x.kind === 'HelmRelease').map((x) => x.version)).toEqual(['helm.toolkit.fluxcd.io/v2beta2']);
  });

  test('WHEN the cluster runs Flux 0.41 on Kubernetes 1.21 THEN every object is v1beta2 and the HelmRelease v2beta1, validated', () => {
    const { app, site } = storage('1.21.14', { engine: 'flux', url: REPO }, '1.7.11');
    expect(site.versions.flux).toBe('0.41.0');
    expect(kinds(site)).toEqual({ GitRepository: 'source.toolkit.fluxcd.io/v1beta2', Kustomization: 'kustomize.toolkit.fluxcd.io/v1beta2', HelmRepository: 'source.toolkit.fluxcd.io/v1beta2', HelmRelease: 'helm.toolkit.fluxcd.io/v2beta1' });
    valid(app);
  });

  test('WHEN no Flux runs on its Kubernetes (1.19) THEN the Site is refused; from a management cluster it is not', () => {
    expectHelpful(configError(() => storage('1.19.16', { engine: 'flux', url: REPO }, '1.7.11')).message, { path: /gitops\.version/, value: /"1\.19\.16"/, fix: /engine 'argocd' or 'plain'/ });
    expectHelpful(configError(() => storage('1.31.0', { engine: 'flux', url: REPO, version: '2.7' })).message, { path: /gitops\.version/, value: /"2\.7"/, allowed: /Flux 0\.41, .*2\.6 on Kubernetes 1\.31\.0/, fix: /"2\.6"/ });
    expect(storage('1.19.16', { engine: 'flux', url: REPO, kubeConfigSecretRef: 'dc1-kubeconfig' }, '1.7.11').site.versions.flux).toBe('2.9.0');
  });

  test('WHEN an old-API object has a misspelt field THEN validating with the site\'s aliases still refuses it (the GA schema of the kind)', () => {
    const { site } = storage('1.21.14', { engine: 'flux', url: REPO }, '1.7.11');
    const v = new Validator({ kubernetesVersion: '1.21.14', crdSources: site.schemaSources, upstreamDir: UPSTREAM, schemaAliases: site.schemaAliases });
    const hr = objects(site).find((m) => m.kind === 'HelmRelease');
    expect(v.validateObject(hr, 'hr.yaml').status).toBe('statusValid');
    const bad = { ...hr, spec: { ...hr.spec, intervall: '5m' } };
    const r = v.validateObject(bad, 'hr.yaml');
    expect(r.status).toBe('statusInvalid');
    expect(JSON.stringify(r)).toMatch(/intervall/);
    // without the alias no schema serves v2beta1
    expect(new Validator({ kubernetesVersion: '1.21.14', crdSources: site.schemaSources, upstreamDir: UPSTREAM }).validateObject(hr, 'hr.yaml').status).toBe('statusError');
  });

  test('WHEN site-schemas exports its schemas THEN kubeconform finds the old API versions under their own file names', () => {
    const { app } = storage('1.21.14', { engine: 'flux', url: REPO }, '1.7.11');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-engine-schemas-'));
    siteSchemas(app, out, 'dist', UPSTREAM);
    // the site's CRD schemas are in the one shared crds-<hash>/ folder of its CRD sources and aliases
    const crdDirs = fs.readdirSync(out).filter((d) => d.startsWith('crds-'));
    expect(crdDirs).toHaveLength(1);
    for (const f of ['kustomization-kustomize-v1beta2.json', 'gitrepository-source-v1beta2.json', 'helmrelease-helm-v2beta1.json']) expect(fs.existsSync(path.join(out, crdDirs[0], f))).toBe(true);
  });
});
