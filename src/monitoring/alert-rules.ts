/**
 * Our own storage alerts: names, defaults, PromQL and texts (written for this project; no upstream rule is copied).
 *
 * Metric names are the Ceph mgr `prometheus` module's (`ceph_health_status`, `ceph_mon_quorum_status`, `ceph_osd_up`,
 * `ceph_osd_stat_bytes{,_used}`, `ceph_pg_<state>` and `ceph_pg_total` per pool, `ceph_pool_stored`,
 * `ceph_pool_quota_bytes`, `ceph_mds_metadata`, `ceph_rgw_metadata`) and TopoLVM's node metrics
 * (`topolvm_volumegroup_available_bytes`, `topolvm_volumegroup_size_bytes` since 0.8.2). Every expression selects
 * the series of one installation by the `namespace` target label Prometheus adds for the scraped Service.
 */

/** Every metric an alert expression may reference; a test checks each rendered expression against this list. */
export const KNOWN_METRICS = [
  'ceph_health_status',
  'ceph_mon_quorum_status',
  'ceph_osd_up',
  'ceph_osd_stat_bytes',
  'ceph_osd_stat_bytes_used',
  'ceph_pg_total',
  'ceph_pg_active',
  'ceph_pg_degraded',
  'ceph_pool_stored',
  'ceph_pool_quota_bytes',
  'ceph_mds_metadata',
  'ceph_rgw_metadata',
  'topolvm_volumegroup_available_bytes',
  'topolvm_volumegroup_size_bytes',
] as const;

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** What an expression is rendered for. */
export interface AlertContext {
  /** namespace of the Ceph cluster (Ceph alerts) or of TopoLVM (TopoLVM alerts) */
  readonly namespace: string;
  /** MDS daemons expected to report (sum of the active ranks of the cluster's filesystems) */
  readonly mdsExpected: number;
  /** RGW daemons expected to report (sum of the gateway instances of the cluster's local object stores) */
  readonly rgwExpected: number;
}

/** A threshold an alert compares with, and its allowed range. */
export interface AlertThreshold {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** what the number means, for messages and docs */
  readonly meaning: string;
}

export interface AlertDefinition {
  readonly name: string;
  readonly component: 'ceph' | 'topolvm';
  readonly severity: AlertSeverity;
  readonly for: string;
  readonly threshold?: AlertThreshold;
  /** only emitted when this returns true (e.g. the cluster has a filesystem) */
  readonly applies?: (ctx: AlertContext) => boolean;
  readonly expr: (ctx: AlertContext, threshold: number) => string;
  readonly summary: string;
  readonly description: (threshold: number) => string;
}

