/**
 * Robustness: input that used to crash synth, surface a raw library error, be accepted silently as nonsense, or
 * reach across Sites. Each case must fail with a ConfigError naming where, the bad value, what is allowed and the
 * fix, before anything is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import {
  CephBlockPool, CephCsi, CephFilesystem, CephFsExternalStorageClass, CephFsStorageClass, CephRbdSnapshotClass, CephRbdStorageClass,
  DashboardExposure, ExternalCluster, FlexStorageClass, FlexVolume, RookCluster, RookOperator, Site, SiteProps, synthApp, Toolbox,
  TopoLVM, TopoLVMStorageClass, CephClient, CephNfs, CephRbdMirror, CephFilesystemMirror, CephFsSnapshotClass, CephObjectStoreUser, ObjectBucketClaim, BucketStorageClass,
} from '../src';
import { findKeyMaterial } from '../src/secrets/key-material';
import { props120 } from './external-helpers';
import { configError, expectHelpful, findManifest, newSite, UPSTREAM } from './helpers';

/** Two sites of one app: "dc1" (where the construct is made) and "dc2" (where the referenced one lives). */
function twoSites(props: Partial<SiteProps> = {}): { app: App; dc1: Site; dc2: Site } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
  const base: SiteProps = { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', ...props };
  return { app, dc1: new Site(app, 'dc1', base), dc2: new Site(app, 'dc2', base) };
}

const crossSite = (field: string, what: RegExp) => ({
  path: `dc1/x: ${field}`,
  value: /dc2\//,
  allowed: new RegExp(`created in site "dc1"`),
  fix: /inside site "dc1"/,
  what,
});

function expectCrossSite(fn: () => unknown, field: string, what: RegExp): void {
  const e = configError(fn);
  const c = crossSite(field, what);
  expectHelpful(e.message, c);
  expect(e.message).toMatch(/belongs to site "dc2", not to site "dc1"/);
  expect(e.message).toMatch(c.what);
}

