import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { dnsLabel, labels } from '../foundation/props';
import { PropsMatch } from '../foundation/props-check';
import { Site } from '../site/site';
import { CephCsi } from '../rook/ceph-csi';
import { requireFeature } from '../versions';
import { emitMetricsService, emitServiceMonitor, scrapeShape } from './service-monitor';
import { StorageConstruct } from '../site/storage-construct';

/** The label Rook puts on its CSI metrics Services, and the ServiceMonitor selects. */
export const CSI_METRICS_LABELS = { app: 'csi-metrics' } as const;
/** Port names of the CSI metrics Services (Rook's). */
export const CSI_HTTP_METRICS_PORT = 'csi-http-metrics';
export const CSI_GRPC_METRICS_PORT = 'csi-grpc-metrics';

/**
 * Liveness metrics ports per driver. Rook <= 1.19 defaults rbd 9080 and cephfs 9081; on 1.20 the ceph-csi operator
 * has no default, so we pin those (and 9082 for NFS): the node plugins share the host network, so each driver needs
 * its own port.
 */
const DEFAULT_PORTS = { rbd: 9080, cephfs: 9081, nfs: 9082 } as const;
type DriverKind = keyof typeof DEFAULT_PORTS;

const metricsPort = z.number().int().min(1024).max(65535);
const schema = z.strictObject({
  csi: z.lazy(() => z.instanceof(CephCsi, { message: 'not a CephCsi' })),
  name: dnsLabel.default('csi-metrics'),
  labels: labels.optional(),
  ...scrapeShape,
  ports: z.strictObject({ rbd: metricsPort.optional(), cephfs: metricsPort.optional(), nfs: metricsPort.optional() }).optional(),
  grpc: z.boolean().optional(),
});

/** Liveness metrics ports of the CSI drivers (1024..65535, distinct: the node plugins share the host network). */
export interface CephCsiMetricsPortsProps {
  /** RBD driver. @default 9080 */
  readonly rbd?: number;
  /** CephFS driver. @default 9081 */
  readonly cephfs?: number;
  /** NFS driver (Rook 1.20, ceph-csi operator). @default 9082 */
  readonly nfs?: number;
}

/** Props of {@link CephCsiMetrics}. */
export interface CephCsiMetricsProps {
  /** The site's CephCsi whose drivers are scraped. */
  readonly csi: CephCsi;
  /** Name of the ServiceMonitor. @default 'csi-metrics' */
  readonly name?: string;
  /** Labels of the ServiceMonitor, e.g. the ones the Prometheus `serviceMonitorSelector` matches. @default - none */
  readonly labels?: Record<string, string>;
  /** Scrape interval, a Prometheus duration. @default - the Prometheus' scrape interval */
  readonly interval?: string;
  /** Scrape timeout, a Prometheus duration. @default - the Prometheus' scrape timeout */
  readonly scrapeTimeout?: string;
  /** Liveness metrics ports. @default - Rook's (rbd 9080, cephfs 9081); on Rook 1.20 we pin those and nfs 9082 */
  readonly ports?: CephCsiMetricsPortsProps;
  /** Also scrape the gRPC metrics endpoint (Rook < 1.19, ROOK_CSI_ENABLE_GRPC_METRICS). @default - the release's: on for Rook 1.2, off for 1.7 */
  readonly grpc?: boolean;
}
const _props: PropsMatch<CephCsiMetricsProps, z.input<typeof schema>> = true;
const _ports: PropsMatch<CephCsiMetricsPortsProps, z.input<typeof schema>['ports'] & {}> = true;

/**
 * Prometheus scraping of the Ceph CSI drivers: a ServiceMonitor over the `app: csi-metrics` Services.
 *
 * - Rook 1.20 (ceph-csi operator): sets `liveness.metricsPort` on each Driver and adds the metrics Services
 *   (`csi-<driver>plugin-metrics` over the node plugin pods, `csi-<driver>plugin-provisioner-metrics` over the
 *   controller plugin pods), which the ceph-csi operator does not create.
 * - Rook 1.7 / 1.2: the operator creates `csi-rbdplugin-metrics` and `csi-cephfsplugin-metrics` itself; ports and
 *   the gRPC endpoint are operator settings (ConfigMap keys on 1.7, environment variables on 1.2), written only when set.
 *
 * Needs `clusterCrds: ['prometheus-operator@v0.93.0']` on the Site.
 */
