/**
 * lvmd, the LVM daemon on every storage node, in one of three modes:
 * - `daemonset`: a privileged DaemonSet per node group, each with its lvmd.yaml ConfigMap;
 * - `embedded`: inside topolvm-node (`--embed-lvmd`), reading one ConfigMap;
 * - `systemd`: on the host; `host/lvmd/lvmd.service` and `host/lvmd/lvmd.yaml` are emitted as host artifacts.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { KubeConfigMap, KubeDaemonSet, KubeServiceAccount } from '../../imports/k8s';
import { place } from '../site/layers';
import { dnsLabel, hostPath, nodeSelector, toleration } from '../foundation/props';
import { hasFeature } from '../versions';
import { labelsOf, TopoLVMContext } from './context';
import { DeviceClassConfig, lvmdLegacyFlags, lvmdYaml } from './device-class';
import { TolerationProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { refineUnique } from '../foundation/unique';
import { StorageConstruct } from '../site/storage-construct';

const nodeGroupSchema = z.strictObject({
  name: dnsLabel,
  nodeSelector: nodeSelector.optional(),
  tolerations: z.array(toleration).optional(),
  deviceClasses: z.array(z.string().min(1)).min(1).optional(),
});

/** DaemonSet-only settings, named in the error when combined with systemd mode. */
export const LVMD_DAEMONSET_OPTIONS = ['nodeGroups', 'nodeSelector', 'tolerations', 'priorityClassName'] as const;

export const lvmdSchema = z.strictObject({
  mode: z.enum(['daemonset', 'embedded', 'systemd']).optional(),
  nodeGroups: z.array(nodeGroupSchema).min(1).optional(),
  nodeSelector: nodeSelector.optional(),
  tolerations: z.array(toleration).optional(),
  priorityClassName: z.string().min(1).optional(),
  socketPath: hostPath.regex(/^\/\S+$/, { message: 'must be an absolute path' }).default('/run/topolvm/lvmd.sock'),
  binaryPath: hostPath.regex(/^\/\S+$/, { message: 'must be an absolute path' }).default('/opt/sbin/lvmd'),
}).superRefine((l, ctx) => {
  refineUnique(ctx, l.nodeGroups, (g) => g.name, ['nodeGroups'], ['name'], 'node group', 'each group gets the DaemonSet and ConfigMap "<prefix>-lvmd-<name>", so two groups would collide');
  if (l.mode === 'systemd' || l.mode === 'embedded') {
    for (const k of LVMD_DAEMONSET_OPTIONS) {
      if (l[k] !== undefined) {
        ctx.addIssue({
          code: 'custom', path: [k],
          message: `${k} configures the lvmd DaemonSet, but lvmd mode is "${l.mode}"${l.mode === 'systemd' ? ' (lvmd runs on the host, no DaemonSet is emitted)' : ' (lvmd runs inside topolvm-node)'}`,
          params: { allowed: `${LVMD_DAEMONSET_OPTIONS.join(', ')} only with mode: "daemonset"`, fix: `remove ${k}, or set mode: "daemonset"` },
        });
      }
    }
  }
  if (l.nodeGroups && (l.nodeSelector || l.tolerations)) {
    ctx.addIssue({ code: 'custom', path: ['nodeSelector'], message: 'nodeSelector/tolerations apply to the single default group; with nodeGroups set them per group', params: { allowed: 'nodeGroups[].nodeSelector / nodeGroups[].tolerations', fix: 'move them into the node groups' } });
  }
});

/** A group of nodes with its own lvmd DaemonSet and lvmd.yaml (different disks, taints). */
export interface LvmdNodeGroupProps {
  /** Suffix of the group's DaemonSet and ConfigMap names (DNS-1123 label). */
  readonly name: string;
  /** Node labels of the group's nodes. @default - every node */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations of the group's lvmd pods. @default - none */
  readonly tolerations?: TolerationProps[];
  /** Device classes these nodes have, at least one. @default - every class */
  readonly deviceClasses?: string[];
}

/** lvmd, the LVM daemon of every storage node. The DaemonSet settings are refused in the other modes. */
export interface LvmdProps {
  /** Where lvmd runs: a DaemonSet, embedded in topolvm-node, or on the host under systemd. @default 'daemonset' ('systemd' on releases without lvmd containers) */
  readonly mode?: 'daemonset' | 'embedded' | 'systemd';
  /** DaemonSet mode: one DaemonSet per group of nodes, at least one. @default - one group of every node */
  readonly nodeGroups?: LvmdNodeGroupProps[];
  /** DaemonSet mode without nodeGroups: node labels of the lvmd nodes. @default - every node */
  readonly nodeSelector?: Record<string, string>;
  /** DaemonSet mode without nodeGroups: tolerations of the lvmd pods. @default - none */
  readonly tolerations?: TolerationProps[];
  /** DaemonSet mode: PriorityClass of the lvmd pods. @default - none */
  readonly priorityClassName?: string;
  /** Absolute path of the lvmd socket on the host. @default '/run/topolvm/lvmd.sock' */
  readonly socketPath?: string;
  /** systemd mode: absolute path of the lvmd binary on the host. @default '/opt/sbin/lvmd' */
  readonly binaryPath?: string;
}
const _lvmdProps: PropsMatch<LvmdProps, z.input<typeof lvmdSchema>> = true;
export type LvmdConfig = z.output<typeof lvmdSchema> & { mode: 'daemonset' | 'embedded' | 'systemd' };

