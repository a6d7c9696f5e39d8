import { Construct } from 'constructs';
import { z } from 'zod';
import { TopoLVMSnapshotClass, TopoLVMSnapshotClassOptions } from './topolvm-snapshot-class';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { Site } from '../site/site';
import { StorageClassConstruct, storageClassShape } from '../site/storage-class';
import { requireFeature } from '../versions';
import { domainStrings } from './context';
import { brandTopoLVMStorageClass, ITopoLVM, isTopoLVM, ITopoLVMStorageClass } from './topolvm-ref';
import { StorageClassBaseProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { stringMap } from '../foundation/unique';

const schema = z.strictObject({
  ...storageClassShape,
  topolvm: z.custom<ITopoLVM>(isTopoLVM, { message: 'not a TopoLVM construct' }),
  deviceClass: z.string().min(1).optional(),
  fsType: z.enum(['xfs', 'ext4', 'btrfs']).default('xfs'),
  allowVolumeExpansion: z.boolean().optional(),
  volumeBindingMode: z.enum(['WaitForFirstConsumer', 'Immediate']).default('WaitForFirstConsumer'),
  parameters: stringMap.optional(),
});

/** Props of {@link TopoLVMStorageClass}. */
export interface TopoLVMStorageClassProps extends StorageClassBaseProps {
  /** The TopoLVM installation that provisions the volumes. */
  readonly topolvm: ITopoLVM;
  /** Device class of the volumes, one of the TopoLVM device classes. @default - the default device class */
  readonly deviceClass?: string;
  /** Filesystem of Filesystem-mode volumes. @default 'xfs' */
  readonly fsType?: 'xfs' | 'ext4' | 'btrfs';
  /** Let claims of this class grow. @default - true where the TopoLVM release can resize volumes */
  readonly allowVolumeExpansion?: boolean;
  /**
   * 'WaitForFirstConsumer' lets the scheduler choose the node before the volume is made; 'Immediate' makes
   * the volume first and so defeats capacity-aware placement. @default 'WaitForFirstConsumer'
   */
  readonly volumeBindingMode?: 'WaitForFirstConsumer' | 'Immediate';
  /** Extra StorageClass parameters, applied after the computed ones. @default {} */
  readonly parameters?: Record<string, string>;
}
const _topolvmStorageClassProps: PropsMatch<TopoLVMStorageClassProps, z.input<typeof schema>> = true;
/** Props of {@link TopoLVM.addStorageClass}: those of {@link TopoLVMStorageClassProps} but the TopoLVM installation, which is the parent. */
export interface TopoLVMStorageClassOptions extends Omit<TopoLVMStorageClassProps, 'topolvm'> {}

/** A StorageClass of a TopoLVM installation (one device class, one filesystem). */
export class TopoLVMStorageClass extends StorageClassConstruct implements ITopoLVMStorageClass {
  static { brandTopoLVMStorageClass(this); }

  public readonly provisioner: string;
  public readonly volumeBindingMode: 'WaitForFirstConsumer' | 'Immediate';
  /** TopoLVM can serve raw block PVCs (volumeMode: Block) from this class. */
  public readonly blockCapable: boolean;
  public readonly deviceClass: string;
  public readonly topolvm: ITopoLVM;

  constructor(scope: Construct, id: string, props: TopoLVMStorageClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    const site = Site.of(this);
    const t = p.topolvm;
    requireSameSite(this, 'topolvm', t, 'TopoLVM installation');
    this.topolvm = t;
    this.nameClass(p.name);
    this.provisioner = t.provisioner;
    this.volumeBindingMode = p.volumeBindingMode;
    this.blockCapable = t.supportsBlock;
    const known = t.deviceClasses.map((c) => c.name);
    if (p.deviceClass !== undefined) {
      requireFeature(site.versions, 'topolvmDeviceClasses', `${this.node.path}: deviceClass`, 'remove deviceClass: this release has one volume group and no device-class parameter');
      if (!known.includes(p.deviceClass)) {
        throw new ConfigError({
          path: `${this.node.path}: deviceClass`,
          problem: `device class "${p.deviceClass}" is not declared on ${t.node.path}; lvmd would reject every volume and PVCs would stay Pending`,
          value: p.deviceClass,
          allowed: known.map((k) => `"${k}"`).join(', '),
          fix: `name a declared class, or add { name: "${p.deviceClass}", volumeGroup: ... } to deviceClasses`,
        });
      }
    }
    this.deviceClass = p.deviceClass ?? t.defaultDeviceClass.name;
    if (p.allowVolumeExpansion === true) requireFeature(site.versions, 'topolvmResizer', `${this.node.path}: allowVolumeExpansion`, 'remove allowVolumeExpansion on this release');
    if (p.fsType === 'btrfs') requireFeature(site.versions, 'topolvmSnapshots', `${this.node.path}: fsType`, 'use xfs or ext4 on this release');
    const expand = p.allowVolumeExpansion ?? t.supportsExpansion;
    this.createStorageClass({
      ...p,
      provisioner: t.provisioner,
      parameters: {
        'csi.storage.k8s.io/fstype': p.fsType,
        ...(p.deviceClass !== undefined ? { [domainStrings(t.domain).deviceClassParameter]: p.deviceClass } : {}),
        ...p.parameters,
      },
      allowVolumeExpansion: expand ? true : undefined,
    });
  }

  /** Adds a VolumeSnapshotClass for the thin volumes of this class. */
  public addSnapshotClass(id: string, options: TopoLVMSnapshotClassOptions = {}): TopoLVMSnapshotClass {
    return new TopoLVMSnapshotClass(this, id, { ...options, storageClass: this });
  }
}
