/**
 * Change classification: what a difference between the committed manifests and a new synth means for the cluster.
 * Pure: manifests in, changes out (synth uses it for its immutable-field warnings, `plan` for the whole report).
 */

/** Classes, mildest first. */
export type ChangeClass = 'safe' | 'rolling-restart' | 'data-plane-upgrade' | 'data-movement' | 'immutable' | 'destructive';

export const CLASS_ORDER: readonly ChangeClass[] = ['safe', 'rolling-restart', 'data-plane-upgrade', 'data-movement', 'immutable', 'destructive'];

export const CLASS_TITLES: Record<ChangeClass, string> = {
  'safe': 'safe',
  'rolling-restart': 'rolling restart',
  'data-plane-upgrade': 'data-plane upgrade',
  'data-movement': 'data movement',
  'immutable': 'immutable',
  'destructive': 'destructive',
};

/** One field (or whole-object) difference. `path` is a dot path with `[name]` for named list items. */
export interface FieldDiff {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** What one difference means. */
export interface Classified {
  readonly class: ChangeClass;
  /** What happens in the cluster. */
  readonly why: string;
  /** Which pods restart (rolling restart). */
  readonly restarts?: string;
  /** Needs an explicit allow although the class alone would not (EC profile changes, which Ceph refuses). */
  readonly needsAllow?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const named = (a: unknown[]): boolean => a.length > 0 && a.every((x) => isObj(x) && typeof x.name === 'string') && new Set(a.map((x) => (x as any).name)).size === a.length;

/** Leaf differences of two manifests. Lists of named items are matched by name, lists of scalars compared whole. */
export function diffFields(before: unknown, after: unknown, path = ''): FieldDiff[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffFields(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && (named(before) || before.length === 0) && (named(after) || after.length === 0) && (before.length + after.length > 0) && (named(before) || named(after))) {
    const by = (a: unknown[]) => new Map(a.map((x) => [(x as any).name as string, x]));
    const b = by(before);
    const a = by(after);
    const names = [...new Set([...b.keys(), ...a.keys()])];
    return names.flatMap((n) => diffFields(b.get(n), a.get(n), `${path}[${n}]`));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.some((x) => isObj(x) || Array.isArray(x))) {
    return before.flatMap((x, i) => diffFields(x, after[i], `${path}[${i}]`));
  }
  return [{ path: path || '(object)', before, after }];
}

/** Kinds whose removal deletes data, or everything under them. */
const DATA_KINDS = new Set(['CephCluster', 'CephBlockPool', 'CephFilesystem', 'CephObjectStore', 'CephFilesystemSubVolumeGroup', 'CephBlockPoolRadosNamespace', 'CephNFS', 'Namespace', 'CustomResourceDefinition', 'PersistentVolumeClaim']);

/** The rook-ceph operator chart reference (Argo CD Application / Flux HelmRelease), if `m` is one. */
export function isRookChartRef(m: any): boolean {
  return (m?.kind === 'Application' && m?.spec?.source?.chart === 'rook-ceph') || (m?.kind === 'HelmRelease' && m?.spec?.chart?.spec?.chart === 'rook-ceph');
}

/** What removing an object means. */
export function classifyRemoval(m: any): Classified {
  const kind = String(m?.kind);
  if (DATA_KINDS.has(kind)) {
    const what: Record<string, string> = {
      CephCluster: 'the storage cluster: deleting it (by hand, or by an engine that prunes) removes every pool, filesystem and volume in it',
      CephBlockPool: 'a pool: the operator deletes the Ceph pool and every RBD image in it when the CR is deleted',
      CephFilesystem: 'a filesystem: deleting the CR deletes its pools unless preservePoolsOnDelete is set',
      CephObjectStore: 'an object store: deleting the CR deletes its pools unless preservePoolsOnDelete is set',
      Namespace: 'a namespace: deleting it deletes everything in it',
      CustomResourceDefinition: 'a CRD: deleting it deletes every custom resource of that kind',
      PersistentVolumeClaim: 'a claim: deleting it releases its volume (deleted with reclaimPolicy Delete)',
    };
    const kept = /Prune=false/.test(String(m?.metadata?.annotations?.['argocd.argoproj.io/sync-options'] ?? '')) || m?.metadata?.annotations?.['kustomize.toolkit.fluxcd.io/prune'] === 'disabled';
    return { class: 'destructive', why: `removes ${what[kind] ?? `a ${kind}, and the data under it`}${kept ? '. The engine does not prune it (it stays, unmanaged, until deleted by hand), but Git no longer describes it' : ''}` };
  }
  if (isRookChartRef(m)) return { class: 'destructive', why: 'removes the Rook operator release, which carries the Rook CRDs: uninstalling it deletes every Ceph custom resource' };
  if (kind === 'StorageClass') return { class: 'safe', why: 'removes a class: bound volumes keep working, new PVCs that name it stay Pending' };
  return { class: 'safe', why: `removes a ${kind}` };
}

const DAEMONS: Record<string, string> = {
  all: 'every Ceph daemon', mon: 'the mon pods', mgr: 'the mgr pods', osd: 'the OSD pods', prepareosd: 'the OSD prepare jobs',
  crashcollector: 'the crash collector pods', cleanup: 'the cleanup jobs', exporter: 'the Ceph exporter pods', mds: 'the MDS pods', rgw: 'the RGW pods',
};

const immutable = (why: string): Classified => ({ class: 'immutable', why: `${why}; the API server refuses the change ("field is immutable") and the sync fails` });
const restart = (restarts: string, why = 'pods are recreated with the new setting, one at a time'): Classified => ({ class: 'rolling-restart', why, restarts });
const safe = (why = 'applied in place'): Classified => ({ class: 'safe', why });
const movement = (why: string): Classified => ({ class: 'data-movement', why: `${why}; Ceph moves data (backfill) until all PGs are active+clean again: expect recovery traffic` });

const POOL_MOVEMENT = /^(failureDomain|deviceClass|crushRoot|replicated\.(size|subFailureDomain|replicasPerFailureDomain|hybridStorage.*)|replicated)$/;

/**
 * Fewer replicas of a pool: a durability change, so it needs an allow (`site.allowChange`). Ceph serves a placement
 * group only while at least `min_size` copies are up: with `min_size` equal to the new size, one failed OSD (or host)
 * blocks I/O on its PGs; with `min_size` lower, writes are acknowledged on fewer copies and the next failure loses them.
 */
function fewerReplicas(before: number, after: number, pool: any): Classified {
  const minSize = Number(pool?.parameters?.min_size);
  const min = Number.isInteger(minSize) && minSize > 0 ? minSize : undefined;
  const blocks = min !== undefined && min >= after;
  const detail = after <= 1
    ? 'a single copy: any failed disk loses data (Rook refuses size 1 unless requireSafeReplicaSize is false)'
    : blocks
      ? `with min_size ${min} the pool needs all ${after} copies, so I/O on the affected PGs stops at the first failed OSD or host`
      : `${after} copies survive ${after - 1} failure${after - 1 > 1 ? 's' : ''}, not ${before - 1}: with min_size ${after}, I/O on the affected PGs stops at the first failed OSD or host; with a lower min_size${min !== undefined ? ` (here ${min})` : ''}, writes are acknowledged on fewer copies and the next failure loses them`;
  return {
    class: 'data-movement', needsAllow: true,
    why: `replica count ${before} → ${after}: fewer copies is a durability change (${detail}); Ceph removes the extra copies`,
  };
}

function poolField(rest: string, before: unknown, after: unknown, pool?: unknown): Classified | undefined {
  if (rest === 'replicated.size' && typeof before === 'number' && typeof after === 'number' && after < before) return fewerReplicas(before, after, pool);
  if (/^erasureCoded/.test(rest)) {
    return { class: 'data-movement', needsAllow: true, why: 'changes the erasure-code profile of an existing pool: Ceph refuses this (a pool keeps the profile it was created with), so the operator fails to reconcile the pool; create a new pool with the new profile and migrate the volumes to it' };
  }
  if (POOL_MOVEMENT.test(rest)) {
    const what = rest === 'replicated.size' ? `replica count ${before ?? '(unset)'} → ${after ?? '(unset)'}${Number(after) < Number(before) ? ' (less redundancy: fewer failures are survived)' : ''}` : `${rest} ${JSON.stringify(before) ?? '(unset)'} → ${JSON.stringify(after) ?? '(unset)'} (CRUSH placement)`;
    return movement(what);
  }
  return undefined;
}

/** What a changed field of an existing object means. */
export function classifyField(m: any, d: FieldDiff): Classified {
  const kind = String(m?.kind);
  const p = d.path;
  const psaKey = (v: unknown) => isObj(v) && Object.keys(v).some((k) => k.startsWith('pod-security.kubernetes.io/'));
  if (kind === 'Namespace' && (p.startsWith('metadata.labels.pod-security.kubernetes.io/') || (p === 'metadata.labels' && (psaKey(d.before) || psaKey(d.after))))) {
    return safe('Pod Security Admission label: the API server checks new pods against the level, running pods are not touched (synth refuses a level stricter than the namespace\'s pods need)');
  }
  if (/^metadata\.(labels|annotations)/.test(p)) return safe('metadata only');
  if (p === 'apiVersion') return safe('served under another API version; the stored object is converted');
  switch (kind) {
    case 'CephCluster': {
      if (p === 'spec.cephVersion.image') return { class: 'data-plane-upgrade', why: `Ceph image ${d.before} → ${d.after}: the operator upgrades the mons, mgrs, OSDs, MDSes and RGWs one by one, waiting for the cluster to settle after each` };
      if (p.startsWith('spec.cleanupPolicy')) {
        return after(d) ? { class: 'destructive', why: 'sets the cleanup policy (confirmDataDestruction()): the operator stops orchestrating the cluster, and deleting the CephCluster wipes dataDirHostPath and the OSD disks' } : safe('clears the cleanup policy');
      }
      if (p === 'spec.dataDirHostPath') return immutable('moves the mons\' and OSDs\' host data folder');
      if (/^spec\.storage\.storageClassDeviceSets\[[^\]]+\]\.volumeClaimTemplates/.test(p)) return immutable('changes the PVC template of a device set: existing OSD PVCs keep theirs (PVC specs are immutable) and Rook refuses to reconcile the set');
      if (/^spec\.storage/.test(p)) return movement('changes which disks or PVCs carry OSDs: OSDs are created or taken out');
      const keyed = /^spec\.(resources|placement|priorityClassNames|annotations|labels)\.([^.[]+)/.exec(p);
      if (keyed) return restart(DAEMONS[keyed[2]] ?? `the ${keyed[2]} pods`);
      const probe = /^spec\.healthCheck\.(livenessProbe|startupProbe)\.([^.[]+)/.exec(p);
      if (probe) return restart(DAEMONS[probe[2]] ?? `the ${probe[2]} pods`, `the ${probe[1]} of the pods changes, so they are recreated one at a time`);
      if (/^spec\.healthCheck/.test(p)) return safe('changes how often the operator checks the daemons (or mutes a health warning); no pod restarts');
      if (/^spec\.(cephConfig|cephConfigFromSecret)/.test(p)) return safe('the operator sets the options in the mon config database (ceph config set); daemons pick up runtime options at once, startup-only options at their next restart');
      if (/^spec\.security\.cephx/.test(p)) return restart('the daemons (or CSI clients) whose cephx keys rotate', 'new keys are generated and the pods using them restart with the new key');
      if (/^spec\.security\.keyRotation/.test(p)) return safe('changes the schedule of the OSD encryption key rotation job');
      if (/^spec\.(skipUpgradeChecks|continueUpgradeAfterChecksEvenIfNotHealthy|waitTimeoutForHealthyOSDInMinutes|upgradeOSDRequiresHealthyPGs)$/.test(p)) return safe('changes how the next upgrade proceeds; nothing restarts now');
      if (/^spec\.(disruptionManagement|removeOSDsIfOutAndSafeToRemove)/.test(p)) return safe('changes how the operator handles drains and out OSDs (PodDisruptionBudgets); nothing restarts');
      if (/^spec\.csi/.test(p)) return restart('the CSI plugin pods of this cluster', 'the operator updates the CSI configuration; new mounts use it, mounted volumes stay mounted');
      if (/^spec\.mon\.stretchCluster/.test(p)) return movement('changes the stretch layout: mons move between zones and the CRUSH rules of the stretched pools change (read the stretch-cluster guide of the pinned Rook release first)');
      if (/^spec\.mon/.test(p)) return restart('the mon pods', 'mons are replaced one at a time (quorum is kept)');
      if (/^spec\.(mgr|dashboard|monitoring)/.test(p)) return restart('the mgr pods');
      if (/^spec\.network/.test(p)) return restart('every Ceph daemon', 'daemons restart on the new network settings; clients reconnect');
      if (/^spec\.crashCollector/.test(p)) return restart('the crash collector pods');
      return restart('the Ceph daemons the setting applies to', 'the operator reconciles the cluster with the new setting');
    }
    case 'CephBlockPool': {
      const c = poolField(p.replace(/^spec\./, ''), d.before, d.after, m?.spec);
      return c ?? safe('Ceph applies the pool setting in place');
    }
    case 'CephFilesystem':
    case 'CephObjectStore': {
      if (/^spec\.(preservePoolsOnDelete|preserveFilesystemOnDelete)$/.test(p)) {
        return d.after === true ? safe('keeps the data when the CR is deleted') : { class: 'destructive', why: `turns ${p.slice(5)} off: deleting the CR now deletes the ${p.includes('Filesystem') ? 'filesystem' : 'pools'} and the data in them` };
      }
      const pool = /^spec\.(metadataPool|dataPool|dataPools\[[^\]]+\])(?:\.(.*))?$/.exec(p);
      if (pool) {
        if (pool[2] === undefined && d.after === undefined) return { class: 'destructive', why: `removes ${pool[1]}: its data is deleted` };
        if (pool[2] === undefined) return safe(`adds ${pool[1]}`);
        return poolField(pool[2], d.before, d.after, poolAt(m, pool[1])) ?? safe('Ceph applies the pool setting in place');
      }
      if (/^spec\.metadataServer/.test(p)) return restart('the MDS pods', 'MDS daemons are replaced (standbys take over)');
      if (/^spec\.gateway/.test(p)) return restart('the RGW pods');
      return safe();
    }
    case 'StorageClass':
      if (/^(provisioner|parameters|reclaimPolicy|volumeBindingMode)/.test(p)) return immutable(`${p} of an existing StorageClass`);
      return safe();
    case 'VolumeSnapshotClass':
      if (/^(driver|parameters|deletionPolicy)/.test(p)) return immutable(`${p} of an existing VolumeSnapshotClass`);
      return safe();
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet': {
      if (/^spec\.selector/.test(p)) return immutable(`the selector of a ${kind}`);
      if (kind === 'StatefulSet' && /^spec\.(volumeClaimTemplates|serviceName|podManagementPolicy)/.test(p)) return immutable(`${p.split(/[.[]/)[1]} of a StatefulSet`);
      if (/^spec\.template/.test(p)) return restart(`the pods of ${kind} ${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}`, /image$/.test(p) ? `image ${d.before} → ${d.after}` : undefined);
      return safe();
    }
    case 'Job':
      if (/^spec\.template/.test(p)) return immutable('the pod template of a Job');
      return safe();
    case 'Service':
      if (/^spec\.clusterIPs?$/.test(p)) return immutable('the cluster IP of a Service');
      return safe();
    case 'PersistentVolumeClaim':
      if (p === 'spec.resources.requests.storage') return safe('expands the volume (the class must allow expansion; shrinking is refused)');
      if (p.startsWith('spec.')) return immutable(`${p} of a bound claim`);
      return safe();
    case 'ConfigMap':
      if (m.metadata?.name === 'rook-ceph-operator-config') return restart('the Rook operator and the CSI pods it manages', 'the operator reloads its settings and updates the CSI pods');
      if (m.metadata?.name === 'rook-config-override') return restart('none right away: each Ceph daemon reads it when it restarts', 'restart the daemons (or let the next upgrade do it) for the settings to take effect');
      return safe();
    case 'OperatorConfig':
    case 'Driver':
      return restart('the CSI plugin DaemonSets and provisioner Deployments', 'ceph-csi-operator rolls the CSI pods; mounted volumes stay mounted');
    case 'CustomResourceDefinition':
      return safe('new schema (server-side apply); existing resources keep working');
    case 'Application':
    case 'HelmRelease':
      if (isRookChartRef(m)) {
        if (p === 'spec.source.targetRevision' || p === 'spec.chart.spec.version') return { class: 'data-plane-upgrade', why: `Rook operator chart ${d.before} → ${d.after}: new CRDs and RBAC, then the operator, which updates every Ceph daemon's deployment` };
        if (/^spec\.(source\.helm|values)/.test(p)) return restart('the Rook operator (and the CSI pods when CSI values change)');
      }
      return safe();
    default:
      if (/^spec\.template/.test(p)) return restart(`the pods of ${kind} ${m.metadata?.name}`);
      return safe();
  }
}

/** The pool spec at `metadataPool`, `dataPool` or `dataPools[<name>]` of a filesystem or object store. */
function poolAt(m: any, at: string): unknown {
  const named = /^dataPools\[([^\]]+)\]$/.exec(at);
  if (!named) return m?.spec?.[at];
  const pools = m?.spec?.dataPools;
  if (!Array.isArray(pools)) return undefined;
  return pools.find((x: any) => x?.name === named[1]) ?? pools[Number(named[1])];
}

function after(d: FieldDiff): boolean {
  return d.after !== undefined && JSON.stringify(d.after) !== '{}' && d.after !== '';
}
