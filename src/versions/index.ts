/**
 * The one table of supported versions and of what each version gates.
 *
 * Every construct that depends on a version asks this module (`requireFeature`,
 * `rookProfile`, `topolvmProfile`) instead of comparing version strings itself,
 * so a feature asked for on a version that lacks it always fails with the same
 * kind of message: the feature, the pinned version, and the versions that have it.
 */
import * as semver from 'semver';
import { ConfigError } from '../foundation/errors';
import { ROOK_LINES_GENERATED } from './rook-lines.generated';
import type { GeneratedRookLine } from './rook-line-types';
import { TOPOLVM_DEVICE_CLASS_OPTIONS } from './topolvm-lines-facts';
import { TOPOLVM_LINES, TopoLVMLine, TopoLVMLineVersion, topolvmLineNames, topolvmLinesRange } from './topolvm-lines';

/** Kubernetes versions a site may target (inclusive). */
export const KUBERNETES_RANGE = { min: '1.16.0', max: '1.36.99' } as const;

/**
 * The pinned patch of every Rook minor line v1.0–v1.20 (`rook-lines/v1.X.Z/` of the mirror). A site may name any
 * release `1.X.Y` / `v1.X.Y` of these lines ({@link resolveRookVersion}); its facts come from the line's pinned patch.
 * test/rook-lines.test.ts checks this list against the generated table.
 */
export type RookVersion =
  | '1.0.6' | '1.1.9' | '1.2.7' | '1.3.11' | '1.4.9' | '1.5.12' | '1.6.11' | '1.7.11' | '1.8.10' | '1.9.13' | '1.10.13'
  | '1.11.11' | '1.12.11' | '1.13.10' | '1.14.12' | '1.15.9' | '1.16.9' | '1.17.9' | '1.18.11' | '1.19.10' | '1.20.6';
/** A Rook release as a site names it: `1.X.Y` or `v1.X.Y` of a line v1.0–v1.20 (resolved by {@link resolveRookVersion}). */
export type RookRelease = RookVersion | `${number}.${number}.${number}` | `v${number}.${number}.${number}`;
/**
 * The pinned patch of a TopoLVM line v0.2–v0.41 (src/versions/topolvm-lines.ts). A site's `topolvmVersion` may name
 * any patch of a line; it resolves to this (`resolveTopolvmVersion`).
 */
export type TopoLVMVersion = TopoLVMLineVersion;

/** How CSI is configured for a Rook line. */
export type CsiConfigStyle =
  /** ceph-csi-operator CRs (ImageSet ConfigMap, OperatorConfig, Driver). Rook 1.18+ (only way in 1.20). */
  | 'csi-operator'
  /** keys of the `rook-ceph-operator-config` ConfigMap. Rook 1.3 .. 1.17 (the generated table: ROOK_CSI_ENABLE_RBD is a ConfigMap key). */
  | 'operator-configmap'
  /** environment variables of the operator Deployment. Rook 1.1 .. 1.2. */
  | 'operator-env'
  /** no CSI driver: Rook 1.0 (its CSI manifests are a separate experimental example); FlexVolume only. */
  | 'none';

export interface RookProfile {
  readonly version: RookVersion;
  /** `1.N` */
  readonly minor: string;
  /** Kubernetes versions this Rook line supports (semver range; the hand-kept `ROOK_MINOR_LINES`). */
  readonly kubernetes: string;
  /** Pinned CRD source name understood by the validator. */
  readonly crdSource: string;
  /** apiextensions API of its CRDs. */
  readonly crdApiVersion: 'apiextensions.k8s.io/v1' | 'apiextensions.k8s.io/v1beta1';
  /** Default Ceph image of the release's example cluster. */
  readonly defaultCephImage: string;
  /** Operator image of the release. */
  readonly operatorImage: string;
  readonly csiConfig: CsiConfigStyle;
  /** Upstream example files of this release that the vendored operator mode expects. */
  readonly vendoredFiles: readonly string[];
  /** Highest CephCluster `mgr.count` the release's CRD allows (no mgr.count in the CRD: one mgr). */
  readonly maxMgrCount: number;
  /** Whether the line has a published `rook-ceph` chart (values in the mirror); without one the operator is vendored only. */
  readonly hasChart: boolean;
  /** Whether the line has the FlexVolume driver (Rook <= 1.7). */
  readonly flexVolume: boolean;
  /** Every generated fact of the line (CRD kinds, operator keys, chart values, CSI images). */
  readonly facts: GeneratedRookLine;
}

const ROOK_LINE_VERSIONS = ROOK_LINES_GENERATED.map((l) => l.version as RookVersion);

function lineMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

function buildRookProfiles(): Record<RookVersion, RookProfile> {
  const out = {} as Record<RookVersion, RookProfile>;
  for (const g of ROOK_LINES_GENERATED) {
    const version = g.version as RookVersion;
    const hand = ROOK_MINOR_LINES.find((l) => l.minor === lineMinor(version));
    if (!hand) throw new Error(`versions/index.ts: no ROOK_MINOR_LINES row for the generated Rook line ${version}`);
    out[version] = {
      version,
      minor: hand.minor,
      kubernetes: hand.kubernetes,
      crdSource: `rook@v${version}`,
      crdApiVersion: g.crdApiVersion as RookProfile['crdApiVersion'],
      defaultCephImage: g.defaultCephImage,
      operatorImage: g.operatorImage,
      csiConfig: g.csiConfig,
      vendoredFiles: g.vendoredFiles,
      maxMgrCount: g.maxMgrCount,
      hasChart: g.charts.includes('rook-ceph'),
      flexVolume: g.flexVolume,
      facts: g,
    };
  }
  return out;
}

/**
 * A semver range covering exactly the pinned Rook lines that satisfy `has` (runs of neighbouring lines joined:
 * `>=1.3.0 <1.18.0`), so a gate derived from the generated table reads like a hand-written one.
 */
export function rookLinesRange(has: (line: GeneratedRookLine) => boolean): string {
  const parts: string[] = [];
  let start: number | undefined;
  const minors = ROOK_LINES_GENERATED.map((l) => Number(l.version.split('.')[1]));
  ROOK_LINES_GENERATED.forEach((l, i) => {
    const yes = has(l);
    if (yes && start === undefined) start = minors[i];
    const last = i === ROOK_LINES_GENERATED.length - 1;
    if (start !== undefined && (!yes || last)) {
      const end = yes && last ? undefined : minors[i];
      parts.push(`${start === 0 ? '>=1.0.0' : `>=1.${start}.0`}${end === undefined ? '' : ` <1.${end}.0`}`);
      start = undefined;
    }
  });
  return parts.length ? parts.join(' || ') : '<0.0.0';
}

/** The range of the lines whose CRDs declare the field of a probe (src/versions/rook-field-probes.ts). */
function fieldRange(probe: string): string {
  return rookLinesRange((l) => l.fields.includes(probe));
}

export interface TopoLVMProfile {
  readonly version: TopoLVMVersion;
  /**
   * Kubernetes versions the release supports (semver range), from the line's README at its tag
   * (src/versions/topolvm-lines-facts.ts, one row per line with its source).
   */
  readonly kubernetes: string;
  readonly crdSource: string;
  /** Plugin domains this release understands (the groups of its CRDs). */
  readonly domains: readonly ('topolvm.io' | 'topolvm.cybozu.com')[];
  /** Image with TopoLVM and the CSI sidecars of the release. */
  readonly image: string;
  /** Every fact of the line (generated from its pinned files, plus the hand-kept ones). */
  readonly line: TopoLVMLine;
}

/** One profile per TopoLVM line, from the line table (src/versions/topolvm-lines.ts). */
export const TOPOLVM_PROFILES: Record<TopoLVMVersion, TopoLVMProfile> = Object.fromEntries(TOPOLVM_LINES.map((l) => [l.version, {
  version: l.version,
  kubernetes: l.kubernetes,
  crdSource: `topolvm@v${l.version}`,
  // topolvm.io first: the default domain of the lines that have it
  domains: [...l.crdGroups].sort((a, b) => (a === 'topolvm.io' ? -1 : b === 'topolvm.io' ? 1 : 0)) as ('topolvm.io' | 'topolvm.cybozu.com')[],
  image: l.image,
  line: l,
}])) as unknown as Record<TopoLVMVersion, TopoLVMProfile>;

/**
 * Argo CD release lines and the Kubernetes versions each was tested on (lowest and highest minor): from
 * `docs/operator-manual/tested-kubernetes-versions.md` of argoproj/argo-cd at the line's own release tag (2.8 on; 3.3,
 * 3.4 and 3.5 from v3.5.1) and, for 2.0-2.7, the `k3s-version` matrix of `.github/workflows/ci-build.yaml` at the
 * line's x.y.0 tag. The lowest is what the line needs; the default line of a site is the newest one tested on its
 * Kubernetes minor.
 */
