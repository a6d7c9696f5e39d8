import { ApiObject } from 'cdk8s';
import { CephObjectStoreSpecSecuritySslOptions, CephObjectStoreSpecDataPoolCompressionMode, CephObjectStoreSpecMetadataPoolCompressionMode } from '../../imports/ceph.rook.io';
import { CephObjectStore as CephObjectStoreL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { BucketStorageClass, BucketStorageClassOptions } from './bucket-storage-class';
import { CephObjectStoreUser, CephObjectStoreUserOptions } from './ceph-object-store-user';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName, labels, placement, resourceRequirements, visibleString } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature, requireFieldFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { checkObjectPoolHosts, checkObjectPools, checkObjectPoolsForVersion, checkSharedPoolRefs, ObjectPoolProps, ObjectSharedPoolsProps, objectPoolsShape, renderObjectPools } from './object-pools';
import { brandCephObjectStore, checkRefInSite, ICephObjectStore } from './object-refs';
import { CephObjectZone } from './ceph-object-zone';
import { PodPlacementProps, ResourceRequirementsProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { CERT_MANAGER_SOURCE, certificateIssuerSchema, emitCertificate } from './http-exposure';
import { RookResource } from './rook-resource';

const port = z.number().int().min(1).max(65535);

const certificateSchema = z.strictObject({
  issuer: certificateIssuerSchema,
  dnsNames: z.array(dnsName).min(1).optional(),
  secretName: dnsName.optional(),
});

const endpointSchema = z.strictObject({ ip: z.ipv4().or(z.ipv6()).optional(), hostname: dnsName.optional() }).superRefine((e, ctx) => {
  if (!!e.ip === !!e.hostname) {
    ctx.addIssue({ code: 'custom', path: ['ip'], message: 'an external RGW endpoint is an ip or a hostname', params: { allowed: '{ ip: "192.168.39.182" } or { hostname: "rgw.example.com" }', fix: 'give exactly one of ip / hostname' } });
  }
});

const gatewaySchema = z.strictObject({
  instances: z.number().int().min(1).optional(),
  port: port.optional(),
  securePort: port.optional(),
  sslCertificateRef: dnsName.optional(),
  certificate: certificateSchema.optional(),
  resources: resourceRequirements.optional(),
  placement: placement.optional(),
  priorityClassName: dnsName.optional(),
  labels: labels.optional(),
  annotations: labels.optional(),
  externalRgwEndpoints: z.array(endpointSchema).min(1).optional(),
});

/** An OpenSSL cipher, cipher suite or group name: visible characters, no spaces or ":" (Rook joins the list). */
const tlsName = visibleString('the name', 'an OpenSSL name such as "ECDHE-RSA-AES256-GCM-SHA384", "TLS_AES_256_GCM_SHA384" or "X25519"')
  .min(1).regex(/^[^\s:]+$/, { message: 'not one OpenSSL name: no spaces or ":" (list each name as its own entry)' });

/** CephObjectStore spec.security TLS options of the RGW's HTTPS port (rook-lines/v1.20.6/crds.yaml, Rook v1.20). */
const objectStoreSecuritySchema = z.strictObject({
  ciphers: z.array(tlsName).min(1).max(1000).optional(),
  cipherSuites: z.array(tlsName).min(1).max(1000).optional(),
  tlsGroups: z.array(tlsName).min(1).optional(),
  sslOptions: z.strictObject({
    defaultWorkarounds: z.boolean().optional(),
    noCompression: z.boolean().optional(),
    singleDiffieHellmanUse: z.boolean().optional(),
    sslv2: z.boolean().optional(),
    sslv3: z.boolean().optional(),
    tlsv1_0: z.boolean().optional(),
    tlsv1_1: z.boolean().optional(),
    tlsv1_2: z.boolean().optional(),
  }).optional(),
});

/** Options of the gateway's SSL context (CephObjectStore spec.security.sslOptions). */
export interface CephObjectStoreSslOptionsProps {
  /** Work around known SSL bugs. @default - RGW's */
  readonly defaultWorkarounds?: boolean;
  /** Disable TLS compression. @default - RGW's */
  readonly noCompression?: boolean;
  /** A new key for each Diffie-Hellman exchange. @default - RGW's */
  readonly singleDiffieHellmanUse?: boolean;
  /** The `sslv2` option of the gateway's SSL context, as Rook passes it to RGW. @default - RGW's */
  readonly sslv2?: boolean;
  /** The `sslv3` option of the gateway's SSL context, as Rook passes it to RGW. @default - RGW's */
  readonly sslv3?: boolean;
  /** The `tlsv1_0` option of the gateway's SSL context, as Rook passes it to RGW. @default - RGW's */
  readonly tlsv1_0?: boolean;
  /** The `tlsv1_1` option of the gateway's SSL context, as Rook passes it to RGW. @default - RGW's */
  readonly tlsv1_1?: boolean;
  /** The `tlsv1_2` option of the gateway's SSL context, as Rook passes it to RGW. @default - RGW's */
  readonly tlsv1_2?: boolean;
}

/** TLS options of the gateway's HTTPS port (needs `gateway.securePort`). Rook v1.20. */
export interface CephObjectStoreSecurityProps {
  /** TLS 1.2 ciphers, one OpenSSL name each, e.g. ['ECDHE-RSA-AES256-GCM-SHA384']. @default - RGW's */
  readonly ciphers?: string[];
  /** TLS 1.3 cipher suites, e.g. ['TLS_AES_256_GCM_SHA384']. @default - RGW's */
  readonly cipherSuites?: string[];
  /** Key-exchange groups (curves), e.g. ['X25519', 'P-256']. @default - RGW's */
  readonly tlsGroups?: string[];
  /** OpenSSL context options. @default - RGW's */
  readonly sslOptions?: CephObjectStoreSslOptionsProps;
}
const _objectStoreSecurity: PropsMatch<CephObjectStoreSecurityProps, z.input<typeof objectStoreSecuritySchema>> = true;

export const objectStoreOptionsSchema = z.strictObject({
  security: objectStoreSecuritySchema.optional(),
  name: dnsLabel.optional(),
  ...objectPoolsShape,
  preservePoolsOnDelete: z.boolean().default(true),
  gateway: gatewaySchema.default({}),
  zone: z.union([z.lazy(() => z.instanceof(CephObjectZone)), dnsLabel]).optional(),
  healthCheck: z.strictObject({
    startupProbe: z.strictObject({ disabled: z.boolean() }).optional(),
    readinessProbe: z.strictObject({ disabled: z.boolean() }).optional(),
  }).optional(),
}).superRefine((p, ctx) => {
  checkObjectPools(p, ctx, 'an object store');
  const g = p.gateway;
  if (p.security && g.securePort === undefined) {
    ctx.addIssue({ code: 'custom', path: ['security'], message: 'TLS options apply to the gateway\'s HTTPS port, but the gateway has no securePort: RGW would ignore them', params: { allowed: 'security with gateway.securePort and a certificate', fix: 'add gateway: { securePort: 443, certificate: { ... } }, or remove security' } });
  }
  if (g.port === undefined && g.securePort === undefined) {
    ctx.addIssue({ code: 'custom', path: ['gateway', 'port'], message: 'the gateway needs a port or a securePort; without either the operator has nothing to listen on', params: { allowed: 'port (HTTP) and/or securePort (HTTPS, with a certificate)', fix: 'add gateway: { port: 80 }' } });
  }
  if (g.securePort !== undefined && !g.sslCertificateRef && !g.certificate) {
    ctx.addIssue({
      code: 'custom', path: ['gateway', 'securePort'],
      message: `securePort ${g.securePort} serves HTTPS, but the gateway has no certificate; the RGW pods would fail to start`,
      params: { allowed: 'securePort with gateway.sslCertificateRef (a TLS Secret in the store namespace) or gateway.certificate (a cert-manager Certificate)', fix: 'add certificate: { issuer: { name: "<your ClusterIssuer>" } }, or sslCertificateRef: "<tls secret>", or remove securePort' },
    });
  }
  if ((g.sslCertificateRef || g.certificate) && g.securePort === undefined) {
    ctx.addIssue({ code: 'custom', path: ['gateway', g.certificate ? 'certificate' : 'sslCertificateRef'], message: 'a certificate is only used with securePort; the gateway would serve plain HTTP only', params: { allowed: 'securePort with the certificate', fix: 'add securePort: 443, or remove the certificate' } });
  }
  if (g.sslCertificateRef && g.certificate) {
    ctx.addIssue({ code: 'custom', path: ['gateway', 'certificate'], message: 'sslCertificateRef and certificate both name the TLS Secret', params: { allowed: 'one of sslCertificateRef / certificate', fix: 'keep one (certificate creates the Secret sslCertificateRef would name)' } });
  }
  const external = g.externalRgwEndpoints !== undefined;
  if (external) {
    for (const k of ['instances', 'resources', 'placement', 'priorityClassName', 'certificate'] as const) {
      if (g[k] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['gateway', k], message: `an external gateway (externalRgwEndpoints) runs outside this cluster; ${k} would configure RGW pods that are never started`, params: { allowed: 'port / securePort / sslCertificateRef with externalRgwEndpoints', fix: `remove ${k}, or remove externalRgwEndpoints to run the gateway in the cluster` } });
      }
    }
    if (p.metadataPool || p.sharedPools) {
      ctx.addIssue({ code: 'custom', path: [p.metadataPool ? 'metadataPool' : 'sharedPools'], message: 'an external object store uses the pools of the external cluster\'s RGW; pools here are not created', params: { allowed: 'no pools with externalRgwEndpoints', fix: 'remove the pools' } });
    }
  }
  if (p.zone !== undefined && (p.metadataPool || p.sharedPools)) {
    ctx.addIssue({ code: 'custom', path: [p.metadataPool ? 'metadataPool' : 'sharedPools'], message: 'a multisite store keeps its data in the pools of its zone; pools on the store would never be used', params: { allowed: 'pools on the CephObjectZone, none on the store', fix: 'move the pools to the CephObjectZone' } });
  }
});

