/**
 * Pod Security Admission (PSA) labels on the Namespaces a site creates.
 *
 * Every Namespace the site writes carries `pod-security.kubernetes.io/enforce`, `audit` and `warn` at the level its
 * pods need: `privileged` where the site's own workloads (TopoLVM node / lvmd, a vendored operator's DaemonSets) or
 * the pods an installed operator creates at run time (Rook's mons and OSDs, the Ceph CSI node plugins) use hostPath,
 * hostNetwork or privileged containers; `baseline` elsewhere (the default many clusters enforce: Talos for every
 * namespace but kube-system). Without the label such a cluster refuses Rook's pods (rook/rook#11755: the mon canary
 * "violates PodSecurity baseline: hostPath volumes").
 *
 * The `-version` labels pin `baseline` and `restricted` to the site's Kubernetes minor (the policy the site was
 * written for; a cluster upgrade does not tighten it until the site's `kubernetesVersion` moves). `privileged` allows
 * everything in every version, so it gets none.
 *
 * A typed override per namespace (`Site` prop `podSecurity`) may lower audit / warn or raise enforce; an enforce
 * level stricter than what the namespace's pods need is a ConfigError. A privileged workload in a namespace the site
 * does not create is a warning naming the label to set.
 */
import { z } from 'zod';
import { ConfigError, ConfigProblem } from '../foundation/errors';
import { PropsMatch } from '../foundation/props-check';
import { hasFeature, VersionSet } from '../versions';

/** A Pod Security Standards level, most permissive first. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';
const LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];
export const PSA_PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'audit', 'warn'] as const;
type Mode = (typeof MODES)[number];

/** The Pod Security Admission labels of one namespace the site creates. */
export interface NamespacePodSecurityProps {
  /** Level the API server enforces: pods violating it are refused. @default - the level the namespace's pods need: privileged for Rook cluster, Rook operator (CSI) and TopoLVM namespaces, else baseline */
  readonly enforce?: PodSecurityLevel;
  /** Level whose violations are written to the audit log. @default - the enforce level */
  readonly audit?: PodSecurityLevel;
  /** Level whose violations are returned to the client as warnings. @default - the enforce level */
  readonly warn?: PodSecurityLevel;
  /**
   * Kubernetes minor whose definition of the levels applies (`v1.33`, or `latest`), for baseline and restricted.
   * @default - the site's Kubernetes minor (none for privileged, which allows everything in every version)
   */
  readonly version?: string;
}

const level = z.enum(LEVELS as [PodSecurityLevel, ...PodSecurityLevel[]]);
export const namespacePodSecuritySchema = z.strictObject({
  enforce: level.optional(),
  audit: level.optional(),
  warn: level.optional(),
  version: z.string().regex(/^(latest|v1\.[0-9]+)$/, { message: 'not a Pod Security version ("latest" or "v1.<minor>", e.g. "v1.33")' }).optional(),
});
const _nsPodSecurityProps: PropsMatch<NamespacePodSecurityProps, z.input<typeof namespacePodSecuritySchema>> = true;

/** Per-namespace overrides, keyed by namespace name. */
export const podSecurityOverridesSchema = z.record(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'not a namespace name (DNS-1123 label)' }), namespacePodSecuritySchema);

/** Why a namespace needs a level: who runs which pods there. */
export interface PodSecurityNeed {
  readonly level: PodSecurityLevel;
  /** construct path or object, e.g. `dc1/cluster` or `DaemonSet topolvm-node` */
  readonly who: string;
  /** what in its pods needs the level, e.g. `mons and OSDs use hostPath volumes and privileged containers` */
  readonly why: string;
}

const needs = new WeakMap<object, Map<string, PodSecurityNeed[]>>();

/**
 * Declares that pods an installed component creates at run time in `namespace` (Rook's daemons, the CSI plugins the
 * operator deploys) need `level`; the site's own pod templates are read from its objects at synth.
 */
export function requirePodSecurity(site: object, namespace: string, need: PodSecurityNeed): void {
  let m = needs.get(site);
  if (!m) needs.set(site, (m = new Map()));
  const list = m.get(namespace) ?? [];
  if (!list.some((n) => n.who === need.who && n.why === need.why)) list.push(need);
  m.set(namespace, list);
}

