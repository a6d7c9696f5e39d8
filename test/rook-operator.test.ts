/**
 * RookOperator (Helm reference and vendored manifests) and CephCsi across the Rook lines, with the
 * bad inputs of issue 3: chart version mismatch, vendored folder missing a file or of another version,
 * CSI settings the pinned Rook lacks, StorageClasses whose provisioner is not a Driver of the site.
 */
import { App } from 'cdk8s';
import { RookCluster, RookOperator, Site, synthApp } from '../src';
import { configError, describeWithUpstream, expectHelpful, manifests, newSite, synthError, UPSTREAM, upstreamPath } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';
const dir = (tag: string) => upstreamPath('rook', tag);

function site17(gitops?: any) {
  const app = new App();
  return { app, site: new Site(app, 's17', { kubernetesVersion: '1.22.0', rookVersion: '1.7.11', gitops }) };
}
function site12() {
  const app = new App();
  return { app, site: new Site(app, 's12', { kubernetesVersion: '1.16.0', rookVersion: '1.2.7' }) };
}

describe('GIVEN a RookOperator from the Helm chart', () => {
  test('WHEN typed settings are given THEN they become typed chart values of the Argo CD Application', () => {
    const { site } = newSite({ gitops: { engine: 'argocd', repoURL: REPO } });
    const op = new RookOperator(site, 'operator', {
      logLevel: 'DEBUG', enableDiscoveryDaemon: true, enforceHostNetwork: false, allowLoopDevices: true,
      resources: { requests: { cpu: '200m' } }, tolerations: [{ key: 'storage', operator: 'Exists' }], nodeSelector: { role: 'storage' },
      image: 'registry.example.com/rook/ceph:v1.20.6',
    });
    op.setHelmValue('monitoring.enabled', true);
    const app = manifests(site).find((m) => m.kind === 'Application' && m.metadata.name === 'test-site-rook-ceph-operator');
    expect(app.spec.source.targetRevision).toBe('v1.20.6');
    expect(app.spec.destination.namespace).toBe('rook-ceph');
    expect(app.spec.source.helm.valuesObject).toEqual({
      allowLoopDevices: true, crds: { enabled: true }, enableDiscoveryDaemon: true, enforceHostNetwork: false,
      image: { repository: 'registry.example.com/rook/ceph', tag: 'v1.20.6' }, logLevel: 'DEBUG', monitoring: { enabled: true },
      nodeSelector: { role: 'storage' }, resources: { requests: { cpu: '200m' } }, tolerations: [{ key: 'storage', operator: 'Exists' }],
    });
    expect(op.installMode).toBe('helm');
    expect(op.namespace).toBe('rook-ceph');
  });

  test('WHEN chartVersion equals the site\'s Rook version THEN it is accepted, with or without "v"', () => {
    const { site } = newSite();
    expect(() => new RookOperator(site, 'a', { install: { mode: 'helm', chartVersion: '1.20.6' } })).not.toThrow();
  });

  test('WHEN chartVersion differs from the site\'s Rook version THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { install: { mode: 'helm', chartVersion: 'v1.19.10' } }));
    expectHelpful(e.message, { path: 'test-site/operator: install.chartVersion', value: 'v1.19.10', allowed: /"v1\.20\.6"/, fix: /remove chartVersion/ });
  });

  test('WHEN a construct turns off the chart CRDs THEN it is refused (it would delete the cluster)', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator');
    const e = configError(() => op.setHelmValue('crds.enabled', false));
    expectHelpful(e.message, { path: 'crds.enabled', value: 'false', allowed: 'true' });
  });

  test('WHEN enforceHostNetwork is set on Rook 1.7.11 THEN the error names the versions that have it', () => {
    const { site } = site17();
    const e = configError(() => new RookOperator(site, 'operator', { enforceHostNetwork: true }));
    expectHelpful(e.message, { path: 's17/operator: enforceHostNetwork', value: '1.7.11', allowed: /Rook .*v1\.20\.6/ });
  });

  test('WHEN a ConfigMap key has no chart value THEN setConfigMapKey says to use setHelmValue or vendored mode', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator');
    const e = configError(() => op.setConfigMapKey('ROOK_SOMETHING_NEW', 'x'));
    expectHelpful(e.message, { path: 'ROOK_SOMETHING_NEW', fix: /setHelmValue/ });
  });
});

