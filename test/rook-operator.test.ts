/**
 * RookOperator (Helm reference and vendored manifests) and CephCsi across the Rook lines, with the
 * bad inputs of issue 3: chart version mismatch, vendored folder missing a file or of another version,
 * CSI settings the pinned Rook lacks, StorageClasses whose provisioner is not a Driver of the site.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import {
  CephCsi, CephRbdSnapshotClass, CephRbdStorageClass, RookCluster, RookOperator, Site, synthApp,
} from '../src';
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

describeWithUpstream('GIVEN CephCsi on Rook 1.20 (ceph-csi-operator)', () => {
  test('THEN an OperatorConfig carries the driver defaults and one Driver per driver is named as the provisioner', () => {
    const { site } = newSite();
    const operator = new RookOperator(site, 'operator');
    const csi = new CephCsi(site, 'csi', {
      operator, logVerbosity: 2, provisionerReplicas: 3, deployCsiAddons: true, kubeletDirPath: '/var/lib/k0s/kubelet',
      drivers: { nfs: true }, nodePlugin: { tolerations: [{ operator: 'Exists' }], nodeAffinity: { 'storage-node': ['true'] } },
      images: { plugin: 'quay.io/cephcsi/cephcsi:v3.17.0' },
    });
    const objs = manifests(site);
    const oc = objs.find((m) => m.kind === 'OperatorConfig');
    expect(oc.spec.driverSpecDefaults).toMatchObject({
      log: { verbosity: 2 }, deployCsiAddons: true, imageSet: { name: 'rook-csi-operator-image-set-configmap' },
      controllerPlugin: { replicas: 3 }, nodePlugin: { kubeletDirPath: '/var/lib/k0s/kubelet', tolerations: [{ operator: 'Exists' }] },
    });
    expect(oc.spec.driverSpecDefaults.nodePlugin.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([{ key: 'storage-node', operator: 'In', values: ['true'] }]);
    expect(objs.filter((m) => m.kind === 'Driver').map((m) => m.metadata.name).sort()).toEqual([...csi.driverNames].sort());
    expect(csi.driverNames).toEqual(['rook-ceph.rbd.csi.ceph.com', 'rook-ceph.cephfs.csi.ceph.com', 'rook-ceph.nfs.csi.ceph.com']);
    expect(operator.helmValues().csi.cephcsi).toEqual({ repository: 'quay.io/cephcsi/cephcsi', tag: 'v3.17.0' });
  });

  test('WHEN the operator is vendored THEN CephCsi owns OperatorConfig and Drivers and the image set ConfigMap is patched', () => {
    const { site } = newSite();
    const operator = new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.20.6') } });
    new CephCsi(site, 'csi', { operator, drivers: { cephfs: false }, images: { provisioner: 'registry.example.com/csi-provisioner:v6.2.0' } });
    const objs = manifests(site);
    expect(objs.filter((m) => m.kind === 'Driver').map((m) => m.metadata.name)).toEqual(['rook-ceph.rbd.csi.ceph.com']);
    expect(objs.filter((m) => m.kind === 'OperatorConfig')).toHaveLength(1);
    expect(objs.find((m) => m.metadata.name === 'rook-csi-operator-image-set-configmap').data.provisioner).toBe('registry.example.com/csi-provisioner:v6.2.0');
  });
});

describeWithUpstream('GIVEN CephCsi on older Rook lines', () => {
  test('WHEN Rook is 1.7.11 (vendored) THEN the settings are rook-ceph-operator-config keys', () => {
    const { app, site } = site17();
    const operator = new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.7.11') } });
    const csi = new CephCsi(site, 'csi', { operator, drivers: { cephfs: false }, provisionerReplicas: 1, kubeletDirPath: '/var/lib/kubelet', controllerPlugin: { nodeAffinity: { role: ['storage', 'ceph'] }, tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }] }, images: { plugin: 'quay.io/cephcsi/cephcsi:v3.4.0' } });
    expect(csi.settings.style).toBe('operator-configmap');
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const cm = r.sites[0].files.flatMap((f) => f.objects).find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'rook-ceph-operator-config');
    expect(cm.data).toMatchObject({
      ROOK_CSI_ENABLE_RBD: 'true', ROOK_CSI_ENABLE_CEPHFS: 'false', CSI_PROVISIONER_REPLICAS: '1', ROOK_CSI_KUBELET_DIR_PATH: '/var/lib/kubelet',
      CSI_PROVISIONER_NODE_AFFINITY: 'role=storage,ceph', ROOK_CSI_CEPH_IMAGE: 'quay.io/cephcsi/cephcsi:v3.4.0',
    });
    expect(cm.data.CSI_PROVISIONER_TOLERATIONS).toMatch(/key: storage/);
  });

  test('WHEN Rook is 1.7.11 from the Helm chart THEN the same settings become the chart\'s csi.* values', () => {
    const { site } = site17({ engine: 'flux', url: REPO });
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, provisionerReplicas: 1, controllerPlugin: { tolerations: [{ key: 'storage', operator: 'Exists' }] } });
    expect(operator.helmValues().csi).toEqual({ enableCephfsDriver: true, enableRbdDriver: true, provisionerReplicas: 1, provisionerTolerations: [{ key: 'storage', operator: 'Exists' }] });
    expect(manifests(site).find((m) => m.kind === 'HelmRelease').spec.chart.spec.version).toBe('v1.7.11');
  });

  test('WHEN Rook is 1.2.7 (vendored) THEN the settings are operator environment variables', () => {
    const { app, site } = site12();
    const operator = new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: dir('v1.2.7') }, logLevel: 'DEBUG' });
    const csi = new CephCsi(site, 'csi', { operator, drivers: { cephfs: false }, cephFsClientType: 'kernel', images: { registrar: 'quay.io/k8scsi/csi-node-driver-registrar:v1.2.0' } });
    expect(csi.settings.env).toMatchObject({ ROOK_CSI_ENABLE_CEPHFS: 'false', CSI_FORCE_CEPHFS_KERNEL_CLIENT: 'true' });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const dep = r.sites[0].files.flatMap((f) => f.objects).find((m) => m.kind === 'Deployment' && m.metadata.name === 'rook-ceph-operator');
    const env = dep.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'ROOK_CSI_ENABLE_CEPHFS', value: 'false' });
    expect(env).toContainEqual({ name: 'ROOK_LOG_LEVEL', value: 'DEBUG' });
    expect(env).toContainEqual({ name: 'ROOK_CSI_REGISTRAR_IMAGE', value: 'quay.io/k8scsi/csi-node-driver-registrar:v1.2.0' });
  });

  test.each([
    ['site17', 'deployCsiAddons', { deployCsiAddons: true }, /CSI-Addons/, /v1\.20\.6/],
    ['site17', 'drivers.nfs', { drivers: { nfs: true } }, /NFS driver/, /v1\.20\.6/],
    ['site12', 'provisionerReplicas', { provisionerReplicas: 2 }, /replica count/, /v1\.7\.11, .*v1\.20\.6/],
    ['site12', 'logVerbosity', { logVerbosity: 3 }, /log verbosity/, /v1\.7\.11, .*v1\.20\.6/],
    ['site12', 'nodePlugin.priorityClassName', { nodePlugin: { priorityClassName: 'storage-critical' } }, /priority classes/, /v1\.7\.11/],
  ])('WHEN %s sets the unsupported CSI setting %s THEN the error names the versions that have it', (which, field, extra, what, versions) => {
    const { site } = which === 'site17' ? site17() : site12();
    const operator = new RookOperator(site, 'operator');
    const e = configError(() => new CephCsi(site, 'csi', { operator, ...(extra as any) }));
    expectHelpful(e.message, { path: `/csi: ${field}`, value: which === 'site17' ? '1.7.11' : '1.2.7', allowed: versions });
    expect(e.message).toMatch(what);
  });
});

describe('GIVEN StorageClasses and the site\'s CSI drivers', () => {
  test('WHEN a StorageClass provisioner is not a Driver of the site THEN synth fails and lists the drivers', () => {
    const { app, site } = newSite();
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator });
    const cluster = new RookCluster(site, 'cluster');
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { pool, operatorNamespace: 'rook-operator' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/block: provisioner', value: 'rook-operator.rbd.csi.ceph.com', allowed: /"rook-ceph\.rbd\.csi\.ceph\.com", "rook-ceph\.cephfs\.csi\.ceph\.com"/ });
  });

  test('WHEN the RBD driver is turned off THEN the RBD StorageClass and VolumeSnapshotClass both fail the check', () => {
    const { app, site } = newSite();
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, drivers: { rbd: false } });
    const cluster = new RookCluster(site, 'cluster');
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { pool });
    new CephRbdSnapshotClass(site, 'snap', { cluster });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/block: provisioner', value: 'rook-ceph.rbd.csi.ceph.com' });
    expect(e.message).toMatch(/test-site\/snap: driver/);
  });

  test('WHEN Rook 1.20 is installed from the chart without CephCsi THEN the classes fail with "add a CephCsi"', () => {
    const { app, site } = newSite();
    new RookOperator(site, 'operator');
    const cluster = new RookCluster(site, 'cluster');
    new CephRbdStorageClass(site, 'block', { pool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/block: provisioner', allowed: /runs no Ceph CSI driver/, fix: /add a CephCsi/ });
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
