import { ApiObject } from 'cdk8s';
import { ObjectBucketClaim as ObjectBucketClaimL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { place } from '../site/layers';
import { ensureNamespace } from '../site/namespace';
import { dnsLabel, dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature } from '../versions';
import { IBucketStorageClass, isBucketStorageClass } from './object-refs';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';
import { StorageConstruct } from '../site/storage-construct';

const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'not an S3 bucket name (3-63 lower-case letters, digits, "." and "-")' });

const schema = z.strictObject({
  storageClass: z.union([zBranded('BucketStorageClass', isBucketStorageClass), dnsName]),
  name: dnsName.optional(),
  namespace: dnsLabel.default('default'),
  bucketName: bucketName.optional(),
  generateBucketName: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,49}$/, { message: 'not an S3 bucket name prefix (lower-case letters, digits, "." and "-", at most 50)' }).optional(),
  maxObjects: z.number().int().min(1).optional(),
  maxSize: z.string().regex(/^[0-9]+([KMGTPE]i?)?$/, { message: 'not a size like "2G" or "10Gi"' }).optional(),
}).superRefine((p, ctx) => {
  if (p.bucketName && p.generateBucketName) {
    ctx.addIssue({ code: 'custom', path: ['generateBucketName'], message: 'bucketName fixes the bucket name; generateBucketName would be ignored', params: { allowed: 'one of bucketName / generateBucketName', fix: 'keep one' } });
  }
});

/** Props of {@link ObjectBucketClaim}. */
export interface ObjectBucketClaimProps {
  /** The class: a BucketStorageClass of the site, or the name of one. */
  readonly storageClass: IBucketStorageClass | string;
  /** Claim name; also the Secret and ConfigMap the provisioner writes the bucket's keys and endpoint into. @default - the construct id */
  readonly name?: string;
  /** Namespace of the claim (the application's); created when it is not 'default'. @default 'default' */
  readonly namespace?: string;
  /** Exact bucket name (unique in the store). Not with `generateBucketName`. @default - generated */
  readonly bucketName?: string;
  /** Prefix of a generated bucket name. @default - the claim name, when bucketName is not set */
  readonly generateBucketName?: string;
  /** Bucket quota: most objects (additionalConfig maxObjects; Rook 1.7+). @default - no limit */
  readonly maxObjects?: number;
  /** Bucket quota: most data, e.g. "2G" (additionalConfig maxSize; Rook 1.7+). @default - no limit */
  readonly maxSize?: string;
}
const _objectBucketClaimProps: PropsMatch<ObjectBucketClaimProps, z.input<typeof schema>> = true;
/** Props of {@link BucketStorageClass.addBucketClaim}: those of {@link ObjectBucketClaimProps} but the class, which is the parent. */
export interface ObjectBucketClaimOptions extends Omit<ObjectBucketClaimProps, 'storageClass'> {}

/**
 * An ObjectBucketClaim: a bucket from a bucket StorageClass of the site. The provisioner writes a Secret and a
 * ConfigMap named like the claim (in its namespace) with the keys and the endpoint. Data-bearing: never pruned.
 */
export class ObjectBucketClaim extends StorageConstruct {
  public readonly claimName: string;
  public readonly namespace: string;
  /** Secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, written by the provisioner (= the claim name). */
  public readonly secretName: string;
  /** ConfigMap with BUCKET_HOST / BUCKET_NAME / BUCKET_PORT, written by the provisioner (= the claim name). */
  public readonly configMapName: string;
  /** Name of the bucket StorageClass the claim names. */
  public readonly storageClassName: string;
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: ObjectBucketClaimProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, schema, props);
    if (p.maxObjects !== undefined || p.maxSize !== undefined) requireFeature(site.versions, 'obcBucketQuotas', `${this.node.path}: ${p.maxObjects !== undefined ? 'maxObjects' : 'maxSize'}`);
    this.claimName = nameOrId(this.node.path, p.name, id, dnsName, 'ObjectBucketClaim');
    this.namespace = p.namespace;
    this.secretName = this.configMapName = this.claimName;
    if (this.namespace !== 'default') ensureNamespace(site, this.namespace);
    const className = typeof p.storageClass === 'string' ? p.storageClass : p.storageClass.storageClassName;
    this.storageClassName = className;
    const additionalConfig = p.maxObjects !== undefined || p.maxSize !== undefined
      ? { maxObjects: p.maxObjects === undefined ? undefined : String(p.maxObjects), maxSize: p.maxSize }
      : undefined;
    this.resource = place(new ObjectBucketClaimL1(this, 'Resource', {
      metadata: { name: this.claimName, namespace: this.namespace },
      spec: {
        bucketName: p.bucketName,
        generateBucketName: p.bucketName ? undefined : p.generateBucketName ?? this.claimName,
        storageClassName: className,
        additionalConfig,
      },
    }), 'tools', { dataBearing: true });
    this.node.addValidation({ validate: () => this.checkClass(p.storageClass) });
  }

  private checkClass(ref: IBucketStorageClass | string): string[] {
    const site = Site.of(this);
    const buckets = site.node.findAll().filter(isBucketStorageClass);
    const name = typeof ref === 'string' ? ref : ref.storageClassName;
    const allowed = buckets.map((b) => `"${b.storageClassName}"`).join(', ') || `(site "${site.siteName}" declares no BucketStorageClass)`;
    if (typeof ref !== 'string') {
      if (Site.of(ref) === site) return [];
      return [new ConfigError({ path: `${this.node.path}: storageClass`, problem: `BucketStorageClass "${name}" belongs to site "${Site.of(ref).siteName}", not to "${site.siteName}"; the claim would stay Pending`, value: name, allowed, fix: 'declare a BucketStorageClass in this site and pass it' }).message];
    }
    if (buckets.some((b) => b.storageClassName === name)) return [];
    const other = site.allApiObjects().find((o) => o.kind === 'StorageClass' && o.name === name);
    return [new ConfigError({
      path: `${this.node.path}: storageClass`,
      problem: other
        ? `StorageClass "${name}" is a volume class (provisioner "${other.toJson().provisioner}"), not a bucket class; no bucket provisioner watches it and the claim would stay Pending`
        : `StorageClass "${name}" is not declared in site "${site.siteName}"; the claim would stay Pending`,
      value: name,
      allowed,
      fix: 'name a BucketStorageClass of the site (or pass the construct)',
    }).message];
  }
}
