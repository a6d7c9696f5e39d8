/**
 * Random site configurations per construct family, as plain props objects (so they can be mutated), and the code
 * that builds a site from one. Every generated configuration is one a user could write and we must accept.
 */
import * as crypto from 'crypto';
import fc from 'fast-check';
import { App } from 'cdk8s';
import {
  CephCsi, CephFilesystem, CephFsExternalStorageClass, CephFsStorageClass, CephRbdSnapshotClass, CephRbdStorageClass,
  ExternalCluster, FlexStorageClass, FlexVolume, RookCluster, RookOperator, SecretRef, Site, Toolbox, TopoLVM,
  TopoLVMStorageClass,
} from '../../src';
import { topolvmChartFor, TOPOLVM_LINES } from '../../src/versions/topolvm-lines';
import * as semver from 'semver';
import { hasFeature, RookVersion, ROOK_PROFILES } from '../../src/versions';
import { UPSTREAM_DIR, upstreamPath } from '../upstream';

/** Scale of the property runs: 1 in `npm test`, larger in `npm run fuzz`. */
export const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
export const SEED = Number(process.env.FUZZ_SEED ?? '20261201');

/**
 * DNS labels, many of which a YAML 1.1 reader would take for something else if written unquoted
 * (booleans, null, numbers in octal/hex/exponent/sexagesimal-free forms).
 */
const TRICKY = ['n', 'y', 'no', 'yes', 'on', 'off', 'true', 'false', 'null', 'nan', '012', '0x1f', '1e3', '0b101', '123', '1-2'];
export const label = (max = 20): fc.Arbitrary<string> => fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 5, arbitrary: fc.stringMatching(new RegExp(`^[a-z][a-z0-9-]{0,${Math.max(0, max - 2)}}[a-z0-9]$`)) },
);
const distinctLabels = (min: number, max: number, len = 12) => fc.uniqueArray(label(len), { minLength: min, maxLength: max });
const patch = (minor: number) => fc.integer({ min: 0, max: 12 }).map((p) => `1.${minor}.${p}`);
const kube = (min: number, max: number) => fc.integer({ min, max }).chain(patch);

/** A GitOps engine block that reads `dist/<site>`. */
const gitops = (site: string) => fc.oneof(
  fc.constant({ engine: 'plain' as const }),
  fc.constant({ engine: 'argocd' as const, repoURL: 'https://git.example.com/platform/storage.git', path: `dist/${site}` }),
  fc.constant({ engine: 'flux' as const, url: 'https://git.example.com/platform/storage.git', branch: 'main', path: `./dist/${site}` }),
);

export interface Family<C> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<C>;
  /** Builds the configuration's site(s) into `app`. */
  build(app: App, cfg: C): void;
}

// ----------------------------------------------------------------------------------------------------------------
// Rook 1.20: operator, CSI, cluster, pools, RBD classes, CephFS, toolbox, snapshot class

export interface Rook120Config {
  site: any;
  operator: any;
  csi: any;
  cluster: any;
  pools: Array<{ name: string; options: any }>;
  classes: Array<{ id: string; pool: number; props: any }>;
  ec?: { meta: any; data: any; class: any };
  filesystem?: { id: string; props: any; classId: string };
  toolbox: boolean;
  snapshot?: { id: string; props: any };
}

