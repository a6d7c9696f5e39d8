import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../errors';
import { place } from '../gitops/layers';
import { dnsLabel, dnsName } from '../schemas';
import { Site } from '../site';
import { ExternalCluster } from './external-cluster';

const schema = z.strictObject({
  /** StorageClass name. @default - the construct id */
  name: dnsName.optional(),
  /** The external cluster the filesystem belongs to. */
  cluster: z.custom<ExternalCluster>((x) => x instanceof ExternalCluster, { message: 'not an ExternalCluster (for a filesystem Rook runs, use the local CephFS StorageClass)' }),
  /** Filesystem name, one of the cluster's `filesystems`. */
  fsName: z.string().min(1),
  /** Data pool of the filesystem. @default - its first data pool */
  pool: z.string().min(1).optional(),
  /** Must equal the cluster namespace. @default - the cluster namespace */
  clusterID: z.string().optional(),
  /** @default 'Delete' */
  reclaimPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
  allowVolumeExpansion: z.boolean().default(true),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).default('Immediate'),
  /** Mark as the cluster's default StorageClass. @default false */
  isDefault: z.boolean().default(false),
  mountOptions: z.array(z.string()).optional(),
  provisionerSecretName: dnsName.default('rook-csi-cephfs-provisioner'),
  nodeSecretName: dnsName.default('rook-csi-cephfs-node'),
  /** Namespace of the Rook operator (prefix of the driver name). @default - the cluster's operatorNamespace */
  operatorNamespace: dnsLabel.optional(),
  /** Extra parameters (e.g. `mounter: fuse`), merged last. @default {} */
  parameters: z.record(z.string(), z.string()).optional(),
});

export type CephFsExternalStorageClassProps = z.input<typeof schema>;

/**
 * A CephFS (CSI) StorageClass for a filesystem of an {@link ExternalCluster}. The filesystem and its data
 * pool are checked at synth against the cluster's `filesystems`.
 */
export class CephFsExternalStorageClass extends Construct {
  public readonly storageClassName: string;
  public readonly provisioner: string;
  public readonly resource: ApiObject;
  public readonly isDefault: boolean;
  private readonly config: z.output<typeof schema>;

  constructor(scope: Construct, id: string, props: CephFsExternalStorageClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    this.config = p;
    Site.of(this).requireRook(this.node.path);
    const cluster = p.cluster;
    this.storageClassName = p.name ?? id;
    dnsName.parse(this.storageClassName);
    this.isDefault = p.isDefault;
    const clusterID = p.clusterID ?? cluster.namespace;
    if (clusterID !== cluster.namespace) {
      throw new ConfigError({
        path: `${this.node.path}: clusterID`,
        problem: `clusterID must be the namespace of the external CephCluster ("${cluster.namespace}"); Rook keys its CSI configuration by it and the PVC would stay Pending with "clusterID not found"`,
        value: clusterID,
        allowed: `"${cluster.namespace}"`,
        fix: 'remove clusterID (it defaults to the cluster namespace)',
      });
    }
    this.provisioner = `${p.operatorNamespace ?? cluster.operatorNamespace}.cephfs.csi.ceph.com`;
    const ns = cluster.namespace;
    const fs = cluster.filesystems.find((f) => f.name === p.fsName);
    const pool = p.pool ?? fs?.dataPools[0] ?? '';
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: this.storageClassName,
        annotations: p.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined,
      },
      provisioner: this.provisioner,
      parameters: {
        'clusterID': clusterID,
        'fsName': p.fsName,
        'pool': pool,
        'csi.storage.k8s.io/provisioner-secret-name': p.provisionerSecretName,
        'csi.storage.k8s.io/provisioner-secret-namespace': ns,
        'csi.storage.k8s.io/controller-expand-secret-name': p.provisionerSecretName,
        'csi.storage.k8s.io/controller-expand-secret-namespace': ns,
        'csi.storage.k8s.io/controller-publish-secret-name': p.provisionerSecretName,
        'csi.storage.k8s.io/controller-publish-secret-namespace': ns,
        'csi.storage.k8s.io/node-stage-secret-name': p.nodeSecretName,
        'csi.storage.k8s.io/node-stage-secret-namespace': ns,
        ...p.parameters,
      },
      reclaimPolicy: p.reclaimPolicy,
      allowVolumeExpansion: p.allowVolumeExpansion,
      volumeBindingMode: p.volumeBindingMode,
      mountOptions: p.mountOptions,
    });
    place(this.resource, 'classes');
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
