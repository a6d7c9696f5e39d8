import { checkPathKeys, checkPlainValue } from '../foundation/plain-value';
import { ApiObject, Lazy } from 'cdk8s';
import { Application } from '../../imports/argoproj.io';
import { HelmRelease, HelmReleaseSpecChartSpecSourceRefKind, HelmReleaseSpecInstallCrds, HelmReleaseSpecUpgradeCrds } from '../../imports/helm.toolkit.fluxcd.io';
import { HelmRepository } from '../../imports/source.toolkit.fluxcd.io';
import { KubeClusterRoleBinding, KubeRole, KubeRoleBinding, KubeServiceAccount } from '../../imports/k8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { declareCrdGroups, LayerId, place } from '../site/layers';
import { ensureNamespace } from '../site/namespace';
import { dnsLabel, image, imagePullPolicy, nodeSelector, resourceRequirements, toleration, visibleString } from '../foundation/props';
import { IMAGE_ALLOWED, imageProblem } from '../foundation/k8s-rules';
import { requirePodSecurity } from '../site/pod-security';
import { Site } from '../site/site';
import { hasFeature, requireFeature, RookProfile, rookProfile, ROOK_PROFILES, VersionSet } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { loadVendored } from './vendored';
import { ResourceRequirementsProps, TolerationProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import {
  helmValueOfRawString, OPERATOR_SETTINGS, OperatorSettingDef, operatorSettingHelmValue, operatorSettingOfKey, operatorSettingsShape,
  operatorSettingString, operatorSettingValue, RookOperatorSettingsProps,
  operatorSettingLines, operatorSettingPlace,
} from './operator-settings';
import { StorageConstruct } from '../site/storage-construct';

export const ROOK_CHART_REPO = 'https://charts.rook.io/release';
/** API groups whose CRDs the operator install brings. */
export const ROOK_CRD_GROUPS = ['ceph.rook.io', 'objectbucket.io', 'csi.ceph.io', 'rook.io'];

/** Operator log levels (ROOK_LOG_LEVEL / chart `logLevel`). */
export const ROOK_LOG_LEVELS = ['ERROR', 'WARNING', 'INFO', 'DEBUG'] as const;

/**
 * The rook-ceph chart values this project sets, typed and strict (chart `deploy/charts/rook-ceph/values.yaml`).
 * Keys a construct needs beyond these go through `setHelmValue`.
 */
export const rookHelmValuesSchema = z.strictObject({
  // the chart's operator Deployment writes `<repository>:<tag>` (deploy/charts/rook-ceph/templates/deployment.yaml), so the
  // two are checked as the one reference the kubelet gets (see chartImageValues for digests)
  image: z.strictObject({ repository: z.string().optional(), tag: z.string().optional(), pullPolicy: imagePullPolicy.optional() }).superRefine((v, ctx) => {
    if (v.repository === undefined && v.tag === undefined) return;
    const ref = v.tag === undefined ? v.repository ?? '' : `${v.repository ?? 'docker.io/rook/ceph'}:${v.tag}`;
    const p = imageProblem(ref);
    if (p) ctx.addIssue({ code: 'custom', path: [v.tag === undefined ? 'repository' : 'tag'], message: `the image the chart renders, ${JSON.stringify(ref)}, ${p}`, params: { allowed: IMAGE_ALLOWED, fix: 'correct the image reference (copy it from the registry)' } });
  }).optional(),
  crds: z.strictObject({ enabled: z.literal(true) }).optional(),
  logLevel: z.enum(ROOK_LOG_LEVELS).optional(),
  enableDiscoveryDaemon: z.boolean().optional(),
  enforceHostNetwork: z.boolean().optional(),
  allowLoopDevices: z.boolean().optional(),
  currentNamespaceOnly: z.boolean().optional(),
  resources: resourceRequirements.optional(),
  tolerations: z.array(toleration).optional(),
  nodeSelector: nodeSelector.optional(),
  priorityClassName: z.string().min(1).optional(),
  enableOBCWatchOperatorNamespace: z.boolean().optional(),
  obcProvisionerNamePrefix: dnsLabel.optional(),
});
/**
 * An image reference as the chart's `repository` / `tag` values. The rook-ceph chart has no digest value
 * (rook-ceph-chart-values.yaml: image.repository, image.tag, image.pullPolicy) and its templates join the two with ":",
 * so a digest rides in the tag: `repo:v1@sha256:<hex>` → tag `v1@sha256:<hex>`; a reference pinned by digest only,
 * `repo@sha256:<hex>`, → repository `repo@sha256`, tag `<hex>`. Joined by the chart, each is the reference given.
 */
export function chartImageValues(ref: string): { repository: string; tag?: string } {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  if (colon >= 0) return { repository: name.slice(0, colon), tag: digest === undefined ? name.slice(colon + 1) : `${name.slice(colon + 1)}@${digest}` };
  if (digest === undefined) return { repository: name };
  const c = digest.indexOf(':');
  return c >= 0 ? { repository: `${name}@${digest.slice(0, c)}`, tag: digest.slice(c + 1) } : { repository: ref };
}

/** Image of the operator in the chart values. */
export interface RookHelmImageValues {
  /** Image repository (`<repo>@sha256` for an image pinned by digest only, see chartImageValues). @default - the chart's */
  readonly repository?: string;
  /** Image tag (`<tag>@sha256:<hex>` with a digest, or the digest's hex; the chart joins `<repository>:<tag>`). @default - the chart's */
  readonly tag?: string;
  /** Pull policy. @default - the chart's */
  readonly pullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

/** The rook-ceph chart values this project sets (a typed, strict subset of the chart's values). Built up by the operator, so not readonly. */
export interface RookHelmValues {
  /** Operator image. @default - the chart's */
  image?: RookHelmImageValues;
  /** The chart installs the CRDs; only `{ enabled: true }`. @default - the chart's */
  crds?: { readonly enabled: true };
  /** Operator log level. @default - the chart's */
  logLevel?: RookLogLevel;
  /** Run the rook-discover DaemonSet. @default - the chart's */
  enableDiscoveryDaemon?: boolean;
  /** Run every Ceph daemon on the host network. @default - the chart's */
  enforceHostNetwork?: boolean;
  /** Allow loop devices as OSDs. @default - the chart's */
  allowLoopDevices?: boolean;
  /** Watch only the operator's own namespace. @default - the chart's */
  currentNamespaceOnly?: boolean;
  /** Resources of the operator pod. @default - the chart's */
  resources?: ResourceRequirementsProps;
  /** Tolerations of the operator pod. @default - the chart's */
  tolerations?: TolerationProps[];
  /** Node labels the operator pod must run on. @default - the chart's */
  nodeSelector?: Record<string, string>;
  /** PriorityClass of the operator pod. @default - the chart's */
  priorityClassName?: string;
  /** ROOK_OBC_WATCH_OPERATOR_NAMESPACE: name the bucket provisioner after the operator namespace. @default - the chart's (true) */
  enableOBCWatchOperatorNamespace?: boolean;
  /** ROOK_OBC_PROVISIONER_NAME_PREFIX: custom prefix of the bucket provisioner name. @default - the chart's (none) */
  obcProvisionerNamePrefix?: string;
}
const _rookHelmValues: PropsMatch<RookHelmValues, z.input<typeof rookHelmValuesSchema>> = true;

const helmInstall = z.strictObject({
  mode: z.literal('helm'),
  chartVersion: z.string().optional(),
  repoURL: visibleString('the chart repository URL', 'a Helm repository URL of visible characters, e.g. "https://charts.rook.io/release"').url().default(ROOK_CHART_REPO),
  releaseName: dnsLabel.default('rook-ceph'),
});

const vendoredInstall = z.strictObject({
  mode: z.literal('vendored'),
  dir: z.string().min(1),
});

export const rookOperatorSchema = z.strictObject({
  namespace: dnsLabel.default('rook-ceph'),
  install: z.discriminatedUnion('mode', [helmInstall, vendoredInstall]).default({ mode: 'helm', repoURL: ROOK_CHART_REPO, releaseName: 'rook-ceph' }),
  image: image.optional(),
  logLevel: z.enum(ROOK_LOG_LEVELS).optional(),
  enableDiscoveryDaemon: z.boolean().optional(),
  enforceHostNetwork: z.boolean().optional(),
  allowLoopDevices: z.boolean().optional(),
  resources: resourceRequirements.optional(),
  tolerations: z.array(toleration).optional(),
  nodeSelector: nodeSelector.optional(),
  watchNamespaces: z.enum(['all', 'operator-namespace']).default('all'),
  obcWatchOperatorNamespace: z.boolean().optional(),
  obcProvisionerNamePrefix: dnsLabel.optional(),
  ...operatorSettingsShape,
});

/** Install the operator from the upstream rook-ceph Helm chart (by reference: Argo CD / Flux / a helm command). */
export interface RookOperatorHelmInstallProps {
  /** Selects the Helm install. */
  readonly mode: 'helm';
  /** Chart version; must equal the site's Rook version ("v1.20.6" or "1.20.6"). @default - the site's Rook version */
  readonly chartVersion?: string;
  /** Chart repository URL. @default 'https://charts.rook.io/release' */
  readonly repoURL?: string;
  /** Helm release name. @default 'rook-ceph' */
  readonly releaseName?: string;
}

/** Install the operator from a folder of upstream example manifests, included as they are plus typed patches. */
export interface RookOperatorVendoredInstallProps {
  /** Selects the vendored install. */
  readonly mode: 'vendored';
  /** Folder holding the upstream example manifests of the site's Rook version (crds.yaml, common.yaml, operator.yaml, and csi-operator.yaml where the release has it). */
  readonly dir: string;
}

/** Operator log level. */
export type RookLogLevel = (typeof ROOK_LOG_LEVELS)[number];

/** Props of {@link RookOperator}. The settings of {@link RookOperatorSettingsProps} are typed too (issue 10). */
export interface RookOperatorProps extends RookOperatorSettingsProps {
  /** Namespace of the operator; the CSI driver names start with it. @default 'rook-ceph' */
  readonly namespace?: string;
  /** How the operator is installed. @default { mode: 'helm' } */
  readonly install?: RookOperatorHelmInstallProps | RookOperatorVendoredInstallProps;
  /** Operator image. @default - the release's image */
  readonly image?: string;
  /** Operator log level (ROOK_LOG_LEVEL). @default - the release's */
  readonly logLevel?: RookLogLevel;
  /** Run the rook-discover DaemonSet, which finds new disks without an operator restart. @default false */
  readonly enableDiscoveryDaemon?: boolean;
  /** Run every Ceph daemon on the host network (Rook 1.15+). @default false */
  readonly enforceHostNetwork?: boolean;
  /** Allow loop devices as OSDs, for test clusters (Rook 1.9+). @default false */
  readonly allowLoopDevices?: boolean;
  /** Resources of the operator pod. @default - the release's */
  readonly resources?: ResourceRequirementsProps;
  /** Tolerations of the operator pod. @default - the release's */
  readonly tolerations?: TolerationProps[];
  /** Node labels the operator pod must run on. @default {} */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Namespaces the operator watches: 'all', or only its own ('operator-namespace', ROOK_CURRENT_NAMESPACE_ONLY),
   * which rules out clusters in other namespaces. @default 'all'
   */
  readonly watchNamespaces?: 'all' | 'operator-namespace';
  /**
   * ROOK_OBC_WATCH_OPERATOR_NAMESPACE: the bucket provisioner of each cluster is named `<cluster namespace>.ceph.rook.io/bucket`
   * (true) or `ceph.rook.io/bucket` (false). Bucket StorageClasses derive their provisioner from it (Rook 1.7+).
   * @default - the release's (true in upstream's operator.yaml and chart; v1.2.7: always `ceph.rook.io/bucket`)
   */
  readonly obcWatchOperatorNamespace?: boolean;
  /**
   * ROOK_OBC_PROVISIONER_NAME_PREFIX: the bucket provisioner is named `<prefix>.ceph.rook.io/bucket`, whatever
   * `obcWatchOperatorNamespace` says (Rook 1.13+; never change it on a cluster with buckets). @default - none
   */
  readonly obcProvisionerNamePrefix?: string;
}
const _rookOperatorProps: PropsMatch<RookOperatorProps, z.input<typeof rookOperatorSchema>> = true;
export type RookInstallMode = 'helm' | 'vendored';

function setPath(target: Record<string, any>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let cur = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null || Array.isArray(cur[k])) cur[k] = {};
    cur = cur[k];
  }
  cur[keys[keys.length - 1]] = value;
}

