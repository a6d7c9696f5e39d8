import { ApiObject } from 'cdk8s';
import { CephNvMeOfGateway as CephNvMeOfGatewayL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName, image, k8sObject, labels, placement, resourceRequirements, visibleString } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId, requireSameSite } from '../site/guards';
import { requireFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { CephBlockPool } from './ceph-block-pool';
import { PodPlacementProps, ResourceRequirementsProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { stringMap } from '../foundation/unique';
import { RookResource } from './rook-resource';

// Facts of rook-lines/v1.20.6/crds.yaml CephNVMeOFGateway spec: pool, group (min 1), instances (>= 1) required;
// hostNetwork, image (1..1024), configMapRef, ports {discoveryPort, gatewayPort, ioPort, monitorPort} (1..65535),
// placement, resources, annotations, labels, priorityClassName, nvmeofConfig (map of maps of strings).
const port = z.number().int().min(1).max(65535);
const PORT_KEYS = ['gatewayPort', 'monitorPort', 'discoveryPort', 'ioPort'] as const;

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  pool: z.union([z.lazy(() => z.instanceof(CephBlockPool)), dnsName]),
  group: visibleString('the group name', 'a gateway group name of visible characters, e.g. "group-a"').min(1),
  name: dnsLabel.optional(),
  instances: z.number().int().min(1).default(1),
  hostNetwork: z.boolean().optional(),
  image: image.max(1024).optional(),
  ports: z.strictObject({ gatewayPort: port.optional(), monitorPort: port.optional(), discoveryPort: port.optional(), ioPort: port.optional() }).superRefine((p, ctx) => {
    const seen = new Map<number, string>();
    for (const k of PORT_KEYS) {
      const v = p[k];
      if (v === undefined) continue;
      const prev = seen.get(v);
      if (prev) ctx.addIssue({ code: 'custom', path: [k], message: `${k} ${v} is also ${prev}; the gateway pod cannot listen twice on one port`, params: { allowed: 'four different ports', fix: `pick another ${k}` } });
      seen.set(v, k);
    }
  }).optional(),
  placement: placement.optional(),
  resources: resourceRequirements.optional(),
  annotations: k8sObject.optional(),
  labels: labels.optional(),
  priorityClassName: dnsName.optional(),
  nvmeofConfig: z.record(z.string().min(1), stringMap).optional(),
});

/** Ports of the gateway. */
export interface CephNvmeofGatewayPortsProps {
  /** gRPC port of the gateway. @default - Rook's */
  readonly gatewayPort?: number;
  /** gRPC port of the monitor client. @default - Rook's */
  readonly monitorPort?: number;
  /** NVMe/TCP discovery port. @default - Rook's */
  readonly discoveryPort?: number;
  /** NVMe/TCP I/O port. @default - Rook's */
  readonly ioPort?: number;
}

/** Props of {@link CephNvmeofGateway}. */
export interface CephNvmeofGatewayProps {
  /** The cluster the gateways run in. */
  readonly cluster: ICephCluster;
  /** The RBD pool of the namespaces the gateways export: a CephBlockPool of the site (same cluster), or the name of one. */
  readonly pool: CephBlockPool | string;
  /** Gateway group name (gateways of one group serve the same subsystems). */
  readonly group: string;
  /** Name of the CephNVMeOFGateway. @default - the construct id */
  readonly name?: string;
  /** Gateway pods. @default 1 */
  readonly instances?: number;
  /** Run on the host network. @default - Rook's (false) */
  readonly hostNetwork?: boolean;
  /** Gateway image. @default - Rook's */
  readonly image?: string;
  /** Ports. @default - Rook's */
  readonly ports?: CephNvmeofGatewayPortsProps;
  /** Placement of the gateway pods. @default - none */
  readonly placement?: PodPlacementProps;
  /** Resources of the gateway pods. @default - none */
  readonly resources?: ResourceRequirementsProps;
  /** Annotations of the gateway pods. @default - none */
  readonly annotations?: Record<string, unknown>;
  /** Labels of the gateway pods. @default - none */
  readonly labels?: Record<string, string>;
  /** PriorityClass of the gateway pods. @default - none */
  readonly priorityClassName?: string;
  /** Gateway configuration overrides, section → key → value (ceph-nvmeof.conf). @default - none */
  readonly nvmeofConfig?: Record<string, Record<string, string>>;
}
const _nvmeofGatewayProps: PropsMatch<CephNvmeofGatewayProps, z.input<typeof schema>> = true;

