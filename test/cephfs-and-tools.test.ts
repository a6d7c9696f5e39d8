/**
 * CephFilesystem and CephFsStorageClass checked against each other; toolbox and dashboard exposure.
 */
import { CephCsi, CephFilesystem, CephFsStorageClass, DashboardExposure, RookCluster, RookOperator, synthApp, Toolbox } from '../src';
import { configError, expectHelpful, manifests, newSite, synthError, UPSTREAM } from './helpers';

function withCluster(props: Record<string, unknown> = {}) {
  const { app, site } = newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }] });
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator });
  const cluster = new RookCluster(site, 'cluster', props as any);
  return { app, site, cluster };
}

describe('GIVEN a CephFilesystem with a CephFS StorageClass', () => {
  test('THEN the filesystem has its pools and MDS settings, and the class uses fsName and pool <fs>-<dataPool>; everything validates', () => {
    const { app, site, cluster } = withCluster();
    const fs = new CephFilesystem(site, 'myfs', { cluster, activeCount: 2, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    new CephFsStorageClass(site, 'rook-cephfs', { filesystem: fs });
    new CephFsStorageClass(site, 'rook-cephfs-ec', { filesystem: fs, dataPool: 'ec' });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const objs = r.sites[0].files.flatMap((f) => f.objects);
    const cfs = objs.find((m) => m.kind === 'CephFilesystem');
    expect(cfs.spec.metadataServer).toEqual({ activeCount: 2, activeStandby: true });
    expect(cfs.spec.metadataPool.replicated.size).toBe(3);
    expect(cfs.spec.preserveFilesystemOnDelete).toBe(true);
    const sc = objs.find((m) => m.kind === 'StorageClass' && m.metadata.name === 'rook-cephfs');
    expect(sc.provisioner).toBe('rook-ceph.cephfs.csi.ceph.com');
    expect(sc.parameters).toMatchObject({ clusterID: 'rook-ceph', fsName: 'myfs', pool: 'myfs-replicated', 'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-cephfs-node' });
    expect(objs.find((m) => m.metadata.name === 'rook-cephfs-ec').parameters.pool).toBe('myfs-ec');
  });

  test('WHEN the class names a data pool the filesystem lacks THEN synth fails listing its data pools', () => {
    const { app, site, cluster } = withCluster();
    const fs = new CephFilesystem(site, 'myfs', { cluster });
    new CephFsStorageClass(site, 'cephfs', { filesystem: fs, dataPool: 'data0' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: dataPool', value: 'data0', allowed: '"replicated"' });
  });

  test('WHEN the class names a filesystem the site lacks THEN synth fails', () => {
    const { app, site, cluster } = withCluster();
    new CephFilesystem(site, 'myfs', { cluster });
    new CephFsStorageClass(site, 'cephfs', { filesystem: 'otherfs', cluster, dataPool: 'replicated' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: filesystem', value: 'otherfs', allowed: '"myfs"' });
  });

  test('WHEN the metadata pool is erasure-coded THEN it is rejected', () => {
    const { site, cluster } = withCluster();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster, metadataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } } }));
    expectHelpful(e.message, { path: 'test-site/myfs: metadataPool.erasureCoded', fix: /replicated/ });
  });

  test('WHEN the first data pool is erasure-coded THEN it is rejected with the fix', () => {
    const { site, cluster } = withCluster();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster, dataPools: [{ name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] }));
    expectHelpful(e.message, { path: 'myfs: dataPools[0].erasureCoded', fix: /insert/ });
  });

  test('WHEN two data pools share a name THEN it is rejected', () => {
    const { site, cluster } = withCluster();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster, dataPools: [{ name: 'a', replicated: { size: 3 } }, { name: 'a', replicated: { size: 3 } }] }));
    expectHelpful(e.message, { path: 'myfs: dataPools[1].name', allowed: /unique/ });
  });

  test('WHEN a pool needs more hosts than the site declares THEN synth fails', () => {
    const { app, site, cluster } = withCluster();
    new CephFilesystem(site, 'myfs', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 4 } }] });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/myfs: dataPools[0]', value: '4', allowed: /at most 3/ });
  });

  test('WHEN the CephFS driver is off THEN the CephFS class fails the driver check', () => {
    const { app, site } = newSite();
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, drivers: { cephfs: false } });
    const cluster = new RookCluster(site, 'cluster');
    new CephFsStorageClass(site, 'cephfs', { filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: provisioner', value: 'rook-ceph.cephfs.csi.ceph.com' });
  });
});

describe('GIVEN the toolbox and the dashboard exposure', () => {
  test('THEN the toolbox runs the cluster\'s Ceph image in its namespace, in the tools layer', () => {
    const { site, cluster } = withCluster({ namespace: 'rook-ceph' });
    new Toolbox(site, 'toolbox', { cluster });
    const d = manifests(site).find((m) => m.kind === 'Deployment' && m.metadata.name === 'rook-ceph-tools');
    expect(d.metadata.namespace).toBe('rook-ceph');
    expect(d.spec.template.spec.containers[0].image).toBe('quay.io/ceph/ceph:v20.2.4');
    expect(d.spec.template.spec.volumes.find((v: any) => v.name === 'mon-endpoint-volume').configMap.name).toBe('rook-ceph-mon-endpoints');
  });

  test('THEN the dashboard Service follows the cluster\'s SSL setting and port', () => {
    const { site, cluster } = withCluster({ dashboard: { ssl: false } });
    new DashboardExposure(site, 'dash', { cluster, serviceType: 'NodePort', nodePort: 30700 });
    const s = manifests(site).find((m) => m.kind === 'Service');
    expect(s.spec.ports).toEqual([{ name: 'dashboard-http', port: 7000, targetPort: 7000, protocol: 'TCP', nodePort: 30700 }]);
    expect(s.spec.selector).toEqual({ app: 'rook-ceph-mgr', mgr_role: 'active', rook_cluster: 'rook-ceph' });
  });

  test('WHEN the exposure says ssl: true but the cluster serves HTTP THEN it is rejected', () => {
    const { site, cluster } = withCluster({ dashboard: { ssl: false } });
    const e = configError(() => new DashboardExposure(site, 'dash', { cluster, ssl: true }));
    expectHelpful(e.message, { path: 'test-site/dash: ssl', value: 'true', allowed: 'false', fix: /dashboard\.ssl on the RookCluster/ });
  });

  test('WHEN the cluster\'s dashboard is disabled THEN the exposure is rejected', () => {
    const { site, cluster } = withCluster({ dashboard: { enabled: false } });
    const e = configError(() => new DashboardExposure(site, 'dash', { cluster }));
    expectHelpful(e.message, { path: 'test-site/dash: cluster', fix: /enable the dashboard/ });
  });

  test('WHEN a ClusterIP Service gets a nodePort THEN it is rejected', () => {
    const { site, cluster } = withCluster();
    const e = configError(() => new DashboardExposure(site, 'dash', { cluster, serviceType: 'ClusterIP', nodePort: 30000 }));
    expectHelpful(e.message, { path: 'test-site/dash: nodePort', fix: /remove nodePort/ });
  });
});
