/**
 * OSDs and mons on PVCs of any block class: network-attached cloud volumes (portable OSDs), local static volumes,
 * TopoLVM, classes the cluster already has, and unknown provisioners; the checks that fit each kind of class, and
 * the storage fields gated by the pinned Rook version. Bad input fails with path, value, allowed and fix, and
 * nothing is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { BlockStorageClass, CephRbdStorageClass, place, RookCluster, RookClusterDeviceSetProps, synthApp, TopoLVM, TopolvmStorageClass } from '../src';
import { classifyProvisioner } from '../src/kubernetes/block-storage-class';
import { renderSite } from '../src/pipeline/synth';
import { configError, expectHelpful, manifests, newSite, synthError, UPSTREAM } from './helpers';
import { Site } from '../src/site/site';

const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-osdpvc-'));

function ebs(site: Site, id = 'gp3', props: Partial<ConstructorParameters<typeof BlockStorageClass>[2]> = {}) {
  return new BlockStorageClass(site, id, { provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, ...props });
}

function cephCluster(site: Site): any {
  return manifests(site).find((m) => m.kind === 'CephCluster');
}

function osdsOn(site: Site, set: Partial<RookClusterDeviceSetProps> & Pick<RookClusterDeviceSetProps, 'storageClass'>, storage: Record<string, unknown> = {}): RookCluster {
  return new RookCluster(site, 'cluster', { storage: { ...storage, storageClassDeviceSets: [{ name: 'set1', count: 3, size: '100Gi', ...set }] } });
}

/** Synthesizes into a fresh folder; returns the result and the folder. */
function synthOk(app: any) {
  const dir = out();
  return { r: synthApp(app, { outdir: dir, upstreamDir: UPSTREAM }), dir };
}

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

describe('GIVEN OSDs on a gp3 EBS BlockStorageClass', () => {
  test('WHEN the set is portable, spread over zones, with metadata and wal PVCs on an io2 class THEN each template is a Block PVC of its own class and size, and the classes come before the cluster', () => {
    const { app, site } = newSite();
    const gp3 = ebs(site);
    const io2 = ebs(site, 'io2', { parameters: { type: 'io2', iopsPerGB: '50' } });
    osdsOn(site, {
      storageClass: gp3, portable: true, spreadAcross: [{ level: 'zone', required: true }, { level: 'host' }],
      tuneDeviceClass: true, metadata: { size: '20Gi', storageClass: io2 }, wal: { size: '5Gi', storageClass: io2 },
    });
    const set = cephCluster(site).spec.storage.storageClassDeviceSets[0];
    expect(set.portable).toBe(true);
    expect(set.tuneDeviceClass).toBe(true);
    expect(set.volumeClaimTemplates.map((t: any) => [t.metadata.name, t.spec.storageClassName, t.spec.resources.requests.storage, t.spec.volumeMode])).toEqual([
      ['data', 'gp3', '100Gi', 'Block'], ['metadata', 'io2', '20Gi', 'Block'], ['wal', 'io2', '5Gi', 'Block'],
    ]);
    expect(set.placement.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'DoNotSchedule'], ['kubernetes.io/hostname', 'ScheduleAnyway'],
    ]);
    const { r } = synthOk(app);
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
    osdsOn(site, { storageClass: ebs(site), metadata: { size: '10Gi' } });
    const t = cephCluster(site).spec.storage.storageClassDeviceSets[0].volumeClaimTemplates;
    expect(t.map((x: any) => `${x.metadata.name}:${x.spec.storageClassName}`)).toEqual(['data:gp3', 'metadata:gp3']);
  });

  test('WHEN the storage update fields are set on Rook v1.20.6 THEN they are written as given', () => {
    const { site } = newSite();
    osdsOn(site, { storageClass: ebs(site) }, { allowDeviceClassUpdate: true, allowOsdCrushWeightUpdate: true, scheduleAlways: false, onlyApplyOSDPlacement: true });
    expect(cephCluster(site).spec.storage).toMatchObject({ allowDeviceClassUpdate: true, allowOsdCrushWeightUpdate: true, scheduleAlways: false, onlyApplyOSDPlacement: true });
  });

  test('WHEN they are not set THEN none of them is written', () => {
    const { site } = newSite();
    osdsOn(site, { storageClass: ebs(site) });
    const s = cephCluster(site).spec.storage;
    for (const k of ['allowDeviceClassUpdate', 'allowOsdCrushWeightUpdate', 'scheduleAlways', 'onlyApplyOSDPlacement', 'tuneDeviceClass']) expect(k in s || k in s.storageClassDeviceSets[0]).toBe(false);
  });

  test('WHEN the mons are on the EBS class THEN their claim template names it', () => {
    const { site } = newSite();
    const gp3 = ebs(site);
    new RookCluster(site, 'cluster', { mon: { volumeClaim: { storageClass: gp3, size: '10Gi' } } });
    expect(cephCluster(site).spec.mon.volumeClaimTemplate.spec).toEqual({ storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } });
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
    expect(cephCluster(site).spec.storage.onlyApplyOSDPlacement).toBe(true);
    const old = newSite({ kubernetesVersion: '1.18.0', rookVersion: '1.2.7' }).site;
    const e = configError(() => new RookCluster(old, 'cluster', { storage: { onlyApplyOSDPlacement: false } }));
    expectHelpful(e.message, { path: 'storage.onlyApplyOSDPlacement', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/ });
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
    expect(synthOk(app).r.warnings).toEqual([]);
  });

  test('WHEN OSDs on the local class are portable THEN synth fails at portable, and nothing is written', () => {
    const { app, site } = newSite();
    osdsOn(site, { storageClass: new BlockStorageClass(site, 'local', { provisioner: 'kubernetes.io/no-provisioner' }), portable: true });
    const dir = out();
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
    const dir = out();
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
    const e = configError(() => ebs(site, 'gp3', { localVolumes: disks }));
    expectHelpful(e.message, { path: 'test-site/gp3: localVolumes', allowed: /kubernetes\.io\/no-provisioner/, fix: /remove localVolumes/ });
  });
});

