/**
 * A CRD kind with a generated binding in imports/ is built through that binding (typed props; its toJson writes
 * the CRD's field names), never as a raw ApiObject with a loosely typed spec; the GitOps renderer's plain JSON uses
 * the bindings' spec interfaces and toJson the same way.
 */
import { ApiObject } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { DashboardExposure, ExternalCluster, RookCluster, SecretRef, Site } from '../src';
import { buildApp } from '../src/main';
import { toJson_ApplicationSpec } from '../imports/argoproj.io';
import { KustomizationSpecSourceRefKind } from '../imports/kustomize.toolkit.fluxcd.io';
import { fakeCiphertext, props120 } from './external-helpers';
import { manifests, newSite, nonEmpty } from './helpers';

/** `apiVersion/kind` -> the binding class of every CRD binding in imports/ (imports/k8s.ts holds the core kinds). */
function bindingClasses(): Map<string, Function> {
  const out = new Map<string, Function>();
  const dir = path.resolve(__dirname, '..', 'imports');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts') && x !== 'k8s.ts')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, f));
    for (const v of Object.values(mod)) {
      const gvk = (v as any)?.GVK;
      if (typeof v === 'function' && Object.getPrototypeOf(v) === ApiObject && gvk) out.set(`${gvk.apiVersion}/${gvk.kind}`, v);
    }
  }
  return out;
}

/**
 * Whether o was made by cls or a subclass of it (the Rook kinds' classes in src/rook/bindings.ts); `instanceof` cannot
 * tell: ApiObject's Symbol.hasInstance accepts any ApiObject.
 */
function madeBy(o: ApiObject, cls: Function): boolean {
  return Object.prototype.isPrototypeOf.call(cls.prototype, o);
}

function apiObjects(scope: Construct): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

describe('GIVEN the reference sites and sites with an HTTPRoute and a SealedSecret', () => {
  const classes = bindingClasses();
  const objects = [...apiObjects(buildApp())];
  {
    const { site } = newSite({ clusterCrds: ['gateway-api@v1.6.1'] }, 'route-site');
    new DashboardExposure(site, 'dashboard', { cluster: new RookCluster(site, 'cluster', { dashboard: { ssl: false } }), httpRoute: { gateway: { name: 'public' } } });
    objects.push(...apiObjects(site));
  }
  {
    const { site } = newSite({}, 'sealed-site');
    new ExternalCluster(site, 'ext', props120({ secrets: { mon: SecretRef.sealedSecret({ encryptedData: { 'ceph-secret': fakeCiphertext() } }) } as any }));
    objects.push(...apiObjects(site));
  }

  test.each([
    'snapshot.storage.k8s.io/v1/VolumeSnapshotClass', 'cert-manager.io/v1/Certificate', 'cert-manager.io/v1/Issuer',
    'gateway.networking.k8s.io/v1/HTTPRoute', 'external-secrets.io/v1/ExternalSecret', 'bitnami.com/v1alpha1/SealedSecret',
    'argoproj.io/v1alpha1/Application', 'source.toolkit.fluxcd.io/v1/HelmRepository', 'helm.toolkit.fluxcd.io/v2/HelmRelease',
  ])('WHEN the objects of %s are listed THEN a binding exists and every one is an instance of it', (gvk) => {
    const cls = classes.get(gvk);
    expect(cls).toBeDefined();
    for (const o of nonEmpty(objects.filter((x) => `${x.apiVersion}/${x.kind}` === gvk), gvk)) {
      expect([o.node.path, madeBy(o, cls!)]).toEqual([o.node.path, true]);
    }
  });

  test('WHEN any object has the kind of a CRD binding THEN it was built through that binding', () => {
    const bound = nonEmpty(objects.filter((o) => classes.has(`${o.apiVersion}/${o.kind}`)), 'object of a bound CRD kind');
    for (const o of bound) expect([o.node.path, madeBy(o, classes.get(`${o.apiVersion}/${o.kind}`)!)]).toEqual([o.node.path, true]);
  });

  test('WHEN an HTTPRoute and a SealedSecret are rendered THEN the binding writes the CRD field names', () => {
    const route = nonEmpty(objects.filter((o) => o.kind === 'HTTPRoute'), 'HTTPRoute')[0].toJson();
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' }]);
    const sealed = nonEmpty(objects.filter((o) => o.kind === 'SealedSecret'), 'SealedSecret')[0].toJson();
    expect(Object.keys(sealed.spec).sort()).toEqual(['encryptedData', 'template']);
  });
});

describe('GIVEN the GitOps renderer\'s plain JSON typed by the binding interfaces', () => {
  test('WHEN an Application spec goes through the binding\'s toJson THEN repoUrl is written as the CRD\'s repoURL and unset keys are dropped', () => {
    const spec = toJson_ApplicationSpec({ project: 'default', source: { repoUrl: 'https://git.example.com/x.git', path: 'dist/a' }, destination: { server: 'https://kubernetes.default.svc' }, syncPolicy: { automated: undefined, syncOptions: ['PruneLast=true'] } });
    expect(spec).toEqual({ project: 'default', source: { repoURL: 'https://git.example.com/x.git', path: 'dist/a' }, destination: { server: 'https://kubernetes.default.svc' }, syncPolicy: { syncOptions: ['PruneLast=true'] } });
    expect(Object.keys(spec!.syncPolicy)).toEqual(['syncOptions']);
  });

  test('WHEN a site is rendered for Argo CD and Flux THEN the site Application and the Kustomizations carry the CRD field names', () => {
    const argo = newSite({ gitops: { engine: 'argocd', repoURL: 'https://git.example.com/x.git' } }, 'argo-site').site;
    new RookCluster(argo, 'cluster');
    const flux = newSite({ gitops: { engine: 'flux', url: 'https://git.example.com/x.git' } }, 'flux-site').site;
    new RookCluster(flux, 'cluster');
    const engineObjects = (s: Site) => manifests(s).filter((m) => /toolkit\.fluxcd\.io|argoproj\.io/.test(m.apiVersion));
    const app = nonEmpty(engineObjects(argo).filter((m) => m.kind === 'Application'), 'site Application')[0];
    expect(app.spec.source.repoURL).toBe('https://git.example.com/x.git');
    expect(app.spec.source.repoUrl).toBeUndefined();
    const kus = nonEmpty(engineObjects(flux).filter((m) => m.kind === 'Kustomization'), 'Kustomization');
    for (const k of kus) expect(k.spec.sourceRef).toEqual({ kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: 'flux-site' });
  });
});
