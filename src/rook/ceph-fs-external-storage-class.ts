import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { Site } from '../site/site';
import { cephCsiClassShape, cephCsiSecretParameters, checkClusterId, StorageClassConstruct, storageClassShape } from '../site/storage-class';
import { IExternalCluster, isExternalCluster } from './cluster-ref';
import { CephCsiStorageClassBaseProps, StorageClassBaseProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { checkSubVolumeGroupClass } from './ceph-fs-storage-class';
import { ICephFilesystemSubVolumeGroup, isCephFilesystemSubVolumeGroup } from './filesystem-ref';
import { zBranded } from '../foundation/brand';

const schema = z.strictObject({
  ...storageClassShape,
  cluster: z.custom<IExternalCluster>(isExternalCluster, { message: 'not an ExternalCluster (for a filesystem Rook runs, use the local CephFS StorageClass)' }),
  fsName: z.string().min(1),
  pool: z.string().min(1).optional(),
  subVolumeGroup: zBranded('CephFilesystemSubVolumeGroup', isCephFilesystemSubVolumeGroup).optional(),
  ...cephCsiClassShape('cephfs'),
});

/** Props of {@link CephFsExternalStorageClass}. */
export interface CephFsExternalStorageClassProps extends StorageClassBaseProps, CephCsiStorageClassBaseProps {
  /** The external cluster the filesystem belongs to. */
  readonly cluster: IExternalCluster;
  /** Name of the filesystem, one of the cluster's `filesystems`. */
  readonly fsName: string;
  /** Data pool of the volumes, one of the filesystem's data pools. @default - the group's data pool, else the filesystem's first data pool */
  readonly pool?: string;
  /**
   * Provision the volumes in this subvolume group of the filesystem (Rook 1.20): the class carries the group's
   * `clusterID` (an explicit `clusterID` must equal it). @default - none, ceph-csi's group "csi"
   */
  readonly subVolumeGroup?: ICephFilesystemSubVolumeGroup;
}
const _cephFsExternalStorageClassProps: PropsMatch<CephFsExternalStorageClassProps, z.input<typeof schema>> = true;

/**
 * A CephFS (CSI) StorageClass for a filesystem of an {@link ExternalCluster}. The filesystem and its data
 * pool are checked at synth against the cluster's `filesystems`.
 */
export class CephFsExternalStorageClass extends StorageClassConstruct {
  public readonly provisioner: string;
  private readonly config: z.output<typeof schema>;

  constructor(scope: Construct, id: string, props: CephFsExternalStorageClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    this.config = p;
    Site.of(this).requireRook(this.node.path);
    requireSameSite(this, 'cluster', p.cluster, 'ExternalCluster');
    const cluster = p.cluster;
    this.nameClass(p.name);
    const svg = p.subVolumeGroup;
    const clusterID = svg ? checkSubVolumeGroupClass(this.node.path, p.clusterID, p.fsName, cluster, svg) : checkClusterId(this.node.path, p.clusterID, cluster);
    this.provisioner = `${p.operatorNamespace ?? cluster.operatorNamespace}.cephfs.csi.ceph.com`;
    const ns = cluster.namespace;
    const fs = cluster.filesystems.find((f) => f.name === p.fsName);
    const pool = p.pool ?? svg?.dataPoolName ?? fs?.dataPools[0] ?? '';
    this.createStorageClass({
      ...p,
      provisioner: this.provisioner,
      parameters: {
        'clusterID': clusterID,
        'fsName': p.fsName,
        'pool': pool,
        ...cephCsiSecretParameters({ provisionerSecret: p.provisionerSecretName, nodeSecret: p.nodeSecretName, namespace: ns, controllerPublish: true }),
        ...p.parameters,
      },
    });
    this.node.addValidation({ validate: () => this.check() });
  }

  private check(): string[] {
    const c = this.config.cluster;
    const fs = c.filesystems.find((f) => f.name === this.config.fsName);
    if (!fs) {
      return [new ConfigError({
        path: `${this.node.path}: fsName`,
        problem: `filesystem "${this.config.fsName}" is not listed in the filesystems of external cluster "${c.clusterName}"; PVCs would stay Pending`,
        value: this.config.fsName,
        allowed: c.filesystems.length ? c.filesystems.map((f) => `"${f.name}"`).join(', ') : '(the external cluster lists no filesystems)',
        fix: `add { name: '${this.config.fsName}', dataPools: [...] } to the ExternalCluster's filesystems (see \`ceph fs ls\`), or name a listed one`,
      }).message];
    }
    if (this.config.pool !== undefined && !fs.dataPools.includes(this.config.pool)) {
      return [new ConfigError({
        path: `${this.node.path}: pool`,
        problem: `pool "${this.config.pool}" is not a data pool of filesystem "${fs.name}"; ceph-csi would fail with "invalid pool layout"`,
        value: this.config.pool,
        allowed: fs.dataPools.map((d) => `"${d}"`).join(', '),
        fix: `add it to the filesystem's dataPools (see \`ceph fs ls\`), or name one of those`,
      }).message];
    }
    return [];
  }
}
