/**
 * Issue 12 part 5: the diffs users fight in GitOps that Git can never fix. Aggregated ClusterRoles (their rules are
 * filled in by the API server's aggregation controller; neco#1016) and values a controller rewrites (cert-manager's
 * Certificate `duration`, topolvm PR#862). We emit the normalized value where there is one, and otherwise tell the
 * engine exactly which field to leave alone.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeClusterRole } from '../imports/k8s';
import { GitOpsProps, place, RookOperator, Site, synthApp, TopoLVM } from '../src';
import { renderSite } from '../src/pipeline/synth';
import { describeWithUpstream, nonEmpty, upstreamPath, UPSTREAM } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';
const DIST = path.join(__dirname, '..', 'dist');

/** A construct emitting one aggregated ClusterRole (as Rook 1.2 and many charts do) and one ordinary ClusterRole. */
class Roles extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    place(new KubeClusterRole(this, 'Aggregated', {
      metadata: { name: 'storage-admin' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-storage-admin': 'true' } }] },
      rules: [],
    }), 'operator');
    place(new KubeClusterRole(this, 'Plain', {
      metadata: { name: 'storage-reader' },
      rules: [{ apiGroups: ['ceph.rook.io'], resources: ['cephclusters'], verbs: ['get', 'list', 'watch'] }],
    }), 'operator');
  }
}

function site(gitops: GitOpsProps): Map<string, any> {
  const s = new Site(new App(), 'noise', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', gitops });
  new Roles(s, 'roles');
  return new Map(renderSite(s).files.filter((f) => f.objects.length > 0).map((f) => [f.path, f.objects[0]]));
}

describe('GIVEN a site with an aggregated ClusterRole and an ordinary one', () => {
  describe('WHEN it is synced by Argo CD', () => {
    const out = site({ engine: 'argocd', repoURL: REPO });

    test('THEN the aggregated role carries no rules: [] that a sync would apply over the aggregated rules', () => {
      const role = out.get('10-operator/clusterrole_storage-admin.yaml');
      expect(role.aggregationRule).toBeDefined();
      expect(role).not.toHaveProperty('rules');
    });

    test('THEN the site Application ignores exactly that role\'s rules and keeps them on sync; the ordinary role is compared in full', () => {
      const app = out.get('gitops/application_noise-storage.yaml');
      expect(app.spec.ignoreDifferences).toEqual([{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'storage-admin', jsonPointers: ['/rules'] }]);
      expect(app.spec.syncPolicy.syncOptions).toEqual(['PruneLast=true', 'RespectIgnoreDifferences=true']);
      expect(out.get('10-operator/clusterrole_storage-reader.yaml').rules).toHaveLength(1);
    });
  });

  test('WHEN it is synced by Flux THEN the role is emitted without rules, so kustomize-controller never owns them, and it is reconciled as usual', () => {
    const out = site({ engine: 'flux', url: REPO });
    const role = out.get('10-operator/clusterrole_storage-admin.yaml');
    expect(role).not.toHaveProperty('rules');
    expect(role.metadata.annotations).toBeUndefined();
  });

  test('WHEN it is applied by hand (plain) THEN the role is emitted without rules too', () => {
    expect(site({ engine: 'plain' }).get('10-operator/clusterrole_storage-admin.yaml')).not.toHaveProperty('rules');
  });
});

describe('GIVEN TopoLVM with its webhook certificate from cert-manager, synced by Argo CD', () => {
  const s = new Site(new App(), 'lvm', { kubernetesVersion: '1.33.0', topolvmVersion: '0.41.0', gitops: { engine: 'argocd', repoURL: REPO } });
  new TopoLVM(s, 'topolvm', {
    deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }], platform: 'other',
    scheduling: { extenderDaemonSet: { nodeAffinity: {} } }, webhook: { certManager: true },
  });
  const files = renderSite(s).files;
  const hook = files.flatMap((f) => f.objects).find((o) => o.kind === 'MutatingWebhookConfiguration')!;

  test('THEN the webhook configuration leaves caBundle to cert-manager\'s cainjector, and the Application ignores exactly each webhook\'s caBundle', () => {
    expect(hook.metadata.annotations['cert-manager.io/inject-ca-from']).toBeDefined();
    expect(hook.webhooks.length).toBeGreaterThan(0);
    for (const w of hook.webhooks) expect(w.clientConfig).not.toHaveProperty('caBundle');
    const app = files.find((f) => f.path === 'gitops/application_lvm-storage.yaml')!.objects[0];
    expect(app.spec.ignoreDifferences).toEqual([{
      group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: hook.metadata.name,
      jsonPointers: hook.webhooks.map((_: unknown, i: number) => `/webhooks/${i}/clientConfig/caBundle`),
    }]);
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
  });
});

