import { ApiObject } from 'cdk8s';
import { KubeClusterRole, KubeClusterRoleBinding, KubeRole, KubeRoleBinding, KubeServiceAccount } from '../../imports/k8s';
import { DriverSpec, OperatorConfigSpec } from '../../imports/csi.ceph.io';
import { Driver, OperatorConfig } from './bindings';
import { asL1 } from './l1';
import { csiDriverServiceAccounts, rookLineFacts } from '../model/rook-facts';
import { Construct } from 'constructs';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { place } from '../site/layers';
import { dnsName, hostPath, image, labelKeyedRecord, toleration } from '../foundation/props';
import { Site } from '../site/site';
import { CsiConfigStyle, Feature, requireFeature } from '../versions';
import { CSI_IMAGE_SET_CONFIGMAP, RookOperator } from './rook-operator';
import { TolerationProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { StorageConstruct } from '../site/storage-construct';


/** Node placement of a CSI component: label key -> allowed values (required node affinity), tolerations, priority class. */
const pluginPlacement = z.strictObject({
  nodeAffinity: labelKeyedRecord(z.array(z.string().min(1)).min(1)).optional(),
  tolerations: z.array(toleration).optional(),
  priorityClassName: dnsName.optional(),
});

const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'] as const;
const FS_GROUP_POLICY_ALLOWED = `one of ${FS_GROUP_POLICIES.map((x) => `"${x}"`).join(', ')} for every driver, or per driver: { rbd, cephfs, nfs }`;
// a string checked by hand (not z.enum), so that a bad value inside the union below is named with the allowed values
const fsGroupPolicyValue = z.string().superRefine((s, ctx) => {
  if (!(FS_GROUP_POLICIES as readonly string[]).includes(s)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not an fsGroupPolicy`, params: { allowed: FS_GROUP_POLICY_ALLOWED, fix: 'use "File" (the kubelet applies fsGroup), "None" or "ReadWriteOnceWithFSType"' } });
  }
}) as unknown as z.ZodType<(typeof FS_GROUP_POLICIES)[number], (typeof FS_GROUP_POLICIES)[number]>;
/** fsGroupPolicy per driver (upstream's v1.7.11 operator.yaml sets RBD and CephFS differently). */
const fsGroupPolicyPerDriver = z.strictObject({
  rbd: fsGroupPolicyValue.optional(),
  cephfs: fsGroupPolicyValue.optional(),
  nfs: fsGroupPolicyValue.optional(),
});

export const cephCsiSchema = z.strictObject({
  operator: z.lazy(() => z.instanceof(RookOperator)),
  drivers: z.strictObject({
    rbd: z.boolean().default(true),
    cephfs: z.boolean().default(true),
    nfs: z.boolean().default(false),
  }).default({ rbd: true, cephfs: true, nfs: false }),
  logVerbosity: z.number().int().min(0).max(5).optional(),
  fsGroupPolicy: z.union([fsGroupPolicyValue, fsGroupPolicyPerDriver], {
    error: () => `not an fsGroupPolicy (allowed: ${FS_GROUP_POLICY_ALLOWED})`,
  }).optional(),
  cephFsClientType: z.enum(['kernel', 'autodetect']).optional(),
  kubeletDirPath: hostPath.regex(/^\/\S*$/, { message: 'must be an absolute path' }).optional(),
  provisionerReplicas: z.number().int().min(1).max(5).optional(),
  deployCsiAddons: z.boolean().optional(),
  nodePlugin: pluginPlacement.optional(),
  controllerPlugin: pluginPlacement.optional(),
  images: z.strictObject({
    provisioner: image.optional(),
    attacher: image.optional(),
    resizer: image.optional(),
    snapshotter: image.optional(),
    registrar: image.optional(),
    plugin: image.optional(),
    addons: image.optional(),
  }).optional(),
});

/** The CSI drivers to run. */
export interface CephCsiDriversProps {
  /** The RBD (block) driver. @default true */
  readonly rbd?: boolean;
  /** The CephFS driver. @default true */
  readonly cephfs?: boolean;
  /** The NFS driver (opt-in). @default false */
  readonly nfs?: boolean;
}

/** The fsGroupPolicy of a CSIDriver: how the kubelet applies a pod's fsGroup to the volume. */
export type CephCsiFsGroupPolicy = 'File' | 'None' | 'ReadWriteOnceWithFSType';

/** fsGroupPolicy per driver; a driver left out keeps the release's. */
export interface CephCsiFsGroupPolicyProps {
  /** The RBD driver (CSI_RBD_FSGROUPPOLICY on Rook ≤ 1.17). @default - the release's ('ReadWriteOnceWithFSType' in v1.7.11's operator.yaml, 'File' on Rook 1.18+) */
  readonly rbd?: CephCsiFsGroupPolicy;
  /** The CephFS driver (CSI_CEPHFS_FSGROUPPOLICY on Rook ≤ 1.17). @default - the release's ('None' in v1.7.11's operator.yaml, 'File' on Rook 1.18+) */
  readonly cephfs?: CephCsiFsGroupPolicy;
  /** The NFS driver (Rook 1.9+). @default - the release's ('File') */
  readonly nfs?: CephCsiFsGroupPolicy;
}

/** Where the pods of a CSI component run. */
export interface CephCsiPluginPlacementProps {
  /** Required node affinity: node label key -> allowed values; a node needs every key with one of its values. @default - any node */
  readonly nodeAffinity?: Record<string, string[]>;
  /** Tolerations of the pods. @default - none */
  readonly tolerations?: TolerationProps[];
  /** PriorityClass of the pods. @default 'system-node-critical' for the node plugin, 'system-cluster-critical' for the provisioner (Rook 1.18+) */
  readonly priorityClassName?: string;
}

/** Container images of the CSI image set; each replaces the release's image. */
export interface CephCsiImagesProps {
  /** csi-provisioner sidecar. @default - the release's */
  readonly provisioner?: string;
  /** csi-attacher sidecar. @default - the release's */
  readonly attacher?: string;
  /** csi-resizer sidecar. @default - the release's */
  readonly resizer?: string;
  /** csi-snapshotter sidecar. @default - the release's */
  readonly snapshotter?: string;
  /** csi-node-driver-registrar sidecar. @default - the release's */
  readonly registrar?: string;
  /** The ceph-csi plugin. @default - the release's */
  readonly plugin?: string;
  /** The CSI-Addons sidecar. @default - the release's */
  readonly addons?: string;
}

/** Props of {@link CephCsi}. */
export interface CephCsiProps {
  /** The site's RookOperator; on Rook <= 1.17 the CSI settings are operator settings. */
  readonly operator: RookOperator;
  /** Which drivers run. @default { rbd: true, cephfs: true, nfs: false } */
  readonly drivers?: CephCsiDriversProps;
  /** Log verbosity of the CSI containers, 0..5. @default 0 */
  readonly logVerbosity?: number;
  /**
   * fsGroupPolicy of the CSIDriver objects: one for every driver (as before), or per driver
   * (`{ rbd: 'ReadWriteOnceWithFSType', cephfs: 'File' }`). @default 'File' (Rook 1.18+); the release's on Rook ≤ 1.17
   */
  readonly fsGroupPolicy?: CephCsiFsGroupPolicy | CephCsiFsGroupPolicyProps;
  /** CephFS client: 'kernel' always uses the kernel client, 'autodetect' lets ceph-csi pick. @default 'kernel' */
  readonly cephFsClientType?: 'kernel' | 'autodetect';
  /** Root directory of the kubelet on the nodes, an absolute path. @default '/var/lib/kubelet' */
  readonly kubeletDirPath?: string;
  /** Replicas of the provisioner (controller plugin), 1..5. @default 2 */
  readonly provisionerReplicas?: number;
  /** Run the CSI-Addons sidecar (fencing, reclaim space). @default false */
  readonly deployCsiAddons?: boolean;
  /** Placement of the node plugin DaemonSet. @default - every node */
  readonly nodePlugin?: CephCsiPluginPlacementProps;
  /** Placement of the controller plugin (provisioner). @default - any node */
  readonly controllerPlugin?: CephCsiPluginPlacementProps;
  /** Image overrides. @default - the release's images */
  readonly images?: CephCsiImagesProps;
}
const _cephCsiProps: PropsMatch<CephCsiProps, z.input<typeof cephCsiSchema>> = true;
const _cephCsiFsGroupPolicy: PropsMatch<CephCsiFsGroupPolicyProps, z.input<typeof fsGroupPolicyPerDriver>> = true;
const _cephCsiPlacement: PropsMatch<CephCsiPluginPlacementProps, z.input<typeof pluginPlacement>> = true;

/** Settings as the pinned Rook version reads them. */
export interface CsiRenderedSettings {
  readonly style: CsiConfigStyle;
  /** `rook-ceph-operator-config` keys (Rook 1.6 .. 1.17) */
  readonly configMapKeys: Readonly<Record<string, string>>;
  /** operator Deployment environment (Rook <= 1.5) */
  readonly env: Readonly<Record<string, string>>;
}

/** Keys of the image set and their ROOK_CSI_* operator setting names (Rook <= 1.17). */
const LEGACY_IMAGE_KEYS: Record<string, string | undefined> = {
  plugin: 'ROOK_CSI_CEPH_IMAGE',
  registrar: 'ROOK_CSI_REGISTRAR_IMAGE',
  provisioner: 'ROOK_CSI_PROVISIONER_IMAGE',
  snapshotter: 'ROOK_CSI_SNAPSHOTTER_IMAGE',
  attacher: 'ROOK_CSI_ATTACHER_IMAGE',
  resizer: 'ROOK_CSI_RESIZER_IMAGE',
  addons: undefined,
};

function legacyAffinity(a: Record<string, string[]>): string {
  return Object.keys(a).sort().map((k) => `${k}=${a[k].join(',')}`).join('; ');
}

function k8sAffinity(a: Record<string, string[]>): any {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: Object.keys(a).sort().map((k) => ({ key: k, operator: 'In', values: a[k] })) }],
      },
    },
  };
}

/**
 * Ceph CSI for the pinned Rook version.
 *
 * - Rook 1.18+: ceph-csi-operator resources: `OperatorConfig` (driverSpecDefaults), one `Driver` per driver
 *   named as the provisioner StorageClasses use (`<operatorNamespace>.rbd.csi.ceph.com`, ...), and the image set
 *   (the `rook-csi-operator-image-set-configmap` ConfigMap, carried by the operator install).
 * - Rook 1.6 .. 1.17: the same settings as `rook-ceph-operator-config` keys.
 * - Rook <= 1.5: the same settings as operator environment variables.
 *
 * A setting the pinned version lacks is an error naming the versions that have it.
 */
export class CephCsi extends StorageConstruct {
  public readonly operator: RookOperator;
  /** Driver (= provisioner) names this construct runs. */
  public readonly driverNames: readonly string[];
  public readonly settings: CsiRenderedSettings;
  public readonly config: z.output<typeof cephCsiSchema>;

  constructor(scope: Construct, id: string, props: CephCsiProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, cephCsiSchema, props);
    this.config = p;
    const op = p.operator;
    requireSameSite(this, 'operator', op, 'RookOperator');
    this.operator = op;
    if (site.findAll(CephCsi).some((c) => c !== this && c.operator === op)) {
      throw new ConfigError({ path: this.node.path, problem: `the operator ${op.node.path} already has a CephCsi`, fix: 'configure CSI in one CephCsi construct per operator' });
    }
    const style = op.profile.csiConfig;
    const v = site.versions;
    const need = (feature: Feature, field: string, when: unknown) => {
      if (when !== undefined && when !== false) requireFeature(v, feature, `${this.node.path}: ${field}`);
    };
    need('csiNfsDriver', 'drivers.nfs', p.drivers.nfs);
    need('csiAddons', 'deployCsiAddons', p.deployCsiAddons);
    need('csiAddons', 'images.addons', p.images?.addons);
    need('csiLogVerbosity', 'logVerbosity', p.logVerbosity);
    need('csiFsGroupPolicy', 'fsGroupPolicy', p.fsGroupPolicy);
    const fsGroupPolicyOf = (driver: 'rbd' | 'cephfs' | 'nfs') => (typeof p.fsGroupPolicy === 'object' ? p.fsGroupPolicy[driver] : p.fsGroupPolicy);
    if (typeof p.fsGroupPolicy === 'object') {
      for (const d of ['rbd', 'cephfs', 'nfs'] as const) {
        if (p.fsGroupPolicy[d] !== undefined && !p.drivers[d]) {
          throw new ConfigError({
            path: `${this.node.path}: fsGroupPolicy.${d}`,
            problem: `the ${d} driver is not enabled, so its fsGroupPolicy would never apply`,
            value: p.fsGroupPolicy[d],
            allowed: `fsGroupPolicy of the enabled drivers: ${(['rbd', 'cephfs', 'nfs'] as const).filter((x) => p.drivers[x]).join(', ') || '(none)'}`,
            fix: `remove fsGroupPolicy.${d}, or enable drivers.${d}`,
          });
        }
      }
    }
    need('csiProvisionerReplicas', 'provisionerReplicas', p.provisionerReplicas);
    need('csiPriorityClasses', 'nodePlugin.priorityClassName', p.nodePlugin?.priorityClassName);
    need('csiPriorityClasses', 'controllerPlugin.priorityClassName', p.controllerPlugin?.priorityClassName);
    need('csiPlacement', 'nodePlugin', p.nodePlugin?.nodeAffinity ?? p.nodePlugin?.tolerations);
    need('csiPlacement', 'controllerPlugin', p.controllerPlugin?.nodeAffinity ?? p.controllerPlugin?.tolerations);

    const ns = op.namespace;
    const drivers: string[] = [];
    if (p.drivers.rbd) drivers.push(`${ns}.rbd.csi.ceph.com`);
    if (p.drivers.cephfs) drivers.push(`${ns}.cephfs.csi.ceph.com`);
    if (p.drivers.nfs) drivers.push(`${ns}.nfs.csi.ceph.com`);
    this.driverNames = drivers;
    op.adoptCsiResources(drivers);

    const configMapKeys: Record<string, string> = {};
    const env: Record<string, string> = {};
    if (style === 'csi-operator') {
      for (const [k, img] of Object.entries(p.images ?? {})) if (img) op.setCsiImage(k as any, img);
      this.emitOperatorResources(p, ns);
    } else {
      const keys: Record<string, string | undefined> = {
        ROOK_CSI_ENABLE_RBD: String(p.drivers.rbd),
        ROOK_CSI_ENABLE_CEPHFS: String(p.drivers.cephfs),
        ROOK_CSI_ENABLE_NFS: p.drivers.nfs ? 'true' : undefined,
        CSI_LOG_LEVEL: p.logVerbosity !== undefined ? String(p.logVerbosity) : undefined,
        CSI_RBD_FSGROUPPOLICY: fsGroupPolicyOf('rbd'),
        CSI_CEPHFS_FSGROUPPOLICY: fsGroupPolicyOf('cephfs'),
        CSI_NFS_FSGROUPPOLICY: p.drivers.nfs ? fsGroupPolicyOf('nfs') : undefined,
        CSI_FORCE_CEPHFS_KERNEL_CLIENT: p.cephFsClientType ? String(p.cephFsClientType === 'kernel') : undefined,
        ROOK_CSI_KUBELET_DIR_PATH: p.kubeletDirPath,
        CSI_PROVISIONER_REPLICAS: p.provisionerReplicas !== undefined ? String(p.provisionerReplicas) : undefined,
        CSI_ENABLE_CSIADDONS: p.deployCsiAddons !== undefined ? String(p.deployCsiAddons) : undefined,
        CSI_PLUGIN_PRIORITY_CLASSNAME: p.nodePlugin?.priorityClassName,
        CSI_PROVISIONER_PRIORITY_CLASSNAME: p.controllerPlugin?.priorityClassName,
        CSI_PLUGIN_NODE_AFFINITY: p.nodePlugin?.nodeAffinity ? legacyAffinity(p.nodePlugin.nodeAffinity) : undefined,
        CSI_PROVISIONER_NODE_AFFINITY: p.controllerPlugin?.nodeAffinity ? legacyAffinity(p.controllerPlugin.nodeAffinity) : undefined,
        CSI_PLUGIN_TOLERATIONS: p.nodePlugin?.tolerations ? stringifyKubeYaml(p.nodePlugin.tolerations) : undefined,
        CSI_PROVISIONER_TOLERATIONS: p.controllerPlugin?.tolerations ? stringifyKubeYaml(p.controllerPlugin.tolerations) : undefined,
      };
      for (const [k, img] of Object.entries(p.images ?? {})) {
        const key = LEGACY_IMAGE_KEYS[k];
        if (img && key) keys[key] = img;
      }
      const target = style === 'operator-configmap' ? configMapKeys : env;
      for (const [k, val] of Object.entries(keys)) if (val !== undefined) target[k] = val;
      for (const [k, val] of Object.entries(target).sort()) {
        if (style === 'operator-configmap') op.setConfigMapKey(k, val);
        else op.setEnv(k, val);
      }
    }
    this.settings = { style, configMapKeys, env };
  }

  private emitOperatorResources(p: z.output<typeof cephCsiSchema>, ns: string): void {
    const placementOf = (pl: z.output<typeof pluginPlacement> | undefined, defaultPriority: string) => ({
      priorityClassName: pl?.priorityClassName ?? defaultPriority,
      tolerations: pl?.tolerations,
      affinity: pl?.nodeAffinity ? k8sAffinity(pl.nodeAffinity) : undefined,
    });
    place(new OperatorConfig(this, 'OperatorConfig', {
      metadata: { name: 'ceph-csi-operator-config', namespace: ns },
      spec: asL1<OperatorConfigSpec>({
        driverSpecDefaults: {
          log: { verbosity: p.logVerbosity ?? 0 },
          imageSet: { name: CSI_IMAGE_SET_CONFIGMAP },
          enableMetadata: true,
          generateOMapInfo: false,
          // the per-driver form sets the Drivers; the defaults stay the release's
          fsGroupPolicy: (typeof p.fsGroupPolicy === 'string' ? p.fsGroupPolicy : undefined) ?? 'File',
          deployCsiAddons: p.deployCsiAddons ?? false,
          cephFsClientType: p.cephFsClientType ?? 'kernel',
          nodePlugin: { ...placementOf(p.nodePlugin, 'system-node-critical'), kubeletDirPath: p.kubeletDirPath ?? '/var/lib/kubelet', enableSeLinuxHostMount: false },
          controllerPlugin: { ...placementOf(p.controllerPlugin, 'system-cluster-critical'), replicas: p.provisionerReplicas, deploymentStrategy: { type: 'Recreate' } },
        },
      }),
    }), 'csi');
    const facts = rookLineFacts(this.operator.profile.version)?.csiOperator;
    if (!facts) throw new Error(`internal: the cluster model has no ceph-csi-operator facts for Rook ${this.operator.profile.version}`);
    // The Drivers name their ServiceAccounts explicitly: those of the pinned csi-operator.yaml
    // (`<CSI_SERVICE_ACCOUNT_PREFIX><type>-ctrlplugin-sa` / `-nodeplugin-sa`), whatever prefix the operator runs with
    // (the rook-ceph chart gives its subchart "", the vendored file "ceph-csi-"; rook/rook#18040).
    const prefix = facts.vendoredServiceAccountPrefix;
    if (this.operator.installMode === 'helm') this.emitDriverRbac(facts.driverRbac, prefix, ns);
    for (const name of this.driverNames) {
      const cephfs = name.endsWith('.cephfs.csi.ceph.com');
      const driver = cephfs ? 'cephfs' : name.endsWith('.nfs.csi.ceph.com') ? 'nfs' : 'rbd';
      const policy = typeof p.fsGroupPolicy === 'object' ? p.fsGroupPolicy[driver] : p.fsGroupPolicy;
      const sas = csiDriverServiceAccounts(name, prefix, undefined)!;
      place(new Driver(this, `Driver-${name}`, {
        metadata: { name, namespace: ns },
        spec: asL1<DriverSpec>({
          fsGroupPolicy: policy ?? 'File',
          cephFsClientType: cephfs ? p.cephFsClientType ?? 'kernel' : undefined,
          nodePlugin: { serviceAccountName: sas.node, updateStrategy: { type: 'RollingUpdate' } },
          controllerPlugin: { serviceAccountName: sas.controller },
        }),
      }), 'csi');
    }
  }

  /**
   * Rook >= 1.20 from the Helm chart: the rook-ceph chart's ceph-csi-operator subchart no longer ships the plugins'
   * ServiceAccounts and RBAC, so the site writes them, from the cluster model (the objects of the pinned
   * csi-operator.yaml, one set per enabled driver), in the operator namespace and the csi layer (after the operator,
   * before the cluster). Vendored installs carry the same objects in csi-operator.yaml.
   *
   * Why not the ceph-csi-drivers chart (ceph/ceph-csi-operator deploy/charts/ceph-csi-drivers, v1.0.4): it renders its
   * own Driver and OperatorConfig for every enabled driver (templates/driver.yaml, operatorConfig.yaml), so each Driver
   * would have two owners — the chart release and this construct's typed Driver, which carries settings the chart's
   * Driver template has no value for (`liveness.metricsPort` of CephCsiMetrics); and it names the accounts after the
   * normalized driver name (`<driver name with . → ->-ctrlplugin-sa`), a third scheme next to the operator's prefix rule.
   * Writing the accounts of the pinned csi-operator.yaml and naming them on each Driver keeps one owner per object and
   * makes the names agree by construction.
   */
  private emitDriverRbac(rbac: Readonly<Record<string, readonly import('../model/rook-facts').CsiRbacFact[]>>, prefix: string, ns: string): void {
    const labels = { 'app.kubernetes.io/part-of': 'ceph-csi', 'app.kubernetes.io/managed-by': 'gitops-storage' };
    const scope = new Construct(this, 'DriverRbac');
    for (const name of this.driverNames) {
      const type = csiDriverServiceAccounts(name, prefix, undefined)!.type;
      for (const o of rbac[type] ?? []) {
        const id = `${o.kind}-${o.name}`;
        const md = { name: o.name, labels };
        const subjects = o.subjects?.map((x) => ({ kind: x.kind, name: x.name, namespace: ns }));
        const roleRef = o.roleRef ? { apiGroup: 'rbac.authorization.k8s.io', kind: o.roleRef.kind, name: o.roleRef.name } : undefined;
        let obj: ApiObject;
        if (o.kind === 'ServiceAccount') obj = new KubeServiceAccount(scope, id, { metadata: { ...md, namespace: ns } });
        else if (o.kind === 'Role') obj = new KubeRole(scope, id, { metadata: { ...md, namespace: ns }, rules: o.rules as any });
        else if (o.kind === 'ClusterRole') obj = new KubeClusterRole(scope, id, { metadata: md, rules: o.rules as any });
        else if (o.kind === 'RoleBinding') obj = new KubeRoleBinding(scope, id, { metadata: { ...md, namespace: ns }, roleRef: roleRef!, subjects });
        else obj = new KubeClusterRoleBinding(scope, id, { metadata: md, roleRef: roleRef!, subjects });
        place(obj, 'csi');
      }
    }
  }
}
