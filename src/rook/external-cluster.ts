import { ApiObject } from 'cdk8s';
import { KubeConfigMap, KubeRole, KubeRoleBinding, KubeServiceAccount } from '../../imports/k8s';
import { CephClusterSpec } from '../../imports/ceph.rook.io';
import { CephCluster as CephClusterL1 } from './bindings';
import { asL1 } from './l1';
import { Construct } from 'constructs';
import { z } from 'zod';
import { CephFsExternalStorageClass, CephFsExternalStorageClassProps } from './ceph-fs-external-storage-class';
import { CephBlockPoolRadosNamespace, CephBlockPoolRadosNamespaceProps } from './ceph-block-pool-rados-namespace';
import { CephRbdStorageClass, CephRbdStorageClassProps } from './ceph-rbd-storage-class';
import { CephFilesystemSubVolumeGroup, CephFilesystemSubVolumeGroupProps } from './ceph-filesystem-sub-volume-group';
import { checkPropsShape, ConfigError, ConfigProblem, parseProps } from '../foundation/errors';
import { place } from '../site/layers';
import { ensureNamespace } from '../site/namespace';
import { dnsLabel, hostPath, image } from '../foundation/props';
import { findKeyMaterial } from '../secrets/key-material';
import { SecretRef, secretRefSchema, SecretTarget } from '../secrets/secret-ref';
import { Site } from '../site/site';
import { FEATURES, hasFeature, requireFeature } from '../versions';
import { brandExternalCluster, ExternalFilesystem, IExternalCluster } from './cluster-ref';
import { PropsMatch } from '../foundation/props-check';
import { refineUnique } from '../foundation/unique';
import { externalHealthCheckSchema, ExternalClusterHealthCheckProps } from './cluster/health';
import { StorageConstruct } from '../site/storage-construct';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$/;
const MON_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** Ceph pool names: letters, digits, ".", "_", "-". */
const CEPH_POOL = /^[A-Za-z0-9._-]+$/;

/** Options that only mean something for a cluster whose daemons Rook runs. */
export const LOCAL_ONLY_OPTIONS: Readonly<Record<string, string>> = {
  storage: 'Rook runs no OSDs for an external cluster; storage belongs to the cluster\'s own tooling (cephadm, ceph-ansible)',
  mon: 'the external cluster\'s mons are run by its own tooling; list them in monEndpoints instead (mon count is the number of endpoints)',
  mgr: 'Rook runs no mgr for an external cluster',
  placement: 'Rook schedules no Ceph daemons for an external cluster, so there is nothing to place',
  resources: 'Rook runs no Ceph daemons for an external cluster, so there are no resources to set',
  priorityClassNames: 'Rook runs no Ceph daemons for an external cluster',
  dashboard: 'the dashboard is the external cluster\'s; Rook ignores dashboard settings in external mode (import the link with secrets.dashboardLink)',
  network: 'the network of an external cluster is configured on that cluster',
  disruptionManagement: 'Rook manages no OSD disruption budgets for an external cluster',
  cleanupPolicy: 'Rook never wipes an external cluster\'s hosts',
  configOverride: 'ceph.conf of an external cluster is maintained on that cluster',
  crashCollector: 'Rook runs no crash collector for an external cluster (it is always disabled here)',
  logCollector: 'Rook runs no Ceph daemons whose logs it could collect',
  devices: 'Rook runs no OSDs for an external cluster',
};

/** A parsed mon endpoint `name=host:port`, or the reason it is malformed. */
export function parseMonEndpoint(s: string): { name: string; host: string; port: number } | { error: string } {
  const eq = s.indexOf('=');
  if (eq <= 0) return { error: 'missing "<name>=" (Rook parses the ConfigMap as name=address pairs)' };
  const name = s.slice(0, eq);
  const addr = s.slice(eq + 1);
  if (!MON_NAME.test(name)) return { error: `mon name "${name}" is not letters, digits, "-", "_" or "."` };
  let host: string;
  let portStr: string;
  const v6 = /^\[([^\]]+)\]:([0-9]+)$/.exec(addr);
  if (v6) {
    host = v6[1];
    portStr = v6[2];
    if (!isIPv6(host)) return { error: `"${host}" is not an IPv6 address` };
  } else {
    const m = /^([^:[\]]+):([0-9]+)$/.exec(addr);
    if (!m) {
      if ((addr.match(/:/g) ?? []).length > 1) return { error: 'an IPv6 address must be in brackets, e.g. [2001:db8::10]:3300' };
      return { error: `"${addr}" is not host:port` };
    }
    host = m[1];
    portStr = m[2];
    if (/^[0-9.]+$/.test(host) ? !IPV4.test(host) : !HOSTNAME.test(host)) return { error: `"${host}" is neither an IPv4 address nor a host name` };
  }
  const port = Number(portStr);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `port ${portStr} is outside 1..65535` };
  return { name, host, port };
}

