/**
 * The CephCluster knobs beyond storage, mons and mgrs: upgrade behaviour, monitoring, the typed Ceph config, cephx
 * security, CSI read affinity, health checks, disruption management, the network and stretch clusters, and the
 * cleanup policy options of `confirmDataDestruction()`. Schemas, documented props, version gates and rendering live
 * here; `rook-cluster.ts` (and `external-cluster.ts` for `healthCheck`) plug them in.
 *
 * Field names, types and ranges follow the pinned CephCluster CRDs (rook@v1.20.6 and rook@v1.7.11 crds.yaml, the
 * v1.2.7 CRD in common.yaml); a field the pinned version does not declare is refused through `requireFeature`.
 */
import { z } from 'zod';
import { CephClusterSpec, CephClusterSpecCleanupPolicy } from '../../imports/ceph.rook.io';
import { asL1 } from './l1';
import { parseProps } from '../foundation/errors';
import { dnsLabel, int32, k8sObject, labels as labelMap } from '../foundation/props';
import { PropsMatch } from '../foundation/props-check';
import { refineUnique } from '../foundation/unique';
import { Feature, requireFeature, requireFieldFeature, VersionSet } from '../versions';

/** A Go duration as Rook parses it (`time.ParseDuration`), e.g. "45s", "1m30s". */
export const goDuration = z.string().regex(/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, { message: 'not a Go duration like "45s" or "1m30s"' });

const duration = goDuration;

// ---------------------------------------------------------------------------------------------------------------
// upgrade and OSD removal (top-level CephCluster fields)

/** How the operator upgrades the cluster and handles OSDs that are out. */
export interface RookClusterUpgradeKnobsProps {
  /** Upgrade without Rook's checks that the daemons are ok-to-stop. @default - Rook's default (false) */
  readonly skipUpgradeChecks?: boolean;
  /** Go on with an upgrade after the checks even when the cluster is not healthy. @default - Rook's default (false) */
  readonly continueUpgradeAfterChecksEvenIfNotHealthy?: boolean;
  /** Minutes the operator waits for an upgraded OSD to be healthy before it goes on (or stops, see continueUpgradeAfterChecksEvenIfNotHealthy). Not on Rook v1.2.7. @default - Rook's default (10) */
  readonly waitTimeoutForHealthyOSDInMinutes?: number;
  /** Upgrade OSDs only when every placement group is clean. Rook v1.20.6 only. @default - Rook's default (false) */
  readonly upgradeOSDRequiresHealthyPGs?: boolean;
  /** Let the operator remove the deployment of an OSD that is out and safe to destroy. @default - Rook's default (false) */
  readonly removeOSDsIfOutAndSafeToRemove?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// monitoring

const monitoringExporterSchema = z.strictObject({
  perfCountersPrioLimit: int32.min(0).optional(),
  statsPeriodSeconds: int32.min(0).optional(),
  hostNetwork: z.boolean().optional(),
  port: z.number().int().min(1).max(65535).optional(),
});

/** The Ceph exporter daemons (Rook v1.20.6). */
export interface RookClusterMonitoringExporterProps {
  /** Only performance counters of this priority or higher are exported. @default - Rook's default (5) */
  readonly perfCountersPrioLimit?: number;
  /** Seconds between two reads of the daemons' counters. @default - Rook's default (5) */
  readonly statsPeriodSeconds?: number;
  /** Run the exporter on the host network. @default - as the cluster network */
  readonly hostNetwork?: boolean;
  /** Port of the exporter metrics, 1..65535. @default - Rook's default (9926) */
  readonly port?: number;
}

export const monitoringSchema = z.strictObject({
  enabled: z.boolean().optional(),
  metricsDisabled: z.boolean().optional(),
  exporter: monitoringExporterSchema.optional(),
  interval: duration.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  rulesNamespace: dnsLabel.optional(),
});

/**
 * Prometheus monitoring. With `enabled: true` the operator creates ServiceMonitors (and on older releases a
 * PrometheusRule), so the Site must declare the Prometheus operator CRDs in `clusterCrds`.
 */
export interface RookClusterMonitoringProps {
  /** Create the ServiceMonitors for the mgr and exporter metrics; needs `clusterCrds: ['prometheus-operator@...']` on the Site. @default - Rook's default (false) */
  readonly enabled?: boolean;
  /** Turn the mgr prometheus module and the exporter off. Rook v1.20.6. @default - Rook's default (false) */
  readonly metricsDisabled?: boolean;
  /** The Ceph exporter. Rook v1.20.6. @default - Rook's defaults */
  readonly exporter?: RookClusterMonitoringExporterProps;
  /** Scrape interval of the ServiceMonitors, a Go duration such as "30s". Rook v1.20.6. @default - Rook's default */
  readonly interval?: string;
  /** Port of the mgr prometheus module, 1..65535. Rook v1.20.6. @default - Rook's default (9283) */
  readonly port?: number;
  /** Namespace of the PrometheusRule the operator creates. Rook v1.7.11 and v1.2.7 only. @default - the cluster namespace */
  readonly rulesNamespace?: string;
}
const _monitoringProps: PropsMatch<RookClusterMonitoringProps, z.input<typeof monitoringSchema>> = true;

// ---------------------------------------------------------------------------------------------------------------
// ceph config

/** A ceph.conf section name: `global`, `mon`, `osd`, `osd.3`, `client.rgw.a`, ... */
const cephSection = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]*$/, { message: 'not a Ceph config section like "global", "osd" or "osd.3"' });
/** A Ceph option name: letters, digits, "_" (Ceph also reads spaces as "_"). */
const cephOption = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_ ]*$/, { message: 'not a Ceph option name like "osd_pool_default_size"' });

