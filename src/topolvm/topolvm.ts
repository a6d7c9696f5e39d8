/**
 * TopoLVM: dynamic local volumes from LVM, with capacity-aware scheduling.
 *
 * One construct emits the controller Deployment, the node DaemonSet, lvmd (DaemonSet, embedded or
 * systemd host files), CSIDriver, RBAC, PriorityClass and the LogicalVolume CRD of the pinned release.
 * One `scheduling` choice sets every dependent flag: capacity tracking (CSIDriver storageCapacity,
 * provisioner --enable-capacity, its RBAC) or the scheduler extender (DaemonSet or Deployment, pod
 * webhook + certificates, kube-scheduler config written as host artifacts).
 */
import { Construct } from 'constructs';
import {
  Container, IntOrString, KubeClusterRole, KubeClusterRoleBinding, KubeCsiDriver, KubeCsiDriverV1Beta1, KubeDaemonSet, KubeDeployment,
  KubePodDisruptionBudget, KubePodDisruptionBudgetV1Beta1, KubePodSecurityPolicyV1Beta1, KubePriorityClass, KubeRole, KubeRoleBinding,
  KubeService, KubeServiceAccount, PodSecurityPolicySpecV1Beta1, PolicyRule,
} from '../../imports/k8s';
import { place } from '../site/layers';
import * as semver from 'semver';
import { z } from 'zod';
import { TopoLVMStorageClass, TopoLVMStorageClassOptions } from './topolvm-storage-class';
import { brandTopoLVM, isTopoLVM, ITopoLVM } from './topolvm-ref';
import { ConfigError, parseProps } from '../foundation/errors';
import { ensureNamespace } from '../site/namespace';
import { dnsLabel, hostPath, image, int32 } from '../foundation/props';
import { stripDescriptions, stripNulls } from '../foundation/manifest-util';
import { Site } from '../site/site';
import { pinnedCrdDocuments } from '../validation/bundle';
import { PINNED_CRD_SOURCES } from '../validation/sources';
import { hasFeature, requireFeature, topolvmProfile } from '../versions';
import { csiSocket, domainStrings, emit, isLegacyLayout, KUBELET_ROOTS, labelsOf, pluginDir, TopoLVMContext, TopoLVMDomain } from './context';
import { defaultDeviceClass, DeviceClassConfig, deviceClassProblems, deviceClassSchema, lvmdYaml } from './device-class';
import { Lvmd, lvmdSchema } from './lvmd';
import {
  checkKubeSchedulerApiVersion, defaultKubeSchedulerApiVersion, extenderDaemonSetSchema, extenderDeploymentSchema, KUBE_SCHEDULER_API_VERSIONS,
  presetPlacement, SchedulerPreset, SchedulerSettings, TopoLVMScheduler, writeSchedulerHostFiles,
} from './topolvm-scheduler';
import { TopoLVMWebhook, webhookSchema, WebhookProps } from './topolvm-webhook';
import { TopoLVMDeviceClassProps } from './device-class';
import { LvmdProps } from './lvmd';
import { ExtenderDaemonSetProps, ExtenderDeploymentProps, KubeSchedulerApiVersion } from './topolvm-scheduler';
import { PropsMatch } from '../foundation/props-check';
import { emitTopolvmHelm, TOPOLVM_CHART_REPO, TopoLVMHelmInstallProps, TopoLVMManifestsInstallProps, topolvmChartValues, topolvmInstallSchema } from './topolvm-helm';
import { topolvmChartFor, topolvmLineNames, TOPOLVM_LINES } from '../versions/topolvm-lines';
import * as YAML from 'yaml';
import { StorageConstruct } from '../site/storage-construct';

export const TOPOLVM_PLATFORMS = ['kubeadm', 'rke1', 'rke2', 'k3s', 'microk8s', 'managed', 'other'] as const;
export type TopoLVMPlatform = typeof TOPOLVM_PLATFORMS[number];

const schedulingSchema = z.strictObject({
  capacityTracking: z.strictObject({}).optional(),
  extenderDaemonSet: extenderDaemonSetSchema.optional(),
  extenderDeployment: extenderDeploymentSchema.optional(),
  weight: z.number().int().min(1).max(100000).default(1),
}).superRefine((s, ctx) => {
  const set = (['capacityTracking', 'extenderDaemonSet', 'extenderDeployment'] as const).filter((k) => s[k] !== undefined);
  if (set.length > 1) {
    ctx.addIssue({
      code: 'custom', path: [set[1]],
      message: `scheduling sets ${set.join(' and ')}; they are alternatives (capacity tracking turns the webhook off that the extender needs, and pods would be filtered twice)`,
      params: { allowed: 'exactly one of capacityTracking, extenderDaemonSet, extenderDeployment', fix: `keep one: e.g. scheduling: { ${set[0]}: {...} }` },
    });
  }
});

export const topolvmSchema = z.strictObject({
  name: dnsLabel.default('topolvm'),
  namespace: dnsLabel.default('topolvm-system'),
  domain: z.enum(['topolvm.io', 'topolvm.cybozu.com']).optional(),
  platform: z.enum(TOPOLVM_PLATFORMS).default('kubeadm'),
  kubeletRoot: z.union([z.enum(['default', 'rke1', 'k3s', 'microk8s']), hostPath.regex(/^\/\S+$/, { message: 'must be an absolute path or a preset' })]).optional(),
  image: image.optional(),
  controller: z.strictObject({ replicas: int32.min(1).default(2) }).default({ replicas: 2 }),
  deviceClasses: z.array(deviceClassSchema).min(1),
  lvmd: lvmdSchema.default({ socketPath: '/run/topolvm/lvmd.sock', binaryPath: '/opt/sbin/lvmd' }),
  scheduling: schedulingSchema.optional(),
  webhook: webhookSchema.optional(),
  schedulerConfigApiVersion: z.enum(KUBE_SCHEDULER_API_VERSIONS).optional(),
  podSecurityPolicies: z.boolean().default(false),
  priorityClass: z.strictObject({ name: dnsLabel.default('topolvm'), value: z.number().int().min(0).max(1000000000).default(1000000) }).default({ name: 'topolvm', value: 1000000 }),
  install: topolvmInstallSchema.default({ mode: 'manifests' }),
});

/**
 * How pods are placed on nodes with room: set exactly one of capacityTracking, extenderDaemonSet and
 * extenderDeployment.
 */
