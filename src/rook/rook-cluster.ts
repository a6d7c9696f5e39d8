import { ApiObject, Lazy } from 'cdk8s';
import { KubeConfigMap } from '../../imports/k8s';
import { CephClusterSpec, CephClusterSpecLogCollectorMaxLogSize } from '../../imports/ceph.rook.io';
import { CephCluster as CephClusterL1 } from './bindings';
import { asL1 } from './l1';
import { Construct } from 'constructs';
import { z } from 'zod';
import { CephClient, CephClientOptions } from './ceph-client';
import { CephFilesystem, CephFilesystemOptions } from './ceph-filesystem';
import { CephFilesystemMirror, CephFilesystemMirrorOptions } from './ceph-filesystem-mirror';
import { CephNfs, CephNfsOptions } from './ceph-nfs';
import { CephRbdMirror, CephRbdMirrorOptions } from './ceph-rbd-mirror';
import { checkPropsShape, ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { place } from '../site/layers';
import { ensureNamespace } from '../site/namespace';
import { requirePodSecurity } from '../site/pod-security';
import {
  annotations, dnsLabel, goRegex, hostPath, image, imagePullPolicy, int32, labels, placement, quantity, resourceRequirements,
} from '../foundation/props';
import { Site } from '../site/site';
import { checkRookCephImage, Feature, hasFeature, requireFeature, requireFieldFeature, rookProfile, VersionSet } from '../versions';
import { CephBlockPool, CephBlockPoolOptions } from './ceph-block-pool';
import { ICephCluster } from './cluster-ref';
import { CephObjectStore, CephObjectStoreOptions } from './ceph-object-store';
import { PodPlacementProps, ResourceRequirementsProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { refineUnique } from '../foundation/unique';
import {
  checkPvcClasses, checkStorageFieldsForVersion, classNameOf, deviceSetUses, OsdStorageClassRef, storageClassRef, storageExtraShape,
} from './cluster/device-sets';
import { checkCleanupForVersion, ConfirmDataDestructionOptions, confirmDataDestructionSchema, parseConfirmOptions, renderCleanupPolicy } from './cluster/cleanup';
import { disruptionManagementSchema, RookClusterDisruptionManagementProps } from './cluster/disruption';
import { healthCheckSchema, RookClusterHealthCheckProps } from './cluster/health';
import { checkClusterKnobsForVersion, clusterKnobsShape, refineClusterKnobs, renderClusterKnobs, RookClusterKnobsProps } from './cluster/knobs';
import { networkSchema, RookClusterNetworkProps } from './cluster/network';
import { RookClusterStretchProps, stretchClusterSchema } from './cluster/stretch';
import { deviceSetSchema, directorySchema, osdConfig, renderDeviceSet, RookClusterStorageProps, storageNodeSchema } from './cluster/storage';
import { StorageConstruct } from '../site/storage-construct';

/** Daemon keys Rook reads in `placement`, `resources`, `priorityClassNames`. */
export const PLACEMENT_KEYS = ['all', 'mon', 'mgr', 'osd', 'prepareosd', 'cleanup', 'arbiter', 'crashcollector', 'exporter', 'cmdreporter', 'keyrotation', 'monitoring'] as const;
export const RESOURCE_KEYS = ['mon', 'mgr', 'mgr-sidecar', 'osd', 'prepareosd', 'crashcollector', 'logcollector', 'cleanup', 'exporter', 'cmd-reporter', 'keyrotation'] as const;
export const PRIORITY_KEYS = ['all', 'mon', 'mgr', 'osd', 'crashcollector', 'cleanup', 'exporter'] as const;

const FORBIDDEN_DATA_DIRS = ['/etc/ceph', '/rook', '/var/log/ceph'];

export const rookClusterSchema = z.strictObject({
  name: dnsLabel.default('rook-ceph'),
  namespace: dnsLabel.default('rook-ceph'),
  operatorNamespace: dnsLabel.optional(),
  cephVersion: z.strictObject({
    image: image.optional(),
    allowUnsupported: z.boolean().optional(),
    imagePullPolicy: imagePullPolicy.optional(),
  }).default({}),
  dataDirHostPath: hostPath.default('/var/lib/rook'),
  mon: z.strictObject({
    count: int32.default(3),
    allowMultiplePerNode: z.boolean().default(false),
    volumeClaim: z.strictObject({ storageClass: storageClassRef, size: quantity }).optional(),
    stretchCluster: stretchClusterSchema.optional(),
    // rook-lines/v1.20.6/crds.yaml mon.floatingMon: name ^[a-z]$, configmapName 1..253 characters, both required
    floatingMon: z.strictObject({
      name: z.string().regex(/^[a-z]$/, { message: 'not a mon name: one lower-case letter, e.g. "c"' }),
      configmapName: z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, { message: 'not a ConfigMap name (a DNS-1123 subdomain: lower-case letters, digits, "-" and ".")' }),
    }).optional(),
  }).default({ count: 3, allowMultiplePerNode: false }),
  mgr: z.strictObject({
    count: z.number().int().min(1).max(5).default(2),
    allowMultiplePerNode: z.boolean().default(false),
    modules: z.array(z.strictObject({ name: z.string().min(1), enabled: z.boolean().default(true) })).default([{ name: 'rook', enabled: true }]),
  }).default({ count: 2, allowMultiplePerNode: false, modules: [{ name: 'rook', enabled: true }] }),
  dashboard: z.strictObject({
    enabled: z.boolean().default(true),
    ssl: z.boolean().default(true),
    port: z.number().int().min(1).max(65535).optional(),
    urlPrefix: z.string().min(1).optional(),
  }).default({ enabled: true, ssl: true }),
  network: networkSchema.optional(),
  crashCollector: z.strictObject({ disable: z.boolean().default(false), daysToRetain: int32.min(0).optional() }).default({ disable: false }),
  storage: z.strictObject({
    useAllNodes: z.boolean().optional(),
    useAllDevices: z.boolean().optional(),
    deviceFilter: goRegex.optional(),
    devicePathFilter: goRegex.optional(),
    config: osdConfig.optional(),
    nodes: z.array(storageNodeSchema).optional(),
    directories: z.array(directorySchema).optional(),
    storageClassDeviceSets: z.array(deviceSetSchema).optional(),
    ...storageExtraShape,
  }).default({}),
  placement: z.partialRecord(z.enum(PLACEMENT_KEYS), placement).optional(),
  resources: z.partialRecord(z.enum(RESOURCE_KEYS), resourceRequirements).optional(),
  priorityClassNames: z.partialRecord(z.enum(PRIORITY_KEYS), z.string().min(1)).optional(),
  labels: z.record(z.string(), labels).optional(),
  annotations: z.record(z.string(), annotations).optional(),
  disruptionManagement: disruptionManagementSchema.optional(),
  healthCheck: healthCheckSchema.optional(),
  logCollector: z.strictObject({
    enabled: z.boolean().optional(),
    periodicity: z.enum(['hourly', 'daily', 'weekly', 'monthly', '1h', '24h', '1d']).optional(),
    maxLogSize: quantity.optional(),
  }).optional(),
  configOverride: z.string().optional(),
  ...clusterKnobsShape,
}).superRefine((p, ctx) => {
  refineClusterKnobs(p, ctx);
  refineUnique(ctx, p.storage.nodes, (n) => n.name, ['storage', 'nodes'], ['name'], 'storage node', 'Rook reads one entry per node, so the devices of the other entry would be ignored');
  (p.storage.nodes ?? []).forEach((n, i) => refineUnique(ctx, n.devices, (d) => d.name, ['storage', 'nodes', i, 'devices'], ['name'], 'device', 'a disk holds one OSD set; the second entry would try to prepare the same disk again'));
  refineUnique(ctx, p.storage.storageClassDeviceSets, (d) => d.name, ['storage', 'storageClassDeviceSets'], ['name'], 'device set', 'Rook names the OSD PVCs after the set, so the two sets would claim the same PVCs');
  refineUnique(ctx, p.mgr.modules, (m) => m.name, ['mgr', 'modules'], ['name'], 'mgr module', 'a module is enabled or disabled once; with two entries one setting silently wins');
  const c = p.mon.count;
  if (c < 1 || c > 9 || c % 2 === 0) {
    ctx.addIssue({
      code: 'custom', path: ['mon', 'count'],
      message: c < 1 ? 'mon count must be at least 1 (0 silently means 3 in Rook)' : c > 9 ? 'mon count above 9 is rejected by the CephCluster schema' : 'an even mon count adds no failure tolerance and risks split votes',
      params: { allowed: '1, 3, 5, 7 or 9 (3 for production, 5 for large clusters)', fix: 'use an odd count from 1 to 9' },
    });
  }
  const d = p.dataDirHostPath;
  if (!/^\/\S+$/.test(d)) {
    ctx.addIssue({ code: 'custom', path: ['dataDirHostPath'], message: 'dataDirHostPath must be an absolute host path', params: { allowed: 'an absolute path such as "/var/lib/rook"', fix: 'use "/var/lib/rook"' } });
  } else {
    const bad = FORBIDDEN_DATA_DIRS.find((f) => d === f || d.startsWith(f + '/'));
    if (bad) {
      ctx.addIssue({ code: 'custom', path: ['dataDirHostPath'], message: `dataDirHostPath may not be ${bad} or below it: Rook mounts ${bad} into its daemons and the directories would collide`, params: { allowed: `any absolute path outside ${FORBIDDEN_DATA_DIRS.join(', ')}`, fix: 'use "/var/lib/rook"' } });
    }
  }
  const s = p.storage;
  if (s.nodes && s.nodes.length > 0 && s.useAllNodes === true) {
    ctx.addIssue({ code: 'custom', path: ['storage', 'useAllNodes'], message: 'storage.nodes is ignored by Rook while useAllNodes is true', params: { allowed: 'either useAllNodes: true or a nodes list (useAllNodes false)', fix: 'remove useAllNodes (it defaults to false when nodes are listed) or remove nodes' } });
  }
  if (s.useAllDevices === true && (s.deviceFilter || s.devicePathFilter)) {
    ctx.addIssue({ code: 'custom', path: ['storage', 'useAllDevices'], message: `useAllDevices: true is overridden by ${s.deviceFilter ? 'deviceFilter' : 'devicePathFilter'}: only matching disks become OSDs`, params: { allowed: 'useAllDevices: true, or a filter', fix: 'remove useAllDevices and keep the filter (or remove the filter to consume every empty disk)' } });
  }
  if (s.deviceFilter && s.devicePathFilter) {
    ctx.addIssue({ code: 'custom', path: ['storage', 'devicePathFilter'], message: 'devicePathFilter is ignored by Rook when deviceFilter is set', params: { allowed: 'one of deviceFilter (kernel names, e.g. "^sd[b-d]$") or devicePathFilter (paths, e.g. "^/dev/disk/by-path/...")', fix: 'keep one filter; devicePathFilter survives sda/sdb renames' } });
  }
  if (p.network?.selectors && p.network.provider !== 'multus') {
    ctx.addIssue({ code: 'custom', path: ['network', 'selectors'], message: 'network selectors only apply to the multus provider', params: { allowed: 'provider: "multus" with selectors', fix: 'set provider: "multus" or remove selectors' } });
  }
  if (p.network?.provider === 'multus' && (!p.network.selectors || Object.keys(p.network.selectors).length === 0)) {
    ctx.addIssue({ code: 'custom', path: ['network', 'selectors'], message: 'the multus provider needs at least one selector (public or cluster)', params: { allowed: '{ public: "<ns>/<nad>", cluster: "<ns>/<nad>" }', fix: 'add selectors' } });
  }
});

/** Daemons Rook reads in `placement`. */
export type RookPlacementKey = (typeof PLACEMENT_KEYS)[number];
/** Daemons Rook reads in `resources`. */
export type RookResourceKey = (typeof RESOURCE_KEYS)[number];
/** Daemons Rook reads in `priorityClassNames`. */
export type RookPriorityKey = (typeof PRIORITY_KEYS)[number];

/** The Ceph image the cluster runs. */
export interface RookClusterCephVersionProps {
  /** Ceph container image. @default - the default Ceph image of the site's Rook version */
  readonly image?: string;
  /** Allow a Ceph version Rook does not support. @default - Rook's default (false) */
  readonly allowUnsupported?: boolean;
  /** Pull policy of the Ceph image. @default - Kubernetes' default */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

/** Mon data on PVCs instead of `dataDirHostPath`. */
export interface RookClusterMonVolumeClaimProps {
  /**
   * Class of the mon PVCs, any class but Ceph's own (WaitForFirstConsumer for node-local ones): a StorageClass
   * construct of the site (BlockStorageClass, TopoLVMStorageClass, BlockStorageClass.fromExisting), or its name.
   */
  readonly storageClass: OsdStorageClassRef;
  /** Size of each mon PVC, a Kubernetes quantity such as "10Gi". */
  readonly size: string;
}

/** The Ceph monitors. */
export interface RookClusterMonProps {
  /** Number of mons: odd, 1..9 (3 for production, 5 for large clusters). @default 3 */
  readonly count?: number;
  /** Allow more than one mon on a node (test clusters). @default false */
  readonly allowMultiplePerNode?: boolean;
  /** Keep mon data on PVCs. @default - on the host, under dataDirHostPath */
  readonly volumeClaim?: RookClusterMonVolumeClaimProps;
  /** Run a stretch cluster (two data zones and an arbiter zone; needs count 5). @default - not stretched */
  readonly stretchCluster?: RookClusterStretchProps;
  /** A floating mon for two-node clusters (its data replicated with DRBD, cluster-tnf.yaml). Rook v1.20. @default - none */
  readonly floatingMon?: RookClusterFloatingMonProps;
}

/** The floating mon of a two-node cluster. */
export interface RookClusterFloatingMonProps {
  /** Mon letter of the floating mon, one lower-case letter (typically "c"). */
  readonly name: string;
  /** ConfigMap with the DRBD configuration of the floating mon (1..253 characters, a DNS name). */
  readonly configmapName: string;
}

/** A Ceph mgr module. */
export interface RookClusterMgrModuleProps {
  /** Module name, e.g. 'rook' or 'pg_autoscaler'. */
  readonly name: string;
  /** Whether the module is on. @default true */
  readonly enabled?: boolean;
}

/** The Ceph managers. */
export interface RookClusterMgrProps {
  /** Number of mgrs, 1..5 and at most what the Rook version allows (2 gives a standby). @default 2 (1 on Rook v1.2.7, which runs one mgr) */
  readonly count?: number;
  /** Allow more than one mgr on a node. @default false */
  readonly allowMultiplePerNode?: boolean;
  /** Mgr modules. @default [{ name: 'rook', enabled: true }] */
  readonly modules?: RookClusterMgrModuleProps[];
}

/** The Ceph dashboard (served by the active mgr). */
export interface RookClusterDashboardProps {
  /** Run the dashboard. @default true */
  readonly enabled?: boolean;
  /** Serve it over TLS. @default true */
  readonly ssl?: boolean;
  /** Port of the dashboard, 1..65535. @default - Rook's: 8443 with SSL, 7000 without */
  readonly port?: number;
  /** URL prefix, for a dashboard behind a reverse proxy path. @default - none */
  readonly urlPrefix?: string;
}

/** The crash collector DaemonSet. */
export interface RookClusterCrashCollectorProps {
  /** Turn the crash collector off. @default false */
  readonly disable?: boolean;
  /** Days crash reports are kept. @default - kept until removed */
  readonly daysToRetain?: number;
}

/** Collection of the Ceph daemons' logs. */
export interface RookClusterLogCollectorProps {
  /** Run the log collector sidecar. @default - Rook's default */
  readonly enabled?: boolean;
  /** How often logs are rotated. @default - Rook's default */
  readonly periodicity?: 'hourly' | 'daily' | 'weekly' | 'monthly' | '1h' | '24h' | '1d';
  /** Size at which a log is rotated, a quantity such as "500M". @default - Rook's default */
  readonly maxLogSize?: string;
}

/**
 * Props of {@link RookCluster}. `cleanupPolicy` is deliberately not a prop: only
 * `confirmDataDestruction()` sets it.
 */
export interface RookClusterProps extends RookClusterKnobsProps {
  /** CephCluster name. @default 'rook-ceph' */
  readonly name?: string;
  /** Namespace of the CephCluster; also the CSI `clusterID`. @default 'rook-ceph' */
  readonly namespace?: string;
  /** Namespace of the Rook operator that manages the cluster. @default 'rook-ceph' */
  readonly operatorNamespace?: string;
  /** Ceph image and its policy. @default - the Ceph image of the site's Rook version */
  readonly cephVersion?: RookClusterCephVersionProps;
  /** Absolute host path where Ceph daemons keep config and data (not /etc/ceph, /rook, /var/log/ceph). @default '/var/lib/rook' */
  readonly dataDirHostPath?: string;
  /** Monitors. @default { count: 3, allowMultiplePerNode: false } */
  readonly mon?: RookClusterMonProps;
  /** Managers. @default { count: 2, allowMultiplePerNode: false, modules: [{ name: 'rook', enabled: true }] } */
  readonly mgr?: RookClusterMgrProps;
  /** Dashboard. @default { enabled: true, ssl: true } */
  readonly dashboard?: RookClusterDashboardProps;
  /** Network of the daemons. @default - the pod network */
  readonly network?: RookClusterNetworkProps;
  /** Crash collector. @default { disable: false } (left out on Rook versions without it) */
  readonly crashCollector?: RookClusterCrashCollectorProps;
  /** Disks that become OSDs. @default {} (every node, Rook's device defaults) */
  readonly storage?: RookClusterStorageProps;
  /** Placement per daemon ('all' applies to every daemon). @default - none */
  readonly placement?: Partial<Record<RookPlacementKey, PodPlacementProps>>;
  /** Resources per daemon. @default - none */
  readonly resources?: Partial<Record<RookResourceKey, ResourceRequirementsProps>>;
  /** PriorityClass name per daemon ('all' applies to every daemon). @default - none */
  readonly priorityClassNames?: Partial<Record<RookPriorityKey, string>>;
  /** Pod labels per daemon key (e.g. `mon`, `osd`, `all`). @default - none */
  readonly labels?: Record<string, Record<string, string>>;
  /** Pod annotations per daemon key (e.g. `mon`, `osd`, `all`). @default - none */
  readonly annotations?: Record<string, Record<string, string>>;
  /** Disruption management. @default - Rook's defaults */
  readonly disruptionManagement?: RookClusterDisruptionManagementProps;
  /** Health checks and probes of the daemons. @default - Rook's defaults */
  readonly healthCheck?: RookClusterHealthCheckProps;
  /** Log collector. @default - Rook's defaults */
  readonly logCollector?: RookClusterLogCollectorProps;
  /** ceph.conf overrides, written into the `rook-config-override` ConfigMap. @default - no ConfigMap */
  readonly configOverride?: string;
}
const _rookClusterProps: PropsMatch<RookClusterProps, z.input<typeof rookClusterSchema>> = true;

/**
 * Fields the user set explicitly that the pinned Rook version's CephCluster CRD does not declare.
 * Defaults (crashCollector, mgr.count) are simply left out on those versions; explicit settings are errors.
 */
function checkClusterFieldsForVersion(v: VersionSet, path: string, raw: RookClusterProps): void {
  // false is the default of these switches, so it is allowed on every version
  const gate = (set: unknown, feature: Feature, field: string, fix?: string) => requireFieldFeature(v, feature, path, field, set === false ? undefined : set, fix);
  // v1.2.7 reads crashCollector.disable (its v1beta1 CRD keeps the undeclared field), not daysToRetain
  gate(raw.crashCollector?.daysToRetain, 'cephClusterCrashCollector', 'crashCollector.daysToRetain');
  gate(raw.mgr?.count, 'cephClusterMgrCount', 'mgr.count', 'remove mgr.count: Rook v1.2 always runs one mgr');
  gate(raw.mgr?.allowMultiplePerNode, 'cephClusterMgrCount', 'mgr.allowMultiplePerNode');
  gate(raw.labels, 'cephClusterLabels', 'labels');
  gate(raw.priorityClassNames, 'cephClusterPriorityClassNames', 'priorityClassNames');
  gate(raw.healthCheck, 'cephClusterHealthCheck', 'healthCheck');
  gate(raw.mon?.floatingMon, 'cephClusterFloatingMon', 'mon.floatingMon');
  gate(raw.logCollector, 'cephClusterLogCollector', 'logCollector');
  gate(raw.logCollector?.maxLogSize, 'cephClusterLogCollectorMaxLogSize', 'logCollector.maxLogSize');
  gate(raw.network?.ipFamily, 'cephClusterIpFamily', 'network.ipFamily');
  gate(raw.network?.dualStack, 'cephClusterIpFamily', 'network.dualStack');
  gate(raw.network?.connections, 'cephClusterNetworkConnections', 'network.connections', 'remove network.connections; on this Rook version set ms_*_mode options in configOverride (ceph.conf) instead');
  gate(raw.cephVersion?.imagePullPolicy, 'cephClusterImagePullPolicy', 'cephVersion.imagePullPolicy');
  gate(raw.disruptionManagement?.pgHealthCheckTimeout, 'cephClusterPgHealthCheckTimeout', 'disruptionManagement.pgHealthCheckTimeout');
  checkClusterKnobsForVersion(v, path, raw);
}

/**
 * A local CephCluster: mons, mgr, dashboard, network, OSD storage, placement and resources,
 * plus the `rook-config-override` ConfigMap when `configOverride` is set.
 *
 * `cleanupPolicy.confirmation` is never set by props: only `confirmDataDestruction()` sets it.
 */
export class RookCluster extends StorageConstruct implements ICephCluster {
  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly operatorNamespace: string;
  public readonly external = false;
  public readonly resource: ApiObject;
  /** Parsed props with defaults applied. */
  public readonly config: z.output<typeof rookClusterSchema>;
  private readonly site: Site;
  private destroyConfirmed?: z.output<typeof confirmDataDestructionSchema>;

  constructor(scope: Construct, id: string, props: RookClusterProps = {}) {
    super(scope, id);
    this.site = Site.of(this);
    const rook = this.site.requireRook(this.node.path);
    checkPropsShape(this.node.path, props);
    if (props && 'cleanupPolicy' in props) {
      throw new ConfigError({
        path: `${this.node.path}: cleanupPolicy`,
        problem: 'cleanupPolicy is not a prop: a committed confirmation wipes every host and disk of the cluster when it is deleted',
        value: (props as any).cleanupPolicy,
        allowed: 'no cleanupPolicy in props',
        fix: 'to tear the cluster down deliberately, call cluster.confirmDataDestruction() in its own commit',
      });
    }
    const parsed = parseProps(this.node.path, rookClusterSchema, props);
    // the default mgr count is what the pinned release can run: 2 (a standby) where the CRD has mgr.count, else 1
    const p = props?.mgr?.count === undefined ? { ...parsed, mgr: { ...parsed.mgr, count: Math.min(parsed.mgr.count, rookProfile(rook).maxMgrCount) } } : parsed;
    (p.storage.storageClassDeviceSets ?? []).forEach((d, i) => {
      requireSameSite(this, `storage.storageClassDeviceSets[${i}].storageClass`, d.storageClass, 'StorageClass');
      if (d.metadata?.storageClass) requireSameSite(this, `storage.storageClassDeviceSets[${i}].metadata.storageClass`, d.metadata.storageClass, 'StorageClass');
      if (d.wal?.storageClass) requireSameSite(this, `storage.storageClassDeviceSets[${i}].wal.storageClass`, d.wal.storageClass, 'StorageClass');
    });
    if (p.mon.volumeClaim) requireSameSite(this, 'mon.volumeClaim.storageClass', p.mon.volumeClaim.storageClass, 'StorageClass');
    this.config = p;
    this.clusterName = p.name;
    this.namespace = p.namespace;
    this.operatorNamespace = p.operatorNamespace ?? 'rook-ceph';
    // the operator reconciling this cluster: the site's RookOperator in that namespace, else one installed elsewhere
    this.site.addInstalledComponent({ component: 'rook-operator', install: 'elsewhere', namespace: this.operatorNamespace, clusterNamespace: this.namespace, path: this.node.path });
    const v = this.site.versions;

    if (p.storage.directories) requireFeature(v, 'storageDirectories', `${this.node.path}: storage.directories`, 'use devices, deviceFilter or devicePathFilter on this Rook version');
    checkClusterFieldsForVersion(v, this.node.path, props ?? {});
    checkStorageFieldsForVersion(v, this.node.path, props?.storage as Record<string, unknown> | undefined);
    const maxMgr = rookProfile(rook).maxMgrCount;
    if (props?.mgr?.count !== undefined && p.mgr.count > maxMgr) {
      throw new ConfigError({
        path: `${this.node.path}: mgr.count`,
        problem: `the Rook v${rook} CephCluster CRD allows at most ${maxMgr} mgrs`,
        value: p.mgr.count,
        allowed: `1 to ${maxMgr} on Rook v${rook}`,
        fix: `set mgr.count to ${maxMgr} or less (2 gives a standby mgr)`,
      });
    }

    ensureNamespace(this.site, this.namespace);
    requirePodSecurity(this.site, this.namespace, { level: 'privileged', who: this.node.path, why: 'the operator runs its mons, OSDs and crash collectors with hostPath volumes (dataDirHostPath, /dev) and privileged containers' });
    const profile = rookProfile(rook);
    if (p.cephVersion.image !== undefined && !p.cephVersion.allowUnsupported) checkRookCephImage(rook, p.cephVersion.image, `${this.node.path}: cephVersion.image`);
    const deviceSets = p.storage.storageClassDeviceSets;
    const useAllNodes = p.storage.useAllNodes ?? !((p.storage.nodes && p.storage.nodes.length > 0) || (deviceSets && deviceSets.length > 0));
    const spec = asL1<CephClusterSpec>({
      cephVersion: { image: p.cephVersion.image ?? profile.defaultCephImage, allowUnsupported: p.cephVersion.allowUnsupported, imagePullPolicy: p.cephVersion.imagePullPolicy },
      dataDirHostPath: p.dataDirHostPath,
      mon: {
        count: p.mon.count,
        allowMultiplePerNode: p.mon.allowMultiplePerNode,
        stretchCluster: p.mon.stretchCluster,
        floatingMon: p.mon.floatingMon,
        volumeClaimTemplate: p.mon.volumeClaim
          ? { spec: { storageClassName: classNameOf(p.mon.volumeClaim.storageClass), resources: { requests: { storage: p.mon.volumeClaim.size } } } }
          : undefined,
      },
      mgr: {
        count: hasFeature(v, 'cephClusterMgrCount') ? p.mgr.count : undefined,
        allowMultiplePerNode: hasFeature(v, 'cephClusterMgrCount') ? p.mgr.allowMultiplePerNode : undefined,
        modules: p.mgr.modules,
      },
      dashboard: { enabled: p.dashboard.enabled, ssl: p.dashboard.ssl, port: p.dashboard.port, urlPrefix: p.dashboard.urlPrefix },
      // multiClusterService.clusterID is clusterId in the binding (its toJson writes clusterID)
      network: p.network && {
        ...p.network,
        multiClusterService: p.network.multiClusterService && { enabled: p.network.multiClusterService.enabled, clusterId: p.network.multiClusterService.clusterID },
      },
      // v1.2.7: the default { disable: false } is left out (its CRD schema has no crashCollector); a set disable is written
      crashCollector: hasFeature(v, 'cephClusterCrashCollector') ? p.crashCollector : props?.crashCollector && { disable: p.crashCollector.disable },
      storage: {
        useAllNodes,
        useAllDevices: p.storage.useAllDevices ?? (p.storage.deviceFilter || p.storage.devicePathFilter || p.storage.storageClassDeviceSets ? false : undefined),
        deviceFilter: p.storage.deviceFilter,
        devicePathFilter: p.storage.devicePathFilter,
        config: p.storage.config,
        nodes: p.storage.nodes,
        directories: p.storage.directories,
        storageClassDeviceSets: deviceSets?.map(renderDeviceSet),
        allowDeviceClassUpdate: p.storage.allowDeviceClassUpdate,
        allowOsdCrushWeightUpdate: p.storage.allowOsdCrushWeightUpdate,
        scheduleAlways: p.storage.scheduleAlways,
        onlyApplyOsdPlacement: p.storage.onlyApplyOSDPlacement,
        topologyAware: p.storage.topologyAware,
      },
      placement: p.placement,
      resources: p.resources,
      priorityClassNames: p.priorityClassNames,
      labels: p.labels,
      annotations: p.annotations,
      disruptionManagement: p.disruptionManagement,
      healthCheck: p.healthCheck,
      logCollector: p.logCollector && { ...p.logCollector, maxLogSize: p.logCollector.maxLogSize === undefined ? undefined : CephClusterSpecLogCollectorMaxLogSize.fromString(p.logCollector.maxLogSize) },
      ...renderClusterKnobs(p),
      // cleanupPolicy only via confirmDataDestruction(); resolved at synth so the call may come later.
      cleanupPolicy: Lazy.any({
        produce: () => this.destroyConfirmed ? renderCleanupPolicy(this.destroyConfirmed) : undefined,
      }),
    });
    this.resource = new CephClusterL1(this, 'Resource', {
      metadata: { name: this.clusterName, namespace: this.namespace },
      spec,
    });
    place(this.resource, 'cluster', { dataBearing: true });

    if (p.monitoring?.enabled === true) {
      this.site.requireClusterCrds('prometheus-operator', `${this.node.path}: monitoring.enabled`, 'the ServiceMonitors (and PrometheusRule) the Rook operator creates for monitoring.enabled');
    }

    if (p.configOverride !== undefined) {
      place(new KubeConfigMap(this, 'ConfigOverride', {
        metadata: { name: 'rook-config-override', namespace: this.namespace },
        data: { config: p.configOverride.endsWith('\n') ? p.configOverride : p.configOverride + '\n' },
      }), 'cluster');
    }

    this.node.addValidation({ validate: () => this.checkMonsAgainstNodes() });
    this.node.addValidation({ validate: () => this.checkPvcClasses() });
  }

  /** Adds a CephBlockPool in this cluster's namespace. */
  public addPool(id: string, options: CephBlockPoolOptions): CephBlockPool {
    return new CephBlockPool(this, id, { ...options, cluster: this });
  }

  /** Adds a CephObjectStore in this cluster's namespace. */
  public addObjectStore(id: string, options: CephObjectStoreOptions): CephObjectStore {
    return new CephObjectStore(this, id, { ...options, cluster: this });
  }

  /**
   * Sets `cleanupPolicy.confirmation: yes-really-destroy-data`. When the CephCluster is then deleted,
   * Rook wipes dataDirHostPath on every host (and the OSD disks when sanitizeDisks is set).
   * Commit this only to tear a cluster down deliberately.
   */
  public confirmDataDestruction(options: ConfirmDataDestructionOptions = {}): void {
    requireFeature(this.site.versions, 'cephClusterCleanupPolicy', `${this.node.path}: confirmDataDestruction()`, 'on this Rook version delete the CephCluster and wipe dataDirHostPath and the OSD disks by hand (see the Rook teardown guide of your release)');
    const at = `${this.node.path}: confirmDataDestruction()`;
    const o = parseConfirmOptions(at, options);
    checkCleanupForVersion(this.site.versions, at, options);
    this.destroyConfirmed = o;
  }

  /** Hosts known to carry OSDs/mons: the Site's node inventory, else the listed storage nodes. */
  public knownHosts(): string[] | undefined {
    if (this.site.nodes && this.site.nodes.length > 0) return this.site.nodes.map((n) => n.name);
    const listed = this.config.storage.nodes;
    const useAll = this.config.storage.useAllNodes ?? !(listed && listed.length > 0);
    if (!useAll && listed && listed.length > 0) return listed.map((n) => n.name);
    return undefined;
  }

  /** Racks known from the Site's node inventory. */
  public knownRacks(): string[] | undefined {
    const racks = this.site.nodes?.map((n) => n.rack).filter((r): r is string => !!r);
    return racks && racks.length > 0 ? [...new Set(racks)] : undefined;
  }

  /** OSD and mon PVC classes: any block class but Ceph's own, with the checks of its kind (cluster/device-sets.ts). */
  private checkPvcClasses(): string[] {
    const mon = this.config.mon.volumeClaim;
    return checkPvcClasses(this.site, this.node.path, [
      ...deviceSetUses(this.config.storage.storageClassDeviceSets ?? []),
      ...(mon ? [{ field: 'mon.volumeClaim.storageClass', ref: mon.storageClass, role: 'mon' as const }] : []),
    ]);
  }

  private checkMonsAgainstNodes(): string[] {
    const out = [...this.checkSiblings(), ...this.checkMgrsAgainstNodes()];
    const hosts = this.knownHosts();
    if (!hosts || this.config.mon.allowMultiplePerNode) return out;
    if (this.config.mon.count > hosts.length) {
      out.push(new ConfigError({
        path: `${this.node.path}: mon.count`,
        problem: `${this.config.mon.count} mons need ${this.config.mon.count} nodes when allowMultiplePerNode is false, but the site declares ${hosts.length} (${hosts.join(', ')})`,
        value: this.config.mon.count,
        allowed: `at most ${hosts.length} with allowMultiplePerNode: false`,
        fix: 'declare more nodes, lower mon.count, or set mon.allowMultiplePerNode: true (test clusters only)',
      }).message);
    }
    return out;
  }

  /** mgr pods are spread one per node unless allowMultiplePerNode: a second mgr without a node stays Pending. */
  private checkMgrsAgainstNodes(): string[] {
    const hosts = this.knownHosts();
    const mgr = this.config.mgr;
    if (!hosts || mgr.allowMultiplePerNode || mgr.count <= hosts.length) return [];
    // never suggest a field the pinned release refuses (v1.2.7 has neither mgr.count nor mgr.allowMultiplePerNode)
    const tunable = hasFeature(this.site.versions, 'cephClusterMgrCount');
    return [new ConfigError({
      path: `${this.node.path}: mgr.count`,
      problem: `${mgr.count} mgrs need ${mgr.count} nodes when allowMultiplePerNode is false, but the site declares ${hosts.length} (${hosts.join(', ')}); the standby mgr would stay Pending`,
      value: mgr.count,
      allowed: `at most ${hosts.length}`,
      fix: tunable ? 'lower mgr.count, declare more nodes, or set mgr.allowMultiplePerNode: true' : 'declare more nodes',
    }).message];
  }

  /** One CephCluster per namespace, and no two clusters sharing dataDirHostPath (their mons would share state). */
  private checkSiblings(): string[] {
    const out: string[] = [];
    const others = this.site.findAll(RookCluster).filter((c) => c !== this);
    const first = (pred: (c: RookCluster) => boolean) => others.find(pred);
    const sameNs = first((c) => c.namespace === this.namespace);
    if (sameNs && this.site.findAll(RookCluster).indexOf(this) > this.site.findAll(RookCluster).indexOf(sameNs)) {
      out.push(new ConfigError({
        path: `${this.node.path}: namespace`,
        problem: `namespace "${this.namespace}" already holds CephCluster "${sameNs.clusterName}" (${sameNs.node.path}); Rook runs one CephCluster per namespace and ignores the second`,
        value: this.namespace,
        allowed: 'a namespace of its own for every cluster',
        fix: 'give this cluster its own namespace (the operator gets the RBAC for it)',
      }).message);
    }
    const sameDir = first((c) => c.config.dataDirHostPath === this.config.dataDirHostPath);
    if (sameDir && this.site.findAll(RookCluster).indexOf(this) > this.site.findAll(RookCluster).indexOf(sameDir)) {
      out.push(new ConfigError({
        path: `${this.node.path}: dataDirHostPath`,
        problem: `dataDirHostPath "${this.config.dataDirHostPath}" is already used by ${sameDir.node.path}; two clusters on the same hosts would overwrite each other's mon and config data`,
        value: this.config.dataDirHostPath,
        allowed: 'a distinct host path per cluster',
        fix: `use e.g. "/var/lib/rook-${this.clusterName}"`,
      }).message);
    }
    return out;
  }

  /** Adds a CephFilesystem in this cluster's namespace. */
  public addFilesystem(id: string, options: CephFilesystemOptions = {}): CephFilesystem {
    return new CephFilesystem(this, id, { ...options, cluster: this });
  }

  /** Adds a CephNFS server in this cluster's namespace. */
  public addNfsServer(id: string, options: CephNfsOptions = {}): CephNfs {
    return new CephNfs(this, id, { ...options, cluster: this });
  }

  /** Adds a CephClient in this cluster's namespace. */
  public addClient(id: string, options: CephClientOptions): CephClient {
    return new CephClient(this, id, { ...options, cluster: this });
  }

  /** Adds a CephRBDMirror (the rbd-mirror daemons) in this cluster's namespace. */
  public addRbdMirror(id: string, options: CephRbdMirrorOptions = {}): CephRbdMirror {
    return new CephRbdMirror(this, id, { ...options, cluster: this });
  }

  /** Adds a CephFilesystemMirror (the cephfs-mirror daemon) in this cluster's namespace. */
  public addFilesystemMirror(id: string, options: CephFilesystemMirrorOptions = {}): CephFilesystemMirror {
    return new CephFilesystemMirror(this, id, { ...options, cluster: this });
  }
}
