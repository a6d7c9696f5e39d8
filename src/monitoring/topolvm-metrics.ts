import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { dnsLabel, labels } from '../foundation/props';
import { PropsMatch } from '../foundation/props-check';
import { Site } from '../site/site';
import { labelsOf } from '../topolvm/context';
import { TopoLVM } from '../topolvm/topolvm';
import { hasFeature, requireFeature } from '../versions';
import { emitMetricsService, emitServiceMonitor, scrapeShape } from './service-monitor';
import { StorageConstruct } from '../site/storage-construct';

/** Port TopoLVM's controller, node and lvmd containers serve metrics on (every pinned release). */
export const TOPOLVM_METRICS_PORT = 8080;
/** The label of our TopoLVM metrics Services, which the ServiceMonitor selects. */
export const TOPOLVM_METRICS_LABELS = { 'app.kubernetes.io/name': 'topolvm', 'app.kubernetes.io/part-of': 'topolvm-metrics' } as const;

const schema = z.strictObject({
  topolvm: z.custom<TopoLVM>((x) => TopoLVM.isTopoLVM(x), { message: 'not a TopoLVM' }),
  name: dnsLabel.optional(),
  labels: labels.optional(),
  ...scrapeShape,
  controller: z.boolean().default(true),
  node: z.boolean().default(true),
  lvmd: z.boolean().optional(),
});

/** Props of {@link TopoLVMMetrics}. */
export interface TopoLVMMetricsProps {
  /** The TopoLVM installation whose pods are scraped. */
  readonly topolvm: TopoLVM;
  /** Name of the ServiceMonitor (and prefix of the metrics Services). @default - the TopoLVM resource prefix ('topolvm') */
  readonly name?: string;
  /** Labels of the ServiceMonitor, e.g. the ones the Prometheus `serviceMonitorSelector` matches. @default - none */
  readonly labels?: Record<string, string>;
  /** Scrape interval, a Prometheus duration. @default - the Prometheus' scrape interval */
  readonly interval?: string;
  /** Scrape timeout, a Prometheus duration. @default - the Prometheus' scrape timeout */
  readonly scrapeTimeout?: string;
  /** Scrape topolvm-controller. @default true */
  readonly controller?: boolean;
  /** Scrape topolvm-node (the volume group metrics). @default true */
  readonly node?: boolean;
  /** Scrape the lvmd DaemonSet pods (lvmd mode 'daemonset', TopoLVM 0.41+). @default - true where lvmd runs as a DaemonSet with metrics */
  readonly lvmd?: boolean;
}
const _props: PropsMatch<TopoLVMMetricsProps, z.input<typeof schema>> = true;

/**
 * Prometheus scraping of TopoLVM: headless metrics Services over the controller, node and (0.41+, DaemonSet mode)
 * lvmd pods on port 8080, and one ServiceMonitor over them. TopoLVM's chart offers PodMonitors, which the pinned
 * prometheus-operator CRDs do not include; hence Services. Needs `clusterCrds: ['prometheus-operator@v0.93.0']`.
 */
export class TopoLVMMetrics extends StorageConstruct {
  public readonly serviceMonitor: ApiObject;
  public readonly services: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: TopoLVMMetricsProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireTopolvm(this.node.path);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'topolvm', p.topolvm, 'TopoLVM');
    site.requireClusterCrds('prometheus-operator', this.node.path, 'ServiceMonitors');
    const t = p.topolvm;
    if (p.lvmd) {
      if (t.lvmdMode !== 'daemonset') {
        throw new ConfigError({
          path: `${this.node.path}: lvmd`, problem: `lvmd runs in mode "${t.lvmdMode}" on ${t.node.path}, so there are no lvmd pods to scrape${t.lvmdMode === 'embedded' ? ' (embedded lvmd is part of topolvm-node, scraped with node)' : ''}`,
          value: t.lvmdMode, allowed: 'lvmd: true only with lvmd mode "daemonset"', fix: 'remove lvmd',
        });
      }
      requireFeature(site.versions, 'topolvmLvmdMetrics', `${this.node.path}: lvmd`, 'remove lvmd; topolvm-node carries the volume group metrics');
    }
    const lvmd = p.lvmd ?? (t.lvmdMode === 'daemonset' && hasFeature(site.versions, 'topolvmLvmdMetrics'));
    if (!p.controller && !p.node && !lvmd) {
      throw new ConfigError({ path: `${this.node.path}: controller`, problem: 'every component is switched off; the ServiceMonitor would scrape nothing', value: false, allowed: 'at least one of controller / node / lvmd', fix: 'drop the construct, or keep node: true (the volume group metrics)' });
    }
    const name = p.name ?? t.resourcePrefix;
    const components = ([['controller', p.controller], ['node', p.node], ['lvmd', lvmd]] as const).filter(([, on]) => on).map(([c]) => c);
    this.services = components.map((c) => emitMetricsService(this, `Service-${c}`, {
      name: `${name}-${c}-metrics`, namespace: t.namespace, labels: { ...TOPOLVM_METRICS_LABELS },
      selector: labelsOf(c), portName: 'metrics', port: TOPOLVM_METRICS_PORT, targetPort: TOPOLVM_METRICS_PORT,
    }));
    this.serviceMonitor = emitServiceMonitor(this, 'Resource', {
      name, namespace: t.namespace, labels: p.labels, selector: { ...TOPOLVM_METRICS_LABELS },
      endpoints: [{ port: 'metrics', interval: p.interval, scrapeTimeout: p.scrapeTimeout }],
    });
  }
}
