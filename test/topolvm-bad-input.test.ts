/**
 * Bad input for TopoLVM and Rook on TopoLVM: each mistake fails with where, the bad value, what is
 * allowed and the fix, and nothing is written. The ClusterIP extender is a warning (written, with the fix).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { place, RookCluster, synthApp, TopoLVM, TopolvmProps, TopolvmStorageClass } from '../src';
import { configError, expectHelpful, newSite, synthError, UPSTREAM } from './helpers';

const NVME = [{ name: 'nvme', volumeGroup: 'vg-nvme' }];

function modern(props: Partial<TopolvmProps> = {}) {
  const { app, site } = newSite({ topolvmVersion: '0.41.0' });
  return { app, site, make: () => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, ...props }) };
}

describe('GIVEN a TopoLVM scheduling choice', () => {
  test('WHEN capacity tracking is asked on Kubernetes 1.20 THEN it is rejected, naming the Kubernetes versions that have it and the extender fix', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: undefined, topolvmVersion: '0.8.3' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, scheduling: { capacityTracking: {} } }));
    expectHelpful(e.message, { path: 'test-site/topolvm: scheduling.capacityTracking', value: '1.20.0', allowed: /Kubernetes >=1\.21\.0/, fix: /extenderDaemonSet/ });
  });

  test('WHEN no scheduling is given on Kubernetes 1.20 THEN the capacity-tracking default is rejected the same way (no silent switch)', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: undefined, topolvmVersion: '0.8.3' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME }));
    expectHelpful(e.message, { path: 'scheduling.capacityTracking', allowed: /1\.21/ });
  });

  test('WHEN both an extender and capacity tracking are set THEN it is rejected as alternatives', () => {
    const { make } = modern({ scheduling: { capacityTracking: {}, extenderDaemonSet: { preset: 'kubeadm' } }, webhook: { certManager: true } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: scheduling.extenderDaemonSet', allowed: /exactly one of capacityTracking, extenderDaemonSet, extenderDeployment/, fix: /keep one/ });
    expect(e.message).toMatch(/capacityTracking and extenderDaemonSet/);
  });

  test('WHEN an extender mode has no webhook certificate source THEN it is rejected with the two sources', () => {
    const { make } = modern({ scheduling: { extenderDaemonSet: { preset: 'kubeadm' } } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: webhook', allowed: /certManager: true.*secretName, caBundle/, fix: /certManager: true/ });
    expect(e.message).toMatch(/topolvm\.io\/capacity/);
  });

  test('WHEN the webhook names a Secret without its CA bundle THEN it is rejected', () => {
    const { make } = modern({ scheduling: { extenderDaemonSet: { preset: 'kubeadm' } }, webhook: { secretName: 'my-tls' } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: webhook.caBundle', allowed: /secretName \+ caBundle/, fix: /add caBundle/ });
  });

  test('WHEN schedulerConfigApiVersion is v1 on Kubernetes 1.16 THEN it is rejected, listing what 1.16 serves', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: undefined, topolvmVersion: '0.2.2' });
    const e = configError(() => new TopoLVM(site, 'topolvm', {
      platform: 'rke1', deviceClasses: [{ name: 'myvg', volumeGroup: 'myvg' }], lvmd: { mode: 'systemd' },
      scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true }, schedulerConfigApiVersion: 'v1',
    }));
    expectHelpful(e.message, { path: 'test-site/topolvm: schedulerConfigApiVersion', value: /"v1"/, allowed: /"v1alpha1"/, fix: /default for 1\.16\.0 is "v1alpha1"/ });
  });

  test('WHEN schedulerConfigApiVersion is v1beta3 on Kubernetes 1.33 THEN it is rejected (removed in 1.29)', () => {
    const { make } = modern({ scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true }, schedulerConfigApiVersion: 'v1beta3' });
    const e = configError(make);
    expectHelpful(e.message, { path: 'schedulerConfigApiVersion', value: /v1beta3/, allowed: /"v1"/ });
  });

  test('WHEN the extender Deployment sits behind a ClusterIP THEN synth writes the site but warns with the fix, and the CLI-facing result carries it', () => {
    const { app, make } = modern({ scheduling: { extenderDeployment: { serviceType: 'ClusterIP' } }, webhook: { certManager: true } });
    make();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-warn-'));
    const r = synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^test-site: test-site\/topolvm: scheduling\.extenderDeployment\.serviceType: .*ClusterIP.*cannot reach/);
    expect(r.warnings[0]).toMatch(/fix: use serviceType "LoadBalancer" \(or "NodePort"\) and set urlPrefix/);
    expect(fs.existsSync(path.join(out, 'test-site', 'host', 'kube-scheduler', 'scheduler-config.yaml'))).toBe(true);
  });

  test('WHEN the extender Deployment is a LoadBalancer without urlPrefix THEN it is rejected (kube-scheduler needs the address)', () => {
    const { make } = modern({ scheduling: { extenderDeployment: {} }, webhook: { certManager: true } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'scheduling.extenderDeployment.urlPrefix', allowed: /load balancer address/, fix: /urlPrefix/ });
  });
});

describe('GIVEN TopoLVM device classes', () => {
  test('WHEN a StorageClass names a device class that does not exist THEN it is rejected with the declared classes', () => {
    const { site, make } = modern();
    const topolvm = make();
    const e = configError(() => new TopolvmStorageClass(site, 'sc', { topolvm, deviceClass: 'ssd' }));
    expectHelpful(e.message, { path: 'test-site/sc: deviceClass', value: /"ssd"/, allowed: /"nvme"/, fix: /add \{ name: "ssd"/ });
  });

  test('WHEN two device classes are default THEN it is rejected (lvmd refuses to start)', () => {
    const { make } = modern({ deviceClasses: [{ name: 'nvme', volumeGroup: 'a', default: true }, { name: 'ssd', volumeGroup: 'b', default: true }] });
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

describe('GIVEN lvmd in systemd mode', () => {
  test.each([
    ['tolerations', { tolerations: [{ key: 'storage', operator: 'Exists' as const }] }],
    ['nodeGroups', { nodeGroups: [{ name: 'nvme' }] }],
  ])('WHEN combined with the DaemonSet option %s THEN it is rejected', (key, extra) => {
    const { make } = modern({ lvmd: { mode: 'systemd', ...extra } });
    const e = configError(make);
    expectHelpful(e.message, { path: `test-site/topolvm: lvmd.${key}`, allowed: /only with mode: "daemonset"/, fix: new RegExp(`remove ${key}, or set mode: "daemonset"`) });
    expect(e.message).toMatch(/no DaemonSet is emitted/);
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
