/**
 * topolvm-scheduler (the kube-scheduler extender) and the kube-scheduler host configuration it needs.
 *
 * The extender runs as a DaemonSet on the control-plane nodes (hostNetwork, 127.0.0.1:9251) or as a
 * Deployment behind a Service. Either way kube-scheduler must be told about it: the
 * KubeSchedulerConfiguration (apiVersion by Kubernetes version, plus a Policy file before 1.19) and the
 * platform wiring are written under `dist/<site>/host/`, never synced by the GitOps engine.
 */
import * as semver from 'semver';
import { Construct } from 'constructs';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { z } from 'zod';
import { Container, IntOrString, KubeConfigMap, KubeDaemonSet, KubeDeployment, KubeService, KubeServiceAccount, PodSpec } from '../../imports/k8s';
import { place } from '../site/layers';
import { setRawJson } from '../foundation/raw-json';
import { ConfigError } from '../foundation/errors';
import { int32, nodeAffinity, toleration } from '../foundation/props';
import { hasFeature } from '../versions';
import { domainStrings, labelsOf, TopoLVMContext } from './context';
import { TolerationProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { StorageConstruct } from '../site/storage-construct';

export const SCHEDULER_PRESETS = ['kubeadm', 'rke1', 'rke2', 'custom'] as const;
export type SchedulerPreset = typeof SCHEDULER_PRESETS[number];

const port = z.number().int().min(1).max(65535);

export const extenderDaemonSetSchema = z.strictObject({
  preset: z.enum(SCHEDULER_PRESETS).optional(),
  nodeAffinity: nodeAffinity.optional(),
  tolerations: z.array(toleration).optional(),
  port: port.default(9251),
});

export const extenderDeploymentSchema = z.strictObject({
  replicas: int32.min(1).default(2),
  serviceType: z.enum(['LoadBalancer', 'NodePort', 'ClusterIP']).default('LoadBalancer'),
  nodePort: z.number().int().min(30000).max(32767).optional(),
  urlPrefix: z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'not an http(s) URL' }).optional(),
  nodeAffinity: nodeAffinity.optional(),
  tolerations: z.array(toleration).optional(),
  port: port.default(9251),
});

/** topolvm-scheduler as a DaemonSet on the control-plane nodes (hostNetwork). */
export interface ExtenderDaemonSetProps {
  /** Control-plane placement preset ('custom': set nodeAffinity and tolerations yourself). @default - the TopoLVM `platform` when it is 'kubeadm', 'rke1' or 'rke2', else 'custom' */
  readonly preset?: SchedulerPreset;
  /** Node affinity of the scheduler pods (a Kubernetes NodeAffinity object); for 'custom', or to replace the preset's. @default - the preset's */
  readonly nodeAffinity?: Record<string, unknown>;
  /** Tolerations of the scheduler pods; for 'custom', or to replace the preset's. @default - the preset's */
  readonly tolerations?: TolerationProps[];
  /** Port the extender listens on on the control-plane hosts. @default 9251 */
  readonly port?: number;
}

/** topolvm-scheduler as a Deployment behind a Service, for kube-schedulers that do not run on a node. */
export interface ExtenderDeploymentProps {
  /** Replicas of the Deployment. @default 2 */
  readonly replicas?: number;
  /** Type of the Service kube-scheduler reaches the extender through. @default 'LoadBalancer' */
  readonly serviceType?: 'LoadBalancer' | 'NodePort' | 'ClusterIP';
  /** NodePort Service: the node port, 30000..32767. @default - assigned by Kubernetes (set urlPrefix after the first apply) */
  readonly nodePort?: number;
  /** URL kube-scheduler calls, e.g. "http://10.0.0.50:9251" (the LoadBalancer address, or a node IP and the nodePort). @default - none */
  readonly urlPrefix?: string;
  /** Node affinity of the extender pods (a Kubernetes NodeAffinity object). @default - none */
  readonly nodeAffinity?: Record<string, unknown>;
  /** Tolerations of the extender pods. @default - none */
  readonly tolerations?: TolerationProps[];
  /** Port the extender listens on. @default 9251 */
  readonly port?: number;
}
const _extenderDaemonSetProps: PropsMatch<ExtenderDaemonSetProps, z.input<typeof extenderDaemonSetSchema>> = true;
const _extenderDeploymentProps: PropsMatch<ExtenderDeploymentProps, z.input<typeof extenderDeploymentSchema>> = true;