export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  let parts = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let need = 8;
  const last = parts[parts.length - 1];
  if (last && last.includes('.')) {
    if (!IPV4.test(last)) return false;
    parts = parts.slice(0, -1);
    need = 6;
  }
  if (!parts.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? parts.length < need : parts.length === need;
}

const monEndpoint = z.string().superRefine((s, ctx) => {
  const r = parseMonEndpoint(s);
  if ('error' in r) {
    ctx.addIssue({
      code: 'custom',
      message: `malformed mon endpoint: ${r.error}`,
      params: { allowed: '"<name>=<ip or host>:<port>", e.g. "a=10.0.0.11:6789", "b=[2001:db8::12]:3300", "c=mon-c.ceph.example:6789"; port 1..65535', fix: 'copy the entries from the "data" key of the exporter\'s rook-ceph-mon-endpoints output (or `ceph mon dump`)' },
    });
  }
});

const cephUserId = z.string().regex(/^(?!client\.)[A-Za-z0-9._-]+$/, { message: 'a CSI user ID without the "client." prefix (e.g. "csi-rbd-node")' });
const poolName = z.string().regex(CEPH_POOL, { message: 'not a Ceph pool name (letters, digits, ".", "_", "-")' });
const ipAddress = z.string().refine((s) => IPV4.test(s) || isIPv6(s), { message: 'not an IPv4 or IPv6 address', params: { allowed: 'an IP address of a mgr host, e.g. "10.0.0.11"', fix: 'use the mgr host IP (the CephCluster field takes IPs, not host names)' } });

export const externalClusterSchema = z.strictObject({
  name: dnsLabel.default('rook-ceph-external'),
  namespace: dnsLabel.default('rook-ceph-external'),
  operatorNamespace: dnsLabel.default('rook-ceph'),
  fsid: z.string().superRefine((s, ctx) => {
    if (!UUID.test(s)) ctx.addIssue({ code: 'custom', message: 'fsid is not a UUID', params: { allowed: 'a UUID like "c6a8c2d4-1f0e-4b7a-9d3e-2f5a6b7c8d9e"', fix: 'copy the output of `ceph fsid` on the external cluster' } });
  }),
  monEndpoints: z.array(monEndpoint).min(1),
  maxMonId: z.number().int().min(0).optional(),
  healthCheckUser: z.string().regex(/^client\.[A-Za-z0-9._-]+$/, { message: 'not a Ceph user name like "client.healthchecker"' }).optional(),
  csiUsers: z.strictObject({
    rbdNode: cephUserId.default('csi-rbd-node'),
    rbdProvisioner: cephUserId.default('csi-rbd-provisioner'),
    cephfsNode: cephUserId.default('csi-cephfs-node'),
    cephfsProvisioner: cephUserId.default('csi-cephfs-provisioner'),
  }).default({ rbdNode: 'csi-rbd-node', rbdProvisioner: 'csi-rbd-provisioner', cephfsNode: 'csi-cephfs-node', cephfsProvisioner: 'csi-cephfs-provisioner' }),
  rbdPools: z.array(poolName).default([]),
  filesystems: z.array(z.strictObject({
    name: poolName,
    dataPools: z.array(poolName).min(1),
    metadataPool: poolName.optional(),
  })).default([]),
  monitoring: z.strictObject({
    endpoints: z.array(ipAddress).min(1),
    port: z.number().int().min(1).max(65535).optional(),
  }).optional(),
  cephVersion: z.strictObject({ image }).optional(),
  dataDirHostPath: hostPath.regex(/^\/\S+$/, { message: 'must be an absolute host path' }).optional(),
  healthCheck: externalHealthCheckSchema.optional(),
  secrets: z.strictObject({
    mon: secretRefSchema,
    csiRbdNode: secretRefSchema.optional(),
    csiRbdProvisioner: secretRefSchema.optional(),
    csiCephfsNode: secretRefSchema.optional(),
    csiCephfsProvisioner: secretRefSchema.optional(),
    rgwAdminOps: secretRefSchema.optional(),
    dashboardLink: secretRefSchema.optional(),
  }),
}).superRefine((p, ctx) => {
  refineUnique(ctx, p.rbdPools.map((name) => ({ name })), (x) => x.name, ['rbdPools'], [], 'RBD pool', 'a pool is one Ceph pool; list it once');
  refineUnique(ctx, p.filesystems, (f) => f.name, ['filesystems'], ['name'], 'filesystem', 'a filesystem is listed once, with all its data pools');
  p.filesystems.forEach((f, i) => refineUnique(ctx, f.dataPools.map((name) => ({ name })), (x) => x.name, ['filesystems', i, 'dataPools'], [], 'data pool', 'a data pool of a filesystem is listed once'));
  if (p.cephVersion?.image && !p.dataDirHostPath) {
    ctx.addIssue({
      code: 'custom', path: ['cephVersion', 'image'],
      message: 'cephVersion.image without dataDirHostPath: Rook refuses an external CephCluster that sets an image (to run RGW/MDS/NFS) but no dataDirHostPath',
      params: { allowed: 'cephVersion.image together with dataDirHostPath, or neither', fix: 'add dataDirHostPath: "/var/lib/rook", or remove cephVersion if Rook runs no daemons against this cluster' },
    });
  }
  const names = new Map<string, number>();
  const addrs = new Map<string, number>();
  p.monEndpoints.forEach((e, i) => {
    const r = parseMonEndpoint(e);
    if ('error' in r) return;
    const addr = `${r.host}:${r.port}`;
    if (names.has(r.name)) ctx.addIssue({ code: 'custom', path: ['monEndpoints', i], message: `mon name "${r.name}" is listed twice (also at [${names.get(r.name)}])`, params: { allowed: 'one entry per mon', fix: 'remove the duplicate or give each mon its own name' } });
    if (addrs.has(addr)) ctx.addIssue({ code: 'custom', path: ['monEndpoints', i], message: `address ${addr} is listed twice (also at [${addrs.get(addr)}])`, params: { allowed: 'one entry per mon', fix: 'remove the duplicate' } });
    names.set(r.name, i);
    addrs.set(addr, i);
  });
  const fsNames = new Set<string>();
  p.filesystems.forEach((f, i) => {
    if (fsNames.has(f.name)) ctx.addIssue({ code: 'custom', path: ['filesystems', i, 'name'], message: `filesystem "${f.name}" is listed twice`, params: { fix: 'list each filesystem once' } });
    fsNames.add(f.name);
  });
});

