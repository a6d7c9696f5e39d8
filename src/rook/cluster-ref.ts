import { IConstruct } from 'constructs';

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
  /** Ceph pools the cluster is known to have when they are not BlockPool constructs (external clusters). */
  readonly knownPools?: readonly string[];
}

export function isCephCluster(x: unknown): x is ICephCluster {
  return typeof x === 'object' && x !== null && typeof (x as any).clusterName === 'string' && typeof (x as any).operatorNamespace === 'string';
}
