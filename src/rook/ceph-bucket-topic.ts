import { ApiObject } from 'cdk8s';
import { CephBucketTopicSpecEndpointAmqpAckLevel, CephBucketTopicSpecEndpointKafka, CephBucketTopicSpecEndpointKafkaAckLevel, CephBucketTopicSpecEndpointKafkaMechanism } from '../../imports/ceph.rook.io';
import { CephBucketTopic as CephBucketTopicL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName, visibleString } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { ensureNamespace } from '../site/namespace';
import { requireFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { checkStoreRef, clusterOfStore, ICephObjectStore, isCephObjectStore } from './object-refs';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';
import { SecretRef, secretRefSchema, SecretTarget } from '../secrets/secret-ref';
import { RookResource } from './rook-resource';

// Facts of rook-lines/v1.20.6/crds.yaml CephBucketTopic spec: objectStoreName, objectStoreNamespace, endpoint
// (required); endpoint.http {uri, disableVerifySSL, sendCloudEvents}, endpoint.amqp {uri, exchange (required),
// ackLevel none|broker|routable|routeable (default broker), disableVerifySSL}, endpoint.kafka {uri, useSSL,
// disableVerifySSL, ackLevel none|broker (default broker), mechanism PLAIN|SCRAM-SHA-512|SCRAM-SHA-256|GSSAPI|OAUTHBEARER
// (default PLAIN), userSecretRef / passwordSecretRef (SecretKeySelector)}; opaqueData, persistent.
export const KAFKA_MECHANISMS = ['PLAIN', 'SCRAM-SHA-512', 'SCRAM-SHA-256', 'GSSAPI', 'OAUTHBEARER'] as const;

/** Secret keys of the Kafka credentials Secret the topic references. */
export const KAFKA_SECRET_KEYS = { user: 'user', password: 'password' } as const;

const uri = (schemes: readonly string[]) => visibleString('the URI', `an absolute URI with scheme ${schemes.join(' or ')}`).superRefine((s, ctx) => {
  let u: URL | undefined;
  try {
    u = new URL(s);
  } catch {
    u = undefined;
  }
  if (!u || !schemes.includes(u.protocol.replace(/:$/, '')) || u.hostname === '') {
    ctx.addIssue({ code: 'custom', message: 'not an endpoint URI the RGW can notify', params: { allowed: `an absolute URI with scheme ${schemes.join(' or ')} and a host, e.g. "${schemes[0]}://notifications.example.com${schemes[0].startsWith('http') ? '/events' : ':9092'}"`, fix: 'write the full URI of the endpoint' } });
    return;
  }
  if (u.password !== '' || u.username !== '') {
    ctx.addIssue({
      code: 'custom', message: 'the URI carries credentials: they would be committed in plain text in the CephBucketTopic',
      params: { value: `${u.protocol}//***@${u.host}${u.pathname === '/' ? '' : u.pathname}`, allowed: 'a URI without user:password@', fix: schemes.includes('kafka') ? 'remove them from the URI and give them by reference: kafka.credentials: { secretName, secret: SecretRef.externalSecret(...) / sealedSecret(...) / sops(...) / existing() }' : 'remove them from the URI; this endpoint kind has no Secret reference in the CRD, so let the endpoint accept the RGW without a password in the URI (network policy, TLS client certificates), or use a Kafka endpoint with credentials by reference' },
    });
  }
});

const kafkaCredentialsSchema = z.strictObject({ secretName: dnsName, secret: secretRefSchema });

const endpointSchema = z.strictObject({
  http: z.strictObject({ uri: uri(['http', 'https']), disableVerifySSL: z.boolean().optional(), sendCloudEvents: z.boolean().optional() }).optional(),
  amqp: z.strictObject({
    uri: uri(['amqp', 'amqps']), exchange: z.string().min(1),
    ackLevel: z.enum(['none', 'broker', 'routable']).optional(), disableVerifySSL: z.boolean().optional(),
  }).optional(),
  kafka: z.strictObject({
    uri: uri(['kafka']), useSSL: z.boolean().optional(), disableVerifySSL: z.boolean().optional(),
    ackLevel: z.enum(['none', 'broker']).optional(), mechanism: z.enum(KAFKA_MECHANISMS).optional(),
    credentials: kafkaCredentialsSchema.optional(),
  }).optional(),
}).superRefine((e, ctx) => {
  const set = (['http', 'amqp', 'kafka'] as const).filter((k) => e[k] !== undefined);
  if (set.length !== 1) {
    ctx.addIssue({ code: 'custom', path: set.length ? [set[1]] : [], message: set.length ? `a topic notifies one endpoint, but ${set.join(' and ')} are set` : 'the topic has no endpoint', params: { allowed: 'exactly one of http, amqp, kafka', fix: set.length ? `keep one of ${set.join(', ')} (make a topic per endpoint)` : 'add endpoint: { http: { uri: "https://…" } }' } });
  }
});

const schema = z.strictObject({
  store: z.union([zBranded('CephObjectStore', isCephObjectStore), dnsLabel]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  name: dnsName.optional(),
  namespace: dnsLabel.optional(),
  endpoint: endpointSchema,
  opaqueData: z.string().optional(),
  persistent: z.boolean().optional(),
});

/** An HTTP(S) endpoint. */
export interface CephBucketTopicHttpProps {
  /** URI, `http://` or `https://`, without credentials. */
  readonly uri: string;
  /** Skip TLS verification of the endpoint. @default false */
  readonly disableVerifySSL?: boolean;
  /** Send CloudEvents-style headers. @default false */
  readonly sendCloudEvents?: boolean;
}

/** An AMQP 0.9.1 endpoint. */
export interface CephBucketTopicAmqpProps {
  /** URI, `amqp://` or `amqps://`, without credentials (the CRD has no Secret reference for AMQP). */
  readonly uri: string;
  /** Exchange the notifications are sent to. */
  readonly exchange: string;
  /** When a notification counts as delivered. @default 'broker' (Rook's) */
  readonly ackLevel?: 'none' | 'broker' | 'routable';
  /** Skip TLS verification of the broker. @default false */
  readonly disableVerifySSL?: boolean;
}

/** Kafka credentials, by reference: a Secret with the keys `user` and `password`. */
export interface CephBucketTopicKafkaCredentialsProps {
  /** Name of the Secret in the topic's namespace. */
  readonly secretName: string;
  /** Where the Secret's `user` and `password` come from (never plain text unless `SecretRef.unsafePlaintext`). */
  readonly secret: SecretRef;
}

/** A Kafka endpoint. */
export interface CephBucketTopicKafkaProps {
  /** URI, `kafka://host:port`, without credentials. */
  readonly uri: string;
  /** Connect with TLS. @default false */
  readonly useSSL?: boolean;
  /** Skip TLS verification of the broker. @default false */
  readonly disableVerifySSL?: boolean;
  /** When a notification counts as delivered. @default 'broker' (Rook's) */
  readonly ackLevel?: 'none' | 'broker';
  /** SASL mechanism. @default 'PLAIN' (Rook's) */
  readonly mechanism?: (typeof KAFKA_MECHANISMS)[number];
  /** SASL user and password, by Secret reference. @default - none (no authentication) */
  readonly credentials?: CephBucketTopicKafkaCredentialsProps;
}

/** Where the notifications go: exactly one of http, amqp, kafka. */
export interface CephBucketTopicEndpointProps {
  /** An HTTP(S) endpoint. @default - none */
  readonly http?: CephBucketTopicHttpProps;
  /** An AMQP endpoint. @default - none */
  readonly amqp?: CephBucketTopicAmqpProps;
  /** A Kafka endpoint. @default - none */
  readonly kafka?: CephBucketTopicKafkaProps;
}

/** Props of {@link CephBucketTopic}. */
export interface CephBucketTopicProps {
  /** The object store whose RGW sends the notifications: an CephObjectStore of the site, or its name (then `cluster` is required). */
  readonly store: ICephObjectStore | string;
  /** The cluster of the store. @default - the store's cluster */
  readonly cluster?: ICephCluster;
  /** Name of the CephBucketTopic. @default - the construct id */
  readonly name?: string;
  /** Namespace of the topic: the namespace of the bucket claims whose notifications use it. @default - the store's namespace */
  readonly namespace?: string;
  /** The endpoint. */
  readonly endpoint: CephBucketTopicEndpointProps;
  /** Opaque data added to every notification. @default - none */
  readonly opaqueData?: string;
  /** Persistent (queued, retried) delivery. @default false (Rook's) */
  readonly persistent?: boolean;
}
const _bucketTopicProps: PropsMatch<CephBucketTopicProps, z.input<typeof schema>> = true;
const _bucketTopicEndpoint: PropsMatch<CephBucketTopicEndpointProps, z.input<typeof endpointSchema>> = true;

/**
 * A CephBucketTopic: an endpoint (HTTP, AMQP or Kafka) the RGW of a store sends bucket notifications to. Credentials
 * never sit in the URI: Kafka's come from a Secret by {@link SecretRef}.
 */
export class CephBucketTopic extends RookResource<InstanceType<typeof CephBucketTopicL1>> {
  /** metadata.name of the CephBucketTopic. */
  public readonly objectName: string;
  public declare readonly namespace: string;
  /** Name and namespace of the store. */
  public readonly storeName: string;
  public readonly storeNamespace: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephBucketTopicProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephBucketNotifications', this.node.path);
    const p = parseProps(this.node.path, schema, props);
    const cluster = clusterOfStore(this.node.path, p.cluster, p.store);
    this.objectName = nameOrId(this.node.path, p.name, id, dnsName, 'CephBucketTopic');
    this.storeNamespace = cluster.namespace;
    this.storeName = typeof p.store === 'string' ? p.store : p.store.storeName;
    const namespace = p.namespace ?? cluster.namespace;
    ensureNamespace(site, namespace);
    const k = p.endpoint.kafka;
    let kafka: CephBucketTopicSpecEndpointKafka | undefined;
    if (k) {
      const { credentials, useSSL, disableVerifySSL, ackLevel, mechanism, ...rest } = k;
      kafka = {
        ...rest,
        useSsl: useSSL, disableVerifySsl: disableVerifySSL,
        ackLevel: ackLevel as CephBucketTopicSpecEndpointKafkaAckLevel | undefined,
        mechanism: mechanism as CephBucketTopicSpecEndpointKafkaMechanism | undefined,
        userSecretRef: credentials && { name: credentials.secretName, key: KAFKA_SECRET_KEYS.user },
        passwordSecretRef: credentials && { name: credentials.secretName, key: KAFKA_SECRET_KEYS.password },
      };
      if (credentials) {
        const target: SecretTarget = {
          name: credentials.secretName, namespace, plain: {},
          secretKeys: [KAFKA_SECRET_KEYS.password, KAFKA_SECRET_KEYS.user], layer: 'pools', consumer: `CephBucketTopic ${this.objectName} (Kafka SASL)`,
        };
        const problems = credentials.secret.checkKeys(`${this.node.path}: endpoint.kafka.credentials.secret`, target);
        if (problems.length) throw new ConfigError(problems);
        credentials.secret.render(this, 'Credentials', target);
      }
    }
    const { http, amqp } = p.endpoint;
    this.createResource(CephBucketTopicL1, { name: this.objectName, namespace }, {
      spec: {
        objectStoreName: this.storeName,
        objectStoreNamespace: this.storeNamespace,
        opaqueData: p.opaqueData,
        persistent: p.persistent,
        endpoint: {
          http: http && { uri: http.uri, disableVerifySsl: http.disableVerifySSL, sendCloudEvents: http.sendCloudEvents },
          amqp: amqp && { uri: amqp.uri, exchange: amqp.exchange, ackLevel: amqp.ackLevel as CephBucketTopicSpecEndpointAmqpAckLevel | undefined, disableVerifySsl: amqp.disableVerifySSL },
          kafka,
        },
      },
    }, 'pools');
    this.node.addValidation({
      validate: () => {
        const m = checkStoreRef(site, this.node.path, p.store, this.storeNamespace);
        return m ? [m] : [];
      },
    });
  }
}
