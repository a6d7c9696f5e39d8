/**
 * The CSI `clusterID` of a tenant (a CephFilesystemSubVolumeGroup or a CephBlockPoolRadosNamespace).
 *
 * On Rook 1.20 both CRs take `spec.clusterID`; the operator writes a ceph-csi-operator ClientProfile of that name
 * (in the operator namespace) that points the CSI driver at the subvolume group / RADOS namespace, and StorageClasses
 * name it in `parameters.clusterID`. When `spec.clusterID` is unset the operator derives one itself (a hash it reports
 * in the CR status only); we fix it at synth instead, with the same formula by default, so the classes can carry it.
 */
import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { z } from 'zod';
import { ConfigError } from '../foundation/errors';
import { ICephCluster, isCephCluster } from './cluster-ref';

/** `spec.clusterID` as the Rook 1.20 CRDs accept it. */
export const tenantClusterIdSchema = z.string()
  .min(1)
  .max(36, { message: 'clusterID is longer than 36 characters (the CRD limit)' })
  .regex(/^[a-zA-Z0-9_-]+$/, { message: 'not a clusterID (letters, digits, "_" and "-", at most 36 characters)' });

/**
 * The clusterID the Rook operator derives when `spec.clusterID` is unset: the first 16 bytes of the sha256 of
 * `<namespace>-<filesystem>-file-<group>` (subvolume groups) or `<namespace>-<pool>-block-<radosNamespace>`
 * (RADOS namespaces), hex-encoded (Rook v1.20 `buildClusterID`, `k8sutil.Hash`). Writing it out keeps the value an
 * existing CR already has, so adopting one changes nothing.
 */
export function rookDerivedClusterId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/** What the clusterID checks need to know of a tenant. */
export interface ITenantClusterId extends IConstruct {
  /** `spec.clusterID`, also the name of the ClientProfile the operator writes */
  readonly clusterID: string;
  /** the cluster the tenant belongs to */
  readonly cluster: ICephCluster;
  /** for messages, e.g. 'CephFilesystemSubVolumeGroup "group-a"' */
  readonly description: string;
}

const TENANT = Symbol.for('gitops-storage.tenant-cluster-id');

/** Marks a construct as a tenant (so the site-wide uniqueness check finds it). */
export function markTenant(t: ITenantClusterId): void {
  (t as any)[TENANT] = true;
}

function isTenant(x: unknown): x is ITenantClusterId {
  return typeof x === 'object' && x !== null && (x as any)[TENANT] === true;
}

/**
 * A tenant's clusterID must be unique among the tenants of the site and must not be a CephCluster namespace of the
 * site: the operator keys the cluster's own (default) ClientProfile by that namespace, and two tenants with one
 * clusterID overwrite each other's ClientProfile, so volumes would land in the other tenant's group or namespace.
 */
export function tenantClusterIdProblems(self: ITenantClusterId, site: IConstruct): string[] {
  const all = site.node.findAll();
  const clusters = all.filter((c) => isCephCluster(c)) as unknown as ICephCluster[];
  const clash = clusters.find((c) => c.namespace === self.clusterID);
  const path = `${self.node.path}: clusterID`;
  if (clash) {
    return [new ConfigError({
      path,
      problem: `clusterID "${self.clusterID}" is the namespace of CephCluster "${clash.clusterName}"; the operator keys that cluster's default ClientProfile by it, so the ${self.description} would overwrite it and every class of the cluster would land in this tenant`,
      value: self.clusterID,
      allowed: 'a clusterID that is no CephCluster namespace of the site',
      fix: 'remove clusterID (a stable one is derived) or choose another',
    }).message];
  }
  const twin = all.filter(isTenant).find((t) => t !== self && t.clusterID === self.clusterID && t.cluster.operatorNamespace === self.cluster.operatorNamespace);
  if (twin && all.indexOf(twin) < all.indexOf(self)) {
    return [new ConfigError({
      path,
      problem: `clusterID "${self.clusterID}" is also the clusterID of ${twin.description} (${twin.node.path}); the operator would write one ClientProfile for both and one tenant's volumes would land in the other's`,
      value: self.clusterID,
      allowed: 'a clusterID unique among the subvolume groups and RADOS namespaces of the operator',
      fix: 'remove clusterID from one of them (a stable one is derived) or choose another',
    }).message];
  }
  return [];
}