/** Ceph user IDs of the CSI drivers on the external cluster, without the `client.` prefix. */
export interface ExternalClusterCsiUsersProps {
  /** User of the RBD node plugin. @default 'csi-rbd-node' */
  readonly rbdNode?: string;
  /** User of the RBD provisioner. @default 'csi-rbd-provisioner' */
  readonly rbdProvisioner?: string;
  /** User of the CephFS node plugin. @default 'csi-cephfs-node' */
  readonly cephfsNode?: string;
  /** User of the CephFS provisioner. @default 'csi-cephfs-provisioner' */
  readonly cephfsProvisioner?: string;
}

/** A CephFS filesystem of the external cluster (non-secret facts only). */
export interface ExternalClusterFilesystemProps {
  /** Filesystem name (`ceph fs ls`). */
  readonly name: string;
  /** Its data pools, at least one; the first is the default. */
  readonly dataPools: string[];
  /** Its metadata pool. @default - not recorded */
  readonly metadataPool?: string;
}

/** Prometheus endpoints of the external cluster's mgr daemons. */
export interface ExternalClusterMonitoringProps {
  /** IP addresses of the mgr hosts (IPs, not host names), at least one. */
  readonly endpoints: string[];
  /** Port of the mgr Prometheus module. @default - Rook's default, 9283 */
  readonly port?: number;
}

/** Ceph image for the daemons Rook runs against the external cluster (RGW, MDS, NFS). */
export interface ExternalClusterCephVersionProps {
  /** Ceph image reference. */
  readonly image: string;
}

/**
 * Where the values of each Secret Rook reads for the external cluster come from. The Secret names are
 * fixed by Rook; each value is a {@link SecretRef}, never key material in props.
 */
export interface ExternalClusterSecretsProps {
  /** `rook-ceph-mon`: key `ceph-secret` (Rook >= 1.7) or `admin-secret` (Rook 1.2). */
  readonly mon: SecretRef;
  /** `rook-csi-rbd-node`: key `userKey`. Required on Rook 1.20. @default - none */
  readonly csiRbdNode?: SecretRef;
  /** `rook-csi-rbd-provisioner`: key `userKey`. Required on Rook 1.20. @default - none */
  readonly csiRbdProvisioner?: SecretRef;
  /** `rook-csi-cephfs-node`: key `userKey` (Rook >= 1.18) or `adminKey` (Rook <= 1.17). Required on Rook 1.20. @default - none */
  readonly csiCephfsNode?: SecretRef;
  /** `rook-csi-cephfs-provisioner`: keys as for csiCephfsNode. Required on Rook 1.20. @default - none */
  readonly csiCephfsProvisioner?: SecretRef;
  /** `rgw-admin-ops-user`: keys `accessKey` and `secretKey`. @default - none */
  readonly rgwAdminOps?: SecretRef;
  /** `rook-ceph-dashboard-link`: key `userKey`, the dashboard URL. @default - none */
  readonly dashboardLink?: SecretRef;
}