export const cephConfigSchema = z.record(cephSection, z.record(cephOption, z.string()));

const secretKeyRefSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'not a Secret name (DNS-1123 subdomain)' }),
  key: z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: 'not a Secret key (letters, digits, "-", "_", ".")' }),
  optional: z.boolean().optional(),
});

/** A key of a Secret in the cluster namespace (a reference only; the value stays in the Secret). */
export interface RookClusterSecretKeyRefProps {
  /** Secret name, in the cluster namespace. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
  /** Do not fail when the Secret or key is missing. @default - Kubernetes' default (false) */
  readonly optional?: boolean;
}
const _secretKeyRefProps: PropsMatch<RookClusterSecretKeyRefProps, z.input<typeof secretKeyRefSchema>> = true;

export const cephConfigFromSecretSchema = z.record(cephSection, z.record(cephOption, secretKeyRefSchema));

// ---------------------------------------------------------------------------------------------------------------
// security

const KEY_ROTATION_POLICIES = ['Disabled', 'KeyGeneration'] as const;
const KEY_TYPES = ['aes', 'aes256k'] as const;

const cephxKeySchema = z.strictObject({
  keyRotationPolicy: z.enum(KEY_ROTATION_POLICIES).optional(),
  keyGeneration: z.number().int().min(0).max(4294967295).optional(),
  keyType: z.enum(KEY_TYPES).optional(),
});
const cephxCsiKeySchema = cephxKeySchema.extend({ keepPriorKeyCountMax: z.number().int().min(0).max(10).optional() });

/** Rotation of one set of cephx keys. */
export interface RookClusterCephxKeyProps {
  /** 'KeyGeneration': rotate the keys whenever keyGeneration is raised; 'Disabled': never. @default - Rook's default (no rotation) */
  readonly keyRotationPolicy?: 'Disabled' | 'KeyGeneration';
  /** With keyRotationPolicy 'KeyGeneration': the key generation to reach; raise it to rotate. 0..4294967295. @default - none */
  readonly keyGeneration?: number;
  /** Cipher of new keys. @default - Ceph's default */
  readonly keyType?: 'aes' | 'aes256k';
}
const _cephxKeyProps: PropsMatch<RookClusterCephxKeyProps, z.input<typeof cephxKeySchema>> = true;

/** Rotation of the CSI cephx keys. */
export interface RookClusterCephxCsiKeyProps extends RookClusterCephxKeyProps {
  /** Older CSI keys kept valid after a rotation, 0..10 (mounted volumes still use them). @default - Rook's default */
  readonly keepPriorKeyCountMax?: number;
}
const _cephxCsiKeyProps: PropsMatch<RookClusterCephxCsiKeyProps, z.input<typeof cephxCsiKeySchema>> = true;

const cephxSchema = z.strictObject({
  daemon: cephxKeySchema.optional(),
  csi: cephxCsiKeySchema.optional(),
  rbdMirrorPeer: cephxKeySchema.optional(),
  allowedCiphers: z.array(z.enum(KEY_TYPES)).min(1).max(2).optional(),
});

/** cephx keys of the daemons, CSI and RBD mirror peers (Rook v1.20.6). */
export interface RookClusterCephxProps {
  /** Keys of the Ceph daemons. @default - Rook's defaults */
  readonly daemon?: RookClusterCephxKeyProps;
  /** Keys of the CSI drivers. @default - Rook's defaults */
  readonly csi?: RookClusterCephxCsiKeyProps;
  /** Keys of RBD mirror peers. @default - Rook's defaults */
  readonly rbdMirrorPeer?: RookClusterCephxKeyProps;
  /** Ciphers Ceph accepts, one or both of 'aes', 'aes256k'. @default - Ceph's default */
  readonly allowedCiphers?: ('aes' | 'aes256k')[];
}
const _cephxProps: PropsMatch<RookClusterCephxProps, z.input<typeof cephxSchema>> = true;

const keyRotationSchema = z.strictObject({
  enabled: z.boolean().optional(),
  schedule: z.string().regex(/^(@(every\s+\S+|yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$/, { message: 'not a cron schedule ("0 2 * * 0") or "@every 720h", "@weekly", ...' }).optional(),
});

/** Scheduled rotation of the encryption keys of encrypted OSDs (KMS-backed). */
export interface RookClusterKeyRotationProps {
  /** Rotate the keys on the schedule. @default - Rook's default (false) */
  readonly enabled?: boolean;
  /** Cron schedule ("0 2 * * 0") or a descriptor ("@weekly", "@every 720h"). @default - Rook's default ("@weekly") */
  readonly schedule?: string;
}
const _keyRotationProps: PropsMatch<RookClusterKeyRotationProps, z.input<typeof keyRotationSchema>> = true;

/** connectionDetails keys that would hold a credential; Rook reads the token from the Secret `tokenSecretName`. */
const KMS_CREDENTIAL_KEY = /(^|_)(TOKEN|PASSWORD|PASSPHRASE|SECRET_ID)$/;

const kmsSchema = z.strictObject({
  connectionDetails: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, { message: 'not a KMS setting name like "KMS_PROVIDER" or "VAULT_ADDR"' }), z.string()).optional(),
  tokenSecretName: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'not a Secret name (DNS-1123 subdomain)' }).optional(),
}).superRefine((k, ctx) => {
  for (const key of Object.keys(k.connectionDetails ?? {})) {
    if (KMS_CREDENTIAL_KEY.test(key)) {
      ctx.addIssue({
        code: 'custom', path: ['connectionDetails', key],
        message: `"${key}" is a credential; it would be committed to git in the CephCluster`,
        params: { value: key, allowed: 'connection settings only (KMS_PROVIDER, VAULT_ADDR, VAULT_BACKEND_PATH, ...)', fix: 'put the token into a Secret in the cluster namespace and name it in security.kms.tokenSecretName' },
      });
    }
  }
});

