/** BlockStorageClass and ExistingBlockStorageClass (src/kubernetes/block-storage-class.ts): cloud, SAN and local static block classes, and classes the site does not create. */
import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { BlockStorageClass, place, RookCluster } from '../src';
import { classifyProvisioner } from '../src/kubernetes/block-storage-class';
import { renderSite } from '../src/pipeline/synth';
import {
  cephClusterManifest, configError, ebsClass, expectHelpful, manifests, newSite, osdsOn, synthError,
  synthIntoFreshDir, tmpDir,
} from './helpers';

describe('GIVEN StorageClass provisioners', () => {
  test.each([
    ['topolvm.io', 'topolvm'], ['kubernetes.io/no-provisioner', 'local-static'], ['ebs.csi.aws.com', 'network-block'], ['kubernetes.io/aws-ebs', 'network-block'],
    ['pd.csi.storage.gke.io', 'network-block'], ['disk.csi.azure.com', 'network-block'], ['cinder.csi.openstack.org', 'network-block'], ['csi.vsphere.vmware.com', 'network-block'],
    ['rook-ceph.rbd.csi.ceph.com', 'ceph'], ['storage-ns.cephfs.csi.ceph.com', 'ceph'], ['ceph.rook.io/block', 'ceph'], ['efs.csi.aws.com', 'file-only'],
    ['rancher.io/local-path', 'local-file'], ['example.com/my-san', 'unknown'],
  ])('WHEN %s is classified THEN it is %s', (provisioner, kind) => {
    expect(classifyProvisioner(provisioner)).toBe(kind);
  });
});

describe('GIVEN local static disks (kubernetes.io/no-provisioner)', () => {
  const disks = [{ name: 'n1-sdb', node: 'n1', path: '/dev/disk/by-id/wwn-0x1', size: '1Ti' }, { name: 'n2-sdb', node: 'n2', path: '/dev/disk/by-id/wwn-0x2', size: '1Ti' }];

  test('WHEN the class lists its disks THEN each is a Retain local PersistentVolume bound to its node, Block by default', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }] });
    const local = new BlockStorageClass(site, 'local-disks', { provisioner: 'kubernetes.io/no-provisioner', localVolumes: disks });
    osdsOn(site, { storageClass: local, count: 2, size: '1Ti' });
    const pvs = manifests(site).filter((m) => m.kind === 'PersistentVolume');
    expect(pvs.map((p) => [p.metadata.name, p.spec.volumeMode, p.spec.persistentVolumeReclaimPolicy, p.spec.local.path, p.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]])).toEqual([
      ['n1-sdb', 'Block', 'Retain', '/dev/disk/by-id/wwn-0x1', 'n1'], ['n2-sdb', 'Block', 'Retain', '/dev/disk/by-id/wwn-0x2', 'n2'],
    ]);
    expect(synthIntoFreshDir(app).r.warnings).toEqual([]);
  });

  test('WHEN OSDs on the local class are portable THEN synth fails at portable, and nothing is written', () => {
    const { app, site } = newSite();
    osdsOn(site, { storageClass: new BlockStorageClass(site, 'local', { provisioner: 'kubernetes.io/no-provisioner' }), portable: true });
    const dir = tmpDir();
    const e = synthError(app, dir);
    expectHelpful(e.message, { path: 'test-site/cluster: storage.storageClassDeviceSets[0].portable', value: 'true', allowed: /false for local volumes.*network-attached/, fix: /remove portable/ });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('WHEN the local class binds Immediately THEN synth fails naming WaitForFirstConsumer, for OSDs and for mons, and nothing is written', () => {
    const { app, site } = newSite();
    const local = new BlockStorageClass(site, 'local', { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' });
    new RookCluster(site, 'cluster', {
      mon: { volumeClaim: { storageClass: local, size: '10Gi' } },
      storage: { storageClassDeviceSets: [{ name: 'set1', count: 3, size: '100Gi', storageClass: local }] },
    });
    const dir = tmpDir();
    const e = synthError(app, dir);
    expectHelpful(e.message, { path: 'test-site/cluster: storage.storageClassDeviceSets[0].storageClass', value: /Immediate/, allowed: /"WaitForFirstConsumer"/, fix: /volumeBindingMode: "WaitForFirstConsumer" on "local" \(the BlockStorageClass default\)/ });
    expect(e.message).toMatch(/test-site\/cluster: mon\.volumeClaim\.storageClass[^\n]*binds volumes Immediately/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('WHEN a disk is on a node the site does not list THEN synth fails naming the nodes', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }] });
    new BlockStorageClass(site, 'local', { provisioner: 'kubernetes.io/no-provisioner', localVolumes: disks });
    expectHelpful(synthError(app).message, { path: 'test-site/local: localVolumes[1].node', value: 'n2', allowed: '"n1"', fix: /add it to the Site nodes/ });
  });

  test('WHEN two disks share a name, or a node and path THEN the class is refused', () => {
    const { site } = newSite();
    const e = configError(() => new BlockStorageClass(site, 'local', { provisioner: 'kubernetes.io/no-provisioner', localVolumes: [disks[0], { ...disks[0], name: 'other' }] }));
    expectHelpful(e.message, { path: /localVolumes/, fix: /./ });
    const e2 = configError(() => new BlockStorageClass(site, 'local2', { provisioner: 'kubernetes.io/no-provisioner', localVolumes: [disks[0], { ...disks[1], name: 'n1-sdb' }] }));
    expectHelpful(e2.message, { path: /localVolumes/, value: /n1-sdb/ });
  });

  test('WHEN localVolumes are given to a cloud class THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => ebsClass(site, 'gp3', { localVolumes: disks }));
    expectHelpful(e.message, { path: 'test-site/gp3: localVolumes', allowed: /kubernetes\.io\/no-provisioner/, fix: /remove localVolumes/ });
  });
});