/** Props of {@link ExternalCluster}. */
export interface ExternalClusterProps {
  /** CephCluster name. @default 'rook-ceph-external' */
  readonly name?: string;
  /** Namespace of the CephCluster, its Secrets and ConfigMap; also the CSI `clusterID`. @default 'rook-ceph-external' */
  readonly namespace?: string;
  /** Namespace of the Rook operator that manages this cluster. @default 'rook-ceph' */
  readonly operatorNamespace?: string;
  /** fsid of the external cluster (`ceph fsid`), a UUID. Not secret. */
  readonly fsid: string;
  /**
   * Mon endpoints as `name=host:port`, e.g. "a=10.0.0.11:6789" or "b=[2001:db8::12]:3300" (the `data` of the
   * exporter's `rook-ceph-mon-endpoints`). At least one. Not secret.
   */
  readonly monEndpoints: string[];
  /** `maxMonId` of the mon endpoints ConfigMap. @default - the number of endpoints minus one */
  readonly maxMonId?: number;
  /** Ceph user Rook checks health with (`ceph-username`), e.g. "client.healthchecker". Rook >= 1.7. @default 'client.healthchecker' */
  readonly healthCheckUser?: string;
  /** CSI user IDs. @default { rbdNode: 'csi-rbd-node', rbdProvisioner: 'csi-rbd-provisioner', cephfsNode: 'csi-cephfs-node', cephfsProvisioner: 'csi-cephfs-provisioner' } */
  readonly csiUsers?: ExternalClusterCsiUsersProps;
  /** RBD pools of the external cluster that StorageClasses may name. @default [] */
  readonly rbdPools?: string[];
  /** CephFS filesystems of the external cluster with their pools. @default [] */
  readonly filesystems?: ExternalClusterFilesystemProps[];
  /** Prometheus endpoints of the external mgrs. @default - none */
  readonly monitoring?: ExternalClusterMonitoringProps;
  /** Ceph image, only when Rook runs RGW/MDS/NFS daemons against this cluster; needs `dataDirHostPath`. @default - none */
  readonly cephVersion?: ExternalClusterCephVersionProps;
  /** Absolute host path for the daemons Rook runs (with `cephVersion.image`). @default - none */
  readonly dataDirHostPath?: string;
  /** The operator's mon and status checks of the external cluster. Not on Rook v1.2.7. @default - Rook's defaults */
  readonly healthCheck?: ExternalClusterHealthCheckProps;
  /** Where the secret values of every Secret come from. */
  readonly secrets: ExternalClusterSecretsProps;
}
const _externalClusterProps: PropsMatch<ExternalClusterProps, z.input<typeof externalClusterSchema>> = true;

/** Secret names Rook reads for an external cluster (fixed by Rook). */
export const EXTERNAL_SECRET_NAMES = {
  mon: 'rook-ceph-mon',
  csiRbdNode: 'rook-csi-rbd-node',
  csiRbdProvisioner: 'rook-csi-rbd-provisioner',
  csiCephfsNode: 'rook-csi-cephfs-node',
  csiCephfsProvisioner: 'rook-csi-cephfs-provisioner',
  rgwAdminOps: 'rgw-admin-ops-user',
  dashboardLink: 'rook-ceph-dashboard-link',
} as const;

export type ExternalSecretSlot = keyof typeof EXTERNAL_SECRET_NAMES;
const CSI_SLOTS = ['csiRbdNode', 'csiRbdProvisioner', 'csiCephfsNode', 'csiCephfsProvisioner'] as const;

/**
 * Connects Rook to a Ceph cluster run elsewhere (cephadm, ceph-ansible, another Rook): a CephCluster with
 * `external.enable: true`, the `rook-ceph-mon-endpoints` ConfigMap, the `rook-ceph-mon` Secret, the four
 * `rook-csi-*` Secrets (Rook >= 1.7; all four required on 1.20), optional RGW admin-ops and dashboard-link
 * Secrets, and the RBAC a namespace other than the operator's needs.
 *
 * Every secret value comes through a {@link SecretRef}; props hold only non-secret data and are refused
 * if a string in them looks like key material.
 */
