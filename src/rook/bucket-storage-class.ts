import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ObjectBucketClaim, ObjectBucketClaimOptions } from './object-bucket-claim';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName } from '../foundation/props';
import { StorageClassConstruct } from '../site/storage-class';
import { Site } from '../site/site';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { brandBucketStorageClass, checkStoreRef, clusterOfStore, IBucketStorageClass, ICephObjectStore, isCephObjectStore } from './object-refs';
import { obcProvisionerName, RookOperator } from './rook-operator';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';

const schema = z.strictObject({
  store: z.union([zBranded('CephObjectStore', isCephObjectStore), dnsLabel]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  name: dnsName.optional(),
  reclaimPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
  provisioner: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  bucketName: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'not an S3 bucket name (3-63 lower-case letters, digits, "." and "-")' }).optional(),
});

/** Props of {@link BucketStorageClass}. */
export interface BucketStorageClassProps {
  /** The object store buckets are created in: an CephObjectStore of the site, or its name (then `cluster` is required). */
  readonly store: ICephObjectStore | string;
  /** The cluster of the store. @default - the store's cluster */
  readonly cluster?: ICephCluster;
  /** StorageClass name. @default - the construct id */
  readonly name?: string;
  /** 'Delete' removes the bucket and its objects with the claim; 'Retain' keeps them. @default 'Delete' */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  /**
   * The bucket provisioner, stated so a review sees it; must be the one the site's RookOperator registers for the
   * store's cluster
   * (see {@link RookOperator.obcProvisionerFor}). @default - derived from the operator's settings
   */
  readonly provisioner?: string;
  /** S3 region of the buckets. @default - the store's (Rook's 'us-east-1') */
  readonly region?: string;
  /** An existing bucket every claim of this class gets access to (brownfield). @default - a new bucket per claim */
  readonly bucketName?: string;
}
const _bucketStorageClassProps: PropsMatch<BucketStorageClassProps, z.input<typeof schema>> = true;
/** Props of {@link CephObjectStore.addBucketStorageClass}: those of {@link BucketStorageClassProps} but the store and the cluster, which the parent supplies. */
export interface BucketStorageClassOptions extends Omit<BucketStorageClassProps, 'store' | 'cluster'> {}

/**
 * A StorageClass for ObjectBucketClaims of a Rook object store. The provisioner is what the site's operator
 * registers (ROOK_OBC_PROVISIONER_NAME_PREFIX / ROOK_OBC_WATCH_OPERATOR_NAMESPACE), never a guess.
 */
export class BucketStorageClass extends StorageClassConstruct implements IBucketStorageClass {
  static { brandBucketStorageClass(this); }

  /** The bucket provisioner of the class (derived from the site's operator). */
  public readonly provisioner: string;
  public readonly cluster: ICephCluster;
  /** Name and namespace of the store. */
  public readonly storeName: string;
  public readonly storeNamespace: string;
  public readonly reclaimPolicy: 'Delete' | 'Retain';

  constructor(scope: Construct, id: string, props: BucketStorageClassProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, schema, props);
    const cluster = clusterOfStore(this.node.path, p.cluster, p.store);
    this.cluster = cluster;
    this.nameClass(p.name);
    this.storeName = typeof p.store === 'string' ? p.store : p.store.storeName;
    this.storeNamespace = cluster.namespace;
    this.reclaimPolicy = p.reclaimPolicy;
    this.provisioner = this.registeredProvisioner();
    this.createStorageClass({
      provisioner: this.provisioner,
      parameters: { objectStoreName: this.storeName, objectStoreNamespace: this.storeNamespace, region: p.region, bucketName: p.bucketName },
      isDefault: false,
      reclaimPolicy: p.reclaimPolicy,
      volumeBindingMode: 'Immediate',
    });
    // bucket classes have no volumes: no volumeBindingMode (Immediate is the API default anyway), no expansion
    this.resource.addJsonPatch(JsonPatch.remove('/volumeBindingMode'));
    this.node.addValidation({
      validate: () => {
        const out: string[] = [];
        const m = checkStoreRef(site, this.node.path, p.store, this.storeNamespace);
        if (m) out.push(m);
        const registered = this.registeredProvisioner();
        const operators = site.findAll(RookOperator);
        const op = operators.find((o) => o.namespace === cluster.operatorNamespace);
        const setting = op?.config.obcProvisionerNamePrefix ? `obcProvisionerNamePrefix "${op.config.obcProvisionerNamePrefix}"` : op?.config.obcWatchOperatorNamespace === false ? 'obcWatchOperatorNamespace false' : 'ROOK_OBC_WATCH_OPERATOR_NAMESPACE "true", the default';
        const why = `${op ? `the RookOperator ${op.node.path}` : `an operator in "${cluster.operatorNamespace}"`} (${setting}) registers "${registered}" for the cluster in "${cluster.namespace}"`;
        if (p.provisioner !== undefined && p.provisioner !== registered) {
          out.push(new ConfigError({
            path: `${this.node.path}: provisioner`,
            problem: `no bucket provisioner "${p.provisioner}" runs in site "${site.siteName}": ${why}; claims of this class would stay Pending forever (rook#10894)`,
            value: p.provisioner,
            allowed: `"${registered}"`,
            fix: 'remove provisioner (it is derived from the operator), or change the operator\'s obcProvisionerNamePrefix / obcWatchOperatorNamespace',
          }).message);
        } else if (registered !== this.provisioner) {
          out.push(new ConfigError({
            path: `${this.node.path}: provisioner`,
            problem: `the class was created before the site's operator settings were known: it names "${this.provisioner}", but ${why}`,
            value: this.provisioner,
            allowed: `"${registered}"`,
            fix: 'create the RookOperator before the bucket classes',
          }).message);
        }
        return out;
      },
    });
  }

  private registeredProvisioner(): string {
    const site = Site.of(this);
    const op = site.findAll(RookOperator).find((o) => o.namespace === this.cluster.operatorNamespace);
    return op ? op.obcProvisionerFor(this.cluster.namespace) : obcProvisionerName(site.versions, this.cluster.namespace);
  }

  /** Adds an ObjectBucketClaim of a bucket from this class. */
  public addBucketClaim(id: string, options: ObjectBucketClaimOptions = {}): ObjectBucketClaim {
    return new ObjectBucketClaim(this, id, { ...options, storageClass: this });
  }
}