export interface TopoLVMSchedulingProps {
  /** Kubernetes storage capacity tracking (pass `{}`): no extender, no webhook, no host changes. Kubernetes >= 1.21, TopoLVM >= 0.9. @default - on when neither extender is set */
  readonly capacityTracking?: Record<string, never>;
  /** topolvm-scheduler as a DaemonSet on the control-plane nodes (hostNetwork). @default - none */
  readonly extenderDaemonSet?: ExtenderDaemonSetProps;
  /** topolvm-scheduler as a Deployment behind a Service, for kube-schedulers that do not run on a node. @default - none */
  readonly extenderDeployment?: ExtenderDeploymentProps;
  /** Weight of the extender in kube-scheduler's scoring, 1..100000. @default 1 */
  readonly weight?: number;
}

/** The topolvm-controller Deployment. */
export interface TopoLVMControllerProps {
  /** Replicas of the controller. @default 2 */
  readonly replicas?: number;
}

/** The PriorityClass of pods that use TopoLVM volumes. */
export interface TopoLVMPriorityClassProps {
  /** PriorityClass name. @default 'topolvm' */
  readonly name?: string;
  /** Priority value, 0..1000000000. @default 1000000 */
  readonly value?: number;
}

/** Props of {@link TopoLVM}. */
export interface TopoLVMProps {
  /** Prefix of every object name. @default 'topolvm' */
  readonly name?: string;
  /** Namespace of the installation. @default 'topolvm-system' */
  readonly namespace?: string;
  /** Plugin domain. @default 'topolvm.io' where the release has it, else 'topolvm.cybozu.com' */
  readonly domain?: TopoLVMDomain;
  /** Kubernetes distribution: picks the kubelet root, the scheduler preset and the kube-scheduler wiring. @default 'kubeadm' */
  readonly platform?: TopoLVMPlatform;
  /** Kubelet root directory: a preset ('default', 'rke1', 'k3s', 'microk8s') or an absolute path. @default - by platform (/var/lib/kubelet; RKE1 /opt/rke/var/lib/kubelet; k3s and microk8s their own) */
  readonly kubeletRoot?: string;
  /** Image with TopoLVM and its sidecars. @default - the release's image */
  readonly image?: string;
  /** The controller Deployment. @default { replicas: 2 } */
  readonly controller?: TopoLVMControllerProps;
  /** lvmd device classes, at least one. */
  readonly deviceClasses: TopoLVMDeviceClassProps[];
  /** lvmd. @default { socketPath: '/run/topolvm/lvmd.sock', binaryPath: '/opt/sbin/lvmd' } (mode by release) */
  readonly lvmd?: LvmdProps;
  /** How pods are placed where there is room. @default { capacityTracking: {} } */
  readonly scheduling?: TopoLVMSchedulingProps;
  /** Certificate source of the pod webhook; required with an extender, refused with capacity tracking. @default - none */
  readonly webhook?: WebhookProps;
  /** kubescheduler.config.k8s.io version of the host config. @default - by the Kubernetes version */
  readonly schedulerConfigApiVersion?: KubeSchedulerApiVersion;
  /**
   * Emit PodSecurityPolicies (and the RBAC to use them) for the privileged node/lvmd pods and the scheduler,
   * for clusters with the PodSecurityPolicy admission plugin on (Kubernetes < 1.25). @default false
   */
  readonly podSecurityPolicies?: boolean;
  /** PriorityClass of pods that use TopoLVM volumes. @default { name: 'topolvm', value: 1000000 } */
  readonly priorityClass?: TopoLVMPriorityClassProps;
  /**
   * How TopoLVM is installed: this package's own manifests (every object in the site, validated), or by reference to
   * TopoLVM's Helm chart (lines v0.9+, whose chart release is in the data). @default { mode: 'manifests' } on every line
   */
  readonly install?: TopoLVMManifestsInstallProps | TopoLVMHelmInstallProps;
}
const _topolvmProps: PropsMatch<TopoLVMProps, z.input<typeof topolvmSchema>> = true;
const _topolvmSchedulingProps: PropsMatch<TopoLVMSchedulingProps, z.input<typeof schedulingSchema>> = true;
export type SchedulingMode = 'capacityTracking' | 'extenderDaemonSet' | 'extenderDeployment';

/** A TopoLVM installation in one namespace. */
export class TopoLVM extends StorageConstruct implements ITopoLVM {
  static { brandTopoLVM(this); }

  public static isTopoLVM(x: unknown): x is TopoLVM {
    return isTopoLVM(x);
  }

  public readonly namespace: string;
  /** Prefix of the resource names (the `name` prop). */
  public readonly resourcePrefix: string;
  public readonly domain: TopoLVMDomain;
  /** CSI driver / StorageClass provisioner name. */
  public readonly provisioner: string;
  public readonly deviceClasses: readonly DeviceClassConfig[];
  public readonly schedulingMode: SchedulingMode;
  public readonly priorityClassName: string;
  public readonly kubeletRoot: string;
  public readonly lvmdMode: 'daemonset' | 'embedded' | 'systemd';
  /** Whether the pinned release supports raw block volumes (volumeMode: Block). */
  public readonly supportsBlock: boolean;
  /** Whether the pinned release can expand volumes. */
  public readonly supportsExpansion: boolean;
  private readonly ctx: TopoLVMContext;

