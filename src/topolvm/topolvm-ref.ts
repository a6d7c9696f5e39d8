/**
 * What TopoLVM StorageClasses and snapshot classes know of their parents (`TopoLVM`, `TopoLVMStorageClass`), so they
 * need not import the parent classes, whose modules import theirs to create them (`addStorageClass`, `addSnapshotClass`).
 */
import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../foundation/brand';
import { TopoLVMDomain } from './context';
import { DeviceClassConfig } from './device-class';

/** A TopoLVM installation, as its StorageClasses see it. */
export interface ITopoLVM extends IConstruct {
  /** API domain of the installation (its CRD group and the provisioner). */
  readonly domain: TopoLVMDomain;
  /** CSI driver / StorageClass provisioner name. */
  readonly provisioner: string;
  /** The device classes of the installation. */
  readonly deviceClasses: readonly DeviceClassConfig[];
  /** The device class of volumes that name none. */
  readonly defaultDeviceClass: DeviceClassConfig;
  /** Whether the pinned release supports raw block volumes (volumeMode: Block). */
  readonly supportsBlock: boolean;
  /** Whether the pinned release can expand volumes. */
  readonly supportsExpansion: boolean;
}

/** True for a `TopoLVM` (of any loaded copy of the package). */
export function isTopoLVM(x: unknown): x is ITopoLVM {
  return hasBrand(x, 'TopoLVM');
}

/** Marks a class as the `TopoLVM` of {@link isTopoLVM}. */
export function brandTopoLVM(ctor: abstract new (...args: any[]) => ITopoLVM): void {
  brand(ctor, 'TopoLVM');
}

/** A TopoLVM StorageClass, as its snapshot classes see it. */
export interface ITopoLVMStorageClass extends IConstruct {
  /** Name of the StorageClass. */
  readonly storageClassName: string;
  /** Device class of the volumes. */
  readonly deviceClass: string;
  /** The TopoLVM installation that provisions the volumes. */
  readonly topolvm: ITopoLVM;
}

/** True for a `TopoLVMStorageClass` (of any loaded copy of the package). */
export function isTopoLVMStorageClass(x: unknown): x is ITopoLVMStorageClass {
  return hasBrand(x, 'TopoLVMStorageClass');
}

/** Marks a class as the `TopoLVMStorageClass` of {@link isTopoLVMStorageClass}. */
export function brandTopoLVMStorageClass(ctor: abstract new (...args: any[]) => ITopoLVMStorageClass): void {
  brand(ctor, 'TopoLVMStorageClass');
}