describe('GIVEN a construct of one Site that is handed a construct of another Site (part 3)', () => {
  test('WHEN CephCsi gets the other site\'s operator THEN it is refused, because its settings would land in the other site', () => {
    const { dc1, dc2 } = twoSites();
    const op = new RookOperator(dc2, 'operator', {});
    expectCrossSite(() => new CephCsi(dc1, 'x', { operator: op }), 'operator', /RookOperator/);
  });

  test('WHEN an RBD StorageClass gets the other site\'s pool THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    new RookCluster(dc1, 'cluster');
    const pool = new RookCluster(dc2, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    expectCrossSite(() => new CephRbdStorageClass(dc1, 'x', { pool }), 'pool', /pool/);
  });

  test('WHEN an RBD StorageClass gets the other site\'s cluster with a pool name THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new CephRbdStorageClass(dc1, 'x', { cluster: other, pool: 'replicapool' }), 'cluster', /cluster/);
  });

  test('WHEN an RBD StorageClass gets the other site\'s erasure-coded dataPool THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const meta = new RookCluster(dc1, 'cluster').addPool('meta', { replicated: { size: 3 } });
    const data = new RookCluster(dc2, 'cluster').addPool('data', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    expectCrossSite(() => new CephRbdStorageClass(dc1, 'x', { pool: meta, dataPool: data }), 'dataPool', /pool/);
  });

  test('WHEN a CephFS StorageClass gets the other site\'s filesystem THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const fsys = new CephFilesystem(dc2, 'myfs', { cluster: new RookCluster(dc2, 'cluster') });
    expectCrossSite(() => new CephFsStorageClass(dc1, 'x', { filesystem: fsys }), 'filesystem', /CephFilesystem/);
  });

  test('WHEN a CephFS StorageClass gets the other site\'s cluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new CephFsStorageClass(dc1, 'x', { filesystem: 'myfs', dataPool: 'replicated', cluster: other }), 'cluster', /cluster/);
  });

  test('WHEN an external CephFS StorageClass gets the other site\'s ExternalCluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const ext = new ExternalCluster(dc2, 'ext', props120());
    expectCrossSite(() => new CephFsExternalStorageClass(dc1, 'x', { cluster: ext, fsName: 'myfs' }), 'cluster', /ExternalCluster/);
  });

  test('WHEN a flex StorageClass gets the other site\'s pool THEN it is refused', () => {
    const { dc1, dc2 } = twoSites({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const pool = new RookCluster(dc2, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    expectCrossSite(() => new FlexStorageClass(dc1, 'x', { pool }), 'pool', /pool/);
  });

  test('WHEN a flex StorageClass gets the other site\'s cluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new FlexStorageClass(dc1, 'x', { cluster: other, pool: 'replicapool' }), 'cluster', /cluster/);
  });

  test('WHEN a FlexVolume gets the other site\'s operator THEN it is refused', () => {
    const { dc1, dc2 } = twoSites({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const op = new RookOperator(dc2, 'operator', {});
    expectCrossSite(() => new FlexVolume(dc1, 'x', { operator: op, platform: 'kubelet-default' }), 'operator', /operator/);
  });

  test('WHEN a TopoLVM StorageClass gets the other site\'s TopoLVM THEN it is refused', () => {
    const { dc1, dc2 } = twoSites({ topolvmVersion: '0.41.0' });
    const t = new TopoLVM(dc2, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }] });
    expectCrossSite(() => new TopoLVMStorageClass(dc1, 'x', { topolvm: t }), 'topolvm', /TopoLVM/);
  });

  test('WHEN a Toolbox gets the other site\'s cluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new Toolbox(dc1, 'x', { cluster: other }), 'cluster', /cluster/);
  });

  test('WHEN a DashboardExposure gets the other site\'s cluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new DashboardExposure(dc1, 'x', { cluster: other }), 'cluster', /cluster/);
  });

  test('WHEN a CephFilesystem gets the other site\'s cluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new CephFilesystem(dc1, 'x', { cluster: other }), 'cluster', /cluster/);
  });

  test('WHEN an RBD snapshot class gets the other site\'s cluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new CephRbdSnapshotClass(dc1, 'x', { cluster: other }), 'cluster', /cluster/);
  });

  test('WHEN a CephBlockPool is created in one site for the other site\'s cluster THEN it is refused', () => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => new CephBlockPool(dc1, 'x', { cluster: other, replicated: { size: 3 } }), 'cluster', /cluster/);
  });

  test('WHEN the OSD device set of a cluster names the other site\'s TopoLVM class THEN it is refused', () => {
    const { dc1, dc2 } = twoSites({ topolvmVersion: '0.41.0' });
    const t = new TopoLVM(dc2, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }] });
    const sc = new TopoLVMStorageClass(dc2, 'local', { topolvm: t });
    expectCrossSite(() => new RookCluster(dc1, 'x', { storage: { storageClassDeviceSets: [{ name: 'set1', count: 3, size: '1Ti', storageClass: sc }] } }), 'storage.storageClassDeviceSets[0].storageClass', /StorageClass/);
  });

  test('WHEN every reference stays in its own site THEN both sites synthesize', () => {
    const { app, dc1, dc2 } = twoSites();
    for (const s of [dc1, dc2]) {
      const c = new RookCluster(s, 'cluster');
      new CephRbdStorageClass(s, 'ceph-block', { pool: c.addPool('replicapool', { replicated: { size: 3 } }) });
      new Toolbox(s, 'tools', { cluster: c });
    }
    expect(() => synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM })).not.toThrow();
  });
});

describe('GIVEN a construct id that is used as the default name (part 4)', () => {
  test.each([
    ['a CephRbdStorageClass', 'Bad_Id', (s: Site, id: string) => new CephRbdStorageClass(s, id, { pool: new RookCluster(s, 'cluster').addPool('replicapool', { replicated: { size: 3 } }) }), 'bad-id'],
    ['a pool', 'ü-id', (s: Site, id: string) => new RookCluster(s, 'cluster').addPool(id, { replicated: { size: 3 } }), 'u-id'],
    ['a CephFilesystem', 'My_FS', (s: Site, id: string) => new CephFilesystem(s, id, { cluster: new RookCluster(s, 'cluster') }), 'my-fs'],
    ['a CephFS StorageClass', 'CephFS', (s: Site, id: string) => new CephFsStorageClass(s, id, { filesystem: new CephFilesystem(s, 'myfs', { cluster: new RookCluster(s, 'cluster') }) }), 'cephfs'],
    ['an RBD snapshot class', 'Snap_Class', (s: Site, id: string) => new CephRbdSnapshotClass(s, id, { cluster: new RookCluster(s, 'cluster') }), 'snap-class'],
  ])('WHEN %s gets the id %p and no name THEN a ConfigError says the name came from the id and suggests one', (_what, id, make, suggestion) => {
    const { site } = newSite();
    const e = configError(() => make(site, id));
    expectHelpful(e.message, { path: `/${id}: name`, value: new RegExp(`"${id}"`), allowed: /lower-case letters/, fix: new RegExp(`name: "${suggestion}"`) });
    expect(e.message).toMatch(/named after the construct id/);
    expect(e.message).not.toMatch(/ZodError|"code":/);
  });

  test('WHEN a TopoLVM StorageClass gets the id "Local_NVMe" and no name THEN a ConfigError names it', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const t = new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }] });
    const e = configError(() => new TopoLVMStorageClass(site, 'Local_NVMe', { topolvm: t }));
    expectHelpful(e.message, { path: 'test-site/Local_NVMe: name', value: /Local_NVMe/, fix: /name: "local-nvme"/ });
  });

  test('WHEN the snapshot class id is invalid but a valid name is set THEN the name is used', () => {
    const { site } = newSite();
    const c = new RookCluster(site, 'cluster');
    new CephRbdSnapshotClass(site, 'Snap_Class', { cluster: c, name: 'ceph-snap' });
    expect(findManifest(site, 'VolumeSnapshotClass', 'ceph-snap').driver).toBe('rook-ceph.rbd.csi.ceph.com');
  });
});