/** A cert-manager Issuer or ClusterIssuer. */
export interface CephObjectStoreCertificateIssuerProps {
  /** Name of the issuer. */
  readonly name: string;
  /** 'ClusterIssuer', or an 'Issuer' in the store namespace. @default 'ClusterIssuer' */
  readonly kind?: 'Issuer' | 'ClusterIssuer';
}

/** A cert-manager Certificate whose Secret the gateway serves HTTPS with. */
export interface CephObjectStoreCertificateProps {
  /** The issuer that signs it. */
  readonly issuer: CephObjectStoreCertificateIssuerProps;
  /** DNS names of the certificate. @default - the RGW Service names: `rook-ceph-rgw-<store>.<namespace>.svc` and `….svc.cluster.local` */
  readonly dnsNames?: string[];
  /** Name of the TLS Secret cert-manager writes (and the gateway reads). @default `rook-ceph-rgw-<store>-tls` */
  readonly secretName?: string;
}

/** An RGW endpoint outside the cluster: an IP address or a host name. */
export interface CephObjectStoreExternalEndpointProps {
  /** IPv4 or IPv6 address of the RGW. @default - none (then hostname) */
  readonly ip?: string;
  /** Host name of the RGW. @default - none (then ip) */
  readonly hostname?: string;
}

