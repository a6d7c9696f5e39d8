import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { Site } from '../site/site';
import { requireFeature } from '../versions';
import { ITopoLVMStorageClass, isTopoLVMStorageClass } from './topolvm-ref';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';
import { SnapshotClassConstruct, snapshotClassShape } from '../site/storage-class';
import { requireSameSite } from '../site/guards';
import { SnapshotClassBaseProps } from '../site/common-props';

const schema = z.strictObject({
  ...snapshotClassShape,
  storageClass: zBranded('TopoLVMStorageClass', isTopoLVMStorageClass),
});

/** Props of {@link TopoLVMSnapshotClass}. Needs the snapshot CRDs (external-snapshotter). */
export interface TopoLVMSnapshotClassProps extends SnapshotClassBaseProps {
  /** The TopoLVM StorageClass whose volumes are snapshotted; its device class must be thin (`thinPool`). */
  readonly storageClass: ITopoLVMStorageClass;
}
const _topolvmSnapshotClassProps: PropsMatch<TopoLVMSnapshotClassProps, z.input<typeof schema>> = true;
/** Props of {@link TopoLVMStorageClass.addSnapshotClass}: those of {@link TopoLVMSnapshotClassProps} but the StorageClass, which is the parent. */
export interface TopoLVMSnapshotClassOptions extends Omit<TopoLVMSnapshotClassProps, 'storageClass'> {}

/**
 * A VolumeSnapshotClass of a TopoLVM installation (TopoLVM 0.11+). TopoLVM snapshots only thin logical volumes:
 * lvmd answers a snapshot of a thick LV with "device class is not thin. Thick snapshots are not implemented yet", so
 * the class is accepted only for a StorageClass whose device class has a `thinPool`.
 */
export class TopoLVMSnapshotClass extends SnapshotClassConstruct {
  public readonly driver: string;

  constructor(scope: Construct, id: string, props: TopoLVMSnapshotClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'storageClass', p.storageClass, 'TopoLVMStorageClass');
    const site = Site.of(this);
    site.requireTopolvm(this.node.path);
    requireFeature(site.versions, 'topolvmSnapshots', this.node.path, 'pin TopoLVM 0.41.0 on the Site (thin device classes and the csi-snapshotter sidecar)');
    requireFeature(site.versions, 'volumeSnapshotV1', this.node.path, 'VolumeSnapshotClass snapshot.storage.k8s.io/v1 needs Kubernetes 1.20 or later');
    const sc = p.storageClass;
    const t = sc.topolvm;
    const dc = t.deviceClasses.find((c) => c.name === sc.deviceClass);
    if (!dc?.thinPool) {
      const thin = t.deviceClasses.filter((c) => c.thinPool).map((c) => `"${c.name}"`);
      throw new ConfigError({
        path: `${this.node.path}: storageClass`,
        problem: `device class "${sc.deviceClass}" of StorageClass "${sc.storageClassName}" is not thin; TopoLVM snapshots only thin volumes and every VolumeSnapshot would fail with "device class is not thin. Thick snapshots are not implemented yet"`,
        value: sc.deviceClass,
        allowed: thin.length ? `a StorageClass of a thin device class: ${thin.join(', ')}` : '(the TopoLVM installation has no thin device class)',
        fix: `add a device class with thinPool: { name: '<thin pool LV>', overprovisionRatio: 5 } and a TopoLVMStorageClass for it, and snapshot that class`,
      });
    }
    this.driver = t.provisioner;
    this.nameClass(p.name);
    this.createSnapshotClass({ isDefault: p.isDefault, deletionPolicy: p.deletionPolicy });
  }
}
