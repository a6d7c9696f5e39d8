/**
 * Bad input for TopoLVM and Rook on TopoLVM: each mistake fails with where, the bad value, what is
 * allowed and the fix, and nothing is written. The ClusterIP extender is a warning (written, with the fix).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { place, RookCluster, TopoLVM, TopolvmStorageClass } from '../src';
import { configError, expectHelpful, modernTopolvm, newSite, NVME, synthError } from './helpers';

describe('GIVEN TopoLVM device classes', () => {

  test('WHEN two device classes are default THEN it is rejected (lvmd refuses to start)', () => {
    const { make } = modernTopolvm({ deviceClasses: [{ name: 'nvme', volumeGroup: 'a', default: true }, { name: 'ssd', volumeGroup: 'b', default: true }] });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: deviceClasses', value: /nvme.*ssd/, allowed: /exactly one class with default: true/, fix: /keep default: true on one class/ });
  });

  test('WHEN v0.2.2 gets two device classes THEN the error names the versions with device classes', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: undefined, topolvmVersion: '0.2.2' });
    const e = configError(() => new TopoLVM(site, 'topolvm', {
      deviceClasses: [{ name: 'a', volumeGroup: 'a', default: true }, { name: 'b', volumeGroup: 'b' }], lvmd: { mode: 'systemd' },
      scheduling: { extenderDaemonSet: { preset: 'rke1' } }, webhook: { certManager: true },
    }));
    expectHelpful(e.message, { path: 'test-site/topolvm: deviceClasses', value: '0.2.2', allowed: /TopoLVM v0\.5–v0\.41/, fix: /exactly one class/ });
  });
});

describe('GIVEN a TopoLVM version and domain', () => {
  test('WHEN topolvm.io is asked on v0.2.2 THEN it is rejected, naming the versions with that domain', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: undefined, topolvmVersion: '0.2.2' });
    const e = configError(() => new TopoLVM(site, 'topolvm', {
      domain: 'topolvm.io', deviceClasses: [{ name: 'myvg', volumeGroup: 'myvg' }], lvmd: { mode: 'systemd' },
      scheduling: { extenderDaemonSet: { preset: 'rke1' } }, webhook: { certManager: true },
    }));
    expectHelpful(e.message, { path: 'test-site/topolvm: domain', value: '0.2.2', allowed: /TopoLVM v0\.16–v0\.41 \(range >=0\.16\.0\)/, fix: /topolvm\.cybozu\.com/ });
  });

  test('WHEN lvmd is embedded on v0.8.3 THEN it is rejected, naming the versions that embed lvmd', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: undefined, topolvmVersion: '0.8.3' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, lvmd: { mode: 'embedded' }, scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } }));
    expectHelpful(e.message, { path: 'test-site/topolvm: lvmd.mode', value: '0.8.3', allowed: /v0\.23–v0\.41/, fix: /daemonset/ });
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
    const app = rookOn((site: any, topolvm: TopoLVM) => new TopolvmStorageClass(site, 'imm', { topolvm, volumeBindingMode: 'Immediate' }));
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
    expectHelpful(e.message, { path: 'storage.storageClassDeviceSets[0].storageClass', value: /rancher\.io\/local-path/, allowed: /"topolvm\.io", "topolvm\.cybozu\.com"/, fix: /TopolvmStorageClass/ });
  });

  test('WHEN the OSD class cannot serve volumeMode: Block THEN synth fails', () => {
    const app = rookOn((site: any, topolvm: TopoLVM) => {
      const sc = new TopolvmStorageClass(site, 'noblock', { topolvm });
      (sc as any).blockCapable = false;
      return sc;
    });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'storage.storageClassDeviceSets[0].storageClass', allowed: /Block-capable/, fix: /raw block/ });
  });

  test('WHEN the OSD class is named but not declared in the site THEN synth fails (it cannot be checked)', () => {
    const app = rookOn(() => 'somewhere-else');
    const e = synthError(app);
    expectHelpful(e.message, { path: 'storage.storageClassDeviceSets[0].storageClass', value: /somewhere-else/, fix: /TopolvmStorageClass/ });
  });

  test('WHEN OSDs on TopoLVM volumes are portable THEN synth fails (the volume cannot follow the OSD)', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: NVME });
    const sc = new TopolvmStorageClass(site, 'nvme', { topolvm });
    new RookCluster(site, 'cluster', { storage: { storageClassDeviceSets: [{ name: 'set', count: 3, size: '100Gi', storageClass: sc, portable: true }] } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: storage.storageClassDeviceSets[0].portable', value: 'true', allowed: /false for local volumes/, fix: /remove portable/ });
  });

  test('WHEN the mon PVC class binds Immediately THEN synth fails too', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: NVME });
    const imm = new TopolvmStorageClass(site, 'imm', { topolvm, volumeBindingMode: 'Immediate' });
    new RookCluster(site, 'cluster', { mon: { count: 3, volumeClaim: { storageClass: imm, size: '10Gi' } } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: mon.volumeClaim.storageClass', allowed: /WaitForFirstConsumer/ });
  });
});