const rook120: fc.Arbitrary<Rook120Config> = fc.record({
  siteName: label(),
  k8s: kube(31, 36),
  nodes: distinctLabels(3, 5),
  racks: fc.boolean(),
  opNs: fc.constantFrom('rook-ceph', 'storage-system', 'ceph-op'),
  clusterNs: fc.constantFrom('rook-ceph', 'ceph', 'storage'),
  logLevel: fc.constantFrom('DEBUG', 'INFO', 'WARNING', 'ERROR'),
  replicas: fc.integer({ min: 1, max: 3 }),
  mons: fc.constantFrom(1, 3),
  storage: fc.oneof(
    fc.constant({ useAllNodes: true, useAllDevices: true }),
    fc.constant({ useAllNodes: true, deviceFilter: '^sd[b-d]$' }),
    fc.constant({ useAllNodes: true, devicePathFilter: '^/dev/disk/by-path/pci-.*-nvme-1$' }),
  ),
  poolNames: distinctLabels(1, 3),
  sizes: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 3, maxLength: 3 }),
  compression: fc.constantFrom(undefined, 'none', 'passive', 'aggressive', 'force'),
  classNames: distinctLabels(3, 3),
  ec: fc.boolean(),
  fs: fc.option(fc.record({ name: label(), active: fc.integer({ min: 1, max: 3 }), standby: fc.boolean() }), { nil: undefined }),
  fsType: fc.constantFrom('ext4', 'xfs'),
  reclaim: fc.constantFrom('Delete', 'Retain'),
  toolbox: fc.boolean(),
  snapshot: fc.boolean(),
  provisionerReplicas: fc.integer({ min: 1, max: 3 }),
}).chain((r) => gitops(r.siteName).map((g) => ({ r, g }))).map(({ r, g }) => {
  const nodes = r.nodes.map((n, i) => (r.racks ? { name: n, rack: `rack${i % 3}` } : { name: n }));
  const poolNames = r.poolNames.filter((n) => !['ec-meta', 'ec-data'].includes(n));
  const cfg: Rook120Config = {
    site: { name: r.siteName, kubernetesVersion: r.k8s, rookVersion: '1.20.6', gitops: g, nodes },
    operator: { namespace: r.opNs, logLevel: r.logLevel },
    csi: { provisionerReplicas: r.provisionerReplicas },
    cluster: { namespace: r.clusterNs, operatorNamespace: r.opNs, mon: { count: r.mons }, storage: r.storage },
    pools: poolNames.map((name, i) => ({
      name,
      options: { failureDomain: 'host', replicated: { size: r.sizes[i] }, ...(r.compression ? { compressionMode: r.compression } : {}) },
    })),
    classes: poolNames.slice(0, 2).map((_n, i) => ({
      id: r.classNames[i],
      pool: i,
      props: { fsType: r.fsType, reclaimPolicy: r.reclaim, isDefault: i === 0 },
    })),
    toolbox: r.toolbox,
  };
  if (r.ec) {
    cfg.ec = {
      meta: { failureDomain: 'host', replicated: { size: 3 } },
      data: { failureDomain: 'host', erasureCoded: { dataChunks: 2, codingChunks: 1 } },
      class: { fsType: r.fsType },
    };
  }
  if (r.fs) cfg.filesystem = { id: `fs-${r.fs.name}`.slice(0, 40), props: { activeCount: r.fs.active, activeStandby: r.fs.standby }, classId: `cephfs-${r.classNames[2]}`.slice(0, 60) };
  if (r.snapshot) cfg.snapshot = { id: 'rbd-snapshots', props: { deletionPolicy: r.reclaim } };
  return cfg;
});

export const ROOK120: Family<Rook120Config> = {
  name: 'Rook 1.20 cluster + pools + classes + CephFS + tools',
  arbitrary: rook120,
  build(app, c) {
    const site = new Site(app, 'site', c.site);
    const operator = new RookOperator(site, 'operator', c.operator);
    new CephCsi(site, 'csi', { operator, ...c.csi });
    const cluster = new RookCluster(site, 'cluster', c.cluster);
    const pools = c.pools.map((p) => cluster.addPool(p.name, p.options));
    for (const k of c.classes) new CephRbdStorageClass(site, k.id, { pool: pools[k.pool], ...k.props });
    if (c.ec) {
      const meta = cluster.addPool('ec-meta', c.ec.meta);
      const data = cluster.addPool('ec-data', c.ec.data);
      new CephRbdStorageClass(site, 'block-ec', { pool: meta, dataPool: data, ...c.ec.class });
    }
    if (c.filesystem) {
      const fs = new CephFilesystem(site, c.filesystem.id, { cluster, ...c.filesystem.props });
      new CephFsStorageClass(site, c.filesystem.classId, { filesystem: fs });
    }
    if (c.toolbox) new Toolbox(site, 'toolbox', { cluster });
    if (c.snapshot) new CephRbdSnapshotClass(site, c.snapshot.id, { cluster, ...c.snapshot.props });
  },
};