/**
 * A CephNVMeOFGateway: NVMe over TCP gateways exporting RBD images of a pool of the site (the ceph-csi NVMe-oF driver
 * or any NVMe/TCP initiator connects to them).
 */
export class CephNvmeofGateway extends RookResource<InstanceType<typeof CephNvMeOfGatewayL1>> {
  /** metadata.name of the CephNVMeOFGateway. */
  public readonly objectName: string;
  public declare readonly namespace: string;
  /** The Ceph pool name in spec.pool. */
  public readonly poolName: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephNvmeofGatewayProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephNvmeofGateway', this.node.path);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    if (typeof p.pool !== 'string') requireSameSite(this, 'pool', p.pool, 'pool');
    const namespace = p.cluster.namespace;
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephNVMeOFGateway');
    this.poolName = typeof p.pool === 'string' ? p.pool : p.pool.cephPoolName;
    this.createResource(CephNvMeOfGatewayL1, { name: this.objectName, namespace }, {
      spec: {
        pool: this.poolName,
        group: p.group,
        instances: p.instances,
        hostNetwork: p.hostNetwork,
        image: p.image,
        ports: p.ports,
        placement: p.placement,
        resources: p.resources,
        // k8sObject props: the CRD's string map; values pass through the binding unchanged
        annotations: p.annotations as Record<string, string> | undefined,
        labels: p.labels,
        priorityClassName: p.priorityClassName,
        nvmeofConfig: p.nvmeofConfig,
      },
    }, 'pools');
    this.node.addValidation({ validate: () => this.checkPool(site, p.pool) });
  }

  /** The pool must be a CephBlockPool of the site in the cluster's namespace, replicated (RBD image metadata). */
  private checkPool(site: Site, ref: CephBlockPool | string): string[] {
    const pools = site.findAll(CephBlockPool).filter((b) => b.namespace === this.namespace);
    const pool = typeof ref === 'string' ? pools.find((b) => b.cephPoolName === ref) : ref;
    if (!pool || pool.namespace !== this.namespace) {
      return [new ConfigError({
        path: `${this.node.path}: pool`,
        problem: pool
          ? `pool "${pool.cephPoolName}" is in namespace "${pool.namespace}", not in the gateway's "${this.namespace}"`
          : `pool "${this.poolName}" is not a CephBlockPool of namespace "${this.namespace}" in site "${site.siteName}"; the gateways would wait for it forever`,
        value: this.poolName,
        allowed: pools.map((b) => `"${b.cephPoolName}"`).join(', ') || `(site "${site.siteName}" declares no pool in namespace "${this.namespace}")`,
        fix: 'declare the pool with cluster.addPool(name, { replicated: { size: 3 } }) and pass it as pool',
      }).message];
    }
    if (pool.isErasureCoded) {
      return [new ConfigError({
        path: `${this.node.path}: pool`,
        problem: `pool "${pool.cephPoolName}" is erasure-coded; RBD keeps image metadata (omap) in the pool the gateway creates images in, which an erasure-coded pool cannot hold`,
        value: pool.cephPoolName,
        allowed: 'a replicated CephBlockPool',
        fix: 'give the gateway a replicated pool (e.g. the nvmeof pool of csi/nvmeof-nvmeof-pool.yaml: replicated size 3)',
      }).message];
    }
    return [];
  }
}