/** The key management service of encrypted OSDs: connection settings and a Secret reference, never the token itself. */
export interface RookClusterKmsProps {
  /** KMS connection settings by name (e.g. `{ KMS_PROVIDER: 'vault', VAULT_ADDR: 'https://vault:8200' }`); no credentials. @default - none */
  readonly connectionDetails?: Record<string, string>;
  /** Name of the Secret in the cluster namespace that holds the KMS token. @default - none */
  readonly tokenSecretName?: string;
}
const _kmsProps: PropsMatch<RookClusterKmsProps, z.input<typeof kmsSchema>> = true;

export const securitySchema = z.strictObject({
  cephx: cephxSchema.optional(),
  keyRotation: keyRotationSchema.optional(),
  kms: kmsSchema.optional(),
});

/** Security settings of the cluster. */
export interface RookClusterSecurityProps {
  /** cephx key rotation and ciphers. Rook v1.20.6. @default - Rook's defaults */
  readonly cephx?: RookClusterCephxProps;
  /** Scheduled rotation of OSD encryption keys. Rook v1.20.6. @default - Rook's defaults (off) */
  readonly keyRotation?: RookClusterKeyRotationProps;
  /** Key management service for the keys of encrypted OSDs. Not on Rook v1.2.7. @default - keys in Kubernetes Secrets */
  readonly kms?: RookClusterKmsProps;
}
const _securityProps: PropsMatch<RookClusterSecurityProps, z.input<typeof securitySchema>> = true;

// ---------------------------------------------------------------------------------------------------------------
// csi

const labelKey = z.string().superRefine((k, ctx) => {
  const r = labelMap.safeParse({ [k]: 'x' });
  if (!r.success) ctx.addIssue({ code: 'custom', message: `"${k}" is not a node label key`, params: { allowed: 'a label key such as "topology.kubernetes.io/zone"', fix: 'use a node label key' } });
});

export const csiSchema = z.strictObject({
  readAffinity: z.strictObject({
    enabled: z.boolean().optional(),
    crushLocationLabels: z.array(labelKey).optional(),
  }).optional(),
  cephfs: z.strictObject({
    kernelMountOptions: z.string().min(1).optional(),
    fuseMountOptions: z.string().min(1).optional(),
  }).optional(),
  skipUserCreation: z.boolean().optional(),
});

/** Read affinity of RBD and CephFS clients: read from the OSD nearest to the node. */
export interface RookClusterCsiReadAffinityProps {
  /** Turn read affinity on. @default - Rook's default (false) */
  readonly enabled?: boolean;
  /** Node labels that give a node's CRUSH location. @default - Rook's default (the hostname, zone and region labels) */
  readonly crushLocationLabels?: string[];
}

/** CephFS mount options of the CSI driver. */
export interface RookClusterCsiCephfsProps {
  /** Kernel client mount options, comma separated (e.g. "ms_mode=secure"). @default - none */
  readonly kernelMountOptions?: string;
  /** ceph-fuse mount options. @default - none */
  readonly fuseMountOptions?: string;
}

/** CSI settings of this cluster (Rook v1.20.6). */
export interface RookClusterCsiProps {
  /** Read affinity. @default - Rook's defaults */
  readonly readAffinity?: RookClusterCsiReadAffinityProps;
  /** CephFS mount options. @default - none */
  readonly cephfs?: RookClusterCsiCephfsProps;
  /** Do not create the CSI cephx users (they are created elsewhere). @default - Rook's default (false) */
  readonly skipUserCreation?: boolean;
}
const _csiProps: PropsMatch<RookClusterCsiProps, z.input<typeof csiSchema>> = true;

// ---------------------------------------------------------------------------------------------------------------
// health checks

const daemonCheckSchema = z.strictObject({
  disabled: z.boolean().optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
});

/** One of the operator's periodic health checks. */
export interface RookClusterDaemonHealthCheckProps {
  /** Turn the check off. @default - Rook's default (false) */
  readonly disabled?: boolean;
  /** Time between two checks, a Go duration such as "45s". @default - Rook's default */
  readonly interval?: string;
  /** mon: how long a mon may be out of quorum before Rook replaces it, a Go duration such as "600s". @default - Rook's default */
  readonly timeout?: string;
}
const _daemonCheckProps: PropsMatch<RookClusterDaemonHealthCheckProps, z.input<typeof daemonCheckSchema>> = true;

const daemonHealthSchema = z.strictObject({
  mon: daemonCheckSchema.optional(),
  osd: daemonCheckSchema.optional(),
  status: daemonCheckSchema.optional(),
});

/** The operator's health checks of the mons, OSDs and the cluster status. */
export interface RookClusterDaemonHealthProps {
  /** The mon quorum check. @default - Rook's defaults */
  readonly mon?: RookClusterDaemonHealthCheckProps;
  /** The OSD check. @default - Rook's defaults */
  readonly osd?: RookClusterDaemonHealthCheckProps;
  /** The cluster status check (`ceph status` into the CR status). @default - Rook's defaults */
  readonly status?: RookClusterDaemonHealthCheckProps;
}
const _daemonHealthProps: PropsMatch<RookClusterDaemonHealthProps, z.input<typeof daemonHealthSchema>> = true;