// ----------------------------------------------------------------------------------------------------------------
// TopoLVM per scheduling mode

export interface TopoLVMConfig {
  site: any;
  topolvm: any;
  classes: Array<{ id: string; props: any }>;
}

const deviceClasses = fc.uniqueArray(fc.record({ name: label(10), vg: label(10), spare: fc.integer({ min: 0, max: 50 }) }), { minLength: 1, maxLength: 3, selector: (d) => d.name })
  .map((ds) => ds.map((d, i) => ({ name: d.name, volumeGroup: `vg-${d.vg}`, spareGb: d.spare, ...(i === 0 ? { default: true } : {}) })));

const topolvm: fc.Arbitrary<TopoLVMConfig> = fc.oneof(
  // v0.41.0: capacity tracking, lvmd as DaemonSet or embedded
  fc.record({ name: label(), k8s: kube(33, 35), dcs: deviceClasses, lvmd: fc.constantFrom('daemonset', 'embedded', 'systemd'), fsType: fc.constantFrom('xfs', 'ext4', 'btrfs') })
    .map((r) => ({ r, version: '0.41.0', scheduling: { capacityTracking: {} }, platform: 'kubeadm', webhook: undefined as any })),
  // v0.8.3: extender DaemonSet (preset) or Deployment, webhook through cert-manager
  fc.record({ name: label(), k8s: kube(18, 20), dcs: deviceClasses, lvmd: fc.constantFrom('daemonset', 'systemd'), fsType: fc.constantFrom('xfs', 'ext4') }).chain((r) =>
    fc.oneof(
      fc.constantFrom('kubeadm', 'rke1', 'rke2').map((preset) => ({ r, version: '0.8.3', scheduling: { extenderDaemonSet: { preset } }, platform: preset === 'kubeadm' ? 'kubeadm' : preset, webhook: { certManager: true } })),
      fc.integer({ min: 30000, max: 32767 }).map((nodePort) => ({ r, version: '0.8.3', scheduling: { extenderDeployment: { serviceType: 'NodePort', nodePort, urlPrefix: `http://10.0.0.10:${nodePort}` } }, platform: 'kubeadm', webhook: { certManager: true } })),
    )),
  // v0.2.2 on 1.16: extender DaemonSet, lvmd under systemd
  // (one volume group only: lvmd takes --volume-group/--spare flags there)
  fc.record({ name: label(), k8s: patch(16), dcs: deviceClasses.map((ds) => [{ name: ds[0].name, volumeGroup: ds[0].volumeGroup, spareGb: ds[0].spareGb }]), lvmd: fc.constant('systemd'), fsType: fc.constantFrom('xfs', 'ext4') })
    .map((r) => ({ r, version: '0.2.2', scheduling: { extenderDaemonSet: { preset: 'rke1' } }, platform: 'rke1', webhook: { certManager: true } })),
).map(({ r, version, scheduling, platform, webhook }) => ({
  site: { name: r.name, kubernetesVersion: r.k8s, topolvmVersion: version },
  topolvm: { platform, deviceClasses: r.dcs, lvmd: { mode: r.lvmd }, scheduling, ...(webhook ? { webhook } : {}) },
  // v0.2.2 has one volume group and no device-class parameter
  classes: r.dcs.map((d: any, i: number) => ({ id: `topolvm-${d.name}`, props: { ...(version === '0.2.2' ? {} : { deviceClass: d.name }), fsType: r.fsType, ...(i === 0 ? { isDefault: true } : {}) } })),
}));

export const TOPOLVM: Family<TopoLVMConfig> = {
  name: 'TopoLVM per scheduling mode',
  arbitrary: topolvm,
  build(app, c) {
    const site = new Site(app, 'site', c.site);
    const t = new TopoLVM(site, 'topolvm', c.topolvm);
    for (const k of c.classes) new TopoLVMStorageClass(site, k.id, { topolvm: t, ...k.props });
  },
};

