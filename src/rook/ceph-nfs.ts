import { ApiObject } from 'cdk8s';
import { CephNfs as CephNfsL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../foundation/errors';
import { dnsLabel, dnsName, k8sObject, labels, placement, resourceRequirements } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId, requireSameSite } from '../site/guards';
import { requireFeature, requireFieldFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { PodPlacementProps, ResourceRequirementsProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { RookResource } from './rook-resource';

export const NFS_LOG_LEVELS = ['NIV_NULL', 'NIV_FATAL', 'NIV_MAJ', 'NIV_CRIT', 'NIV_WARN', 'NIV_EVENT', 'NIV_INFO', 'NIV_DEBUG', 'NIV_MID_DEBUG', 'NIV_FULL_DEBUG', 'NB_LOG_LEVEL'] as const;

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.max(40, { message: 'name is longer than 40 characters (it becomes part of the rook-ceph-nfs-<name>-<id> Services)' }).optional(),
  active: z.number().int().min(1).max(10).default(1),
  logLevel: z.enum(NFS_LOG_LEVELS).optional(),
  placement: placement.optional(),
  annotations: k8sObject.optional(),
  labels: labels.optional(),
  resources: resourceRequirements.optional(),
  priorityClassName: dnsName.optional(),
  hostNetwork: z.boolean().optional(),
  // rook-lines/v1.20.6/crds.yaml CephNFS server.port: int32, 1..65535
  port: z.number().int().min(1).max(65535).optional(),
});

/** A log level of the NFS-Ganesha server. */
export type NfsLogLevel = (typeof NFS_LOG_LEVELS)[number];

/** Props of {@link CephNfs}. */
export interface CephNfsProps {
  /** The cluster whose CephFS the server exports. */
  readonly cluster: ICephCluster;
  /** Name of the CephNFS (the NFS cluster id of StorageClasses), at most 40 characters. @default - the construct id */
  readonly name?: string;
  /** Active NFS-Ganesha servers, 1..10 (Rook cannot make several highly available). @default 1 */
  readonly active?: number;
  /** NFS-Ganesha log level. @default - Rook's default */
  readonly logLevel?: NfsLogLevel;
  /** Placement of the server pods. @default - none */
  readonly placement?: PodPlacementProps;
  /** Annotations of the server pods. @default - none */
  readonly annotations?: Record<string, unknown>;
  /** Labels of the server pods. @default - none */
  readonly labels?: Record<string, string>;
  /** Resources of the server pods. @default - none */
  readonly resources?: ResourceRequirementsProps;
  /** PriorityClass of the server pods. @default - none */
  readonly priorityClassName?: string;
  /** Run the servers on the host network. @default - the cluster's network setting */
  readonly hostNetwork?: boolean;
  /** NFS port of the servers. @default 2049 */
  readonly port?: number;
}
const _nfsServerProps: PropsMatch<CephNfsProps, z.input<typeof schema>> = true;
/** Props of {@link RookCluster.addNfsServer}: those of {@link CephNfsProps} but the cluster, which is the parent. */
export interface CephNfsOptions extends Omit<CephNfsProps, 'cluster'> {}

/**
 * A `CephNFS` (Rook 1.9+, configuration in Ceph's `.nfs` pool): NFS-Ganesha servers exporting CephFS. Its volumes
 * come from an `CephNfsStorageClass` through the Ceph CSI NFS driver (`CephCsi` with `drivers: { nfs: true }`).
 * Refused on Rook versions whose CephNFS needs a RADOS pool/namespace and that have no NFS CSI driver (1.2, 1.7).
 */
export class CephNfs extends RookResource<InstanceType<typeof CephNfsL1>> {
  public readonly nfsName: string;
  public readonly cluster: ICephCluster;
  public declare readonly namespace: string;
  /** The Service of the first server, `rook-ceph-nfs-<name>-a` (the `server` of StorageClasses). */
  public readonly serviceName: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephNfsProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephNfsServer', this.node.path, 'pin Rook 1.20.6 on the Site; on this version export CephFS with your own NFS server');
    const p = parseProps(this.node.path, schema, props);
    requireFieldFeature(site.versions, 'cephNfsServerPort', this.node.path, 'port', p.port, 'remove port for this Rook version (the servers listen on 2049), or pin a version that has it');
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    this.cluster = p.cluster;
    const namespace = p.cluster.namespace;
    this.nfsName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephNFS');
    this.serviceName = `rook-ceph-nfs-${this.nfsName}-a`;
    this.createResource(CephNfsL1, { name: this.nfsName, namespace }, {
      spec: {
        server: {
          active: p.active,
          logLevel: p.logLevel,
          placement: p.placement,
          // k8sObject props: the CRD's string map; values pass through the binding unchanged
          annotations: p.annotations as Record<string, string> | undefined,
          labels: p.labels,
          resources: p.resources,
          priorityClassName: p.priorityClassName,
          hostNetwork: p.hostNetwork,
          port: p.port,
        },
      },
    }, 'pools');
  }
}