/** The RADOS gateway (RGW) of the store. */
export interface CephObjectStoreGatewayProps {
  /** Number of RGW pods. @default 1 (none with externalRgwEndpoints) */
  readonly instances?: number;
  /** HTTP port of the RGW Service. @default - none; port or securePort is required */
  readonly port?: number;
  /** HTTPS port of the RGW Service; needs `sslCertificateRef` or `certificate`. @default - none */
  readonly securePort?: number;
  /** Name of a TLS Secret in the store namespace (a reference: the key never goes through props). @default - none */
  readonly sslCertificateRef?: string;
  /** Have cert-manager issue the TLS Secret (a cert-manager.io/v1 Certificate is emitted). @default - none */
  readonly certificate?: CephObjectStoreCertificateProps;
  /** Resources of the RGW pods. @default - Rook's */
  readonly resources?: ResourceRequirementsProps;
  /** Placement of the RGW pods. @default - none */
  readonly placement?: PodPlacementProps;
  /** PriorityClass of the RGW pods. @default - none */
  readonly priorityClassName?: string;
  /** Labels of the RGW pods. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations of the RGW pods. @default - none */
  readonly annotations?: Record<string, string>;
  /** Use an RGW running outside the cluster (object-external); no RGW pods or pools here. @default - none */
  readonly externalRgwEndpoints?: CephObjectStoreExternalEndpointProps[];
}

