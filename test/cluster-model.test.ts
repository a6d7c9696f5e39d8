/**
 * The cluster model and its closure check (issue 18): every name a workload, binding, class or CSI driver will look
 * for resolves against what the site writes, what an installed component creates at run time, or what the user
 * declared with site.clusterProvides — else synth refuses and writes nothing. The first scenarios replay real
 * incidents (rook/rook#17644, #18040, #18081; xunholy/k8s-gitops PR #4278).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, JsonPatch } from 'cdk8s';
import { KubeConfigMap, KubeDeployment } from '../imports/k8s';
import {
  CephCsi, CephRbdStorageClass, DashboardExposure, ObjectBucketClaim, BucketStorageClass, RookCluster, RookOperator, Site, StorageApp, synthApp,
} from '../src';
import { place } from '../src/site/layers';
import { planApp } from '../src/pipeline/plan';
import { SynthError } from '../src/pipeline/synth';
import { dc1Local } from '../src/sites/dc1-local';
import { externalCeph } from '../src/sites/external-ceph';
import { rookLineFacts } from '../src/model/rook-facts';
import { configError, describeWithUpstream, expectHelpful, manifests, newSite, nonEmpty, synthError, UPSTREAM, upstreamPath } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** A Rook 1.20.6 Helm site with CSI and a cluster (the shape of the reference sites). */
function helmSite(gitops: any = { engine: 'argocd', repoURL: REPO }) {
  const { app, site } = newSite({ gitops });
  const operator = new RookOperator(site, 'operator');
  const csi = new CephCsi(site, 'csi', { operator });
  const cluster = new RookCluster(site, 'cluster');
  cluster.addPool('replicapool', { replicated: { size: 3 } });
  return { app, site, operator, csi, cluster };
}

const byKind = (ms: any[], kind: string) => ms.filter((m) => m.kind === kind);

