import { ApiObject, Lazy } from 'cdk8s';
import { PrometheusRule, PrometheusRuleSpecGroups, PrometheusRuleSpecGroupsRules, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { dnsLabel, labels } from '../foundation/props';
import { PropsMatch } from '../foundation/props-check';
import { Site } from '../site/site';
import { place } from '../site/layers';
import { ICephCluster, isCephCluster } from '../rook/cluster-ref';
import { CephFilesystem } from '../rook/ceph-filesystem';
import { CephObjectStore } from '../rook/ceph-object-store';
import { RookCluster } from '../rook/rook-cluster';
import { TopoLVM } from '../topolvm/topolvm';
import { hasFeature } from '../versions';
import { AlertContext, AlertDefinition, ALERT_NAMES, ALERTS, AlertSeverity } from './alert-rules';
import { StorageConstruct } from '../site/storage-construct';

/** Prometheus durations as the PrometheusRule CRD accepts them ("30s", "5m", "1h30m"). */
const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
export const promDuration = z.string().superRefine((s, ctx) => {
  if (s === '' || !DURATION.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'not a Prometheus duration', params: { allowed: 'a duration like "30s", "5m", "1h30m" (units y, w, d, h, m, s, ms, largest first)', fix: 'write e.g. "5m"' } });
  }
});

const promLabelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const alertLabels = z.record(z.string(), z.string()).superRefine((m, ctx) => {
  for (const k of Object.keys(m)) {
    if (!promLabelName.test(k) || k.startsWith('__')) {
      ctx.addIssue({ code: 'custom', path: [k], message: `"${k}" is not a Prometheus label name`, params: { allowed: 'letters, digits and "_", not starting with a digit or "__"', fix: `rename it, e.g. "${k.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^([0-9])/, '_$1')}"` } });
    }
    if (k === 'severity' || k === 'alertname') {
      ctx.addIssue({ code: 'custom', path: [k], message: `"${k}" is set by the alert itself`, params: { allowed: 'labels other than severity and alertname', fix: k === 'severity' ? 'use the severity override' : 'remove it' } });
    }
  }
});

const overrideSchema = z.strictObject({
  threshold: z.number().optional(),
  for: promDuration.optional(),
  severity: z.enum(['critical', 'warning', 'info']).optional(),
  labels: alertLabels.optional(),
});

const overrideUnion = z.union([z.literal(false), overrideSchema]);
// a first check with a helpful message for a value that is neither false nor an object; typed as the union it pipes into
const overrideOrOff = z.unknown().superRefine((v, ctx) => {
  if (v !== false && (typeof v !== 'object' || v === null || Array.isArray(v))) {
    ctx.addIssue({ code: 'custom', message: 'an alert override is false (disable) or an object', params: { allowed: 'false, or { threshold?, for?, severity?, labels? }', fix: 'write e.g. { for: "10m" } or false' } });
  }
}).pipe(overrideUnion) as unknown as typeof overrideUnion;

