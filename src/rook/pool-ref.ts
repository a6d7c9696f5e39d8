/**
 * What RBD classes and RADOS namespaces know of their parents (`CephBlockPool`, `CephBlockPoolRadosNamespace`), so they need not import
 * the parent classes, whose modules import theirs to create them (`addStorageClass`, `addRadosNamespace`).
 */
import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../foundation/brand';
import { ICephCluster } from './cluster-ref';

/** A CephBlockPool of the site, as its RADOS namespaces and RBD StorageClasses see it. */
export interface ICephBlockPool extends IConstruct {
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

/** True for a `CephBlockPool` (of any loaded copy of the package). */
export function isCephBlockPool(x: unknown): x is ICephBlockPool {
  return hasBrand(x, 'CephBlockPool');
}

/** Marks a class as the `CephBlockPool` of {@link isCephBlockPool}. */
export function brandCephBlockPool(ctor: abstract new (...args: any[]) => ICephBlockPool): void {
  brand(ctor, 'CephBlockPool');
}

/** A CephBlockPoolRadosNamespace of the site, as its RBD StorageClasses and snapshot classes see it. */
export interface ICephBlockPoolRadosNamespace extends IConstruct {
  /** metadata.name of the CephBlockPoolRadosNamespace. */
  readonly objectName: string;
  /** Name of the CephBlockPool (= Ceph pool) the namespace is in. */
  readonly blockPoolName: string;
  /** The CephBlockPool construct, when the pool was given as one. */
  readonly blockPool?: ICephBlockPool;
  /** The cluster of the namespace. */
  readonly cluster: ICephCluster;
  /** CSI clusterID (`spec.clusterID`); RBD classes of the namespace carry it. */
  readonly clusterID: string;
  /** How messages name the object, e.g. `CephBlockPoolRadosNamespace "tenant-a"`. */
  readonly description: string;
}

/** True for a `CephBlockPoolRadosNamespace` (of any loaded copy of the package). */
export function isCephBlockPoolRadosNamespace(x: unknown): x is ICephBlockPoolRadosNamespace {
  return hasBrand(x, 'CephBlockPoolRadosNamespace');
}

/** Marks a class as the `CephBlockPoolRadosNamespace` of {@link isCephBlockPoolRadosNamespace}. */
export function brandCephBlockPoolRadosNamespace(ctor: abstract new (...args: any[]) => ICephBlockPoolRadosNamespace): void {
  brand(ctor, 'CephBlockPoolRadosNamespace');
}
