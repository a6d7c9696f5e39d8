/** TopoLVMSnapshotClass (src/topolvm/topolvm-snapshot-class.ts): VolumeSnapshotClass of a thin TopoLVM device class. */
import { Site, TopoLVM, TopoLVMSnapshotClass, TopoLVMStorageClass } from '../src';
import { expectHelpful, newSite, refusedWritingNothing, validObjectsOf } from './helpers';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN a TopoLVM snapshot class is made for a thick device class THEN it is refused: "device class is not thin"', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', topolvmVersion: '0.41.0' });
      const topolvm = new TopoLVM(site, 'topolvm', {
        platform: 'kubeadm',
        deviceClasses: [{ name: 'ssd', volumeGroup: 'vg-ssd', default: true }, { name: 'thin', volumeGroup: 'vg-ssd', thinPool: { name: 'pool0', overprovisionRatio: 5 } }],
        lvmd: { mode: 'daemonset' },
        scheduling: { capacityTracking: {} },
      });
      new TopoLVMSnapshotClass(site, 'ssd-snapshots', { storageClass: new TopoLVMStorageClass(site, 'topolvm-ssd', { topolvm, deviceClass: 'ssd' }) });
    });
    expectHelpful(m, { path: 'test-site/ssd-snapshots: storageClass', value: '"ssd"', allowed: '"thin"', fix: /thinPool/ });
    expect(m).toMatch(/device class is not thin/);
  });

  test('WHEN a TopoLVM snapshot class is made for a thin device class THEN it validates with the TopoLVM driver', () => {
    const { app, site } = newSite({ rookVersion: undefined, topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', {
      platform: 'kubeadm',
      deviceClasses: [{ name: 'thin', volumeGroup: 'vg', default: true, thinPool: { name: 'pool0', overprovisionRatio: 5 } }],
      lvmd: { mode: 'daemonset' },
      scheduling: { capacityTracking: {} },
    });
    new TopoLVMSnapshotClass(site, 'thin-snapshots', { name: 'topolvm-provisioner-thin', storageClass: new TopoLVMStorageClass(site, 'topolvm-provisioner-thin', { topolvm, deviceClass: 'thin' }) });
    const o = validObjectsOf(app).find((x) => x.kind === 'VolumeSnapshotClass');
    expect(o).toEqual({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: expect.objectContaining({ name: 'topolvm-provisioner-thin' }), driver: 'topolvm.io', deletionPolicy: 'Delete' });
  });

  test('WHEN a TopoLVM snapshot class is asked for on TopoLVM 0.8.3 THEN it is refused: no snapshots there', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.20.0', topolvmVersion: '0.8.3' });
      const topolvm = new TopoLVM(site, 'topolvm', { platform: 'kubeadm', deviceClasses: [{ name: 'ssd', volumeGroup: 'vg' }], lvmd: { mode: 'daemonset' }, scheduling: { extenderDaemonSet: { preset: 'kubeadm' } }, webhook: { certManager: true } });
      new TopoLVMSnapshotClass(site, 'snap', { storageClass: new TopoLVMStorageClass(site, 'topolvm-ssd', { topolvm }) });
    });
    expectHelpful(m, { path: 'test-site/snap', value: '"0.8.3"', allowed: /TopoLVM v0\.11–v0\.41 \(range >=0\.11\.0\)/ });
  });
});