// ----------------------------------------------------------------------------------------------------------------
// TopoLVM on any line v0.2–v0.41: any patch (or a v prefix), a Kubernetes minor of the line, each scheduling and lvmd
// mode the line has, device-class options as the line has them, manifests or (lines with a chart) the Helm chart

export interface TopoLVMLineConfig extends TopoLVMConfig {
  line: string;
}

const fsTypes = fc.constantFrom('xfs', 'ext4');

export const topolvmAnyLine: fc.Arbitrary<TopoLVMLineConfig> = fc.constantFrom(...TOPOLVM_LINES).chain((l) => {
  const [lo, hi] = l.kubernetesMinors.map((m) => Number(m.split('.')[1]));
  const pinnedPatch = Number(l.version.split('.')[2]);
  const hasClasses = l.deviceClassKeys.length > 0;
  const chart = topolvmChartFor(l) !== undefined;
  return fc.record({
    name: label(),
    minor: fc.integer({ min: Math.max(lo, 16), max: Math.min(hi, 36) }),
    patchOfK8s: fc.integer({ min: 0, max: 9 }),
    patch: fc.integer({ min: 0, max: pinnedPatch + 3 }),
    prefix: fc.constantFrom('', 'v'),
    dcs: hasClasses ? deviceClasses : deviceClasses.map((ds) => [{ name: ds[0].name, volumeGroup: ds[0].volumeGroup, spareGb: ds[0].spareGb }]),
    stripe: hasClasses && semverGte(l.version, '0.7.0') ? fc.option(fc.integer({ min: 2, max: 4 })) : fc.constant(null),
    thin: semverGte(l.version, '0.11.0') ? fc.boolean() : fc.constant(false),
    lvmd: fc.constantFrom(...l.lvmdModes),
    extender: fc.constantFrom('daemonset', 'deployment'),
    helm: chart ? fc.boolean() : fc.constant(false),
    fsType: fsTypes,
  }).map((r) => {
    const capacity = l.scheduling.includes('capacityTracking') && r.minor >= 21;
    const scheduling = capacity ? { capacityTracking: {} } : r.extender === 'daemonset' ? { extenderDaemonSet: {} } : { extenderDeployment: { serviceType: 'NodePort', nodePort: 31000, urlPrefix: 'http://10.0.0.10:31000' } };
    const dcs: any[] = r.dcs.map((d: any, i: number) => ({ ...d, ...(i === 0 && r.stripe !== null ? { stripe: r.stripe } : {}) }));
    if (r.thin) dcs.push({ name: 'thin-pool-class', volumeGroup: dcs[0].volumeGroup, thinPool: { name: 'pool0', overprovisionRatio: 4 } });
    if (dcs.length > 1 && !dcs.some((d) => d.default)) dcs[0].default = true;
    return {
      line: l.version,
      site: { name: r.name, kubernetesVersion: `1.${r.minor}.${r.patchOfK8s}`, topolvmVersion: `${r.prefix}${l.minor}.${r.patch}` },
      topolvm: {
        deviceClasses: dcs, lvmd: { mode: r.lvmd }, scheduling, ...(capacity ? {} : { webhook: { certManager: true } }),
        ...(r.helm ? { install: { mode: 'helm' } } : {}),
      },
      classes: dcs.map((d: any, i: number) => ({ id: `topolvm-${d.name}`, props: { ...(hasClasses ? { deviceClass: d.name } : {}), fsType: r.fsType, ...(i === 0 ? { isDefault: true } : {}) } })),
    };
  });
});

function semverGte(a: string, b: string): boolean {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  return x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] >= y[2];
}

export const TOPOLVM_ANY_LINE: Family<TopoLVMLineConfig> = {
  name: 'TopoLVM on any line v0.2–v0.41',
  arbitrary: topolvmAnyLine,
  build(app, c) {
    const site = new Site(app, 'site', c.site);
    const t = new TopoLVM(site, 'topolvm', c.topolvm);
    for (const k of c.classes) new TopoLVMStorageClass(site, k.id, { topolvm: t, ...k.props });
  },
};