/** The lvmd part of a TopoLVM installation. */
export class Lvmd extends StorageConstruct {
  public readonly mode: LvmdConfig['mode'];
  public readonly socketPath: string;

  constructor(scope: Construct, id: string, ctx: TopoLVMContext, cfg: LvmdConfig, classes: readonly DeviceClassConfig[], resourcePrefix: string) {
    super(scope, id);
    this.mode = cfg.mode;
    this.socketPath = cfg.socketPath;
    const withClasses = hasFeature(ctx.versions, 'topolvmDeviceClasses');
    if (cfg.mode === 'systemd') {
      const configPath = '/etc/topolvm/lvmd.yaml';
      const exec = withClasses ? `${cfg.binaryPath} --config=${configPath}` : `${cfg.binaryPath} ${lvmdLegacyFlags(classes[0], cfg.socketPath).join(' ')}`;
      const socketDir = cfg.socketPath.replace(/\/[^/]+$/, '') || '/';
      ctx.site.addArtifact('host/lvmd/lvmd.service', [
        '[Unit]',
        `Description=lvmd for TopoLVM ${ctx.version} (generated for site ${ctx.site.siteName})`,
        'Wants=lvm2-monitor.service',
        'After=lvm2-monitor.service',
        '',
        '[Service]',
        'Type=simple',
        'Restart=on-failure',
        'RestartForceExitStatus=SIGPIPE',
        `ExecStartPre=/bin/mkdir -p ${socketDir}`,
        `ExecStart=${exec}`,
        '',
        '[Install]',
        'WantedBy=multi-user.target',
      ].join('\n'));
      if (withClasses) ctx.site.addArtifact('host/lvmd/lvmd.yaml', lvmdYaml(classes, cfg.socketPath));
      return;
    }
    if (cfg.mode === 'embedded') {
      place(new KubeConfigMap(this, 'ConfigMap', {
        metadata: { name: `${resourcePrefix}-lvmd`, namespace: ctx.namespace, labels: labelsOf('node') },
        data: { 'lvmd.yaml': lvmdYaml(classes) },
      }), 'csi');
      return;
    }
    // daemonset
    place(new KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: `${resourcePrefix}-lvmd`, namespace: ctx.namespace } }), 'csi');
    const groups = cfg.nodeGroups ?? [{ name: 'default', nodeSelector: cfg.nodeSelector, tolerations: cfg.tolerations, deviceClasses: undefined }];
    for (const g of groups) {
      const own = g.deviceClasses ? classes.filter((c) => g.deviceClasses!.includes(c.name)) : classes;
      const name = `${resourcePrefix}-lvmd-${g.name}`;
      const labels = { ...labelsOf('lvmd'), 'topolvm.io/lvmd-group': g.name };
      const yaml = lvmdYaml(own.length === 1 ? [{ ...own[0], default: true }] : own, cfg.socketPath);
      place(new KubeConfigMap(this, `ConfigMap-${g.name}`, { metadata: { name, namespace: ctx.namespace, labels }, data: { 'lvmd.yaml': yaml } }), 'csi');
      const socketDir = cfg.socketPath.replace(/\/[^/]+$/, '');
      place(new KubeDaemonSet(this, `DaemonSet-${g.name}`, {
        metadata: { name, namespace: ctx.namespace, labels },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels, annotations: { 'checksum/config': checksum(yaml) } },
            spec: {
              serviceAccountName: `${resourcePrefix}-lvmd`,
              hostPid: true,
              priorityClassName: cfg.priorityClassName,
              nodeSelector: g.nodeSelector,
              tolerations: g.tolerations,
              containers: [{
                name: 'lvmd',
                image: ctx.image,
                command: ctx.legacyLayout ? ['/lvmd', '--container'] : ['/lvmd', '--config=/etc/topolvm/lvmd.yaml'],
                securityContext: { privileged: true },
                volumeMounts: [
                  { name: 'config', mountPath: '/etc/topolvm' },
                  { name: 'lvmd-socket-dir', mountPath: socketDir },
                  ...(ctx.legacyLayout ? [] : [{ name: 'devices-dir', mountPath: '/dev' }]),
                ],
              }],
              volumes: [
                { name: 'config', configMap: { name } },
                { name: 'lvmd-socket-dir', hostPath: { path: socketDir, type: 'DirectoryOrCreate' } },
                ...(ctx.legacyLayout ? [] : [{ name: 'devices-dir', hostPath: { path: '/dev', type: 'Directory' } }]),
              ],
            },
          },
        },
      }), 'csi');
    }
  }
}

/** Stable short hash of a string (FNV-1a), for the config-rollout annotation. */
export function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