/** Rook's ProbeSpec (`{ disabled, probe }`), shared by the CephCluster daemons and the CephFilesystem MDS. */
export const probeSchema = z.strictObject({
  disabled: z.boolean().optional(),
  probe: k8sObject.optional(),
});

/** A liveness or startup probe of a daemon. */
export interface RookClusterProbeProps {
  /** Run the daemon without the probe. @default - Rook's default (false) */
  readonly disabled?: boolean;
  /** Overrides of the probe (a Kubernetes Probe: initialDelaySeconds, periodSeconds, timeoutSeconds, ...). @default - Rook's probe */
  readonly probe?: Record<string, unknown>;
}
const _probeProps: PropsMatch<RookClusterProbeProps, z.input<typeof probeSchema>> = true;

/** Daemons whose probes the CephCluster sets. */
export const PROBE_DAEMONS = ['mon', 'mgr', 'osd'] as const;
/** A daemon whose probes the CephCluster sets. */
export type RookProbeDaemon = (typeof PROBE_DAEMONS)[number];

const probesSchema = z.strictObject({ mon: probeSchema.optional(), mgr: probeSchema.optional(), osd: probeSchema.optional() });

/**
 * A Ceph health check code as the CephCluster CRD's rule on `spec.healthCheck.muteHealthWarning` keys has it
 * (rook/v1.20.6/crds.yaml, x-kubernetes-validations `k.matches(...)`): upper-case words joined by `_`, at least two.
 * test/cel-rules.test.ts evaluates the CRD rule itself on the same keys, so the two cannot disagree.
 */
export const CEPH_HEALTH_CODE = /^[A-Z]+(_[A-Z]+)+$/;

export const healthCheckSchema = z.strictObject({
  daemonHealth: daemonHealthSchema.optional(),
  livenessProbe: probesSchema.optional(),
  startupProbe: probesSchema.optional(),
  muteHealthWarning: z.record(z.string(), z.strictObject({ policy: z.enum(['mute', 'unmute']) })).superRefine((m, ctx) => {
    for (const k of Object.keys(m)) {
      if (CEPH_HEALTH_CODE.test(k)) continue;
      ctx.addIssue({
        code: 'custom', path: [k], message: `${JSON.stringify(k)} is not a Ceph health check code (the CephCluster CRD refuses the key)`,
        params: { value: k, allowed: 'upper-case words joined by "_", at least two, like POOL_NO_REDUNDANCY or OSD_DOWN', fix: 'use the code `ceph health detail` prints for the warning' },
      });
    }
  }).optional(),
});

/** A Ceph health warning muted (or unmuted) by the operator. */
export interface RookClusterMuteHealthWarningProps {
  /** 'mute' or 'unmute'. */
  readonly policy: 'mute' | 'unmute';
}

/** Health checks and probes of the Ceph daemons. */
export interface RookClusterHealthCheckProps {
  /** The operator's periodic checks. @default - Rook's defaults */
  readonly daemonHealth?: RookClusterDaemonHealthProps;
  /** Liveness probes per daemon (mon, mgr, osd). @default - Rook's probes */
  readonly livenessProbe?: Partial<Record<RookProbeDaemon, RookClusterProbeProps>>;
  /** Startup probes per daemon (mon, mgr, osd). Rook v1.20.6. @default - Rook's probes */
  readonly startupProbe?: Partial<Record<RookProbeDaemon, RookClusterProbeProps>>;
  /** Ceph health warnings to mute, by code (e.g. `POOL_NO_REDUNDANCY`). Rook v1.20.6. @default - none */
  readonly muteHealthWarning?: Record<string, RookClusterMuteHealthWarningProps>;
}
const _healthCheckProps: PropsMatch<RookClusterHealthCheckProps, z.input<typeof healthCheckSchema>> = true;

/** The health checks an external cluster has: the mon and status checks, no probes (Rook runs no daemons there). */
export const externalHealthCheckSchema = z.strictObject({
  daemonHealth: z.strictObject({ mon: daemonCheckSchema.optional(), status: daemonCheckSchema.optional() }).optional(),
});

/** The operator's checks of an external cluster. */
export interface ExternalClusterDaemonHealthProps {
  /** Check of the connection to the external mons. @default - Rook's defaults */
  readonly mon?: RookClusterDaemonHealthCheckProps;
  /** The cluster status check. @default - Rook's defaults */
  readonly status?: RookClusterDaemonHealthCheckProps;
}

/** Health checks of an external cluster. */
export interface ExternalClusterHealthCheckProps {
  /** The operator's periodic checks. @default - Rook's defaults */
  readonly daemonHealth?: ExternalClusterDaemonHealthProps;
}
const _externalHealthCheckProps: PropsMatch<ExternalClusterHealthCheckProps, z.input<typeof externalHealthCheckSchema>> = true;

// ---------------------------------------------------------------------------------------------------------------
// disruption management

export const disruptionManagementSchema = z.strictObject({
  managePodBudgets: z.boolean().optional(),
  osdMaintenanceTimeout: z.number().int().min(0).optional(),
  pgHealthCheckTimeout: z.number().int().min(0).optional(),
  pgHealthyRegex: z.string().min(1).optional(),
  manageMachineDisruptionBudgets: z.boolean().optional(),
  machineDisruptionBudgetNamespace: dnsLabel.optional(),
});