export const KUBE_SCHEDULER_API_VERSIONS = ['v1alpha1', 'v1beta1', 'v1beta2', 'v1beta3', 'v1'] as const;
export type KubeSchedulerApiVersion = typeof KUBE_SCHEDULER_API_VERSIONS[number];

/** Kubernetes versions that serve each kubescheduler.config.k8s.io version. */
export const KUBE_SCHEDULER_API_RANGES: Record<KubeSchedulerApiVersion, string> = {
  v1alpha1: '<1.19.0',
  v1beta1: '>=1.19.0 <1.23.0',
  v1beta2: '>=1.22.0 <1.28.0',
  v1beta3: '>=1.23.0 <1.29.0',
  v1: '>=1.25.0',
};

/** The apiVersion TopoLVM's docs use for a Kubernetes version (1.19–1.21 v1beta1, 1.22 v1beta2, 1.23–1.24 v1beta3, 1.25+ v1). */
export function defaultKubeSchedulerApiVersion(kubernetes: string): KubeSchedulerApiVersion {
  if (semver.lt(kubernetes, '1.19.0')) return 'v1alpha1';
  if (semver.lt(kubernetes, '1.22.0')) return 'v1beta1';
  if (semver.lt(kubernetes, '1.23.0')) return 'v1beta2';
  if (semver.lt(kubernetes, '1.25.0')) return 'v1beta3';
  return 'v1';
}

export function checkKubeSchedulerApiVersion(apiVersion: KubeSchedulerApiVersion, kubernetes: string, path: string): void {
  if (semver.satisfies(kubernetes, KUBE_SCHEDULER_API_RANGES[apiVersion])) return;
  const ok = KUBE_SCHEDULER_API_VERSIONS.filter((v) => semver.satisfies(kubernetes, KUBE_SCHEDULER_API_RANGES[v]));
  throw new ConfigError({
    path,
    problem: `kubescheduler.config.k8s.io/${apiVersion} is not served by Kubernetes ${kubernetes} (it serves it on ${KUBE_SCHEDULER_API_RANGES[apiVersion]}); kube-scheduler would exit with "no kind KubeSchedulerConfiguration is registered"`,
    value: apiVersion,
    allowed: ok.map((v) => `"${v}"`).join(', '),
    fix: `remove schedulerConfigApiVersion (the default for ${kubernetes} is "${defaultKubeSchedulerApiVersion(kubernetes)}") or use one of the allowed versions`,
  });
}

/** Where the scheduler config lives on the host and inside the kube-scheduler container, by platform. */
export interface SchedulerHostLayout {
  readonly platform: 'kubeadm' | 'rke1' | 'other';
  /** Directory on the control-plane hosts holding the files. */
  readonly hostDir: string;
  /** Same directory as kube-scheduler sees it. */
  readonly containerDir: string;
  readonly kubeconfig: string;
}

export function hostLayout(platform: string): SchedulerHostLayout {
  if (platform === 'rke1') return { platform: 'rke1', hostDir: '/etc/kubernetes/scheduler', containerDir: '/etc/kubernetes/scheduler', kubeconfig: '/etc/kubernetes/ssl/kubecfg-kube-scheduler.yaml' };
  if (platform === 'kubeadm') return { platform: 'kubeadm', hostDir: '/etc/kubernetes/topolvm', containerDir: '/var/lib/scheduler', kubeconfig: '/etc/kubernetes/scheduler.conf' };
  return { platform: 'other', hostDir: '/etc/kubernetes/topolvm', containerDir: '/var/lib/scheduler', kubeconfig: '/etc/kubernetes/scheduler.conf' };
}