describe('GIVEN props that are not an object (part 6)', () => {
  const makers: [string, (s: Site, p: any) => unknown][] = [
    ['RookCluster', (s, p) => new RookCluster(s, 'x', p)],
    ['RookOperator', (s, p) => new RookOperator(s, 'x', p)],
    ['CephCsi', (s, p) => new CephCsi(s, 'x', p)],
    ['CephBlockPool', (s, p) => new CephBlockPool(s, 'x', p)],
    ['CephRbdStorageClass', (s, p) => new CephRbdStorageClass(s, 'x', p)],
    ['CephFilesystem', (s, p) => new CephFilesystem(s, 'x', p)],
    ['ExternalCluster', (s, p) => new ExternalCluster(s, 'x', p)],
    ['Toolbox', (s, p) => new Toolbox(s, 'x', p)],
    ['DashboardExposure', (s, p) => new DashboardExposure(s, 'x', p)],
    ['CephFsStorageClass', (s, p) => new CephFsStorageClass(s, 'x', p)],
    ['CephFsExternalStorageClass', (s, p) => new CephFsExternalStorageClass(s, 'x', p)],
    ['CephRbdSnapshotClass', (s, p) => new CephRbdSnapshotClass(s, 'x', p)],
    ['TopoLVM', (s, p) => new TopoLVM(s, 'x', p)],
    ['TopoLVMStorageClass', (s, p) => new TopoLVMStorageClass(s, 'x', p)],
  ];
  const values: [string, unknown, RegExp][] = [['a string', 'x', /a string/], ['null', null, /null/], ['an array', [], /an array/], ['a number', 42, /a number/]];
  for (const [name, make] of makers) {
    test.each(values)(`WHEN ${name} gets %s as props THEN a ConfigError says props must be an object`, (_what, value, kind) => {
      const { site } = newSite({ topolvmVersion: '0.41.0' });
      const e = configError(() => make(site, value));
      expectHelpful(e.message, { path: `test-site/x: (props)`, value: /got: /, allowed: /an object literal/, fix: /pass the props as an object/ });
      expect(e.message).toMatch(kind);
    });
  }

  test.each([
    ['FlexVolume', (s: Site, p: any) => new FlexVolume(s, 'x', p)],
    ['FlexStorageClass', (s: Site, p: any) => new FlexStorageClass(s, 'x', p)],
  ])('WHEN %s (Rook 1.7) gets a string as props THEN a ConfigError says props must be an object', (_name, make) => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const e = configError(() => make(site, 'x'));
    expectHelpful(e.message, { path: 'test-site/x: (props)', value: /"x"/, allowed: /an object literal/ });
  });

  test('WHEN a Site gets a string as props THEN a ConfigError says props must be an object', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
    const e = configError(() => new Site(app, 's', 'x' as any));
    expectHelpful(e.message, { path: 'site s: (props)', value: /"x"/, allowed: /an object literal/ });
  });
});