/** How OSD disruptions (drains, upgrades) are managed. */
export interface RookClusterDisruptionManagementProps {
  /** Let Rook manage PodDisruptionBudgets of the OSDs, mons and mgrs. @default - Rook's default */
  readonly managePodBudgets?: boolean;
  /** Minutes a failure domain may stay down for maintenance before Rook reacts. @default - Rook's default (30) */
  readonly osdMaintenanceTimeout?: number;
  /** Minutes Rook waits for placement groups to become healthy after a drain. Not on Rook v1.2.7. @default - Rook's default (0) */
  readonly pgHealthCheckTimeout?: number;
  /** Regular expression of the PG states counted as healthy during a drain. Rook v1.20.6. @default - Rook's default */
  readonly pgHealthyRegex?: string;
  /** OpenShift: manage MachineDisruptionBudgets of the OSD machines. Rook v1.7.11 and v1.2.7. @default - Rook's default (false) */
  readonly manageMachineDisruptionBudgets?: boolean;
  /** OpenShift: namespace of the MachineDisruptionBudgets. Rook v1.7.11 and v1.2.7. @default - Rook's default ("openshift-machine-api") */
  readonly machineDisruptionBudgetNamespace?: string;
}
const _disruptionProps: PropsMatch<RookClusterDisruptionManagementProps, z.input<typeof disruptionManagementSchema>> = true;

// ---------------------------------------------------------------------------------------------------------------
// network

const cidr = z.string().regex(/^[0-9a-fA-F:.]{2,}\/[0-9]{1,3}$/, { message: 'not a CIDR like "192.168.100.0/24"' });

export const networkSchema = z.strictObject({
  provider: z.enum(['host', 'multus']).optional(),
  selectors: z.record(z.string(), z.string()).optional(),
  hostNetwork: z.boolean().optional(),
  ipFamily: z.enum(['IPv4', 'IPv6']).optional(),
  dualStack: z.boolean().optional(),
  addressRanges: z.strictObject({ public: z.array(cidr).optional(), cluster: z.array(cidr).optional() }).optional(),
  connections: z.strictObject({
    encryption: z.strictObject({ enabled: z.boolean().optional() }).optional(),
    compression: z.strictObject({ enabled: z.boolean().optional() }).optional(),
    requireMsgr2: z.boolean().optional(),
  }).optional(),
  multiClusterService: z.strictObject({ enabled: z.boolean().optional(), clusterID: z.string().min(1).optional() }).optional(),
});

/** On or off. */
export interface RookClusterToggleProps {
  /** On. @default - Rook's default (off) */
  readonly enabled?: boolean;
}

/** Settings of the connections between Ceph daemons and clients (msgr2), as in the CephCluster. */
export interface RookClusterNetworkConnectionsProps {
  /** Encrypt the traffic on the wire (msgr2 secure mode). @default - Rook's default (off) */
  readonly encryption?: RookClusterToggleProps;
  /** Compress the traffic on the wire. @default - Rook's default (off) */
  readonly compression?: RookClusterToggleProps;
  /** Only the msgr2 protocol (port 3300), no legacy v1 port. @default - Rook's default (false) */
  readonly requireMsgr2?: boolean;
}

/** CIDRs the Ceph public and cluster networks use (with host networking or multus). */
export interface RookClusterAddressRangesProps {
  /** CIDRs of the public network, e.g. ["192.168.100.0/24"]. @default - none */
  readonly public?: string[];
  /** CIDRs of the cluster (replication) network. @default - none */
  readonly cluster?: string[];
}

/** Multi-cluster services (MCS) export of the mons and OSDs. */
export interface RookClusterMultiClusterServiceProps {
  /** Export the services. @default - Rook's default (false) */
  readonly enabled?: boolean;
  /** Cluster ID of the MCS implementation. @default - none */
  readonly clusterID?: string;
}

/** The network the Ceph daemons use. */
export interface RookClusterNetworkProps {
  /** 'host' networking, or 'multus' with network attachment definitions. @default - the pod network */
  readonly provider?: 'host' | 'multus';
  /** multus only: network selectors, e.g. `{ public: 'ns/public-net', cluster: 'ns/cluster-net' }`; at least one. @default - none */
  readonly selectors?: Record<string, string>;
  /** The legacy switch for host networking (Rook v1.2.7's way); not with `provider`. @default - Rook's default (false) */
  readonly hostNetwork?: boolean;
  /** IP family of the daemons. @default - Rook's default ('IPv4') */
  readonly ipFamily?: 'IPv4' | 'IPv6';
  /** Listen on both IPv4 and IPv6. @default - Rook's default (false) */
  readonly dualStack?: boolean;
  /** CIDRs of the public and cluster networks. Rook v1.20.6. @default - none */
  readonly addressRanges?: RookClusterAddressRangesProps;
  /** Encryption, compression and msgr2 of the connections. Rook v1.20.6. @default - Rook's defaults */
  readonly connections?: RookClusterNetworkConnectionsProps;
  /** Multi-cluster services. Rook v1.20.6. @default - none */
  readonly multiClusterService?: RookClusterMultiClusterServiceProps;
}
const _networkProps: PropsMatch<RookClusterNetworkProps, z.input<typeof networkSchema>> = true;

// ---------------------------------------------------------------------------------------------------------------
// stretch cluster

export const stretchClusterSchema = z.strictObject({
  failureDomainLabel: z.string().min(1).optional(),
  subFailureDomain: z.string().min(1).optional(),
  zones: z.array(z.strictObject({ name: z.string().min(1), arbiter: z.boolean().optional() })),
});