export class ExternalCluster extends StorageConstruct implements IExternalCluster {
  static { brandExternalCluster(this); }

  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly operatorNamespace: string;
  public readonly external = true;
  /** RBD pools named in props; StorageClasses are checked against them. */
  public readonly knownPools: readonly string[];
  public readonly filesystems: readonly ExternalFilesystem[];
  public readonly fsid: string;
  public readonly monEndpoints: readonly string[];
  public readonly resource: ApiObject;
  /** Every Secret this cluster needs, with where its values come from. */
  public readonly secretTargets: readonly { slot: ExternalSecretSlot; target: SecretTarget; ref: SecretRef }[];
  public readonly config: z.output<typeof externalClusterSchema>;

  constructor(scope: Construct, id: string, props: ExternalClusterProps) {
    super(scope, id);
    const site = Site.of(this);
    const rook = site.requireRook(this.node.path);
    checkPropsShape(this.node.path, props);
    const raw = (props ?? {}) as unknown as Record<string, unknown>;

    // 1. key material anywhere in props (first, so no later message can echo a key)
    const keys = findKeyMaterial(this.node.path, raw, 'SecretRef.unsafePlaintext({...}) in secrets');
    if (keys.length) throw new ConfigError(keys);

    // 2. options of a local cluster: say why they do not apply, before the generic "unknown property"
    const local = Object.keys(raw).filter((k) => Object.prototype.hasOwnProperty.call(LOCAL_ONLY_OPTIONS, k)).sort();
    if (local.length) {
      throw new ConfigError(local.map((k) => ({
        path: `${this.node.path}: ${k}`,
        problem: `"${k}" is an option of a local cluster; ${LOCAL_ONLY_OPTIONS[k]}`,
        value: raw[k],
        allowed: 'ExternalCluster props: name, namespace, operatorNamespace, fsid, monEndpoints, maxMonId, healthCheckUser, csiUsers, rbdPools, filesystems, monitoring, cephVersion + dataDirHostPath, healthCheck, secrets',
        fix: `remove "${k}"; configure it on the external cluster (or use RookCluster for a cluster Rook runs)`,
      })));
    }
    const p = parseProps(this.node.path, externalClusterSchema, props);
    this.config = p;
    this.clusterName = p.name;
    this.namespace = p.namespace;
    this.operatorNamespace = p.operatorNamespace;
    Site.of(this).addInstalledComponent({ component: 'rook-operator', install: 'elsewhere', namespace: this.operatorNamespace, clusterNamespace: p.namespace, path: this.node.path });
    this.fsid = p.fsid.toLowerCase();
    this.monEndpoints = p.monEndpoints;
    this.knownPools = p.rbdPools;
    this.filesystems = p.filesystems;

    // 3. version rules
    const v = site.versions;
    const at = (f: string) => `${this.node.path}: ${f}`;
    const hcUser = hasFeature(v, 'externalHealthCheckUser');
    if (p.healthCheckUser !== undefined) {
      requireFeature(v, 'externalHealthCheckUser', at('healthCheckUser'), 'remove healthCheckUser: this Rook version authenticates with the client.admin key in secrets.mon ("admin-secret")');
    }
    if (p.healthCheck !== undefined) requireFeature(v, 'cephClusterHealthCheck', at('healthCheck'), 'remove healthCheck for this Rook version');
    const imported = hasFeature(v, 'externalImportedSecrets');
    for (const slot of Object.keys(p.secrets) as ExternalSecretSlot[]) {
      if (slot !== 'mon' && p.secrets[slot] && !imported) {
        requireFeature(v, 'externalImportedSecrets', at(`secrets.${slot}`), `remove secrets.${slot}: on Rook v${rook} the operator creates the CSI secrets itself from the admin key in rook-ceph-mon`);
      }
    }
    if (hasFeature(v, 'externalCsiSecretsRequired')) {
      const missing = CSI_SLOTS.filter((s) => !p.secrets[s]);
      if (missing.length) {
        throw new ConfigError(missing.map((s) => ({
          path: at(`secrets.${s}`),
          problem: `Rook v${rook} never creates the CSI secrets for an external cluster (${FEATURES.externalCsiSecretsRequired.what}, Rook ${FEATURES.externalCsiSecretsRequired.range}); without Secret "${EXTERNAL_SECRET_NAMES[s]}" every PVC of that driver stays Pending`,
          value: undefined,
          allowed: `a SecretRef for each of ${CSI_SLOTS.map((x) => `secrets.${x}`).join(', ')}`,
          fix: `add secrets.${s}: SecretRef.externalSecret({ store, data: { ${s.startsWith('csiCephfs') && !hasFeature(v, 'cephfsUserIdKeys') ? 'adminKey' : 'userKey'}: { key: '...', property: '...' } } }) (the exporter prints the key as ${EXTERNAL_SECRET_NAMES[s]}.userKey)`,
        })));
      }
    }

    // 4. the Secrets, as the pinned version reads them
    const cephfsUser = hasFeature(v, 'cephfsUserIdKeys');
    const ns = this.namespace;
    const rookLabel = `Rook v${rook} (external cluster "${this.clusterName}")`;
    const monTarget: SecretTarget = hcUser
      ? {
        name: EXTERNAL_SECRET_NAMES.mon, namespace: ns, type: 'kubernetes.io/rook', layer: 'cluster', consumer: rookLabel,
        plain: { 'cluster-name': ns, 'fsid': this.fsid, 'mon-secret': 'mon-secret', 'admin-secret': 'admin-secret', 'ceph-username': p.healthCheckUser ?? 'client.healthchecker' },
        secretKeys: ['ceph-secret'],
      }
      : {
        name: EXTERNAL_SECRET_NAMES.mon, namespace: ns, type: 'kubernetes.io/rook', layer: 'cluster', consumer: rookLabel,
        plain: { 'cluster-name': ns, 'fsid': this.fsid, 'mon-secret': 'mon-secret' },
        secretKeys: ['admin-secret'],
        otherShapes: { 'ceph-secret': 'the health-check user key of Rook >= 1.7 (ceph-username / ceph-secret)' },
      };
    const csiTarget = (slot: typeof CSI_SLOTS[number], user: string, cephfs: boolean): SecretTarget => {
      const [idKey, secretKey] = cephfs && !cephfsUser ? ['adminID', 'adminKey'] : ['userID', 'userKey'];
      return {
        name: EXTERNAL_SECRET_NAMES[slot], namespace: ns, type: 'kubernetes.io/rook', layer: 'csi', consumer: rookLabel,
        plain: { [idKey]: user }, secretKeys: [secretKey],
        otherShapes: cephfs
          ? cephfsUser
            ? { adminKey: 'the CephFS CSI key name of Rook <= 1.17 (adminID/adminKey)', adminID: 'the CephFS CSI user key name of Rook <= 1.17' }
            : { userKey: 'the CephFS CSI key name of Rook >= 1.18 (userID/userKey)', userID: 'the CephFS CSI user key name of Rook >= 1.18' }
          : { adminKey: 'a CephFS key name of Rook <= 1.17; RBD secrets always use userID/userKey' },
      };
    };
    const targets: Record<ExternalSecretSlot, SecretTarget> = {
      mon: monTarget,
      csiRbdNode: csiTarget('csiRbdNode', p.csiUsers.rbdNode, false),
      csiRbdProvisioner: csiTarget('csiRbdProvisioner', p.csiUsers.rbdProvisioner, false),
      csiCephfsNode: csiTarget('csiCephfsNode', p.csiUsers.cephfsNode, true),
      csiCephfsProvisioner: csiTarget('csiCephfsProvisioner', p.csiUsers.cephfsProvisioner, true),
      rgwAdminOps: { name: EXTERNAL_SECRET_NAMES.rgwAdminOps, namespace: ns, type: 'kubernetes.io/rook', layer: 'cluster', consumer: rookLabel, plain: {}, secretKeys: ['accessKey', 'secretKey'] },
      dashboardLink: { name: EXTERNAL_SECRET_NAMES.dashboardLink, namespace: ns, type: 'kubernetes.io/rook', layer: 'cluster', consumer: rookLabel, plain: { userID: 'ceph-dashboard-link' }, secretKeys: ['userKey'] },
    };
    const slots = (Object.keys(EXTERNAL_SECRET_NAMES) as ExternalSecretSlot[]).filter((s) => p.secrets[s]);
    this.secretTargets = slots.map((slot) => ({ slot, target: targets[slot], ref: p.secrets[slot]! }));
    const keyProblems: ConfigProblem[] = this.secretTargets.flatMap((s) => s.ref.checkKeys(at(`secrets.${s.slot}`), s.target));
    if (keyProblems.length) throw new ConfigError(keyProblems);

    // 5. objects
    ensureNamespace(site, ns);
    if (ns !== this.operatorNamespace) this.addRbac(hasFeature(v, 'externalCsiSecretsRequired'));
    for (const s of this.secretTargets) s.ref.render(this, `Secret-${s.target.name}`, s.target);

    place(new KubeConfigMap(this, 'MonEndpoints', {
      metadata: { name: 'rook-ceph-mon-endpoints', namespace: ns },
      data: {
        data: p.monEndpoints.join(','),
        mapping: '{}',
        maxMonId: String(p.maxMonId ?? p.monEndpoints.length - 1),
      },
    }), 'cluster');

    this.resource = new CephClusterL1(this, 'Resource', {
      metadata: { name: this.clusterName, namespace: ns },
      spec: asL1<CephClusterSpec>({
        external: { enable: true },
        crashCollector: imported ? { disable: true } : undefined,
        cephVersion: p.cephVersion ? { image: p.cephVersion.image } : undefined,
        dataDirHostPath: p.dataDirHostPath,
        healthCheck: p.healthCheck,
        monitoring: p.monitoring
          ? { enabled: true, externalMgrEndpoints: p.monitoring.endpoints.map((ip) => ({ ip })), externalMgrPrometheusPort: p.monitoring.port }
          : undefined,
      }),
    });
    place(this.resource, 'cluster', { dataBearing: true });

    site.addArtifact(`EXTERNAL-CLUSTER-${this.clusterName}.md`, this.secretsNote(rook));
    // on the Site, so the message starts with the StorageClass's own path
    site.node.addValidation({ validate: () => this.checkClassSecrets(site, rook) });
  }