describe('GIVEN props that contain a cycle (part 6)', () => {
  test('WHEN the healthCheck of a RookCluster contains itself THEN a ConfigError names the cyclic field instead of a stack overflow', () => {
    const { site } = newSite();
    const hc: any = { daemonHealth: {} };
    hc.daemonHealth.self = hc;
    const e = configError(() => new RookCluster(site, 'cluster', { healthCheck: hc }));
    expectHelpful(e.message, { path: 'test-site/cluster: healthCheck.daemonHealth.self', value: /cyclic reference/, allowed: /do not contain themselves/, fix: /without the back-reference/ });
  });

  test('WHEN ExternalCluster props contain a cycle THEN the key-material scan reports it instead of overflowing the stack', () => {
    const { site } = newSite();
    const p: any = props120();
    p.filesystems[0].loop = p.filesystems;
    const e = configError(() => new ExternalCluster(site, 'ext', p));
    expectHelpful(e.message, { path: 'test-site/ext: filesystems[0].loop', value: /cyclic reference/ });
  });

  test('WHEN the same object is used twice (no cycle) THEN it is accepted', () => {
    const { site } = newSite();
    const tol = { key: 'storage', operator: 'Exists' as const };
    expect(() => new RookCluster(site, 'cluster', { placement: { mon: { tolerations: [tol] }, osd: { tolerations: [tol] } } })).not.toThrow();
  });
});

describe('GIVEN input that used to be accepted silently (part 5)', () => {
  test('WHEN Site.nodes lists a node name twice THEN it is refused, because the node would be counted twice', () => {
    const e = configError(() => newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n1' }] }));
    expectHelpful(e.message, { path: 'site test-site: nodes[2].name', value: /"n1"/, allowed: /unique node names/, fix: /remove or rename the second "n1"/ });
    expect(e.message).toMatch(/counted twice|count it twice/);
  });

  test('WHEN a Flux url is scp-like THEN it is refused with the ssh:// form as the fix', () => {
    const e = configError(() => newSite({ gitops: { engine: 'flux', url: 'git@git.example.com:platform/storage.git' } }));
    expectHelpful(e.message, { path: 'site test-site: gitops.url', value: /git@git.example.com:platform\/storage.git/, allowed: /http, https or ssh/, fix: /ssh:\/\/git@git.example.com\/platform\/storage.git/ });
  });

  test('WHEN a Flux url uses git:// THEN it is refused, because the GitRepository CRD refuses it', () => {
    const e = configError(() => newSite({ gitops: { engine: 'flux', url: 'git://git.example.com/platform/storage.git' } }));
    expectHelpful(e.message, { path: 'gitops.url', value: /git:\/\//, fix: /https:\/\/git.example.com\/platform\/storage.git/ });
  });

  test('WHEN the same scp-like url is given to Argo CD THEN it is accepted (Argo CD clones it)', () => {
    expect(() => newSite({ gitops: { engine: 'argocd', repoURL: 'git@git.example.com:platform/storage.git' } })).not.toThrow();
  });

  test('WHEN a toleration has a negative tolerationSeconds THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { placement: { all: { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -5 }] } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: placement.all.tolerations[0].tolerationSeconds', value: /-5/, allowed: /0 or more seconds/, fix: /remove tolerationSeconds/ });
  });

  test('WHEN tolerationSeconds is set without the NoExecute effect THEN it is refused, as the API server would', () => {
    const { site } = newSite();
    const e = configError(() => new Toolbox(site, 'tools', { cluster: new RookCluster(site, 'cluster'), tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }] }));
    expectHelpful(e.message, { path: 'test-site/tools: tolerations[0].tolerationSeconds', value: /60/, allowed: /NoExecute/, fix: /effect: "NoExecute"/ });
  });

  test('WHEN a toleration with operator Exists carries a value THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { tolerations: [{ key: 'storage', operator: 'Exists', value: 'true' }] }));
    expectHelpful(e.message, { path: 'test-site/operator: tolerations[0].value', value: /true/, fix: /operator: "Equal"/ });
  });

  test('WHEN a toleration has no key and operator Equal THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { tolerations: [{ operator: 'Equal', value: 'x' }] }));
    expectHelpful(e.message, { path: 'test-site/operator: tolerations[0].operator', value: /Equal/, allowed: /Exists/ });
  });

  test.each([
    ['pool application', (s: Site) => new RookCluster(s, 'cluster').addPool('p', { replicated: { size: 3 }, application: '' }), 'p: application'],
    ['dashboard urlPrefix', (s: Site) => new RookCluster(s, 'cluster', { dashboard: { urlPrefix: '' } }), 'cluster: dashboard.urlPrefix'],
    ['StorageClass mountOptions entry', (s: Site) => new CephRbdStorageClass(s, 'sc', { pool: new RookCluster(s, 'cluster').addPool('p', { replicated: { size: 3 } }), mountOptions: ['discard', ''] }), 'sc: mountOptions[1]'],
  ])('WHEN the %s is an empty string THEN it is refused', (_what, make, field) => {
    const { site } = newSite();
    const e = configError(() => make(site));
    expectHelpful(e.message, { path: field, value: /""/, allowed: /length >= 1/, fix: /raise the value|set/ });
  });

  test.each([
    ['pool parameters', (s: Site) => new RookCluster(s, 'cluster').addPool('p', { replicated: { size: 3 }, parameters: { '': 'x' } }), 'p: parameters'],
    ['StorageClass parameters', (s: Site) => new CephRbdStorageClass(s, 'sc', { pool: new RookCluster(s, 'cluster').addPool('p', { replicated: { size: 3 } }), parameters: { '': 'x' } }), 'sc: parameters'],
    ['OSD config', (s: Site) => new RookCluster(s, 'cluster', { storage: { config: { '': '2' } } }), 'cluster: storage.config'],
  ])('WHEN %s have an empty key THEN it is refused', (_what, make, field) => {
    const { site } = newSite();
    const e = configError(() => make(site));
    expectHelpful(e.message, { path: field });
  });
});