describe('GIVEN the 1.19 -> 1.20 Helm upgrade (rook/rook#17644, #18040; xunholy/k8s-gitops PR #4278: provisioning, attach and backups lost)', () => {
  test('WHEN dc1-local (Rook 1.20.6 from the rook-ceph chart) is synthesized THEN every Driver names ServiceAccounts the site writes, bound to their RBAC, synced after the operator and before the cluster', () => {
    const app = new App();
    dc1Local(app);
    const r = synthApp(app, { outdir: tmp('gs-cm-'), upstreamDir: UPSTREAM }).sites[0];
    const objs = r.files.flatMap((f) => f.objects);
    const sas = byKind(objs, 'ServiceAccount').map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
    const drivers = byKind(objs, 'Driver');
    expect(drivers.map((d) => d.metadata.name).sort()).toEqual(['rook-ceph.cephfs.csi.ceph.com', 'rook-ceph.rbd.csi.ceph.com']);
    for (const d of drivers) {
      for (const plugin of ['controllerPlugin', 'nodePlugin']) {
        const sa = d.spec[plugin].serviceAccountName;
        expect(sas).toContain(`rook-ceph/${sa}`);
        // each account has its ClusterRole through a ClusterRoleBinding of the site
        const crb = byKind(objs, 'ClusterRoleBinding').find((b) => b.subjects.some((s: any) => s.name === sa && s.namespace === 'rook-ceph'));
        expect(byKind(objs, 'ClusterRole').map((c) => c.metadata.name)).toContain(crb.roleRef.name);
      }
    }
    const wave = (kind: string, name: string) => Number(objs.find((m) => m.kind === kind && m.metadata.name === name).metadata.annotations['argocd.argoproj.io/sync-wave']);
    const saWave = wave('ServiceAccount', 'ceph-csi-rbd-ctrlplugin-sa');
    expect(wave('Application', 'dc1-local-rook-ceph-operator')).toBeLessThan(saWave);
    expect(saWave).toBeLessThan(wave('CephCluster', 'rook-ceph'));
    expect(r.files.some((f) => f.path === '20-csi/serviceaccount_rook-ceph_ceph-csi-rbd-nodeplugin-sa.yaml')).toBe(true);
  });

  test('WHEN a patch drops a Driver\'s serviceAccountName THEN synth names the account the chart\'s operator would use (its prefix is "") and refuses', () => {
    const { app, csi } = helmSite();
    (csi.node.findChild('Driver-rook-ceph.rbd.csi.ceph.com') as ApiObject).addJsonPatch(JsonPatch.remove('/spec/controllerPlugin/serviceAccountName'));
    const e = synthError(app);
    expect(e.problems).toHaveLength(1);
    expectHelpful(e.problems[0], {
      path: 'test-site/csi/Driver-rook-ceph.rbd.csi.ceph.com',
      value: /"rbd-ctrlplugin-sa"/,
      allowed: /rook-ceph\/ceph-csi-rbd-ctrlplugin-sa/,
      fix: /clusterProvides\(\{ serviceAccounts: \['rook-ceph\/rbd-ctrlplugin-sa'\] \}\)/,
    });
    expect(e.problems[0]).toMatch(/controller plugin Deployment the ceph-csi-operator creates/);
  });

  test('WHEN a patch removes a CSI ServiceAccount THEN synth refuses: the Driver that needs it, the name, the fix', () => {
    const { app, csi } = helmSite({ engine: 'flux', url: REPO, branch: 'main', path: './dist/test-site' });
    csi.node.findChild('DriverRbac').node.tryRemoveChild('ServiceAccount-ceph-csi-cephfs-nodeplugin-sa');
    const e = synthError(app);
    // the Driver and the two bindings of the account
    expect(e.problems.filter((p) => /needs ServiceAccount "rook-ceph\/ceph-csi-cephfs-nodeplugin-sa"/.test(p)).length).toBe(3);
    expectHelpful(e.problems.find((p) => p.includes('Driver "rook-ceph.cephfs.csi.ceph.com"'))!, { path: /test-site\/csi/, value: /ceph-csi-cephfs-nodeplugin-sa/, fix: /write the ServiceAccount/ });
  });

  test('WHEN setHelmValue turns the chart\'s ceph-csi-operator off while CephCsi runs Drivers THEN synth refuses', () => {
    const { app, operator } = helmSite();
    operator.setHelmValue('csi.installCsiOperator', false);
    const e = synthError(app);
    expect(e.problems).toHaveLength(1);
    expectHelpful(e.problems[0], { path: 'test-site/operator: csi.installCsiOperator', value: /false/, allowed: /true/, fix: /remove setHelmValue\("csi.installCsiOperator", false\)/ });
  });

  test('THEN the accounts and rules are the model\'s facts of csi-operator.yaml, one set per enabled driver', () => {
    const { site } = helmSite();
    const facts = rookLineFacts('1.20.6')!.csiOperator!;
    const ms = manifests(site);
    const rbac = ms.filter((m) => /^ceph-csi-(rbd|cephfs)-/.test(m.metadata.name));
    expect(rbac.length).toBe(facts.driverRbac.rbd.length + facts.driverRbac.cephfs.length);
    const role = ms.find((m) => m.kind === 'ClusterRole' && m.metadata.name === 'ceph-csi-rbd-ctrlplugin-cr');
    expect(role.rules).toEqual(facts.driverRbac.rbd.find((o) => o.name === 'ceph-csi-rbd-ctrlplugin-cr')!.rules);
    expect(ms.some((m) => m.metadata.name.startsWith('ceph-csi-nfs-'))).toBe(false);
  });
});

describeWithUpstream('GIVEN the operator from vendored Rook 1.20.6 files', () => {
  test('WHEN CephCsi runs the drivers THEN their ServiceAccounts are the vendored csi-operator.yaml ones (the site writes no second set) and synth passes, also in another namespace', () => {
    for (const namespace of ['rook-ceph', 'storage-system']) {
      const { app, site } = newSite({ gitops: { engine: 'argocd', repoURL: REPO } });
      const operator = new RookOperator(site, 'operator', { namespace, install: { mode: 'vendored', dir: upstreamPath('rook', 'v1.20.6') } });
      const csi = new CephCsi(site, 'csi', { operator });
      new RookCluster(site, 'cluster', { namespace, operatorNamespace: namespace });
      expect(csi.node.tryFindChild('DriverRbac')).toBeUndefined();
      const r = synthApp(app, { outdir: tmp('gs-cm-'), upstreamDir: UPSTREAM }).sites[0];
      const objs = r.files.flatMap((f) => f.objects);
      const sa = objs.filter((m) => m.kind === 'ServiceAccount' && m.metadata.name === 'ceph-csi-rbd-ctrlplugin-sa');
      expect(sa.map((m) => m.metadata.namespace)).toEqual([namespace]);
      expect(objs.find((m) => m.kind === 'Driver' && m.metadata.name === `${namespace}.rbd.csi.ceph.com`).spec.controllerPlugin.serviceAccountName).toBe('ceph-csi-rbd-ctrlplugin-sa');
    }
  });
});

