/**
 * What RBD classes and RADOS namespaces know of their parents (`BlockPool`, `RadosNamespace`), so they need not import
 * the parent classes, whose modules import theirs to create them (`addStorageClass`, `addRadosNamespace`).
 */
import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../foundation/brand';
import { ICephCluster } from './cluster-ref';

/** A CephBlockPool of the site, as its RADOS namespaces and RBD StorageClasses see it. */
export interface IBlockPool extends IConstruct {
  /** metadata.name of the CephBlockPool (= the Ceph pool, but for the built-in pools). */
  readonly poolName: string;
  /** Namespace of the CephBlockPool (its cluster's). */
  readonly namespace: string;
  /** The cluster of the pool. */
  readonly cluster: ICephCluster;
  /** RBD mirroring is enabled on the pool. */
  readonly mirrored: boolean;
  /** The pool is erasure-coded (not replicated). */
  readonly isErasureCoded: boolean;
}

/** True for a `BlockPool` (of any loaded copy of the package). */
export function isBlockPool(x: unknown): x is IBlockPool {
  return hasBrand(x, 'BlockPool');
}

/** Marks a class as the `BlockPool` of {@link isBlockPool}. */
export function brandBlockPool(ctor: abstract new (...args: any[]) => IBlockPool): void {
  brand(ctor, 'BlockPool');
}

/** A CephBlockPoolRadosNamespace of the site, as its RBD StorageClasses and snapshot classes see it. */
export interface IRadosNamespace extends IConstruct {
  /** metadata.name of the CephBlockPoolRadosNamespace. */
  readonly objectName: string;
  /** Name of the CephBlockPool (= Ceph pool) the namespace is in. */
  readonly blockPoolName: string;
  /** The BlockPool construct, when the pool was given as one. */
  readonly blockPool?: IBlockPool;
  /** The cluster of the namespace. */
  readonly cluster: ICephCluster;
  /** CSI clusterID (`spec.clusterID`); RBD classes of the namespace carry it. */
  readonly clusterID: string;
  /** How messages name the object, e.g. `CephBlockPoolRadosNamespace "tenant-a"`. */
  readonly description: string;
}

/** True for a `RadosNamespace` (of any loaded copy of the package). */
export function isRadosNamespace(x: unknown): x is IRadosNamespace {
  return hasBrand(x, 'RadosNamespace');
}

/** Marks a class as the `RadosNamespace` of {@link isRadosNamespace}. */
export function brandRadosNamespace(ctor: abstract new (...args: any[]) => IRadosNamespace): void {
  brand(ctor, 'RadosNamespace');
}