describe('GIVEN the committed fleet', () => {
  const apps = fs.readdirSync(DIST).flatMap((s) => {
    const dir = path.join(DIST, s, 'gitops');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('application_')).map((f) => ({ site: s, app: YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')) })) : [];
  });

  test('THEN no site Application ignores anything, because nothing in the fleet is owned by another actor (the TopoLVM ClusterRoles are not aggregated)', () => {
    expect(apps.length).toBeGreaterThan(0);
    for (const a of apps) expect({ site: a.site, ignore: a.app.spec.ignoreDifferences }).toEqual({ site: a.site, ignore: undefined });
  });

  test('THEN every cert-manager Certificate duration is already in the form cert-manager writes back (Go\'s time.Duration, e.g. 2160h0m0s), so its conversion round trip changes nothing', () => {
    const certs = fs.readdirSync(DIST).flatMap((s) => {
      const files: string[] = [];
      const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : e.name.startsWith('certificate_') && files.push(path.join(d, e.name)); };
      walk(path.join(DIST, s));
      return files.map((f) => YAML.parse(fs.readFileSync(f, 'utf8')));
    });
    expect(certs.length).toBeGreaterThan(0);
    for (const c of certs) {
      for (const field of ['duration', 'renewBefore'] as const) {
        if (c.spec[field] === undefined) continue;
        expect({ name: c.metadata.name, [field]: c.spec[field] }).toEqual({ name: c.metadata.name, [field]: goDuration(c.spec[field]) });
      }
    }
  });
});

/** Go's time.Duration.String() of a duration string (whole seconds are enough for certificate lifetimes). */
function goDuration(s: string): string {
  let total = 0;
  for (const [, n, unit] of s.matchAll(/([0-9.]+)(h|m|s)/g)) total += Number(n) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  return h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
}

test('GIVEN the Go duration formatter of these tests THEN it writes what cert-manager writes back', () => {
  expect(goDuration('2160h')).toBe('2160h0m0s');
  expect(goDuration('90m')).toBe('1h30m0s');
  expect(goDuration('45s')).toBe('45s');
});

describe('GIVEN the operator installed by Argo CD from the Helm chart', () => {
  const operatorApp = (rookVersion: '1.2.7' | '1.20.6', kubernetesVersion: string) => {
    const s = new Site(new App(), 'helm', { kubernetesVersion, rookVersion, gitops: { engine: 'argocd', repoURL: REPO } });
    new RookOperator(s, 'operator', {});
    return renderSite(s).files.find((f) => f.path.startsWith('10-operator/application_'))!.objects[0];
  };

  test('WHEN the release has aggregated ClusterRoles (Rook 1.2, Kubernetes 1.16: Argo CD 2.0) THEN the operator Application ignores the rules of every aggregated ClusterRole of the chart, with the sync options Argo CD 2.0 has', () => {
    const app = operatorApp('1.2.7', '1.16.0');
    expect(app.spec.ignoreDifferences).toEqual([{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', jqPathExpressions: ['select(.aggregationRule != null) | .rules'] }]);
    // no ServerSideApply (2.5) and no RespectIgnoreDifferences (2.3) on Argo CD 2.0: the chart's large CRDs are replaced
    expect(app.spec.syncPolicy.syncOptions).toEqual(['Replace=true']);
  });

  test('WHEN the release has none (Rook 1.20) THEN nothing is ignored', () => {
    const app = operatorApp('1.20.6', '1.33.0');
    expect(app.spec.ignoreDifferences).toBeUndefined();
    expect(app.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true']);
  });
});

describeWithUpstream('GIVEN Rook v1.2.7 installed from its vendored upstream manifests on Argo CD', () => {
  const s = new Site(new App(), 'vendored', { kubernetesVersion: '1.16.0', rookVersion: '1.2.7', gitops: { engine: 'argocd', repoURL: REPO } });
  new RookOperator(s, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook/v1.2.7') } });
  const files = renderSite(s).files;
  const roles = files.flatMap((f) => f.objects).filter((o) => o.kind === 'ClusterRole' && o.aggregationRule);

  test('THEN the site, roles without rules included, is valid against the strict schemas of Kubernetes 1.16', () => {
    const app = new App();
    const v = new Site(app, 'vendored', { kubernetesVersion: '1.16.0', rookVersion: '1.2.7', gitops: { engine: 'argocd', repoURL: REPO } });
    new RookOperator(v, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook/v1.2.7') } });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-noise-'));
    const r = synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    const written = r.sites[0].files.flatMap((f) => f.objects);
    const rulesless = nonEmpty(written.filter((o) => o.kind === 'ClusterRole' && o.aggregationRule), 'aggregated ClusterRole');
    for (const role of rulesless) expect(role).not.toHaveProperty('rules');
    const checked = nonEmpty(r.results.filter((x) => x.kind === 'ClusterRole'), 'validated ClusterRole');
    expect(checked.filter((x) => x.status !== 'statusValid')).toEqual([]);
    expect(fs.readdirSync(path.join(out, 'vendored'))).toEqual(expect.arrayContaining(['00-crds', 'gitops']));
  });

  test('THEN each of its aggregated ClusterRoles is emitted without rules and ignored by name in the site Application', () => {
    expect(roles.length).toBeGreaterThanOrEqual(7);
    for (const r of roles) expect(r).not.toHaveProperty('rules');
    const app = files.find((f) => f.path === 'gitops/application_vendored-storage.yaml')!.objects[0];
    expect(app.spec.ignoreDifferences.map((e: any) => e.name).sort()).toEqual(roles.map((r) => r.metadata.name).sort());
    for (const e of app.spec.ignoreDifferences) expect(e).toMatchObject({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', jsonPointers: ['/rules'] });
    // Argo CD 2.0 (the default of Kubernetes 1.16) has no RespectIgnoreDifferences (2.3 added it): the diff ignores the rules
    expect(app.spec.syncPolicy.syncOptions).toEqual(['PruneLast=true']);
  });
});