describe('GIVEN a list whose entries must be unique (part 9)', () => {
  const dup = (field: RegExp | string, value: RegExp) => ({ path: field, value, allowed: /unique/, fix: /remove or rename the second|rename or remove one/ });

  test('WHEN storage.nodes lists a node twice THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { nodes: [{ name: 'n1', devices: [{ name: 'sdb' }] }, { name: 'n1', devices: [{ name: 'sdc' }] }] } }));
    expectHelpful(e.message, dup('test-site/cluster: storage.nodes[1].name', /"n1"/));
  });

  test('WHEN a storage node lists a device twice THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { nodes: [{ name: 'n1', devices: [{ name: 'sdb' }, { name: 'sdb' }] }] } }));
    expectHelpful(e.message, dup('test-site/cluster: storage.nodes[0].devices[1].name', /"sdb"/));
  });

  test('WHEN two storageClassDeviceSets share a name THEN it is refused', () => {
    const { site } = newSite();
    const set = { name: 'set1', count: 3, size: '1Ti', storageClass: 'local' };
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { storageClassDeviceSets: [set, { ...set }] } }));
    expectHelpful(e.message, dup('test-site/cluster: storage.storageClassDeviceSets[1].name', /"set1"/));
  });

  test('WHEN mgr.modules lists a module twice THEN it is refused, because one setting would silently win', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { mgr: { modules: [{ name: 'pg_autoscaler', enabled: true }, { name: 'pg_autoscaler', enabled: false }] } }));
    expectHelpful(e.message, dup('test-site/cluster: mgr.modules[1].name', /"pg_autoscaler"/));
  });

  test('WHEN an ExternalCluster lists an RBD pool twice THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ rbdPools: ['replicapool', 'rbd_ssd', 'replicapool'] })));
    expectHelpful(e.message, dup('test-site/ext: rbdPools[2]', /"replicapool"/));
  });

  test('WHEN an ExternalCluster lists a filesystem twice THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ filesystems: [{ name: 'myfs', dataPools: ['myfs-a'] }, { name: 'myfs', dataPools: ['myfs-b'] }] })));
    expectHelpful(e.message, dup('test-site/ext: filesystems[1].name', /"myfs"/));
  });

  test('WHEN an external filesystem lists a data pool twice THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ filesystems: [{ name: 'myfs', dataPools: ['myfs-a', 'myfs-a'] }] })));
    expectHelpful(e.message, dup('test-site/ext: filesystems[0].dataPools[1]', /"myfs-a"/));
  });

  test('WHEN a CephFilesystem names two data pools alike THEN it is refused', () => {
    const { site } = newSite();
    const c = new RookCluster(site, 'cluster');
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster: c, dataPools: [{ name: 'data', replicated: { size: 3 } }, { name: 'data', replicated: { size: 2 } }] }));
    expectHelpful(e.message, { path: 'test-site/myfs: dataPools[1].name', value: /"data"/, allowed: /unique names/, fix: /rename/ });
  });

  test('WHEN TopoLVM lists a device class twice THEN it is refused', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg1', default: true }, { name: 'nvme', volumeGroup: 'vg2' }] }));
    expectHelpful(e.message, { path: 'test-site/topolvm: deviceClasses', value: /"nvme"/, allowed: /unique class names/, fix: /rename or remove one/ });
  });

  test('WHEN lvmd.nodeGroups repeats a group name THEN our ConfigError replaces the constructs library\'s collision error', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg1' }], lvmd: { nodeGroups: [{ name: 'a' }, { name: 'a', nodeSelector: { disk: 'ssd' } }] } }));
    expectHelpful(e.message, dup('test-site/topolvm: lvmd.nodeGroups[1].name', /"a"/));
    expect(e.message).not.toMatch(/There is already a Construct/);
  });

  test.each([
    ['"-vg"', '-vg', /may not start with "-"/],
    ['"."', '.', /"\." and "\.\."/],
    ['".."', '..', /"\." and "\.\."/],
    ['"vg/nvme"', 'vg/nvme', /only letters, digits/],
    ['128 characters long', 'v'.repeat(128), /128 characters; LVM allows at most 127/],
  ])('WHEN a volume group name is %s THEN it is refused by LVM\'s naming rules', (_label, vg, why) => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: vg }] }));
    expectHelpful(e.message, { path: 'test-site/topolvm: deviceClasses[0].volumeGroup', allowed: /not starting with "-"; not "\." or "\.\."; at most 127/, fix: /vgs/ });
    expect(e.message).toMatch(why);
  });

  test('WHEN a thin pool is named "-thin" THEN it is refused by LVM\'s naming rules', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'thin', volumeGroup: 'vg1', thinPool: { name: '-thin', overprovisionRatio: 2 } }] }));
    expectHelpful(e.message, { path: 'test-site/topolvm: deviceClasses[0].thinPool.name', value: /-thin/, fix: /lvs/ });
  });

  test('WHEN a volume group name uses every character LVM allows THEN it is accepted', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    expect(() => new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'VG_nvme.0+a-b' }] })).not.toThrow();
  });
});

