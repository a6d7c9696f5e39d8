import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { cephCsiClassShape, cephCsiSecretParameters, checkClusterId, StorageClassConstruct, storageClassShape, SnapshotClassConstruct, snapshotClassShape } from '../site/storage-class';
import { requireFeature } from '../versions';
import { CephFilesystem } from './ceph-filesystem';
import { CephNfs } from './ceph-nfs';
import { CephCsiStorageClassBaseProps, StorageClassBaseProps, SnapshotClassBaseProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';

const schema = z.strictObject({
  ...storageClassShape,
  nfs: z.lazy(() => z.instanceof(CephNfs)),
  filesystem: z.lazy(() => z.instanceof(CephFilesystem)),
  dataPool: dnsLabel.optional(),
  ...cephCsiClassShape('cephfs'),
});

/** Props of {@link CephNfsStorageClass}. The CSI secrets are the CephFS ones (`rook-csi-cephfs-*`). */
export interface CephNfsStorageClassProps extends StorageClassBaseProps, CephCsiStorageClassBaseProps {
  /** The NFS server that exports the volumes. */
  readonly nfs: CephNfs;
  /** The CephFS the exported volumes live in; same cluster as `nfs`. */
  readonly filesystem: CephFilesystem;
  /** Data pool of the volumes, by its short name in the filesystem's `dataPools`. @default - the first data pool */
  readonly dataPool?: string;
}
const _nfsStorageClassProps: PropsMatch<CephNfsStorageClassProps, z.input<typeof schema>> = true;

/** A StorageClass of the Ceph CSI NFS driver (`csi/nfs-storageclass.yaml`): CephFS volumes exported by an CephNfs. */
export class CephNfsStorageClass extends StorageClassConstruct {
  public readonly provisioner: string;

  constructor(scope: Construct, id: string, props: CephNfsStorageClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephNfsServer', this.node.path);
    const cluster = p.nfs.cluster;
    const fs = p.filesystem;
    if (fs.cluster !== cluster) {
      throw new ConfigError({ path: `${this.node.path}: filesystem`, problem: `filesystem "${fs.filesystemName}" is in cluster namespace "${fs.namespace}", the NFS server "${p.nfs.nfsName}" in "${p.nfs.namespace}"; the server can only export filesystems of its own cluster`, value: fs.filesystemName, allowed: `a CephFilesystem of cluster "${cluster.clusterName}"`, fix: 'use a filesystem of the NFS server\'s cluster' });
    }
    const dataPool = p.dataPool ?? fs.dataPoolNames[0];
    if (!fs.dataPoolNames.includes(dataPool)) {
      throw new ConfigError({ path: `${this.node.path}: dataPool`, problem: `filesystem "${fs.filesystemName}" has no data pool "${dataPool}"`, value: dataPool, allowed: fs.dataPoolNames.map((d) => `"${d}"`).join(', '), fix: 'name one of the filesystem\'s data pools (without the filesystem prefix)' });
    }
    this.nameClass(p.name);
    this.provisioner = `${p.operatorNamespace ?? cluster.operatorNamespace}.nfs.csi.ceph.com`;
    const ns = cluster.namespace;
    this.createStorageClass({
      ...p,
      provisioner: this.provisioner,
      parameters: {
        nfsCluster: p.nfs.nfsName,
        server: p.nfs.serviceName,
        clusterID: checkClusterId(this.node.path, p.clusterID, cluster),
        fsName: fs.filesystemName,
        pool: fs.cephPoolName(dataPool),
        ...cephCsiSecretParameters({ provisionerSecret: p.provisionerSecretName, nodeSecret: p.nodeSecretName, namespace: ns, controllerPublish: true }),
        ...p.parameters,
      },
    });
    this.node.addValidation({ validate: () => this.check(site, p.nfs, fs) });
  }

  private check(site: Site, nfs: CephNfs, fs: CephFilesystem): string[] {
    const out: string[] = [];
    if (Site.of(nfs) !== site) out.push(new ConfigError({ path: `${this.node.path}: nfs`, problem: `NFS server "${nfs.nfsName}" is in site "${Site.of(nfs).siteName}", not in this site`, value: nfs.node.path, allowed: site.findAll(CephNfs).map((n) => `"${n.nfsName}"`).join(', ') || '(this site has no CephNfs)', fix: 'create the CephNfs in this site' }).message);
    if (Site.of(fs) !== site) out.push(new ConfigError({ path: `${this.node.path}: filesystem`, problem: `filesystem "${fs.filesystemName}" is in site "${Site.of(fs).siteName}", not in this site`, value: fs.node.path, allowed: site.findAll(CephFilesystem).map((f) => `"${f.filesystemName}"`).join(', ') || '(this site has no CephFilesystem)', fix: 'create the CephFilesystem in this site' }).message);
    return out;
  }
}

const snapshotSchema = z.strictObject({
  ...snapshotClassShape,
  nfs: z.lazy(() => z.instanceof(CephNfs)),
  secretName: dnsName.default('rook-csi-cephfs-provisioner'),
});

/** Props of {@link CephNfsSnapshotClass}. Needs the snapshot CRDs (external-snapshotter). */
export interface CephNfsSnapshotClassProps extends SnapshotClassBaseProps {
  /** The NFS server whose volumes are snapshotted. */
  readonly nfs: CephNfs;
  /** Secret (in the cluster namespace) with the credentials the snapshotter uses. @default 'rook-csi-cephfs-provisioner' */
  readonly secretName?: string;
}
const _nfsSnapshotClassProps: PropsMatch<CephNfsSnapshotClassProps, z.input<typeof snapshotSchema>> = true;

/** A VolumeSnapshotClass of the Ceph CSI NFS driver (`csi/nfs-snapshotclass.yaml`). */
export class CephNfsSnapshotClass extends SnapshotClassConstruct {
  public readonly driver: string;
  constructor(scope: Construct, id: string, props: CephNfsSnapshotClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, snapshotSchema, props);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'volumeSnapshotV1', `${this.node.path}`, 'VolumeSnapshotClass snapshot.storage.k8s.io/v1 needs Kubernetes 1.20 or later');
    const cluster = p.nfs.cluster;
    this.driver = `${cluster.operatorNamespace}.nfs.csi.ceph.com`;
    this.nameClass(p.name);
    this.createSnapshotClass({
      isDefault: p.isDefault,
      deletionPolicy: p.deletionPolicy,
      parameters: {
        'clusterID': cluster.namespace,
        'csi.storage.k8s.io/snapshotter-secret-name': p.secretName,
        'csi.storage.k8s.io/snapshotter-secret-namespace': cluster.namespace,
      },
    });
  }
}
