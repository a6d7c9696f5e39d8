/**
 * FlexVolume (Rook ≤ 1.7): operator settings per version and install mode, the kubelet side as host
 * artifacts, FlexStorageClass, the migration note, and the bad input of issue #6.
 */
import * as YAML from 'yaml';
import { computeFlexSettings, FlexVolume, IRookOperatorSettings, Site } from '../src';
import { applyFlexSettings, FLEX_PRESET_PATHS } from '../src/rook/flex-volume';
import { renderSite } from '../src/pipeline/synth';
import { configError, expectHelpful, findManifest, manifests, newSite } from './helpers';

/** A stand-in for RookOperator (issue #3) that records what it was asked to set. */
class FakeOperator implements IRookOperatorSettings {
  public readonly configMap: Record<string, string> = {};
  public readonly env: Record<string, string> = {};
  public readonly helm: Record<string, unknown> = {};
  constructor(public readonly installMode: 'helm' | 'vendored', public readonly namespace = 'rook-ceph') {}
  setConfigMapKey(k: string, v: string): void { this.configMap[k] = v; }
  setEnv(n: string, v: string): void { this.env[n] = v; }
  setHelmValue(p: string, v: unknown): void { this.helm[p] = v; }
}

const site17 = (props = {}) => newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11', ...props });
const site12 = (props = {}) => newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7', ...props });
const artifact = (site: Site, p: string) => renderSite(site).files.find((f) => f.path === p)?.content;

