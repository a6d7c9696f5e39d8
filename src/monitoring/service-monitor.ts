/**
 * The ServiceMonitor (monitoring.coreos.com/v1) and metrics Service shapes the monitoring constructs share. The
 * ServiceMonitor and PrometheusRule classes are the generated L1 bindings of imports/monitoring.coreos.com.ts
 * (`npm run import`, prometheus-operator v0.93.0, descriptions stripped).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IntOrString, KubeService } from '../../imports/k8s';
import { ServiceMonitor } from '../../imports/monitoring.coreos.com';
import { place } from '../site/layers';
import { promDuration } from './storage-alerts';

/** The scrape settings every monitor construct takes. */
export const scrapeShape = {
  interval: promDuration.optional(),
  scrapeTimeout: promDuration.optional(),
};

export interface ScrapeEndpoint {
  readonly port: string;
  readonly interval?: string;
  readonly scrapeTimeout?: string;
}

/** A ServiceMonitor selecting Services by labels in one namespace, placed in the tools layer. */
export function emitServiceMonitor(scope: Construct, id: string, m: {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  selector: Record<string, string>;
  endpoints: readonly ScrapeEndpoint[];
}): ApiObject {
  return place(new ServiceMonitor(scope, id, {
    metadata: { name: m.name, namespace: m.namespace, labels: m.labels },
    spec: {
      namespaceSelector: { matchNames: [m.namespace] },
      selector: { matchLabels: m.selector },
      // path pinned: /metrics is the operator's default too, written so a review sees what is scraped
      endpoints: m.endpoints.map((e) => ({ port: e.port, path: '/metrics', interval: e.interval, scrapeTimeout: e.scrapeTimeout })),
    },
  }), 'tools');
}

/**
 * A headless Service with one named port over pods that have no Service of their own, for a ServiceMonitor to find
 * (the pinned prometheus-operator CRDs have no PodMonitor).
 */
export function emitMetricsService(scope: Construct, id: string, s: {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  portName: string;
  port: number;
  targetPort: number | string;
}): ApiObject {
  return place(new KubeService(scope, id, {
    metadata: { name: s.name, namespace: s.namespace, labels: s.labels },
    spec: {
      // headless: Prometheus scrapes each pod; nothing load-balances metrics
      clusterIp: 'None',
      selector: s.selector,
      ports: [{ name: s.portName, port: s.port, targetPort: typeof s.targetPort === 'number' ? IntOrString.fromNumber(s.targetPort) : IntOrString.fromString(s.targetPort), protocol: 'TCP' }],
    },
  }), 'tools');
}
