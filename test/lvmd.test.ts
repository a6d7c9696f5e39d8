/** Lvmd (src/topolvm/lvmd.ts): lvmd as a DaemonSet per node group, embedded in topolvm-node, or a systemd service on the host. */
import { synthApp, TopoLVM, TopoLVMStorageClass } from '../src';
import {
  artifact, configError, container, expectHelpful, findManifest, manifests, modernTopolvm, newSite, UPSTREAM,
} from './helpers';
import * as YAML from 'yaml';

describe('GIVEN lvmd in systemd mode', () => {
  test.each([
    ['tolerations', { tolerations: [{ key: 'storage', operator: 'Exists' as const }] }],
    ['nodeGroups', { nodeGroups: [{ name: 'nvme' }] }],
  ])('WHEN combined with the DaemonSet option %s THEN it is rejected', (key, extra) => {
    const { make } = modernTopolvm({ lvmd: { mode: 'systemd', ...extra } });
    const e = configError(make);
    expectHelpful(e.message, { path: `test-site/topolvm: lvmd.${key}`, allowed: /only with mode: "daemonset"/, fix: new RegExp(`remove ${key}, or set mode: "daemonset"`) });
    expect(e.message).toMatch(/no DaemonSet is emitted/);
  });
});

describe('GIVEN scheduling variants (each synthesized and strictly validated)', () => {
  test('WHEN lvmd is embedded on v0.41.0 THEN topolvm-node runs it (--embed-lvmd, hostPID, config without socket-name) and no lvmd DaemonSet exists', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], lvmd: { mode: 'embedded' } });
    synthApp(app, { write: false, upstreamDir: UPSTREAM });
    const node = findManifest(site, 'DaemonSet', 'topolvm-node');
    expect(node.spec.template.spec.hostPID).toBe(true);
    expect(container(node, 'topolvm-node').command).toContain('--embed-lvmd');
    expect(findManifest(site, 'ConfigMap', 'topolvm-lvmd').data['lvmd.yaml']).not.toMatch(/socket-name/);
    expect(manifests(site).filter((m) => m.kind === 'DaemonSet').map((m) => m.metadata.name)).toEqual(['topolvm-node']);
  });

  test('WHEN the lvmd systemd mode is used on v0.41.0 THEN lvmd.service reads /etc/topolvm/lvmd.yaml and both are host artifacts', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], lvmd: { mode: 'systemd' } });
    expect(artifact(site, 'host/lvmd/lvmd.service')).toMatch(/^ExecStart=\/opt\/sbin\/lvmd --config=\/etc\/topolvm\/lvmd.yaml$/m);
    expect(YAML.parse(artifact(site, 'host/lvmd/lvmd.yaml'))['device-classes'][0]).toMatchObject({ 'name': 'ssd', 'volume-group': 'vg1', 'default': true });
    expect(artifact(site, 'host/README.md')).toMatch(/lvmd\.yaml` to `\/etc\/topolvm\/lvmd\.yaml`/);
  });

  test('WHEN lvmd has two node groups THEN one DaemonSet + ConfigMap per group, each with its classes', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const t = new TopoLVM(site, 'topolvm', {
      deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme', default: true }, { name: 'hdd', volumeGroup: 'vg-hdd', thinPool: { name: 'pool0', overprovisionRatio: 5 } }],
      lvmd: { nodeGroups: [{ name: 'fast', nodeSelector: { disk: 'nvme' }, deviceClasses: ['nvme'] }, { name: 'bulk', nodeSelector: { disk: 'hdd' } }] },
    });
    new TopoLVMStorageClass(site, 'thin', { topolvm: t, deviceClass: 'hdd' });
    synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(findManifest(site, 'DaemonSet', 'topolvm-lvmd-fast').spec.template.spec.nodeSelector).toEqual({ disk: 'nvme' });
    expect(YAML.parse(findManifest(site, 'ConfigMap', 'topolvm-lvmd-fast').data['lvmd.yaml'])['device-classes'].map((c: any) => c.name)).toEqual(['nvme']);
    const bulk = YAML.parse(findManifest(site, 'ConfigMap', 'topolvm-lvmd-bulk').data['lvmd.yaml'])['device-classes'];
    expect(bulk[1]).toMatchObject({ 'name': 'hdd', 'type': 'thin', 'thin-pool': { 'name': 'pool0', 'overprovision-ratio': 5 } });
  });
});

