import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../foundation/brand';

/** What pools, filesystems and StorageClasses need to know of a CephCluster (local or external). */
export interface ICephCluster extends IConstruct {
  /** metadata.name of the CephCluster */
  readonly clusterName: string;
  /** namespace of the CephCluster; also the CSI `clusterID` */
  readonly namespace: string;
  /** namespace of the Rook operator that manages it; prefixes the CSI driver names */
  readonly operatorNamespace: string;
  /** true for an ExternalCluster */
  readonly external: boolean;
  /** Ceph pools the cluster is known to have when they are not CephBlockPool constructs (external clusters). */
  readonly knownPools?: readonly string[];
}

export function isCephCluster(x: unknown): x is ICephCluster {
  return typeof x === 'object' && x !== null && typeof (x as any).clusterName === 'string' && typeof (x as any).operatorNamespace === 'string';
}

/** The non-secret description of an external cluster's filesystem. */
export interface ExternalFilesystem {
  /** Filesystem name. */
  readonly name: string;
  /** Data pools; the first is the default. */
  readonly dataPools: readonly string[];
  /** Metadata pool, when known. */
  readonly metadataPool?: string;
}

/** An `ExternalCluster`, as the StorageClasses of its filesystems see it. */
export interface IExternalCluster extends ICephCluster {
  /** CephFS filesystems of the external cluster with their pools. */
  readonly filesystems: readonly ExternalFilesystem[];
}

/** True for an `ExternalCluster` (of any loaded copy of the package). */
export function isExternalCluster(x: unknown): x is IExternalCluster {
  return hasBrand(x, 'ExternalCluster');
}

/** Marks a class as the `ExternalCluster` of {@link isExternalCluster}. */
export function brandExternalCluster(ctor: abstract new (...args: any[]) => IExternalCluster): void {
  brand(ctor, 'ExternalCluster');
}