describe('GIVEN classes the site does not create', () => {
  test('WHEN an existing EBS class is declared with fromExisting THEN portable OSDs on it are written and no StorageClass is emitted', () => {
    const { app, site } = newSite();
    const gp2 = BlockStorageClass.fromExisting(site, 'gp2', { name: 'gp2-csi', provisioner: 'ebs.csi.aws.com' });
    osdsOn(site, { storageClass: gp2, portable: true });
    const { r } = synthIntoFreshDir(app);
    expect(r.warnings).toEqual([]);
    expect(manifests(site).filter((m) => m.kind === 'StorageClass')).toEqual([]);
    expect(cephClusterManifest(site).spec.storage.storageClassDeviceSets[0].volumeClaimTemplates[0].spec.storageClassName).toBe('gp2-csi');
  });

  test('WHEN an existing class is named by string THEN it is resolved through its fromExisting declaration', () => {
    const { app, site } = newSite();
    BlockStorageClass.fromExisting(site, 'local', { name: 'local-storage', provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' });
    osdsOn(site, { storageClass: 'local-storage' });
    expectHelpful(synthError(app).message, { path: 'storage.storageClassDeviceSets[0].storageClass', value: /Immediate/, allowed: /WaitForFirstConsumer/ });
  });

  test('WHEN an existing local class does not declare its binding mode THEN the site is written with a warning', () => {
    const { app, site } = newSite();
    osdsOn(site, { storageClass: BlockStorageClass.fromExisting(site, 'local', { name: 'local-storage', provisioner: 'kubernetes.io/no-provisioner' }) });
    const { r } = synthIntoFreshDir(app);
    expect(r.warnings).toEqual([expect.stringMatching(/storageClassDeviceSets\[0\]\.storageClass: the binding mode of the node-local StorageClass "local-storage" is not declared.*add volumeBindingMode/)]);
  });

  test('WHEN a class name is neither created nor declared THEN synth fails with the fromExisting fix', () => {
    const { app, site } = newSite();
    osdsOn(site, { storageClass: 'gp2-csi' });
    expectHelpful(synthError(app).message, { path: 'storage.storageClassDeviceSets[0].storageClass', value: 'gp2-csi', allowed: /no StorageClass/, fix: /BlockStorageClass\.fromExisting\(scope, id, \{ name: 'gp2-csi'/ });
  });

  test('WHEN the provisioner is unknown THEN the site is written with a warning asking for the attachment', () => {
    const { app, site } = newSite();
    osdsOn(site, { storageClass: new BlockStorageClass(site, 'san', { provisioner: 'csi.example-san.io' }), portable: true });
    const { r, dir } = synthIntoFreshDir(app);
    expect(r.warnings).toEqual([expect.stringMatching(/"san" has provisioner "csi\.example-san\.io", which gitops-storage does not know.*attachment: 'node-local' or 'network-attached'/)]);
    expect(fs.readdirSync(dir)).toEqual(['test-site']);
  });

  test('WHEN the unknown provisioner is declared node-local THEN the local checks apply (portable refused) and no warning is needed', () => {
    const { app, site } = newSite();
    osdsOn(site, { storageClass: new BlockStorageClass(site, 'san', { provisioner: 'csi.example-san.io', attachment: 'node-local' }), portable: true });
    expectHelpful(synthError(app).message, { path: 'storageClassDeviceSets[0].portable', value: 'true', allowed: /false for local volumes/ });
  });

  test('WHEN a known provisioner is declared with the wrong attachment THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => ebsClass(site, 'gp3', { attachment: 'node-local' }));
    expectHelpful(e.message, { path: 'test-site/gp3: attachment', allowed: /"network-attached"/, fix: /remove attachment/ });
  });

  test('WHEN a plain StorageClass object of local-path backs the mons THEN they are accepted, but OSDs on it are refused (no raw block)', () => {
    const { app, site } = newSite();
    place(new ApiObject(site, 'local-path', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' }), 'classes');
    new RookCluster(site, 'cluster', { mon: { volumeClaim: { storageClass: 'local-path', size: '10Gi' } } });
    expect(() => renderSite(site)).not.toThrow();
    const other = newSite();
    place(new ApiObject(other.site, 'local-path', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' }), 'classes');
    osdsOn(other.site, { storageClass: 'local-path' });
    expectHelpful(synthError(other.app).message, { path: 'storageClassDeviceSets[0].storageClass', value: /rancher\.io\/local-path/, fix: /BlockStorageClass/ });
    void app;
  });
});

describe('GIVEN a Ceph RBD class of the same site', () => {
  test('WHEN a BlockStorageClass is declared with a Ceph provisioner THEN it is refused at once', () => {
    const { site } = newSite();
    const e = configError(() => new BlockStorageClass(site, 'x', { provisioner: 'rook-ceph.rbd.csi.ceph.com' }));
    expectHelpful(e.message, { path: 'test-site/x: provisioner', allowed: /ebs\.csi\.aws\.com/, fix: /CephRbdStorageClass/ });
  });
});
