/**
 * OSD device sets (src/rook/osd-device-sets.ts), OSDs and mons on PVCs of any block class: network-attached cloud volumes (portable OSDs), local static volumes,
 * TopoLVM, classes the cluster already has, and unknown provisioners; the checks that fit each kind of class, and
 * the storage fields gated by the pinned Rook version. Bad input fails with path, value, allowed and fix, and
 * nothing is written.
 */
import * as fs from 'fs';
import { CephRbdStorageClass, place, RookCluster, TopoLVM, TopoLVMStorageClass } from '../src';
import {
  cephClusterManifest, configError, ebsClass, expectHelpful, newSite, NVME, osdsOn, synthError, synthIntoFreshDir,
  tmpDir,
} from './helpers';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';

describe('GIVEN OSDs on a gp3 EBS BlockStorageClass', () => {
  test('WHEN the set is portable, spread over zones, with metadata and wal PVCs on an io2 class THEN each template is a Block PVC of its own class and size, and the classes come before the cluster', () => {
    const { app, site } = newSite();
    const gp3 = ebsClass(site);
    const io2 = ebsClass(site, 'io2', { parameters: { type: 'io2', iopsPerGB: '50' } });
    osdsOn(site, {
      storageClass: gp3, portable: true, spreadAcross: [{ level: 'zone', required: true }, { level: 'host' }],
      tuneDeviceClass: true, metadata: { size: '20Gi', storageClass: io2 }, wal: { size: '5Gi', storageClass: io2 },
    });
    const set = cephClusterManifest(site).spec.storage.storageClassDeviceSets[0];
    expect(set.portable).toBe(true);
    expect(set.tuneDeviceClass).toBe(true);
    expect(set.volumeClaimTemplates.map((t: any) => [t.metadata.name, t.spec.storageClassName, t.spec.resources.requests.storage, t.spec.volumeMode])).toEqual([
      ['data', 'gp3', '100Gi', 'Block'], ['metadata', 'io2', '20Gi', 'Block'], ['wal', 'io2', '5Gi', 'Block'],
    ]);
    expect(set.placement.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'DoNotSchedule'], ['kubernetes.io/hostname', 'ScheduleAnyway'],
    ]);
    const { r } = synthIntoFreshDir(app);
    expect(r.warnings).toEqual([]);
    const files = r.sites[0].files;
    const scFile = files.find((f) => f.objects.some((o: any) => o.kind === 'StorageClass' && o.metadata.name === 'gp3'))!;
    const clusterFile = files.find((f) => f.objects.some((o: any) => o.kind === 'CephCluster'))!;
    expect(scFile.path.split('/')[0] < clusterFile.path.split('/')[0]).toBe(true);
    expect(scFile.objects[0]).toEqual({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: expect.objectContaining({ name: 'gp3' }),
      provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, volumeBindingMode: 'WaitForFirstConsumer',
    });
  });

  test('WHEN metadata gives no class THEN it uses the set\'s class', () => {
    const { site } = newSite();
    osdsOn(site, { storageClass: ebsClass(site), metadata: { size: '10Gi' } });
    const t = cephClusterManifest(site).spec.storage.storageClassDeviceSets[0].volumeClaimTemplates;
    expect(t.map((x: any) => `${x.metadata.name}:${x.spec.storageClassName}`)).toEqual(['data:gp3', 'metadata:gp3']);
  });

  test('WHEN the storage update fields are set on Rook v1.20.6 THEN they are written as given', () => {
    const { site } = newSite();
    osdsOn(site, { storageClass: ebsClass(site) }, { allowDeviceClassUpdate: true, allowOsdCrushWeightUpdate: true, scheduleAlways: false, onlyApplyOSDPlacement: true });
    expect(cephClusterManifest(site).spec.storage).toMatchObject({ allowDeviceClassUpdate: true, allowOsdCrushWeightUpdate: true, scheduleAlways: false, onlyApplyOSDPlacement: true });
  });

  test('WHEN they are not set THEN none of them is written', () => {
    const { site } = newSite();
    osdsOn(site, { storageClass: ebsClass(site) });
    const s = cephClusterManifest(site).spec.storage;
    for (const k of ['allowDeviceClassUpdate', 'allowOsdCrushWeightUpdate', 'scheduleAlways', 'onlyApplyOSDPlacement', 'tuneDeviceClass']) expect(k in s || k in s.storageClassDeviceSets[0]).toBe(false);
  });

  test('WHEN the mons are on the EBS class THEN their claim template names it', () => {
    const { site } = newSite();
    const gp3 = ebsClass(site);
    new RookCluster(site, 'cluster', { mon: { volumeClaim: { storageClass: gp3, size: '10Gi' } } });
    expect(cephClusterManifest(site).spec.mon.volumeClaimTemplate.spec).toEqual({ storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } });
  });
});

describe('GIVEN a Rook version whose CephCluster CRD lacks a storage field', () => {
  test('WHEN allowOsdCrushWeightUpdate is set on Rook v1.7.11 THEN it is refused naming the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { allowOsdCrushWeightUpdate: true } }));
    expectHelpful(e.message, { path: 'test-site/cluster: storage.allowOsdCrushWeightUpdate', value: '1.7.11', allowed: /Rook .*v1\.20\.6/, fix: /remove storage\.allowOsdCrushWeightUpdate/ });
  });

  test('WHEN onlyApplyOSDPlacement is set on Rook v1.7.11 THEN it is written; on v1.2.7 it is refused', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    new RookCluster(site, 'cluster', { storage: { onlyApplyOSDPlacement: true } });
    expect(cephClusterManifest(site).spec.storage.onlyApplyOSDPlacement).toBe(true);
    const old = newSite({ kubernetesVersion: '1.18.0', rookVersion: '1.2.7' }).site;
    const e = configError(() => new RookCluster(old, 'cluster', { storage: { onlyApplyOSDPlacement: false } }));
    expectHelpful(e.message, { path: 'storage.onlyApplyOSDPlacement', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });
});