  constructor(scope: Construct, id: string, props: TopoLVMProps) {
    super(scope, id);
    const site = Site.of(this);
    const version = site.requireTopolvm(this.node.path);
    const p = parseProps(this.node.path, topolvmSchema, props);
    const v = site.versions;
    const path = this.node.path;

    // ---- domain
    const profile = topolvmProfile(version);
    const domain: TopoLVMDomain = p.domain ?? (hasFeature(v, 'topolvmIoDomain') ? 'topolvm.io' : 'topolvm.cybozu.com');
    if (domain === 'topolvm.io') requireFeature(v, 'topolvmIoDomain', `${path}: domain`, 'use domain: "topolvm.cybozu.com" (the only domain of this release) or pin TopoLVM 0.16.0 or later');

    // ---- device classes
    const classProblems = deviceClassProblems(path, p.deviceClasses, v);
    if (classProblems.length > 0) throw new ConfigError(classProblems);

    // ---- lvmd
    const lvmdMode = p.lvmd.mode ?? (hasFeature(v, 'lvmdDaemonSet') ? 'daemonset' : 'systemd');
    if (lvmdMode === 'daemonset') requireFeature(v, 'lvmdDaemonSet', `${path}: lvmd.mode`, 'use lvmd mode "systemd" on this release');
    if (lvmdMode === 'embedded') requireFeature(v, 'lvmdEmbedded', `${path}: lvmd.mode`, 'use lvmd mode "daemonset" or "systemd" on this release');
    for (const [i, g] of (p.lvmd.nodeGroups ?? []).entries()) {
      const unknown = (g.deviceClasses ?? []).filter((n) => !p.deviceClasses.some((c) => c.name === n));
      if (unknown.length > 0) {
        throw new ConfigError({ path: `${path}: lvmd.nodeGroups[${i}].deviceClasses`, problem: `unknown device class ${unknown.map((u) => `"${u}"`).join(', ')}`, value: unknown, allowed: p.deviceClasses.map((c) => `"${c.name}"`).join(', '), fix: 'name classes declared in deviceClasses' });
      }
    }

    // ---- scheduling
    const sched = p.scheduling ?? { weight: 1, capacityTracking: {} };
    const mode: SchedulingMode = sched.extenderDaemonSet ? 'extenderDaemonSet' : sched.extenderDeployment ? 'extenderDeployment' : 'capacityTracking';
    if (mode === 'capacityTracking') {
      const fix = 'use scheduling: { extenderDaemonSet: {...} } on this cluster, or upgrade';
      requireFeature(v, 'capacityTracking', `${path}: scheduling.capacityTracking`, fix);
      requireFeature(v, 'topolvmCapacityTracking', `${path}: scheduling.capacityTracking`, fix);
      if (p.webhook) {
        throw new ConfigError({ path: `${path}: webhook`, problem: 'capacity tracking needs no pod webhook and no certificates; webhook settings would be ignored', value: p.webhook, allowed: 'webhook only with extenderDaemonSet / extenderDeployment', fix: 'remove webhook' });
      }
    }
    if (mode !== 'capacityTracking' && !p.webhook) {
      throw new ConfigError({
        path: `${path}: webhook`,
        problem: `the ${mode} mode needs the pod mutating webhook (it adds the ${domainStrings(domain).capacityResource} request the extender schedules by), and the webhook needs a TLS certificate, but no certificate source is set`,
        allowed: 'webhook: { certManager: true } (cert-manager in the cluster), or webhook: { secretName, caBundle }',
        fix: 'add webhook: { certManager: true }',
      });
    }
    if (p.webhook && !p.webhook.certManager && !p.webhook.secretName) {
      throw new ConfigError({ path: `${path}: webhook`, problem: 'the webhook has no certificate source', value: p.webhook, allowed: 'certManager: true, or secretName + caBundle', fix: 'add certManager: true' });
    }

    // ---- kubelet root
    const kr = p.kubeletRoot ?? (p.platform === 'rke1' ? 'rke1' : p.platform === 'k3s' ? 'k3s' : p.platform === 'microk8s' ? 'microk8s' : 'default');
    const kubeletRoot = kr.startsWith('/') ? kr.replace(/\/+$/, '') : KUBELET_ROOTS[kr as keyof typeof KUBELET_ROOTS];

    this.namespace = p.namespace;
    this.domain = domain;
    this.provisioner = domain;
    this.deviceClasses = p.deviceClasses;
    this.schedulingMode = mode;
    this.priorityClassName = p.priorityClass.name;
    this.kubeletRoot = kubeletRoot;
    this.lvmdMode = lvmdMode;
    this.supportsBlock = hasFeature(v, 'topolvmRawBlock');
    this.supportsExpansion = hasFeature(v, 'topolvmResizer');
    const ctx: TopoLVMContext = { site, version, versions: v, namespace: p.namespace, domain, image: p.image ?? profile.image, kubeletRoot, legacyLayout: isLegacyLayout(v) };
    this.ctx = ctx;
    const prefix = p.name;
    this.resourcePrefix = prefix;
    const ns = p.namespace;
    const d = domainStrings(domain);
    const extender = mode !== 'capacityTracking';
    const useLegacyEnv = domain === 'topolvm.cybozu.com' && hasFeature(v, 'topolvmIoDomain');

    // ---- namespace: carries the webhook ignore label where the name label is missing (Kubernetes < 1.21)
    const nsLabels = extender && !hasFeature(v, 'namespaceNameLabel') ? { [d.webhookLabel]: 'ignore' } : undefined;
    ensureNamespace(site, ns, nsLabels);

    // ---- Helm chart install: the chart brings every object; the site keeps the host files
    if (p.install.mode === 'helm') {
      const install = p.install;
      const chart = topolvmChartFor(profile.line);
      if (!chart) {
        throw new ConfigError({
          path: `${path}: install`, problem: `the data holds no TopoLVM chart release for the v${profile.line.minor} line`, value: install,
          allowed: `install: { mode: "helm" } on TopoLVM ${topolvmLineNames(TOPOLVM_LINES.filter((l) => topolvmChartFor(l) !== undefined))}`,
          fix: 'use install: { mode: "manifests" } (the default) on this line',
        });
      }
      if (install.chartVersion !== undefined && install.chartVersion.replace(/^v/, '') !== chart.version) {
        throw new ConfigError({
          path: `${path}: install.chartVersion`, problem: `chart ${install.chartVersion} is not the chart release of TopoLVM v${profile.line.minor} in the data; its CRDs and pods would be another release than the one the site is checked against`,
          value: install.chartVersion, allowed: `"${chart.version}" (appVersion ${chart.appVersion})`, fix: 'remove chartVersion (it follows the site), or change topolvmVersion on the Site',
        });
      }
      if (p.webhook?.secretName !== undefined) {
        throw new ConfigError({
          path: `${path}: webhook.secretName`, problem: 'with the chart, the webhook certificate is the chart\'s (its own cert-manager settings); a Secret named here would not be used', value: p.webhook.secretName,
          allowed: 'webhook: { certManager: true } with install: { mode: "helm" }', fix: 'use webhook: { certManager: true } and set the chart\'s webhook values through install.values, or install: { mode: "manifests" }',
        });
      }
      const settings = extender ? this.schedulerSettings(sched, mode, p.platform, ns, prefix) : undefined;
      emitTopolvmHelm(this, site, {
        line: profile.line, chart, namespace: ns, releaseName: install.releaseName ?? prefix, repoURL: install.repoURL ?? TOPOLVM_CHART_REPO, userValues: install.values,
        values: () => topolvmChartValues(`${path}: install`, chart, {
          image: ctx.image, legacyDomain: useLegacyEnv, replicas: p.controller.replicas, capacityTracking: mode === 'capacityTracking',
          extender: mode === 'extenderDaemonSet' ? 'daemonset' : mode === 'extenderDeployment' ? 'deployment' : undefined,
          lvmdMode, socketName: p.lvmd.socketPath, deviceClasses: (YAML.parse(lvmdYaml(p.deviceClasses)) as { 'device-classes': Record<string, unknown>[] })['device-classes'],
          kubeletRoot, priorityClass: p.priorityClass, podSecurityPolicies: p.podSecurityPolicies,
        }),
      });
      // validate the values now: a bad combination is an error at construction, not at synth
      topolvmChartValues(`${path}: install`, chart, {
        image: ctx.image, legacyDomain: useLegacyEnv, replicas: p.controller.replicas, capacityTracking: mode === 'capacityTracking',
        extender: mode === 'extenderDaemonSet' ? 'daemonset' : mode === 'extenderDeployment' ? 'deployment' : undefined,
        lvmdMode, socketName: p.lvmd.socketPath, deviceClasses: [], kubeletRoot, priorityClass: p.priorityClass, podSecurityPolicies: p.podSecurityPolicies,
      });
      if (lvmdMode === 'systemd') new Lvmd(this, 'Lvmd', ctx, { ...p.lvmd, mode: lvmdMode }, p.deviceClasses, prefix);
      if (settings) {
        const apiVersion = p.schedulerConfigApiVersion ?? defaultKubeSchedulerApiVersion(v.kubernetes);
        checkKubeSchedulerApiVersion(apiVersion, v.kubernetes, `${path}: schedulerConfigApiVersion`);
        writeSchedulerHostFiles(ctx, settings, apiVersion, p.platform);
      }
      return;
    }

    // ---- CRD of the pinned release
    this.emitCrd(version, domain);

    // ---- CSIDriver
    const csiDriver = {
      metadata: { name: domain },
      spec: {
        attachRequired: hasFeature(v, 'topolvmCsiAttacher'),
        podInfoOnMount: ctx.legacyLayout ? undefined : true,
        volumeLifecycleModes: ctx.legacyLayout ? undefined : ['Persistent'],
        storageCapacity: mode === 'capacityTracking' ? true : undefined,
      },
    };
    place(hasFeature(v, 'csiDriverV1') ? new KubeCsiDriver(this, 'CSIDriver', csiDriver) : new KubeCsiDriverV1Beta1(this, 'CSIDriver', csiDriver), 'csi');

    // ---- PriorityClass
    place(new KubePriorityClass(this, 'PriorityClass', {
      metadata: { name: p.priorityClass.name },
      value: p.priorityClass.value,
      globalDefault: false,
      description: 'Pods using TopoLVM volumes should use this class.',
    }), 'operator');

    // ---- RBAC
    const controllerSa = `${prefix}-controller`;
    const nodeSa = `${prefix}-node`;
    this.emitRbac(prefix, controllerSa, nodeSa, mode === 'capacityTracking');

    // ---- webhook
    const serviceName = `${prefix}-controller`;
    const certSecret = p.webhook?.secretName ?? `${prefix}-mutatingwebhook`;
    const webhookPort = hasFeature(v, 'topolvmWebhookV1') ? 9443 : 8443;
    if (extender) {
      new TopoLVMWebhook(this, 'Webhook', ctx, { certManager: p.webhook?.certManager === true, secretName: certSecret, caBundle: p.webhook?.caBundle, serviceName }, prefix);
      place(new KubeService(this, 'ControllerService', {
        metadata: { name: serviceName, namespace: ns, labels: labelsOf('controller') },
        spec: { selector: labelsOf('controller'), ports: [{ name: 'webhook', protocol: 'TCP', port: 443, targetPort: IntOrString.fromString('webhook') }] },
      }), 'csi');
    }

    // ---- controller
    this.emitController(prefix, controllerSa, p.controller.replicas, extender, certSecret, webhookPort, mode === 'capacityTracking', useLegacyEnv);

    // ---- lvmd + node
    const lvmdCfg = { ...p.lvmd, mode: lvmdMode };
    new Lvmd(this, 'Lvmd', ctx, lvmdCfg, p.deviceClasses, prefix);
    this.emitNode(prefix, nodeSa, lvmdMode, p.lvmd.socketPath, useLegacyEnv);

    // ---- scheduler
    const hostSteps: string[] = [];
    const hostFiles: string[] = [];
    if (extender) {
      const settings = this.schedulerSettings(sched, mode, p.platform, ns, prefix);
      new TopoLVMScheduler(this, 'Scheduler', ctx, settings, prefix);
      const apiVersion = p.schedulerConfigApiVersion ?? defaultKubeSchedulerApiVersion(v.kubernetes);
      checkKubeSchedulerApiVersion(apiVersion, v.kubernetes, `${path}: schedulerConfigApiVersion`);
      const hs = writeSchedulerHostFiles(ctx, settings, apiVersion, p.platform);
      hostSteps.push(...hs.steps);
      hostFiles.push(...hs.files);
    } else if (p.schedulerConfigApiVersion) {
      throw new ConfigError({ path: `${path}: schedulerConfigApiVersion`, problem: 'capacity tracking needs no kube-scheduler configuration', value: p.schedulerConfigApiVersion, allowed: 'schedulerConfigApiVersion only with an extender mode', fix: 'remove schedulerConfigApiVersion' });
    }
    if (p.podSecurityPolicies) {
      requireFeature(v, 'podSecurityPolicy', `${path}: podSecurityPolicies`, 'remove podSecurityPolicies (use Pod Security Admission labels on the namespace instead)');
      this.emitPsps(prefix, nodeSa, lvmdMode, p.lvmd.socketPath, mode);
    }
    this.writeReadme(p.platform, mode, lvmdMode, p.deviceClasses, p.webhook?.certManager === true, hostFiles, hostSteps);
  }