/** Capabilities the baseline level allows to be added (Pod Security Standards, baseline "Capabilities"). */
const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** The pod spec of a workload manifest, if it has one. */
export function podSpecOf(m: any): any {
  switch (m?.kind) {
    case 'Pod': return m.spec;
    case 'Deployment': case 'DaemonSet': case 'StatefulSet': case 'ReplicaSet': case 'Job': case 'ReplicationController': return m.spec?.template?.spec;
    case 'CronJob': return m.spec?.jobTemplate?.spec?.template?.spec;
    default: return undefined;
  }
}

/** What in a pod spec the baseline level forbids (empty: baseline admits it). */
export function baselineViolations(spec: any): string[] {
  if (!spec || typeof spec !== 'object') return [];
  const out: string[] = [];
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[f] === true) out.push(f);
  const hostPaths = (spec.volumes ?? []).filter((v: any) => v?.hostPath).map((v: any) => v.name);
  if (hostPaths.length > 0) out.push(`hostPath volumes (${hostPaths.join(', ')})`);
  if (spec.securityContext?.seccompProfile?.type === 'Unconfined') out.push('seccompProfile Unconfined');
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    const sc = c?.securityContext ?? {};
    if (sc.privileged === true) out.push(`privileged container ${c.name}`);
    const caps = (sc.capabilities?.add ?? []).filter((x: string) => !BASELINE_CAPS.has(String(x).replace(/^CAP_/, '')));
    if (caps.length > 0) out.push(`capabilities ${caps.join(', ')} of container ${c.name}`);
    if ((c?.ports ?? []).some((p: any) => p?.hostPort)) out.push(`hostPort of container ${c.name}`);
    if (sc.procMount === 'Unmasked') out.push(`procMount Unmasked of container ${c.name}`);
    if (sc.seccompProfile?.type === 'Unconfined') out.push(`seccompProfile Unconfined of container ${c.name}`);
  }
  return out;
}

/** A rendered object as this check reads it. */
interface Obj { readonly manifest: any; readonly path: string }

/** What the PSA pass reads of a site (Site satisfies it). */
export interface PodSecuritySite {
  readonly siteName: string;
  readonly versions: VersionSet;
  readonly node: { readonly path: string };
  readonly podSecurityOverrides: Readonly<Record<string, NamespacePodSecurityProps>>;
  addWarning(message: string): void;
}

const rank = (l: PodSecurityLevel) => LEVELS.indexOf(l);

/**
 * Labels every Namespace among `objects` (in place) and checks the overrides. Returns ConfigError messages (nothing
 * is labelled then); adds warnings for privileged pods in namespaces the site does not create.
 */