export const ARGOCD_LINES: Readonly<Record<string, { readonly kubernetes: readonly [string, string] }>> = {
  '2.0': { kubernetes: ['1.16', '1.20'] }, '2.1': { kubernetes: ['1.17', '1.21'] }, '2.2': { kubernetes: ['1.17', '1.21'] },
  '2.3': { kubernetes: ['1.21', '1.23'] }, '2.4': { kubernetes: ['1.21', '1.23'] }, '2.5': { kubernetes: ['1.22', '1.24'] },
  '2.6': { kubernetes: ['1.22', '1.24'] }, '2.7': { kubernetes: ['1.23', '1.26'] }, '2.8': { kubernetes: ['1.24', '1.27'] },
  '2.9': { kubernetes: ['1.25', '1.28'] }, '2.10': { kubernetes: ['1.25', '1.28'] }, '2.11': { kubernetes: ['1.25', '1.29'] },
  '2.12': { kubernetes: ['1.26', '1.29'] }, '2.13': { kubernetes: ['1.27', '1.30'] }, '2.14': { kubernetes: ['1.28', '1.31'] },
  '3.0': { kubernetes: ['1.29', '1.32'] }, '3.1': { kubernetes: ['1.30', '1.33'] }, '3.2': { kubernetes: ['1.31', '1.34'] },
  '3.3': { kubernetes: ['1.32', '1.35'] }, '3.4': { kubernetes: ['1.32', '1.35'] }, '3.5': { kubernetes: ['1.33', '1.36'] },
};

/**
 * Flux (flux2 distribution) release lines and the lowest Kubernetes each runs on: `kubernetesConstraints` of
 * `cmd/flux/check.go` (`flux check --pre`) of fluxcd/flux2 at the line's x.y.0 tag. 0.41 is the last 0.x line.
 */
export const FLUX_LINES: Readonly<Record<string, { readonly kubernetes: string }>> = {
  '0.41': { kubernetes: '1.20.6' }, '2.0': { kubernetes: '1.24.0' }, '2.1': { kubernetes: '1.25.0' }, '2.2': { kubernetes: '1.26.0' },
  '2.3': { kubernetes: '1.28.0' }, '2.4': { kubernetes: '1.28.0' }, '2.5': { kubernetes: '1.30.0' }, '2.6': { kubernetes: '1.31.0' },
  '2.7': { kubernetes: '1.32.0' }, '2.8': { kubernetes: '1.33.0' }, '2.9': { kubernetes: '1.33.0' },
};

/** What a site pins. */
export interface VersionSet {
  readonly kubernetes: string;
  /** The pinned patch of the site's Rook line (every fact and gate reads it). */
  readonly rook?: RookVersion;
  /** The Rook release the site runs, x.y.z (a patch of the `rook` line). @default - `rook` */
  readonly rookRelease?: string;
  readonly topolvm?: TopoLVMVersion;
  /** The Argo CD line the site's engine runs, as x.y.0 (Argo CD sites only). */
  readonly argocd?: string;
  /** The Flux line the site's engine runs, as x.y.0 (Flux sites only). */
  readonly flux?: string;
}

/**
 * Features gated by a version. Each names the product and the semver range that has it.
 * Later constructs add rows here rather than comparing versions themselves.
 */
/** One version gate. */
export interface FeatureDef {
  readonly product: 'rook' | 'topolvm' | 'kubernetes' | 'argocd' | 'flux';
  readonly range: string;
  readonly what: string;
}

