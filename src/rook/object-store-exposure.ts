import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { place } from '../site/layers';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { CephObjectStore } from './ceph-object-store';
import { emitHttpRoute, emitIngress, GATEWAY_API_SOURCE, httpRouteSchema, ingressShape } from './http-exposure';
import { PropsMatch } from '../foundation/props-check';
import { StorageConstruct } from '../site/storage-construct';

export { GATEWAY_API_SOURCE };
/** Port the RGW container listens on for HTTP (Rook's internal port, when not on the host network). */
export const RGW_INTERNAL_HTTP_PORT = 8080;

const schema = z.strictObject({
  store: z.lazy(() => z.instanceof(CephObjectStore, { message: 'not an CephObjectStore' })),
  name: dnsLabel.optional(),
  serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
  nodePort: z.number().int().min(30000).max(32767).optional(),
  ingress: z.strictObject(ingressShape).optional(),
  httpRoute: httpRouteSchema.optional(),
}).superRefine((p, ctx) => {
  if (p.ingress && p.httpRoute) {
    ctx.addIssue({ code: 'custom', path: ['httpRoute'], message: 'an exposure is an Ingress or an HTTPRoute, not both', params: { allowed: 'one of ingress / httpRoute', fix: 'make two exposures with different names' } });
  }
  if (p.nodePort !== undefined && (p.serviceType ?? (p.ingress || p.httpRoute ? 'ClusterIP' : 'NodePort')) === 'ClusterIP') {
    ctx.addIssue({ code: 'custom', path: ['nodePort'], message: 'a ClusterIP Service has no node port', params: { allowed: 'serviceType "NodePort" or "LoadBalancer" with nodePort', fix: 'remove nodePort or set serviceType' } });
  }
});

/** An Ingress in front of the RGW. */
export interface ObjectStoreIngressProps {
  /** Host name of the S3 endpoint, e.g. "s3.example.com". */
  readonly host: string;
  /** IngressClass. @default - the cluster's default class */
  readonly className?: string;
  /** TLS Secret (in the store namespace) the Ingress terminates HTTPS with. @default - no TLS at the Ingress */
  readonly tlsSecretName?: string;
}

/** The Gateway an HTTPRoute attaches to. */
export interface ObjectStoreGatewayRefProps {
  /** Name of the Gateway. */
  readonly name: string;
  /** Namespace of the Gateway (its listener must allow routes from the store namespace). @default - the store namespace */
  readonly namespace?: string;
  /** Listener of the Gateway. @default - every listener that allows the route */
  readonly sectionName?: string;
}

/** A Gateway API HTTPRoute to the RGW. */
export interface ObjectStoreHttpRouteProps {
  /** The parent Gateway. */
  readonly gateway: ObjectStoreGatewayRefProps;
  /** Host names of the route. @default - the Gateway listener's */
  readonly hostnames?: string[];
}

/** Props of {@link ObjectStoreExposure}. */
export interface ObjectStoreExposureProps {
  /** A store of the site whose RGW runs in the cluster. */
  readonly store: CephObjectStore;
  /** Name of the Service (and Ingress / HTTPRoute). @default `rook-ceph-rgw-<store>-external` */
  readonly name?: string;
  /** Type of the Service. @default 'ClusterIP' behind an Ingress or HTTPRoute, else 'NodePort' */
  readonly serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Fixed node port, 30000..32767; NodePort and LoadBalancer only. @default - assigned by Kubernetes */
  readonly nodePort?: number;
  /** Also an Ingress (networking.k8s.io/v1) to the Service. Not with httpRoute. @default - none */
  readonly ingress?: ObjectStoreIngressProps;
  /** Also a Gateway API HTTPRoute to the Service. Not with ingress. @default - none */
  readonly httpRoute?: ObjectStoreHttpRouteProps;
}
const _objectStoreExposureProps: PropsMatch<ObjectStoreExposureProps, z.input<typeof schema>> = true;

/**
 * Exposes the RGW of an CephObjectStore: a Service selecting the store's RGW pods (NodePort, LoadBalancer, or
 * ClusterIP behind an Ingress or a Gateway API HTTPRoute).
 */
export class ObjectStoreExposure extends StorageConstruct {
  public readonly resource: ApiObject;
  public readonly serviceName: string;
  public readonly ingress?: ApiObject;
  public readonly httpRoute?: ApiObject;

  constructor(scope: Construct, id: string, props: ObjectStoreExposureProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, schema, props);
    const store = p.store;
    if (Site.of(store) !== site) {
      throw new ConfigError({ path: `${this.node.path}: store`, problem: `object store "${store.storeName}" belongs to site "${Site.of(store).siteName}", not to "${site.siteName}"`, value: store.storeName, fix: 'expose a store of this site' });
    }
    if (store.isExternal) {
      throw new ConfigError({ path: `${this.node.path}: store`, problem: `object store "${store.storeName}" uses an external RGW (externalRgwEndpoints); there are no RGW pods in this cluster to expose`, value: store.storeName, allowed: 'a store whose gateway runs in the cluster', fix: 'reach the external RGW at its own address, or drop the exposure' });
    }
    const ns = store.namespace;
    this.serviceName = p.name ?? `${store.serviceName}-external`;
    const g = store.config.gateway;
    const ports: kplus.ServicePort[] = [];
    if (g.port !== undefined) ports.push({ name: 'http', port: g.port, targetPort: RGW_INTERNAL_HTTP_PORT, protocol: kplus.Protocol.TCP, nodePort: g.securePort === undefined ? p.nodePort : undefined });
    if (g.securePort !== undefined) ports.push({ name: 'https', port: g.securePort, targetPort: g.securePort, protocol: kplus.Protocol.TCP, nodePort: p.nodePort });
    const type = p.serviceType ?? (p.ingress || p.httpRoute ? 'ClusterIP' : 'NodePort');
    const TYPES = { ClusterIP: kplus.ServiceType.CLUSTER_IP, NodePort: kplus.ServiceType.NODE_PORT, LoadBalancer: kplus.ServiceType.LOAD_BALANCER } as const;
    const selectorLabels = { app: 'rook-ceph-rgw', rook_cluster: ns, rook_object_store: store.storeName };
    const service = new kplus.Service(this, 'Resource', {
      metadata: { name: this.serviceName, namespace: ns, labels: selectorLabels },
      type: TYPES[type],
      selector: kplus.Pods.select(this, 'Rgw', { labels: selectorLabels }),
      ports,
    });
    // cdk8s-plus always writes `externalIPs: []`; the Service has none
    ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    this.resource = place(service, 'tools');
    const backendPort = store.servicePort;

    const backend = { service, name: this.serviceName, namespace: ns, port: backendPort };
    if (p.ingress) {
      this.ingress = emitIngress(this, `${this.node.path}: ingress`, backend, p.ingress, 'use a NodePort or LoadBalancer Service on this Kubernetes version');
    }
    if (p.httpRoute) {
      // 'validate': the route has always only been validated against the pinned Gateway API CRDs, not required in clusterCrds
      this.httpRoute = emitHttpRoute(this, `${this.node.path}: httpRoute`, backend, p.httpRoute, 'validate');
    }
  }
}