/** Affinity and tolerations of the DaemonSet extender for a preset and Kubernetes version. */
export function presetPlacement(preset: SchedulerPreset, kubernetes: string): { nodeAffinity?: any; tolerations?: any[] } {
  const exists = (key: string) => ({ matchExpressions: [{ key, operator: 'Exists' }] });
  const required = (...keys: string[]) => ({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: keys.map(exists) } });
  const masterToo = semver.lt(kubernetes, '1.25.0');
  switch (preset) {
    case 'kubeadm':
      return {
        nodeAffinity: masterToo ? required('node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master') : required('node-role.kubernetes.io/control-plane'),
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ...(masterToo ? [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] : []),
        ],
      };
    case 'rke1':
      return {
        nodeAffinity: required('node-role.kubernetes.io/controlplane'),
        tolerations: [
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
          { key: 'node-role.kubernetes.io/controlplane', operator: 'Exists' },
          { key: 'node-role.kubernetes.io/etcd', operator: 'Exists' },
        ],
      };
    case 'rke2':
      return {
        nodeAffinity: required('node-role.kubernetes.io/control-plane'),
        tolerations: [
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' },
          { key: 'node-role.kubernetes.io/etcd', operator: 'Exists' },
        ],
      };
    default:
      return {};
  }
}

export interface SchedulerSettings {
  readonly kind: 'daemonset' | 'deployment';
  readonly preset?: SchedulerPreset;
  readonly nodeAffinity?: any;
  readonly tolerations?: any[];
  readonly port: number;
  readonly replicas?: number;
  readonly serviceType?: 'LoadBalancer' | 'NodePort' | 'ClusterIP';
  readonly nodePort?: number;
  readonly urlPrefix: string;
  readonly weight: number;
}