/** RGW pod probes. */
export interface CephObjectStoreProbeProps {
  /** Turn the probe off. */
  readonly disabled: boolean;
}

/** RGW health checks. */
export interface CephObjectStoreHealthCheckProps {
  /** The startup probe. @default - Rook's (on) */
  readonly startupProbe?: CephObjectStoreProbeProps;
  /** The readiness probe. @default - Rook's (on) */
  readonly readinessProbe?: CephObjectStoreProbeProps;
}

/** Settings of a CephObjectStore (everything but the cluster). */
export interface CephObjectStoreOptions {
  /** Store name, also the CephObjectStore name (Ceph pools are `<name>.rgw.*`). @default - the construct id */
  readonly name?: string;
  /**
   * Replicated metadata pool (an erasure-coded one is an error). Without pools, sharedPools, zone and
   * externalRgwEndpoints, both pools default to `{ replicated: { size: 3 } }`. @default - see above
   */
  readonly metadataPool?: ObjectPoolProps;
  /** Data pool, replicated or erasure-coded (the CephBlockPool rules). @default - see metadataPool */
  readonly dataPool?: ObjectPoolProps;
  /** Pools shared by several stores instead of pools of its own (Rook 1.15+). @default - none */
  readonly sharedPools?: ObjectSharedPoolsProps;
  /** Keep the pools (the objects) when the CephObjectStore is deleted. @default true */
  readonly preservePoolsOnDelete?: boolean;
  /** The RGW: instances, ports, certificate, resources, placement, or an external RGW. @default {} (port required) */
  readonly gateway?: CephObjectStoreGatewayProps;
  /** Multisite: the CephObjectZone (or its name) whose pools the store uses. @default - none */
  readonly zone?: CephObjectZone | string;
  /** RGW probes. @default - Rook's */
  readonly healthCheck?: CephObjectStoreHealthCheckProps;
  /** TLS options of the HTTPS port: ciphers, cipher suites, groups, OpenSSL options (Rook v1.20). @default - RGW's */
  readonly security?: CephObjectStoreSecurityProps;
}
const _objectStoreOptions: PropsMatch<CephObjectStoreOptions, z.input<typeof objectStoreOptionsSchema>> = true;
const _objectStoreGateway: PropsMatch<CephObjectStoreGatewayProps, z.input<typeof gatewaySchema>> = true;
const _objectStoreCertificate: PropsMatch<CephObjectStoreCertificateProps, z.input<typeof certificateSchema>> = true;

/** Props of {@link CephObjectStore}. */
export interface CephObjectStoreProps extends CephObjectStoreOptions {
  /** The cluster the store lives in; the store inherits its namespace. */
  readonly cluster: ICephCluster;
}

export { CERT_MANAGER_SOURCE };