describe('GIVEN OSDs on TopoLVM volumes', () => {
  test('WHEN the set is portable THEN synth fails at portable (the volume cannot follow the OSD), and nothing is written', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }] });
    osdsOn(site, { storageClass: new TopolvmStorageClass(site, 'nvme', { topolvm, deviceClass: 'nvme' }), portable: true });
    const dir = out();
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
    const dir = out();
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

  test('WHEN a BlockStorageClass is declared with a Ceph provisioner THEN it is refused at once', () => {
    const { site } = newSite();
    const e = configError(() => new BlockStorageClass(site, 'x', { provisioner: 'rook-ceph.rbd.csi.ceph.com' }));
    expectHelpful(e.message, { path: 'test-site/x: provisioner', allowed: /ebs\.csi\.aws\.com/, fix: /CephRbdStorageClass/ });
  });
});

describe('GIVEN classes the site does not create', () => {
  test('WHEN an existing EBS class is declared with fromExisting THEN portable OSDs on it are written and no StorageClass is emitted', () => {
    const { app, site } = newSite();
    const gp2 = BlockStorageClass.fromExisting(site, 'gp2', { name: 'gp2-csi', provisioner: 'ebs.csi.aws.com' });
    osdsOn(site, { storageClass: gp2, portable: true });
    const { r } = synthOk(app);
    expect(r.warnings).toEqual([]);
    expect(manifests(site).filter((m) => m.kind === 'StorageClass')).toEqual([]);
    expect(cephCluster(site).spec.storage.storageClassDeviceSets[0].volumeClaimTemplates[0].spec.storageClassName).toBe('gp2-csi');
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
    const { r } = synthOk(app);
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
    const { r, dir } = synthOk(app);
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
    const e = configError(() => ebs(site, 'gp3', { attachment: 'node-local' }));
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
