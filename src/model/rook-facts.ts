/**
 * Typed access to the derived Rook facts (`rook-facts.generated.ts`, made by `src/tools/model-facts.ts` from the
 * pinned files named in each entry's `source`).
 */
import { ROOK_LINE_FACTS_DATA } from './rook-facts.generated';

/** One RBAC object of a CSI driver's plugins as csi-operator.yaml has it (namespace: the operator's). */
export interface CsiRbacFact {
  readonly kind: 'ServiceAccount' | 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  readonly rules?: readonly unknown[];
  readonly roleRef?: { readonly kind: string; readonly name: string };
  readonly subjects?: readonly { readonly kind: string; readonly name: string }[];
  readonly aggregationRule?: unknown;
}

export interface RookLineFacts {
  /** The upstream file the install facts come from. */
  readonly source: string;
  /** ServiceAccounts the operator install (common.yaml, or the chart rendering the same objects) creates in the operator namespace. */
  readonly installServiceAccounts: readonly string[];
  /** ClusterRoles the operator install creates. */
  readonly installClusterRoles: readonly string[];
  /** Roles the operator install creates in the operator namespace. */
  readonly installRoles: readonly string[];
  /** ServiceAccounts the operator's daemons of a local CephCluster run under, in the cluster's namespace (common-second-cluster.yaml). */
  readonly clusterServiceAccounts: readonly string[];
  /** ServiceAccounts an external CephCluster's namespace needs (common-external.yaml). */
  readonly externalClusterServiceAccounts: readonly string[];
  /** The ceph-csi-operator (Rook 1.18+). */
  readonly csiOperator?: {
    readonly source: string;
    /** CSI_SERVICE_ACCOUNT_PREFIX of the operator Deployment in csi-operator.yaml (vendored install). */
    readonly vendoredServiceAccountPrefix: string;
    /** The prefix the rook-ceph chart gives the subchart's operator (`ceph-csi-operator.controllerManager.manager.env.csiServiceAccountPrefix`). */
    readonly chartServiceAccountPrefix: string;
    /** The ceph-csi-operator subchart version the rook-ceph chart pins. */
    readonly chartSubchartVersion: string;
    /** Per driver type: the ServiceAccounts, Roles, ClusterRoles and bindings of its plugins. */
    readonly driverRbac: Readonly<Record<string, readonly CsiRbacFact[]>>;
  };
}

/** Rook lines the model has facts for. */
export const MODEL_ROOK_VERSIONS = Object.keys(ROOK_LINE_FACTS_DATA);

/** The facts of a pinned Rook line, or undefined when the model has none for it. */
export function rookLineFacts(version: string): RookLineFacts | undefined {
  return (ROOK_LINE_FACTS_DATA as unknown as Record<string, RookLineFacts>)[version];
}

/**
 * The ServiceAccount names the ceph-csi-operator gives a Driver's controller Deployment and node DaemonSet:
 * `spec.<plugin>.serviceAccountName` when set, else `<prefix><driver type>-ctrlplugin-sa` / `-nodeplugin-sa`, the
 * type being the part of the Driver name before `.csi.ceph.com` (ceph/ceph-csi-operator v1.0.4
 * internal/controller/driver_controller.go, fact only).
 */
export function csiDriverServiceAccounts(driverName: string, prefix: string, spec: any): { controller: string; node: string; type: string } | undefined {
  const m = /^(?:.+\.)?(rbd|cephfs|nfs|nvmeof)\.csi\.ceph\.com$/.exec(driverName);
  if (!m) return undefined;
  const type = m[1];
  return {
    type,
    controller: spec?.controllerPlugin?.serviceAccountName || `${prefix}${type}-ctrlplugin-sa`,
    node: spec?.nodePlugin?.serviceAccountName || `${prefix}${type}-nodeplugin-sa`,
  };
}