export const FEATURES = {
  cephCsiOperator: { product: 'rook', range: rookLinesRange((l) => l.csiConfig === 'csi-operator'), what: 'ceph-csi-operator resources (ImageSet, OperatorConfig, Driver)' },
  csiOperatorConfigMapKeys: { product: 'rook', range: rookLinesRange((l) => l.configMapKeys.includes('ROOK_CSI_ENABLE_RBD')), what: 'CSI settings as rook-ceph-operator-config keys' },
  csiOperatorEnv: { product: 'rook', range: rookLinesRange((l) => l.csiConfig === 'operator-env'), what: 'CSI settings as operator environment variables' },
  flexVolume: { product: 'rook', range: rookLinesRange((l) => l.flexVolume), what: 'the FlexVolume driver (removed in Rook 1.8.0; 1.7.x is the last line with it)' },
  /** ROOK_ENABLE_FLEX_DRIVER is read from rook-ceph-operator-config (else env) in 1.6-1.7; env only before. */
  flexEnableInConfigMap: { product: 'rook', range: rookLinesRange((l) => l.configMapKeys.includes('ROOK_ENABLE_FLEX_DRIVER')), what: 'ROOK_ENABLE_FLEX_DRIVER as a rook-ceph-operator-config key' },
  operatorConfigMap: { product: 'rook', range: rookLinesRange((l) => l.csiConfig === 'operator-configmap' || l.csiConfig === 'csi-operator'), what: 'operator settings in the rook-ceph-operator-config ConfigMap' },
  operatorEnforceHostNetwork: { product: 'rook', range: '>=1.15.0', what: 'ROOK_ENFORCE_HOST_NETWORK (operator setting enforceHostNetwork)' },
  operatorAllowLoopDevices: { product: 'rook', range: '>=1.9.0', what: 'ROOK_CEPH_ALLOW_LOOP_DEVICES (operator setting allowLoopDevices)' },
  csiOperatorConfigDefaults: { product: 'rook', range: '>=1.18.0', what: 'ceph-csi-operator driver defaults (OperatorConfig)' },
  csiAddons: { product: 'rook', range: '>=1.8.0', what: 'the CSI-Addons sidecar (deployCsiAddons)' },
  csiNfsDriver: { product: 'rook', range: '>=1.9.0', what: 'the Ceph CSI NFS driver' },
  csiFsGroupPolicy: { product: 'rook', range: '>=1.7.0', what: 'CSI fsGroupPolicy settings' },
  csiPriorityClasses: { product: 'rook', range: '>=1.4.0', what: 'CSI plugin/provisioner priority classes' },
  csiLogVerbosity: { product: 'rook', range: '>=1.5.0', what: 'CSI log verbosity (CSI_LOG_LEVEL)' },
  csiProvisionerReplicas: { product: 'rook', range: '>=1.3.0', what: 'CSI provisioner replica count' },
  csiPlacement: { product: 'rook', range: '>=1.2.0', what: 'CSI plugin/provisioner tolerations and node affinity' },
  aggregatedClusterRoles: { product: 'rook', range: '<1.7.0', what: 'aggregated ClusterRoles in the operator manifests (aggregationRule with rules: [], the rules filled in by the API server; v1.2.7 has them, v1.7.11 no longer)' },
  helmCrdsEnabledValue: { product: 'rook', range: '>=1.5.0', what: 'the rook-ceph chart value crds.enabled' },
  storageDirectories: { product: 'rook', range: '<1.3.0', what: 'CephCluster storage.directories' },
  // CephCluster / CephBlockPool fields gated by the pinned CRD schemas (rook@v1.2.7 common.yaml, rook@v1.7.11 and
  // rook@v1.20.6 crds.yaml). Only the pinned versions were compared, so a range like '>1.2.7' means "declared in the
  // pinned CRDs after v1.2.7", not the exact release that introduced the field.
  cephClusterCrashCollector: { product: 'rook', range: fieldRange('cephClusterCrashCollector'), what: 'CephCluster spec.crashCollector.daysToRetain (the v1.2.7 operator reads only crashCollector.disable, which its CRD schema does not declare; the v1beta1 CRD keeps it)' },
  cephClusterMgrCount: { product: 'rook', range: fieldRange('cephClusterMgrCount'), what: 'CephCluster spec.mgr.count and mgr.allowMultiplePerNode (v1.2.7 runs one mgr; not declared in its CRD schema)' },
  cephClusterLabels: { product: 'rook', range: fieldRange('cephClusterLabels'), what: 'CephCluster spec.labels (not declared in the v1.2.7 CRD schema)' },
  cephClusterPriorityClassNames: { product: 'rook', range: fieldRange('cephClusterPriorityClassNames'), what: 'CephCluster spec.priorityClassNames (not declared in the v1.2.7 CRD schema)' },
  cephClusterHealthCheck: { product: 'rook', range: fieldRange('cephClusterHealthCheck'), what: 'CephCluster spec.healthCheck (not declared in the v1.2.7 CRD schema)' },
  cephClusterLogCollector: { product: 'rook', range: fieldRange('cephClusterLogCollector'), what: 'CephCluster spec.logCollector (not declared in the v1.2.7 CRD schema)' },
  cephClusterLogCollectorMaxLogSize: { product: 'rook', range: fieldRange('cephClusterLogCollectorMaxLogSize'), what: 'CephCluster spec.logCollector.maxLogSize (not declared in the v1.7.11 CRD schema)' },
  cephClusterIpFamily: { product: 'rook', range: fieldRange('cephClusterIpFamily'), what: 'CephCluster spec.network.ipFamily / dualStack (not declared in the v1.2.7 CRD schema)' },
  cephClusterNetworkConnections: { product: 'rook', range: fieldRange('cephClusterNetworkConnections'), what: 'CephCluster spec.network.connections (msgr2 encryption/compression; not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterImagePullPolicy: { product: 'rook', range: fieldRange('cephClusterImagePullPolicy'), what: 'CephCluster spec.cephVersion.imagePullPolicy (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterPgHealthCheckTimeout: { product: 'rook', range: fieldRange('cephClusterPgHealthCheckTimeout'), what: 'CephCluster spec.disruptionManagement.pgHealthCheckTimeout (not declared in the v1.2.7 CRD schema)' },
  // OSDs on any block class (issue 10): storage fields compared in the pinned CRDs (v1.20.6 has all four; v1.7.11
  // onlyApplyOSDPlacement only; the v1.2.7 schema declares none of them).
  cephClusterAllowDeviceClassUpdate: { product: 'rook', range: fieldRange('cephClusterAllowDeviceClassUpdate'), what: 'CephCluster spec.storage.allowDeviceClassUpdate (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterAllowOsdCrushWeightUpdate: { product: 'rook', range: fieldRange('cephClusterAllowOsdCrushWeightUpdate'), what: 'CephCluster spec.storage.allowOsdCrushWeightUpdate (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterScheduleAlways: { product: 'rook', range: fieldRange('cephClusterScheduleAlways'), what: 'CephCluster spec.storage.scheduleAlways (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterOnlyApplyOsdPlacement: { product: 'rook', range: fieldRange('cephClusterOnlyApplyOsdPlacement'), what: 'CephCluster spec.storage.onlyApplyOSDPlacement (not declared in the v1.2.7 CRD schema)' },
  cephClusterTopologyAware: { product: 'rook', range: fieldRange('cephClusterTopologyAware'), what: 'CephCluster spec.storage.topologyAware (OSD CRUSH location from the node\'s topology labels; declared only in the v1.1.9 CRD schema)' },
  cephClusterCleanupPolicy: { product: 'rook', range: fieldRange('cephClusterCleanupPolicy'), what: 'CephCluster spec.cleanupPolicy (not declared in the v1.2.7 CRD schema)' },
  cephClusterWaitTimeoutForHealthyOSD: { product: 'rook', range: fieldRange('cephClusterWaitTimeoutForHealthyOSD'), what: 'CephCluster spec.waitTimeoutForHealthyOSDInMinutes (not declared in the v1.2.7 CRD schema)' },
  cephClusterUpgradeOSDRequiresHealthyPGs: { product: 'rook', range: fieldRange('cephClusterUpgradeOSDRequiresHealthyPGs'), what: 'CephCluster spec.upgradeOSDRequiresHealthyPGs (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterMonitoringExporter: { product: 'rook', range: fieldRange('cephClusterMonitoringExporter'), what: 'CephCluster spec.monitoring.metricsDisabled / exporter / interval / port (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterMonitoringRulesNamespace: { product: 'rook', range: fieldRange('cephClusterMonitoringRulesNamespace'), what: 'CephCluster spec.monitoring.rulesNamespace (the operator-made PrometheusRule; not declared in the v1.20.6 CRD schema)' },
  cephClusterCephConfig: { product: 'rook', range: fieldRange('cephClusterCephConfig'), what: 'CephCluster spec.cephConfig / cephConfigFromSecret (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterCephx: { product: 'rook', range: fieldRange('cephClusterCephx'), what: 'CephCluster spec.security.cephx / security.keyRotation (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterKms: { product: 'rook', range: fieldRange('cephClusterKms'), what: 'CephCluster spec.security and security.kms (not declared in the v1.2.7 CRD schema)' },
  cephClusterCsi: { product: 'rook', range: fieldRange('cephClusterCsi'), what: 'CephCluster spec.csi (read affinity, CephFS mount options; not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterStartupProbe: { product: 'rook', range: fieldRange('cephClusterStartupProbe'), what: 'CephCluster spec.healthCheck.startupProbe / muteHealthWarning (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterPgHealthyRegex: { product: 'rook', range: fieldRange('cephClusterPgHealthyRegex'), what: 'CephCluster spec.disruptionManagement.pgHealthyRegex (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  // v1.20.6 still declares the two fields, but Rook v1.11 removed MachineDisruptionBudget support (v1.11
  // PendingReleaseNotes, breaking changes), so they would be ignored there.
  cephClusterMachineDisruptionBudgets: { product: 'rook', range: '<1.11.0', what: 'CephCluster spec.disruptionManagement.manageMachineDisruptionBudgets / machineDisruptionBudgetNamespace (OpenShift MachineDisruptionBudgets)' },
  cephClusterAddressRanges: { product: 'rook', range: fieldRange('cephClusterAddressRanges'), what: 'CephCluster spec.network.addressRanges / multiClusterService (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephClusterRbdMirroring: { product: 'rook', range: fieldRange('cephClusterRbdMirroring'), what: 'CephCluster spec.rbdMirroring (rbd-mirror daemons of the cluster; later lines use CephRBDMirror)' },
  cephClusterStretch: { product: 'rook', range: fieldRange('cephClusterStretch'), what: 'CephCluster spec.mon.stretchCluster (not declared in the v1.2.7 CRD schema)' },
  cephClusterWipeDevicesFromOtherClusters: { product: 'rook', range: fieldRange('cephClusterWipeDevicesFromOtherClusters'), what: 'CephCluster spec.cleanupPolicy.wipeDevicesFromOtherClusters (not declared in the v1.7.11 CRD schema)' },
  blockPoolSafeReplicaSize: { product: 'rook', range: fieldRange('blockPoolSafeReplicaSize'), what: 'CephBlockPool replicated.requireSafeReplicaSize' },
  blockPoolParameters: { product: 'rook', range: fieldRange('blockPoolParameters'), what: 'CephBlockPool parameters (Ceph pool settings)' },
  blockPoolCompressionMode: { product: 'rook', range: fieldRange('blockPoolCompressionMode'), what: 'CephBlockPool compressionMode' },
  blockPoolCrushRoot: { product: 'rook', range: fieldRange('blockPoolCrushRoot'), what: 'CephBlockPool crushRoot' },
  blockPoolExtendedSpec: { product: 'rook', range: fieldRange('blockPoolExtendedSpec'), what: 'CephBlockPool deviceClass, crushRoot, compressionMode, quotas, parameters, enableRBDStats, replicated.requireSafeReplicaSize / replicasPerFailureDomain / subFailureDomain / hybridStorage, erasureCoded.algorithm (the v1.2.7 CRD schema declares only failureDomain, replicated.size, replicated.targetSizeRatio, erasureCoded.dataChunks / codingChunks)' },
  cephFilesystemExtendedSpec: { product: 'rook', range: fieldRange('cephFilesystemExtendedSpec'), what: 'CephFilesystem preserveFilesystemOnDelete, pool requireSafeReplicaSize / deviceClass / compressionMode / parameters, metadataServer.priorityClassName and more than 10 active MDS (the v1.2.7 CRD schema names data pools <fs>-data<i> and has preservePoolsOnDelete)' },
  blockPoolSpecName: { product: 'rook', range: fieldRange('blockPoolSpecName'), what: 'CephBlockPool spec.name for the built-in pools .rgw.root, .nfs, .mgr (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  blockPoolApplication: { product: 'rook', range: fieldRange('blockPoolApplication'), what: 'CephBlockPool spec.application (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  blockPoolStatusCheck: { product: 'rook', range: fieldRange('blockPoolStatusCheck'), what: 'CephBlockPool spec.statusCheck.mirror (the mirroring health check; not declared in the v1.2.7 CRD schema)' },
  blockPoolMirrorInitOnly: { product: 'rook', range: '>1.7.11', what: "CephBlockPool mirroring.mode 'init-only' (the v1.20.6 CRD's enum; v1.7.11 mirrors by pool or image only)" },
  blockPoolCrushUpdates: { product: 'rook', range: fieldRange('blockPoolCrushUpdates'), what: 'CephBlockPool spec.enableCrushUpdates (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephFilesystemNamedDataPools: { product: 'rook', range: fieldRange('cephFilesystemNamedDataPools'), what: 'CephFilesystem dataPools[].name (named data pools, Ceph pools <fs>-<name>; the v1.7.11 and v1.2.7 CRD schemas declare no name and Rook names the pools <fs>-data<i>)' },
  cephFilesystemMdsProbes: { product: 'rook', range: fieldRange('cephFilesystemMdsProbes'), what: 'CephFilesystem metadataServer.livenessProbe / startupProbe (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephFilesystemMdsCacheFactors: { product: 'rook', range: fieldRange('cephFilesystemMdsCacheFactors'), what: 'CephFilesystem metadataServer.cacheMemoryLimitFactor / cacheMemoryRequestFactor (not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  cephFilesystemMdsLabels: { product: 'rook', range: fieldRange('cephFilesystemMdsLabels'), what: 'CephFilesystem metadataServer.labels (not declared in the v1.2.7 CRD schema)' },
  // Object storage (issue 11). Compared in the pinned CRDs: v1.2.7 declares CephObjectStore with gateway type,
  // sslCertificateRef, port, securePort, instances, annotations, placement, resources and pool failureDomain /
  // replicated.size / erasureCoded chunks only; v1.7.11 adds the rest used here but not sharedPools.
  objectStoreExtendedSpec: { product: 'rook', range: fieldRange('objectStoreExtendedSpec'), what: 'CephObjectStore gateway labels / priorityClassName / externalRgwEndpoints, healthCheck, zone, and pool fields beyond failureDomain, replicated.size and erasureCoded chunks (not declared in the v1.2.7 CRD schema)' },
  objectStoreSharedPools: { product: 'rook', range: fieldRange('objectStoreSharedPools'), what: 'CephObjectStore spec.sharedPools (pools shared by several stores through RADOS namespaces; not declared in the v1.7.11 and v1.2.7 CRD schemas)' },
  objectMultisite: { product: 'rook', range: fieldRange('objectMultisite'), what: 'object multisite: CephObjectRealm, CephObjectZoneGroup, CephObjectZone (no CRDs in v1.2.7)' },
  objectUserCapabilitiesQuotas: { product: 'rook', range: fieldRange('objectUserCapabilitiesQuotas'), what: 'CephObjectStoreUser capabilities and quotas (not declared in the v1.2.7 CRD schema)' },
  obcWatchOperatorNamespace: { product: 'rook', range: '>1.2.7', what: 'ROOK_OBC_WATCH_OPERATOR_NAMESPACE (bucket provisioner named after the operator namespace; v1.2.7 registers "ceph.rook.io/bucket")' },
  obcProvisionerNamePrefix: { product: 'rook', range: '>1.7.11', what: 'ROOK_OBC_PROVISIONER_NAME_PREFIX (a custom prefix of the bucket provisioner name)' },
  // Typed operator settings (issue 10; table in rook/operator-settings.ts). Ranges from the pinned operator.yaml files
  // and the operator code of those tags, so '>1.7.11' means "read by v1.20.6, not by v1.7.11", not the first release.
  operatorMetricsBindAddress: { product: 'rook', range: '>1.7.11', what: 'ROOK_OPERATOR_METRICS_BIND_ADDRESS (operator setting metricsBindAddress)' },
  operatorDeleteUnusedCrushRules: { product: 'rook', range: '>1.7.11', what: 'ROOK_DELETE_UNUSED_CRUSH_RULES (operator setting deleteUnusedCrushRules)' },
  operatorCephCommandsTimeout: { product: 'rook', range: '>1.2.7', what: 'ROOK_CEPH_COMMANDS_TIMEOUT_SECONDS (operator setting cephCommandsTimeoutSeconds)' },
  operatorCustomHostnameLabel: { product: 'rook', range: '>1.7.11', what: 'ROOK_CUSTOM_HOSTNAME_LABEL (operator setting customHostnameLabel)' },
  operatorRevisionHistoryLimit: { product: 'rook', range: '>1.7.11', what: 'ROOK_REVISION_HISTORY_LIMIT (operator setting revisionHistoryLimit)' },
  operatorReconcileConcurrentClusters: { product: 'rook', range: '>1.7.11', what: 'ROOK_RECONCILE_CONCURRENT_CLUSTERS (operator setting reconcileConcurrentClusters)' },
  // the lines whose operator.yaml lists the env vars (generated table, envVars): v1.0.6–v1.3.11
  operatorHealthIntervalsEnv: { product: 'rook', range: rookLinesRange((l) => l.envVars.includes('ROOK_CEPH_STATUS_CHECK_INTERVAL')), what: 'ROOK_CEPH_STATUS_CHECK_INTERVAL / ROOK_MON_HEALTHCHECK_INTERVAL / ROOK_MON_OUT_TIMEOUT operator env (later lines: CephCluster spec.healthCheck)' },
  // both snapshotter gates: the lines whose operator.yaml lists the key (generated table, configMapKeys / envVars)
  csiPerDriverSnapshotter: { product: 'rook', range: rookLinesRange((l) => [...l.configMapKeys, ...l.envVars].includes('CSI_ENABLE_RBD_SNAPSHOTTER')), what: 'CSI_ENABLE_RBD_SNAPSHOTTER / CSI_ENABLE_CEPHFS_SNAPSHOTTER (operator settings csi.rbdSnapshotter, csi.cephfsSnapshotter)' },
  csiSnapshotterSwitch: { product: 'rook', range: rookLinesRange((l) => [...l.configMapKeys, ...l.envVars].includes('CSI_ENABLE_SNAPSHOTTER')), what: 'CSI_ENABLE_SNAPSHOTTER (operator setting csi.snapshotter, one switch for both drivers)' },
  csiOperatorSwitches: { product: 'rook', range: '>1.2.7 <1.20.0', what: 'the operator CSI switches CSI_ENABLE_OMAP_GENERATOR, CSI_ENABLE_VOLUME_REPLICATION, CSI_ENABLE_HOST_NETWORK, ROOK_CSI_ALLOW_UNSUPPORTED_VERSION (Rook 1.20 deploys CSI with ceph-csi-operator)' },
  csiGrpcMetrics: { product: 'rook', range: '<1.20.0', what: 'ROOK_CSI_ENABLE_GRPC_METRICS (operator setting csi.grpcMetrics)' },
  obcBucketQuotas: { product: 'rook', range: '>1.2.7', what: 'ObjectBucketClaim additionalConfig maxObjects / maxSize (bucket quotas)' },
  /** The RBD CSI examples up to v1.7 carry no controller-publish secret parameters. */
  rbdClassNodeOptions: { product: 'rook', range: '>1.2.7', what: 'RBD StorageClass mapOptions, unmapOptions, encrypted and encryptionKMSID (ceph-csi 3.x parameters; Rook v1.2.7 deploys ceph-csi v2.0.0)' },
  cephfsClassEncryption: { product: 'rook', range: '>1.7.11', what: 'CephFS StorageClass encrypted and encryptionKMSID (fscrypt; the ceph-csi v3.4.0 of Rook v1.7.11 has no CephFS encryption)' },
  /**
   * CSI volume expansion: the csi-resizer sidecar and the controller-expand secret. Rook 1.1 deploys ceph-csi v1.2
   * without a resizer (no ROOK_CSI_RESIZER_IMAGE in its operator.yaml); 1.2–1.19 set its image, 1.20 deploys CSI
   * through ceph-csi-operator (which runs the resizer).
   */
  csiVolumeExpansion: { product: 'rook', range: rookLinesRange((l) => 'ROOK_CSI_RESIZER_IMAGE' in l.csiImages || l.csiConfig === 'csi-operator'), what: 'CSI volume expansion (csi-resizer sidecar, controller-expand secret, allowVolumeExpansion on CSI classes)' },
  rbdControllerPublishSecret: { product: 'rook', range: '>1.7.11', what: 'csi.storage.k8s.io/controller-publish-secret-* parameters in RBD StorageClasses' },
  /** CSI at all (Rook 1.0 ships CSI only as a separate experimental example; FlexVolume is its block path). */
  csi: { product: 'rook', range: rookLinesRange((l) => l.csiConfig !== 'none'), what: 'the Ceph CSI drivers (RBD / CephFS StorageClasses)' },
  cephClusterCel: { product: 'rook', range: '>=1.14.0', what: 'CEL rules on CephCluster' },
  cephfsUserIdKeys: { product: 'rook', range: '>=1.18.0', what: 'CephFS CSI secrets with userID/userKey' },
  externalCsiSecretsRequired: { product: 'rook', range: '>=1.20.0', what: 'external mode without operator-created CSI secrets' },
  externalImportedSecrets: { product: 'rook', range: '>=1.7.0', what: 'CSI, RGW admin-ops and dashboard-link Secrets imported for an external cluster (Rook v1.2 imports only the rook-ceph-mon Secret and the mon endpoints ConfigMap)' },
  externalHealthCheckUser: { product: 'rook', range: '>=1.7.0', what: 'a non-admin health-check user (ceph-username / ceph-secret) in rook-ceph-mon' },
  // Multi-tenant Ceph (issue 11). Ranges follow the pinned CRDs (v1.20.6 / v1.7.11 crds.yaml, v1.2.7 common.yaml).
  cephSubVolumeGroup: { product: 'rook', range: fieldRange('cephSubVolumeGroup'), what: 'CephFilesystemSubVolumeGroup with spec.clusterID (no such CRD in the v1.7.11 and v1.2.7 releases)' },
  cephRadosNamespace: { product: 'rook', range: fieldRange('cephRadosNamespace'), what: 'CephBlockPoolRadosNamespace with spec.clusterID (no such CRD in the v1.7.11 and v1.2.7 releases)' },
  cephClientSecretSpec: { product: 'rook', range: fieldRange('cephClientSecretSpec'), what: 'CephClient spec.secretName and spec.security.cephx.keyType (the v1.7.11 and v1.2.7 CRDs declare only caps and name)' },
  /** Rook 1.9 moved CephNFS to Ceph's own `.nfs` pool (no spec.rados) and added the Ceph CSI NFS driver. */
  cephNfsServer: { product: 'rook', range: '>=1.9.0', what: 'CephNFS served from the .nfs pool with the Ceph CSI NFS driver (Rook 1.2-1.8 had only the rados pool/namespace CephNFS and no NFS CSI driver, so no NFS StorageClass)' },
  cephMirroring: { product: 'rook', range: fieldRange('cephMirroring'), what: 'CephRBDMirror, CephFilesystemMirror and pool/filesystem spec.mirroring (not in the v1.2.7 CRDs)' },
  // Rook v1.20 fields and kinds: ranges from the lines whose CRDs declare them (ROOK_FIELD_PROBES)
  cephClusterFloatingMon: { product: 'rook', range: fieldRange('cephClusterFloatingMon'), what: 'CephCluster spec.mon.floatingMon' },
  poolErasureCodedMsr: { product: 'rook', range: fieldRange('poolErasureCodedMsr'), what: 'erasureCoded.crushNumFailureDomains / crushOSDsPerFailureDomain / stripeUnit of a pool' },
  objectStoreTlsOptions: { product: 'rook', range: fieldRange('objectStoreTlsOptions'), what: 'CephObjectStore spec.security ciphers / cipherSuites / sslOptions / tlsGroups' },
  cephNfsServerPort: { product: 'rook', range: fieldRange('cephNfsServerPort'), what: 'CephNFS spec.server.port' },
  objectStoreAccounts: { product: 'rook', range: fieldRange('objectStoreAccounts'), what: 'CephObjectStoreAccount and CephObjectStoreUser spec.accountRef' },
  cephBucketNotifications: { product: 'rook', range: fieldRange('cephBucketNotifications'), what: 'CephBucketTopic and CephBucketNotification' },
  cephCosiDriver: { product: 'rook', range: fieldRange('cephCosiDriver'), what: 'CephCOSIDriver' },
  cephNvmeofGateway: { product: 'rook', range: fieldRange('cephNvmeofGateway'), what: 'CephNVMeOFGateway' },
  volumeSnapshotV1: { product: 'kubernetes', range: '>=1.20.0', what: 'snapshot.storage.k8s.io/v1 VolumeSnapshotClass' },
  ingressV1: { product: 'kubernetes', range: '>=1.19.0', what: 'networking.k8s.io/v1 Ingress' },
  capacityTracking: { product: 'kubernetes', range: '>=1.21.0', what: 'CSI storage capacity tracking' },
  namespaceNameLabel: { product: 'kubernetes', range: '>=1.21.0', what: 'the automatic kubernetes.io/metadata.name namespace label' },
  csiDriverV1: { product: 'kubernetes', range: '>=1.18.0', what: 'storage.k8s.io/v1 CSIDriver' },
  podSecurityPolicy: { product: 'kubernetes', range: '<1.25.0', what: 'PodSecurityPolicy (policy/v1beta1)' },
  podSecurityAdmission: { product: 'kubernetes', range: '>=1.22.0', what: 'Pod Security Admission (the pod-security.kubernetes.io namespace labels: alpha behind the PodSecurity feature gate in 1.22, on by default from 1.23, GA in 1.25)' },
  jobSuspend: { product: 'kubernetes', range: '>=1.22.0', what: 'suspended Jobs (spec.suspend; beta and on by default from 1.22, GA in 1.24; 1.21 has the field behind the off-by-default SuspendJob feature gate, so the Job would run at once)' },
  pdbV1: { product: 'kubernetes', range: '>=1.21.0', what: 'policy/v1 PodDisruptionBudget' },
  admissionV1beta1: { product: 'kubernetes', range: '<1.22.0', what: 'admissionregistration.k8s.io/v1beta1 webhooks' },
  // TopoLVM rows: ranges from the line table (src/versions/topolvm-lines.ts) where its data decides, else the source named
  topolvmIoDomain: { product: 'topolvm', range: topolvmLinesRange((l) => l.crdGroups.includes('topolvm.io')), what: 'the topolvm.io plugin domain' },
  topolvmDeviceClasses: { product: 'topolvm', range: topolvmLinesRange((l) => l.deviceClassKeys.length > 0), what: 'lvmd device classes (lvmd.yaml; before: --volume-group/--spare flags, one volume group)' },
  topolvmCapacityTracking: { product: 'topolvm', range: topolvmLinesRange((l) => l.scheduling.includes('capacityTracking')), what: 'TopoLVM storage capacity tracking mode' },
  topolvmSchedulerConfigFile: { product: 'topolvm', range: '>=0.5.0', what: 'topolvm-scheduler options file (before: --listen/--divisor flags)' },
  lvmdDaemonSet: { product: 'topolvm', range: topolvmLinesRange((l) => l.lvmdModes.includes('daemonset')), what: 'lvmd in a container (DaemonSet)' },
  lvmdEmbedded: { product: 'topolvm', range: topolvmLinesRange((l) => l.lvmdModes.includes('embedded')), what: 'lvmd embedded in topolvm-node (--embed-lvmd)' },
  topolvmWebhookV1: { product: 'topolvm', range: '>=0.8.0', what: 'admission webhooks on admissionregistration.k8s.io/v1 and port 9443' },
  topolvmPvcWebhook: { product: 'topolvm', range: topolvmLinesRange((l) => l.pvcWebhook), what: 'the PVC mutating webhook (finalizer)' },
  topolvmCsiAttacher: { product: 'topolvm', range: '<0.9.0', what: 'csi-attacher (attachRequired: true)' },
  topolvmResizer: { product: 'topolvm', range: '>=0.4.0', what: 'volume expansion (csi-resizer)' },
  topolvmSnapshots: { product: 'topolvm', range: topolvmLinesRange((l) => l.deviceClassKeys.includes('thin-pool')), what: 'thin logical volumes and snapshots (csi-snapshotter)' },
  topolvmRawBlock: { product: 'topolvm', range: '>=0.3.0', what: 'raw block volumes (volumeMode: Block)' },
  topolvmStripe: { product: 'topolvm', range: `>=${TOPOLVM_DEVICE_CLASS_OPTIONS.stripe}`, what: 'device class stripe and stripe size' },
  topolvmLvcreateOptions: { product: 'topolvm', range: `>=${TOPOLVM_DEVICE_CLASS_OPTIONS.lvcreateOptions}`, what: 'device class lvcreate options' },
  // monitoring (src/monitoring/): 0.8.2 added topolvm_volumegroup_size_bytes (CHANGELOG #290); the chart's lvmd.metrics
  // values are known here from the 0.41.0 chart, the earliest pinned release that has them
  topolvmVgSizeMetric: { product: 'topolvm', range: '>=0.8.2', what: 'the topolvm_volumegroup_size_bytes metric (volume group size, for free-space ratios)' },
  topolvmLvmdMetrics: { product: 'topolvm', range: '>=0.41.0', what: 'metrics of the lvmd DaemonSet pods' },
  // GitOps engines (src/gitops/): facts from argoproj/argo-cd at the tags (manifests/crds/application-crd.yaml,
  // applicationset-crd.yaml, docs/user-guide/sync-options.md) and fluxcd/flux2 (the API packages cmd/flux imports)
  argocdHelmValuesObject: { product: 'argocd', range: '>=2.8.0', what: 'spec.source.helm.valuesObject of an Application (before: the values string)' },
  argocdServerSideApply: { product: 'argocd', range: '>=2.5.0', what: 'the ServerSideApply=true sync option' },
  argocdRespectIgnoreDifferences: { product: 'argocd', range: '>=2.3.0', what: 'the RespectIgnoreDifferences=true sync option' },
  argocdDeleteFalse: { product: 'argocd', range: '>=2.7.0', what: 'the Delete=false sync option (a resource kept when its Application is deleted)' },
  argocdApplicationSetGoTemplateOptions: { product: 'argocd', range: '>=2.8.0', what: 'ApplicationSet goTemplate with goTemplateOptions' },
  argocdCephHealth: { product: 'argocd', range: '>=3.3.0', what: 'built-in health of CephCluster, CephObjectStore and ObjectBucketClaim (argo-cd PR #24111)' },
  fluxV1Apis: { product: 'flux', range: '>=2.0.0', what: 'GitRepository source.toolkit.fluxcd.io/v1 and Kustomization kustomize.toolkit.fluxcd.io/v1 (before: v1beta2)' },
  fluxHelmV2: { product: 'flux', range: '>=2.3.0', what: 'HelmRelease helm.toolkit.fluxcd.io/v2 and HelmRepository source.toolkit.fluxcd.io/v1 (before: v2beta2 on 2.2, v2beta1 earlier; HelmRepository v1beta2)' },
  fluxHelmReleaseV2beta2: { product: 'flux', range: '>=2.2.0', what: 'HelmRelease helm.toolkit.fluxcd.io/v2beta2' },
  fluxHealthCheckExprs: { product: 'flux', range: '>=2.5.0', what: 'Kustomization spec.healthCheckExprs (CEL health checks)' },
} satisfies Record<string, FeatureDef>;

export type Feature = keyof typeof FEATURES;

type Product = 'rook' | 'topolvm' | 'kubernetes' | 'argocd' | 'flux';
function pinnedVersion(v: VersionSet, product: Product): string | undefined {
  return product === 'kubernetes' ? v.kubernetes : product === 'rook' ? v.rook : product === 'topolvm' ? v.topolvm : product === 'argocd' ? v.argocd : v.flux;
}

/**
 * `semver.satisfies`, memoized: a pure function of (version, range), asked for the same few pairs by every construct
 * of every site (feature gates, version checks), and each call parses the range anew. Bounded: cleared when full.
 */
const satisfiesMemo = new Map<string, boolean>();
function satisfies(version: string, range: string): boolean {
  const key = `${version}\u0000${range}`;
  let ok = satisfiesMemo.get(key);
  if (ok === undefined) {
    ok = semver.satisfies(version, range);
    if (satisfiesMemo.size >= 1000) satisfiesMemo.clear();
    satisfiesMemo.set(key, ok);
  }
  return ok;
}

function productLabel(product: string): string {
  return product === 'rook' ? 'Rook' : product === 'topolvm' ? 'TopoLVM' : product === 'argocd' ? 'Argo CD' : product === 'flux' ? 'Flux' : 'Kubernetes';
}

/** Supported versions of a product that satisfy a range, for messages. */
function versionsWith(product: Product, range: string): string {
  if (product === 'kubernetes') return `Kubernetes ${range}`;
  if (product === 'topolvm') {
    const lines = TOPOLVM_LINES.filter((l) => satisfies(l.version, range));
    return lines.length > 0 ? `TopoLVM ${topolvmLineNames(lines)} (range ${range})` : `TopoLVM ${range} (none of the lines we have data for)`;
  }
  const table = product === 'rook' ? Object.keys(ROOK_PROFILES)
    : Object.keys(product === 'argocd' ? ARGOCD_LINES : FLUX_LINES).map((l) => `${l}.0`);
  const ok = table.filter((ver) => satisfies(ver, range));
  return ok.length > 0
    ? `${productLabel(product)} ${ok.map((x) => (product === 'argocd' || product === 'flux' ? x.replace(/\.0$/, '') : `v${x}`)).join(', ')} (range ${range})`
    : `${productLabel(product)} ${range} (none of the pinned versions)`;
}

export function hasFeature(v: VersionSet, feature: Feature): boolean {
  const f = FEATURES[feature];
  const pinned = pinnedVersion(v, f.product);
  return pinned !== undefined && satisfies(pinned, f.range);
}

/**
 * Throws a ConfigError unless the site's pinned versions have `feature`.
 * @param path construct path + field, e.g. `dc1/cluster: spec.storage.directories`
 */
export function requireFeature(v: VersionSet, feature: Feature, path: string, fix?: string): void {
  if (hasFeature(v, feature)) return;
  const f = FEATURES[feature];
  const pinned = pinnedVersion(v, f.product);
  throw new ConfigError({
    path,
    problem: `${f.what} is not available on ${productLabel(f.product)} ${pinned ?? '(not pinned)'}`,
    value: pinned,
    allowed: versionsWith(f.product, f.range),
    fix: fix ?? `pin one of those versions on the Site, or remove this setting`,
  });
}

/**
 * The gate of one optional field: when `value` is set (not undefined), the feature must be on the pinned version; the
 * error names `<at>: <field>` and, unless `fix` says otherwise, tells to remove the field or pin a version with it.
 */
export function requireFieldFeature(v: VersionSet, feature: Feature, at: string, field: string, value: unknown, fix?: string): void {
  if (value === undefined) return;
  requireFeature(v, feature, `${at}: ${field}`, fix ?? `remove ${field} for this ${productLabel(FEATURES[feature].product)} version, or pin a version that has it`);
}

/** What a site's `rookVersion` resolves to. */
export interface RookResolution {
  /** The pinned patch of the release's line: every fact (CRDs, settings, images, gates) comes from it. */
  readonly line: RookVersion;
  /** The release the site runs, x.y.z (the operator image, the chart version, the vendored files). */
  readonly release: string;
  /** Set when the release is a newer patch than the pinned one: the note the site prints. */
  readonly note?: string;
}

/**
 * Resolves a site's `rookVersion` (`1.X.Y` or `v1.X.Y`, X in 0–20) to its line's pinned data. A patch newer than
 * the pinned one is accepted with a note naming the pinned patch the facts come from; an older patch resolves to the
 * line's facts silently (the newest patch of a line is the one its CRDs and settings are read from; patches add
 * fixes, and the strict validation uses that patch's CRDs). Anything else is a ConfigError naming what to write.
 */
export function resolveRookVersion(input: unknown, path: string): RookResolution {
  const newest = ROOK_LINE_VERSIONS[ROOK_LINE_VERSIONS.length - 1];
  const example = `"${newest}" or "v${newest}"`;
  const fail = (problem: string, fix: string): never => {
    throw new ConfigError({
      path,
      problem,
      value: input,
      allowed: `a Rook release 1.X.Y (or v1.X.Y) of a line v1.0 to v${lineMinor(newest)}; pinned patches: ${ROOK_LINE_VERSIONS.join(', ')}`,
      fix,
    });
  };
  if (typeof input !== 'string') return fail('rookVersion is not a version string', `write the release your cluster runs as a string, e.g. ${example}`);
  const full = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(input.trim() === input ? input : '');
  if (!full) {
    const short = /^v?(\d+)\.(\d+)$/.exec(input);
    if (short) {
      const pinned = ROOK_LINE_VERSIONS.find((v) => lineMinor(v) === `${Number(short[1])}.${Number(short[2])}`);
      return fail(
        `"${input}" names a Rook line without a patch release`,
        pinned ? `write the full release your cluster runs, e.g. "${pinned}" (the newest patch of the ${lineMinor(pinned)} line, whose data is pinned)` : `write a full release x.y.z, e.g. ${example}`,
      );
    }
    return fail(`"${input}" is not a Rook release (x.y.z)`, `write the exact release your cluster runs, e.g. ${example}; tags like "latest" or "v1.x" would change what is deployed without a commit`);
  }
  const [major, minor, patch] = [Number(full[1]), Number(full[2]), Number(full[3])];
  const line = ROOK_LINE_VERSIONS.find((v) => lineMinor(v) === `${major}.${minor}`);
  if (!line) {
    return fail(
      `Rook ${major}.${minor} is not a line this package has data for (the newest is ${lineMinor(newest)}, pinned at v${newest})`,
      `pin a release of Rook 1.0 to ${lineMinor(newest)}, e.g. "${newest}", or update gitops-storage to a version that knows Rook ${major}.${minor}`,
    );
  }
  const release = `${major}.${minor}.${patch}`;
  const pinnedPatch = Number(line.split('.')[2]);
  const note = patch > pinnedPatch
    ? `${path}: Rook v${release} is newer than v${line}, the patch of the ${major}.${minor} line this package has data for; its CRDs, defaults and operator settings are checked against v${line} (the operator runs v${release}). Update gitops-storage to check against v${release} itself.`
    : undefined;
  return { line, release, note };
}

export function rookProfile(version: RookVersion): RookProfile {
  return ROOK_PROFILES[version];
}

export function topolvmProfile(version: TopoLVMVersion): TopoLVMProfile {
  return TOPOLVM_PROFILES[version];
}

/** Checks a full x.y.z Kubernetes version against the supported range. */
export function checkKubernetesVersion(version: string, path: string): void {
  const ok = semver.valid(version) !== null && satisfies(version, `>=${KUBERNETES_RANGE.min} <=${KUBERNETES_RANGE.max}`);
  if (!ok) {
    throw new ConfigError({
      path,
      problem: 'unsupported Kubernetes version',
      value: version,
      allowed: 'a full version x.y.z from 1.16.0 to 1.36.x',
      fix: 'set kubernetesVersion to the version your cluster runs, e.g. "1.33.0"',
    });
  }
}

/** Checks that the pinned Rook line supports the site's Kubernetes version. */
export function checkRookKubernetes(rook: RookVersion, kubernetes: string, path: string, release: string = rook): void {
  const p = ROOK_PROFILES[rook];
  if (!satisfies(kubernetes, p.kubernetes)) {
    const ok = ROOK_MINOR_LINES.filter((l) => satisfies(kubernetes, l.kubernetes)).map((l) => l.minor);
    throw new ConfigError({
      path,
      problem: `Rook v${release} (the ${p.minor} line) does not support Kubernetes ${kubernetes}`,
      value: kubernetes,
      allowed: `Kubernetes ${p.kubernetes} for Rook ${p.minor}${ok.length ? `; Rook lines that support Kubernetes ${kubernetes}: ${ok.join(', ')}` : ''}`,
      fix: 'pick a Rook version whose supported range contains your Kubernetes version',
    });
  }
}

export function checkTopolvmKubernetes(topolvm: TopoLVMVersion, kubernetes: string, path: string): void {
  const p = TOPOLVM_PROFILES[topolvm];
  if (!satisfies(kubernetes, p.kubernetes)) {
    throw new ConfigError({
      path,
      problem: `TopoLVM v${topolvm} does not support Kubernetes ${kubernetes}`,
      value: kubernetes,
      allowed: `Kubernetes ${p.kubernetes} for TopoLVM v${topolvm}`,
      fix: 'pick a TopoLVM version whose supported range contains your Kubernetes version',
    });
  }
}

/**
 * Upgrade facts per Rook minor line, for `gitops-storage plan`. Sources, each at the tag named in `newestPatch`
 * (rook/rook, read with `git show <tag>:<path>`):
 * - `ceph`: the supported Ceph releases of `Documentation/Upgrade/ceph-upgrade.md` ("Supported Versions"; before
 *   v1.9 `Documentation/ceph-upgrade.md`, section "Ceph Version Upgrades"). v1.11's page still says "Rook v1.10
 *   supports", v1.14's "Rook v1.13 supports": the lists are taken as written.
 * - `kubernetes`: "Kubernetes vX or higher" / "vX through vY are supported" of the prerequisites page
 *   (`Documentation/Getting-Started/Prerequisites/prerequisites.md`, earlier `Documentation/pre-reqs.md`).
 * - one minor at a time: every `rook-upgrade.md` / `ceph-upgrade.md` is "for upgrading from Rook v1.(N-1).x to
 *   Rook v1.N.x" and points to the previous release's guide for older lines (e.g. v1.7.11: "from Rook v1.6.x to
 *   Rook v1.7.x"; v1.20.6: "from Rook v1.19.x to Rook v1.20.x").
 * - `minFromPatch`: v1.20.6 rook-upgrade.md (Helm): "Before upgrading to v1.20, ensure the cluster is already on
 *   at least v1.19.5".
 * - v1.8.0 removed FlexVolume (`PendingReleaseNotes.md` of v1.8.0; see FEATURES.flexVolume): flex volumes are
 *   converted with the v1.7 flex-to-CSI tool (Rook >= v1.7.9, RBD only) before leaving 1.7.
 */
export interface RookMinorLine {
  /** `1.N` */
  readonly minor: string;
  /** Newest patch release of the line (rook/rook tags; reference/rook.md §1). */
  readonly newestPatch: string;
  /** Ceph versions the line supports (semver range over `major.minor.patch` of the Ceph image tag). */
  readonly ceph: string;
  /** The same as release names, for messages. */
  readonly cephNames: string;
  /** Kubernetes versions the line supports (semver range). */
  readonly kubernetes: string;
  /** Lowest patch of the previous line this line may be upgraded from. @default - any patch */
  readonly minFromPatch?: string;
  /** Where the row's Kubernetes and Ceph facts were read (rook/rook at the tag of `newestPatch`). */
  readonly source: string;
}

/** The docs a row was read from: the prerequisites and the Ceph upgrade page at the line's newest tag. */
function SRC(minor: string): string {
  const m = Number(minor.split('.')[1]);
  const prereq = m <= 10 ? 'Documentation/pre-reqs.md' : 'Documentation/Getting-Started/Prerequisites/prerequisites.md';
  const ceph = m <= 8 ? 'Documentation/ceph-upgrade.md' : 'Documentation/Upgrade/ceph-upgrade.md';
  return `rook/rook ${prereq}, ${ceph}`;
}

export const ROOK_MINOR_LINES: readonly RookMinorLine[] = [
  // v1.0: ceph-upgrade.md "Rook 1.0 is the last Rook release which will support Ceph's Luminous"; v1.1: "Rook 1.1 supports
  // Ceph Mimic v13.2.4 or newer and Ceph Nautilus v14.2.0 or newer". Both: pre-reqs "Kubernetes v1.10 or higher"; CRDs apiextensions v1beta1 (removed in Kubernetes 1.22), so <1.22
  { minor: '1.0', newestPatch: '1.0.6', ceph: '>=12.2.0 <12.3.0 || >=13.2.0 <13.3.0 || >=14.2.0 <14.3.0', cephNames: 'Luminous v12.2, Mimic v13.2, Nautilus v14.2', kubernetes: '>=1.10.0 <1.22.0', source: SRC('1.0') },
  { minor: '1.1', newestPatch: '1.1.9', ceph: '>=13.2.4 <13.3.0 || >=14.2.0 <14.3.0', cephNames: 'Mimic v13.2.4+, Nautilus v14.2.0+', kubernetes: '>=1.10.0 <1.22.0', source: SRC('1.1') },
  { minor: '1.2', newestPatch: '1.2.7', ceph: '>=13.2.4 <13.3.0 || >=14.2.0 <14.3.0', cephNames: 'Mimic v13.2.4+, Nautilus v14.2.0+', kubernetes: '>=1.11.0 <1.19.0', source: SRC('1.2') },
  { minor: '1.3', newestPatch: '1.3.11', ceph: '>=14.2.5 <14.3.0 || >=15.2.0 <15.3.0', cephNames: 'Nautilus v14.2.5+, Octopus v15.2.0+', kubernetes: '>=1.11.0 <1.22.0', source: SRC('1.3') },
  { minor: '1.4', newestPatch: '1.4.9', ceph: '>=14.2.5 <14.3.0 || >=15.2.0 <15.3.0', cephNames: 'Nautilus v14.2.5+, Octopus v15.2.0+', kubernetes: '>=1.11.0 <1.22.0', source: SRC('1.4') },
  { minor: '1.5', newestPatch: '1.5.12', ceph: '>=14.2.5 <14.3.0 || >=15.2.0 <15.3.0', cephNames: 'Nautilus v14.2.5+, Octopus v15.2.0+', kubernetes: '>=1.11.0 <1.23.0', source: SRC('1.5') },
  { minor: '1.6', newestPatch: '1.6.11', ceph: '>=14.2.5 <14.3.0 || >=15.2.0 <15.3.0 || >=16.2.0 <16.3.0', cephNames: 'Nautilus v14.2.5+, Octopus v15.2.0+, Pacific v16.2.0+', kubernetes: '>=1.11.0 <1.23.0', source: SRC('1.6') },
  { minor: '1.7', newestPatch: '1.7.11', ceph: '>=14.2.5 <14.3.0 || >=15.2.0 <15.3.0 || >=16.2.0 <16.3.0', cephNames: 'Nautilus v14.2.5+, Octopus v15.2.0+, Pacific v16.2.0+', kubernetes: '>=1.11.0 <1.23.0', source: SRC('1.7') },
  { minor: '1.8', newestPatch: '1.8.10', ceph: '>=15.2.0 <15.3.0 || >=16.2.0 <16.3.0', cephNames: 'Octopus v15.2.0+, Pacific v16.2.0+', kubernetes: '>=1.16.0', source: SRC('1.8') },
  { minor: '1.9', newestPatch: '1.9.13', ceph: '>=15.2.0 <15.3.0 || >=16.2.0 <16.3.0 || >=17.2.0 <17.3.0', cephNames: 'Octopus v15.2.0+, Pacific v16.2.0+, Quincy v17.2.0+', kubernetes: '>=1.17.0', source: SRC('1.9') },
  { minor: '1.10', newestPatch: '1.10.13', ceph: '>=16.2.0 <16.3.0 || >=17.2.0 <17.3.0', cephNames: 'Pacific v16.2.0+, Quincy v17.2.0+', kubernetes: '>=1.19.0', source: SRC('1.10') },
  { minor: '1.11', newestPatch: '1.11.11', ceph: '>=16.2.0 <16.3.0 || >=17.2.0 <17.3.0', cephNames: 'Pacific v16.2.0+, Quincy v17.2.0+', kubernetes: '>=1.21.0', source: SRC('1.11') },
  { minor: '1.12', newestPatch: '1.12.11', ceph: '>=16.2.7 <16.3.0 || >=17.2.0 <17.3.0 || >=18.2.0 <18.3.0', cephNames: 'Pacific v16.2.7+, Quincy v17.2.0+, Reef v18.2.0+', kubernetes: '>=1.22.0', source: SRC('1.12') },
  { minor: '1.13', newestPatch: '1.13.10', ceph: '>=17.2.0 <17.3.0 || >=18.2.0 <18.3.0', cephNames: 'Quincy v17.2.0+, Reef v18.2.0+', kubernetes: '>=1.23.0 <1.30.0', source: SRC('1.13') },
  { minor: '1.14', newestPatch: '1.14.12', ceph: '>=17.2.0 <17.3.0 || >=18.2.0 <18.3.0', cephNames: 'Quincy v17.2.0+, Reef v18.2.0+', kubernetes: '>=1.25.0 <1.31.0', source: SRC('1.14') },
  { minor: '1.15', newestPatch: '1.15.9', ceph: '>=17.2.0 <17.3.0 || >=18.2.0 <18.3.0 || >=19.2.0 <19.3.0', cephNames: 'Quincy v17.2.0+, Reef v18.2.0+, Squid v19.2.0+', kubernetes: '>=1.26.0 <1.32.0', source: SRC('1.15') },
  { minor: '1.16', newestPatch: '1.16.9', ceph: '>=18.2.0 <18.3.0 || >=19.2.0 <19.3.0', cephNames: 'Reef v18.2.0+, Squid v19.2.0+', kubernetes: '>=1.27.0 <1.33.0', source: SRC('1.16') },
  { minor: '1.17', newestPatch: '1.17.9', ceph: '>=18.2.0 <18.3.0 || >=19.2.0 <19.3.0', cephNames: 'Reef v18.2.0+, Squid v19.2.0+', kubernetes: '>=1.28.0 <1.34.0', source: SRC('1.17') },
  { minor: '1.18', newestPatch: '1.18.11', ceph: '>=18.2.0 <18.3.0 || >=19.2.0 <19.3.0 || >=20.2.0 <20.3.0', cephNames: 'Reef v18.2.0+, Squid v19.2.0+, Tentacle v20.2.0+', kubernetes: '>=1.29.0 <1.35.0', source: SRC('1.18') },
  // v1.19 and v1.20: "Ceph Tentacle v20.2.0: Not recommended" (a data corruption issue with read affinity), so 20.2.1+.
  { minor: '1.19', newestPatch: '1.19.10', ceph: '>=19.2.0 <19.3.0 || >=20.2.1 <20.3.0', cephNames: 'Squid v19.2.0+, Tentacle v20.2.1+', kubernetes: '>=1.30.0 <1.36.0', source: SRC('1.19') },
  { minor: '1.20', newestPatch: '1.20.6', ceph: '>=19.2.0 <19.3.0 || >=20.2.1 <20.3.0', cephNames: 'Squid v19.2.0+, Tentacle v20.2.1+', kubernetes: '>=1.31.0 <1.37.0', minFromPatch: '1.19.5', source: SRC('1.20') },
];

/** Profiles of every pinned Rook line: the generated facts (src/versions/rook-lines.generated.ts) plus the hand-kept row. */
export const ROOK_PROFILES: Record<RookVersion, RookProfile> = buildRookProfiles();

/** The line of a Rook version (`1.20.6` → the 1.20 line), or undefined outside the table. */
export function rookMinorLine(version: string): RookMinorLine | undefined {
  const v = semver.coerce(version);
  return v ? ROOK_MINOR_LINES.find((l) => l.minor === `${v.major}.${v.minor}`) : undefined;
}

/**
 * The releases a Rook upgrade from `from` to `to` passes through, one minor at a time, each at its newest patch
 * (the last one at `to` itself). Empty when `to` is not newer; undefined when a version is outside the table.
 */
export function rookUpgradePath(from: string, to: string): string[] | undefined {
  const a = rookMinorLine(from);
  const b = rookMinorLine(to);
  if (!a || !b) return undefined;
  const i = ROOK_MINOR_LINES.indexOf(a);
  const j = ROOK_MINOR_LINES.indexOf(b);
  if (j <= i) return [];
  return ROOK_MINOR_LINES.slice(i + 1, j + 1).map((l, k, all) => (k === all.length - 1 ? semver.coerce(to)!.version : l.newestPatch));
}

/**
 * Ceph major releases and the releases each may be upgraded from (the "Upgrading from …" sections of the Ceph
 * release notes, docs.ceph.com/en/latest/releases/<name>/: e.g. Reef from Pacific or Quincy, Squid from Quincy
 * or Reef, Tentacle from Reef or Squid).
 */
export const CEPH_RELEASES: readonly { readonly major: number; readonly name: string; readonly upgradeFrom: readonly number[] }[] = [
  { major: 12, name: 'Luminous', upgradeFrom: [10, 11] },
  { major: 13, name: 'Mimic', upgradeFrom: [11, 12] },
  { major: 14, name: 'Nautilus', upgradeFrom: [12, 13] },
  { major: 15, name: 'Octopus', upgradeFrom: [13, 14] },
  { major: 16, name: 'Pacific', upgradeFrom: [14, 15] },
  { major: 17, name: 'Quincy', upgradeFrom: [15, 16] },
  { major: 18, name: 'Reef', upgradeFrom: [16, 17] },
  { major: 19, name: 'Squid', upgradeFrom: [17, 18] },
  { major: 20, name: 'Tentacle', upgradeFrom: [18, 19] },
];

/** The Ceph version of an image reference (`quay.io/ceph/ceph:v20.2.4-20260818` → `20.2.4`), if its tag has one. */
export function cephVersionOfImage(image: string): string | undefined {
  const tag = image.includes('@') ? undefined : image.slice(image.lastIndexOf(':') + 1);
  const m = tag ? /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag) : null;
  return m ? `${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}` : undefined;
}

/**
 * A CephCluster image whose tag names a Ceph version the Rook line does not support (ROOK_MINOR_LINES `ceph`) is a
 * ConfigError; an image without a version tag (a digest, `latest-…`) is not checked. `allowUnsupported` skips it.
 */
export function checkRookCephImage(rook: RookVersion, image: string, path: string): void {
  const v = cephVersionOfImage(image);
  const line = rookMinorLine(rook);
  if (!v || !line || satisfies(v, line.ceph)) return;
  // a floating tag (`v19`, `v19.2`) is checked by what it names: some release of that major (and minor) must be supported
  const tag = image.slice(image.lastIndexOf(':') + 1);
  const parts = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
  if (parts && parts[3] === undefined) {
    const floating = parts[2] === undefined ? `>=${parts[1]}.0.0 <${Number(parts[1]) + 1}.0.0` : `>=${parts[1]}.${parts[2]}.0 <${parts[1]}.${Number(parts[2]) + 1}.0`;
    if (semver.intersects(floating, line.ceph)) return;
  }
  throw new ConfigError({
    path,
    problem: `Ceph ${cephReleaseLabel(v)} is not a release Rook ${line.minor} supports`,
    value: image,
    allowed: `Ceph ${line.cephNames} on Rook ${line.minor} (e.g. the line's default ${ROOK_PROFILES[rook].defaultCephImage})`,
    fix: 'pick an image of a supported Ceph release, pin a Rook line that supports this one, or set cephVersion.allowUnsupported: true for a test cluster',
  });
}

/** `Squid v19.2.3` for messages. */
export function cephReleaseLabel(version: string): string {
  const r = CEPH_RELEASES.find((x) => x.major === semver.major(version));
  return `${r ? `${r.name} ` : ''}v${version}`;
}

const minorOf = (v: string) => v.split('.').slice(0, 2).join('.');
const cmpMinor = (a: string, b: string) => {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
};

/**
 * The engine line a site runs: the one it names (`gitops.version`, x.y or x.y.z), else the default for its Kubernetes
 * minor (Argo CD: the newest line tested on it; Flux: the newest line that runs on it). `inCluster`: the engine runs
 * in the site's own cluster (no hub), so the site's Kubernetes must be one the line runs on. Returns x.y.0.
 */
export function engineLine(engine: 'argocd' | 'flux', kubernetes: string, named: string | undefined, inCluster: boolean, path: string): string {
  const lines = engine === 'argocd' ? ARGOCD_LINES : FLUX_LINES;
  const label = productLabel(engine);
  const keys = Object.keys(lines).sort(cmpMinor);
  const minK8s = (l: string) => (engine === 'argocd' ? `${ARGOCD_LINES[l].kubernetes[0]}.0` : FLUX_LINES[l].kubernetes);
  const runs = (l: string) => satisfies(kubernetes, `>=${minK8s(l)}`);
  if (named !== undefined) {
    const line = minorOf(named);
    if (!/^\d+\.\d+(\.\d+)?$/.test(named) || !lines[line]) {
      throw new ConfigError({
        path, problem: `not a ${label} release line this project knows`, value: named,
        allowed: keys.join(', '), fix: `name the ${label} version the cluster runs as x.y (e.g. "${keys[keys.length - 1]}")`,
      });
    }
    if (inCluster && !runs(line)) {
      const ok = keys.filter(runs);
      throw new ConfigError({
        path, problem: `${label} ${line} needs Kubernetes ${minK8s(line).replace(/\.0$/, '')} or later, but the site's cluster runs ${kubernetes}: the engine could not run there`, value: named,
        allowed: ok.length > 0 ? `${label} ${ok.join(', ')} on Kubernetes ${kubernetes}` : `no ${label} line runs on Kubernetes ${kubernetes}`,
        fix: ok.length > 0 ? `set gitops.version to the ${label} the cluster runs (e.g. "${ok[ok.length - 1]}"), or leave it unset for the default of Kubernetes ${minorOf(kubernetes)}` : `use another engine (engine: 'plain' or 'argocd') on this cluster, or run ${label} on a management cluster`,
      });
    }
    return `${line}.0`;
  }
  const k = minorOf(kubernetes);
  let pick: string | undefined;
  if (!inCluster) pick = keys[keys.length - 1];
  else if (engine === 'argocd') pick = [...keys].reverse().find((l) => cmpMinor(ARGOCD_LINES[l].kubernetes[0], k) <= 0 && cmpMinor(k, ARGOCD_LINES[l].kubernetes[1]) <= 0) ?? [...keys].reverse().find(runs);
  else pick = [...keys].reverse().find(runs);
  if (!pick) {
    throw new ConfigError({
      path, problem: `no ${label} release runs on Kubernetes ${kubernetes} (the oldest, ${keys[0]}, needs ${minK8s(keys[0]).replace(/\.0$/, '')})`, value: kubernetes,
      allowed: `${label} on Kubernetes >= ${minK8s(keys[0]).replace(/\.0$/, '')}`,
      fix: engine === 'flux' ? "use engine 'argocd' or 'plain' on this cluster, or reconcile it from a Flux management cluster (kubeConfigSecretRef)" : "use engine 'plain' on this cluster",
    });
  }
  return `${pick}.0`;
}
