import { ApiObject } from 'cdk8s';
import { CephObjectStoreUserSpecCapabilities, CephObjectStoreUserSpecQuotasMaxSize } from '../../imports/ceph.rook.io';
import { CephObjectStoreUser as CephObjectStoreUserL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName, quantity } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature, requireFieldFeature } from '../versions';
import { CephObjectStoreAccount } from './ceph-object-store-account';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { checkRefInSite, checkStoreRef, clusterOfStore, ICephObjectStore, isCephObjectStore } from './object-refs';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';
import { RookResource } from './rook-resource';

/** RGW admin capability kinds a user can be given (the v1.20.6 CRD's). */
export const OBJECT_USER_CAPABILITIES = ['user', 'users', 'bucket', 'buckets', 'metadata', 'usage', 'zone', 'roles', 'info', 'amz-cache', 'bilog', 'mdlog', 'datalog', 'user-policy', 'oidc-provider', 'ratelimit'] as const;
const capabilityLevel = z.enum(['*', 'read', 'write', 'read, write']);

const schema = z.strictObject({
  store: z.union([zBranded('CephObjectStore', isCephObjectStore), dnsLabel]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  name: dnsLabel.optional(),
  displayName: z.string().min(1).optional(),
  capabilities: z.partialRecord(z.enum(OBJECT_USER_CAPABILITIES), capabilityLevel).optional(),
  accountRef: z.union([z.lazy(() => z.instanceof(CephObjectStoreAccount)), dnsName]).optional(),
  quotas: z.strictObject({
    maxBuckets: z.number().int().min(0).optional(),
    maxObjects: z.number().int().min(0).optional(),
    maxSize: quantity.optional(),
  }).optional(),
});

/** An RGW admin capability kind. */
export type ObjectUserCapability = (typeof OBJECT_USER_CAPABILITIES)[number];
/** Level of an RGW admin capability. */
export type ObjectUserCapabilityLevel = '*' | 'read' | 'write' | 'read, write';

/** Quotas of an object store user. */
export interface CephObjectStoreUserQuotasProps {
  /** Most buckets the user may own. @default - no limit */
  readonly maxBuckets?: number;
  /** Most objects over all the user's buckets. @default - no limit */
  readonly maxObjects?: number;
  /** Most data over all the user's buckets, a quantity such as "10Gi". @default - no limit */
  readonly maxSize?: string;
}

/** Props of {@link CephObjectStoreUser}. Keys are never props: the operator generates them into {@link CephObjectStoreUser.secretName}. */
export interface CephObjectStoreUserProps {
  /** The store: an CephObjectStore of the site, or the name of one (then `cluster` is required). */
  readonly store: ICephObjectStore | string;
  /** The cluster of the store; the user goes into its namespace. @default - the store's cluster */
  readonly cluster?: ICephCluster;
  /** User name, also the CephObjectStoreUser name. @default - the construct id */
  readonly name?: string;
  /** Display name of the RGW user. @default - the user name (Rook's) */
  readonly displayName?: string;
  /** RGW admin capabilities, e.g. `{ bucket: 'read' }` (Rook 1.7+). @default - none */
  readonly capabilities?: Partial<Record<ObjectUserCapability, ObjectUserCapabilityLevel>>;
  /** Quotas of the user (Rook 1.7+). @default - none */
  readonly quotas?: CephObjectStoreUserQuotasProps;
  /** The RGW account the user belongs to: an CephObjectStoreAccount of the same store, or its name. Immutable (Rook v1.20). @default - no account */
  readonly accountRef?: CephObjectStoreAccount | string;
}
const _objectStoreUserProps: PropsMatch<CephObjectStoreUserProps, z.input<typeof schema>> = true;
/** Props of {@link CephObjectStore.addUser}: those of {@link CephObjectStoreUserProps} but the store and the cluster, which the parent supplies. */
export interface CephObjectStoreUserOptions extends Omit<CephObjectStoreUserProps, 'store' | 'cluster'> {}

/** A CephObjectStoreUser; its S3 keys are in the Secret {@link CephObjectStoreUser.secretName}, written by the operator. */
export class CephObjectStoreUser extends RookResource<InstanceType<typeof CephObjectStoreUserL1>> {
  /** metadata.name of the CephObjectStoreUser (= the user name). */
  public readonly objectName: string;
  public declare readonly namespace: string;
  /** Name of the store. */
  public readonly storeName: string;
  /**
   * The Secret (in {@link namespace}) the operator writes the user's AccessKey / SecretKey / Endpoint into:
   * `rook-ceph-object-user-<store>-<user>`. Reference it; never copy the keys into the repo.
   */
  public readonly secretName: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephObjectStoreUserProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, schema, props);
    const cluster = clusterOfStore(this.node.path, p.cluster, p.store);
    if (p.capabilities !== undefined) requireFeature(site.versions, 'objectUserCapabilitiesQuotas', `${this.node.path}: capabilities`);
    if (p.quotas !== undefined) requireFeature(site.versions, 'objectUserCapabilitiesQuotas', `${this.node.path}: quotas`);
    requireFieldFeature(site.versions, 'objectStoreAccounts', this.node.path, 'accountRef', p.accountRef);
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephObjectStoreUser');
    const namespace = cluster.namespace;
    this.storeName = typeof p.store === 'string' ? p.store : p.store.storeName;
    this.secretName = `rook-ceph-object-user-${this.storeName}-${this.objectName}`;
    this.createResource(CephObjectStoreUserL1, { name: this.objectName, namespace }, {
      spec: {
        store: this.storeName, displayName: p.displayName,
        // the binding names amz-cache, oidc-provider, user-policy in camelCase (its toJson writes the CRD keys); the levels are its enums
        capabilities: p.capabilities && Object.fromEntries(Object.entries(p.capabilities).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v])) as CephObjectStoreUserSpecCapabilities,
        quotas: p.quotas && { ...p.quotas, maxSize: p.quotas.maxSize === undefined ? undefined : CephObjectStoreUserSpecQuotasMaxSize.fromString(p.quotas.maxSize) },
        accountRef: p.accountRef === undefined ? undefined : { name: typeof p.accountRef === 'string' ? p.accountRef : p.accountRef.objectName },
      },
    }, 'pools', { dataBearing: true });
    this.node.addValidation({
      validate: () => {
        const m = checkStoreRef(site, this.node.path, p.store, this.namespace);
        const out = m ? [m] : [];
        if (p.accountRef !== undefined) {
          const a = checkRefInSite({
            site, path: this.node.path, field: 'accountRef', kind: 'CephObjectStoreAccount', ref: p.accountRef, namespace: this.namespace,
            all: site.findAll(CephObjectStoreAccount), fix: 'declare the account in this site with new CephObjectStoreAccount(site, id, { store }) and pass it as accountRef',
          });
          if (a) out.push(a);
          const account = typeof p.accountRef === 'string' ? site.findAll(CephObjectStoreAccount).find((x) => x.namespace === this.namespace && x.objectName === p.accountRef) : p.accountRef;
          if (!a && account && account.storeName !== this.storeName) {
            out.push(new ConfigError({
              path: `${this.node.path}: accountRef`,
              problem: `account "${account.objectName}" lives in store "${account.storeName}", the user in store "${this.storeName}"; RGW accounts do not span stores, so the user could never join it`,
              value: account.objectName,
              allowed: site.findAll(CephObjectStoreAccount).filter((x) => x.namespace === this.namespace && x.storeName === this.storeName).map((x) => `"${x.objectName}"`).join(', ') || `(no account of store "${this.storeName}")`,
              fix: `use an account of store "${this.storeName}", or put the user in store "${account.storeName}"`,
            }).message);
          }
        }
        return out;
      },
    });
  }
}