  /**
   * Every CSI Secret a StorageClass / VolumeSnapshotClass of the site names in this namespace must be provided
   * here, unless the operator creates it (Rook < 1.20 with the client.admin user; Rook 1.2 always).
   */
  private checkClassSecrets(site: Site, rook: string): string[] {
    const v = site.versions;
    if (!hasFeature(v, 'externalImportedSecrets')) return [];
    if (!hasFeature(v, 'externalCsiSecretsRequired') && this.config.healthCheckUser === 'client.admin') return [];
    const provided = new Set(this.secretTargets.map((s) => s.target.name));
    const csi = CSI_SLOTS.map((slot) => [slot, EXTERNAL_SECRET_NAMES[slot]] as const);
    const out: string[] = [];
    for (const obj of site.allApiObjects()) {
      if (obj.kind !== 'StorageClass' && obj.kind !== 'VolumeSnapshotClass') continue;
      const params: Record<string, string> = obj.toJson().parameters ?? {};
      const seen = new Set<string>();
      for (const [k, val] of Object.entries(params).sort()) {
        const m = /^csi\.storage\.k8s\.io\/(.+)-secret-namespace$/.exec(k);
        if (!m || val !== this.namespace) continue;
        const nameKey = `csi.storage.k8s.io/${m[1]}-secret-name`;
        const secretName = params[nameKey];
        const slot = csi.find(([, n]) => n === secretName)?.[0];
        if (!slot || provided.has(secretName) || seen.has(secretName)) continue;
        seen.add(secretName);
        out.push(new ConfigError({
          path: `${obj.node.path.replace(/\/Resource$/, '')}: parameters.${nameKey}`,
          problem: `${obj.kind} "${obj.name}" uses Secret "${secretName}" of external cluster "${this.clusterName}", which the ExternalCluster does not provide; on Rook v${rook} the operator creates CSI secrets only for the client.admin user, so its PVCs would stay Pending`,
          value: secretName,
          allowed: provided.size ? [...provided].sort().map((n) => `"${n}"`).join(', ') : '(the ExternalCluster provides no Secrets)',
          fix: `add secrets.${slot} to the ExternalCluster (the exporter prints it as ${secretName})`,
        }).message);
      }
    }
    return out;
  }

