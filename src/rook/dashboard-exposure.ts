import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../core/errors';
import { constructId } from '../core/construct-id';
import { requireSameSite } from '../core/guards';
import { place } from '../gitops/layers';
import { dnsLabel } from '../core/props';
import { Site } from '../core/site';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { PropsMatch } from '../core/props-check';

const clusterRef = z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' });

const dashboardSchema = z.strictObject({
  cluster: clusterRef,
  serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).default('NodePort'),
  port: z.number().int().min(1).max(65535).optional(),
  nodePort: z.number().int().min(30000).max(32767).optional(),
  ssl: z.boolean().optional(),
  name: dnsLabel.default('rook-ceph-mgr-dashboard-external'),
}).superRefine((p, ctx) => {
  if (p.nodePort !== undefined && p.serviceType === 'ClusterIP') {
    ctx.addIssue({ code: 'custom', path: ['nodePort'], message: 'a ClusterIP Service has no node port', params: { allowed: 'serviceType "NodePort" or "LoadBalancer" with nodePort', fix: 'remove nodePort or change serviceType' } });
  }
});

/** Props of {@link DashboardExposure}. */
export interface DashboardExposureProps {
  /** A local RookCluster whose dashboard is enabled. */
  readonly cluster: ICephCluster;
  /** Type of the Service. @default 'NodePort' */
  readonly serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Port of the Service. @default 8443 with SSL, 7000 without */
  readonly port?: number;
  /** Fixed node port, 30000..32767; NodePort and LoadBalancer only. @default - assigned by Kubernetes */
  readonly nodePort?: number;
  /** Whether the dashboard serves TLS; must equal the cluster's `dashboard.ssl` (stated so a review sees it). @default - the cluster's setting */
  readonly ssl?: boolean;
  /** Name of the Service. @default 'rook-ceph-mgr-dashboard-external' */
  readonly name?: string;
}
const _dashboardExposureProps: PropsMatch<DashboardExposureProps, z.input<typeof dashboardSchema>> = true;

/** A Service exposing the Ceph dashboard of the active mgr. */
export class DashboardExposure extends Construct {
  public readonly resource: ApiObject;
  constructor(scope: Construct, id: string, props: DashboardExposureProps) {
    super(scope, constructId(scope, id, 'DashboardExposure'));
    Site.of(this).requireRook(this.node.path);
    const p = parseProps(this.node.path, dashboardSchema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    const dash = (p.cluster as any).config?.dashboard as { enabled: boolean; ssl: boolean; port?: number } | undefined;
    if (p.cluster.external || !dash) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the dashboard runs in the mgr of a local RookCluster; this cluster has none', fix: 'pass a RookCluster' });
    }
    if (!dash.enabled) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: `the dashboard of ${p.cluster.node.path} is disabled; the Service would have no endpoints`, value: false, allowed: 'dashboard.enabled: true on the RookCluster', fix: 'enable the dashboard on the cluster, or drop the exposure' });
    }
    if (p.ssl !== undefined && p.ssl !== dash.ssl) {
      throw new ConfigError({
        path: `${this.node.path}: ssl`,
        problem: `the cluster serves the dashboard ${dash.ssl ? 'with' : 'without'} SSL; the exposure says the opposite`,
        value: p.ssl,
        allowed: String(dash.ssl),
        fix: 'set dashboard.ssl on the RookCluster; the exposure follows it',
      });
    }
    const targetPort = dash.port ?? (dash.ssl ? 8443 : 7000);
    const port = p.port ?? (dash.ssl ? 8443 : 7000);
    const ns = p.cluster.namespace;
    const SERVICE_TYPES = { ClusterIP: kplus.ServiceType.CLUSTER_IP, NodePort: kplus.ServiceType.NODE_PORT, LoadBalancer: kplus.ServiceType.LOAD_BALANCER } as const;
    const service = new kplus.Service(this, 'Resource', {
      metadata: { name: p.name, namespace: ns, labels: { app: 'rook-ceph-mgr', rook_cluster: ns } },
      type: SERVICE_TYPES[p.serviceType],
      selector: kplus.Pods.select(this, 'ActiveMgr', { labels: { app: 'rook-ceph-mgr', mgr_role: 'active', rook_cluster: ns } }),
      ports: [{ name: dash.ssl ? 'dashboard-https' : 'dashboard-http', port, targetPort, protocol: kplus.Protocol.TCP, nodePort: p.nodePort }],
    });
    const obj = ApiObject.of(service);
    // cdk8s-plus always writes `externalIPs: []`; the Service has none
    obj.addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    this.resource = place(service, 'tools');
  }
}
