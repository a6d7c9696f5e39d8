/**
 * What CephFS classes and subvolume groups know of their parents (`CephFilesystem`, `CephFilesystemSubVolumeGroup`), so they need not
 * import the parent classes, whose modules import theirs to create them (`addStorageClass`, `addSubVolumeGroup`, …).
 */
import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../foundation/brand';
import { ICephCluster } from './cluster-ref';

/** A CephFilesystem of the site, as its subvolume groups and CephFS classes see it. */
export interface ICephFilesystem extends IConstruct {
  /** metadata.name of the CephFilesystem (= the filesystem name). */
  readonly filesystemName: string;
  /** Namespace of the CephFilesystem (its cluster's). */
  readonly namespace: string;
  /** The cluster of the filesystem. */
  readonly cluster: ICephCluster;
  /** Names of the data pools (without the filesystem prefix); an unnamed pool i is `data<i>`. */
  readonly dataPoolNames: readonly string[];
  /** Ceph pool name of a data pool, given by its name in {@link dataPoolNames}. */
  cephPoolName(dataPool: string): string;
}

/** True for a `CephFilesystem` (of any loaded copy of the package). */
export function isCephFilesystem(x: unknown): x is ICephFilesystem {
  return hasBrand(x, 'CephFilesystem');
}

/** Marks a class as the `CephFilesystem` of {@link isCephFilesystem}. */
export function brandCephFilesystem(ctor: abstract new (...args: any[]) => ICephFilesystem): void {
  brand(ctor, 'CephFilesystem');
}

/** A CephFilesystemSubVolumeGroup of the site, as its CephFS StorageClasses and snapshot classes see it. */
export interface ICephFilesystemSubVolumeGroup extends IConstruct {
  /** metadata.name of the CephFilesystemSubVolumeGroup. */
  readonly objectName: string;
  /** Name of the filesystem the group is in. */
  readonly filesystemName: string;
  /** The CephFilesystem construct, when the filesystem was given as one. */
  readonly filesystem?: ICephFilesystem;
  /** The cluster of the group. */
  readonly cluster: ICephCluster;
  /** CSI clusterID (`spec.clusterID`); StorageClasses of the group carry it. */
  readonly clusterID: string;
  /** Short name of the group's data pool as given, when one is set. */
  readonly dataPool?: string;
  /** Ceph name of the group's data pool, when one is set. */
  readonly dataPoolName?: string;
  /** How messages name the object, e.g. `CephFilesystemSubVolumeGroup "tenant-a"`. */
  readonly description: string;
}

/** True for a `CephFilesystemSubVolumeGroup` (of any loaded copy of the package). */
export function isCephFilesystemSubVolumeGroup(x: unknown): x is ICephFilesystemSubVolumeGroup {
  return hasBrand(x, 'CephFilesystemSubVolumeGroup');
}

/** Marks a class as the `CephFilesystemSubVolumeGroup` of {@link isCephFilesystemSubVolumeGroup}. */
export function brandCephFilesystemSubVolumeGroup(ctor: abstract new (...args: any[]) => ICephFilesystemSubVolumeGroup): void {
  brand(ctor, 'CephFilesystemSubVolumeGroup');
}