  /** What upstream's common-external.yaml sets up for a cluster namespace other than the operator's. */
  private addRbac(withDefaultSa: boolean): void {
    const ns = this.namespace;
    const add = (obj: ApiObject) => place(obj, 'operator');
    add(new KubeRoleBinding(this, 'ClusterMgmtBinding', {
      metadata: { name: 'rook-ceph-cluster-mgmt', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rook-ceph-cluster-mgmt' },
      subjects: [{ kind: 'ServiceAccount', name: 'rook-ceph-system', namespace: this.operatorNamespace }],
    }));
    add(new KubeRole(this, 'CmdReporterRole', {
      metadata: { name: 'rook-ceph-cmd-reporter', namespace: ns },
      rules: [{ apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] }],
    }));
    add(new KubeRoleBinding(this, 'CmdReporterBinding', {
      metadata: { name: 'rook-ceph-cmd-reporter', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rook-ceph-cmd-reporter' },
      subjects: [{ kind: 'ServiceAccount', name: 'rook-ceph-cmd-reporter', namespace: ns }],
    }));
    add(new KubeServiceAccount(this, 'CmdReporterSa', { metadata: { name: 'rook-ceph-cmd-reporter', namespace: ns } }));
    if (withDefaultSa) add(new KubeServiceAccount(this, 'DefaultSa', { metadata: { name: 'rook-ceph-default', namespace: ns } }));
  }

  /** A note next to the manifests: every Secret, every key, and where its value comes from. */
  private secretsNote(rook: string): string {
    const lines = [
      `# External cluster ${this.clusterName} (namespace ${this.namespace}, Rook v${rook})`,
      '',
      `fsid ${this.fsid}; mons ${this.monEndpoints.join(', ')}.`,
      '',
      'No key is stored in this repository. Each secret value below must exist where the table says before the',
      'CephCluster can connect (status Connecting -> Connected) and before PVCs can bind.',
      '',
      '| Secret | Key | Value / source |',
      '|---|---|---|',
    ];
    for (const s of this.secretTargets) {
      for (const k of Object.keys(s.target.plain).sort()) lines.push(`| ${s.target.name} | ${k} | \`${s.target.plain[k]}\` (from props) |`);
      for (const k of s.target.secretKeys) lines.push(`| ${s.target.name} | ${k} | ${s.ref.kind === 'externalSecret' ? s.ref.describe(k) : s.ref.describe()} |`);
    }
    const existing = this.secretTargets.filter((s) => s.ref.kind === 'existing');
    if (existing.length) {
      lines.push('', 'Secrets referenced as existing must be created in the cluster, for example (`read -rs` keeps the key out of shell history and off disk):', '');
      for (const s of existing) {
        const plainArgs = Object.keys(s.target.plain).sort().map((k) => `--from-literal=${k}=${s.target.plain[k]}`);
        const secretArgs = s.target.secretKeys.map((k) => `--from-literal=${k}="$${k.replace(/[^A-Za-z0-9]/g, '_')}"`);
        lines.push('```sh', ...s.target.secretKeys.map((k) => `read -rs ${k.replace(/[^A-Za-z0-9]/g, '_')}`),
          `kubectl -n ${s.target.namespace} create secret generic ${s.target.name} --type=${s.target.type ?? 'Opaque'} ${[...plainArgs, ...secretArgs].join(' ')}`, '```');
      }
    }
    return lines.join('\n');
  }

  /** Adds an RBD StorageClass whose images live in a pool of this cluster (one of `rbdPools`). */
  public addRbdStorageClass(id: string, options: ExternalRbdStorageClassOptions): CephRbdStorageClass {
    return new CephRbdStorageClass(this, id, { ...options, cluster: this });
  }

  /** Adds a CephFS StorageClass for a filesystem of this cluster (one of `filesystems`). */
  public addCephFsStorageClass(id: string, options: CephFsExternalStorageClassOptions): CephFsExternalStorageClass {
    return new CephFsExternalStorageClass(this, id, { ...options, cluster: this });
  }

  /** Adds a CephBlockPoolRadosNamespace in a pool of this cluster (Rook 1.20). */
  public addRadosNamespace(id: string, options: ExternalRadosNamespaceOptions): CephBlockPoolRadosNamespace {
    return new CephBlockPoolRadosNamespace(this, id, { ...options, cluster: this });
  }

  /** Adds a CephFilesystemSubVolumeGroup in a filesystem of this cluster (Rook 1.20). */
  public addSubVolumeGroup(id: string, options: ExternalSubVolumeGroupOptions): CephFilesystemSubVolumeGroup {
    return new CephFilesystemSubVolumeGroup(this, id, { ...options, cluster: this });
  }
}

/** Type guard used by StorageClasses. */
export function isExternalCluster(x: unknown): x is ExternalCluster {
  return x instanceof ExternalCluster;
}

/** Props of {@link ExternalCluster.addRbdStorageClass}: those of {@link CephRbdStorageClassProps} but the cluster (the parent), the pool by name. */
export interface ExternalRbdStorageClassOptions extends Omit<CephRbdStorageClassProps, 'cluster' | 'pool' | 'radosNamespace'> {
  /** The Ceph pool holding the images, one of the cluster's `rbdPools`. */
  readonly pool: string;
}

/** Props of {@link ExternalCluster.addCephFsStorageClass}: those of {@link CephFsExternalStorageClassProps} but the cluster, which is the parent. */
export interface CephFsExternalStorageClassOptions extends Omit<CephFsExternalStorageClassProps, 'cluster'> {}

/** Props of {@link ExternalCluster.addRadosNamespace}: those of {@link CephBlockPoolRadosNamespaceProps} but the cluster (the parent), the pool by name. */
export interface ExternalRadosNamespaceOptions extends Omit<CephBlockPoolRadosNamespaceProps, 'cluster' | 'blockPool'> {
  /** The Ceph pool of the namespace, one of the cluster's `rbdPools`. */
  readonly blockPool: string;
}

/** Props of {@link ExternalCluster.addSubVolumeGroup}: those of {@link CephFilesystemSubVolumeGroupProps} but the cluster (the parent), the filesystem by name. */
export interface ExternalSubVolumeGroupOptions extends Omit<CephFilesystemSubVolumeGroupProps, 'cluster' | 'filesystem'> {
  /** The filesystem of the group, one of the cluster's `filesystems`. */
  readonly filesystem: string;
}