/** A zone of a stretch cluster. */
export interface RookClusterStretchZoneProps {
  /** Value of the failure domain label of the zone's nodes, e.g. "a". */
  readonly name: string;
  /** The zone that runs only the tie-breaker mon. Exactly one zone is the arbiter. @default false */
  readonly arbiter?: boolean;
}

/** A stretch cluster: two data zones and an arbiter zone, 5 mons (2 + 2 + 1). Not on Rook v1.2.7. */
export interface RookClusterStretchProps {
  /** Node label of the zones. @default - Rook's default ("topology.kubernetes.io/zone") */
  readonly failureDomainLabel?: string;
  /** Failure domain inside a zone for the data replicas, e.g. "host". @default - Rook's default ("host") */
  readonly subFailureDomain?: string;
  /** Exactly three zones, one of them `arbiter: true`. */
  readonly zones: RookClusterStretchZoneProps[];
}
const _stretchProps: PropsMatch<RookClusterStretchProps, z.input<typeof stretchClusterSchema>> = true;

// ---------------------------------------------------------------------------------------------------------------
// the top-level knobs, spread into rookClusterSchema

export const clusterKnobsShape = {
  skipUpgradeChecks: z.boolean().optional(),
  continueUpgradeAfterChecksEvenIfNotHealthy: z.boolean().optional(),
  waitTimeoutForHealthyOSDInMinutes: int32.min(0).optional(),
  upgradeOSDRequiresHealthyPGs: z.boolean().optional(),
  removeOSDsIfOutAndSafeToRemove: z.boolean().optional(),
  monitoring: monitoringSchema.optional(),
  cephConfig: cephConfigSchema.optional(),
  cephConfigFromSecret: cephConfigFromSecretSchema.optional(),
  security: securitySchema.optional(),
  csi: csiSchema.optional(),
  rbdMirroring: z.strictObject({ workers: int32.min(0).optional() }).optional(),
};

/** The RBD mirroring daemons of a Rook v1.2 cluster (later releases use a CephRBDMirror). */
export interface RookClusterRbdMirroringProps {
  /** Number of rbd-mirror daemons. @default - Rook's default (0) */
  readonly workers?: number;
}

/** CephCluster knobs beyond storage, mons and mgrs. */
export interface RookClusterKnobsProps extends RookClusterUpgradeKnobsProps {
  /** Prometheus monitoring. @default - Rook's defaults (off) */
  readonly monitoring?: RookClusterMonitoringProps;
  /**
   * Ceph options per section, set by the operator in the mon config database, e.g.
   * `{ global: { osd_pool_default_size: '3' } }`: the typed alternative to `configOverride`. Rook v1.20.6.
   * @default - none
   */
  readonly cephConfig?: Record<string, Record<string, string>>;
  /** Ceph options per section whose values are keys of Secrets in the cluster namespace. Rook v1.20.6. @default - none */
  readonly cephConfigFromSecret?: Record<string, Record<string, RookClusterSecretKeyRefProps>>;
  /** cephx key rotation, OSD key rotation (Rook v1.20.6) and the KMS of encrypted OSDs. @default - Rook's defaults */
  readonly security?: RookClusterSecurityProps;
  /** CSI settings of this cluster. Rook v1.20.6. @default - Rook's defaults */
  readonly csi?: RookClusterCsiProps;
  /** rbd-mirror daemons. Rook v1.2.7 only. @default - none */
  readonly rbdMirroring?: RookClusterRbdMirroringProps;
}

type Knobs = { [K in keyof typeof clusterKnobsShape]: z.output<(typeof clusterKnobsShape)[K]> };

/** The parsed shape of the knobs and of the sections this file owns. */
export interface ParsedClusterKnobs extends Partial<Knobs> {
  readonly mon: { count: number; stretchCluster?: z.output<typeof stretchClusterSchema> };
  readonly network?: z.output<typeof networkSchema>;
}

