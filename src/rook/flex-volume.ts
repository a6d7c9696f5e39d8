/**
 * The legacy FlexVolume driver of Rook (≤ 1.7): operator settings plus the kubelet side as host artifacts.
 *
 * The operator settings are computed by the pure {@link computeFlexSettings} and then applied to an operator
 * ({@link IRookOperatorSettings}: ConfigMap keys / Deployment env in vendored mode, chart values in Helm mode).
 * Without an operator the construct renders them itself: on Rook 1.6–1.7 the `rook-ceph-operator-config`
 * ConfigMap with `ROOK_ENABLE_FLEX_DRIVER`, and the Deployment env vars as a host note, because the env of a
 * Deployment this site does not own cannot be set by GitOps.
 */
import { ApiObject } from 'cdk8s';
import { KubeConfigMap } from '../../imports/k8s';
import { Construct } from 'constructs';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { place } from '../site/layers';
import { ensureNamespace } from '../site/namespace';
import { requirePodSecurity } from '../site/pod-security';
import { dnsLabel, dnsName, labelKeyedRecord, toleration } from '../foundation/props';
import { invisibleCharacter } from '../foundation/k8s-rules';
import { Site } from '../site/site';
import { hasFeature, requireFeature, RookVersion } from '../versions';
import { IRookOperatorSettings, isRookOperatorSettings } from './operator-settings';
import { TolerationProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { StorageConstruct } from '../site/storage-construct';

/** Where the kubelet looks for FlexVolume drivers, per platform (Rook `Documentation/flexvolume.md`, v1.7.11). */
export const FLEX_PLATFORMS = ['kubelet-default', 'kubespray-pre-2.11', 'kubespray', 'rke', 'gke', 'aks', 'openshift', 'custom'] as const;
export type FlexPlatform = (typeof FLEX_PLATFORMS)[number];

/** The kubelet's own default `--volume-plugin-dir`. */
export const KUBELET_DEFAULT_FLEX_DIR = '/usr/libexec/kubernetes/kubelet-plugins/volume/exec';

/** Preset paths (no trailing slash). `undefined`: no fixed path, `flexVolumeDirPath` is required. */
export const FLEX_PRESET_PATHS: Readonly<Record<FlexPlatform, string | undefined>> = {
  'kubelet-default': KUBELET_DEFAULT_FLEX_DIR,
  /** kubespray before v2.11.0: `kubelet_flexvolumes_plugins_dir` defaulted to this */
  'kubespray-pre-2.11': '/var/lib/kubelet/volume-plugins',
  /** kubespray v2.11.0 and later use the kubelet default (kubespray PR #4752) */
  'kubespray': KUBELET_DEFAULT_FLEX_DIR,
  /** RKE: the kubelet runs in a container, so the path needs extra_args and an extra_bind */
  'rke': KUBELET_DEFAULT_FLEX_DIR,
  'gke': '/home/kubernetes/flexvolume',
  'aks': '/etc/kubernetes/volumeplugins',
  /** version-specific; no fixed path */
  'openshift': undefined,
  'custom': undefined,
};

/** Platforms whose kubelet is managed by the provider: the path is fixed and cannot be overridden. */
const MANAGED_KUBELET: readonly FlexPlatform[] = ['gke', 'aks'];

const hostPath = z.string().superRefine((s, ctx) => {
  let why: string | undefined;
  const invisible = invisibleCharacter(s);
  if (invisible) why = `the path contains the invisible character ${invisible}`;
  else if (s.trim() === '') why = 'the path is empty';
  else if (!s.startsWith('/')) why = 'the path is relative; the operator and the kubelet resolve it differently';
  else if (/\s/.test(s)) why = 'the path contains whitespace';
  else if (s.split('/').includes('..')) why = 'the path contains ".."';
  else if (s.replace(/\/+$/, '') === '') why = 'the path is the root directory';
  if (why) {
    ctx.addIssue({
      code: 'custom', message: `not a usable host directory: ${why}`,
      params: { allowed: `an absolute host directory, e.g. "${KUBELET_DEFAULT_FLEX_DIR}"`, fix: 'give the absolute directory your kubelet scans (its --volume-plugin-dir)' },
    });
  }
});

const agentSchema = z.strictObject({
  tolerations: z.array(toleration).optional(),
  toleration: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationKey: z.string().min(1).optional(),
  nodeAffinity: labelKeyedRecord(z.array(z.string().min(1))).optional(),
  mountSecurityMode: z.enum(['Any', 'Restricted']).optional(),
  mounts: z.array(z.strictObject({ name: dnsLabel, hostPath: hostPath, containerPath: hostPath })).optional(),
  priorityClassName: dnsName.optional(),
});

export const flexVolumeSchema = z.strictObject({
  operator: z.custom<IRookOperatorSettings>(isRookOperatorSettings, { message: 'not a Rook operator (IRookOperatorSettings)' }).optional(),
  operatorNamespace: dnsLabel.optional(),
  enabled: z.boolean().default(true),
  platform: z.enum(FLEX_PLATFORMS).optional(),
  flexVolumeDirPath: hostPath.optional(),
  libModulesDirPath: hostPath.optional(),
  agent: agentSchema.optional(),
}).superRefine((p, ctx) => {
  if (p.enabled && !p.platform) {
    ctx.addIssue({ code: 'custom', path: ['platform'], message: 'the platform is required: it decides the FlexVolume plugin directory', params: { allowed: FLEX_PLATFORMS.map((x) => `"${x}"`).join(', '), fix: 'set platform to how your nodes were installed, e.g. "kubespray-pre-2.11"' } });
  }
  if (p.platform && FLEX_PRESET_PATHS[p.platform] === undefined && p.flexVolumeDirPath === undefined) {
    ctx.addIssue({
      code: 'custom', path: ['flexVolumeDirPath'],
      message: `platform "${p.platform}" has no fixed FlexVolume directory, so flexVolumeDirPath is required`,
      params: { allowed: 'the absolute directory your kubelet runs with as --volume-plugin-dir', fix: 'read it on a node (ps -o args= -C kubelet, look for --volume-plugin-dir) and set flexVolumeDirPath to it' },
    });
  }
  if (p.platform && MANAGED_KUBELET.includes(p.platform) && p.flexVolumeDirPath !== undefined
    && normalizeDir(p.flexVolumeDirPath) !== FLEX_PRESET_PATHS[p.platform]) {
    ctx.addIssue({
      code: 'custom', path: ['flexVolumeDirPath'],
      message: `on ${p.platform} the kubelet already runs with --volume-plugin-dir=${FLEX_PRESET_PATHS[p.platform]}; another directory is never scanned`,
      params: { allowed: `"${FLEX_PRESET_PATHS[p.platform]}" or unset`, fix: 'remove flexVolumeDirPath' },
    });
  }
  if (p.agent?.tolerationKey && !p.agent.toleration) {
    ctx.addIssue({ code: 'custom', path: ['agent', 'tolerationKey'], message: 'tolerationKey only narrows agent.toleration, which is not set', params: { allowed: 'tolerationKey together with toleration', fix: 'set agent.toleration (e.g. "NoSchedule") or use agent.tolerations' } });
  }
});

/** A host directory mounted into the flex agent pods. */
export interface FlexAgentMountProps {
  /** Name of the mount (DNS-1123 label). */
  readonly name: string;
  /** Absolute directory on the host. */
  readonly hostPath: string;
  /** Absolute directory in the agent container. */
  readonly containerPath: string;
}

/** Settings of the `rook-ceph-agent` DaemonSet (the flex driver on every node). */
export interface FlexAgentProps {
  /** Tolerations of the agent pods (AGENT_TOLERATIONS). @default - none */
  readonly tolerations?: TolerationProps[];
  /** Tolerate every taint with this effect (AGENT_TOLERATION). @default - none */
  readonly toleration?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** Limit `toleration` to taints with this key (AGENT_TOLERATION_KEY); needs `toleration`. @default - every key */
  readonly tolerationKey?: string;
  /**
   * Node labels the agent pods need (AGENT_NODE_AFFINITY): label key -> allowed values, an empty list meaning
   * "the label exists"; rendered as `key=v1,v2; key2`. @default - every node
   */
  readonly nodeAffinity?: Record<string, string[]>;
  /** 'Any' falls back to admin credentials; 'Restricted' needs mountUser/mountSecret per volume (AGENT_MOUNT_SECURITY_MODE). @default - Rook's default ('Any') */
  readonly mountSecurityMode?: 'Any' | 'Restricted';
  /** Extra host directories mounted into the agent (AGENT_MOUNTS). @default - none */
  readonly mounts?: FlexAgentMountProps[];
  /** PriorityClass of the agent pods (AGENT_PRIORITY_CLASS_NAME). @default - none */
  readonly priorityClassName?: string;
}

/** Props of {@link FlexVolume}. */
export interface FlexVolumeProps {
  /** The operator the settings go to. @default - none: the settings are rendered on their own (see the class doc) */
  readonly operator?: IRookOperatorSettings;
  /** Namespace of the operator when no `operator` is given. @default 'rook-ceph' (with `operator`: its namespace) */
  readonly operatorNamespace?: string;
  /** Run the flex agent and provisioner (ROOK_ENABLE_FLEX_DRIVER). @default true */
  readonly enabled?: boolean;
  /** How the nodes were installed; fixes FLEXVOLUME_DIR_PATH. Required when enabled. @default - none */
  readonly platform?: FlexPlatform;
  /** FLEXVOLUME_DIR_PATH, the kubelet's --volume-plugin-dir: required for 'custom' and 'openshift', replaces the preset elsewhere (not on 'gke' / 'aks'). @default - the platform's preset */
  readonly flexVolumeDirPath?: string;
  /** LIB_MODULES_DIR_PATH: the host's kernel modules. @default - Rook's default ('/lib/modules') */
  readonly libModulesDirPath?: string;
  /** Agent DaemonSet settings. @default - none */
  readonly agent?: FlexAgentProps;
}
const _flexVolumeProps: PropsMatch<FlexVolumeProps, z.input<typeof flexVolumeSchema>> = true;
const _flexAgentProps: PropsMatch<FlexAgentProps, z.input<typeof agentSchema>> = true;
type FlexConfig = z.output<typeof flexVolumeSchema>;

/** Operator settings of the FlexVolume driver for one Rook version. */
export interface FlexSettings {
  /** keys of `rook-ceph-operator-config` (Rook 1.6–1.7) */
  readonly configMap: Record<string, string>;
  /** env vars of the operator Deployment */
  readonly env: Record<string, string>;
  /** values of the `rook-ceph` chart of the same release (`enableFlexDriver`, `agent.*`) */
  readonly helmValues: { enableFlexDriver: boolean; agent?: Record<string, unknown> };
}

/** Strips trailing slashes ("/a/b/" → "/a/b"). */
export function normalizeDir(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s === '' ? '/' : s;
}

/** The flex directory the settings resolve to, or undefined when disabled. */
export function flexDirOf(config: Pick<FlexConfig, 'platform' | 'flexVolumeDirPath'>): string | undefined {
  if (config.flexVolumeDirPath !== undefined) return normalizeDir(config.flexVolumeDirPath);
  return config.platform ? FLEX_PRESET_PATHS[config.platform] : undefined;
}

/**
 * Computes the FlexVolume operator settings for a Rook version. Pure; throws ConfigError on Rook ≥ 1.8.
 * @param props FlexVolume props (parsed here, so defaults and checks apply)
 * @param path construct path for messages
 */
export function computeFlexSettings(rook: RookVersion, props: FlexVolumeProps, path = 'FlexVolume'): FlexSettings {
  const versions = { kubernetes: '0.0.0', rook };
  requireFeature(versions, 'flexVolume', path,
    'Rook 1.7.x (v1.7.11 here) is the last release with FlexVolume: pin rookVersion "1.7.11" for flex volumes, or convert them to CSI (CephRbdStorageClass) before upgrading to 1.8');
  const p = parseProps(path, flexVolumeSchema, props);
  const enabled = p.enabled ? 'true' : 'false';
  const configMap: Record<string, string> = {};
  const env: Record<string, string> = {};
  if (hasFeature(versions, 'flexEnableInConfigMap')) configMap.ROOK_ENABLE_FLEX_DRIVER = enabled;
  else env.ROOK_ENABLE_FLEX_DRIVER = enabled;
  const helmValues: FlexSettings['helmValues'] = { enableFlexDriver: p.enabled };
  if (!p.enabled) return { configMap, env, helmValues };

  const agent: Record<string, unknown> = {};
  const set = (envName: string, helmKey: string, envValue: string | undefined, helmValue: unknown = envValue) => {
    if (envValue === undefined) return;
    env[envName] = envValue;
    agent[helmKey] = helmValue;
  };
  const a = p.agent ?? {};
  set('FLEXVOLUME_DIR_PATH', 'flexVolumeDirPath', flexDirOf(p));
  set('LIB_MODULES_DIR_PATH', 'libModulesDirPath', p.libModulesDirPath !== undefined ? normalizeDir(p.libModulesDirPath) : undefined);
  set('AGENT_TOLERATION', 'toleration', a.toleration);
  set('AGENT_TOLERATION_KEY', 'tolerationKey', a.tolerationKey);
  set('AGENT_TOLERATIONS', 'tolerations', a.tolerations && a.tolerations.length > 0 ? stringifyKubeYaml(a.tolerations, { lineWidth: 0 }) : undefined, a.tolerations);
  set('AGENT_NODE_AFFINITY', 'nodeAffinity', a.nodeAffinity && Object.keys(a.nodeAffinity).length > 0
    ? Object.entries(a.nodeAffinity).map(([k, vs]) => (vs.length ? `${k}=${vs.join(',')}` : k)).join('; ')
    : undefined);
  set('AGENT_MOUNT_SECURITY_MODE', 'mountSecurityMode', a.mountSecurityMode);
  set('AGENT_MOUNTS', 'mounts', a.mounts && a.mounts.length > 0 ? a.mounts.map((m) => `${m.name}=${m.hostPath}:${m.containerPath}`).join(',') : undefined);
  set('AGENT_PRIORITY_CLASS_NAME', 'priorityClassName', a.priorityClassName);
  helmValues.agent = agent;
  return { configMap, env, helmValues };
}

/** Flattens chart values one level below `agent` into dotted paths for `setHelmValue`. */
export function helmValuePaths(values: FlexSettings['helmValues']): [string, unknown][] {
  const out: [string, unknown][] = [['enableFlexDriver', values.enableFlexDriver]];
  for (const [k, v] of Object.entries(values.agent ?? {})) out.push([`agent.${k}`, v]);
  return out;
}

/**
 * FlexVolume settings of a site's Rook operator (Rook ≤ 1.7 only), plus the kubelet side as host artifacts
 * under `host/`. One per site.
 */
export class FlexVolume extends StorageConstruct {
  public readonly settings: FlexSettings;
  public readonly enabled: boolean;
  /** The FlexVolume plugin directory (no trailing slash), when enabled. */
  public readonly flexDir?: string;
  public readonly platform?: FlexPlatform;
  public readonly operatorNamespace: string;
  /** The ConfigMap rendered when no operator is given (Rook 1.6–1.7). */
  public readonly operatorConfigMap?: ApiObject;
  private readonly config: FlexConfig;

  constructor(scope: Construct, id: string, props: FlexVolumeProps) {
    super(scope, id);
    const site = Site.of(this);
    const rook = site.requireRook(this.node.path);
    this.settings = computeFlexSettings(rook, props, this.node.path);
    const p = parseProps(this.node.path, flexVolumeSchema, props);
    requireSameSite(this, 'operator', p.operator, 'Rook operator');
    this.config = p;
    this.enabled = p.enabled;
    this.platform = p.platform;
    this.flexDir = p.enabled ? flexDirOf(p) : undefined;

    const others = site.findAll(FlexVolume).filter((f) => f !== this);
    if (others.length > 0) {
      throw new ConfigError({ path: this.node.path, problem: `the site already has FlexVolume settings (${others[0].node.path}); an operator has one FlexVolume configuration`, fix: 'keep one FlexVolume per site' });
    }
    if (p.operator && p.operatorNamespace && p.operator.namespace !== p.operatorNamespace) {
      throw new ConfigError({
        path: `${this.node.path}: operatorNamespace`,
        problem: `operatorNamespace "${p.operatorNamespace}" differs from the namespace of the given operator`,
        value: p.operatorNamespace, allowed: `"${p.operator.namespace}" or unset`, fix: 'remove operatorNamespace (it is taken from the operator)',
      });
    }
    this.operatorNamespace = p.operator?.namespace ?? p.operatorNamespace ?? 'rook-ceph';

    if (p.operator) {
      applyFlexSettings(p.operator, this.settings);
    } else if (Object.keys(this.settings.configMap).length > 0) {
      // Standalone on Rook 1.6–1.7: the ConfigMap the operator reads ROOK_ENABLE_FLEX_DRIVER from.
      ensureNamespace(site, this.operatorNamespace);
      // the operator installed elsewhere runs the flex agent and the CSI node plugins in this namespace
      requirePodSecurity(site, this.operatorNamespace, { level: 'privileged', who: this.node.path, why: 'the Rook operator of this namespace runs the FlexVolume agent and the Ceph CSI node plugins with hostPath volumes and privileged containers' });
      this.operatorConfigMap = place(new KubeConfigMap(this, 'OperatorConfig', {
        metadata: { name: 'rook-ceph-operator-config', namespace: this.operatorNamespace },
        data: { ...this.settings.configMap },
      }), 'operator');
    }

    for (const a of flexHostArtifacts({ site: site.siteName, rook, config: p, settings: this.settings, operatorNamespace: this.operatorNamespace, standalone: !p.operator, installMode: p.operator?.installMode })) {
      site.addArtifact(a.path, a.content);
    }
  }
}

/** Applies computed settings to an operator in its install mode. */
export function applyFlexSettings(operator: IRookOperatorSettings, settings: FlexSettings): void {
  if (operator.installMode === 'helm') {
    for (const [k, v] of helmValuePaths(settings.helmValues)) operator.setHelmValue(k, v);
    return;
  }
  for (const [k, v] of Object.entries(settings.configMap)) operator.setConfigMapKey(k, v);
  for (const [k, v] of Object.entries(settings.env)) operator.setEnv(k, v);
}

interface HostArtifactInput {
  readonly site: string;
  readonly rook: RookVersion;
  readonly config: FlexConfig;
  readonly settings: FlexSettings;
  readonly operatorNamespace: string;
  readonly standalone: boolean;
  /** install mode of the operator the settings were applied to */
  readonly installMode?: 'helm' | 'vendored';
}

/** The kubelet-side files for the chosen platform, plus `host/FLEXVOLUME.md` that explains them. */
export function flexHostArtifacts(i: HostArtifactInput): { path: string; content: string }[] {
  const out: { path: string; content: string }[] = [];
  const dir = i.config.enabled ? flexDirOf(i.config) : undefined;
  const md: string[] = [`# FlexVolume on site ${i.site} (Rook v${i.rook})`, ''];
  if (!dir) {
    md.push('The FlexVolume driver is disabled (`ROOK_ENABLE_FLEX_DRIVER: "false"`). Nothing to do on the nodes.');
  } else {
    const platform = i.config.platform!;
    md.push(
      `Every node's kubelet must scan \`${dir}\` for FlexVolume drivers (\`--volume-plugin-dir=${dir}\`), and the Rook`,
      'agent installs its driver there. A directory the kubelet does not scan leaves every flex volume in',
      '`FailedMount` with "no volume plugin matched". Host files cannot be synced by GitOps: apply this by hand or',
      'with your node provisioning.',
      '',
      `## 1. Kubelet (platform \`${platform}\`)`,
      '',
    );
    switch (platform) {
      case 'kubespray-pre-2.11':
      case 'kubespray': {
        out.push({ path: 'host/kubespray-flexvolume.yml', content: `# kubespray inventory group_vars (generated for site ${i.site})\nkubelet_flexvolumes_plugins_dir: ${dir}\n` });
        md.push(
          `Kubespray sets the flag from \`kubelet_flexvolumes_plugins_dir\`. Merge \`host/kubespray-flexvolume.yml\` into your`,
          'inventory (`group_vars/k8s-cluster/k8s-cluster.yml`; `k8s_cluster` in newer kubespray) and run `cluster.yml`',
          '(or `upgrade-cluster.yml`) so every kubelet restarts with it.',
          platform === 'kubespray-pre-2.11'
            ? `Before v2.11.0 kubespray defaulted this variable to \`${FLEX_PRESET_PATHS['kubespray-pre-2.11']}\`; setting it explicitly keeps the path when you later upgrade kubespray (v2.11.0 changed the default to \`${KUBELET_DEFAULT_FLEX_DIR}\`).`
            : `From v2.11.0 kubespray uses the kubelet default \`${KUBELET_DEFAULT_FLEX_DIR}\`; if that is read-only on your OS, use platform "custom" with \`/var/lib/kubelet/volumeplugins\`.`,
        );
        break;
      }
      case 'rke': {
        out.push({
          path: 'host/rke-cluster-flexvolume.yml',
          content: `# merge into RKE cluster.yml (generated for site ${i.site}), then run \`rke up\`\n${stringifyKubeYaml({ services: { kubelet: { extra_args: { 'volume-plugin-dir': dir }, extra_binds: [`${dir}:${dir}`] } } }, { lineWidth: 0 })}`,
        });
        md.push(
          'RKE runs the kubelet in a container: it needs the flag in `services.kubelet.extra_args` **and** the same host',
          'directory bind-mounted with `extra_binds`, or the kubelet scans an empty directory inside its container.',
          'Merge `host/rke-cluster-flexvolume.yml` into `cluster.yml` and run `rke up`.',
        );
        break;
      }
      case 'gke':
      case 'aks':
        md.push(`The ${platform === 'gke' ? 'GKE (COS)' : 'AKS'} kubelet already runs with \`--volume-plugin-dir=${dir}\`. Nothing to change on the nodes.`);
        break;
      default: {
        out.push({ path: 'host/kubelet-flexvolume.env', content: `# kubelet extra args (generated for site ${i.site}); e.g. /etc/default/kubelet or /etc/sysconfig/kubelet\nKUBELET_EXTRA_ARGS=--volume-plugin-dir=${dir}\n` });
        md.push(
          `Start every kubelet with \`--volume-plugin-dir=${dir}\` and restart it:`,
          '- kubeadm: `nodeRegistration.kubeletExtraArgs: { volume-plugin-dir: "' + dir + '" }`, or the line in',
          '  `host/kubelet-flexvolume.env` in `/etc/default/kubelet` (Debian/Ubuntu) or `/etc/sysconfig/kubelet` (RPM);',
          '- a systemd unit you manage: add the flag to `ExecStart` and `systemctl daemon-reload && systemctl restart kubelet`;',
          '- a containerized kubelet: also bind-mount the directory into the kubelet container.',
        );
        if (platform === 'kubelet-default' && dir === KUBELET_DEFAULT_FLEX_DIR) {
          md.push('', 'This is the kubelet default: without any flag the kubelet already scans it, provided the directory is writable.');
        }
        if (platform === 'openshift') md.push('', 'OpenShift: the directory is version-specific; set it the way your OpenShift release documents for FlexVolume.');
      }
    }
  }

  md.push('', '## 2. Operator', '');
  const envLines = Object.entries(i.settings.env).map(([k, v]) => `        - name: ${k}\n          value: ${JSON.stringify(v)}`);
  if (!i.standalone) {
    if (i.installMode === 'helm') {
      md.push(
        `The site's Rook operator is installed from the Helm chart; these values are part of its release (the Argo CD`,
        `Application, the Flux HelmRelease, or \`helm/rook-ceph-values.yaml\` for plain sites):`,
        '',
        '```yaml',
        stringifyKubeYaml(i.settings.helmValues).trimEnd(),
        '```',
      );
    } else {
      const cm = Object.entries(i.settings.configMap).map(([k, v]) => `- \`${k}: ${JSON.stringify(v)}\` in ConfigMap \`rook-ceph-operator-config\``);
      const env = Object.entries(i.settings.env).map(([k, v]) => `- env \`${k}=${JSON.stringify(v)}\` on Deployment \`rook-ceph-operator\``);
      md.push(`The site's vendored Rook operator manifests are patched with (namespace \`${i.operatorNamespace}\`):`, '', ...cm, ...env);
    }
  } else {
    if (Object.keys(i.settings.configMap).length > 0) {
      md.push(
        `\`ROOK_ENABLE_FLEX_DRIVER: "true"\` is in the synced ConfigMap \`rook-ceph-operator-config\` (namespace \`${i.operatorNamespace}\`).`,
        'The upstream `operator.yaml` of this release holds the same ConfigMap with `"false"`: set it to `"true"` there as well',
        '(or leave that ConfigMap out when you apply it), or the two appliers keep overwriting each other.',
        '',
      );
    }
    if (envLines.length > 0) {
      md.push(
        `The operator Deployment \`rook-ceph-operator\` (namespace \`${i.operatorNamespace}\`) must carry these env vars;`,
        'this site does not manage the operator, so add them to the operator manifest you apply:',
        '',
        '```yaml',
        ...envLines,
        '```',
        '',
        ...(i.settings.env.ROOK_ENABLE_FLEX_DRIVER !== undefined
          ? ['The upstream `operator.yaml` of this release sets `ROOK_ENABLE_FLEX_DRIVER` to `"false"`: change that entry rather than adding a second one.', '']
          : []),
        `With Helm instead: \`${JSON.stringify(i.settings.helmValues)}\`.`,
      );
    }
  }
  if (dir) {
    md.push(
      '',
      'The operator takes `volumePluginDir` from the kubelet configz of its own node first and uses `FLEXVOLUME_DIR_PATH`',
      'only when that is empty (then the kubelet default), so the kubelet flag (section 1) is what really counts.',
      '',
      '## 3. Verify',
      '',
      '```sh',
      '# on every node: the flag the kubelet runs with',
      'ps -o args= -C kubelet | tr " " "\\n" | grep volume-plugin-dir',
      '# through the API (volumePluginDir of the kubelet config, when exposed)',
      'kubectl get --raw /api/v1/nodes/<node>/proxy/configz | grep -o \'"volumePluginDir":"[^"]*"\'',
      `# after the agent runs: its driver directory exists on every node`,
      `ls ${dir}/ceph.rook.io~${i.operatorNamespace}/`,
      `kubectl -n ${i.operatorNamespace} get daemonset rook-ceph-agent`,
      '```',
      '',
      'A pod stuck in `ContainerCreating` with `FailedMount ... no volume plugin matched` means the kubelet scans another',
      'directory than the agent wrote to: compare the two paths above.',
    );
  }
  out.push({ path: 'host/FLEXVOLUME.md', content: md.join('\n') + '\n' });
  return out;
}