describe('GIVEN an external cluster on Rook 1.20 (rook/rook#18081: Driver and ServiceAccounts missing)', () => {
  test('WHEN external-ceph is synthesized THEN its Drivers run under ServiceAccounts of the site and the cluster namespace has the accounts Rook needs there', () => {
    const app = new App();
    externalCeph(app);
    const r = synthApp(app, { outdir: tmp('gs-cm-'), upstreamDir: UPSTREAM }).sites[0];
    const objs = r.files.flatMap((f) => f.objects);
    const sas = byKind(objs, 'ServiceAccount').map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
    const drivers = byKind(objs, 'Driver');
    expect(drivers).toHaveLength(2);
    for (const d of drivers) for (const plugin of ['controllerPlugin', 'nodePlugin']) expect(sas).toContain(`rook-ceph/${d.spec[plugin].serviceAccountName}`);
    for (const sa of nonEmpty(rookLineFacts('1.20.6')!.externalClusterServiceAccounts, 'external-cluster ServiceAccount')) expect(sas).toContain(`rook-ceph-external/${sa}`);
  });
});

describe('GIVEN a second CephCluster namespace', () => {
  test('WHEN the operator manages a cluster in "ceph-b" THEN the site writes the daemons\' accounts there, and without one synth refuses', () => {
    const { app, site, operator } = helmSite();
    new RookCluster(site, 'b', { name: 'ceph-b', namespace: 'ceph-b', dataDirHostPath: '/var/lib/rook-ceph-b' });
    const sas = manifests(site).filter((m) => m.kind === 'ServiceAccount' && m.metadata.namespace === 'ceph-b').map((m) => m.metadata.name).sort();
    expect(sas).toEqual([...rookLineFacts('1.20.6')!.clusterServiceAccounts]);
    // the RBAC is built by the operator's deferred check; take one account away afterwards
    operator.node.findChild('ClusterRbac-ceph-b').node.tryRemoveChild('sa-rook-ceph-osd');
    const e = synthError(app);
    const p = e.problems.find((x) => x.includes('CephCluster "ceph-b" needs ServiceAccount "ceph-b/rook-ceph-osd"'));
    expect(p).toBeDefined();
    expectHelpful(p!, { path: 'test-site/b', value: /rook-ceph-osd/, allowed: /ceph-b\/rook-ceph-mgr/, fix: /serviceAccounts: \['ceph-b\/rook-ceph-osd'\]/ });
  });
});

describe('GIVEN a CephRbdStorageClass whose CSI secrets no component creates', () => {
  test('WHEN it names a provisioner Secret the operator does not make THEN synth refuses; declaring it (or a SecretRef) resolves it', () => {
    const build = (declare: boolean) => {
      const { app, site, cluster } = helmSite();
      if (declare) site.clusterProvides({ secrets: ['rook-ceph/team-a-rbd'] });
      new CephRbdStorageClass(site, 'block', { cluster, pool: 'replicapool', provisionerSecretName: 'team-a-rbd' });
      return app;
    };
    const e = synthError(build(false));
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expectHelpful(p, {
        path: 'test-site/block',
        value: /team-a-rbd/,
        allowed: /rook-ceph\/rook-csi-rbd-provisioner/,
        fix: /SecretRef \(ExternalSecret, SealedSecret or SOPS\)[\s\S]*secrets: \['rook-ceph\/team-a-rbd'\]/,
      });
    }
    expect(e.problems.some((p) => p.includes('parameters["csi.storage.k8s.io/provisioner-secret-name"]'))).toBe(true);
    expect(() => synthApp(build(true), { outdir: tmp('gs-cm-'), upstreamDir: UPSTREAM })).not.toThrow();
  });
});