describe('GIVEN map keys that are names of Object.prototype (part 6)', () => {
  const synthOk = (app: App) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));
    synthApp(app, { outdir, upstreamDir: UPSTREAM });
    return outdir;
  };

  test('WHEN pool parameters have the keys "constructor" and "value" THEN both reach the CephBlockPool as written', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster').addPool('p', { replicated: { size: 3 }, parameters: { constructor: 'x', value: 'y', toString: 'z' } });
    const outdir = synthOk(app);
    expect(findManifest(site, 'CephBlockPool', 'p').spec.parameters).toEqual({ constructor: 'x', value: 'y', toString: 'z' });
    const yaml = fs.readFileSync(path.join(outdir, 'test-site', '40-pools', 'cephblockpool_rook-ceph_p.yaml'), 'utf8');
    expect(yaml).toMatch(/constructor: x/);
    expect(yaml).not.toMatch(/\u0000/);
  });

  test('WHEN CephCluster pod labels use the key "constructor" THEN synth writes them instead of crashing', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster', { labels: { mon: { constructor: 'yes', hasOwnProperty: 'too' } } });
    synthOk(app);
    expect(findManifest(site, 'CephCluster', 'rook-ceph').spec.labels.mon).toEqual({ constructor: 'yes', hasOwnProperty: 'too' });
  });

  test('WHEN MDS annotations use the key "constructor" THEN the CephFilesystem carries it', () => {
    const { app, site } = newSite();
    new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster'), mdsAnnotations: { constructor: 'x' } });
    synthOk(app);
    expect(findManifest(site, 'CephFilesystem', 'myfs').spec.metadataServer.annotations).toEqual({ constructor: 'x' });
  });

  test('WHEN a Toolbox nodeSelector uses "constructor" and "toString" THEN the Deployment selects on both', () => {
    const { app, site } = newSite();
    new Toolbox(site, 'tools', { cluster: new RookCluster(site, 'cluster'), nodeSelector: { constructor: 'a', toString: 'b' } });
    synthOk(app);
    expect(findManifest(site, 'Deployment', 'rook-ceph-tools').spec.template.spec.nodeSelector).toEqual({ constructor: 'a', toString: 'b' });
  });

  test('WHEN a map has the key "__proto__" THEN it is refused, because JavaScript would drop it or change the object', () => {
    const { site } = newSite();
    const parameters = JSON.parse('{"__proto__": "x", "compression_mode": "aggressive"}');
    const e = configError(() => new RookCluster(site, 'cluster').addPool('p', { replicated: { size: 3 }, parameters }));
    expectHelpful(e.message, { path: 'test-site/cluster/p: parameters.__proto__', value: /__proto__/, allowed: /any other key/, fix: /remove the "__proto__" entry/ });
  });

  test('WHEN a flex StorageClass gets the parameter "constructor" THEN it is named as an unknown parameter, not as a typed prop', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new FlexStorageClass(site, 'flex', { pool, parameters: { constructor: 'x' } }));
    expectHelpful(e.message, { path: 'test-site/flex: parameters.constructor', value: /constructor/, fix: /remove parameters.constructor/ });
    expect(e.message).toMatch(/unknown FlexVolume StorageClass parameter "constructor"/);
  });
});