/** Eager checks of the knobs (run inside the cluster schema's superRefine). */
export function refineClusterKnobs(p: ParsedClusterKnobs, ctx: z.RefinementCtx): void {
  const s = p.mon.stretchCluster;
  if (s) {
    if (p.mon.count !== 5) {
      ctx.addIssue({
        code: 'custom', path: ['mon', 'count'],
        message: `a stretch cluster runs 5 mons (two in each data zone, one in the arbiter zone), not ${p.mon.count}`,
        params: { value: p.mon.count, allowed: '5 with mon.stretchCluster', fix: 'set mon.count: 5' },
      });
    }
    if (s.zones.length !== 3) {
      ctx.addIssue({
        code: 'custom', path: ['mon', 'stretchCluster', 'zones'],
        message: `a stretch cluster has exactly three zones (two data zones and an arbiter), not ${s.zones.length}`,
        params: { allowed: 'three zones, one with arbiter: true', fix: 'list two data zones and one arbiter zone, e.g. [{ name: "a", arbiter: true }, { name: "b" }, { name: "c" }]' },
      });
    }
    const arbiters = s.zones.filter((z) => z.arbiter === true).length;
    if (arbiters !== 1) {
      ctx.addIssue({
        code: 'custom', path: ['mon', 'stretchCluster', 'zones'],
        message: `exactly one zone of a stretch cluster is the arbiter (it runs the tie-breaker mon), but ${arbiters} ${arbiters === 1 ? 'is' : 'are'}`,
        params: { allowed: 'one zone with arbiter: true', fix: arbiters === 0 ? 'set arbiter: true on the zone without OSDs' : 'keep arbiter: true on one zone only' },
      });
    }
    refineUnique(ctx, s.zones, (z) => z.name, ['mon', 'stretchCluster', 'zones'], ['name'], 'stretch zone', 'each zone is one value of the failure domain label, so two entries would place mons in the same zone');
  }
  const n = p.network;
  if (n?.hostNetwork === true && n.provider !== undefined) {
    ctx.addIssue({
      code: 'custom', path: ['network', 'hostNetwork'],
      message: `the legacy hostNetwork switch cannot be combined with provider "${n.provider}" (the CephCluster schema refuses it)`,
      params: { allowed: 'either provider: "host" or hostNetwork: true (legacy)', fix: n.provider === 'host' ? 'remove hostNetwork; provider: "host" already means host networking' : 'remove hostNetwork' },
    });
  }
  const keys = p.security?.cephx;
  for (const who of ['daemon', 'csi', 'rbdMirrorPeer'] as const) {
    const k = keys?.[who];
    if (k?.keyGeneration !== undefined && k.keyRotationPolicy !== 'KeyGeneration') {
      ctx.addIssue({
        code: 'custom', path: ['security', 'cephx', who, 'keyGeneration'],
        message: `keyGeneration only rotates keys with keyRotationPolicy "KeyGeneration"${k.keyRotationPolicy ? `, not "${k.keyRotationPolicy}"` : ''}: the setting would be ignored`,
        params: { allowed: 'keyGeneration together with keyRotationPolicy: "KeyGeneration"', fix: `set security.cephx.${who}.keyRotationPolicy: "KeyGeneration", or remove keyGeneration` },
      });
    }
  }
  if (p.cephConfig && p.cephConfigFromSecret) {
    for (const [section, opts] of Object.entries(p.cephConfigFromSecret)) {
      for (const opt of Object.keys(opts)) {
        if (p.cephConfig[section]?.[opt] !== undefined) {
          ctx.addIssue({
            code: 'custom', path: ['cephConfigFromSecret', section, opt],
            message: `option "${opt}" of section "${section}" is set both in cephConfig and in cephConfigFromSecret; only one value can win`,
            params: { allowed: 'each option in one of the two maps', fix: `remove cephConfig.${section}.${opt} or cephConfigFromSecret.${section}.${opt}` },
          });
        }
      }
    }
  }
}

/**
 * Fields the user set that the pinned CephCluster CRD does not declare: each names the field, the pinned version and
 * the versions that have it.
 */
export function checkClusterKnobsForVersion(v: VersionSet, path: string, raw: any): void {
  const gate = (set: unknown, feature: Feature, field: string, fix?: string) => requireFieldFeature(v, feature, path, field, set, fix);
  gate(raw.waitTimeoutForHealthyOSDInMinutes, 'cephClusterWaitTimeoutForHealthyOSD', 'waitTimeoutForHealthyOSDInMinutes');
  gate(raw.upgradeOSDRequiresHealthyPGs, 'cephClusterUpgradeOSDRequiresHealthyPGs', 'upgradeOSDRequiresHealthyPGs',
    'remove upgradeOSDRequiresHealthyPGs; on this Rook version check `ceph pg stat` for clean PGs before changing the Ceph image, or keep continueUpgradeAfterChecksEvenIfNotHealthy false');
  const m = raw.monitoring ?? {};
  for (const f of ['metricsDisabled', 'exporter', 'interval', 'port'] as const) gate(m[f], 'cephClusterMonitoringExporter', `monitoring.${f}`);
  gate(m.rulesNamespace, 'cephClusterMonitoringRulesNamespace', 'monitoring.rulesNamespace', 'remove monitoring.rulesNamespace: this Rook version creates no PrometheusRule (deploy the alert rules yourself, e.g. from the rook-ceph-cluster chart)');
  gate(raw.cephConfig, 'cephClusterCephConfig', 'cephConfig', 'put the options into configOverride (the rook-config-override ConfigMap, ceph.conf syntax) on this Rook version');
  gate(raw.cephConfigFromSecret, 'cephClusterCephConfig', 'cephConfigFromSecret', 'remove cephConfigFromSecret on this Rook version (set the option with `ceph config set` from the toolbox)');
  gate(raw.security?.cephx, 'cephClusterCephx', 'security.cephx');
  gate(raw.security?.keyRotation, 'cephClusterCephx', 'security.keyRotation');
  gate(raw.security?.kms, 'cephClusterKms', 'security.kms', 'remove security.kms; on this Rook version OSD encryption keys stay in Kubernetes Secrets');
  gate(raw.security, 'cephClusterKms', 'security', 'remove security for this Rook version');
  gate(raw.csi, 'cephClusterCsi', 'csi', 'remove csi from the cluster; on this Rook version CSI is configured through RookOperator');
  const h = raw.healthCheck ?? {};
  gate(h.startupProbe, 'cephClusterStartupProbe', 'healthCheck.startupProbe');
  gate(h.muteHealthWarning, 'cephClusterStartupProbe', 'healthCheck.muteHealthWarning', 'remove healthCheck.muteHealthWarning; on this Rook version mute a warning with `ceph health mute <code>` from the toolbox');
  const d = raw.disruptionManagement ?? {};
  gate(d.pgHealthyRegex, 'cephClusterPgHealthyRegex', 'disruptionManagement.pgHealthyRegex');
  gate(d.manageMachineDisruptionBudgets, 'cephClusterMachineDisruptionBudgets', 'disruptionManagement.manageMachineDisruptionBudgets', 'remove it: Rook no longer manages MachineDisruptionBudgets (managePodBudgets covers drains)');
  gate(d.machineDisruptionBudgetNamespace, 'cephClusterMachineDisruptionBudgets', 'disruptionManagement.machineDisruptionBudgetNamespace', 'remove it: Rook no longer manages MachineDisruptionBudgets (managePodBudgets covers drains)');
  const n = raw.network ?? {};
  gate(n.addressRanges, 'cephClusterAddressRanges', 'network.addressRanges', 'remove network.addressRanges; on this Rook version set public_network / cluster_network in configOverride');
  gate(n.multiClusterService, 'cephClusterAddressRanges', 'network.multiClusterService');
  gate(raw.rbdMirroring, 'cephClusterRbdMirroring', 'rbdMirroring', 'remove rbdMirroring and declare an RbdMirror (CephRBDMirror) instead');
  gate(raw.mon?.stretchCluster, 'cephClusterStretch', 'mon.stretchCluster');
}