describe('GIVEN references nothing creates (bad input)', () => {
  function withWorkload(declare: boolean) {
    const { app, site } = newSite({ clusterCrds: ['cert-manager@v1.21.1'] });
    new RookOperator(site, 'operator');
    if (declare) {
      site.clusterProvides({
        serviceAccounts: ['rook-ceph/ghost-sa'], secrets: ['rook-ceph/ghost-secret'], configMaps: ['rook-ceph/ghost-config'],
        priorityClasses: ['gold'], issuers: ['rook-ceph/ghost-issuer'],
      });
    }
    place(new KubeDeployment(site, 'worker', {
      metadata: { name: 'worker', namespace: 'rook-ceph' },
      spec: {
        selector: { matchLabels: { app: 'worker' } },
        template: {
          metadata: { labels: { app: 'worker' } },
          spec: {
            serviceAccountName: 'ghost-sa',
            priorityClassName: 'gold',
            volumes: [{ name: 'tls', secret: { secretName: 'ghost-secret' } }, { name: 'opt', secret: { secretName: 'optional-secret', optional: true } }],
            containers: [{ name: 'w', image: 'busybox:1.36', envFrom: [{ configMapRef: { name: 'ghost-config' } }] }],
          },
        },
      },
    }), 'tools');
    place(new ApiObject(site, 'cert', {
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'worker-tls', namespace: 'rook-ceph' },
      spec: { secretName: 'worker-tls', dnsNames: ['worker.example.com'], issuerRef: { name: 'ghost-issuer', kind: 'Issuer' } },
    }), 'tools');
    return { app, site };
  }

  test('WHEN a workload names a ServiceAccount, PriorityClass, Secret and ConfigMap, and a Certificate an Issuer, that nothing creates THEN each is one problem and nothing is written', () => {
    const { app } = withWorkload(false);
    const out = tmp('gs-cm-');
    const e = synthError(app, out);
    const want: [RegExp, string][] = [
      [/needs ServiceAccount "rook-ceph\/ghost-sa" \(spec\.serviceAccountName\)/, "serviceAccounts: ['rook-ceph/ghost-sa']"],
      [/needs PriorityClass "gold" \(spec\.priorityClassName\)/, "priorityClasses: ['gold']"],
      [/needs Secret "rook-ceph\/ghost-secret" \(spec\.volumes\[0\]\.secret\.secretName\)/, "secrets: ['rook-ceph/ghost-secret']"],
      [/needs ConfigMap "rook-ceph\/ghost-config" \(spec\.containers\[0\]\.envFrom\[0\]\.configMapRef\.name\)/, "configMaps: ['rook-ceph/ghost-config']"],
      [/needs Issuer "rook-ceph\/ghost-issuer" \(spec\.issuerRef\)/, "issuers: ['rook-ceph/ghost-issuer']"],
    ];
    expect(e.problems).toHaveLength(want.length);
    for (const [re, declare] of want) {
      const p = e.problems.find((x) => re.test(x));
      expect(p).toBeDefined();
      expectHelpful(p!, { path: /test-site\/(worker|cert)/ });
      expect(p).toContain(declare);
    }
    // the optional Secret and the Certificate's own Secret are not problems
    expect(e.problems.join('\n')).not.toMatch(/optional-secret|needs Secret "rook-ceph\/worker-tls"/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN the cluster declares them with site.clusterProvides THEN the same site synthesizes', () => {
    const { app } = withWorkload(true);
    expect(() => synthApp(app, { outdir: tmp('gs-cm-'), upstreamDir: UPSTREAM })).not.toThrow();
  });

  test('WHEN clusterProvides gets a namespaced entry without its namespace THEN a ConfigError names the list, the entry and the form', () => {
    const { site } = newSite();
    const e = configError(() => site.clusterProvides({ secrets: ['just-a-name'] }));
    expectHelpful(e.message, { path: /clusterProvides.*secrets/, value: /just-a-name/, fix: /namespace\/name/ });
  });

  test('WHEN the site is written by StorageApp.synth() (= cdk8s synth) THEN the closure check runs there too and nothing is written', () => {
    const dir = tmp('gs-cm-');
    const app = new StorageApp({ distDir: path.join(dir, 'dist'), outdir: path.join(dir, 'out') });
    const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { cluster, pool: 'replicapool', nodeSecretName: 'nobody-makes-this' });
    const chunks: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((c: any) => { chunks.push(String(c)); return true; });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    process.exitCode = 0;
    expect(chunks.join('')).toMatch(/needs Secret "rook-ceph\/nobody-makes-this"[\s\S]*fix: /);
    expect(fs.existsSync(path.join(dir, 'dist', 'lab'))).toBe(false);
  });
});