const sel = (ctx: AlertContext) => `{namespace="${ctx.namespace}"}`;
const pct = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** The alerts, in the order they are written. */
export const ALERTS: readonly AlertDefinition[] = [
  {
    name: 'CephHealthError', component: 'ceph', severity: 'critical', for: '5m',
    expr: (c) => `ceph_health_status${sel(c)} == 2`,
    summary: 'Ceph reports HEALTH_ERR',
    description: () => 'The cluster in namespace {{ $labels.namespace }} is in HEALTH_ERR; run `ceph health detail` in the toolbox to see which check fails.',
  },
  {
    name: 'CephHealthWarning', component: 'ceph', severity: 'warning', for: '15m',
    expr: (c) => `ceph_health_status${sel(c)} == 1`,
    summary: 'Ceph reports HEALTH_WARN',
    description: () => 'The cluster in namespace {{ $labels.namespace }} has been in HEALTH_WARN for a while; `ceph health detail` names the check.',
  },
  {
    name: 'CephMonQuorumAtRisk', component: 'ceph', severity: 'critical', for: '5m',
    // at risk: one more mon out of quorum and there is no majority left
    expr: (c) => `count(ceph_mon_quorum_status${sel(c)} == 1) <= floor(count(ceph_mon_quorum_status${sel(c)}) / 2) + 1`,
    summary: 'Ceph mon quorum is one failure away from loss',
    description: () => 'Only {{ $value }} mons are in quorum; losing one more stops the cluster from serving I/O. Check the mon pods and their nodes.',
  },
  {
    name: 'CephOSDsDown', component: 'ceph', severity: 'warning', for: '5m',
    threshold: { default: 0, min: 0, max: 10000, integer: true, meaning: 'OSDs allowed to be down before it fires' },
    expr: (c, t) => `count(ceph_osd_up${sel(c)} == 0) > ${t}`,
    summary: 'Ceph OSDs are down',
    description: (t) => `{{ $value }} OSDs are down (tolerated: ${t}); data is served from fewer replicas until they return or are replaced.`,
  },
  {
    name: 'CephOSDNearFull', component: 'ceph', severity: 'warning', for: '10m',
    threshold: { default: 0.8, min: 0.01, max: 0.99, meaning: 'used fraction of an OSD' },
    expr: (c, t) => `ceph_osd_stat_bytes_used${sel(c)} / ceph_osd_stat_bytes${sel(c)} > ${t}`,
    summary: 'A Ceph OSD is filling up',
    description: (t) => `OSD {{ $labels.ceph_daemon }} is more than ${pct(t)} used; add capacity or rebalance before it reaches the full ratio and blocks writes.`,
  },
  {
    name: 'CephPGsInactive', component: 'ceph', severity: 'critical', for: '5m',
    expr: (c) => `ceph_pg_total${sel(c)} - ceph_pg_active${sel(c)} > 0`,
    summary: 'Ceph placement groups are inactive',
    description: () => '{{ $value }} placement groups of pool {{ $labels.pool_id }} are not active: I/O to the objects in them blocks.',
  },
  {
    name: 'CephPGsDegraded', component: 'ceph', severity: 'warning', for: '15m',
    expr: (c) => `ceph_pg_degraded${sel(c)} > 0`,
    summary: 'Ceph placement groups are degraded',
    description: () => '{{ $value }} placement groups of pool {{ $labels.pool_id }} have fewer copies than the pool size; watch recovery progress.',
  },
  {
    name: 'CephPoolNearQuota', component: 'ceph', severity: 'warning', for: '10m',
    threshold: { default: 0.8, min: 0.01, max: 0.99, meaning: 'stored fraction of the pool quota' },
    // pools without a quota report 0 and are filtered out before dividing
    expr: (c, t) => `ceph_pool_stored${sel(c)} / (ceph_pool_quota_bytes${sel(c)} > 0) > ${t}`,
    summary: 'A Ceph pool is close to its quota',
    description: (t) => `Pool {{ $labels.pool_id }} stores more than ${pct(t)} of its byte quota; writes fail once it is reached. Raise the quota or free space.`,
  },
  {
    name: 'CephMDSDaemonsDown', component: 'ceph', severity: 'critical', for: '5m',
    applies: (c) => c.mdsExpected > 0,
    expr: (c) => `count(ceph_mds_metadata${sel(c)}) < ${c.mdsExpected} or absent(ceph_mds_metadata${sel(c)})`,
    summary: 'Ceph MDS daemons are missing',
    description: () => 'Fewer MDS daemons report than the filesystems have active ranks; CephFS clients stall until an MDS takes the rank.',
  },
  {
    name: 'CephRGWDaemonsDown', component: 'ceph', severity: 'critical', for: '5m',
    applies: (c) => c.rgwExpected > 0,
    expr: (c) => `count(ceph_rgw_metadata${sel(c)}) < ${c.rgwExpected} or absent(ceph_rgw_metadata${sel(c)})`,
    summary: 'Ceph RGW daemons are missing',
    description: () => 'Fewer RGW daemons report than the object stores run; S3 clients lose capacity or the endpoint.',
  },
  {
    name: 'TopolvmVolumeGroupLowSpace', component: 'topolvm', severity: 'warning', for: '10m',
    threshold: { default: 0.1, min: 0.01, max: 0.99, meaning: 'free fraction of a volume group below which it fires' },
    expr: (c, t) => `topolvm_volumegroup_available_bytes${sel(c)} / topolvm_volumegroup_size_bytes${sel(c)} < ${t}`,
    summary: 'A TopoLVM volume group is running out of space',
    description: (t) => `Device class {{ $labels.device_class }} on node {{ $labels.node }} has less than ${pct(t)} free; new volumes there will not fit.`,
  },
];

export const ALERT_NAMES: readonly string[] = ALERTS.map((a) => a.name);