const alertsSchema = z.record(z.string(), overrideOrOff).superRefine((m, ctx) => {
  for (const [name, o] of Object.entries(m)) {
    const def = ALERTS.find((a) => a.name === name);
    if (!def) {
      ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is not one of our alerts`, params: { allowed: ALERT_NAMES.join(', '), fix: 'use one of the known alert names (case matters)' } });
      continue;
    }
    if (o === false || o.threshold === undefined) continue;
    const t = def.threshold;
    if (!t) {
      ctx.addIssue({
        code: 'custom', path: [name, 'threshold'],
        message: `${name} has no threshold; it fires on a state, not on a number`,
        params: { allowed: `the fields of ${name}: for, severity, labels`, fix: 'remove threshold, or disable the alert and write your own rule' },
      });
    } else if (o.threshold < t.min || o.threshold > t.max || (t.integer && !Number.isInteger(o.threshold))) {
      ctx.addIssue({
        code: 'custom', path: [name, 'threshold'],
        message: `the threshold of ${name} is the ${t.meaning}`,
        params: { allowed: `${t.integer ? 'an integer' : 'a number'} from ${t.min} to ${t.max} (default ${t.default})`, fix: `set a threshold in that range, e.g. ${t.default}` },
      });
    }
  }
});

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  topolvm: z.custom<TopoLVM>((x) => TopoLVM.isTopoLVM(x), { message: 'not a TopoLVM' }).optional(),
  name: dnsLabel.default('storage-alerts'),
  namespace: dnsLabel.optional(),
  labels: labels.optional(),
  alerts: alertsSchema.optional(),
}).superRefine((p, ctx) => {
  if (!p.cluster && !p.topolvm) {
    ctx.addIssue({ code: 'custom', path: ['cluster'], message: 'the alerts watch a Ceph cluster, TopoLVM, or both; neither is given', params: { allowed: 'cluster: <RookCluster | ExternalCluster> and/or topolvm: <TopoLVM>', fix: 'pass the cluster and/or the TopoLVM of the site' } });
  }
});

/** Changes to one alert (every field optional; unset fields keep the alert's defaults). */
export interface StorageAlertOverrideProps {
  /** The number the alert compares with; only for alerts that have one (CephOSDsDown, CephOSDNearFull, CephPoolNearQuota, TopolvmVolumeGroupLowSpace). @default - the alert's own */
  readonly threshold?: number;
  /** How long the condition must hold before the alert fires, a Prometheus duration. @default - the alert's own */
  readonly for?: string;
  /** Severity label. @default - the alert's own */
  readonly severity?: AlertSeverity;
  /** Extra labels for routing (Prometheus label names; not severity or alertname). @default - none */
  readonly labels?: Record<string, string>;
}
const _override: PropsMatch<StorageAlertOverrideProps, z.input<typeof overrideSchema>> = true;

/** Props of {@link StorageAlerts}. */
export interface StorageAlertsProps {
  /** The Ceph cluster to alert on (the Ceph alerts are emitted only with it). @default - no Ceph alerts */
  readonly cluster?: ICephCluster;
  /** The TopoLVM installation to alert on (the TopoLVM alerts are emitted only with it). @default - no TopoLVM alerts */
  readonly topolvm?: TopoLVM;
  /** Name of the PrometheusRule. @default 'storage-alerts' */
  readonly name?: string;
  /** Namespace of the PrometheusRule (the Prometheus must select rules there). @default - the cluster namespace, else the TopoLVM namespace */
  readonly namespace?: string;
  /** Labels of the PrometheusRule, e.g. the ones the Prometheus `ruleSelector` matches. @default - none */
  readonly labels?: Record<string, string>;
  /**
   * Per alert, by name: `false` disables it, an object overrides threshold, for, severity or adds labels.
   * Names: CephHealthError, CephHealthWarning, CephMonQuorumAtRisk, CephOSDsDown, CephOSDNearFull, CephPGsInactive,
   * CephPGsDegraded, CephPoolNearQuota, CephMDSDaemonsDown, CephRGWDaemonsDown, TopolvmVolumeGroupLowSpace.
   * @default {} - every alert with its defaults
   */
  readonly alerts?: Record<string, false | StorageAlertOverrideProps>;
}
const _props: PropsMatch<StorageAlertsProps, z.input<typeof schema>> = true;

/**
 * A PrometheusRule (monitoring.coreos.com/v1) of our storage alerts: Ceph health, mon quorum, OSDs down / near full,
 * PGs inactive / degraded, pools near quota, MDS and RGW daemons missing (for the cluster's filesystems and object
 * stores), TopoLVM volume groups low on space. Each alert can be disabled or tuned by name. Needs the Prometheus
 * operator CRDs declared: `clusterCrds: ['prometheus-operator@v0.93.0']` on the Site.
 */
export class StorageAlerts extends StorageConstruct {
  public readonly resource: ApiObject;
  private readonly props: z.output<typeof schema>;

  constructor(scope: Construct, id: string, props: StorageAlertsProps) {
    super(scope, id);
    const site = Site.of(this);
    const p = parseProps(this.node.path, schema, props);
    this.props = p;
    if (p.cluster) requireSameSite(this, 'cluster', p.cluster, 'cluster');
    if (p.topolvm) requireSameSite(this, 'topolvm', p.topolvm, 'TopoLVM');
    site.requireClusterCrds('prometheus-operator', this.node.path, 'PrometheusRules');
    if (p.topolvm && !hasFeature(site.versions, 'topolvmVgSizeMetric') && p.alerts?.TopolvmVolumeGroupLowSpace !== false) {
      site.addWarning(`${this.node.path}: TopoLVM ${site.versions.topolvm} has no topolvm_volumegroup_size_bytes metric (added in 0.8.2), so TopolvmVolumeGroupLowSpace is not written. Fix: upgrade TopoLVM, or set alerts: { TopolvmVolumeGroupLowSpace: false } to acknowledge.`);
    }
    const namespace = p.namespace ?? p.cluster?.namespace ?? p.topolvm!.namespace;
    // the MDS / RGW counts come from the site's filesystems and stores, which may be added after this construct
    this.resource = place(new PrometheusRule(this, 'Resource', {
      metadata: { name: p.name, namespace, labels: p.labels },
      // resolved at synth, before the binding maps the groups
      spec: { groups: Lazy.any({ produce: () => this.groups() }) as unknown as PrometheusRuleSpecGroups[] },
    }), 'tools');
    // deferred: which Ceph alerts are written depends on the filesystems and stores added after this construct
    this.node.addValidation({ validate: () => { this.warnUnscraped(); return []; } });
  }

  /**
   * The Ceph alerts read the mgr's metrics, which Prometheus scrapes through the ServiceMonitors the Rook operator
   * creates only for `monitoring.enabled: true` (and not at all with `metricsDisabled`); warn when a local cluster
   * has neither, naming the alerts written in vain.
   */
  private warnUnscraped(): void {
    const cluster = this.props.cluster;
    if (!(cluster instanceof RookCluster)) return;
    const m = cluster.config.monitoring;
    if (m?.enabled === true && m.metricsDisabled !== true) return;
    const written = (this.groups().find((g) => g.name === `ceph-${cluster.namespace}`)?.rules ?? []).map((r) => r.alert ?? '');
    if (written.length === 0) return;
    const absentBased: string[] = written.filter((n) => n === 'CephMDSDaemonsDown' || n === 'CephRGWDaemonsDown');
    const silent = written.filter((n) => !absentBased.includes(n));
    const why = m?.metricsDisabled === true ? 'sets monitoring.metricsDisabled: true, so the mgr exports no metrics' : 'does not set monitoring.enabled: true, so the Rook operator creates no ServiceMonitor for the mgr and exporter and Prometheus never scrapes the Ceph metrics';
    const effect = [
      silent.length ? `${silent.join(', ')} would never fire` : '',
      absentBased.length ? `${absentBased.join(', ')} would fire all the time (their metric is absent)` : '',
    ].filter((x) => x).join('; ');
    const fix = m?.metricsDisabled === true
      ? `remove monitoring.metricsDisabled and set monitoring: { enabled: true } on ${cluster.node.path}`
      : `set monitoring: { enabled: true } on ${cluster.node.path} (the site declares the prometheus-operator CRDs already), or leave cluster out of ${this.node.path} if another setup scrapes the mgr`;
    Site.of(this).addWarning(`${this.node.path}: the cluster ${cluster.node.path} ${why}; of the Ceph alerts written, ${effect}. Fix: ${fix}.`);
  }

  /** The rule groups: one per watched component, only the alerts that apply and are not disabled. */
  private groups(): PrometheusRuleSpecGroups[] {
    const p = this.props;
    const site = Site.of(this);
    const out: { name: string; rules: PrometheusRuleSpecGroupsRules[] }[] = [];
    if (p.cluster) {
      const cluster = p.cluster;
      const mdsExpected = site.findAll(CephFilesystem).filter((f) => f.cluster === cluster).reduce((n, f) => n + f.config.activeCount, 0);
      const rgwExpected = site.findAll(CephObjectStore).filter((s) => s.cluster === cluster && !s.isExternal).reduce((n, s) => n + (s.config.gateway.instances ?? 1), 0);
      out.push({ name: `ceph-${cluster.namespace}`, rules: this.rules('ceph', { namespace: cluster.namespace, mdsExpected, rgwExpected }) });
    }
    if (p.topolvm) {
      const rules = hasFeature(site.versions, 'topolvmVgSizeMetric') ? this.rules('topolvm', { namespace: p.topolvm.namespace, mdsExpected: 0, rgwExpected: 0 }) : [];
      out.push({ name: `topolvm-${p.topolvm.namespace}`, rules });
    }
    return out.filter((g) => g.rules.length > 0);
  }

  private rules(component: AlertDefinition['component'], ctx: AlertContext): PrometheusRuleSpecGroupsRules[] {
    return ALERTS.filter((a) => a.component === component && (!a.applies || a.applies(ctx))).flatMap((a) => {
      const o = this.props.alerts?.[a.name];
      if (o === false) return [];
      const threshold = o?.threshold ?? a.threshold?.default ?? 0;
      return [{
        alert: a.name,
        expr: PrometheusRuleSpecGroupsRulesExpr.fromString(a.expr(ctx, threshold)),
        for: o?.for ?? a.for,
        labels: { ...sorted(o?.labels ?? {}), severity: o?.severity ?? a.severity },
        annotations: { summary: a.summary, description: a.description(threshold) },
      }];
    });
  }
}

function sorted(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
}