// ----------------------------------------------------------------------------------------------------------------
// ExternalCluster per SecretRef kind

export interface ExternalConfig {
  site: any;
  cluster: any;
  secretKind: 'externalSecret' | 'sealedSecret' | 'existing';
  rbdClass: boolean;
  fsClass: boolean;
}

const external: fc.Arbitrary<ExternalConfig> = fc.record({
  name: label(),
  k8s: kube(31, 36),
  ns: fc.constantFrom('rook-ceph-external', 'ceph-ext', 'rook-ceph'),
  pools: distinctLabels(1, 3),
  fsName: label(10),
  monCount: fc.integer({ min: 1, max: 5 }),
  port: fc.constantFrom(3300, 6789),
  kind: fc.constantFrom('externalSecret' as const, 'sealedSecret' as const, 'existing' as const),
  rbdClass: fc.boolean(),
  fsClass: fc.boolean(),
}).chain((r) => gitops(r.name).map((g) => ({ r, g }))).map(({ r, g }) => ({
  site: { name: r.name, kubernetesVersion: r.k8s, rookVersion: '1.20.6', gitops: g },
  cluster: {
    namespace: r.ns,
    fsid: '3f1c9a52-8d4e-4b6f-9a27-5c0e1d2b7f48',
    monEndpoints: Array.from({ length: r.monCount }, (_v, i) => `m${i}=10.0.0.${11 + i}:${r.port}`),
    rbdPools: r.pools,
    filesystems: [{ name: r.fsName, dataPools: [`${r.fsName}-data`], metadataPool: `${r.fsName}-metadata` }],
  },
  secretKind: r.kind,
  rbdClass: r.rbdClass,
  fsClass: r.fsClass,
}));

/** Fake Sealed Secrets ciphertext (shape only), deterministic per key name. */
function ciphertext(seed: string): string {
  const bytes = Buffer.concat(Array.from({ length: 17 }, (_v, i) => crypto.createHash('sha256').update(`${seed}/${i}`).digest()));
  return `Ag${bytes.toString('base64').replace(/=+$/, '')}`;
}

function secretRef(kind: ExternalConfig['secretKind'], secret: string, key: string): SecretRef {
  switch (kind) {
    case 'externalSecret':
      return SecretRef.externalSecret({ store: { kind: 'ClusterSecretStore', name: 'vault' }, data: { [key]: { key: `ceph/${secret}`, property: key } } });
    case 'sealedSecret':
      return SecretRef.sealedSecret({ encryptedData: { [key]: ciphertext(`${secret}/${key}`) } });
    default:
      return SecretRef.existing();
  }
}

export const EXTERNAL: Family<ExternalConfig> = {
  name: 'ExternalCluster per SecretRef kind',
  arbitrary: external,
  build(app, c) {
    const site = new Site(app, 'site', c.site);
    const operator = new RookOperator(site, 'operator', {});
    new CephCsi(site, 'csi', { operator });
    const k = c.secretKind;
    const cluster = new ExternalCluster(site, 'external', {
      ...c.cluster,
      secrets: {
        mon: secretRef(k, 'rook-ceph-mon', 'ceph-secret'),
        csiRbdNode: secretRef(k, 'rook-csi-rbd-node', 'userKey'),
        csiRbdProvisioner: secretRef(k, 'rook-csi-rbd-provisioner', 'userKey'),
        csiCephfsNode: secretRef(k, 'rook-csi-cephfs-node', 'userKey'),
        csiCephfsProvisioner: secretRef(k, 'rook-csi-cephfs-provisioner', 'userKey'),
      },
    });
    if (c.rbdClass) new CephRbdStorageClass(site, 'ceph-rbd', { cluster, pool: c.cluster.rbdPools[0] });
    const fs = c.cluster.filesystems[0];
    if (c.fsClass) new CephFsExternalStorageClass(site, 'cephfs', { cluster, fsName: fs.name, pool: fs.dataPools[0] });
  },
};