/** The extender workload (DaemonSet or Deployment + Service) and its options ConfigMap. */
export class TopoLVMScheduler extends StorageConstruct {
  constructor(scope: Construct, id: string, ctx: TopoLVMContext, s: SchedulerSettings, prefix: string) {
    super(scope, id);
    const name = `${prefix}-scheduler`;
    const labels = labelsOf('scheduler');
    const ns = ctx.namespace;
    const listenHost = s.kind === 'daemonset' ? 'localhost' : '0.0.0.0';
    const withFile = hasFeature(ctx.versions, 'topolvmSchedulerConfigFile');
    place(new KubeServiceAccount(this, 'ServiceAccount', { metadata: { name, namespace: ns } }), 'csi');
    if (withFile) {
      place(new KubeConfigMap(this, 'Options', {
        metadata: { name: `${name}-options`, namespace: ns, labels },
        data: { 'scheduler-options.yaml': stringifyKubeYaml({ 'listen': `${listenHost}:${s.port}`, 'default-divisor': 1 }) },
      }), 'csi');
    }
    const container: Container = {
      name: 'topolvm-scheduler',
      image: ctx.image,
      command: withFile ? ['/topolvm-scheduler', '--config=/etc/topolvm/scheduler-options.yaml'] : ['/topolvm-scheduler', `--listen=${listenHost}:${s.port}`, '--divisor=1'],
      env: ctx.domain === 'topolvm.cybozu.com' && hasFeature(ctx.versions, 'topolvmIoDomain') ? [{ name: 'USE_LEGACY', value: 'true' }] : undefined,
      livenessProbe: { httpGet: { host: s.kind === 'daemonset' ? 'localhost' : undefined, port: IntOrString.fromNumber(s.port), path: '/status' } },
      readinessProbe: s.kind === 'deployment' ? { httpGet: { port: IntOrString.fromNumber(s.port), path: '/status' } } : undefined,
      ports: s.kind === 'deployment' ? [{ containerPort: s.port, name: 'extender', protocol: 'TCP' }] : undefined,
      volumeMounts: withFile ? [{ name: 'options', mountPath: '/etc/topolvm' }] : undefined,
      securityContext: ctx.legacyLayout ? undefined : { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    };
    const podSpec: PodSpec = {
      serviceAccountName: name,
      securityContext: { runAsUser: 10000, runAsGroup: 10000 },
      hostNetwork: s.kind === 'daemonset' ? true : undefined,
      priorityClassName: ctx.legacyLayout ? undefined : 'system-cluster-critical',
      tolerations: s.tolerations,
      containers: [container],
      volumes: withFile ? [{ name: 'options', configMap: { name: `${name}-options` } }] : undefined,
    };
    // the node affinity may come from props as written: past the binding's key mapping, so the schema sees any typo
    const affinity = s.nodeAffinity ? { nodeAffinity: s.nodeAffinity } : undefined;
    if (s.kind === 'daemonset') {
      const ds = place(new KubeDaemonSet(this, 'DaemonSet', {
        metadata: { name, namespace: ns, labels },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
      }), 'csi');
      setRawJson(ds, ['spec', 'template', 'spec', 'affinity'], affinity);
    } else {
      const dep = place(new KubeDeployment(this, 'Deployment', {
        metadata: { name, namespace: ns, labels },
        spec: { replicas: s.replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
      }), 'csi');
      setRawJson(dep, ['spec', 'template', 'spec', 'affinity'], affinity);
      place(new KubeService(this, 'Service', {
        metadata: { name, namespace: ns, labels },
        spec: {
          type: s.serviceType,
          selector: labels,
          ports: [{ name: 'extender', protocol: 'TCP', port: s.port, targetPort: IntOrString.fromString('extender'), nodePort: s.serviceType === 'NodePort' ? s.nodePort : undefined }],
        },
      }), 'csi');
    }
  }
}

/** The extender entry of the scheduler configuration (identical fields in every format). */
function extenderEntry(urlPrefix: string, resource: string, weight: number) {
  return {
    urlPrefix,
    filterVerb: 'predicate',
    prioritizeVerb: 'prioritize',
    nodeCacheCapable: false,
    weight,
    managedResources: [{ name: resource, ignoredByScheduler: true }],
  };
}

/** kubeadm ClusterConfiguration API for a Kubernetes version. */
function kubeadmApiVersion(kubernetes: string): 'v1beta2' | 'v1beta3' | 'v1beta4' {
  if (semver.lt(kubernetes, '1.22.0')) return 'v1beta2';
  if (semver.lt(kubernetes, '1.31.0')) return 'v1beta3';
  return 'v1beta4';
}

export interface HostSteps {
  /** Files written, relative to host/. */
  readonly files: string[];
  /** README steps (markdown, in order). */
  readonly steps: string[];
}

/**
 * Writes the kube-scheduler configuration for the extender and the platform wiring as host artifacts;
 * returns the README steps.
 */
export function writeSchedulerHostFiles(ctx: TopoLVMContext, s: SchedulerSettings, apiVersion: KubeSchedulerApiVersion, platform: string): HostSteps {
  const site = ctx.site;
  const k8s = ctx.versions.kubernetes;
  const lay = hostLayout(platform);
  const resource = domainStrings(ctx.domain).capacityResource;
  const extender = extenderEntry(s.urlPrefix, resource, s.weight);
  const files: string[] = [];
  const configIn = `${lay.containerDir}/scheduler-config.yaml`;
  let config: any;
  if (apiVersion === 'v1alpha1') {
    const policy = { kind: 'Policy', apiVersion: 'v1', extenders: [extender] };
    site.addArtifact('host/kube-scheduler/scheduler-policy.cfg', JSON.stringify(policy, undefined, 2));
    files.push('kube-scheduler/scheduler-policy.cfg');
    config = {
      apiVersion: 'kubescheduler.config.k8s.io/v1alpha1',
      kind: 'KubeSchedulerConfiguration',
      schedulerName: 'default-scheduler',
      algorithmSource: { policy: { file: { path: `${lay.containerDir}/scheduler-policy.cfg` } } },
      leaderElection: { leaderElect: true },
      clientConnection: { kubeconfig: lay.kubeconfig },
    };
  } else {
    config = {
      apiVersion: `kubescheduler.config.k8s.io/${apiVersion}`,
      kind: 'KubeSchedulerConfiguration',
      leaderElection: { leaderElect: true },
      clientConnection: { kubeconfig: lay.kubeconfig },
      extenders: [extender],
    };
  }
  site.addArtifact('host/kube-scheduler/scheduler-config.yaml', stringifyKubeYaml(config, { lineWidth: 0 }));
  files.unshift('kube-scheduler/scheduler-config.yaml');

  const steps: string[] = [];
  const copyList = files.map((f) => `\`host/${f}\``).join(' and ');
  const seenAs = lay.hostDir === lay.containerDir ? '' : ` (kube-scheduler sees them as \`${lay.containerDir}/\`)`;
  steps.push(`Copy ${copyList} to \`${lay.hostDir}/\` on every control-plane node${seenAs}.`);
  if (lay.platform === 'kubeadm') {
    const v = kubeadmApiVersion(k8s);
    const extraArgs = v === 'v1beta4' ? [{ name: 'config', value: configIn }] : { config: configIn };
    const cc = {
      apiVersion: `kubeadm.k8s.io/${v}`,
      kind: 'ClusterConfiguration',
      scheduler: {
        extraArgs,
        extraVolumes: [{ name: 'topolvm-scheduler-config', hostPath: lay.hostDir, mountPath: lay.containerDir, readOnly: true, pathType: 'DirectoryOrCreate' }],
      },
    };
    site.addArtifact('host/kubeadm/cluster-configuration.yaml', stringifyKubeYaml(cc, { lineWidth: 0 }));
    files.push('kubeadm/cluster-configuration.yaml');
    steps.push(`New cluster: merge \`host/kubeadm/cluster-configuration.yaml\` (kubeadm.k8s.io/${v}) into your ClusterConfiguration before \`kubeadm init\`; also merge it into the \`kubeadm-config\` ConfigMap so \`kubeadm upgrade\` keeps it.`);
    if (semver.gte(k8s, '1.22.0')) {
      // kubeadm patches (target kube-scheduler, JSON patch): the static-pod change for existing clusters
      const patch = [
        { op: 'add', path: '/spec/containers/0/command/-', value: `--config=${configIn}` },
        { op: 'add', path: '/spec/containers/0/volumeMounts/-', value: { name: 'topolvm-scheduler-config', mountPath: lay.containerDir, readOnly: true } },
        { op: 'add', path: '/spec/volumes/-', value: { name: 'topolvm-scheduler-config', hostPath: { path: lay.hostDir, type: 'DirectoryOrCreate' } } },
      ];
      site.addArtifact('host/kubeadm/patches/kube-scheduler+json.yaml', stringifyKubeYaml(patch, { lineWidth: 0 }));
      files.push('kubeadm/patches/kube-scheduler+json.yaml');
      steps.push(`Existing cluster: copy \`host/kubeadm/patches/\` to each control-plane node and run \`kubeadm init phase control-plane scheduler --config <your kubeadm config> --patches <that folder>\` (or pass \`--patches\` to \`kubeadm upgrade node\`); the kubelet restarts the kube-scheduler static pod with \`--config=${configIn}\`.`);
    } else {
      steps.push(`Existing cluster: edit \`/etc/kubernetes/manifests/kube-scheduler.yaml\` on each control-plane node: add \`--config=${configIn}\` to the command and a read-only hostPath volume \`${lay.hostDir}\` mounted at \`${lay.containerDir}\`; the kubelet restarts the static pod.`);
    }
  } else if (lay.platform === 'rke1') {
    const snippet = {
      services: {
        scheduler: {
          extra_args: { config: configIn },
          extra_binds: [`${lay.hostDir}:${lay.containerDir}`],
        },
      },
    };
    site.addArtifact('host/rke1/cluster.yml', stringifyKubeYaml(snippet, { lineWidth: 0 }));
    files.push('rke1/cluster.yml');
    steps.push('Merge `host/rke1/cluster.yml` into the `services.scheduler` section of your RKE `cluster.yml` and run `rke up`; RKE recreates the kube-scheduler container with `--config`.');
  } else {
    steps.push(`Start kube-scheduler with \`--config=${configIn}\` (how depends on your distribution).`);
  }
  steps.push('Check: `kubectl -n kube-system logs <kube-scheduler pod>` shows no config error, and the topolvm-scheduler logs POSTs to `/predicate` and `/prioritize` once a pod with a TopoLVM PVC is scheduled.');
  return { files, steps };
}
