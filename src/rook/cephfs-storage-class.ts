import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../core/errors';
import { constructId } from '../core/construct-id';
import { nameOrId, requireSameSite } from '../core/guards';
import { dnsLabel, dnsName } from '../core/props';
import { Site } from '../core/site';
import { cephCsiClassShape, cephCsiSecretParameters, checkClusterId, newStorageClass, storageClassShape } from '../core/storage-class';
import { CephFilesystem } from './ceph-filesystem';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { CephCsiStorageClassBaseProps, StorageClassBaseProps } from '../core/common-props';
import { PropsMatch } from '../core/props-check';

const schema = z.strictObject({
  ...storageClassShape,
  filesystem: z.union([z.instanceof(CephFilesystem), dnsLabel]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  dataPool: dnsLabel.optional(),
  ...cephCsiClassShape('cephfs'),
});

/** Props of {@link CephFsStorageClass}. */
export interface CephFsStorageClassProps extends StorageClassBaseProps, CephCsiStorageClassBaseProps {
  /** The filesystem: a CephFilesystem, or its name together with `cluster`. */
  readonly filesystem: CephFilesystem | string;
  /** The cluster of the filesystem. Required when `filesystem` is a name. @default - the cluster of `filesystem` when that is a CephFilesystem */
  readonly cluster?: ICephCluster;
  /** Data pool of the volumes, by its name in the filesystem's `dataPools` (without the `<fs>-` prefix). @default - the first data pool */
  readonly dataPool?: string;
}
const _cephFsStorageClassProps: PropsMatch<CephFsStorageClassProps, z.input<typeof schema>> = true;

/** A CephFS (CSI) StorageClass: fsName, pool `<fs>-<dataPool>`, CephFS CSI secrets; checked against the filesystems of the site. */
export class CephFsStorageClass extends Construct {
  public readonly storageClassName: string;
  public readonly provisioner: string;
  public readonly resource: ApiObject;
  public readonly cluster: ICephCluster;
  private readonly fsName: string;
  private readonly dataPool?: string;

  constructor(scope: Construct, id: string, props: CephFsStorageClassProps) {
    super(scope, constructId(scope, id, 'CephFsStorageClass'));
    const p = parseProps(this.node.path, schema, props);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireSameSite(this, 'filesystem', p.filesystem, 'CephFilesystem');
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    const fs = p.filesystem instanceof CephFilesystem ? p.filesystem : undefined;
    const cluster = p.cluster ?? fs?.cluster;
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: filesystem is given by name', fix: 'pass cluster: <RookCluster|ExternalCluster>, or pass the CephFilesystem object as filesystem' });
    }
    this.cluster = cluster;
    this.fsName = fs ? fs.filesystemName : (p.filesystem as string);
    this.dataPool = p.dataPool ?? fs?.dataPoolNames[0];
    if (!this.dataPool) {
      throw new ConfigError({ path: `${this.node.path}: dataPool`, problem: 'the data pool is unknown: filesystem is given by name', fix: 'set dataPool to the name of one of the filesystem\'s data pools (e.g. "replicated")' });
    }
    this.storageClassName = nameOrId(this.node.path, p.name, id, dnsName, 'StorageClass');
    this.provisioner = `${p.operatorNamespace ?? cluster.operatorNamespace}.cephfs.csi.ceph.com`;
    const ns = cluster.namespace;
    this.resource = newStorageClass(this, {
      ...p,
      name: this.storageClassName,
      provisioner: this.provisioner,
      parameters: {
        'clusterID': checkClusterId(this.node.path, p.clusterID, cluster),
        'fsName': this.fsName,
        // the filesystem names its Ceph pools ("<fs>-data<i>" on Rook v1.2.7); by name, the one declared so far in the site
        'pool': (fs ?? site.findAll(CephFilesystem).find((f) => f.filesystemName === this.fsName && f.namespace === cluster.namespace))?.cephPoolName(this.dataPool) ?? `${this.fsName}-${this.dataPool}`,
        ...cephCsiSecretParameters({ provisionerSecret: p.provisionerSecretName, nodeSecret: p.nodeSecretName, namespace: ns, controllerPublish: true }),
        ...p.parameters,
      },
    });
    this.node.addValidation({ validate: () => this.check(site) });
  }

  private check(site: Site): string[] {
    const all = site.findAll(CephFilesystem).filter((f) => f.namespace === this.cluster.namespace);
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
