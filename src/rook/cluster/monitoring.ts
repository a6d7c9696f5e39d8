/**
 * Prometheus monitoring of the cluster (`monitoring`): schema and documented props.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { dnsLabel, int32 } from '../../foundation/props';
import { PropsMatch } from '../../foundation/props-check';
import { goDuration as duration } from './go-duration';

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