/**
 * A CephObjectStore (S3/Swift via RGW): replicated metadata pool and a data pool, shared pools, a multisite zone
 * or an external RGW; HTTPS with a TLS Secret or a cert-manager Certificate. Data-bearing: never pruned.
 */
export class CephObjectStore extends RookResource<InstanceType<typeof CephObjectStoreL1>> implements ICephObjectStore {
  static { brandCephObjectStore(this); }

  /** metadata.name of the CephObjectStore (= the store name). */
  public readonly objectName: string;
  /** The store name (= objectName). */
  public readonly storeName: string;
  public declare readonly namespace: string;
  public readonly cluster: ICephCluster;
  public declare readonly resource: ApiObject;
  /** The cert-manager Certificate, when `gateway.certificate` is set. */
  public readonly certificate?: ApiObject;
  /** Name of the RGW Service the operator creates: `rook-ceph-rgw-<store>` (Rook 1.11+ creates none for an external RGW). */
  public readonly serviceName: string;
  /** True for a store on an external RGW. */
  public readonly isExternal: boolean;
  public readonly config: z.output<typeof objectStoreOptionsSchema>;

  constructor(scope: Construct, id: string, props: CephObjectStoreProps) {
    super(scope, id);
    const { cluster, ...options } = props ?? ({} as CephObjectStoreProps);
    if (!isCephCluster(cluster)) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'an CephObjectStore needs the cluster it belongs to', fix: 'create it with cluster.addObjectStore(id, options) or pass cluster: <RookCluster>' });
    }
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, objectStoreOptionsSchema, options);
    const v = site.versions;
    this.config = p;
    this.cluster = cluster;
    this.storeName = this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephObjectStore');
    const namespace = cluster.namespace;
    this.serviceName = `rook-ceph-rgw-${this.storeName}`;
    const g = p.gateway;
    this.isExternal = g.externalRgwEndpoints !== undefined;

    checkObjectPoolsForVersion(v, this.node.path, options);
    const extended: [unknown, string][] = [
      [g.priorityClassName, 'gateway.priorityClassName'], [g.labels, 'gateway.labels'], [g.externalRgwEndpoints, 'gateway.externalRgwEndpoints'],
      [p.zone, 'zone'], [p.healthCheck, 'healthCheck'],
    ];
    for (const [value, field] of extended) {
      requireFieldFeature(v, 'objectStoreExtendedSpec', this.node.path, field, value);
    }
    if (p.zone !== undefined) requireFeature(v, 'objectMultisite', `${this.node.path}: zone`);
    requireFieldFeature(v, 'objectStoreTlsOptions', this.node.path, 'security', p.security);

    const ownPools = !p.sharedPools && p.zone === undefined && !this.isExternal;
    const defaultPool = { failureDomain: 'host' as const, replicated: { size: 3, requireSafeReplicaSize: true } };
    const effective = {
      metadataPool: ownPools ? p.metadataPool ?? defaultPool : undefined,
      dataPool: ownPools ? p.dataPool ?? defaultPool : undefined,
      sharedPools: p.sharedPools,
    };
    const pools = renderObjectPools<CephObjectStoreSpecMetadataPoolCompressionMode, CephObjectStoreSpecDataPoolCompressionMode>(v, effective);

    let sslCertificateRef = g.sslCertificateRef;
    if (g.certificate) {
      sslCertificateRef = g.certificate.secretName ?? `${this.serviceName}-tls`;
      this.certificate = emitCertificate(this, 'Certificate', `${this.node.path}: gateway.certificate`, {
        name: `${this.serviceName}-tls`,
        namespace,
        secretName: sslCertificateRef,
        dnsNames: g.certificate.dnsNames ?? [`${this.serviceName}.${namespace}.svc`, `${this.serviceName}.${namespace}.svc.cluster.local`],
        issuer: g.certificate.issuer,
      }, 'validate', 'cluster');
    }

    this.createResource(CephObjectStoreL1, { name: this.storeName, namespace }, {
      spec: {
        ...pools,
        // an external or multisite store's pools are not the store's: nothing to preserve there
        preservePoolsOnDelete: ownPools || p.sharedPools ? p.preservePoolsOnDelete : undefined,
        gateway: {
          port: g.port,
          securePort: g.securePort,
          sslCertificateRef,
          instances: this.isExternal ? undefined : g.instances ?? 1,
          placement: g.placement,
          annotations: g.annotations,
          labels: g.labels,
          resources: g.resources,
          priorityClassName: g.priorityClassName,
          externalRgwEndpoints: g.externalRgwEndpoints,
        },
        zone: p.zone === undefined ? undefined : { name: typeof p.zone === 'string' ? p.zone : p.zone.objectName },
        healthCheck: p.healthCheck,
        security: p.security && { ...p.security, sslOptions: sslOptionsL1(p.security.sslOptions) },
      },
    }, 'pools', { dataBearing: true });

    this.node.addValidation({ validate: () => [...this.checkSite(), ...checkObjectPoolHosts(this.node.path, cluster, effective)] });
  }

  /** Port the RGW Service serves: the HTTPS port when there is one, else the HTTP port. */
  public get servicePort(): number {
    return this.config.gateway.securePort ?? this.config.gateway.port!;
  }

  /** True when the gateway serves HTTPS. */
  public get secure(): boolean {
    return this.config.gateway.securePort !== undefined;
  }

  private checkSite(): string[] {
    const site = Site.of(this);
    const out = checkSharedPoolRefs(this.node.path, this.namespace, this.config.sharedPools);
    const same = site.findAll(CephObjectStore).filter((s) => s.namespace === this.namespace && s.storeName === this.storeName);
    if (same.length > 1 && same[0] !== this) {
      out.push(new ConfigError({
        path: `${this.node.path}: name`,
        problem: `namespace "${this.namespace}" already has object store "${this.storeName}" (${same[0].node.path}); both would be one CephObjectStore, the later overwriting the earlier`,
        value: this.storeName,
        allowed: `a store name not yet used in "${this.namespace}": ${site.findAll(CephObjectStore).filter((s) => s.namespace === this.namespace).map((s) => `"${s.storeName}"`).join(', ')} are taken`,
        fix: 'give this store another name (or id), or put it in another cluster',
      }).message);
    }
    if (this.config.zone !== undefined) {
      const m = checkRefInSite({
        site, path: this.node.path, field: 'zone', kind: 'CephObjectZone', ref: this.config.zone, namespace: this.namespace,
        all: site.findAll(CephObjectZone), fix: 'declare the zone with new CephObjectZone(site, id, { zoneGroup, metadataPool, dataPool }) and pass it as zone',
      });
      if (m) out.push(m);
    }
    return out;
  }

  /** Adds a CephObjectStoreUser of this store (in the store's namespace). */
  public addUser(id: string, options: CephObjectStoreUserOptions = {}): CephObjectStoreUser {
    return new CephObjectStoreUser(this, id, { ...options, store: this });
  }

  /** Adds a bucket StorageClass (ObjectBucketClaims) of this store. */
  public addBucketStorageClass(id: string, options: BucketStorageClassOptions = {}): BucketStorageClass {
    return new BucketStorageClass(this, id, { ...options, store: this });
  }
}

/** The SSL options in the binding's names (tlsv1_0 is tlsv10 there; its toJson writes tlsv1_0). */
function sslOptionsL1(o: z.output<typeof objectStoreSecuritySchema>['sslOptions']): CephObjectStoreSpecSecuritySslOptions | undefined {
  if (!o) return undefined;
  const { tlsv1_0: tlsv10, tlsv1_1: tlsv11, tlsv1_2: tlsv12, ...rest } = o;
  return { ...rest, tlsv10, tlsv11, tlsv12 };
}