function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])]));
  return v;
}

/** Cluster-scoped kinds found in the upstream example manifests. */
const CLUSTER_SCOPED_KINDS = ['ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'Namespace', 'PodSecurityPolicy', 'PriorityClass', 'StorageClass', 'CSIDriver', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'SecurityContextConstraints', 'APIService'];

/** Kinds of operator.yaml (Rook 1.18+) that belong to the CSI layer and are owned by CephCsi when present. */
const CSI_KINDS = ['OperatorConfig', 'Driver'];
export const CSI_IMAGE_SET_CONFIGMAP = 'rook-csi-operator-image-set-configmap';

/**
 * The Rook operator: its CRDs, RBAC and Deployment, installed either by reference to the upstream Helm chart
 * (Argo CD Application / Flux HelmRelease / helm command for plain sites) or from a vendored folder of
 * upstream manifests, included as-is plus typed patches.
 *
 * Constructs that need operator settings (CephCsi, FlexVolume) call `setConfigMapKey`, `setEnv` or
 * `setHelmValue`; the operator carries them in whichever form its install mode uses.
 */
export class RookOperator extends StorageConstruct {
  public readonly namespace: string;
  public readonly installMode: RookInstallMode;
  public readonly profile: RookProfile;
  /** Parsed props with defaults. */
  public readonly config: z.output<typeof rookOperatorSchema>;
  private readonly site: Site;
  private readonly configMapKeys: Record<string, string> = {};
  private readonly env: Record<string, string> = {};
  private readonly helmOverrides: Record<string, any> = {};
  private readonly typedValues: RookHelmValues = {};
  /** Chart values of the typed settings (dotted paths as in the chart), merged after typedValues. */
  private readonly settingValues: Record<string, any> = {};
  /** Operator keys a typed prop set → the prop, and the chart value paths they set → the prop (raw conflicts). */
  private readonly typedKeys = new Map<string, string>();
  private readonly typedHelmPaths = new Map<string, string>();
  private readonly csiImages: Record<string, string> = {};
  private readonly vendoredObjects: ApiObject[] = [];
  private readonly vendoredDocs = new Map<ApiObject, any>();
  private vendoredDeploymentSpec?: any;
  private csiOwnedByConstruct = false;
  private csiDriverNames?: string[];

  constructor(scope: Construct, id: string, props: RookOperatorProps = {}) {
    super(scope, id);
    this.site = Site.of(this);
    const rook = this.site.requireRook(this.node.path);
    const p = parseProps(this.node.path, rookOperatorSchema, props);
    this.config = p;
    this.namespace = p.namespace;
    this.installMode = p.install.mode;
    this.profile = rookProfile(rook);
    const v = this.site.versions;
    const settings = OPERATOR_SETTINGS.filter((d) => operatorSettingValue(p, d.prop) !== undefined);
    for (const d of settings) this.checkSetting(d, operatorSettingValue(p, d.prop), v);
    if (this.site.findAll(RookOperator).some((o) => o !== this && o.namespace === this.namespace)) {
      throw new ConfigError({ path: `${this.node.path}: namespace`, problem: `another RookOperator already uses namespace "${this.namespace}"`, value: this.namespace, fix: 'use one RookOperator per namespace (it can manage clusters in several namespaces)' });
    }

    ensureNamespace(this.site, this.namespace);
    this.site.addInstalledComponent({ component: 'rook-operator', install: p.install.mode, namespace: this.namespace, path: this.node.path });
    // every pinned Rook line deploys the Ceph CSI node plugins (and on <= 1.7 the flex agent, and the discovery daemon
    // when enabled) into the operator's namespace: hostNetwork, hostPath and privileged containers
    requirePodSecurity(this.site, this.namespace, { level: 'privileged', who: this.node.path, why: 'the Ceph CSI node plugins it runs use hostNetwork, hostPath volumes and privileged containers' });
    if (p.install.mode === 'helm') this.initHelm(p.install);
    else this.initVendored(p.install.dir);

    // typed settings: only what the user set is written, where the pinned version and install mode read it
    for (const d of settings) this.applySetting(d, operatorSettingValue(p, d.prop));
    if (p.watchNamespaces === 'operator-namespace') {
      if (this.installMode === 'helm') this.typedValues.currentNamespaceOnly = true;
      else this.setEnv('ROOK_CURRENT_NAMESPACE_ONLY', 'true');
      this.typedKeys.set('ROOK_CURRENT_NAMESPACE_ONLY', 'watchNamespaces');
      this.typedHelmPaths.set('currentNamespaceOnly', 'watchNamespaces');
    }
    if (this.installMode === 'helm') {
      if (p.image) {
        this.typedValues.image = chartImageValues(p.image);
      }
      if (p.resources) this.typedValues.resources = p.resources;
      if (p.tolerations) this.typedValues.tolerations = p.tolerations;
      if (p.nodeSelector) this.typedValues.nodeSelector = p.nodeSelector;
    } else {
      const pod = this.operatorDeployment()?.spec.template.spec;
      const container = pod?.containers?.find((c: any) => c.name === 'rook-ceph-operator') ?? pod?.containers?.[0];
      if (p.image && container) container.image = p.image;
      if (p.resources && container) container.resources = p.resources;
      if (p.tolerations && pod) pod.tolerations = [...(pod.tolerations ?? []), ...p.tolerations];
      if (p.nodeSelector && pod) pod.nodeSelector = p.nodeSelector;
    }

    this.node.addValidation({ validate: () => this.checkClusters() });
  }

  /** Sets a key of the `rook-ceph-operator-config` ConfigMap (Rook 1.6+). */
  public setConfigMapKey(key: string, value: string): void {
    this.refuseTypedKey(key, value);
    requireFeature(this.site.versions, 'operatorConfigMap', `${this.node.path}: ${key}`, 'on this Rook version the setting is an operator environment variable: use setEnv');
    if (this.profile.csiConfig === 'csi-operator' && /^(ROOK_)?CSI_/.test(key) && key !== 'CSI_CEPHFS_KERNEL_MOUNT_OPTIONS') {
      requireFeature(this.site.versions, 'csiOperatorConfigMapKeys', `${this.node.path}: ${key}`, 'configure CSI with the CephCsi construct (ceph-csi-operator resources) on this Rook version');
    }
    if (this.installMode === 'helm') {
      if (this.setTypedKeyAsHelmValue(key, value)) return;
      const helm = HELM_KEY_FOR_CONFIGMAP[key];
      if (!helm) {
        throw new ConfigError({
          path: `${this.node.path}: ${key}`,
          problem: `the rook-ceph chart v${this.profile.version} has no value known to this project for the operator ConfigMap key ${key}`,
          value: key,
          allowed: Object.keys(HELM_KEY_FOR_CONFIGMAP).join(', '),
          fix: 'set the chart value with setHelmValue(path, value), or install the operator in vendored mode',
        });
      }
      this.setHelmValue(helm.path, helm.convert ? helm.convert(value) : value);
      return;
    }
    this.configMapKeys[key] = value;
  }

  /** Sets an environment variable of the operator Deployment (replaces an upstream value of the same name). */
  public setEnv(name: string, value: string): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ConfigError({ path: `${this.node.path}: env`, problem: 'not an environment variable name', value: name, allowed: 'letters, digits and "_", not starting with a digit', fix: 'correct the name' });
    }
    this.refuseTypedKey(name, value);
    if (this.installMode === 'helm') {
      if (this.setTypedKeyAsHelmValue(name, value)) return;
      // the chart has no free env list; the known ones map to values
      const helm = HELM_KEY_FOR_CONFIGMAP[name];
      if (!helm) {
        throw new ConfigError({
          path: `${this.node.path}: ${name}`,
          problem: `the rook-ceph chart has no value known to this project for the operator environment variable ${name}`,
          value: name,
          allowed: Object.keys(HELM_KEY_FOR_CONFIGMAP).join(', '),
          fix: 'set the chart value with setHelmValue(path, value), or install the operator in vendored mode',
        });
      }
      this.setHelmValue(helm.path, helm.convert ? helm.convert(value) : value);
      return;
    }
    this.env[name] = value;
  }

  /**
   * Sets a chart value by dotted path (Helm install mode only). Escape hatch for constructs; typed
   * props of RookOperator and CephCsi remain the primary way to set values.
   */
  public setHelmValue(dottedPath: string, value: unknown): void {
    if (this.installMode !== 'helm') {
      throw new ConfigError({ path: `${this.node.path}: ${dottedPath}`, problem: 'Helm values only apply when the operator is installed from the Helm chart', value: dottedPath, allowed: 'install: { mode: "helm" }', fix: 'use setConfigMapKey / setEnv in vendored mode' });
    }
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(dottedPath)) {
      throw new ConfigError({ path: `${this.node.path}: ${dottedPath}`, problem: 'not a dotted Helm value path', value: dottedPath, allowed: 'keys separated by ".", e.g. "csi.provisionerReplicas"', fix: 'correct the path' });
    }
    checkPathKeys(`${this.node.path}: setHelmValue`, dottedPath.split('.'));
    checkPlainValue(`${this.node.path}: setHelmValue("${dottedPath}")`, value);
    for (const [p, prop] of this.typedHelmPaths) {
      if (p === dottedPath || p.startsWith(`${dottedPath}.`) || dottedPath.startsWith(`${p}.`)) {
        throw new ConfigError({
          path: `${this.node.path}: ${dottedPath}`,
          problem: `the chart value ${p} is already set by the typed prop ${prop}; the raw value would silently replace it`,
          value,
          allowed: `one of the two: the prop ${prop}, or setHelmValue("${dottedPath}")`,
          fix: `remove the raw setHelmValue("${dottedPath}") and set ${prop}, or leave ${prop} unset`,
        });
      }
    }
    if (dottedPath === 'crds.enabled' && value !== true) {
      throw new ConfigError({ path: `${this.node.path}: crds.enabled`, problem: 'turning off the chart\'s CRDs deletes every Ceph custom resource and with them the cluster', value, allowed: 'true', fix: 'leave crds.enabled alone' });
    }
    setPath(this.helmOverrides, dottedPath, value);
  }

  /** Sets an image of the CSI image set (keys: provisioner, attacher, resizer, snapshotter, registrar, plugin, addons). Rook 1.18+. */
  public setCsiImage(key: 'provisioner' | 'attacher' | 'resizer' | 'snapshotter' | 'registrar' | 'plugin' | 'addons', image: string): void {
    requireFeature(this.site.versions, 'cephCsiOperator', `${this.node.path}: csi image ${key}`);
    if (this.installMode === 'helm') {
      const chartKey = { plugin: 'cephcsi', addons: 'csiAddons' }[key as string] ?? key;
      const v = chartImageValues(image);
      this.setHelmValue(`csi.${chartKey}.repository`, v.repository);
      if (v.tag !== undefined) this.setHelmValue(`csi.${chartKey}.tag`, v.tag);
    } else this.csiImages[key] = image;
  }

  /** Called by CephCsi: it emits the OperatorConfig and Drivers, so the vendored ones are dropped. */
  public adoptCsiResources(driverNames: readonly string[]): void {
    this.csiOwnedByConstruct = true;
    this.csiDriverNames = [...driverNames];
  }

  /**
   * CSI driver (= provisioner) names this operator's site runs: those of its CephCsi, else what the install
   * brings by default (RBD and CephFS; none for the Rook 1.20+ chart, whose drivers come from CephCsi).
   */
  public get csiDrivers(): readonly string[] {
    if (this.csiDriverNames) return this.csiDriverNames;
    if (this.profile.csiConfig === 'csi-operator' && this.installMode === 'helm') return [];
    return [`${this.namespace}.rbd.csi.ceph.com`, `${this.namespace}.cephfs.csi.ceph.com`];
  }

  /**
   * The bucket provisioner this operator registers for a CephCluster in `clusterNamespace` (Rook's
   * GetObjectBucketProvisioner, called with the cluster namespace): `<prefix>.ceph.rook.io/bucket` with
   * obcProvisionerNamePrefix; else `<cluster namespace>.ceph.rook.io/bucket` while ROOK_OBC_WATCH_OPERATOR_NAMESPACE
   * is true (upstream's operator.yaml and chart); else `ceph.rook.io/bucket`. v1.2.7 always registers `ceph.rook.io/bucket`.
   */
  public obcProvisionerFor(clusterNamespace: string): string {
    return obcProvisionerName(this.site.versions, clusterNamespace, this.config);
  }

  /** True when a CephCsi construct of the site owns the CSI resources. */
  public get csiOwned(): boolean {
    return this.csiOwnedByConstruct;
  }

  /** Helm values as rendered (typed values, checked strictly, then the escape-hatch overrides). */
  public helmValues(): Record<string, any> {
    // charts from Rook 1.5 gate their CRDs behind crds.enabled; keep it on (turning it off deletes every Ceph CR).
    // Older charts always install their CRDs and have no such value.
    const crds = hasFeature(this.site.versions, 'helmCrdsEnabledValue') ? { crds: { enabled: true as const } } : {};
    const typed = parseProps(`${this.node.path}: helm values`, rookHelmValuesSchema, { ...this.typedValues, ...crds });
    const out: Record<string, any> = structuredClone(typed);
    const merge = (t: any, s: any) => {
      for (const [k, v] of Object.entries(s)) {
        if (v && typeof v === 'object' && !Array.isArray(v) && t[k] && typeof t[k] === 'object' && !Array.isArray(t[k])) merge(t[k], v);
        else t[k] = structuredClone(v);
      }
    };
    merge(out, this.settingValues);
    merge(out, this.helmOverrides);
    return sortDeep(out);
  }

  /** Chart version = the Rook release the site runs (`rookVersion`; facts from the line's pinned patch). */
  public get chartVersion(): string {
    return `v${this.site.versions.rookRelease ?? this.profile.version}`;
  }

  /** A typed setting on a version without it, or in a chart without a value for it: a ConfigError before anything is built. */
  private checkSetting(d: OperatorSettingDef, value: unknown, v: VersionSet): void {
    const at = `${this.node.path}: ${d.prop}`;
    if (d.feature) requireFeature(v, d.feature, at, d.fix);
    const place = operatorSettingPlace(d, this.profile.version);
    const has = operatorSettingLines(d).map((x) => `v${x}`).join(', ');
    if (!place) {
      throw new ConfigError({ path: at, problem: `${d.key} is not read by the Rook v${this.profile.version} operator`, value: this.profile.version, allowed: `Rook ${has}`, fix: d.fix ?? 'pin one of those versions on the Site, or remove this setting' });
    }
    if (this.config.install.mode === 'helm' && !place.helm) {
      const charts = operatorSettingLines(d, true).map((x) => `v${x}`);
      throw new ConfigError({
        path: at,
        problem: `the rook-ceph chart v${this.profile.version} has no value that renders ${d.key}`,
        value,
        allowed: `install: { mode: "vendored" } on Rook v${this.profile.version}${charts.length ? `, or the chart of Rook ${charts.join(', ')}` : ''}`,
        fix: 'install the operator in vendored mode to set it, or remove this setting (the operator keeps its default)',
      });
    }
  }

  private applySetting(d: OperatorSettingDef, value: unknown): void {
    const place = operatorSettingPlace(d, this.profile.version)!;
    if (this.installMode === 'helm') {
      setPath(this.settingValues, place.helm!, operatorSettingHelmValue(d, value));
      this.typedHelmPaths.set(place.helm!, d.prop);
    } else if (place.vendored === 'configmap') this.configMapKeys[d.key] = operatorSettingString(value);
    else this.env[d.key] = operatorSettingString(value);
    this.typedKeys.set(d.key, d.prop);
  }

  /** A raw ConfigMap key / env var that a typed prop already set. */
  private refuseTypedKey(key: string, value: string): void {
    const prop = this.typedKeys.get(key);
    if (!prop) return;
    throw new ConfigError({
      path: `${this.node.path}: ${key}`,
      problem: `${key} is already set by the typed prop ${prop}; the raw value would silently replace it`,
      value,
      allowed: `one of the two: the prop ${prop}, or the raw key ${key}`,
      fix: `remove the raw ${key} and set ${prop}, or leave ${prop} unset`,
    });
  }

  /** Helm mode: a raw key of a typed setting goes to the chart value of the pinned version, when its chart has one. */
  private setTypedKeyAsHelmValue(key: string, value: string): boolean {
    const d = operatorSettingOfKey(key);
    const helm = d ? operatorSettingPlace(d, this.profile.version)?.helm : undefined;
    if (!d || !helm) return false;
    this.setHelmValue(helm, helmValueOfRawString(d, value));
    return true;
  }

  private initHelm(install: z.output<typeof helmInstall>): void {
    if (!this.profile.hasChart) {
      const charts = (Object.values(ROOK_PROFILES) as RookProfile[]).filter((x) => x.hasChart);
      throw new ConfigError({
        path: `${this.node.path}: install`,
        problem: `Rook ${this.profile.minor} has no rook-ceph Helm chart this package has data for, so the operator cannot be installed by chart reference`,
        value: 'mode: helm',
        allowed: `install: { mode: "vendored", dir } on Rook ${this.profile.minor}; the chart on Rook ${charts[0].minor} to ${charts[charts.length - 1].minor}`,
        fix: `copy common.yaml and operator.yaml of tag v${this.site.versions.rookRelease ?? this.profile.version} (cluster/examples/kubernetes/ceph) into a folder and set install: { mode: "vendored", dir: "<that folder>" }`,
      });
    }
    if (install.chartVersion !== undefined) {
      const want = this.chartVersion;
      const got = install.chartVersion.startsWith('v') ? install.chartVersion : `v${install.chartVersion}`;
      if (got !== want) {
        throw new ConfigError({
          path: `${this.node.path}: install.chartVersion`,
          problem: `chart version ${install.chartVersion} does not match the site's Rook version ${this.site.versions.rookRelease ?? this.profile.version}; the chart's CRDs and operator would be another release than the one every construct is checked against`,
          value: install.chartVersion,
          allowed: `"${want}" (the site's rookVersion)`,
          fix: `remove chartVersion (it follows the site), or change rookVersion on the Site to upgrade`,
        });
      }
    }
    declareCrdGroups(this.site, ROOK_CRD_GROUPS);
    const engine = this.site.gitops.engine;
    const values = Lazy.any({ produce: () => this.helmValues() });
    if (engine === 'argocd') {
      const g = this.site.gitops as Extract<typeof this.site.gitops, { engine: 'argocd' }>;
      const aggregated = hasFeature(this.site.versions, 'aggregatedClusterRoles');
      place(new Application(this, 'Application', {
        metadata: { name: `${this.site.siteName}-rook-ceph-operator`, namespace: g.argocdNamespace },
        spec: {
          project: g.project,
          source: { repoUrl: install.repoURL, chart: 'rook-ceph', targetRevision: this.chartVersion, helm: { releaseName: install.releaseName, valuesObject: values } },
          destination: { server: 'https://kubernetes.default.svc', namespace: this.namespace },
          // releases with aggregated ClusterRoles: their rules are the API server's, whatever their names in the chart
          ignoreDifferences: aggregated ? [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', jqPathExpressions: ['select(.aggregationRule != null) | .rules'] }] : undefined,
          syncPolicy: {
            // no automated prune: the chart carries the Ceph CRDs, and pruning a CRD deletes every object of its kind
            automated: { prune: false, selfHeal: true },
            // the chart's CRDs are too large for client-side apply; RespectIgnoreDifferences keeps aggregated rules on sync
            syncOptions: ['ServerSideApply=true', ...(aggregated ? ['RespectIgnoreDifferences=true'] : [])],
          },
        },
      }), 'operator');
    } else if (engine === 'flux') {
      place(new HelmRepository(this, 'HelmRepository', {
        metadata: { name: 'rook-release', namespace: this.namespace },
        spec: { url: install.repoURL, interval: '1h' },
      }), 'operator');
      place(new HelmRelease(this, 'HelmRelease', {
        metadata: { name: install.releaseName, namespace: this.namespace },
        spec: {
          interval: '30m',
          chart: { spec: { chart: 'rook-ceph', version: this.chartVersion, sourceRef: { kind: HelmReleaseSpecChartSpecSourceRefKind.HELM_REPOSITORY, name: 'rook-release' } } },
          install: { crds: HelmReleaseSpecInstallCrds.CREATE_REPLACE },
          upgrade: { crds: HelmReleaseSpecUpgradeCrds.CREATE_REPLACE },
          values,
        },
      }), 'operator');
    } else {
      // plain: a values file and the helm command, written at synth (after every construct set its values)
      this.node.addValidation({
        validate: () => {
          const file = `helm/rook-ceph-values.yaml`;
          this.site.addArtifact(file, stringifyKubeYaml(this.helmValues(), { lineWidth: 0 }));
          this.site.addArtifact('helm/README.md', [
            `# Rook operator (Helm chart ${this.chartVersion})`,
            '',
            'Install it after the 00-crds folder and before the rest:',
            '',
            '```sh',
            `helm repo add rook-release ${install.repoURL}`,
            `helm upgrade --install ${install.releaseName} rook-release/rook-ceph --version ${this.chartVersion} --namespace ${this.namespace} -f ${file}`,
            '```',
          ].join('\n'));
          return [];
        },
      });
    }
  }

  private initVendored(dir: string): void {
    const files = loadVendored(dir, this.profile, this.node.path, this.site.versions.rookRelease);
    const upstreamNs = 'rook-ceph';
    const rename = (ns: string | undefined) => (ns === upstreamNs ? this.namespace : ns);
    // Rook <= 1.8 ships PodSecurityPolicies in common.yaml; Kubernetes 1.25 removed the API, so they cannot be applied
    const dropPsp = !hasFeature(this.site.versions, 'podSecurityPolicy');
    const dropped = dropPsp ? files.flatMap((f) => f.docs.filter((d) => d.kind === 'PodSecurityPolicy').map((d) => `${f.name}: ${d.metadata?.name}`)) : [];
    if (dropped.length > 0) {
      this.site.addWarning(`${this.node.path}: left out the PodSecurityPolicy objects of the vendored files (${dropped.join(', ')}): Kubernetes ${this.site.versions.kubernetes} has no policy/v1beta1 PodSecurityPolicy API (removed in 1.25); enforce pod security with Pod Security Admission namespace labels instead`);
    }
    for (const f of files) {
      for (const doc of f.docs) {
        if (dropPsp && doc.kind === 'PodSecurityPolicy') continue;
        if (doc.kind === 'Namespace') {
          // ensureNamespace emits it once for every construct; keep upstream labels (e.g. pod security)
          if (doc.metadata?.name === upstreamNs) ensureNamespace(this.site, this.namespace, doc.metadata?.labels);
          continue;
        }
        const md = doc.metadata ?? {};
        // some releases write a namespace on cluster-scoped objects; the API server ignores it, strict validation does not
        if (CLUSTER_SCOPED_KINDS.includes(doc.kind)) delete md.namespace;
        if (md.namespace) md.namespace = rename(md.namespace);
        for (const s of doc.subjects ?? []) if (s.namespace) s.namespace = rename(s.namespace);
        if (doc.kind === 'Driver' && typeof md.name === 'string' && md.name.startsWith(`${upstreamNs}.`)) md.name = `${this.namespace}.${md.name.slice(upstreamNs.length + 1)}`;
        let layer: LayerId = 'operator';
        let dataBearing = false;
        if (doc.kind === 'CustomResourceDefinition') {
          layer = 'crds';
          dataBearing = true;
        } else if (CSI_KINDS.includes(doc.kind) || (doc.kind === 'ConfigMap' && md.name === CSI_IMAGE_SET_CONFIGMAP)) {
          layer = 'csi';
        }
        const id = `${f.name}-${doc.kind}-${md.namespace ?? ''}-${md.name}`.replace(/\//g, '_');
        const obj = new ApiObject(this, id, doc);
        place(obj, layer, { dataBearing });
        this.vendoredObjects.push(obj);
        this.vendoredDocs.set(obj, doc);
        if (doc.kind === 'ConfigMap' && md.name === 'rook-ceph-operator-config') {
          const orig = { ...(doc.data ?? {}) };
          doc.data = Lazy.any({ produce: () => sortDeep({ ...orig, ...this.configMapKeys }) });
        }
        if (doc.kind === 'ConfigMap' && md.name === CSI_IMAGE_SET_CONFIGMAP) {
          const orig = { ...(doc.data ?? {}) };
          doc.data = Lazy.any({ produce: () => sortDeep({ ...orig, ...this.csiImages }) });
        }
        if (doc.kind === 'Deployment' && md.name === 'rook-ceph-operator') {
          const spec = doc.spec;
          this.vendoredDeploymentSpec = spec;
          doc.spec = Lazy.any({
            produce: () => {
              const out = structuredClone(spec);
              const container = out.template.spec.containers.find((c: any) => c.name === 'rook-ceph-operator') ?? out.template.spec.containers[0];
              const origEnv: any[] = container.env ?? [];
              const env = origEnv.map((e) => (this.env[e.name] !== undefined ? { name: e.name, value: this.env[e.name] } : e));
              for (const k of Object.keys(this.env).sort()) if (!origEnv.some((e) => e.name === k)) env.push({ name: k, value: this.env[k] });
              container.env = env;
              return out;
            },
          });
        }
      }
    }
  }

  /** The vendored operator Deployment manifest (mutable before synth), if vendored. */
  private operatorDeployment(): any | undefined {
    return this.vendoredDeploymentSpec ? { spec: this.vendoredDeploymentSpec } : undefined;
  }

  /** Clusters of the site managed by this operator. */
  public managedClusters(): ICephCluster[] {
    return this.site.node.findAll().filter(isCephCluster).filter((c) => c.operatorNamespace === this.namespace);
  }

  private checkClusters(): string[] {
    const out: string[] = [];
    // drop the vendored CSI resources a CephCsi construct owns
    if (this.csiOwnedByConstruct) {
      for (const o of this.vendoredObjects) {
        if (CSI_KINDS.includes(o.kind) && this.node.tryFindChild(o.node.id)) this.node.tryRemoveChild(o.node.id);
      }
    }
    if (this === this.site.findAll(RookOperator)[0]) out.push(...this.checkProvisioners());
    // the rook-ceph chart's ceph-csi-operator subchart reconciles the Drivers of CephCsi (rook-ceph-chart.yaml: condition csi.installCsiOperator)
    if (this.installMode === 'helm' && this.csiOwnedByConstruct && this.profile.csiConfig === 'csi-operator' && this.helmOverrides.csi?.installCsiOperator === false) {
      out.push(new ConfigError({
        path: `${this.node.path}: csi.installCsiOperator`,
        problem: `the chart value turns off the ceph-csi-operator, but CephCsi runs the Drivers ${(this.csiDriverNames ?? []).join(', ')}: nothing would create their controller Deployments and node DaemonSets, so every Ceph PVC would stay Pending`,
        value: false,
        allowed: 'true (the chart default) while the site has a CephCsi',
        fix: 'remove setHelmValue("csi.installCsiOperator", false), or remove the CephCsi and install the ceph-csi-operator yourself (then declare it with site.clusterProvides)',
      }).message);
    }
    const clusters = this.site.node.findAll().filter(isCephCluster);
    const operators = this.site.findAll(RookOperator).map((o) => o.namespace);
    for (const c of clusters) {
      if (!operators.includes(c.operatorNamespace) && this === this.site.findAll(RookOperator)[0]) {
        out.push(new ConfigError({
          path: `${c.node.path}: operatorNamespace`,
          problem: `no RookOperator of this site runs in namespace "${c.operatorNamespace}"; nothing would reconcile the cluster and its CSI driver names would not exist`,
          value: c.operatorNamespace,
          allowed: operators.map((n) => `"${n}"`).join(', '),
          fix: 'set operatorNamespace to the namespace of the site\'s RookOperator',
        }).message);
      }
    }
    for (const c of this.managedClusters()) {
      if (c.namespace === this.namespace) continue;
      if (this.config.watchNamespaces === 'operator-namespace') {
        out.push(new ConfigError({
          path: `${this.node.path}: watchNamespaces`,
          problem: `the operator only watches "${this.namespace}", but cluster ${c.node.path} lives in "${c.namespace}" and would never be reconciled`,
          value: this.config.watchNamespaces,
          allowed: '"all" when clusters live in other namespaces',
          fix: 'set watchNamespaces: "all", or move the cluster into the operator namespace',
        }).message);
        continue;
      }
      // an ExternalCluster brings the smaller RBAC set of upstream's common-external.yaml itself
      if (!c.external) this.ensureClusterRbac(c.namespace);
    }
    return out;
  }

  /** Every Ceph StorageClass / VolumeSnapshotClass provisioner of the site is a CSI driver of one of its operators. */
  private checkProvisioners(): string[] {
    const out: string[] = [];
    const drivers = this.site.findAll(RookOperator).flatMap((o) => o.csiDrivers);
    for (const obj of this.site.allApiObjects()) {
      const field = obj.kind === 'StorageClass' ? 'provisioner' : obj.kind === 'VolumeSnapshotClass' ? 'driver' : undefined;
      if (!field) continue;
      const value = (obj.toJson() as any)[field];
      if (typeof value !== 'string' || !value.endsWith('.csi.ceph.com')) continue;
      if (drivers.includes(value)) continue;
      out.push(new ConfigError({
        path: `${obj.node.path.replace(/\/Resource$/, '')}: ${field}`,
        problem: `${obj.kind} "${obj.name}" uses CSI driver "${value}", which no CephCsi / RookOperator of this site runs; its PVCs would stay Pending`,
        value,
        allowed: drivers.length ? drivers.map((d) => `"${d}"`).join(', ') : '(the site runs no Ceph CSI driver)',
        fix: drivers.length
          ? 'point the class at an operator namespace the site has (operatorNamespace), or enable that driver in CephCsi'
          : 'add a CephCsi for the RookOperator (Rook 1.20 installs drivers only through it)',
      }).message);
    }
    return out;
  }

  /**
   * RBAC a CephCluster needs in a namespace other than the operator's: the service accounts of its daemons,
   * their Roles and bindings, and the bindings that let the operator manage the namespace.
   */
  private ensureClusterRbac(ns: string): void {
    const id = `ClusterRbac-${ns}`;
    if (this.node.tryFindChild(id)) return;
    const scope = new Construct(this, id);
    ensureNamespace(this.site, ns);
    const labels = { 'app.kubernetes.io/part-of': 'rook-ceph-operator', 'storage-backend': 'ceph' };
    const sa = (name: string, sns = ns) => ({ kind: 'ServiceAccount', name, namespace: sns });
    const add = (obj: ApiObject) => place(obj, 'operator');
    const saNames = ['rook-ceph-cmd-reporter', 'rook-ceph-default', 'rook-ceph-mgr', 'rook-ceph-osd', 'rook-ceph-purge-osd', 'rook-ceph-rgw'];
    for (const n of saNames) add(new KubeServiceAccount(scope, `sa-${n}`, { metadata: { name: n, namespace: ns, labels } }));
    const all = ['get', 'list', 'watch', 'create', 'update', 'delete'];
    const roles: Record<string, any[]> = {
      'rook-ceph-cmd-reporter': [{ apiGroups: [''], resources: ['pods', 'configmaps'], verbs: all }],
      'rook-ceph-mgr': [
        { apiGroups: [''], resources: ['pods', 'services', 'pods/log'], verbs: all },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: all },
        { apiGroups: ['ceph.rook.io'], resources: ['*'], verbs: [...all, 'patch'] },
        { apiGroups: ['apps'], resources: ['deployments/scale', 'deployments'], verbs: ['patch', 'delete'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['delete'] },
      ],
      'rook-ceph-osd': [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'update'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: all },
        { apiGroups: ['ceph.rook.io'], resources: ['cephclusters', 'cephclusters/finalizers'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
      ],
      'rook-ceph-purge-osd': [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'delete'] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'delete'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'update', 'delete', 'list'] },
      ],
    };
    for (const [name, rules] of Object.entries(roles)) {
      add(new KubeRole(scope, `role-${name}`, { metadata: { name, namespace: ns, labels }, rules }));
      add(new KubeRoleBinding(scope, `rb-${name}`, { metadata: { name, namespace: ns, labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [sa(name)] }));
    }
    add(new KubeRoleBinding(scope, 'rb-cluster-mgmt', { metadata: { name: 'rook-ceph-cluster-mgmt', namespace: ns, labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rook-ceph-cluster-mgmt' }, subjects: [sa('rook-ceph-system', this.namespace)] }));
    add(new KubeRoleBinding(scope, 'rb-mgr-system', { metadata: { name: `rook-ceph-mgr-system-${ns}`, namespace: this.namespace, labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rook-ceph-mgr-system' }, subjects: [sa('rook-ceph-mgr')] }));
    add(new KubeClusterRoleBinding(scope, 'crb-mgr-cluster', { metadata: { name: `rook-ceph-mgr-cluster-${ns}`, labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rook-ceph-mgr-cluster' }, subjects: [sa('rook-ceph-mgr')] }));
    add(new KubeClusterRoleBinding(scope, 'crb-osd', { metadata: { name: `rook-ceph-osd-${ns}`, labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rook-ceph-osd' }, subjects: [sa('rook-ceph-osd')] }));
  }
}

/** Operator ConfigMap keys / env vars and the chart values that render them. */
const bool = (v: string) => v === 'true';
export const HELM_KEY_FOR_CONFIGMAP: Record<string, { path: string; convert?: (v: string) => unknown }> = {
  ROOK_LOG_LEVEL: { path: 'logLevel' },
  ROOK_OBC_WATCH_OPERATOR_NAMESPACE: { path: 'enableOBCWatchOperatorNamespace', convert: bool },
  ROOK_OBC_PROVISIONER_NAME_PREFIX: { path: 'obcProvisionerNamePrefix' },
  ROOK_ENABLE_DISCOVERY_DAEMON: { path: 'enableDiscoveryDaemon', convert: bool },
  ROOK_ENFORCE_HOST_NETWORK: { path: 'enforceHostNetwork', convert: bool },
  ROOK_CEPH_ALLOW_LOOP_DEVICES: { path: 'allowLoopDevices', convert: bool },
  ROOK_CURRENT_NAMESPACE_ONLY: { path: 'currentNamespaceOnly', convert: bool },
  ROOK_ENABLE_FLEX_DRIVER: { path: 'enableFlexDriver', convert: bool },
  // FlexVolume agent (Rook <= 1.7 charts render these values into the operator env)
  FLEXVOLUME_DIR_PATH: { path: 'agent.flexVolumeDirPath' },
  LIB_MODULES_DIR_PATH: { path: 'agent.libModulesDirPath' },
  AGENT_TOLERATION: { path: 'agent.toleration' },
  AGENT_TOLERATION_KEY: { path: 'agent.tolerationKey' },
  AGENT_TOLERATIONS: { path: 'agent.tolerations', convert: (v) => YAML.parse(v) },
  AGENT_NODE_AFFINITY: { path: 'agent.nodeAffinity' },
  AGENT_PRIORITY_CLASS_NAME: { path: 'agent.priorityClassName' },
  AGENT_MOUNT_SECURITY_MODE: { path: 'agent.mountSecurityMode' },
  AGENT_MOUNTS: { path: 'agent.mounts' },
  ROOK_CSI_ENABLE_RBD: { path: 'csi.enableRbdDriver', convert: bool },
  ROOK_CSI_ENABLE_CEPHFS: { path: 'csi.enableCephfsDriver', convert: bool },
  CSI_LOG_LEVEL: { path: 'csi.logLevel', convert: Number },
  CSI_RBD_FSGROUPPOLICY: { path: 'csi.rbdFSGroupPolicy' },
  CSI_CEPHFS_FSGROUPPOLICY: { path: 'csi.cephFSFSGroupPolicy' },
  CSI_NFS_FSGROUPPOLICY: { path: 'csi.nfsFSGroupPolicy' },
  CSI_FORCE_CEPHFS_KERNEL_CLIENT: { path: 'csi.forceCephFSKernelClient', convert: bool },
  ROOK_CSI_KUBELET_DIR_PATH: { path: 'csi.kubeletDirPath' },
  CSI_PROVISIONER_REPLICAS: { path: 'csi.provisionerReplicas', convert: Number },
  CSI_PLUGIN_PRIORITY_CLASSNAME: { path: 'csi.pluginPriorityClassName' },
  CSI_PROVISIONER_PRIORITY_CLASSNAME: { path: 'csi.provisionerPriorityClassName' },
  CSI_PLUGIN_NODE_AFFINITY: { path: 'csi.pluginNodeAffinity' },
  CSI_PROVISIONER_NODE_AFFINITY: { path: 'csi.provisionerNodeAffinity' },
  CSI_PLUGIN_TOLERATIONS: { path: 'csi.pluginTolerations', convert: (v) => YAML.parse(v) },
  CSI_PROVISIONER_TOLERATIONS: { path: 'csi.provisionerTolerations', convert: (v) => YAML.parse(v) },
  ROOK_CSI_CEPH_IMAGE: { path: 'csi.cephcsi.image' },
  ROOK_CSI_REGISTRAR_IMAGE: { path: 'csi.registrar.image' },
  ROOK_CSI_PROVISIONER_IMAGE: { path: 'csi.provisioner.image' },
  ROOK_CSI_SNAPSHOTTER_IMAGE: { path: 'csi.snapshotter.image' },
  ROOK_CSI_ATTACHER_IMAGE: { path: 'csi.attacher.image' },
  ROOK_CSI_RESIZER_IMAGE: { path: 'csi.resizer.image' },
};

/**
 * The bucket provisioner name an operator registers for the CephCluster in `clusterNamespace` with these settings,
 * on the pinned Rook version (pure; also used when the site has no RookOperator construct, with the defaults of
 * upstream's operator.yaml and chart: ROOK_OBC_WATCH_OPERATOR_NAMESPACE "true").
 */
export function obcProvisionerName(v: VersionSet, clusterNamespace: string, settings: { obcWatchOperatorNamespace?: boolean; obcProvisionerNamePrefix?: string } = {}): string {
  const base = 'ceph.rook.io/bucket';
  if (!hasFeature(v, 'obcWatchOperatorNamespace')) return base;
  if (settings.obcProvisionerNamePrefix) return `${settings.obcProvisionerNamePrefix}.${base}`;
  return settings.obcWatchOperatorNamespace === false ? base : `${clusterNamespace}.${base}`;
}
