import { ApiObject } from 'cdk8s';
import { CephBucketNotificationSpecEvents, CephBucketNotificationSpecFilterKeyFiltersName } from '../../imports/ceph.rook.io';
import { CephBucketNotification as CephBucketNotificationL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId, requireSameSite } from '../site/guards';
import { refineUnique } from '../foundation/unique';
import { requireFeature } from '../versions';
import { BucketStorageClass } from './bucket-storage-class';
import { CephBucketTopic } from './ceph-bucket-topic';
import { ObjectBucketClaim } from './object-bucket-claim';
import { checkRefInSite } from './object-refs';
import { PropsMatch } from '../foundation/props-check';
import { RookResource } from './rook-resource';

/** Event types a notification may select (the enum of CephBucketNotification spec.events, rook-lines/v1.20.6/crds.yaml). */
export const BUCKET_NOTIFICATION_EVENTS = [
  's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*', 's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectLifecycle:Expiration:Current', 's3:ObjectLifecycle:Expiration:NonCurrent', 's3:ObjectLifecycle:Expiration:DeleteMarker',
  's3:ObjectLifecycle:Expiration:AbortMultipartUpload', 's3:ObjectLifecycle:Transition:Current', 's3:ObjectLifecycle:Transition:NonCurrent',
  's3:LifecycleExpiration:*', 's3:LifecycleExpiration:Delete', 's3:LifecycleExpiration:DeleteMarkerCreated', 's3:LifecycleTransition',
  's3:ObjectSynced:*', 's3:ObjectSynced:Create', 's3:ObjectSynced:Delete', 's3:ObjectSynced:DeletionMarkerCreated',
  's3:Replication:*', 's3:Replication:Create', 's3:Replication:Delete', 's3:Replication:DeletionMarkerCreated',
  's3:ObjectRestore:*', 's3:ObjectRestore:Post', 's3:ObjectRestore:Completed', 's3:ObjectRestore:Delete',
] as const;
/** An S3 event type. */
export type CephBucketNotificationEvent = (typeof BUCKET_NOTIFICATION_EVENTS)[number];

/** Label a bucket claim carries to get a notification (object-bucket-claim-notification.yaml): `bucket-notification-<name>: <name>`. */
export const NOTIFICATION_LABEL_PREFIX = 'bucket-notification-';

const nameValue = z.strictObject({ name: z.string().min(1), value: z.string() });
const schema = z.strictObject({
  topic: z.union([z.lazy(() => z.instanceof(CephBucketTopic)), dnsName]),
  buckets: z.array(z.lazy(() => z.instanceof(ObjectBucketClaim, { message: 'not an ObjectBucketClaim construct' }))).min(1, { message: 'a notification needs at least one bucket claim' }),
  // the label key bucket-notification-<name> is a label name: at most 63 characters, so the name at most 43
  name: dnsName.max(63 - NOTIFICATION_LABEL_PREFIX.length, { message: `longer than ${63 - NOTIFICATION_LABEL_PREFIX.length} characters: the claims' label key ${NOTIFICATION_LABEL_PREFIX}<name> would exceed 63` }).optional(),
  events: z.array(z.enum(BUCKET_NOTIFICATION_EVENTS)).min(1).superRefine((a, ctx) => refineUnique(ctx, a, (e) => e, [], [], 'event', 'RGW would send it once')).optional(),
  filter: z.strictObject({
    keyFilters: z.array(z.strictObject({ name: z.enum(['prefix', 'suffix', 'regex']), value: z.string() })).superRefine((a, ctx) => refineUnique(ctx, a, (f) => f.name, [], ['name'], 'key filter', 'one filter per kind (prefix, suffix, regex) is kept')).optional(),
    metadataFilters: z.array(nameValue).optional(),
    tagFilters: z.array(nameValue).optional(),
  }).optional(),
});

/** A key filter: prefix, suffix or regex of the object key. */
export interface CephBucketNotificationKeyFilterProps {
  /** Which part of the key is matched. */
  readonly name: 'prefix' | 'suffix' | 'regex';
  /** The prefix, suffix or regular expression. */
  readonly value: string;
}

/** A metadata or tag filter. */
export interface CephBucketNotificationNameValueProps {
  /** Metadata key (e.g. `x-amz-meta-color`) or tag name. */
  readonly name: string;
  /** Value it must have. */
  readonly value: string;
}

/** Which objects a notification is about. */
export interface CephBucketNotificationFilterProps {
  /** Key filters, one per kind. @default - none */
  readonly keyFilters?: CephBucketNotificationKeyFilterProps[];
  /** Metadata filters. @default - none */
  readonly metadataFilters?: CephBucketNotificationNameValueProps[];
  /** Tag filters. @default - none */
  readonly tagFilters?: CephBucketNotificationNameValueProps[];
}