describe('GIVEN gitops-storage plan', () => {
  test('WHEN a Driver would look for a ServiceAccount nothing creates THEN plan fails with the same problem as synth', () => {
    const { app, csi } = helmSite();
    (csi.node.findChild('Driver-rook-ceph.cephfs.csi.ceph.com') as ApiObject).addJsonPatch(JsonPatch.replace('/spec/nodePlugin/serviceAccountName', 'cephfs-nodeplugin-sa'));
    let err: unknown;
    try {
      planApp(app, { distDir: tmp('gs-cm-plan-'), upstreamDir: UPSTREAM });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SynthError);
    expect((err as SynthError).problems).toHaveLength(1);
    expectHelpful((err as SynthError).problems[0], { path: 'test-site/csi/Driver-rook-ceph.cephfs.csi.ceph.com', value: /cephfs-nodeplugin-sa/, fix: /clusterProvides/ });
  });
});

describe('GIVEN names an operator owns and namespaces the user owns (part 8)', () => {
  test('WHEN a DashboardExposure is named rook-ceph-mgr-dashboard THEN synth refuses: the operator manages that Service', () => {
    const { app, site, cluster } = helmSite();
    new DashboardExposure(site, 'dash', { cluster, name: 'rook-ceph-mgr-dashboard' });
    const e = synthError(app);
    expect(e.problems).toHaveLength(1);
    expectHelpful(e.problems[0], { path: 'test-site/dash', value: /rook-ceph-mgr-dashboard/, allowed: /any other Service name/, fix: /rename/ });
    expect(e.problems[0]).toMatch(/the Rook operator \(for CephCluster "rook-ceph\/rook-ceph"\)/);
  });

  test('WHEN an ObjectBucketClaim lives in "monitoring" THEN the site creates that namespace, unless the cluster declares it', () => {
    const build = (declare: boolean) => {
      const { site, cluster } = helmSite();
      if (declare) site.clusterProvides({ namespaces: ['monitoring'] });
      const store = cluster.addObjectStore('s3', { gateway: { port: 80 } });
      const bucket = new BucketStorageClass(site, 'bucket', { store });
      new ObjectBucketClaim(site, 'loki', { storageClass: bucket, namespace: 'monitoring', generateBucketName: 'loki' });
      return manifests(site);
    };
    expect(build(false).some((m) => m.kind === 'Namespace' && m.metadata.name === 'monitoring')).toBe(true);
    const declared = build(true);
    expect(declared.some((m) => m.kind === 'Namespace' && m.metadata.name === 'monitoring')).toBe(false);
    expect(declared.some((m) => m.kind === 'ObjectBucketClaim' && m.metadata.namespace === 'monitoring')).toBe(true);
  });

  test('WHEN an object lives in a namespace nothing creates THEN synth names the namespace and how to declare it', () => {
    const { app, site } = helmSite();
    place(new KubeConfigMap(site, 'cm', { metadata: { name: 'settings', namespace: 'apps' }, data: { a: 'b' } }), 'tools');
    const e = synthError(app);
    expect(e.problems).toHaveLength(1);
    expectHelpful(e.problems[0], { path: 'test-site/cm', value: /apps/, fix: /namespaces: \['apps'\]/ });
  });
});