export function applyPodSecurity(site: PodSecuritySite, objects: readonly Obj[]): string[] {
  const overrides = site.podSecurityOverrides;
  const problems: ConfigProblem[] = [];
  if (!hasFeature(site.versions, 'podSecurityAdmission')) {
    for (const ns of Object.keys(overrides)) {
      problems.push({
        path: `${site.node.path}: podSecurity.${ns}`,
        problem: `Kubernetes ${site.versions.kubernetes} has no Pod Security Admission (the pod-security.kubernetes.io labels are read from 1.22 on, by default from 1.23), so the labels would protect nothing`,
        value: overrides[ns],
        allowed: 'podSecurity on Kubernetes >= 1.22',
        fix: 'remove podSecurity (PodSecurityPolicy governs pods on this version), or pin the Kubernetes version the cluster runs',
      });
    }
    return problems.map((p) => new ConfigError(p).message);
  }
  const byNs = new Map<string, PodSecurityNeed[]>();
  for (const [ns, list] of needs.get(site) ?? new Map<string, PodSecurityNeed[]>()) byNs.set(ns, [...list]);
  for (const o of objects) {
    const v = baselineViolations(podSpecOf(o.manifest));
    if (v.length === 0) continue;
    const ns = o.manifest.metadata?.namespace ?? 'default';
    const list = byNs.get(ns) ?? [];
    list.push({ level: 'privileged', who: `${o.manifest.kind} ${o.manifest.metadata?.name} (${o.path})`, why: v.join(', ') });
    byNs.set(ns, list);
  }
  const namespaces = objects.filter((o) => o.manifest.kind === 'Namespace' && o.manifest.apiVersion === 'v1');
  const created = new Set(namespaces.map((o) => String(o.manifest.metadata?.name)));
  for (const ns of Object.keys(overrides).sort()) {
    if (created.has(ns)) continue;
    problems.push({
      path: `${site.node.path}: podSecurity.${ns}`,
      problem: `the site does not create namespace "${ns}", so it has no Namespace object to label`,
      value: ns,
      allowed: [...created].sort().map((n) => `"${n}"`).join(', ') || '(the site creates no namespace)',
      fix: `remove podSecurity.${ns} and label the namespace where it is created (kubectl label namespace ${ns} ${PSA_PREFIX}enforce=<level>)`,
    });
  }
  const minor = `v${site.versions.kubernetes.split('.').slice(0, 2).join('.')}`;
  const labelled: { o: Obj; labels: Record<string, string> }[] = [];
  for (const o of namespaces) {
    const name = String(o.manifest.metadata?.name);
    const nsNeeds = (byNs.get(name) ?? []).filter((n) => n.level === 'privileged');
    const needed: PodSecurityLevel = nsNeeds.length > 0 ? 'privileged' : 'baseline';
    const existing = (o.manifest.metadata?.labels ?? {}) as Record<string, string>;
    const ov = overrides[name] ?? {};
    const fromLabels = existing[`${PSA_PREFIX}enforce`] as PodSecurityLevel | undefined;
    const enforce: PodSecurityLevel = ov.enforce ?? (fromLabels && LEVELS.includes(fromLabels) ? fromLabels : needed);
    if (needed === 'privileged' && rank(enforce) > rank(needed)) {
      const first = nsNeeds[0];
      problems.push({
        path: `${site.node.path}: podSecurity.${name}.enforce`,
        problem: `namespace "${name}" runs pods that need the privileged level (${nsNeeds.map((n) => `${n.who}: ${n.why}`).join('; ')}); with enforce "${enforce}" the API server refuses them (rook/rook#11755: "violates PodSecurity ${enforce}: hostPath volumes") and ${first.who} never starts`,
        value: enforce,
        allowed: '"privileged"',
        fix: `remove the enforce override of namespace "${name}" (the site writes privileged), or set podSecurity: { '${name}': { enforce: 'privileged' } }; lower only audit / warn if you want the violations reported`,
      });
      continue;
    }
    const modes: Record<Mode, PodSecurityLevel> = { enforce, audit: ov.audit ?? enforce, warn: ov.warn ?? enforce };
    const labels: Record<string, string> = {};
    for (const m of MODES) {
      labels[`${PSA_PREFIX}${m}`] = modes[m];
      if (modes[m] !== 'privileged') labels[`${PSA_PREFIX}${m}-version`] = ov.version ?? minor;
    }
    labelled.push({ o, labels });
  }
  if (problems.length > 0) return problems.map((p) => new ConfigError(p).message);
  for (const { o, labels } of labelled) {
    const md = o.manifest.metadata ?? (o.manifest.metadata = {});
    const kept: Record<string, string> = Object.fromEntries(Object.entries((md.labels ?? {}) as Record<string, string>).filter(([k]) => !k.startsWith(PSA_PREFIX)));
    const merged: Record<string, string> = { ...kept, ...labels };
    md.labels = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  }
  for (const [ns, list] of [...byNs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const priv = list.filter((n) => n.level === 'privileged');
    if (priv.length === 0 || created.has(ns)) continue;
    site.addWarning(
      `namespace "${ns}" is not created by this site, but ${priv.map((n) => `${n.who} (${n.why})`).join('; ')} need${priv.length > 1 ? '' : 's'} the privileged Pod Security level there; ` +
      `a cluster that enforces baseline or restricted by default (Talos, a PodSecurity AdmissionConfiguration) refuses those pods.\n` +
      `fix: label the namespace: kubectl label namespace ${ns} ${PSA_PREFIX}enforce=privileged ${PSA_PREFIX}audit=privileged ${PSA_PREFIX}warn=privileged (or let the site create it)`,
    );
  }
  return [];
}