export class CephCsiMetrics extends StorageConstruct {
  public readonly serviceMonitor: ApiObject;
  /** The metrics Services this construct writes (Rook 1.20 only; older operators create their own). */
  public readonly services: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: CephCsiMetricsProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'csi', p.csi, 'CephCsi');
    site.requireClusterCrds('prometheus-operator', this.node.path, 'ServiceMonitors');
    const csi = p.csi;
    const op = csi.operator;
    const ns = op.namespace;
    const style = op.profile.csiConfig;
    const kinds = csi.driverNames.map((d) => d.split('.')[1] as DriverKind);
    const chosen = Object.entries(p.ports ?? {}).filter(([, v]) => v !== undefined) as [DriverKind, number][];
    for (const [k] of chosen) {
      if (!kinds.includes(k)) {
        throw new ConfigError({ path: `${this.node.path}: ports.${k}`, problem: `the ${k} driver is not enabled on ${csi.node.path}, so its port would be unused`, value: k, allowed: kinds.join(', '), fix: `remove ports.${k}, or enable drivers.${k} on the CephCsi` });
      }
    }
    const port = (k: DriverKind) => p.ports?.[k] ?? DEFAULT_PORTS[k];
    const used = kinds.map(port);
    const dup = used.find((x, i) => used.indexOf(x) !== i);
    if (dup !== undefined) {
      throw new ConfigError({ path: `${this.node.path}: ports`, problem: `two drivers would serve metrics on port ${dup}; the node plugins share the host network, so one of them fails to bind`, value: dup, allowed: 'a distinct port per driver', fix: 'give each driver its own port' });
    }
    if (p.grpc !== undefined) requireFeature(site.versions, 'csiGrpcMetrics', `${this.node.path}: grpc`, 'remove grpc; ceph-csi on this Rook line serves only the liveness metrics');

    const services: ApiObject[] = [];
    let grpc = false;
    if (style === 'csi-operator') {
      for (const driver of csi.driverNames) {
        const k = driver.split('.')[1] as DriverKind;
        const drv = csi.node.tryFindChild(`Driver-${driver}`) as ApiObject | undefined;
        if (!drv) throw new Error(`internal: ${csi.node.path} has no Driver ${driver}`);
        drv.addJsonPatch(JsonPatch.add('/spec/liveness', { metricsPort: port(k) }));
        for (const [plugin, suffix] of [['nodeplugin', ''], ['ctrlplugin', '-provisioner']] as const) {
          services.push(emitMetricsService(this, `Service-${k}-${plugin}`, {
            name: `csi-${k}plugin${suffix}-metrics`, namespace: ns, labels: { ...CSI_METRICS_LABELS },
            selector: { app: `${driver}-${plugin}` }, portName: CSI_HTTP_METRICS_PORT, port: port(k), targetPort: port(k),
          }));
        }
      }
    } else {
      // the operator reads these only when set; unset keeps Rook's defaults (ports 9080/9081, gRPC 9090/9091)
      const set = (key: string, value: string) => (style === 'operator-env' ? op.setEnv(key, value) : op.setConfigMapKey(key, value));
      for (const [k, v] of chosen) set(`CSI_${k.toUpperCase()}_LIVENESS_METRICS_PORT`, String(v));
      if (p.grpc !== undefined) set('ROOK_CSI_ENABLE_GRPC_METRICS', String(p.grpc));
      // the operator's own typed setting (RookOperator csi.grpcMetrics), else the release defaults: the v1.2.7
      // operator.yaml enables gRPC metrics, v1.7.11's disables them
      grpc = p.grpc ?? (op.config as { csi?: { grpcMetrics?: boolean } }).csi?.grpcMetrics ?? style === 'operator-env';
    }
    this.services = services;
    this.serviceMonitor = emitServiceMonitor(this, 'Resource', {
      name: p.name, namespace: ns, labels: p.labels, selector: { ...CSI_METRICS_LABELS },
      endpoints: [CSI_HTTP_METRICS_PORT, ...(grpc ? [CSI_GRPC_METRICS_PORT] : [])].map((port) => ({ port, interval: p.interval, scrapeTimeout: p.scrapeTimeout })),
    });
  }
}
