import { z } from 'zod';
import { INT32_MAX, LABEL_KEY_ALLOWED, labelKeyProblem } from '../foundation/k8s-rules';
import { PropsMatch } from '../foundation/props-check';
import { Feature, hasFeature, RookVersion, ROOK_PROFILES } from '../versions';

/**
 * The part of a Rook operator that other constructs configure: ConfigMap keys, Deployment env, Helm values.
 *
 * `RookOperator` (issue #3) implements it; constructs such as `FlexVolume` only depend on this interface,
 * so they work with either operator install mode and can be tested with a small fake.
 */
export interface IRookOperatorSettings {
  /** Namespace the operator runs in (and where `rook-ceph-operator-config` lives). */
  readonly namespace: string;
  /** Sets a key of the `rook-ceph-operator-config` ConfigMap (vendored mode). */
  setConfigMapKey(key: string, value: string): void;
  /** Sets an environment variable of the operator Deployment (vendored mode). */
  setEnv(name: string, value: string): void;
  /** Sets a value of the operator Helm chart by dotted path, e.g. `agent.flexVolumeDirPath` (helm mode). */
  setHelmValue(path: string, value: unknown): void;
  /** How the operator is installed: by reference to the upstream Helm chart, or from vendored manifests plus patches. */
  readonly installMode: 'helm' | 'vendored';
}

export function isRookOperatorSettings(x: unknown): x is IRookOperatorSettings {
  const o = x as any;
  return typeof o === 'object' && o !== null && typeof o.namespace === 'string'
    && typeof o.setConfigMapKey === 'function' && typeof o.setEnv === 'function' && typeof o.setHelmValue === 'function'
    && (o.installMode === 'helm' || o.installMode === 'vendored');
}

// ---------------------------------------------------------------------------------------------------------------
// Typed operator settings (issue 10): one table of what each setting is called per pinned Rook version and install
// mode. Facts from the pinned upstream files: v1.20.6 and v1.7.11 operator.yaml (`rook-ceph-operator-config` keys
// and Deployment env), v1.2.7 operator.yaml (Deployment env only), and the rook-ceph chart templates of each tag
// (which chart value renders which key). Rook reads each key from where its own operator.yaml puts it, so the
// vendored mode writes it there too (v1.20.6 copies every ConfigMap key into the environment, v1.7.11 reads a few
// keys only from the environment: ROOK_DISABLE_DEVICE_HOTPLUG, ROOK_DISCOVER_DEVICES_INTERVAL, ...).