describe('GIVEN construct ids the constructs library would refuse with its own error (part 6)', () => {
  test('WHEN two RookClusters get the same id THEN our ConfigError names the first one and the fix', () => {
    const { site } = newSite();
    new RookCluster(site, 'cluster');
    const e = configError(() => new RookCluster(site, 'cluster', { namespace: 'other' }));
    expectHelpful(e.message, { path: 'test-site/cluster', value: /"cluster"/, allowed: /an id that no other construct in test-site has/, fix: /another id/ });
    expect(e.message).toMatch(/already used by RookCluster test-site\/cluster/);
    expect(e.message).not.toMatch(/There is already a Construct/);
  });

  test('WHEN addPool is called twice with the same id THEN our ConfigError says so', () => {
    const { site } = newSite();
    const c = new RookCluster(site, 'cluster');
    c.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => c.addPool('replicapool', { replicated: { size: 2 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/replicapool', value: /"replicapool"/, fix: /another id/ });
  });

  test('WHEN two Sites of one app get the same id THEN our ConfigError says so', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
    new Site(app, 'dc1', { kubernetesVersion: '1.33.0' });
    const e = configError(() => new Site(app, 'dc1', { kubernetesVersion: '1.33.0' }));
    expectHelpful(e.message, { path: '(app)/dc1', value: /"dc1"/, fix: /another id/ });
  });

  test.each([
    ['RookCluster', (s: Site) => new RookCluster(s, '')],
    ['CephRbdStorageClass', (s: Site) => new CephRbdStorageClass(s, '', { pool: 'replicapool' })],
    ['Toolbox', (s: Site) => new Toolbox(s, '', { cluster: new RookCluster(s, 'cluster') })],
  ])('WHEN a %s gets an empty id THEN our ConfigError asks for one', (kind, make) => {
    const { site } = newSite();
    const e = configError(() => make(site));
    expectHelpful(e.message, { path: `test-site: ${kind} id`, value: /""/, allowed: /a non-empty string/, fix: /pass an id such as/ });
  });

  test('WHEN a Site gets an empty id THEN our ConfigError asks for one', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
    const e = configError(() => new Site(app, '', { kubernetesVersion: '1.33.0' }));
    expectHelpful(e.message, { path: '(app): Site id', value: /""/, fix: /"dc1"/ });
  });
});

describe('GIVEN a message whose fix names a version-gated setting (part 8 audit)', () => {
  test('WHEN a ClusterIP extender is warned about on TopoLVM 0.8.3 / Kubernetes 1.20 THEN the fix does not suggest capacity tracking, which neither has', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.4', rookVersion: undefined, topolvmVersion: '0.8.3' });
    new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }], scheduling: { extenderDeployment: { serviceType: 'ClusterIP' } }, webhook: { certManager: true } });
    const w = site.warnings.join('\n');
    expect(w).toMatch(/ClusterIP.*cannot reach/);
    expect(w).toMatch(/fix: use serviceType "LoadBalancer"/);
    expect(w).not.toMatch(/capacityTracking/);
  });

  test('WHEN the same warning is given on TopoLVM 0.41.0 / Kubernetes 1.33 THEN it suggests capacity tracking', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }], scheduling: { extenderDeployment: { serviceType: 'ClusterIP' } }, webhook: { certManager: true } });
    expect(site.warnings.join('\n')).toMatch(/or use scheduling: \{ capacityTracking: \{\} \}/);
  });
});

describe('GIVEN the key-material scan on its own (part 6)', () => {
  test('WHEN it walks a cyclic value THEN it terminates and still finds the key inside', () => {
    const v: any = { a: { key: `key = ${'A'.repeat(20)}` } };
    v.a.back = v;
    const problems = findKeyMaterial('test-site/ext', v, 'SecretRef.unsafePlaintext');
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('test-site/ext: a.key');
  });
});

