import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { cephCsiClassShape, cephCsiSecretParameters, checkClusterId, csiOptionList, StorageClassConstruct, storageClassShape } from '../site/storage-class';
import { hasFeature, requireFieldFeature } from '../versions';
import { ICephFilesystem, isCephFilesystem, ICephFilesystemSubVolumeGroup, isCephFilesystemSubVolumeGroup } from './filesystem-ref';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { CephCsiStorageClassBaseProps, StorageClassBaseProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';

const schema = z.strictObject({
  ...storageClassShape,
  filesystem: z.union([zBranded('CephFilesystem', isCephFilesystem), dnsLabel]).optional(),
  subVolumeGroup: zBranded('CephFilesystemSubVolumeGroup', isCephFilesystemSubVolumeGroup).optional(),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  dataPool: dnsLabel.optional(),
  mounter: z.enum(['kernel', 'fuse']).optional(),
  kernelMountOptions: csiOptionList.optional(),
  fuseMountOptions: csiOptionList.optional(),
  encrypted: z.boolean().optional(),
  encryptionKMSID: z.string().min(1).optional(),
  ...cephCsiClassShape('cephfs'),
}).superRefine((p, ctx) => {
  if (p.encryptionKMSID !== undefined && p.encrypted !== true) {
    ctx.addIssue({ code: 'custom', path: ['encryptionKMSID'], message: 'encryptionKMSID names the KMS of encrypted volumes, but encrypted is not true; ceph-csi would ignore it and write the files unencrypted', params: { allowed: 'encryptionKMSID together with encrypted: true', fix: 'set encrypted: true, or remove encryptionKMSID' } });
  }
  if (p.filesystem === undefined && p.subVolumeGroup === undefined) {
    ctx.addIssue({ code: 'custom', path: ['filesystem'], message: 'a CephFS class needs a filesystem (or a subVolumeGroup, whose filesystem it then uses)', params: { allowed: 'filesystem: <CephFilesystem|name>, or subVolumeGroup: <CephFilesystemSubVolumeGroup>', fix: 'set filesystem to the CephFilesystem' } });
  }
});

/** Props of {@link CephFsStorageClass}. */
export interface CephFsStorageClassProps extends StorageClassBaseProps, CephCsiStorageClassBaseProps {
  /** The filesystem: a CephFilesystem, or its name together with `cluster`. Required unless `subVolumeGroup` is set. @default - the filesystem of `subVolumeGroup` */
  readonly filesystem?: ICephFilesystem | string;
  /**
   * Provision the volumes in this subvolume group (Rook 1.20): the class then carries the group's `clusterID` (an
   * explicit `clusterID` must equal it), its filesystem and, unless `dataPool` is set, its data pool. @default - none, ceph-csi's group "csi"
   */
  readonly subVolumeGroup?: ICephFilesystemSubVolumeGroup;
  /** The cluster of the filesystem. Required when `filesystem` is a name. @default - the cluster of `filesystem` when that is a CephFilesystem */
  readonly cluster?: ICephCluster;
  /** Data pool of the volumes, by its name in the filesystem's `dataPools` (without the `<fs>-` prefix; an unnamed pool i is `data<i>`). @default - the first data pool */
  readonly dataPool?: string;
  /** The CephFS client of the nodes: the kernel client or ceph-fuse. @default - ceph-csi's choice (kernel when available) */
  readonly mounter?: 'kernel' | 'fuse';
  /** Options of kernel-client mounts, e.g. "ms_mode=secure". @default - none */
  readonly kernelMountOptions?: string;
  /** Options of ceph-fuse mounts, e.g. "debug". @default - none */
  readonly fuseMountOptions?: string;
  /** Encrypt the files (fscrypt). Rook 1.20. @default - not encrypted */
  readonly encrypted?: boolean;
  /** ID of the KMS (in the CSI KMS config) that keeps the encryption keys; needs `encrypted: true`. Rook 1.20. @default - none */
  readonly encryptionKMSID?: string;
}
const _cephFsStorageClassProps: PropsMatch<CephFsStorageClassProps, z.input<typeof schema>> = true;
/** Props of {@link CephFilesystem.addStorageClass} and {@link CephFilesystemSubVolumeGroup.addStorageClass}: those of {@link CephFsStorageClassProps} but the filesystem, the cluster and the subvolume group, which the parent supplies. */
export interface CephFsStorageClassOptions extends Omit<CephFsStorageClassProps, 'filesystem' | 'cluster' | 'subVolumeGroup'> {}

/** A class in a subvolume group carries the group's clusterID, filesystem and cluster. */
export function checkSubVolumeGroupClass(path: string, clusterID: string | undefined, fsName: string, cluster: ICephCluster, svg: ICephFilesystemSubVolumeGroup): string {
  if (clusterID !== undefined && clusterID !== svg.clusterID) {
    throw new ConfigError({
      path: `${path}: clusterID`,
      problem: `clusterID "${clusterID}" is not the clusterID of subvolume group "${svg.objectName}"; ceph-csi would look up the wrong ClientProfile and create the volumes outside the group (or fail with "clusterID not found")`,
      value: clusterID,
      allowed: `"${svg.clusterID}" (spec.clusterID of ${svg.description})`,
      fix: 'remove clusterID: a class with subVolumeGroup carries the group\'s clusterID',
    });
  }
  if (fsName !== svg.filesystemName) {
    throw new ConfigError({ path: `${path}: filesystem`, problem: `subvolume group "${svg.objectName}" is in filesystem "${svg.filesystemName}", not "${fsName}"`, value: fsName, allowed: `"${svg.filesystemName}"`, fix: 'drop filesystem (it is taken from the group)' });
  }
  if (cluster !== svg.cluster) {
    throw new ConfigError({ path: `${path}: cluster`, problem: `subvolume group "${svg.objectName}" belongs to cluster "${svg.cluster.clusterName}", not to "${cluster.clusterName}"`, value: cluster.clusterName, allowed: `"${svg.cluster.clusterName}"`, fix: 'drop cluster (it is taken from the group)' });
  }
  return svg.clusterID;
}

/** A CephFS (CSI) StorageClass: fsName, pool `<fs>-<dataPool>`, CephFS CSI secrets; checked against the filesystems of the site. */
export class CephFsStorageClass extends StorageClassConstruct {
  public readonly provisioner: string;
  public readonly cluster: ICephCluster;
  /** The subvolume group the volumes go to, when one is set. */
  public readonly subVolumeGroup?: ICephFilesystemSubVolumeGroup;
  private readonly fsName: string;
  private readonly dataPool?: string;

  constructor(scope: Construct, id: string, props: CephFsStorageClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireSameSite(this, 'filesystem', p.filesystem, 'CephFilesystem');
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    requireSameSite(this, 'subVolumeGroup', p.subVolumeGroup, 'CephFilesystemSubVolumeGroup');
    const svg = p.subVolumeGroup;
    const fsRef = p.filesystem ?? svg?.filesystem ?? svg?.filesystemName;
    const fs = isCephFilesystem(fsRef) ? fsRef : undefined;
    const cluster = p.cluster ?? fs?.cluster ?? svg?.cluster;
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: filesystem is given by name', fix: 'pass cluster: <RookCluster|ExternalCluster>, or pass the CephFilesystem object as filesystem' });
    }
    this.cluster = cluster;
    this.fsName = fs ? fs.filesystemName : (fsRef as string);
    this.dataPool = p.dataPool ?? svg?.dataPool ?? fs?.dataPoolNames[0];
    this.subVolumeGroup = svg;
    const clusterID = svg ? checkSubVolumeGroupClass(this.node.path, p.clusterID, this.fsName, cluster, svg) : checkClusterId(this.node.path, p.clusterID, cluster);
    if (!this.dataPool) {
      throw new ConfigError({ path: `${this.node.path}: dataPool`, problem: 'the data pool is unknown: filesystem is given by name', fix: 'set dataPool to the name of one of the filesystem\'s data pools (e.g. "replicated")' });
    }
    this.nameClass(p.name);
    this.provisioner = `${p.operatorNamespace ?? cluster.operatorNamespace}.cephfs.csi.ceph.com`;
    const ns = cluster.namespace;
    for (const field of ['encrypted', 'encryptionKMSID'] as const) {
      requireFieldFeature(site.versions, 'cephfsClassEncryption', this.node.path, field, p[field]);
    }
    // Rook 1.1 (ceph-csi v1.2) runs no csi-resizer: no expand secret, and the class does not claim expansion
    const expand = hasFeature(site.versions, 'csiVolumeExpansion');
    if (props.allowVolumeExpansion === true) requireFieldFeature(site.versions, 'csiVolumeExpansion', this.node.path, 'allowVolumeExpansion', true, 'remove allowVolumeExpansion (Rook 1.1 cannot grow CSI volumes), or pin Rook 1.2 or later');
    this.createStorageClass({
      ...p,
      allowVolumeExpansion: expand ? p.allowVolumeExpansion : undefined,
      provisioner: this.provisioner,
      parameters: {
        'clusterID': clusterID,
        'fsName': this.fsName,
        // the filesystem names its Ceph pools ("<fs>-data<i>" on Rook v1.2.7); by name, the one declared so far in the site
        'pool': (fs ?? site.node.findAll().filter(isCephFilesystem).find((f) => f.filesystemName === this.fsName && f.namespace === cluster.namespace))?.cephPoolName(this.dataPool) ?? `${this.fsName}-${this.dataPool}`,
        ...cephCsiSecretParameters({ provisionerSecret: p.provisionerSecretName, nodeSecret: p.nodeSecretName, namespace: ns, controllerPublish: true, controllerExpand: expand }),
        'mounter': p.mounter,
        'kernelMountOptions': p.kernelMountOptions,
        'fuseMountOptions': p.fuseMountOptions,
        'encrypted': p.encrypted === undefined ? undefined : String(p.encrypted),
        'encryptionKMSID': p.encryptionKMSID,
        ...p.parameters,
      },
    });
    this.node.addValidation({ validate: () => this.check(site) });
  }

  private check(site: Site): string[] {
    const all = site.node.findAll().filter(isCephFilesystem).filter((f) => f.namespace === this.cluster.namespace);
    const fs = all.find((f) => f.filesystemName === this.fsName);
    if (!fs) {
      return [new ConfigError({
        path: `${this.node.path}: filesystem`,
        problem: `filesystem "${this.fsName}" does not exist in cluster namespace "${this.cluster.namespace}" of this site; PVCs would stay Pending`,
        value: this.fsName,
        allowed: all.length ? all.map((f) => `"${f.filesystemName}"`).join(', ') : '(the site has no CephFilesystem in that namespace)',
        fix: 'add the CephFilesystem, or name an existing one',
      }).message];
    }
    if (!fs.dataPoolNames.includes(this.dataPool!)) {
      return [new ConfigError({
        path: `${this.node.path}: dataPool`,
        problem: `filesystem "${this.fsName}" has no data pool "${this.dataPool}"; ceph-csi would fail with "invalid pool layout"`,
        value: this.dataPool,
        allowed: fs.dataPoolNames.map((d) => `"${d}"`).join(', '),
        fix: 'name one of the filesystem\'s data pools (without the filesystem prefix)',
      }).message];
    }
    return [];
  }
}