describeWithUpstream('GIVEN a vendored RookOperator', () => {
  test('WHEN pointed at the v1.20.6 examples THEN CRDs, RBAC and operator are included as-is, patched, and validate strictly', () => {
    const { app, site } = newSite({ gitops: { engine: 'argocd', repoURL: REPO } });
    const op = new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.20.6') }, logLevel: 'DEBUG', image: 'registry.example.com/rook/ceph:v1.20.6', nodeSelector: { role: 'storage' } });
    op.setEnv('ROOK_RECONCILE_CONCURRENT_CLUSTERS', '2');
    op.setConfigMapKey('ROOK_DISABLE_DEVICE_HOTPLUG', 'true');
    new RookCluster(site, 'cluster');
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const objs = r.sites[0].files.flatMap((f) => f.objects);
    expect(objs.filter((m) => m.kind === 'CustomResourceDefinition').length).toBe(26);
    const cm = objs.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'rook-ceph-operator-config');
    expect(cm.data).toMatchObject({ ROOK_LOG_LEVEL: 'DEBUG', ROOK_DISABLE_DEVICE_HOTPLUG: 'true', ROOK_ENFORCE_HOST_NETWORK: 'false' });
    const dep = objs.find((m) => m.kind === 'Deployment' && m.metadata.name === 'rook-ceph-operator');
    const c = dep.spec.template.spec.containers[0];
    expect(c.image).toBe('registry.example.com/rook/ceph:v1.20.6');
    expect(c.env).toContainEqual({ name: 'ROOK_RECONCILE_CONCURRENT_CLUSTERS', value: '2' });
    expect(dep.spec.template.spec.nodeSelector).toEqual({ role: 'storage' });
    expect(objs.filter((m) => m.kind === 'Namespace').map((m) => m.metadata.name)).toEqual(['rook-ceph']);
  });

  test('WHEN the operator namespace is renamed THEN namespaces, binding subjects and Driver names follow', () => {
    const { site } = newSite();
    new RookOperator(site, 'operator', { namespace: 'storage-system', install: { mode: 'vendored', dir: dir('v1.20.6') } });
    const objs = manifests(site);
    expect(objs.filter((m) => m.metadata.namespace === 'rook-ceph')).toEqual([]);
    expect(objs.filter((m) => m.kind === 'Driver').map((m) => m.metadata.name).sort()).toEqual(['storage-system.cephfs.csi.ceph.com', 'storage-system.rbd.csi.ceph.com']);
    const crb = objs.find((m) => m.kind === 'ClusterRoleBinding' && m.metadata.name === 'rook-ceph-system');
    expect(crb.subjects[0].namespace).toBe('storage-system');
  });

  test('WHEN the folder misses one of the files THEN it is rejected naming the missing files', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.19.10') } }));
    expectHelpful(e.message, { path: 'test-site/operator: install.dir', value: /v1\.19\.10/, allowed: /crds\.yaml, common\.yaml, csi-operator\.yaml, operator\.yaml/, fix: /copy crds\.yaml, common\.yaml, csi-operator\.yaml/ });
  });

  test('WHEN the folder holds another Rook version THEN it is rejected naming both versions', () => {
    const { site } = site17();
    const e = configError(() => new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.20.6') } }));
    expectHelpful(e.message, { path: 's17/operator: install.dir', value: 'v1.20.6', allowed: /Rook v1\.7\.11/, fix: /tag v1\.7\.11/ });
  });

  test('WHEN the folder does not exist THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: '/nonexistent/rook' } }));
    expectHelpful(e.message, { path: 'install.dir', value: '/nonexistent/rook' });
  });
});