describe('GIVEN an empty image (part 5)', () => {
  test.each([
    ['the Ceph image of a RookCluster', (s: Site) => new RookCluster(s, 'x', { cephVersion: { image: '' } }), 'cephVersion.image'],
    ['the operator image', (s: Site) => new RookOperator(s, 'x', { image: '' }), 'image'],
    ['a CSI image', (s: Site) => new CephCsi(s, 'x', { operator: new RookOperator(s, 'operator', {}), images: { plugin: '' } }), 'images.plugin'],
    ['the Toolbox image', (s: Site) => new Toolbox(s, 'x', { cluster: new RookCluster(s, 'cluster'), image: '' }), 'image'],
    ['the TopoLVM image', (s: Site) => new TopoLVM(s, 'x', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg' }], image: '' }), 'image'],
    ['the Ceph image of an ExternalCluster', (s: Site) => new ExternalCluster(s, 'x', props120({ cephVersion: { image: '' }, dataDirHostPath: '/var/lib/rook-external' })), 'cephVersion.image'],
  ])('WHEN %s is "" THEN it is refused instead of rendering a container without an image', (_what, make, field) => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => make(site));
    expectHelpful(e.message, { path: `test-site/x: ${field}`, value: /""/, allowed: /a container image reference/ });
    expect(e.message).toMatch(/image reference is empty/);
  });
});

describe('GIVEN a pass-through Kubernetes fragment holding a value that is not plain data (part 6)', () => {
  test.each([
    ['a Date', new Date(0), /an instance of Date/, /toISOString/],
    ['a function', () => 1, /a function/, /string, number, list or map/],
    ['a Map', new Map([['a', 1]]), /an instance of Map/, /string, number, list or map/],
    ['NaN', NaN, /NaN is not a number YAML can carry/, /finite number/],
  ])('WHEN the healthCheck holds %s THEN a ConfigError names the field instead of a renderer crash', (_what, value, why, fix) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { healthCheck: { livenessProbe: { mon: { probe: { periodSeconds: value } } } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: healthCheck.livenessProbe.mon.probe.periodSeconds', allowed: /plain objects|finite numbers/, fix });
    expect(e.message).toMatch(why);
  });

  test('WHEN MDS annotations hold a bigint THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster'), mdsAnnotations: { size: BigInt(1) } }));
    expectHelpful(e.message, { path: 'test-site/myfs: mdsAnnotations.size', allowed: /plain objects/ });
    expect(e.message).toMatch(/a bigint/);
  });
});

describe('GIVEN the multi-tenant and snapshot constructs and another Site (part 3)', () => {
  test.each([
    ['CephClient', (dc1: Site, c: RookCluster) => new CephClient(dc1, 'x', { cluster: c, caps: { mon: 'allow r' } }), 'cluster'],
    ['CephNfs', (dc1: Site, c: RookCluster) => new CephNfs(dc1, 'x', { cluster: c }), 'cluster'],
    ['CephRbdMirror', (dc1: Site, c: RookCluster) => new CephRbdMirror(dc1, 'x', { cluster: c }), 'cluster'],
    ['CephFilesystemMirror', (dc1: Site, c: RookCluster) => new CephFilesystemMirror(dc1, 'x', { cluster: c }), 'cluster'],
    ['CephFsSnapshotClass', (dc1: Site, c: RookCluster) => new CephFsSnapshotClass(dc1, 'x', { cluster: c }), 'cluster'],
  ])('WHEN a %s gets the other site\'s cluster THEN it is refused', (_kind, make, field) => {
    const { dc1, dc2 } = twoSites();
    const other = new RookCluster(dc2, 'cluster');
    expectCrossSite(() => make(dc1, other), field, /cluster/);
  });
});

describe('GIVEN a construct id that is not a valid object name (part 4)', () => {
  test.each([
    ['CephObjectStoreUser', (s: Site) => new CephObjectStoreUser(s, 'Bad_Id', { store: new RookCluster(s, 'cluster').addObjectStore('s3', { gateway: { port: 80 } }) }), 'CephObjectStoreUser'],
    ['ObjectBucketClaim', (s: Site) => {
      const store = new RookCluster(s, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
      return new ObjectBucketClaim(s, 'Bad_Id', { storageClass: new BucketStorageClass(s, 'buckets', { store }) });
    }, 'ObjectBucketClaim'],
    ['CephClient', (s: Site) => new CephClient(s, 'Bad_Id', { cluster: new RookCluster(s, 'cluster'), caps: { mon: 'allow r' } }), 'CephClient'],
  ])('WHEN a %s is named after it THEN a ConfigError suggests a name instead of a raw zod error', (_kind, make, kind) => {
    const { site } = newSite();
    const e = configError(() => make(site));
    expectHelpful(e.message, { path: /Bad_Id: name/, value: /"Bad_Id"/, allowed: /lower-case letters/, fix: /set name: "bad-id"/ });
    expect(e.message).toMatch(new RegExp(`the ${kind} is named after the construct id`));
  });
});
