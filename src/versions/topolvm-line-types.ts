/**
 * The shapes of the generated TopoLVM line table (`topolvm-lines.generated.ts`, made by `src/tools/topolvm-lines.ts`).
 */

/** How lvmd runs. */
export type GeneratedLvmdMode = 'systemd' | 'daemonset' | 'embedded';

/** The facts of one TopoLVM release line, read from its pinned folder. */
export interface TopoLVMLineData {
  /** Newest patch of the line (the folder name). */
  readonly version: string;
  /** CRD files of `config/crd/bases/` (the schema source of the line). */
  readonly crdFiles: readonly string[];
  /** API groups of those CRDs. */
  readonly crdGroups: readonly string[];
  /** Kinds of those CRDs. */
  readonly crdKinds: readonly string[];
  /** apiextensions API of the CRDs. */
  readonly crdApiVersion: string;
  /** How upstream ships the install: kustomize manifests under `deploy/manifests/`, or the Helm chart `charts/topolvm`. */
  readonly manifests: 'kustomize' | 'chart';
  /** Version of the chart in the line's tree (`charts/topolvm/Chart.yaml`). */
  readonly chartVersion?: string;
  /** The chart in the line's tree (`charts/topolvm/`): at a tag it is the chart of the release before (its appVersion). */
  readonly chart?: TopoLVMChartData;
  /** kube-scheduler configuration examples of `deploy/scheduler-config/` (the extender wiring). */
  readonly schedulerConfigs: readonly string[];
  /** Scheduling modes the line has: the extender while `deploy/scheduler-config/` ships, capacity tracking once the chart has `controller.storageCapacityTracking`. */
  readonly scheduling: readonly ('extender' | 'capacityTracking')[];
  /** lvmd modes: systemd unit (`deploy/systemd/lvmd.service`), DaemonSet (`deploy/manifests/lvmd/` or chart `lvmd.managed`), embedded (chart `node.lvmdEmbedded`). */
  readonly lvmdModes: readonly GeneratedLvmdMode[];
  /** Device-class keys of the line's lvmd.yaml example (`deploy/lvmd-config/lvmd.yaml`) and chart `lvmd.deviceClasses`; empty before lvmd.yaml. */
  readonly deviceClassKeys: readonly string[];
  /** The chart has `lvmd.lvcreateOptionClasses`. */
  readonly lvcreateOptionClasses: boolean;
  /** The pod mutating webhook ships (kustomize `mutatingwebhooks.yaml`, chart `webhook.podMutatingWebhook`). */
  readonly podWebhook: boolean;
  /** The PVC mutating webhook ships (kustomize `mutatingwebhooks.yaml` with a PVC rule, chart `webhook.pvcMutatingWebhook`). */
  readonly pvcWebhook: boolean;
  /** Certificates come from cert-manager in the upstream install (kustomize `certificates.yaml`, chart `cert-manager` values). */
  readonly certManager: boolean;
  /** Image repository of TopoLVM with the CSI sidecars. */
  readonly imageRepository: string;
}

/** The facts of one TopoLVM chart major, read from `topolvm-chart-vN/charts/topolvm/`. */
export interface TopoLVMChartData {
  /** Chart version (its newest release of the major). */
  readonly version: string;
  /** appVersion of Chart.yaml. */
  readonly appVersion: string;
  /** How values name the image version: `image.tag` or (chart 17+) `image.reference`. */
  readonly imageKey: 'tag' | 'reference';
  /** Top-level keys of values.yaml. */
  readonly valueKeys: readonly string[];
  /** Keys of the chart's `controller`, `image`, `lvmd`, `node`, `priorityClass`, `scheduler`, `webhook` sections. */
  readonly sectionKeys: Readonly<Record<string, readonly string[]>>;
}