/** The top-level knobs, rendered into the CephCluster spec (unset keys stay undefined and are dropped). */
export function renderClusterKnobs(p: Partial<Knobs>): CephClusterSpec {
  return asL1<CephClusterSpec>({
    skipUpgradeChecks: p.skipUpgradeChecks,
    continueUpgradeAfterChecksEvenIfNotHealthy: p.continueUpgradeAfterChecksEvenIfNotHealthy,
    waitTimeoutForHealthyOsdInMinutes: p.waitTimeoutForHealthyOSDInMinutes,
    upgradeOsdRequiresHealthyPGs: p.upgradeOSDRequiresHealthyPGs,
    removeOsDsIfOutAndSafeToRemove: p.removeOSDsIfOutAndSafeToRemove,
    monitoring: p.monitoring,
    cephConfig: p.cephConfig,
    cephConfigFromSecret: p.cephConfigFromSecret,
    security: p.security,
    csi: p.csi,
    rbdMirroring: p.rbdMirroring,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// cleanup policy options (confirmDataDestruction)

const sanitizeSchema = z.strictObject({
  method: z.enum(['quick', 'complete']).default('quick'),
  dataSource: z.enum(['zero', 'random']).default('zero'),
  iteration: z.number().int().min(1).default(1),
});

export const confirmDataDestructionSchema = z.strictObject({
  sanitizeDisks: z.union([z.enum(['quick', 'complete']), sanitizeSchema]).optional(),
  allowUninstallWithVolumes: z.boolean().optional(),
  wipeDevicesFromOtherClusters: z.boolean().optional(),
});

/** How the OSD disks are wiped when a confirmed cluster is deleted. */
export interface ConfirmDataDestructionSanitizeProps {
  /** 'quick' erases the Ceph metadata, 'complete' the whole disk. @default 'quick' */
  readonly method?: 'quick' | 'complete';
  /** What is written: 'zero' or 'random' data. @default 'zero' */
  readonly dataSource?: 'zero' | 'random';
  /** Number of passes, at least 1. @default 1 */
  readonly iteration?: number;
}

/** Options of {@link RookCluster.confirmDataDestruction}. */
export interface ConfirmDataDestructionOptions {
  /** Also wipe the OSD disks: a method ('quick' erases the Ceph metadata, 'complete' the whole disk), or method, data source and passes. @default - the disks are not sanitized */
  readonly sanitizeDisks?: 'quick' | 'complete' | ConfirmDataDestructionSanitizeProps;
  /** Let the deletion go on while PVCs of the cluster still exist (their data is lost). @default - Rook's default (false: the deletion waits) */
  readonly allowUninstallWithVolumes?: boolean;
  /** Also wipe disks that belong to other Ceph clusters. Rook v1.20.6. @default - Rook's default (false) */
  readonly wipeDevicesFromOtherClusters?: boolean;
}
const _confirmProps: PropsMatch<ConfirmDataDestructionOptions, z.input<typeof confirmDataDestructionSchema>> = true;

/** The same options with the object form of sanitizeDisks, so a bad field in it is named (a union only says "invalid"). */
const confirmObjectFormSchema = confirmDataDestructionSchema.extend({ sanitizeDisks: sanitizeSchema.optional() });

/** Parses the options of confirmDataDestruction(); `at` is the construct path and call, for messages. */
export function parseConfirmOptions(at: string, options: ConfirmDataDestructionOptions): z.output<typeof confirmDataDestructionSchema> {
  const objectForm = typeof options?.sanitizeDisks === 'object' && options.sanitizeDisks !== null;
  return objectForm ? parseProps(at, confirmObjectFormSchema, options) : parseProps(at, confirmDataDestructionSchema, options);
}

/** The `cleanupPolicy` of a confirmed destruction. */
export function renderCleanupPolicy(o: z.output<typeof confirmDataDestructionSchema>): CephClusterSpecCleanupPolicy {
  const s = o.sanitizeDisks === undefined ? undefined : typeof o.sanitizeDisks === 'string' ? sanitizeSchema.parse({ method: o.sanitizeDisks }) : o.sanitizeDisks;
  return {
    confirmation: 'yes-really-destroy-data',
    sanitizeDisks: s && { method: s.method, dataSource: s.dataSource, iteration: s.iteration },
    allowUninstallWithVolumes: o.allowUninstallWithVolumes,
    wipeDevicesFromOtherClusters: o.wipeDevicesFromOtherClusters,
  };
}

/** Version gates of the cleanup options. */
export function checkCleanupForVersion(v: VersionSet, path: string, raw: any): void {
  if (raw?.wipeDevicesFromOtherClusters !== undefined) {
    requireFeature(v, 'cephClusterWipeDevicesFromOtherClusters', `${path}: wipeDevicesFromOtherClusters`, 'remove wipeDevicesFromOtherClusters; on this Rook version wipe such disks by hand');
  }
}
