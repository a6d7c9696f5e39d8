/**
 * Shared lookups of the object-storage constructs: "the X named N in namespace NS of this site", so a reference
 * given by name or by a construct of another site fails at synth with the names the site does have.
 */
import { IConstruct } from 'constructs';
import { ConfigError } from '../foundation/errors';
import { Site } from '../site/site';
import { brand, hasBrand } from '../foundation/brand';
import { ICephCluster } from './cluster-ref';

/** What every object-storage construct exposes: its metadata.name and namespace. */
export interface NamedInNamespace extends IConstruct {
  /** metadata.name of the custom resource. */
  readonly objectName: string;
  /** Namespace of the custom resource. */
  readonly namespace: string;
}

/**
 * Checks that `ref` (a construct or a name) is a `kind` of `site` in `namespace`; returns a ConfigError message or
 * undefined. `all` are the site's constructs of that kind.
 */
export function checkRefInSite(o: {
  site: Site; path: string; field: string; kind: string; ref: NamedInNamespace | string; namespace: string;
  all: readonly NamedInNamespace[]; fix: string;
}): string | undefined {
  const name = typeof o.ref === 'string' ? o.ref : o.ref.objectName;
  const candidates = o.all.filter((x) => x.namespace === o.namespace);
  const found = typeof o.ref === 'string' ? candidates.find((x) => x.objectName === name) : o.all.find((x) => x === o.ref);
  if (found && found.namespace === o.namespace) return undefined;
  const where = typeof o.ref !== 'string' && Site.of(o.ref) !== o.site
    ? `belongs to site "${Site.of(o.ref).siteName}", not to site "${o.site.siteName}"`
    : found ? `is in namespace "${found.namespace}", not in "${o.namespace}"` : `is not declared in namespace "${o.namespace}" of site "${o.site.siteName}"`;
  return new ConfigError({
    path: `${o.path}: ${o.field}`,
    problem: `${o.kind} "${name}" ${where}; Rook would leave the object waiting for it forever`,
    value: name,
    allowed: candidates.map((x) => `"${x.objectName}"`).join(', ') || `(site "${o.site.siteName}" declares no ${o.kind} in namespace "${o.namespace}")`,
    fix: o.fix,
  }).message;
}

/** A CephObjectStore of the site, as the constructs with a `store` prop see it. */
export interface ICephObjectStore extends IConstruct {
  /** metadata.name of the CephObjectStore (= the store name). */
  readonly objectName: string;
  /** Namespace of the CephObjectStore (its cluster's). */
  readonly namespace: string;
  /** The store name (= objectName). */
  readonly storeName: string;
  /** The cluster of the store. */
  readonly cluster: ICephCluster;
}

/** True for an `CephObjectStore` (of any loaded copy of the package). */
export function isCephObjectStore(x: unknown): x is ICephObjectStore {
  return hasBrand(x, 'CephObjectStore');
}

/** Marks a class as the `CephObjectStore` of {@link isCephObjectStore}. */
export function brandCephObjectStore(ctor: abstract new (...args: any[]) => ICephObjectStore): void {
  brand(ctor, 'CephObjectStore');
}

/**
 * The cluster of a store reference: the store construct's, or `cluster` when the store is given by name (a name alone
 * does not say which cluster it is in).
 */
export function clusterOfStore(path: string, cluster: ICephCluster | undefined, store: ICephObjectStore | string): ICephCluster {
  const c = cluster ?? (isCephObjectStore(store) ? store.cluster : undefined);
  if (!c) {
    throw new ConfigError({ path: `${path}: cluster`, problem: 'the cluster is unknown: the store is given by name', value: store, fix: 'pass cluster: <RookCluster>, or pass the CephObjectStore construct as store' });
  }
  return c;
}

/**
 * The check every construct with a `store` prop runs at synth: the store (by construct or by name) is a
 * CephObjectStore of this site in `namespace`. Returns the ConfigError message, or undefined.
 */
export function checkStoreRef(site: Site, path: string, store: ICephObjectStore | string, namespace: string): string | undefined {
  return checkRefInSite({
    site, path, field: 'store', kind: 'CephObjectStore', ref: store, namespace,
    all: site.node.findAll().filter(isCephObjectStore), fix: 'declare the store in this site with cluster.addObjectStore(name, options) and pass it as store',
  });
}

/** A bucket StorageClass of the site, as its ObjectBucketClaims see it. */
export interface IBucketStorageClass extends IConstruct {
  /** Name of the StorageClass. */
  readonly storageClassName: string;
}

/** True for a `BucketStorageClass` (of any loaded copy of the package). */
export function isBucketStorageClass(x: unknown): x is IBucketStorageClass {
  return hasBrand(x, 'BucketStorageClass');
}

/** Marks a class as the `BucketStorageClass` of {@link isBucketStorageClass}. */
export function brandBucketStorageClass(ctor: abstract new (...args: any[]) => IBucketStorageClass): void {
  brand(ctor, 'BucketStorageClass');
}