describe('GIVEN clusters in other namespaces', () => {
  test('WHEN a RookCluster lives outside the operator namespace THEN the RBAC that namespace needs is emitted', () => {
    const { site } = newSite();
    new RookOperator(site, 'operator');
    new RookCluster(site, 'a');
    new RookCluster(site, 'b', { name: 'ceph-b', namespace: 'ceph-b', dataDirHostPath: '/var/lib/rook-b' });
    const objs = manifests(site);
    const inB = objs.filter((m) => m.metadata.namespace === 'ceph-b').map((m) => `${m.kind}/${m.metadata.name}`);
    expect(inB).toEqual(expect.arrayContaining(['ServiceAccount/rook-ceph-osd', 'ServiceAccount/rook-ceph-mgr', 'Role/rook-ceph-osd', 'RoleBinding/rook-ceph-cluster-mgmt', 'CephCluster/ceph-b']));
    const mgmt = objs.find((m) => m.kind === 'RoleBinding' && m.metadata.name === 'rook-ceph-cluster-mgmt');
    expect(mgmt.subjects).toEqual([{ kind: 'ServiceAccount', name: 'rook-ceph-system', namespace: 'rook-ceph' }]);
    expect(objs.find((m) => m.kind === 'ClusterRoleBinding' && m.metadata.name === 'rook-ceph-osd-ceph-b').subjects[0].namespace).toBe('ceph-b');
    expect(objs.filter((m) => m.metadata.namespace === 'rook-ceph' && m.kind === 'Role')).toEqual([]);
  });

  test('WHEN the operator watches only its namespace and a cluster lives elsewhere THEN synth fails', () => {
    const { app, site } = newSite();
    new RookOperator(site, 'operator', { watchNamespaces: 'operator-namespace' });
    new RookCluster(site, 'b', { namespace: 'ceph-b' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/operator: watchNamespaces', allowed: /"all"/ });
  });

  test('WHEN a cluster names an operator namespace no RookOperator uses THEN synth fails', () => {
    const { app, site } = newSite();
    new RookOperator(site, 'operator');
    new RookCluster(site, 'b', { operatorNamespace: 'rook-operator' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/b: operatorNamespace', value: 'rook-operator', allowed: '"rook-ceph"' });
  });
});

describeWithUpstream('GIVEN operator settings for Rook 1.20', () => {
  test('WHEN a construct sets a CSI ConfigMap key THEN it is refused: Rook 1.20 reads CSI settings only from ceph-csi-operator resources', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.20.6') } });
    const e = configError(() => op.setConfigMapKey('CSI_PROVISIONER_REPLICAS', '3'));
    expectHelpful(e.message, { path: 'test-site/operator: CSI_PROVISIONER_REPLICAS', value: '1.20.6', allowed: /v1\.7\.11/, fix: /CephCsi construct/ });
  });

  test('WHEN setEnv gets a bad name or setHelmValue a bad path THEN they are refused', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator');
    expectHelpful(configError(() => op.setHelmValue('csi..x', 1)).message, { path: 'csi..x', allowed: /keys separated by/ });
    const { site: s2 } = newSite({}, 'other');
    const vend = new RookOperator(s2, 'operator', { install: { mode: 'vendored', dir: dir('v1.20.6') } });
    expectHelpful(configError(() => vend.setEnv('1BAD', 'x')).message, { path: 'env', value: '1BAD' });
    expectHelpful(configError(() => vend.setHelmValue('logLevel', 'DEBUG')).message, { path: 'logLevel', fix: /setConfigMapKey/ });
  });
});

describeWithUpstream('GIVEN the operator API other constructs call (FlexVolume on Rook 1.7)', () => {
  test('WHEN settings are set through setConfigMapKey / setEnv on a Helm install THEN they become the chart values that render them', () => {
    const { site } = site17({ engine: 'argocd', repoURL: REPO });
    const op = new RookOperator(site, 'operator');
    op.setConfigMapKey('ROOK_ENABLE_FLEX_DRIVER', 'true');
    op.setEnv('FLEXVOLUME_DIR_PATH', '/var/lib/kubelet/volumeplugins');
    op.setEnv('AGENT_TOLERATIONS', '- key: storage\n  operator: Exists\n');
    expect(op.helmValues()).toMatchObject({ enableFlexDriver: true, agent: { flexVolumeDirPath: '/var/lib/kubelet/volumeplugins', tolerations: [{ key: 'storage', operator: 'Exists' }] } });
  });

  test('WHEN the same is done on a vendored install THEN ConfigMap keys and Deployment env are patched', () => {
    const { site } = site17();
    const op = new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.7.11') } });
    op.setConfigMapKey('ROOK_ENABLE_FLEX_DRIVER', 'true');
    op.setEnv('FLEXVOLUME_DIR_PATH', '/var/lib/kubelet/volumeplugins');
    const objs = manifests(site);
    expect(objs.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'rook-ceph-operator-config').data.ROOK_ENABLE_FLEX_DRIVER).toBe('true');
    expect(objs.find((m) => m.kind === 'Deployment' && m.metadata.name === 'rook-ceph-operator').spec.template.spec.containers[0].env).toContainEqual({ name: 'FLEXVOLUME_DIR_PATH', value: '/var/lib/kubelet/volumeplugins' });
  });

  test('WHEN setConfigMapKey is called on Rook 1.2.7 THEN it says the setting is an environment variable there', () => {
    const { site } = site12();
    const op = new RookOperator(site, 'operator');
    const e = configError(() => op.setConfigMapKey('ROOK_ENABLE_FLEX_DRIVER', 'true'));
    expectHelpful(e.message, { path: 's12/operator: ROOK_ENABLE_FLEX_DRIVER', value: '1.2.7', fix: /setEnv/ });
  });
});
