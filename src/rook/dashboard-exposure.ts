import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { place } from '../site/layers';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { PropsMatch } from '../foundation/props-check';
import { emitCertificate, emitHttpRoute, emitIngress, httpRouteSchema, ingressExtraShape, ingressShape } from './http-exposure';
import { ObjectStoreHttpRouteProps } from './object-store-exposure';
import { CephObjectStoreCertificateIssuerProps } from './ceph-object-store';
import { StorageConstruct } from '../site/storage-construct';

const clusterRef = z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' });

const dashboardSchema = z.strictObject({
  cluster: clusterRef,
  serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  nodePort: z.number().int().min(30000).max(32767).optional(),
  ssl: z.boolean().optional(),
  name: dnsLabel.default('rook-ceph-mgr-dashboard-external'),
  ingress: z.strictObject({ ...ingressShape, ...ingressExtraShape }).superRefine((i, ctx) => {
    if (i.tlsSecretName && i.certificate) {
      ctx.addIssue({ code: 'custom', path: ['certificate'], message: 'tlsSecretName and certificate both name the TLS Secret of the Ingress', params: { allowed: 'one of tlsSecretName / certificate', fix: 'keep tlsSecretName for a Secret you provide, or certificate to have cert-manager issue it' } });
    }
  }).optional(),
  httpRoute: httpRouteSchema.optional(),
}).superRefine((p, ctx) => {
  if (p.ingress && p.httpRoute) {
    ctx.addIssue({ code: 'custom', path: ['httpRoute'], message: 'an exposure is an Ingress or an HTTPRoute, not both', params: { allowed: 'one of ingress / httpRoute', fix: 'make two exposures with different names' } });
  }
  if (p.nodePort !== undefined && (p.serviceType ?? (p.ingress || p.httpRoute ? 'ClusterIP' : 'NodePort')) === 'ClusterIP') {
    ctx.addIssue({ code: 'custom', path: ['nodePort'], message: 'a ClusterIP Service has no node port', params: { allowed: 'serviceType "NodePort" or "LoadBalancer" with nodePort', fix: 'remove nodePort or change serviceType' } });
  }
});

/** A cert-manager Certificate for the dashboard Ingress. */
export interface DashboardCertificateProps {
  /** The issuer that signs it. */
  readonly issuer: CephObjectStoreCertificateIssuerProps;
  /** Name of the TLS Secret cert-manager writes (and the Ingress reads). @default `<name>-tls` */
  readonly secretName?: string;
}

/** An Ingress in front of the dashboard. */
export interface DashboardIngressProps {
  /** Host name of the dashboard, e.g. "ceph.example.com". */
  readonly host: string;
  /** IngressClass. @default - the cluster's default class */
  readonly className?: string;
  /** TLS Secret (in the cluster namespace) the Ingress terminates HTTPS with. Not with certificate. @default - no TLS at the Ingress, unless certificate */
  readonly tlsSecretName?: string;
  /** Have cert-manager issue the Ingress TLS Secret for `host` (a cert-manager.io/v1 Certificate; needs clusterCrds 'cert-manager@…'). Not with tlsSecretName. @default - none */
  readonly certificate?: DashboardCertificateProps;
  /** Annotations of the Ingress, for the controller (e.g. the backend protocol when the dashboard serves SSL). @default - none */
  readonly annotations?: Record<string, string>;
}
const _dashboardIngressProps: PropsMatch<DashboardIngressProps, z.input<typeof dashboardSchema>['ingress'] & {}> = true;

/** Props of {@link DashboardExposure}. */
export interface DashboardExposureProps {
  /** A local RookCluster whose dashboard is enabled. */
  readonly cluster: ICephCluster;
  /** Type of the Service. @default 'ClusterIP' behind an Ingress or HTTPRoute, else 'NodePort' */
  readonly serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Port of the Service. @default 8443 with SSL, 7000 without */
  readonly port?: number;
  /** Fixed node port, 30000..32767; NodePort and LoadBalancer only. @default - assigned by Kubernetes */
  readonly nodePort?: number;
  /** Whether the dashboard serves TLS; must equal the cluster's `dashboard.ssl` (stated so a review sees it). @default - the cluster's setting */
  readonly ssl?: boolean;
  /** Name of the Service (and Ingress / HTTPRoute). @default 'rook-ceph-mgr-dashboard-external' */
  readonly name?: string;
  /** Also an Ingress (networking.k8s.io/v1) to the Service. Not with httpRoute. @default - none */
  readonly ingress?: DashboardIngressProps;
  /** Also a Gateway API HTTPRoute to the Service (needs clusterCrds 'gateway-api@v1.6.1'; TLS is the Gateway's). Not with ingress. @default - none */
  readonly httpRoute?: ObjectStoreHttpRouteProps;
}
const _dashboardExposureProps: PropsMatch<DashboardExposureProps, z.input<typeof dashboardSchema>> = true;

/**
 * Exposes the Ceph dashboard of the active mgr: a Service (NodePort, LoadBalancer, or ClusterIP behind an Ingress or a
 * Gateway API HTTPRoute), the Ingress TLS from a Secret or a cert-manager Certificate.
 */
export class DashboardExposure extends StorageConstruct {
  /** The Service. */
  public readonly resource: ApiObject;
  public readonly ingress?: ApiObject;
  public readonly httpRoute?: ApiObject;
  public readonly certificate?: ApiObject;
  constructor(scope: Construct, id: string, props: DashboardExposureProps) {
    super(scope, id);
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
      type: SERVICE_TYPES[p.serviceType ?? (p.ingress || p.httpRoute ? 'ClusterIP' : 'NodePort')],
      selector: kplus.Pods.select(this, 'ActiveMgr', { labels: { app: 'rook-ceph-mgr', mgr_role: 'active', rook_cluster: ns } }),
      ports: [{ name: dash.ssl ? 'dashboard-https' : 'dashboard-http', port, targetPort, protocol: kplus.Protocol.TCP, nodePort: p.nodePort }],
    });
    const obj = ApiObject.of(service);
    // cdk8s-plus always writes `externalIPs: []`; the Service has none
    obj.addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    this.resource = place(service, 'tools');
    const backend = { service, name: p.name, namespace: ns, port };
    if (p.ingress) {
      const i = p.ingress;
      let tlsSecretName = i.tlsSecretName;
      if (i.certificate) {
        tlsSecretName = i.certificate.secretName ?? `${p.name}-tls`;
        this.certificate = emitCertificate(this, 'Certificate', `${this.node.path}: ingress.certificate`, {
          name: `${p.name}-tls`, namespace: ns, secretName: tlsSecretName, dnsNames: [i.host], issuer: i.certificate.issuer,
        }, 'require', 'tools');
      }
      this.ingress = emitIngress(this, `${this.node.path}: ingress`, backend, { ...i, tlsSecretName }, 'use a NodePort or LoadBalancer Service on this Kubernetes version');
    }
    if (p.httpRoute) {
      this.httpRoute = emitHttpRoute(this, `${this.node.path}: httpRoute`, backend, p.httpRoute, 'require');
      if (dash.ssl) {
        Site.of(this).addWarning(`${this.node.path}: httpRoute: the dashboard serves HTTPS (dashboard.ssl on ${p.cluster.node.path}); a Gateway sends plain HTTP to the Service unless a BackendTLSPolicy says otherwise, so the route would fail. Fix: set dashboard.ssl: false on the cluster (the Gateway terminates TLS), or add a BackendTLSPolicy for ${ns}/${p.name}.`);
      }
    }
  }
}