describe('GIVEN OSDs on TopoLVM volumes', () => {
  test('WHEN the set is portable THEN synth fails at portable (the volume cannot follow the OSD), and nothing is written', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }] });
    osdsOn(site, { storageClass: new TopoLVMStorageClass(site, 'nvme', { topolvm, deviceClass: 'nvme' }), portable: true });
    const dir = tmpDir();
    const e = synthError(app, dir);
    expectHelpful(e.message, { path: 'test-site/cluster: storage.storageClassDeviceSets[0].portable', value: 'true', allowed: /false for local volumes/, fix: /remove portable/ });
    expect(e.message).toMatch(/node-local TopoLVM volumes/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('GIVEN a Ceph RBD class of the same site', () => {
  function rbdSite() {
    const { app, site } = newSite();
    const other = new RookCluster(site, 'ceph-a', { name: 'ceph-a', namespace: 'ceph-a', dataDirHostPath: '/var/lib/rook-a' });
    const rbd = new CephRbdStorageClass(site, 'rbd', { pool: other.addPool('pool', { replicated: { size: 3 } }) });
    return { app, site, rbd };
  }

  test('WHEN OSDs are put on it THEN synth fails: Ceph on Ceph, naming the block classes allowed, and nothing is written', () => {
    const { app, site, rbd } = rbdSite();
    osdsOn(site, { storageClass: rbd });
    const dir = tmpDir();
    const e = synthError(app, dir);
    expectHelpful(e.message, { path: 'test-site/cluster: storage.storageClassDeviceSets[0].storageClass', value: /rook-ceph\.rbd\.csi\.ceph\.com/, allowed: /kubernetes\.io\/no-provisioner.*ebs\.csi\.aws\.com/, fix: /BlockStorageClass/ });
    expect(e.message).toMatch(/cannot live in Ceph/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('WHEN the mons are put on it by name THEN synth fails the same way', () => {
    const { app, site } = rbdSite();
    new RookCluster(site, 'cluster', { mon: { volumeClaim: { storageClass: 'rbd', size: '10Gi' } } });
    expectHelpful(synthError(app).message, { path: 'test-site/cluster: mon.volumeClaim.storageClass', value: /rbd\.csi\.ceph\.com/, fix: /BlockStorageClass/ });
  });
});

describe('GIVEN Rook OSDs on PVCs', () => {
  function rookOn(storageClass: any) {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: NVME });
    const sc = storageClass(site, topolvm);
    new RookCluster(site, 'cluster', { storage: { storageClassDeviceSets: [{ name: 'set', count: 3, size: '100Gi', storageClass: sc }] } });
    return app;
  }

  test('WHEN the OSD class binds Immediately THEN synth fails naming WaitForFirstConsumer, and nothing is written', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-imm-'));
    const app = rookOn((site: any, topolvm: TopoLVM) => new TopoLVMStorageClass(site, 'imm', { topolvm, volumeBindingMode: 'Immediate' }));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: 'test-site/cluster: storage.storageClassDeviceSets[0].storageClass', value: /Immediate/, allowed: /"WaitForFirstConsumer"/, fix: /volumeBindingMode: "WaitForFirstConsumer" on "imm"/ });
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN the OSD class is another provisioner\'s (local-path, no raw block) THEN synth fails: no raw block volumes; the allowed classes include the TopoLVM provisioners', () => {
    const app = rookOn((site: any) => {
      place(new ApiObject(site, 'local-path', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' }), 'classes');
      return 'local-path';
    });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'storage.storageClassDeviceSets[0].storageClass', value: /rancher\.io\/local-path/, allowed: /"topolvm\.io", "topolvm\.cybozu\.com"/, fix: /TopoLVMStorageClass/ });
  });

  test('WHEN the OSD class cannot serve volumeMode: Block THEN synth fails', () => {
    const app = rookOn((site: any, topolvm: TopoLVM) => {
      const sc = new TopoLVMStorageClass(site, 'noblock', { topolvm });
      (sc as any).blockCapable = false;
      return sc;
    });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'storage.storageClassDeviceSets[0].storageClass', allowed: /Block-capable/, fix: /raw block/ });
  });

  test('WHEN the OSD class is named but not declared in the site THEN synth fails (it cannot be checked)', () => {
    const app = rookOn(() => 'somewhere-else');
    const e = synthError(app);
    expectHelpful(e.message, { path: 'storage.storageClassDeviceSets[0].storageClass', value: /somewhere-else/, fix: /TopoLVMStorageClass/ });
  });

  test('WHEN OSDs on TopoLVM volumes are portable THEN synth fails (the volume cannot follow the OSD)', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: NVME });
    const sc = new TopoLVMStorageClass(site, 'nvme', { topolvm });
    new RookCluster(site, 'cluster', { storage: { storageClassDeviceSets: [{ name: 'set', count: 3, size: '100Gi', storageClass: sc, portable: true }] } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: storage.storageClassDeviceSets[0].portable', value: 'true', allowed: /false for local volumes/, fix: /remove portable/ });
  });

  test('WHEN the mon PVC class binds Immediately THEN synth fails too', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: NVME });
    const imm = new TopoLVMStorageClass(site, 'imm', { topolvm, volumeBindingMode: 'Immediate' });
    new RookCluster(site, 'cluster', { mon: { count: 3, volumeClaim: { storageClass: imm, size: '10Gi' } } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: mon.volumeClaim.storageClass', allowed: /WaitForFirstConsumer/ });
  });
});