  /** The CSI topology key of this installation's nodes. */
  public get topologyKey(): string {
    return domainStrings(this.domain).topologyKey;
  }

  /** Device class StorageClasses get when they name none. */
  public get defaultDeviceClass(): DeviceClassConfig {
    return defaultDeviceClass(this.deviceClasses);
  }

  private emitCrd(version: string, domain: TopoLVMDomain): void {
    const src = PINNED_CRD_SOURCES[topolvmProfile(this.ctx.version).crdSource];
    // from the embedded schema bundle: no file of the upstream mirror is read while constructing
    const docs = src.files.flatMap((f) => pinnedCrdDocuments(f));
    const crd = docs.find((x) => x?.kind === 'CustomResourceDefinition' && x?.spec?.group === domain);
    if (!crd) {
      throw new ConfigError({ path: `${this.node.path}: domain`, problem: `TopoLVM v${version} ships no LogicalVolume CRD for ${domain}`, value: domain, allowed: topolvmProfile(this.ctx.version).domains.map((x) => `"${x}"`).join(', '), fix: 'use a domain of this release' });
    }
    // the schema as upstream ships it, minus its prose (descriptions) and status
    const clean = stripDescriptions(stripNulls({ ...crd, status: undefined })) as any;
    delete clean.metadata.creationTimestamp;
    emit(this, 'CRD', 'crds', clean, { dataBearing: true });
  }