/** A Go duration as Rook parses it, e.g. "60m", "45s", "1h30m". */
const duration = z.string().superRefine((s, ctx) => {
  if (!/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a Go duration`, params: { allowed: 'a Go duration: numbers with units ns, us, ms, s, m, h, e.g. "60m", "45s", "1h30m"', fix: 'write the duration with a unit, e.g. "60m"' } });
  }
});
const bindAddress = z.string().superRefine((s, ctx) => {
  if (!/^(0|[A-Za-z0-9.\-[\]:]*:[0-9]{1,5})$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a metrics bind address`, params: { allowed: '"0" (metrics off) or "[host]:port", e.g. ":8080"', fix: 'use ":8080" to serve metrics on port 8080, or "0" to turn them off' } });
  }
});
const hostnameLabel = z.string().superRefine((s, ctx) => {
  const p = labelKeyProblem(s);
  if (p) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a node label key: it ${p}`, params: { allowed: LABEL_KEY_ALLOWED, fix: 'name the node label that holds the host name, e.g. "topology.example.com/host"' } });
});

/** Operator CSI switches of the Rook lines whose operator deploys CSI itself (≤ 1.17; pinned: v1.7.11, v1.2.7). */
export const operatorCsiSettingsSchema = z.strictObject({
  rbdSnapshotter: z.boolean().optional(),
  cephfsSnapshotter: z.boolean().optional(),
  snapshotter: z.boolean().optional(),
  omapGenerator: z.boolean().optional(),
  volumeReplication: z.boolean().optional(),
  grpcMetrics: z.boolean().optional(),
  hostNetwork: z.boolean().optional(),
  allowUnsupportedVersion: z.boolean().optional(),
});

/**
 * CSI switches the operator reads on Rook lines whose operator deploys CSI itself (v1.7.11, v1.2.7). Drivers,
 * images, placement, priority classes and fsGroupPolicy are `CephCsi` props.
 */
export interface RookOperatorCsiSettingsProps {
  /** CSI_ENABLE_RBD_SNAPSHOTTER: the csi-snapshotter sidecar of the RBD provisioner (v1.7.11). @default - the release's (true) */
  readonly rbdSnapshotter?: boolean;
  /** CSI_ENABLE_CEPHFS_SNAPSHOTTER: the csi-snapshotter sidecar of the CephFS provisioner (v1.7.11). @default - the release's (true) */
  readonly cephfsSnapshotter?: boolean;
  /** CSI_ENABLE_SNAPSHOTTER: the csi-snapshotter sidecar of both provisioners (v1.2.7, before the per-driver switches). @default - the release's (true) */
  readonly snapshotter?: boolean;
  /** CSI_ENABLE_OMAP_GENERATOR: the OMAP generator sidecar, needed for mirrored RBD volumes (v1.7.11). @default - the release's (false) */
  readonly omapGenerator?: boolean;
  /** CSI_ENABLE_VOLUME_REPLICATION: the volume replication sidecar (v1.7.11). @default - the release's (false) */
  readonly volumeReplication?: boolean;
  /** ROOK_CSI_ENABLE_GRPC_METRICS: gRPC metrics of the CSI pods (v1.7.11, v1.2.7). @default - the release's (false on v1.7.11, true on v1.2.7) */
  readonly grpcMetrics?: boolean;
  /** CSI_ENABLE_HOST_NETWORK: the CSI pods on the host network (v1.7.11). @default - the release's (true) */
  readonly hostNetwork?: boolean;
  /** ROOK_CSI_ALLOW_UNSUPPORTED_VERSION: let the operator deploy a ceph-csi image it does not support (v1.7.11). @default - the release's (false) */
  readonly allowUnsupportedVersion?: boolean;
}
const _csiSettings: PropsMatch<RookOperatorCsiSettingsProps, z.input<typeof operatorCsiSettingsSchema>> = true;

/** The typed operator settings beyond the basic ones of `RookOperatorProps`, as a zod shape merged into its schema. */
export const operatorSettingsShape = {
  metricsBindAddress: bindAddress.optional(),
  deleteUnusedCrushRules: z.boolean().optional(),
  cephCommandsTimeoutSeconds: z.number().int().min(1).max(3600).optional(),
  disableDeviceHotplug: z.boolean().optional(),
  discoverDevicesInterval: duration.optional(),
  customHostnameLabel: hostnameLabel.optional(),
  unreachableNodeTolerationSeconds: z.number().int().min(0).max(INT32_MAX).optional(),
  revisionHistoryLimit: z.number().int().min(0).max(INT32_MAX).optional(),
  hostpathRequiresPrivileged: z.boolean().optional(),
  reconcileConcurrentClusters: z.number().int().min(1).max(100).optional(),
  cephStatusCheckInterval: duration.optional(),
  monHealthCheckInterval: duration.optional(),
  monOutTimeout: duration.optional(),
  csi: operatorCsiSettingsSchema.optional(),
};

/** Typed operator settings (`rook-ceph-operator-config` keys, operator env, or chart values, per version and install mode). */
export interface RookOperatorSettingsProps {
  /** ROOK_OPERATOR_METRICS_BIND_ADDRESS: where the operator serves its controller metrics, "0" for off or "[host]:port" (v1.20.6). @default - the release's ("0", off) */
  readonly metricsBindAddress?: string;
  /** ROOK_DELETE_UNUSED_CRUSH_RULES: delete CRUSH rules Rook generated that no pool uses any more; false keeps custom rules (v1.20.6). @default - the release's (true) */
  readonly deleteUnusedCrushRules?: boolean;
  /** ROOK_CEPH_COMMANDS_TIMEOUT_SECONDS: timeout of the Ceph commands the operator runs, 1..3600 s (v1.20.6, v1.7.11). @default - the release's (15) */
  readonly cephCommandsTimeoutSeconds?: number;
  /** ROOK_DISABLE_DEVICE_HOTPLUG: do not create OSDs on disks that appear while the operator runs. @default - the release's (false) */
  readonly disableDeviceHotplug?: boolean;
  /** ROOK_DISCOVER_DEVICES_INTERVAL: how often rook-discover looks for disks, a Go duration such as "60m" (Helm only on v1.20.6). @default - the release's ("60m") */
  readonly discoverDevicesInterval?: string;
  /** ROOK_CUSTOM_HOSTNAME_LABEL: the node label that names the host, instead of kubernetes.io/hostname (v1.20.6). @default - the release's (kubernetes.io/hostname) */
  readonly customHostnameLabel?: string;
  /** ROOK_UNREACHABLE_NODE_TOLERATION_SECONDS: how long Ceph pods stay on an unreachable node before they are evicted. @default - the release's (5) */
  readonly unreachableNodeTolerationSeconds?: number;
  /** ROOK_REVISION_HISTORY_LIMIT: revisionHistoryLimit of the Deployments the operator creates (v1.20.6). @default - Kubernetes' (10) */
  readonly revisionHistoryLimit?: number;
  /** ROOK_HOSTPATH_REQUIRES_PRIVILEGED: run the daemons that write host paths privileged (SELinux hosts). @default - the release's (false) */
  readonly hostpathRequiresPrivileged?: boolean;
  /** ROOK_RECONCILE_CONCURRENT_CLUSTERS: CephClusters reconciled at the same time, 1..100 (v1.20.6). @default - the release's (1) */
  readonly reconcileConcurrentClusters?: number;
  /** ROOK_CEPH_STATUS_CHECK_INTERVAL: Ceph status check interval, a Go duration (v1.2.7; later lines: RookCluster healthCheck). @default - the release's ("60s") */
  readonly cephStatusCheckInterval?: string;
  /** ROOK_MON_HEALTHCHECK_INTERVAL: mon health check interval, a Go duration (v1.2.7; later lines: RookCluster healthCheck). @default - the release's ("45s") */
  readonly monHealthCheckInterval?: string;
  /** ROOK_MON_OUT_TIMEOUT: how long a mon may be down before it is replaced, a Go duration (v1.2.7; later lines: RookCluster healthCheck). @default - the release's ("600s") */
  readonly monOutTimeout?: string;
  /** CSI switches of the operator (v1.7.11, v1.2.7). @default - the release's */
  readonly csi?: RookOperatorCsiSettingsProps;
}

/** Where one pinned version carries a setting. */
export interface OperatorSettingPlace {
  /** In the vendored manifests: a `rook-ceph-operator-config` key, or an env var of the operator Deployment. */
  readonly vendored: 'configmap' | 'env';
  /** The chart value that renders the key (dotted path); none: the chart of that version has no value for it. */
  readonly helm?: string;
}

/** One typed operator setting. */
export interface OperatorSettingDef {
  /** The prop path on RookOperatorProps (`csi.omapGenerator`). */
  readonly prop: string;
  /** The operator's key (ConfigMap key = env var name). */
  readonly key: string;
  /** The gate in versions/index.ts; none: every pinned version has it. */
  readonly feature?: Feature;
  /** The fix of the version error. @default - pin a version that has it */
  readonly fix?: string;
  /** Per pinned Rook version that has the setting. */
  readonly versions: Partial<Record<RookVersion, OperatorSettingPlace>>;
  /** The chart value type (the chart quotes it into the ConfigMap / env either way). @default - the prop's own type */
  readonly helmAs?: 'string';
}

const CM_ALL = (helm: string): Partial<Record<RookVersion, OperatorSettingPlace>> => ({ '1.20.6': { vendored: 'configmap', helm }, '1.7.11': { vendored: 'configmap', helm }, '1.2.7': { vendored: 'env', helm } });
const ENV_ALL = (helm: string): Partial<Record<RookVersion, OperatorSettingPlace>> => ({ '1.20.6': { vendored: 'env', helm }, '1.7.11': { vendored: 'env', helm }, '1.2.7': { vendored: 'env', helm } });

/** Every typed operator setting (the ones of RookOperatorProps and of RookOperatorSettingsProps). */
export const OPERATOR_SETTINGS: readonly OperatorSettingDef[] = [
  { prop: 'logLevel', key: 'ROOK_LOG_LEVEL', versions: CM_ALL('logLevel') },
  { prop: 'enableDiscoveryDaemon', key: 'ROOK_ENABLE_DISCOVERY_DAEMON', versions: CM_ALL('enableDiscoveryDaemon') },
  { prop: 'enforceHostNetwork', key: 'ROOK_ENFORCE_HOST_NETWORK', feature: 'operatorEnforceHostNetwork', versions: { '1.20.6': { vendored: 'configmap', helm: 'enforceHostNetwork' } } },
  { prop: 'allowLoopDevices', key: 'ROOK_CEPH_ALLOW_LOOP_DEVICES', feature: 'operatorAllowLoopDevices', versions: { '1.20.6': { vendored: 'configmap', helm: 'allowLoopDevices' } } },
  {
    prop: 'obcWatchOperatorNamespace', key: 'ROOK_OBC_WATCH_OPERATOR_NAMESPACE', feature: 'obcWatchOperatorNamespace',
    fix: 'remove obcWatchOperatorNamespace: this Rook version always registers "ceph.rook.io/bucket"',
    versions: { '1.20.6': { vendored: 'configmap', helm: 'enableOBCWatchOperatorNamespace' }, '1.7.11': { vendored: 'configmap', helm: 'enableOBCWatchOperatorNamespace' } },
  },
  {
    prop: 'obcProvisionerNamePrefix', key: 'ROOK_OBC_PROVISIONER_NAME_PREFIX', feature: 'obcProvisionerNamePrefix',
    fix: 'remove obcProvisionerNamePrefix, or use obcWatchOperatorNamespace on this Rook version',
    versions: { '1.20.6': { vendored: 'configmap', helm: 'obcProvisionerNamePrefix' } },
  },
  // the v1.20.6 chart template renders operatorMetricsBindAddress although its values.yaml does not list it
  { prop: 'metricsBindAddress', key: 'ROOK_OPERATOR_METRICS_BIND_ADDRESS', feature: 'operatorMetricsBindAddress', versions: { '1.20.6': { vendored: 'configmap', helm: 'operatorMetricsBindAddress' } } },
  { prop: 'deleteUnusedCrushRules', key: 'ROOK_DELETE_UNUSED_CRUSH_RULES', feature: 'operatorDeleteUnusedCrushRules', versions: { '1.20.6': { vendored: 'configmap', helm: 'deleteUnusedCrushRules' } } },
  {
    prop: 'cephCommandsTimeoutSeconds', key: 'ROOK_CEPH_COMMANDS_TIMEOUT_SECONDS', feature: 'operatorCephCommandsTimeout', helmAs: 'string',
    versions: { '1.20.6': { vendored: 'configmap', helm: 'cephCommandsTimeoutSeconds' }, '1.7.11': { vendored: 'configmap', helm: 'cephCommandsTimeoutSeconds' } },
  },
  {
    prop: 'disableDeviceHotplug', key: 'ROOK_DISABLE_DEVICE_HOTPLUG',
    versions: { '1.20.6': { vendored: 'configmap', helm: 'disableDeviceHotplug' }, '1.7.11': { vendored: 'env', helm: 'disableDeviceHotplug' }, '1.2.7': { vendored: 'env', helm: 'disableDeviceHotplug' } },
  },
  // the v1.7.11 and v1.2.7 charts have no value for it (their operator keeps the image's default)
  { prop: 'discoverDevicesInterval', key: 'ROOK_DISCOVER_DEVICES_INTERVAL', versions: { '1.20.6': { vendored: 'configmap', helm: 'discoveryDaemonInterval' }, '1.7.11': { vendored: 'env' }, '1.2.7': { vendored: 'env' } } },
  { prop: 'customHostnameLabel', key: 'ROOK_CUSTOM_HOSTNAME_LABEL', feature: 'operatorCustomHostnameLabel', versions: { '1.20.6': { vendored: 'configmap', helm: 'customHostnameLabel' } } },
  { prop: 'unreachableNodeTolerationSeconds', key: 'ROOK_UNREACHABLE_NODE_TOLERATION_SECONDS', versions: ENV_ALL('unreachableNodeTolerationSeconds') },
  { prop: 'revisionHistoryLimit', key: 'ROOK_REVISION_HISTORY_LIMIT', feature: 'operatorRevisionHistoryLimit', versions: { '1.20.6': { vendored: 'configmap', helm: 'revisionHistoryLimit' } } },
  { prop: 'hostpathRequiresPrivileged', key: 'ROOK_HOSTPATH_REQUIRES_PRIVILEGED', versions: ENV_ALL('hostpathRequiresPrivileged') },
  { prop: 'reconcileConcurrentClusters', key: 'ROOK_RECONCILE_CONCURRENT_CLUSTERS', feature: 'operatorReconcileConcurrentClusters', versions: { '1.20.6': { vendored: 'env', helm: 'reconcileConcurrentClusters' } } },
  ...([['cephStatusCheckInterval', 'ROOK_CEPH_STATUS_CHECK_INTERVAL', 'cephStatusCheckInterval'], ['monHealthCheckInterval', 'ROOK_MON_HEALTHCHECK_INTERVAL', 'mon.healthCheckInterval'], ['monOutTimeout', 'ROOK_MON_OUT_TIMEOUT', 'mon.monOutTimeout']] as const)
    .map(([prop, key, helm]): OperatorSettingDef => ({ prop, key, feature: 'operatorHealthIntervalsEnv', fix: 'set the interval in RookCluster healthCheck on this Rook version', versions: { '1.2.7': { vendored: 'env', helm } } })),
  { prop: 'csi.rbdSnapshotter', key: 'CSI_ENABLE_RBD_SNAPSHOTTER', feature: 'csiPerDriverSnapshotter', fix: 'on Rook v1.2.7 use csi.snapshotter (both drivers)', versions: { '1.7.11': { vendored: 'configmap', helm: 'csi.enableRBDSnapshotter' } } },
  { prop: 'csi.cephfsSnapshotter', key: 'CSI_ENABLE_CEPHFS_SNAPSHOTTER', feature: 'csiPerDriverSnapshotter', fix: 'on Rook v1.2.7 use csi.snapshotter (both drivers)', versions: { '1.7.11': { vendored: 'configmap', helm: 'csi.enableCephfsSnapshotter' } } },
  { prop: 'csi.snapshotter', key: 'CSI_ENABLE_SNAPSHOTTER', feature: 'csiSnapshotterSwitch', fix: 'use csi.rbdSnapshotter and csi.cephfsSnapshotter on Rook 1.7', versions: { '1.2.7': { vendored: 'env', helm: 'csi.enableSnapshotter' } } },
  { prop: 'csi.omapGenerator', key: 'CSI_ENABLE_OMAP_GENERATOR', feature: 'csiOperatorSwitches', versions: { '1.7.11': { vendored: 'configmap', helm: 'csi.enableOMAPGenerator' } } },
  { prop: 'csi.volumeReplication', key: 'CSI_ENABLE_VOLUME_REPLICATION', feature: 'csiOperatorSwitches', versions: { '1.7.11': { vendored: 'configmap', helm: 'csi.volumeReplication.enabled' } } },
  { prop: 'csi.grpcMetrics', key: 'ROOK_CSI_ENABLE_GRPC_METRICS', feature: 'csiGrpcMetrics', versions: { '1.7.11': { vendored: 'configmap', helm: 'csi.enableGrpcMetrics' }, '1.2.7': { vendored: 'env', helm: 'csi.enableGrpcMetrics' } } },
  { prop: 'csi.hostNetwork', key: 'CSI_ENABLE_HOST_NETWORK', feature: 'csiOperatorSwitches', versions: { '1.7.11': { vendored: 'configmap', helm: 'csi.enableCSIHostNetwork' } } },
  { prop: 'csi.allowUnsupportedVersion', key: 'ROOK_CSI_ALLOW_UNSUPPORTED_VERSION', feature: 'csiOperatorSwitches', versions: { '1.7.11': { vendored: 'configmap', helm: 'csi.allowUnsupportedVersion' } } },
];

/**
 * Where a pinned Rook line carries a setting. The rows above name the three lines whose operator code was read
 * (v1.20.6, v1.7.11, v1.2.7); on every other line the place is derived from the generated table
 * (src/versions/rook-lines.generated.ts, from the line's operator.yaml and rook-ceph chart values): behind the
 * setting's feature gate, a `rook-ceph-operator-config` key if operator.yaml lists it there, else an operator env
 * var if the Deployment lists it; the chart value is the first of the rows' chart paths that the line's values.yaml
 * has. A key the line's operator.yaml does not list is taken as not read.
 */
export function operatorSettingPlace(def: OperatorSettingDef, line: RookVersion): OperatorSettingPlace | undefined {
  const hand = def.versions[line];
  if (hand) return hand;
  if (line === '1.20.6' || line === '1.7.11' || line === '1.2.7') return undefined;
  if (def.feature && !hasFeature({ kubernetes: '1.99.0', rook: line }, def.feature)) return undefined;
  const facts = ROOK_PROFILES[line].facts;
  const vendored = facts.configMapKeys.includes(def.key) ? 'configmap' : facts.envVars.includes(def.key) ? 'env' : undefined;
  if (!vendored) return undefined;
  const values = facts.chartValues['rook-ceph'] ?? [];
  const helm = [...new Set(Object.values(def.versions).map((x) => x?.helm).filter((x): x is string => !!x))].find((h) => values.includes(h));
  return { vendored, ...(helm ? { helm } : {}) };
}

/** The pinned lines that read a setting (for messages). */
export function operatorSettingLines(def: OperatorSettingDef, helm = false): RookVersion[] {
  return (Object.keys(ROOK_PROFILES) as RookVersion[]).filter((v) => {
    const p = operatorSettingPlace(def, v);
    return p !== undefined && (!helm || p.helm !== undefined);
  });
}

/** The setting of an operator key, if it is a typed one. */
export function operatorSettingOfKey(key: string): OperatorSettingDef | undefined {
  return OPERATOR_SETTINGS.find((s) => s.key === key);
}

/** The value of a prop path in parsed props. */
export function operatorSettingValue(props: Record<string, unknown>, prop: string): unknown {
  return prop.split('.').reduce<any>((o, k) => (o === undefined || o === null ? undefined : o[k]), props);
}

/** A typed value as the operator reads it (ConfigMap data and env are strings). */
export function operatorSettingString(value: unknown): string {
  return String(value);
}

/** A ConfigMap / env string as the chart value of the setting (booleans and numbers typed, as in the chart values). */
export function operatorSettingHelmValue(def: OperatorSettingDef, value: unknown): unknown {
  return def.helmAs === 'string' ? String(value) : value;
}

/** A raw ConfigMap / env string converted to the chart value type of a typed setting. */
export function helmValueOfRawString(def: OperatorSettingDef, raw: string): unknown {
  if (def.helmAs === 'string') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?[0-9]+$/.test(raw)) return Number(raw);
  return raw;
}