describe('GIVEN computeFlexSettings', () => {
  test('WHEN Rook is 1.7.11 THEN the enable flag is a ConfigMap key and the directory an env var', () => {
    const s = computeFlexSettings('1.7.11', { platform: 'kubespray-pre-2.11' });
    expect(s.configMap).toEqual({ ROOK_ENABLE_FLEX_DRIVER: 'true' });
    expect(s.env).toEqual({ FLEXVOLUME_DIR_PATH: '/var/lib/kubelet/volume-plugins' });
    expect(s.helmValues).toEqual({ enableFlexDriver: true, agent: { flexVolumeDirPath: '/var/lib/kubelet/volume-plugins' } });
  });

  test('WHEN Rook is 1.2.7 THEN everything is operator env (no ConfigMap key)', () => {
    const s = computeFlexSettings('1.2.7', { platform: 'aks' });
    expect(s.configMap).toEqual({});
    expect(s.env).toEqual({ ROOK_ENABLE_FLEX_DRIVER: 'true', FLEXVOLUME_DIR_PATH: '/etc/kubernetes/volumeplugins' });
  });

  test.each([
    ['kubelet-default', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec'],
    ['kubespray-pre-2.11', '/var/lib/kubelet/volume-plugins'],
    ['kubespray', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec'],
    ['rke', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec'],
    ['gke', '/home/kubernetes/flexvolume'],
    ['aks', '/etc/kubernetes/volumeplugins'],
  ] as const)('WHEN the platform is %s THEN FLEXVOLUME_DIR_PATH is %s', (platform, dir) => {
    expect(FLEX_PRESET_PATHS[platform]).toBe(dir);
    expect(computeFlexSettings('1.7.11', { platform }).env.FLEXVOLUME_DIR_PATH).toBe(dir);
  });

  test('WHEN custom and openshift get a path THEN it is used without its trailing slash', () => {
    expect(computeFlexSettings('1.7.11', { platform: 'custom', flexVolumeDirPath: '/var/lib/kubelet/volumeplugins/' }).env.FLEXVOLUME_DIR_PATH).toBe('/var/lib/kubelet/volumeplugins');
    expect(computeFlexSettings('1.7.11', { platform: 'openshift', flexVolumeDirPath: '/etc/kubernetes/kubelet-plugins/volume/exec' }).env.FLEXVOLUME_DIR_PATH).toBe('/etc/kubernetes/kubelet-plugins/volume/exec');
  });

  test('WHEN agent settings are given THEN they render in the formats the operator parses, and as chart values', () => {
    const s = computeFlexSettings('1.7.11', {
      platform: 'kubelet-default',
      libModulesDirPath: '/usr/lib/modules',
      agent: {
        tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }],
        toleration: 'NoExecute',
        tolerationKey: 'dedicated',
        nodeAffinity: { role: ['storage-node'], storage: ['rook', 'ceph'], 'ceph-client': [] },
        mountSecurityMode: 'Restricted',
        mounts: [{ name: 'certs', hostPath: '/etc/pki', containerPath: '/etc/pki' }, { name: 'extra', hostPath: '/opt/a', containerPath: '/a' }],
        priorityClassName: 'system-node-critical',
      },
    });
    expect(s.env).toMatchObject({
      LIB_MODULES_DIR_PATH: '/usr/lib/modules',
      AGENT_TOLERATION: 'NoExecute',
      AGENT_TOLERATION_KEY: 'dedicated',
      AGENT_NODE_AFFINITY: 'role=storage-node; storage=rook,ceph; ceph-client',
      AGENT_MOUNT_SECURITY_MODE: 'Restricted',
      AGENT_MOUNTS: 'certs=/etc/pki:/etc/pki,extra=/opt/a:/a',
      AGENT_PRIORITY_CLASS_NAME: 'system-node-critical',
    });
    expect(YAML.parse(s.env.AGENT_TOLERATIONS)).toEqual([{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(s.helmValues.agent).toMatchObject({ tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }], nodeAffinity: 'role=storage-node; storage=rook,ceph; ceph-client', mounts: 'certs=/etc/pki:/etc/pki,extra=/opt/a:/a', libModulesDirPath: '/usr/lib/modules' });
  });

  test('WHEN disabled THEN only the enable flag is set, to "false"', () => {
    expect(computeFlexSettings('1.7.11', { enabled: false })).toEqual({ configMap: { ROOK_ENABLE_FLEX_DRIVER: 'false' }, env: {}, helmValues: { enableFlexDriver: false } });
  });
});

describe('GIVEN an operator passed to FlexVolume', () => {
  test('WHEN it is installed from vendored manifests on 1.7 THEN the ConfigMap key and env vars are set on it, and no ConfigMap is emitted', () => {
    const { site } = site17();
    const op = new FakeOperator('vendored');
    new FlexVolume(site, 'flex', { operator: op, platform: 'rke', agent: { priorityClassName: 'high' } });
    expect(op.configMap).toEqual({ ROOK_ENABLE_FLEX_DRIVER: 'true' });
    expect(op.env).toEqual({ FLEXVOLUME_DIR_PATH: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', AGENT_PRIORITY_CLASS_NAME: 'high' });
    expect(op.helm).toEqual({});
    expect(manifests(site).filter((m) => m.kind === 'ConfigMap')).toEqual([]);
  });

  test('WHEN it is installed by Helm THEN chart values enableFlexDriver and agent.* are set by dotted path', () => {
    const op = new FakeOperator('helm', 'rook-ceph-system');
    applyFlexSettings(op, computeFlexSettings('1.2.7', { platform: 'gke', agent: { tolerations: [{ operator: 'Exists' }] } }));
    expect(op.helm).toEqual({ 'enableFlexDriver': true, 'agent.flexVolumeDirPath': '/home/kubernetes/flexvolume', 'agent.tolerations': [{ operator: 'Exists' }] });
    expect(op.env).toEqual({});
  });

  test('WHEN operatorNamespace disagrees with the operator THEN it is rejected', () => {
    const { site } = site17();
    const e = configError(() => new FlexVolume(site, 'flex', { operator: new FakeOperator('vendored', 'rook-ceph-system'), operatorNamespace: 'rook-ceph', platform: 'kubespray' }));
    expectHelpful(e.message, { path: 'test-site/flex: operatorNamespace', value: 'rook-ceph', allowed: '"rook-ceph-system"', fix: /remove operatorNamespace/ });
  });
});

describe('GIVEN FlexVolume without an operator (standalone until RookOperator is wired)', () => {
  test('WHEN Rook is 1.7 THEN the rook-ceph-operator-config ConfigMap carries ROOK_ENABLE_FLEX_DRIVER in the operator layer', () => {
    const { site } = site17();
    new FlexVolume(site, 'flex', { platform: 'kubespray-pre-2.11' });
    const cm = findManifest(site, 'ConfigMap', 'rook-ceph-operator-config');
    expect(cm.metadata.namespace).toBe('rook-ceph');
    expect(cm.data).toEqual({ ROOK_ENABLE_FLEX_DRIVER: 'true' });
    expect(renderSite(site).files.map((f) => f.path)).toContain('10-operator/configmap_rook-ceph_rook-ceph-operator-config.yaml');
    expect(artifact(site, 'host/FLEXVOLUME.md')).toMatch(/- name: FLEXVOLUME_DIR_PATH\n\s+value: "\/var\/lib\/kubelet\/volume-plugins"/);
  });

  test('WHEN Rook is 1.2 THEN no ConfigMap is emitted and the host note lists the env vars for the operator Deployment', () => {
    const { site } = site12();
    new FlexVolume(site, 'flex', { platform: 'kubelet-default' });
    expect(manifests(site).filter((m) => m.kind === 'ConfigMap')).toEqual([]);
    const md = artifact(site, 'host/FLEXVOLUME.md')!;
    expect(md).toMatch(/operator Deployment `rook-ceph-operator` \(namespace `rook-ceph`\) must carry these env vars/);
    expect(md).toMatch(/- name: ROOK_ENABLE_FLEX_DRIVER\n\s+value: "true"/);
    expect(md).toMatch(/sets `ROOK_ENABLE_FLEX_DRIVER` to `"false"`/);
  });
});

describe('GIVEN the kubelet side (host artifacts)', () => {
  test('WHEN the platform is kubespray < 2.11 THEN the kubespray variable carries the path', () => {
    const { site } = site17();
    new FlexVolume(site, 'flex', { platform: 'kubespray-pre-2.11' });
    expect(YAML.parse(artifact(site, 'host/kubespray-flexvolume.yml')!)).toEqual({ kubelet_flexvolumes_plugins_dir: '/var/lib/kubelet/volume-plugins' });
  });

  test('WHEN the platform is RKE THEN cluster.yml gets the kubelet extra_args flag and an extra_bind of the same directory', () => {
    const { site } = site17();
    new FlexVolume(site, 'flex', { platform: 'rke' });
    const d = '/usr/libexec/kubernetes/kubelet-plugins/volume/exec';
    expect(YAML.parse(artifact(site, 'host/rke-cluster-flexvolume.yml')!)).toEqual({ services: { kubelet: { extra_args: { 'volume-plugin-dir': d }, extra_binds: [`${d}:${d}`] } } });
  });

  test('WHEN the platform is custom THEN a plain kubelet flag is written', () => {
    const { site } = site17();
    new FlexVolume(site, 'flex', { platform: 'custom', flexVolumeDirPath: '/var/lib/kubelet/volumeplugins' });
    expect(artifact(site, 'host/kubelet-flexvolume.env')).toMatch(/^KUBELET_EXTRA_ARGS=--volume-plugin-dir=\/var\/lib\/kubelet\/volumeplugins$/m);
    expect(artifact(site, 'host/FLEXVOLUME.md')).toMatch(/ls \/var\/lib\/kubelet\/volumeplugins\/ceph\.rook\.io~rook-ceph\//);
  });

  test('WHEN the platform is GKE THEN nothing is asked of the nodes', () => {
    const { site } = site17();
    new FlexVolume(site, 'flex', { platform: 'gke' });
    const files = renderSite(site).files.map((f) => f.path).filter((p) => p.startsWith('host/'));
    expect(files).toEqual(['host/FLEXVOLUME.md']);
    expect(artifact(site, 'host/FLEXVOLUME.md')).toMatch(/already runs with `--volume-plugin-dir=\/home\/kubernetes\/flexvolume`/);
  });
});

describe('GIVEN bad FlexVolume input', () => {
  test('WHEN FlexVolume is used on Rook 1.20 THEN it is rejected and names 1.7.x as the last version with it', () => {
    const { site } = newSite();
    const e = configError(() => new FlexVolume(site, 'flex', { platform: 'kubespray' }));
    expectHelpful(e.message, { path: 'test-site/flex', value: '1.20.6', allowed: /Rook v1\.0\.6, .*v1\.2\.7, .*v1\.7\.11 \(range >=1\.0\.0 <1\.8\.0\)/, fix: /Rook 1\.7\.x \(v1\.7\.11 here\) is the last release with FlexVolume/ });
  });

  test.each([
    ['relative', 'var/lib/kubelet/volume-plugins', /relative/],
    ['empty', '', /empty/],
    ['root', '/', /root directory/],
  ])('WHEN the flex dir is %s THEN it is rejected', (_what, dir, why) => {
    const { site } = site17();
    const e = configError(() => new FlexVolume(site, 'flex', { platform: 'custom', flexVolumeDirPath: dir }));
    expectHelpful(e.message, { path: 'test-site/flex: flexVolumeDirPath', value: `got: ${JSON.stringify(dir)}`, allowed: /absolute host directory/, fix: /--volume-plugin-dir/ });
    expect(e.message).toMatch(why);
  });

  test.each(['custom', 'openshift'] as const)('WHEN the %s preset has no path THEN it says how to find the kubelet directory', (platform) => {
    const { site } = site17();
    const e = configError(() => new FlexVolume(site, 'flex', { platform }));
    expectHelpful(e.message, { path: 'test-site/flex: flexVolumeDirPath', allowed: /--volume-plugin-dir/, fix: /ps -o args= -C kubelet/ });
    expect(e.message).toMatch(new RegExp(`platform "${platform}" has no fixed FlexVolume directory`));
  });

  test('WHEN GKE is given another directory than its kubelet scans THEN it is rejected', () => {
    const { site } = site17();
    const e = configError(() => new FlexVolume(site, 'flex', { platform: 'gke', flexVolumeDirPath: '/var/lib/kubelet/volumeplugins' }));
    expectHelpful(e.message, { path: 'test-site/flex: flexVolumeDirPath', allowed: '"/home/kubernetes/flexvolume" or unset', fix: /remove flexVolumeDirPath/ });
  });

  test('WHEN the platform is missing THEN the presets are listed', () => {
    const { site } = site17();
    const e = configError(() => new FlexVolume(site, 'flex', {}));
    expectHelpful(e.message, { path: 'test-site/flex: platform', allowed: /"kubespray-pre-2\.11"/ });
  });

  test('WHEN agent.tolerationKey is set without agent.toleration THEN it is rejected', () => {
    const { site } = site17();
    const e = configError(() => new FlexVolume(site, 'flex', { platform: 'kubespray', agent: { tolerationKey: 'dedicated' } }));
    expectHelpful(e.message, { path: 'test-site/flex: agent.tolerationKey', fix: /agent\.toleration/ });
  });

  test('WHEN a FlexVolume prop is misspelt THEN the known props are listed', () => {
    const { site } = site17();
    const e = configError(() => new FlexVolume(site, 'flex', { platform: 'kubespray', flexVolumeDir: '/x' } as any));
    expectHelpful(e.message, { path: 'test-site/flex: flexVolumeDir', allowed: /flexVolumeDirPath/ });
  });

  test('WHEN a second FlexVolume is added to a site THEN it is rejected', () => {
    const { site } = site17();
    new FlexVolume(site, 'flex', { platform: 'kubespray' });
    const e = configError(() => new FlexVolume(site, 'flex2', { platform: 'rke' }));
    expectHelpful(e.message, { path: 'test-site/flex2', fix: /one FlexVolume per site/ });
  });
});