  private emitRbac(prefix: string, controllerSa: string, nodeSa: string, capacity: boolean): void {
    const ns = this.namespace;
    const v = this.ctx.versions;
    const g = this.domain;
    const clusterRole = (id: string, name: string, rules: PolicyRule[], sa: string) => {
      place(new KubeClusterRole(this, `${id}Role`, { metadata: { name }, rules }), 'operator');
      place(new KubeClusterRoleBinding(this, `${id}Binding`, {
        metadata: { name },
        subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      }), 'operator');
    };
    const role = (id: string, name: string, rules: PolicyRule[], sa: string) => {
      place(new KubeRole(this, `${id}Role`, { metadata: { name, namespace: ns }, rules }), 'operator');
      place(new KubeRoleBinding(this, `${id}Binding`, {
        metadata: { name, namespace: ns },
        subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      }), 'operator');
    };
    const r = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({ apiGroups, resources, verbs });
    const read = ['get', 'list', 'watch'];
    const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
    place(new KubeServiceAccount(this, 'ControllerSA', { metadata: { name: controllerSa, namespace: ns } }), 'operator');
    place(new KubeServiceAccount(this, 'NodeSA', { metadata: { name: nodeSa, namespace: ns } }), 'operator');
    clusterRole('Controller', `${ns}:controller`, [
      r([''], ['nodes'], ['get', 'list', 'watch', 'patch', 'update']),
      r([''], ['persistentvolumeclaims'], ['get', 'list', 'watch', 'update', 'delete']),
      r([''], ['pods'], ['get', 'list', 'watch', 'update', 'delete']),
      r(['storage.k8s.io'], ['storageclasses', 'csidrivers'], read),
      r([g], ['logicalvolumes', 'logicalvolumes/status'], all),
    ], controllerSa);
    role('LeaderElection', `${ns}:leader-election`, [
      r([''], ['configmaps'], all),
      r(['coordination.k8s.io'], ['leases'], all),
      r([''], ['events'], ['create', 'patch']),
    ], controllerSa);
    clusterRole('Provisioner', `${ns}:external-provisioner-runner`, [
      r([''], ['persistentvolumes'], ['get', 'list', 'watch', 'create', 'delete']),
      r([''], ['persistentvolumeclaims'], ['get', 'list', 'watch', 'update']),
      r(['storage.k8s.io'], ['storageclasses'], read),
      r([''], ['events'], ['list', 'watch', 'create', 'update', 'patch']),
      r(['snapshot.storage.k8s.io'], ['volumesnapshots', 'volumesnapshotcontents'], ['get', 'list']),
      r(['storage.k8s.io'], ['csinodes'], read),
      r([''], ['nodes'], read),
      r(['storage.k8s.io'], ['volumeattachments'], read),
    ], controllerSa);
    role('ProvisionerCfg', `${ns}:external-provisioner-cfg`, [
      r(['coordination.k8s.io'], ['leases'], all),
      ...(capacity ? [
        r(['storage.k8s.io'], ['csistoragecapacities'], all),
        r([''], ['pods'], ['get']),
        r(['apps'], ['replicasets'], ['get']),
      ] : []),
    ], controllerSa);
    if (hasFeature(v, 'topolvmResizer')) {
      clusterRole('Resizer', `${ns}:external-resizer-runner`, [
        r([''], ['persistentvolumes'], ['get', 'list', 'watch', 'patch']),
        r([''], ['persistentvolumeclaims'], read),
        r([''], ['persistentvolumeclaims/status'], ['patch']),
        r([''], ['events'], ['list', 'watch', 'create', 'update', 'patch']),
        r([''], ['pods'], read),
      ], controllerSa);
    }
    if (hasFeature(v, 'topolvmCsiAttacher')) {
      clusterRole('Attacher', `${ns}:external-attacher-runner`, [
        r([''], ['persistentvolumes'], ['get', 'list', 'watch', 'update', 'patch']),
        r([''], ['nodes'], read),
        r(['storage.k8s.io'], ['csinodes'], read),
        r(['storage.k8s.io'], ['volumeattachments'], ['get', 'list', 'watch', 'update', 'patch']),
        ...(this.ctx.legacyLayout && hasFeature(v, 'topolvmWebhookV1') ? [r(['storage.k8s.io'], ['volumeattachments/status'], ['patch'])] : []),
      ], controllerSa);
    }
    if (hasFeature(v, 'topolvmSnapshots')) {
      clusterRole('Snapshotter', `${ns}:external-snapshotter-runner`, [
        r([''], ['events'], ['list', 'watch', 'create', 'update', 'patch']),
        r(['snapshot.storage.k8s.io'], ['volumesnapshotclasses'], read),
        r(['snapshot.storage.k8s.io'], ['volumesnapshotcontents'], ['get', 'list', 'watch', 'update', 'patch']),
        r(['snapshot.storage.k8s.io'], ['volumesnapshotcontents/status'], ['update', 'patch']),
      ], controllerSa);
    }
    clusterRole('Node', `${ns}:node`, [
      r([''], ['nodes'], ['get', 'list', 'watch', 'update', 'patch']),
      r([g], ['logicalvolumes', 'logicalvolumes/status'], all),
      r(['storage.k8s.io'], ['csidrivers'], read),
    ], nodeSa);
  }

