/**
 * What every HTTP exposure of a Service shares (the RGW of an CephObjectStore, the Ceph dashboard): an Ingress to the
 * Service, a Gateway API HTTPRoute to it, and a cert-manager Certificate for a TLS Secret. One place for the shapes
 * of those objects, so both exposures write them the same way.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { z } from 'zod';
import { Certificate } from '../../imports/cert-manager.io';
import { HttpRoute } from '../../imports/gateway.networking.k8s.io';
import { annotations, dnsLabel, dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { LayerId, place } from '../site/layers';
import { requireFeature } from '../versions';

/** The Gateway API CRD source of the HTTPRoute an exposure can emit. */
export const GATEWAY_API_SOURCE = 'gateway-api@v1.6.1';
/** The cert-manager CRD source of the Certificates an exposure or a gateway can emit. */
export const CERT_MANAGER_SOURCE = 'cert-manager@v1.21.1';

/** zod shape of a Gateway reference (see `ObjectStoreGatewayRefProps`). */
export const gatewayRefSchema = z.strictObject({ name: dnsName, namespace: dnsLabel.optional(), sectionName: dnsName.optional() });
/** zod shape of an HTTPRoute request (see `ObjectStoreHttpRouteProps`). */
export const httpRouteSchema = z.strictObject({
  gateway: gatewayRefSchema,
  hostnames: z.array(dnsName).min(1).optional(),
});
/** zod shape of a cert-manager issuer reference. */
export const certificateIssuerSchema = z.strictObject({ name: dnsName, kind: z.enum(['Issuer', 'ClusterIssuer']).default('ClusterIssuer') });
/** The Ingress fields both exposures have. */
export const ingressShape = {
  host: dnsName,
  className: dnsName.optional(),
  tlsSecretName: dnsName.optional(),
};
/** Extra Ingress fields of newer exposures (annotations for the controller, a cert-manager Certificate). */
export const ingressExtraShape = {
  annotations: annotations.optional(),
  certificate: z.strictObject({ issuer: certificateIssuerSchema, secretName: dnsName.optional() }).optional(),
};

/** How the CRDs of an emitted kind are accounted for. */
export type CrdUse =
  /** the site must declare the project in `clusterCrds` (a ConfigError otherwise) */
  | 'require'
  /** only validate against the pinned CRDs (the behaviour CephObjectStore and ObjectStoreExposure always had) */
  | 'validate';

function crdSource(site: Site, use: CrdUse, project: string, pinned: string, path: string, what: string): void {
  if (use === 'require') site.requireClusterCrds(project, path, what);
  else site.useCrdSource(pinned);
}

/** A Service an Ingress or HTTPRoute sends traffic to. */
export interface HttpBackend {
  readonly service: kplus.Service;
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
}

/** A networking.k8s.io/v1 Ingress with one host and one `/` prefix rule to the backend, placed in `layer`. */
export function emitIngress(
  scope: Construct,
  path: string,
  backend: HttpBackend,
  ing: { host: string; className?: string; tlsSecretName?: string; annotations?: Record<string, string> },
  fix: string,
  layer: LayerId = 'tools',
): ApiObject {
  requireFeature(Site.of(scope).versions, 'ingressV1', path, fix);
  const obj = new kplus.Ingress(scope, 'Ingress', {
    metadata: { name: backend.name, namespace: backend.namespace, annotations: ing.annotations },
    className: ing.className,
    rules: [{ host: ing.host, path: '/', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(backend.service, { port: backend.port }) }],
    tls: ing.tlsSecretName ? [{ hosts: [ing.host], secret: kplus.Secret.fromSecretName(scope, 'IngressTls', ing.tlsSecretName) }] : undefined,
  });
  return place(obj, layer);
}

/** A Gateway API v1 HTTPRoute from a Gateway to the backend Service, placed in `layer`. */
export function emitHttpRoute(
  scope: Construct,
  path: string,
  backend: HttpBackend,
  route: z.output<typeof httpRouteSchema>,
  crds: CrdUse,
  layer: LayerId = 'tools',
): HttpRoute {
  crdSource(Site.of(scope), crds, 'gateway-api', GATEWAY_API_SOURCE, path, 'HTTPRoutes');
  const gw = route.gateway;
  return place(new HttpRoute(scope, 'HTTPRoute', {
    metadata: { name: backend.name, namespace: backend.namespace },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gw.name, namespace: gw.namespace, sectionName: gw.sectionName }],
      hostnames: route.hostnames,
      rules: [{ backendRefs: [{ group: '', kind: 'Service', name: backend.name, port: backend.port }] }],
    },
  }), layer);
}

/** A cert-manager.io/v1 Certificate that writes `secretName`, placed in `layer`. */
export function emitCertificate(
  scope: Construct,
  id: string,
  path: string,
  cert: { name: string; namespace: string; secretName: string; dnsNames: string[]; issuer: z.output<typeof certificateIssuerSchema> },
  crds: CrdUse,
  layer: LayerId,
): Certificate {
  crdSource(Site.of(scope), crds, 'cert-manager', CERT_MANAGER_SOURCE, path, 'cert-manager Certificates');
  return place(new Certificate(scope, id, {
    metadata: { name: cert.name, namespace: cert.namespace },
    spec: {
      secretName: cert.secretName,
      dnsNames: cert.dnsNames,
      issuerRef: { name: cert.issuer.name, kind: cert.issuer.kind, group: 'cert-manager.io' },
    },
  }), layer);
}