// ----------------------------------------------------------------------------------------------------------------
// Legacy: FlexVolume per preset on Rook 1.7, and Rook 1.2

export interface LegacyConfig {
  site: any;
  cluster: any;
  pool: any;
  flex?: any;
  flexClass?: any;
  csiClass: boolean;
}

const legacy: fc.Arbitrary<LegacyConfig> = fc.oneof(
  fc.record({
    name: label(), k8s: kube(16, 22), nodes: distinctLabels(3, 4),
    platform: fc.constantFrom('kubelet-default', 'kubespray-pre-2.11', 'kubespray', 'rke', 'gke', 'aks'),
    fsType: fc.constantFrom('ext4', 'xfs'), csiClass: fc.boolean(),
  }).map((r) => ({
    site: { name: r.name, kubernetesVersion: r.k8s, rookVersion: '1.7.11', nodes: r.nodes.map((name) => ({ name })) },
    cluster: { storage: { useAllNodes: true, deviceFilter: '^sd[b-c]$' } },
    pool: { failureDomain: 'host', replicated: { size: 3 } },
    flex: { platform: r.platform },
    flexClass: { fsType: r.fsType },
    csiClass: r.csiClass,
  })),
  fc.record({ name: label(), k8s: kube(16, 18), nodes: distinctLabels(3, 4), flex: fc.boolean(), fsType: fc.constantFrom('ext4', 'xfs') }).map((r) => ({
    site: { name: r.name, kubernetesVersion: r.k8s, rookVersion: '1.2.7', nodes: r.nodes.map((name) => ({ name })) },
    cluster: { mon: { count: 3 }, storage: { useAllNodes: true, deviceFilter: '^sd[b-c]$' } },
    pool: { failureDomain: 'host', replicated: { size: 3 } },
    ...(r.flex ? { flex: { platform: 'kubelet-default' }, flexClass: { fsType: r.fsType } } : {}),
    csiClass: true,
  })),
);

export const LEGACY: Family<LegacyConfig> = {
  name: 'FlexVolume per preset on Rook 1.7, and Rook 1.2',
  arbitrary: legacy,
  build(app, c) {
    const site = new Site(app, 'site', c.site);
    const operator = new RookOperator(site, 'operator', {});
    new CephCsi(site, 'csi', { operator });
    const cluster = new RookCluster(site, 'cluster', c.cluster);
    const pool = cluster.addPool('replicapool', c.pool);
    if (c.flex) {
      new FlexVolume(site, 'flex', { operator, ...c.flex });
      new FlexStorageClass(site, 'rook-ceph-block-flex', { pool, ...c.flexClass });
    }
    if (c.csiClass) new CephRbdStorageClass(site, 'rook-ceph-block', { pool });
  },
};

// ----------------------------------------------------------------------------------------------------------------
// Rook on any line v1.0–v1.20: any patch of the line (sometimes with a leading v), a Kubernetes minor of the line's
// range, a cluster with pools and a block class (CSI, or FlexVolume where the line has it). Lines without a chart
// (v1.0) install the operator from the mirror's example files, so they are drawn only when the mirror is there.

export interface RookLineConfig {
  line: RookVersion;
  site: any;
  cluster: any;
  pools: Array<{ name: string; options: any }>;
  block: 'csi' | 'flex';
  classes: Array<{ id: string; pool: number; props: any }>;
}

/** Kubernetes minors (16–36) a Rook line supports. */
function kubernetesMinors(line: RookVersion): number[] {
  return Array.from({ length: 21 }, (_, i) => 16 + i).filter((m) => semver.satisfies(`1.${m}.0`, ROOK_PROFILES[line].kubernetes));
}

export const ROOK_ANY_LINE_VERSIONS: readonly RookVersion[] = (Object.keys(ROOK_PROFILES) as RookVersion[])
  .filter((l) => ROOK_PROFILES[l].hasChart || UPSTREAM_DIR !== undefined);

