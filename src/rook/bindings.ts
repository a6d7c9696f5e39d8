/**
 * The L1 classes the Rook constructs build their objects with: the generated bindings of imports/ (ceph.rook.io,
 * csi.ceph.io, objectbucket.io), whose JSON patches apply to the manifest they write. cdk8s applies an L1's
 * `addJsonPatch` to its props, before the binding's toJson maps them to the CRD's names and drops the names it does
 * not know; on these objects a patch (the escape hatch) works on the manifest, in the CRD's names, as it did on the raw
 * ApiObjects: `/spec/storage/onlyApplyOSDPlacement` is patched as written, and a typo reaches the validator instead of
 * vanishing.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import * as ceph from '../../imports/ceph.rook.io';
import * as csi from '../../imports/csi.ceph.io';
import * as obc from '../../imports/objectbucket.io';

const PATCHES = new WeakMap<ApiObject, JsonPatch[]>();

/** `Base` with its JSON patches applied to the manifest it writes. */
function patchesOnManifest<C extends new (...args: any[]) => ApiObject>(Base: C): C {
  return class extends Base {
    public addJsonPatch(...ops: JsonPatch[]): void {
      PATCHES.set(this, [...(PATCHES.get(this) ?? []), ...ops]);
    }

    public toJson(): any {
      const ops = PATCHES.get(this);
      return ops?.length ? JsonPatch.apply(super.toJson(), ...ops) : super.toJson();
    }
  };
}

export const CephBlockPool = patchesOnManifest(ceph.CephBlockPool);
export const CephBlockPoolRadosNamespace = patchesOnManifest(ceph.CephBlockPoolRadosNamespace);
export const CephBucketNotification = patchesOnManifest(ceph.CephBucketNotification);
export const CephBucketTopic = patchesOnManifest(ceph.CephBucketTopic);
export const CephClient = patchesOnManifest(ceph.CephClient);
export const CephCluster = patchesOnManifest(ceph.CephCluster);
export const CephCosiDriver = patchesOnManifest(ceph.CephCosiDriver);
export const CephFilesystem = patchesOnManifest(ceph.CephFilesystem);
export const CephFilesystemMirror = patchesOnManifest(ceph.CephFilesystemMirror);
export const CephFilesystemSubVolumeGroup = patchesOnManifest(ceph.CephFilesystemSubVolumeGroup);
export const CephNfs = patchesOnManifest(ceph.CephNfs);
export const CephNvMeOfGateway = patchesOnManifest(ceph.CephNvMeOfGateway);
export const CephObjectRealm = patchesOnManifest(ceph.CephObjectRealm);
export const CephObjectStore = patchesOnManifest(ceph.CephObjectStore);
export const CephObjectStoreAccount = patchesOnManifest(ceph.CephObjectStoreAccount);
export const CephObjectStoreUser = patchesOnManifest(ceph.CephObjectStoreUser);
export const CephObjectZone = patchesOnManifest(ceph.CephObjectZone);
export const CephObjectZoneGroup = patchesOnManifest(ceph.CephObjectZoneGroup);
export const CephRbdMirror = patchesOnManifest(ceph.CephRbdMirror);
export const Driver = patchesOnManifest(csi.Driver);
export const OperatorConfig = patchesOnManifest(csi.OperatorConfig);
export const ObjectBucketClaim = patchesOnManifest(obc.ObjectBucketClaim);
