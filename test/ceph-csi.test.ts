/** CephCsi (src/rook/ceph-csi.ts): the CSI drivers of a site per Rook line (ceph-csi-operator, operator settings, environment). */
import { App } from 'cdk8s';
import { CephCsi, CephRbdSnapshotClass, CephRbdStorageClass, RookCluster, RookOperator, Site, synthApp } from '../src';
import {
  configError, describeWithUpstream, expectHelpful, manifests, newSite, synthError, UPSTREAM, upstreamPath,
} from './helpers';
import { requireFeature, RookVersion } from '../src/versions';

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

const KUBE: Partial<Record<RookVersion, string>> = { '1.20.6': '1.33.0', '1.7.11': '1.22.0', '1.2.7': '1.16.0' };

function siteOf(rook: RookVersion): Site {
  return new Site(new App(), 's', { kubernetesVersion: KUBE[rook]!, rookVersion: rook, gitops: { engine: 'argocd', repoURL: REPO } });
}

describeWithUpstream('GIVEN CephCsi fsGroupPolicy per driver', () => {
  test('WHEN Rook is 1.7.11 THEN RBD and CephFS get their own keys (as upstream\'s operator.yaml sets them differently)', () => {
    const site = siteOf('1.7.11');
    const operator = new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook', 'v1.7.11') } });
    const csi = new CephCsi(site, 'csi', { operator, fsGroupPolicy: { rbd: 'File', cephfs: 'ReadWriteOnceWithFSType' } });
    expect(csi.settings.configMapKeys).toMatchObject({ CSI_RBD_FSGROUPPOLICY: 'File', CSI_CEPHFS_FSGROUPPOLICY: 'ReadWriteOnceWithFSType' });
  });

  test('WHEN only one driver is given THEN the other keeps the release\'s (no key written)', () => {
    const site = siteOf('1.7.11');
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, fsGroupPolicy: { cephfs: 'File' } });
    expect(operator.helmValues().csi).toEqual({ enableRbdDriver: true, enableCephfsDriver: true, cephFSFSGroupPolicy: 'File' });
  });

  test('WHEN one string is given (the old form) THEN it still sets every driver', () => {
    const site = siteOf('1.7.11');
    const operator = new RookOperator(site, 'operator');
    const csi = new CephCsi(site, 'csi', { operator, fsGroupPolicy: 'None' });
    expect(csi.settings.configMapKeys).toMatchObject({ CSI_RBD_FSGROUPPOLICY: 'None', CSI_CEPHFS_FSGROUPPOLICY: 'None' });
  });

  test('WHEN Rook is 1.20.6 THEN each Driver gets its policy and the OperatorConfig default stays "File"', () => {
    const site = siteOf('1.20.6');
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, drivers: { nfs: true }, fsGroupPolicy: { rbd: 'ReadWriteOnceWithFSType', nfs: 'None' } });
    const objs = manifests(site);
    const policy = (name: string) => objs.find((m) => m.kind === 'Driver' && m.metadata.name === name).spec.fsGroupPolicy;
    expect([policy('rook-ceph.rbd.csi.ceph.com'), policy('rook-ceph.cephfs.csi.ceph.com'), policy('rook-ceph.nfs.csi.ceph.com')]).toEqual(['ReadWriteOnceWithFSType', 'File', 'None']);
    expect(objs.find((m) => m.kind === 'OperatorConfig').spec.driverSpecDefaults.fsGroupPolicy).toBe('File');
  });

  test('WHEN a policy is given for a driver that is not enabled THEN it is refused', () => {
    const site = siteOf('1.20.6');
    const operator = new RookOperator(site, 'operator');
    const e = configError(() => new CephCsi(site, 'csi', { operator, fsGroupPolicy: { nfs: 'File' } }));
    expectHelpful(e.message, { path: 's/csi: fsGroupPolicy.nfs', value: 'File', allowed: /rbd, cephfs/, fix: /enable drivers\.nfs/ });
  });

  test('WHEN a policy is misspelt THEN the error lists the policies and the per-driver form', () => {
    const site = siteOf('1.20.6');
    const operator = new RookOperator(site, 'operator');
    const e = configError(() => new CephCsi(site, 'csi', { operator, fsGroupPolicy: { rbd: 'file' as any } }));
    expectHelpful(e.message, { path: 's/csi: fsGroupPolicy.rbd', value: 'file', allowed: /"ReadWriteOnceWithFSType".*per driver/, fix: /"File"/ });
  });
});

describe('GIVEN a field of a newer Rook on an older site (bad input)', () => {
  test('WHEN ceph-csi-operator settings are asked for on a 1.7 or a 1.2 site THEN the gate names 1.20.6', () => {
    for (const rook of ['1.7.11', '1.2.7'] as const) {
      const e = configError(() => requireFeature({ kubernetes: '1.16.0', rook }, 'cephCsiOperator', 'site/csi: operatorConfig'));
      expectHelpful(e.message, { path: 'site/csi: operatorConfig', value: rook, allowed: /v1\.20\.6 \(range >=1\.18\.0\)/ });
    }
  });
});