/** What the arbitrary needs of each line, computed once. */
const LINE_FACTS = new Map(ROOK_ANY_LINE_VERSIONS.map((line) => {
  const minors = kubernetesMinors(line);
  const probe = { rook: line, rookRelease: line, kubernetes: `1.${minors[minors.length - 1]}.0` };
  return [line, { minors, csi: hasFeature(probe, 'csi'), flex: hasFeature(probe, 'flexVolume') }];
}));

export const rookAnyLine: fc.Arbitrary<RookLineConfig> = fc.constantFrom(...ROOK_ANY_LINE_VERSIONS).chain((line) => {
  const { minors, csi, flex } = LINE_FACTS.get(line)!;
  // the vendored folder (lines without a chart) is the pinned release itself, so those lines pin that patch
  const pinnedPatch = Number(line.split('.')[2]);
  const minPatch = ROOK_PROFILES[line].hasChart ? 0 : pinnedPatch;
  const minor = line.split('.').slice(0, 2).join('.');
  return fc.record({
    name: label(),
    k8sMinor: fc.constantFrom(...minors),
    k8sPatch: fc.integer({ min: 0, max: 9 }),
    patch: fc.integer({ min: minPatch, max: pinnedPatch }),
    prefix: fc.constantFrom('', 'v'),
    nodes: distinctLabels(3, 3),
    mons: fc.constantFrom(1, 3),
    storage: fc.oneof(
      fc.constant({ useAllNodes: true, useAllDevices: true }),
      fc.constant({ useAllNodes: true, deviceFilter: '^sd[b-d]$' }),
    ),
    poolNames: distinctLabels(1, 2),
    sizes: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 2, maxLength: 2 }),
    failureDomain: fc.constantFrom(undefined, 'host', 'osd'),
    block: csi && flex ? fc.constantFrom('csi' as const, 'flex' as const) : fc.constant(csi ? 'csi' as const : 'flex' as const),
    fsType: fc.constantFrom('ext4', 'xfs'),
    reclaim: fc.constantFrom(undefined, 'Delete' as const, 'Retain' as const),
  }).map((r) => ({
    line,
    site: { name: r.name, kubernetesVersion: `1.${r.k8sMinor}.${r.k8sPatch}`, rookVersion: `${r.prefix}${minor}.${r.patch}`, nodes: r.nodes.map((n) => ({ name: n })) },
    cluster: { mon: { count: r.mons }, storage: r.storage },
    pools: r.poolNames.map((n, i) => ({ name: n, options: { ...(r.failureDomain ? { failureDomain: r.failureDomain } : {}), replicated: { size: r.sizes[i] } } })),
    block: r.block,
    classes: r.poolNames.map((n, i) => ({ id: `${n}-block`, pool: i, props: { fsType: r.fsType, ...(r.reclaim ? { reclaimPolicy: r.reclaim } : {}), isDefault: i === 0 } })),
  }));
});

export const ROOK_ANY_LINE: Family<RookLineConfig> = {
  name: 'Rook on any line v1.0–v1.20 (operator, cluster, pools, block classes)',
  arbitrary: rookAnyLine,
  build(app, c) {
    const site = new Site(app, 'site', c.site);
    const operator = ROOK_PROFILES[c.line].hasChart
      ? new RookOperator(site, 'operator', {})
      : new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook-lines', `v${c.line}`) } });
    const cluster = new RookCluster(site, 'cluster', c.cluster);
    const pools = c.pools.map((p) => cluster.addPool(p.name, p.options));
    if (c.block === 'csi') {
      new CephCsi(site, 'csi', { operator });
      for (const k of c.classes) new CephRbdStorageClass(site, k.id, { pool: pools[k.pool], ...k.props });
    } else {
      new FlexVolume(site, 'flex', { operator, platform: 'kubelet-default' });
      for (const k of c.classes) new FlexStorageClass(site, k.id, { pool: pools[k.pool], ...k.props });
    }
  },
};

export const FAMILIES: ReadonlyArray<Family<any>> = [ROOK120, TOPOLVM, EXTERNAL, LEGACY];