  private emitController(prefix: string, sa: string, replicas: number, webhook: boolean, certSecret: string, webhookPort: number, capacity: boolean, useLegacyEnv: boolean): void {
    const ctx = this.ctx;
    const v = ctx.versions;
    const ns = this.namespace;
    const labels = labelsOf('controller');
    const sock = '/run/topolvm/csi-topolvm.sock';
    const socketMount = { name: 'socket-dir', mountPath: '/run/topolvm' };
    const legacy = ctx.legacyLayout;
    const old = !hasFeature(v, 'topolvmWebhookV1');
    const leader = old
      ? ['--enable-leader-election', `--leader-election-namespace=${ns}`, '--leader-election-type=leases']
      : ['--leader-election', `--leader-election-namespace=${ns}`];
    const hardened = legacy ? undefined : { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    const sidecar = (name: string, bin: string, args: string[], extra: Partial<Container> = {}): Container => ({
      name, image: ctx.image, command: [bin, `--csi-address=${sock}`, ...args], volumeMounts: [socketMount], securityContext: hardened, ...extra,
    });
    const env = useLegacyEnv ? [{ name: 'USE_LEGACY', value: 'true' }] : undefined;
    const containers: Container[] = [
      {
        name: 'topolvm-controller',
        image: ctx.image,
        command: ['/topolvm-controller', ...(webhook ? ['--cert-dir=/certs'] : ['--enable-webhooks=false']), ...(legacy ? [] : [`--leader-election-namespace=${ns}`])],
        env,
        ports: [
          ...(webhook ? [{ containerPort: webhookPort, name: 'webhook', protocol: 'TCP' }] : []),
          { containerPort: 9808, name: 'healthz', protocol: 'TCP' },
          { containerPort: 8080, name: 'metrics', protocol: 'TCP' },
          ...(legacy ? [] : [{ containerPort: 8081, name: 'readyz', protocol: 'TCP' }]),
        ],
        readinessProbe: legacy ? { httpGet: { path: '/metrics', port: IntOrString.fromNumber(8080), scheme: 'HTTP' } } : { httpGet: { path: '/readyz', port: IntOrString.fromString('readyz'), scheme: 'HTTP' } },
        livenessProbe: { httpGet: { path: '/healthz', port: IntOrString.fromString('healthz') }, failureThreshold: 3, initialDelaySeconds: 10, timeoutSeconds: 3, periodSeconds: 60 },
        volumeMounts: [socketMount, ...(webhook ? [{ name: 'certs', mountPath: '/certs' }] : [])],
        securityContext: hardened,
      },
      sidecar('csi-provisioner', '/csi-provisioner', [
        '--feature-gates=Topology=true', ...leader,
        ...(legacy ? [] : ['--http-endpoint=:9809']),
        ...(capacity ? ['--enable-capacity', '--capacity-ownerref-level=2'] : []),
      ], capacity ? { env: [
        { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ] } : {}),
    ];
    if (hasFeature(v, 'topolvmCsiAttacher')) containers.push(sidecar('csi-attacher', '/csi-attacher', old ? ['--leader-election', `--leader-election-namespace=${ns}`, '--leader-election-type=leases'] : ['--leader-election', `--leader-election-namespace=${ns}`]));
    if (hasFeature(v, 'topolvmResizer')) containers.push(sidecar('csi-resizer', '/csi-resizer', ['--leader-election', `--leader-election-namespace=${ns}`, ...(legacy ? [] : ['--http-endpoint=:9810'])]));
    if (hasFeature(v, 'topolvmSnapshots')) containers.push(sidecar('csi-snapshotter', '/csi-snapshotter', ['--leader-election', `--leader-election-namespace=${ns}`, '--http-endpoint=:9811']));
    containers.push(sidecar('liveness-probe', '/livenessprobe', legacy ? [] : ['--http-endpoint=:9808']));
    place(new KubeDeployment(this, 'Controller', {
      metadata: { name: `${prefix}-controller`, namespace: ns, labels },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: sa,
            securityContext: { runAsUser: 10000, runAsGroup: 10000 },
            affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' }] } },
            containers,
            volumes: [{ name: 'socket-dir', emptyDir: {} }, ...(webhook ? [{ name: 'certs', secret: { secretName: certSecret } }] : [])],
          },
        },
      },
    }), 'csi');
    if (replicas > 1) {
      const pdb = {
        metadata: { name: `${prefix}-controller`, namespace: ns, labels },
        spec: { maxUnavailable: IntOrString.fromNumber(1), selector: { matchLabels: labels } },
      };
      place(hasFeature(v, 'pdbV1') ? new KubePodDisruptionBudget(this, 'ControllerPDB', pdb) : new KubePodDisruptionBudgetV1Beta1(this, 'ControllerPDB', pdb), 'csi');
    }
  }

  private emitNode(prefix: string, sa: string, lvmdMode: string, lvmdSocket: string, useLegacyEnv: boolean): void {
    const ctx = this.ctx;
    const ns = this.namespace;
    const labels = labelsOf('node');
    const kr = this.kubeletRoot;
    const legacy = ctx.legacyLayout;
    const plugin = pluginDir(ctx);
    const socketDir = lvmdSocket.replace(/\/[^/]+$/, '');
    const lvmdInContainer = legacy ? `/run/lvmd/${lvmdSocket.split('/').pop()}` : lvmdSocket;
    const embedded = lvmdMode === 'embedded';
    const pluginMount = { name: 'node-plugin-dir', mountPath: legacy ? '/run/topolvm' : plugin };
    const nodeCmd = ['/topolvm-node', ...(legacy ? [] : [`--csi-socket=${csiSocket(ctx)}`]), embedded ? '--embed-lvmd' : `--lvmd-socket=${lvmdInContainer}`];
    const containers: Container[] = [
      {
        name: 'topolvm-node',
        image: ctx.image,
        securityContext: { privileged: true },
        command: nodeCmd,
        ports: [{ containerPort: 9808, name: 'healthz', protocol: 'TCP' }, { containerPort: 8080, name: 'metrics', protocol: 'TCP' }],
        livenessProbe: { httpGet: { path: '/healthz', port: IntOrString.fromString('healthz') }, failureThreshold: 3, initialDelaySeconds: 10, timeoutSeconds: 3, periodSeconds: 60 },
        env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, ...(useLegacyEnv ? [{ name: 'USE_LEGACY', value: 'true' }] : [])],
        volumeMounts: [
          pluginMount,
          ...(embedded ? [{ name: 'lvmd-config-dir', mountPath: '/etc/topolvm' }] : [{ name: 'lvmd-socket-dir', mountPath: legacy ? '/run/lvmd' : socketDir }]),
          { name: 'pod-volumes-dir', mountPath: `${kr}/pods`, mountPropagation: 'Bidirectional' },
          { name: 'csi-plugin-dir', mountPath: `${kr}/plugins/kubernetes.io/csi`, mountPropagation: 'Bidirectional' },
          ...(legacy ? [] : [{ name: 'devices-dir', mountPath: '/dev' }]),
        ],
      },
      {
        name: 'csi-registrar',
        image: ctx.image,
        command: ['/csi-node-driver-registrar', `--csi-address=${csiSocket(ctx)}`, `--kubelet-registration-path=${plugin}/csi-topolvm.sock`, ...(legacy ? [] : ['--http-endpoint=:9809'])],
        lifecycle: legacy ? { preStop: { exec: { command: ['/bin/sh', '-c', `rm -rf /registration/${this.domain} /registration/${this.domain}-reg.sock`] } } } : undefined,
        volumeMounts: [pluginMount, { name: 'registration-dir', mountPath: '/registration' }],
      },
      {
        name: 'liveness-probe',
        image: ctx.image,
        command: ['/livenessprobe', `--csi-address=${csiSocket(ctx)}`, ...(legacy ? [] : ['--http-endpoint=:9808'])],
        volumeMounts: [pluginMount],
      },
    ];
    place(new KubeDaemonSet(this, 'Node', {
      metadata: { name: `${prefix}-node`, namespace: ns, labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { 'prometheus.io/port': '8080' } },
          spec: {
            serviceAccountName: sa,
            hostPid: embedded ? true : undefined,
            containers,
            volumes: [
              { name: 'registration-dir', hostPath: { path: `${kr}/plugins_registry/`, type: 'Directory' } },
              { name: 'node-plugin-dir', hostPath: { path: plugin, type: 'DirectoryOrCreate' } },
              { name: 'csi-plugin-dir', hostPath: { path: `${kr}/plugins/kubernetes.io/csi`, type: 'DirectoryOrCreate' } },
              { name: 'pod-volumes-dir', hostPath: { path: `${kr}/pods/`, type: 'DirectoryOrCreate' } },
              ...(embedded
                ? [{ name: 'lvmd-config-dir', configMap: { name: `${prefix}-lvmd` } }]
                : [{ name: 'lvmd-socket-dir', hostPath: { path: socketDir, type: lvmdMode === 'systemd' ? 'Directory' : 'DirectoryOrCreate' } }]),
              ...(legacy ? [] : [{ name: 'devices-dir', hostPath: { path: '/dev', type: 'Directory' } }]),
            ],
          },
        },
      },
    }), 'csi');
  }

  /** PodSecurityPolicies (policy/v1beta1) for the node, lvmd and scheduler pods, and a Role to use them. */
  private emitPsps(prefix: string, nodeSa: string, lvmdMode: string, lvmdSocket: string, mode: SchedulingMode): void {
    const ns = this.namespace;
    const socketDir = lvmdSocket.replace(/\/[^/]+$/, '');
    const runAsAny = { runAsUser: { rule: 'RunAsAny' }, seLinux: { rule: 'RunAsAny' }, supplementalGroups: { rule: 'RunAsAny' }, fsGroup: { rule: 'RunAsAny' } };
    const psp = (id: string, name: string, spec: PodSecurityPolicySpecV1Beta1) => place(new KubePodSecurityPolicyV1Beta1(this, id, { metadata: { name }, spec }), 'operator');
    const hostPaths = (paths: string[]) => [...new Set(paths)].map((pathPrefix) => ({ pathPrefix, readOnly: false }));
    const names: string[] = [];
    const subjects: string[] = [nodeSa];
    psp('NodePSP', `${prefix}-node`, {
      privileged: true, allowPrivilegeEscalation: true, hostPid: lvmdMode === 'embedded' ? true : undefined,
      volumes: ['configMap', 'emptyDir', 'secret', 'projected', 'hostPath'],
      allowedHostPaths: hostPaths([this.kubeletRoot, socketDir, ...(this.ctx.legacyLayout ? [] : ['/dev'])]),
      ...runAsAny,
    });
    names.push(`${prefix}-node`);
    if (lvmdMode === 'daemonset') {
      psp('LvmdPSP', `${prefix}-lvmd`, {
        privileged: true, allowPrivilegeEscalation: true, hostPid: true,
        volumes: ['configMap', 'secret', 'projected', 'hostPath'],
        allowedHostPaths: hostPaths([socketDir, ...(this.ctx.legacyLayout ? [] : ['/dev'])]),
        ...runAsAny,
      });
      names.push(`${prefix}-lvmd`);
      subjects.push(`${prefix}-lvmd`);
    }
    if (mode !== 'capacityTracking') {
      const range = { rule: 'MustRunAs', ranges: [{ min: 1, max: 65535 }] };
      psp('SchedulerPSP', `${prefix}-scheduler`, {
        privileged: false, allowPrivilegeEscalation: false, hostNetwork: mode === 'extenderDaemonSet',
        hostPorts: mode === 'extenderDaemonSet' ? [{ min: 9251, max: 9251 }] : undefined,
        volumes: ['configMap', 'secret', 'projected'],
        runAsUser: { rule: 'MustRunAsNonRoot' }, seLinux: { rule: 'RunAsAny' }, supplementalGroups: range, fsGroup: range,
      });
      names.push(`${prefix}-scheduler`);
      subjects.push(`${prefix}-scheduler`);
    }
    const name = `${ns}:psp`;
    place(new KubeRole(this, 'PSPRole', {
      metadata: { name, namespace: ns },
      rules: [{ apiGroups: ['policy'], resources: ['podsecuritypolicies'], verbs: ['use'], resourceNames: names }],
    }), 'operator');
    place(new KubeRoleBinding(this, 'PSPBinding', {
      metadata: { name, namespace: ns },
      subjects: subjects.map((sa) => ({ kind: 'ServiceAccount', name: sa, namespace: ns })),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    }), 'operator');
  }

  private schedulerSettings(sched: any, mode: SchedulingMode, platform: string, ns: string, prefix: string): SchedulerSettings {
    const site = this.ctx.site;
    const k8s = this.ctx.versions.kubernetes;
    if (mode === 'extenderDaemonSet') {
      const ds = sched.extenderDaemonSet;
      const preset: SchedulerPreset = ds.preset ?? (['kubeadm', 'rke1', 'rke2'].includes(platform) ? platform : 'custom');
      if (preset === 'custom' && !ds.nodeAffinity) {
        throw new ConfigError({
          path: `${this.node.path}: scheduling.extenderDaemonSet.nodeAffinity`,
          problem: `the custom preset (platform "${platform}") needs the node affinity of the nodes that run kube-scheduler; without it the extender would run on every node`,
          allowed: 'preset "kubeadm", "rke1" or "rke2", or nodeAffinity (+ tolerations)',
          fix: 'set preset, or nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {...} }',
        });
      }
      const base = presetPlacement(preset, k8s);
      return { kind: 'daemonset', preset, nodeAffinity: ds.nodeAffinity ?? base.nodeAffinity, tolerations: ds.tolerations ?? base.tolerations, port: ds.port, urlPrefix: `http://127.0.0.1:${ds.port}`, weight: sched.weight };
    }
    const dep = sched.extenderDeployment;
    let urlPrefix: string | undefined = dep.urlPrefix;
    const svc = `${prefix}-scheduler`;
    if (dep.serviceType === 'ClusterIP') {
      const clusterUrl = `http://${svc}.${ns}.svc:${dep.port}`;
      site.addWarning([
        `${this.node.path}: scheduling.extenderDeployment.serviceType: the extender Service is a ClusterIP, which kube-scheduler cannot reach when it does not run on a node of the cluster (the case this mode is for); pods with TopoLVM volumes would stay Pending with "Insufficient ${domainStrings(this.domain).capacityResource}" (topolvm/topolvm#235)`,
        // capacity tracking is only suggested where the pinned Kubernetes and TopoLVM have it
        `  fix: use serviceType "LoadBalancer" (or "NodePort") and set urlPrefix to the address kube-scheduler reaches${hasFeature(site.versions, 'capacityTracking') && hasFeature(site.versions, 'topolvmCapacityTracking') ? ', or use scheduling: { capacityTracking: {} }' : ''}`,
      ].join('\n'));
      urlPrefix ??= clusterUrl;
    }
    if (!urlPrefix) {
      throw new ConfigError({
        path: `${this.node.path}: scheduling.extenderDeployment.urlPrefix`,
        problem: `kube-scheduler needs the ${dep.serviceType} address of the extender Service, which is only known outside this code`,
        allowed: dep.serviceType === 'NodePort' ? 'http://<a node IP>:<nodePort>' : 'http://<load balancer address>:9251',
        fix: dep.serviceType === 'NodePort' ? 'set nodePort and urlPrefix: "http://<node IP>:<nodePort>"' : 'reserve the load balancer address and set urlPrefix: "http://<address>:9251"',
      });
    }
    if (dep.serviceType === 'NodePort' && dep.nodePort === undefined) {
      throw new ConfigError({ path: `${this.node.path}: scheduling.extenderDeployment.nodePort`, problem: 'a NodePort extender needs a fixed nodePort, or urlPrefix would point at a port Kubernetes picks at random', allowed: '30000-32767', fix: 'set nodePort, e.g. 30251' });
    }
    return {
      kind: 'deployment', nodeAffinity: dep.nodeAffinity, tolerations: dep.tolerations, port: dep.port, replicas: dep.replicas,
      serviceType: dep.serviceType, nodePort: dep.nodePort, urlPrefix, weight: sched.weight,
    };
  }

  private writeReadme(platform: string, mode: SchedulingMode, lvmdMode: string, classes: readonly DeviceClassConfig[], certManager: boolean, schedulerFiles: string[], schedulerSteps: string[]): void {
    const site = this.ctx.site;
    const v = this.ctx.versions;
    const d = domainStrings(this.domain);
    const steps: string[] = [];
    const vgs = [...new Set(classes.map((c) => c.volumeGroup))];
    steps.push(`On every storage node, create the LVM volume group${vgs.length > 1 ? 's' : ''} ${vgs.map((x) => `\`${x}\``).join(', ')} (\`pvcreate /dev/<disk>\`, \`vgcreate ${vgs[0]} /dev/<disk>...\`) and make sure LVM2 is installed.`);
    if (lvmdMode === 'systemd') {
      const withYaml = hasFeature(v, 'topolvmDeviceClasses');
      steps.push(`On every storage node, install lvmd v${this.ctx.version} as \`/opt/sbin/lvmd\`${withYaml ? ', copy `host/lvmd/lvmd.yaml` to `/etc/topolvm/lvmd.yaml`' : ''}, copy \`host/lvmd/lvmd.service\` to \`/etc/systemd/system/lvmd.service\`, then \`systemctl daemon-reload && systemctl enable --now lvmd\`. Check: \`systemctl status lvmd\` and the socket exists.`);
    }
    if (this.kubeletRoot !== KUBELET_ROOTS.default) {
      steps.push(`The node plugin registers under the kubelet root \`${this.kubeletRoot}\` (platform ${platform}); check it matches the kubelet's \`--root-dir\`.`);
    }
    if (mode !== 'capacityTracking') {
      if (!hasFeature(v, 'namespaceNameLabel')) {
        steps.push(`Kubernetes ${v.kubernetes} has no automatic \`kubernetes.io/metadata.name\` label, so the webhook skips namespaces by label: once, run \`kubectl label namespace kube-system ${d.webhookLabel}=ignore\` (and for any namespace whose pods must never wait for TopoLVM, e.g. cert-manager). The TopoLVM namespace carries the label already.`);
      }
      if (certManager) {
        steps.push(`Install cert-manager before syncing the TopoLVM manifests (the webhook certificate chain is cert-manager.io/v1 Issuers and Certificates).${semver.lt(v.kubernetes, '1.19.0') ? ` On Kubernetes ${v.kubernetes} only old cert-manager releases run (e.g. v1.5 and earlier serve cert-manager.io/v1 on 1.16); check its support matrix.` : ''}`);
      }
      steps.push(...schedulerSteps);
    } else {
      steps.push('Scheduling uses storage capacity tracking: no kube-scheduler change is needed.');
    }
    steps.push(`Sync the manifests (${site.gitops.engine === 'plain' ? 'see APPLY-ORDER.md' : `${site.gitops.engine}`}). Check: \`kubectl -n ${this.namespace} get pods\` are Ready and \`kubectl get csinodes\` lists \`${this.provisioner}\` on the storage nodes.`);
    const lines = [
      `# Host steps for site ${site.siteName} (TopoLVM v${this.ctx.version})`,
      '',
      'The files under `host/` configure the hosts; the GitOps engine never applies them.',
      `Scheduling: **${mode}**; lvmd: **${lvmdMode}**; plugin domain: \`${this.domain}\`; kubelet root: \`${this.kubeletRoot}\`.`,
      '',
      'Do these in order:',
      '',
      ...steps.map((s, i) => `${i + 1}. ${s}`),
    ];
    const files = [...(lvmdMode === 'systemd' ? ['lvmd/lvmd.service', ...(hasFeature(v, 'topolvmDeviceClasses') ? ['lvmd/lvmd.yaml'] : [])] : []), ...schedulerFiles];
    if (files.length > 0) lines.push('', 'Files:', '', ...files.sort().map((f) => `- \`host/${f}\``));
    site.addArtifact('host/README.md', lines.join('\n'));
  }

  /** Adds a StorageClass of this TopoLVM installation (its provisioner; by default its default device class). */
  public addStorageClass(id: string, options: TopoLVMStorageClassOptions = {}): TopoLVMStorageClass {
    return new TopoLVMStorageClass(this, id, { ...options, topolvm: this });
  }
}
