import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { requireFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { ICephFilesystemSubVolumeGroup, isCephFilesystemSubVolumeGroup } from './filesystem-ref';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';
import { SnapshotClassConstruct, snapshotClassShape } from '../site/storage-class';
import { requireSameSite } from '../site/guards';
import { SnapshotClassBaseProps } from '../site/common-props';

const schema = z.strictObject({
  ...snapshotClassShape,
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  subVolumeGroup: zBranded('CephFilesystemSubVolumeGroup', isCephFilesystemSubVolumeGroup).optional(),
  secretName: dnsName.default('rook-csi-cephfs-provisioner'),
}).superRefine((p, ctx) => {
  if (!p.cluster && !p.subVolumeGroup) {
    ctx.addIssue({ code: 'custom', path: ['cluster'], message: 'a CephFS snapshot class needs the cluster (or a subvolume group)', params: { allowed: 'cluster: <RookCluster|ExternalCluster>, or subVolumeGroup: <CephFilesystemSubVolumeGroup>', fix: 'set cluster' } });
  }
});

/** Props of {@link CephFsSnapshotClass}. Needs the snapshot CRDs (external-snapshotter). */
export interface CephFsSnapshotClassProps extends SnapshotClassBaseProps {
  /** The cluster whose CephFS volumes are snapshotted. Required unless `subVolumeGroup` is set. @default - the cluster of `subVolumeGroup` */
  readonly cluster?: ICephCluster;
  /** Snapshots of the volumes of this subvolume group: the class carries the group's clusterID. @default - none, the cluster's clusterID */
  readonly subVolumeGroup?: ICephFilesystemSubVolumeGroup;
  /** Secret (in the cluster namespace) with the credentials the snapshotter uses. @default 'rook-csi-cephfs-provisioner' */
  readonly secretName?: string;
}
const _cephFsSnapshotClassProps: PropsMatch<CephFsSnapshotClassProps, z.input<typeof schema>> = true;
/** Props of {@link CephFilesystem.addSnapshotClass} and {@link CephFilesystemSubVolumeGroup.addSnapshotClass}: those of {@link CephFsSnapshotClassProps} but the cluster and the subvolume group, which the parent supplies. */
export interface CephFsSnapshotClassOptions extends Omit<CephFsSnapshotClassProps, 'cluster' | 'subVolumeGroup'> {}

/** A VolumeSnapshotClass for CephFS volumes (`csi/cephfs-snapshotclass.yaml`). */
export class CephFsSnapshotClass extends SnapshotClassConstruct {
  public readonly driver: string;
  constructor(scope: Construct, id: string, props: CephFsSnapshotClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    requireSameSite(this, 'subVolumeGroup', p.subVolumeGroup, 'CephFilesystemSubVolumeGroup');
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'volumeSnapshotV1', `${this.node.path}`, 'VolumeSnapshotClass snapshot.storage.k8s.io/v1 needs Kubernetes 1.20 or later');
    const cluster = (p.cluster ?? p.subVolumeGroup?.cluster)!;
    if (p.subVolumeGroup && p.cluster && p.cluster !== p.subVolumeGroup.cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: `subvolume group "${p.subVolumeGroup.objectName}" belongs to cluster "${p.subVolumeGroup.cluster.clusterName}", not to "${p.cluster.clusterName}"`, value: p.cluster.clusterName, allowed: `"${p.subVolumeGroup.cluster.clusterName}"`, fix: 'drop cluster (it is taken from the group)' });
    }
    this.driver = `${cluster.operatorNamespace}.cephfs.csi.ceph.com`;
    this.nameClass(p.name);
    this.createSnapshotClass({
      isDefault: p.isDefault,
      deletionPolicy: p.deletionPolicy,
      parameters: {
        'clusterID': p.subVolumeGroup?.clusterID ?? cluster.namespace,
        'csi.storage.k8s.io/snapshotter-secret-name': p.secretName,
        'csi.storage.k8s.io/snapshotter-secret-namespace': cluster.namespace,
      },
    });
  }
}