/** Props of {@link CephBucketNotification}. */
export interface CephBucketNotificationProps {
  /** The topic the notifications go to: a CephBucketTopic of the site in the buckets' namespace, or its name. */
  readonly topic: CephBucketTopic | string;
  /** The bucket claims notified about, all in one namespace; each gets the label `bucket-notification-<name>: <name>`. */
  readonly buckets: ObjectBucketClaim[];
  /** Name of the CephBucketNotification (at most 43 characters). @default - the construct id */
  readonly name?: string;
  /** S3 event types, e.g. ['s3:ObjectCreated:Put']. @default - every event (RGW's) */
  readonly events?: CephBucketNotificationEvent[];
  /** Which objects. @default - all */
  readonly filter?: CephBucketNotificationFilterProps;
}
const _bucketNotificationProps: PropsMatch<CephBucketNotificationProps, z.input<typeof schema>> = true;

/**
 * A CephBucketNotification: events of bucket claims sent to a {@link CephBucketTopic}. The claims get the label Rook looks
 * for; the topic must be of the site, in the claims' namespace, and of the store the claims' bucket class uses.
 */
export class CephBucketNotification extends RookResource<InstanceType<typeof CephBucketNotificationL1>> {
  /** metadata.name of the CephBucketNotification. */
  public readonly objectName: string;
  public declare readonly namespace: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephBucketNotificationProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephBucketNotifications', this.node.path);
    const p = parseProps(this.node.path, schema, props);
    p.buckets.forEach((b, i) => requireSameSite(this, `buckets[${i}]`, b, 'ObjectBucketClaim'));
    if (typeof p.topic !== 'string') requireSameSite(this, 'topic', p.topic, 'CephBucketTopic');
    const namespaces = [...new Set(p.buckets.map((b) => b.namespace))];
    if (namespaces.length > 1) {
      throw new ConfigError({
        path: `${this.node.path}: buckets`,
        problem: `the claims are in namespaces ${namespaces.map((n) => `"${n}"`).join(', ')}; Rook finds a notification in the claim's own namespace, so one notification serves claims of one namespace`,
        value: p.buckets.map((b) => `${b.namespace}/${b.claimName}`),
        allowed: 'bucket claims of one namespace',
        fix: 'make one CephBucketNotification (and CephBucketTopic) per namespace',
      });
    }
    const namespace = namespaces[0];
    this.objectName = nameOrId(this.node.path, p.name, id, dnsName, 'CephBucketNotification');
    const topicName = typeof p.topic === 'string' ? p.topic : p.topic.objectName;
    for (const b of p.buckets) b.resource.metadata.addLabel(`${NOTIFICATION_LABEL_PREFIX}${this.objectName}`, this.objectName);
    this.createResource(CephBucketNotificationL1, { name: this.objectName, namespace }, {
      spec: {
        topic: topicName, events: p.events as CephBucketNotificationSpecEvents[] | undefined,
        filter: p.filter && { ...p.filter, keyFilters: p.filter.keyFilters?.map((k) => ({ ...k, name: k.name as CephBucketNotificationSpecFilterKeyFiltersName })) },
      },
    }, 'pools');
    this.node.addValidation({
      validate: () => {
        const out: string[] = [];
        const m = checkRefInSite({
          site, path: this.node.path, field: 'topic', kind: 'CephBucketTopic', ref: p.topic, namespace: this.namespace,
          all: site.findAll(CephBucketTopic), fix: `declare the topic in this site with new CephBucketTopic(site, id, { store, namespace: '${this.namespace}', endpoint }) and pass it as topic`,
        });
        if (m) return [m];
        const topic = typeof p.topic === 'string' ? site.findAll(CephBucketTopic).find((t) => t.namespace === this.namespace && t.objectName === p.topic)! : p.topic;
        p.buckets.forEach((b, i) => {
          const cls = site.findAll(BucketStorageClass).find((c) => c.storageClassName === b.storageClassName);
          if (cls && (cls.storeName !== topic.storeName || cls.storeNamespace !== topic.storeNamespace)) {
            out.push(new ConfigError({
              path: `${this.node.path}: buckets[${i}]`,
              problem: `claim "${b.claimName}" gets its bucket from store "${cls.storeNamespace}/${cls.storeName}" (class "${cls.storageClassName}"), but topic "${topic.objectName}" is of store "${topic.storeNamespace}/${topic.storeName}"; a store's RGW notifies only its own topics`,
              value: b.claimName,
              allowed: `claims of store "${topic.storeNamespace}/${topic.storeName}"`,
              fix: `use a topic of store "${cls.storeName}" for this claim`,
            }).message);
          }
        });
        return out;
      },
    });
  }
}
