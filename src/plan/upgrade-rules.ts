/**
 * Upgrade path rules, from the facts in src/versions/index.ts (ROOK_MINOR_LINES, CEPH_RELEASES; sources cited there):
 * - Rook upgrades one minor at a time (every upgrade guide covers "Rook v1.(N-1).x to Rook v1.N.x"); a bigger
 *   jump is refused with the path it would take, each step its own commit;
 * - the Ceph image must be a release the target Rook supports, and a Ceph major may only skip as far as the Ceph
 *   release notes allow;
 * - FlexVolume classes must be migrated before leaving 1.7 (v1.8.0 removed the driver);
 * - Rook and Ceph never change in the same commit (the operator upgrade rolls every daemon; a Ceph upgrade on top
 *   doubles the restarts and leaves no healthy state in between to roll back to);
 * - Kubernetes per Rook/TopoLVM line is enforced when the Site is built (checkRookKubernetes), and listed per step.
 */
import * as semver from 'semver';
import { CEPH_RELEASES, cephReleaseLabel, cephVersionOfImage, rookMinorLine, rookUpgradePath, ROOK_MINOR_LINES, ROOK_PROFILES } from '../versions';
import { TOPOLVM_CHARTS, topolvmChartFor, TOPOLVM_LINES, TopoLVMChartData, TopoLVMLine } from '../versions/topolvm-lines';

/** Versions a site runs, as far as its manifests tell. */
export interface SiteVersions {
  readonly rook?: string;
  readonly topolvm?: string;
  /** Ceph image per local CephCluster (`<namespace>/<name>`). */
  readonly cephImages: Readonly<Record<string, string>>;
}

/** Reads the versions from a site's manifests and text files. */
export function versionsOf(files: readonly { path: string; content: string; objects: readonly any[] }[]): SiteVersions {
  let rook: string | undefined;
  let topolvm: string | undefined;
  const cephImages: Record<string, string> = {};
  const ver = (s: unknown) => (typeof s === 'string' ? semver.valid(semver.coerce(s)) ?? undefined : undefined);
  for (const f of files) {
    for (const m of f.objects) {
      if (m.kind === 'Application' && m.spec?.source?.chart === 'rook-ceph') rook = ver(m.spec.source.targetRevision) ?? rook;
      if (m.kind === 'HelmRelease' && m.spec?.chart?.spec?.chart === 'rook-ceph') rook = ver(m.spec.chart.spec.version) ?? rook;
      if (m.kind === 'CephCluster' && !m.spec?.external?.enable && typeof m.spec?.cephVersion?.image === 'string') {
        cephImages[`${m.metadata?.namespace}/${m.metadata?.name}`] = m.spec.cephVersion.image;
      }
      if ((m.kind === 'Deployment' || m.kind === 'DaemonSet') && Array.isArray(m.spec?.template?.spec?.containers)) {
        for (const c of m.spec.template.spec.containers) {
          if (!rook && m.metadata?.name === 'rook-ceph-operator' && /rook\/ceph:/.test(String(c.image))) rook = ver(String(c.image).split(':').pop());
          const t = /\/topolvm[^/:]*:(\d+\.\d+\.\d+)/.exec(String(c.image));
          if (t && !topolvm) topolvm = t[1];
        }
      }
    }
    if (!rook && f.objects.length === 0) {
      const h = /rook-ceph(?:\s+\S+)?\s+--version\s+v?(\d+\.\d+\.\d+)/.exec(f.content);
      if (h && f.path.startsWith('helm/')) rook = h[1];
    }
  }
  return { rook, topolvm, cephImages };
}

/** A finding about the versions of a site. */
export interface VersionFinding {
  /** `upgrade`: a data-plane upgrade to carry out; `refused`: not an upgrade path; `undeclared`: needs `site.upgradingFrom`; `note`: for the reviewer. */
  readonly kind: 'upgrade' | 'refused' | 'undeclared' | 'note';
  readonly title: string;
  readonly detail: readonly string[];
}

/** Flex StorageClasses of a site (provisioner `ceph.rook.io/block` or `rook.io/block`). */
export function flexClasses(files: readonly { objects: readonly any[] }[]): string[] {
  return files.flatMap((f) => f.objects).filter((m) => m.kind === 'StorageClass' && /^(ceph\.)?rook\.io\/block$/.test(String(m.provisioner))).map((m) => String(m.metadata?.name)).sort();
}

function cephStepsFor(from: string, pathLines: readonly string[], fromRook: string): string[] {
  // Which Ceph releases the cluster must reach along the Rook path.
  const out: string[] = [];
  let cur = semver.major(from);
  let prev = rookMinorLine(fromRook)!;
  for (const step of pathLines) {
    const line = rookMinorLine(step)!;
    if (!semver.satisfies(`${cur}.2.99`, line.ceph)) {
      const next = CEPH_RELEASES.find((r) => r.major > cur && semver.satisfies(`${r.major}.2.99`, prev.ceph) && semver.satisfies(`${r.major}.2.99`, line.ceph));
      if (next) {
        out.push(`before Rook ${line.minor}: upgrade Ceph to ${next.name} (v${next.major}.2.x; supported by Rook ${prev.minor} and ${line.minor}), in its own commit`);
        cur = next.major;
      } else {
        out.push(`before Rook ${line.minor}: Ceph must be one of ${line.cephNames}`);
      }
    }
    prev = line;
  }
  return out;
}

/**
 * Rules for one site: `before` from the committed manifests, `after` from the new synth; `kubernetes` is the new
 * synth's Kubernetes version.
 */
export function versionFindings(before: SiteVersions, after: SiteVersions, opts: { kubernetes: string; flexClassesBefore: readonly string[]; declared?: { rookVersion?: string; cephImage?: string; topolvmVersion?: string }; siteName: string }): VersionFinding[] {
  const out: VersionFinding[] = [];
  const rookChanged = !!before.rook && !!after.rook && before.rook !== after.rook;
  const cephChanges = Object.keys(after.cephImages).filter((k) => before.cephImages[k] !== undefined && before.cephImages[k] !== after.cephImages[k]);
  const topolvmChanged = !!before.topolvm && !!after.topolvm && before.topolvm !== after.topolvm;

  if (rookChanged) {
    const from = before.rook!;
    const to = after.rook!;
    const fromLine = rookMinorLine(from);
    const toLine = rookMinorLine(to);
    if (semver.lt(to, from)) {
      out.push({ kind: 'refused', title: `Rook ${from} → ${to} is a downgrade`, detail: ['no Rook upgrade guide covers a downgrade: the operator may already have rewritten CRs and daemons for the newer release', `fix: keep rookVersion at ${from}`] });
    } else if (fromLine && toLine && ROOK_MINOR_LINES.indexOf(toLine) - ROOK_MINOR_LINES.indexOf(fromLine) > 1) {
      const steps = rookUpgradePath(from, to)!;
      const cephImage = Object.values(before.cephImages)[0];
      const cephFrom = cephImage ? cephVersionOfImage(cephImage) : undefined;
      out.push({
        kind: 'refused',
        title: `Rook ${from} → ${to} skips ${steps.length - 1} minor release${steps.length > 2 ? 's' : ''}: Rook upgrades one minor at a time`,
        detail: [
          `path: ${[from, ...steps].map((v) => `v${v}`).join(' → ')} (each step its own commit, synced and healthy before the next)`,
          ...steps.map((v) => { const l = rookMinorLine(v)!; return `  v${v}: Kubernetes ${l.kubernetes}, Ceph ${l.cephNames}${l.minFromPatch ? `, from v${l.minFromPatch} or later` : ''}`; }),
          ...(cephFrom ? cephStepsFor(cephFrom, steps, from) : []),
          `every step is a release this package builds (any patch of Rook ${ROOK_MINOR_LINES[0].minor} to ${ROOK_MINOR_LINES[ROOK_MINOR_LINES.length - 1].minor}): set rookVersion to each in turn, following each release's own upgrade guide (Documentation/Upgrade/rook-upgrade.md at its tag)`,
          `fix: keep rookVersion at ${from} in this commit, and take the next step (v${steps[0]}) first`,
        ],
      });
    } else if (toLine?.minFromPatch && fromLine && toLine !== fromLine && semver.lt(from, toLine.minFromPatch)) {
      out.push({ kind: 'refused', title: `Rook ${from} → ${to}: ${toLine.minor} needs ${toLine.minFromPatch} or later first`, detail: [`fix: upgrade to the newest ${fromLine.minor} patch (v${fromLine.newestPatch}) in its own commit first`] });
    }
    if (fromLine && semver.gte(to, '1.8.0') && semver.lt(from, '1.8.0') && opts.flexClassesBefore.length > 0) {
      out.push({
        kind: 'refused',
        title: `FlexVolume classes must be migrated before leaving Rook 1.7 (${opts.flexClassesBefore.join(', ')})`,
        detail: [
          'Rook 1.8.0 removed the FlexVolume driver: volumes of these classes would no longer attach',
          'fix: follow notes/flex-to-csi-migration.md: add the CSI twin classes, migrate the volumes with the flex-to-CSI tool of Rook 1.7 (v1.7.9 or later, RBD only), remove FlexVolume and the flex classes in a commit of their own, then upgrade',
        ],
      });
    }
    if (cephChanges.length > 0) {
      out.push({
        kind: 'refused',
        title: 'Rook and Ceph versions change in the same commit',
        detail: [
          ...cephChanges.map((k) => `CephCluster ${k}: ${before.cephImages[k]} → ${after.cephImages[k]}`),
          'the operator upgrade rolls every Ceph daemon on its own; a Ceph upgrade on top doubles the restarts and leaves no healthy state in between',
          `fix: pin the current image for this commit (RookCluster cephVersion: { image: ${JSON.stringify(before.cephImages[cephChanges[0]])} }; a cluster without one follows the Rook release's default image), and move Ceph in the next commit`,
        ],
      });
    }
    if (toLine) {
      for (const [k, img] of Object.entries(after.cephImages)) {
        const v = cephVersionOfImage(img);
        if (v && !cephChanges.includes(k) && !semver.satisfies(v, toLine.ceph)) {
          out.push({ kind: 'refused', title: `CephCluster ${k} runs Ceph ${cephReleaseLabel(v)}, which Rook ${to} does not support`, detail: [`Rook ${toLine.minor} supports ${toLine.cephNames}`, 'fix: upgrade Ceph to a release both Rook versions support, in its own commit, first'] });
        }
      }
    }
    if (!out.some((f) => f.kind === 'refused')) {
      out.push({ kind: 'upgrade', title: `Rook ${from} → ${to}`, detail: [`CRDs and RBAC, then the operator (which updates every Ceph daemon's deployment), then the CSI pods; Kubernetes ${opts.kubernetes} is in Rook ${toLine?.minor ?? to}'s range ${toLine?.kubernetes ?? ''}`] });
    }
  }

  if (!rookChanged) {
    const rookLine = after.rook ? rookMinorLine(after.rook) : undefined;
    for (const k of cephChanges) {
      const a = cephVersionOfImage(before.cephImages[k]);
      const b = cephVersionOfImage(after.cephImages[k]);
      const title = `CephCluster ${k}: Ceph ${a ? cephReleaseLabel(a) : before.cephImages[k]} → ${b ? cephReleaseLabel(b) : after.cephImages[k]}`;
      if (b && rookLine && !semver.satisfies(b, rookLine.ceph)) {
        out.push({ kind: 'refused', title: `${title}: not a release Rook ${after.rook} supports`, detail: [`Rook ${rookLine.minor} supports ${rookLine.cephNames}`, 'fix: pick an image of a supported release (or upgrade Rook first, in its own commit)'] });
      } else if (a && b && semver.lt(b, a)) {
        out.push({ kind: 'refused', title: `${title} is a downgrade`, detail: ['Ceph daemons that ran the newer release cannot go back (the mons record the release)', `fix: keep ${before.cephImages[k]}`] });
      } else if (a && b && semver.major(b) !== semver.major(a) && !CEPH_RELEASES.find((r) => r.major === semver.major(b))?.upgradeFrom.includes(semver.major(a))) {
        const r = CEPH_RELEASES.find((x) => x.major === semver.major(b));
        out.push({ kind: 'refused', title: `${title} skips too many Ceph releases`, detail: [`${r?.name ?? `v${semver.major(b)}`} upgrades only from ${(r?.upgradeFrom ?? []).map((m) => CEPH_RELEASES.find((x) => x.major === m)?.name ?? m).join(' or ')}`, 'fix: upgrade to the release in between first, in its own commit'] });
      } else {
        out.push({ kind: 'upgrade', title, detail: ['the operator upgrades mons, mgrs, OSDs (one failure domain at a time, waiting for active+clean PGs), then MDS and RGW; it refuses to start while the cluster is HEALTH_ERR'] });
      }
    }
  }
  if (topolvmChanged) {
    out.push(semver.lt(after.topolvm!, before.topolvm!)
      ? { kind: 'refused', title: `TopoLVM ${before.topolvm} → ${after.topolvm} is a downgrade`, detail: [`fix: keep topolvmVersion at ${before.topolvm}`] }
      : { kind: 'upgrade', title: `TopoLVM ${before.topolvm} → ${after.topolvm}`, detail: ['the controller and the node DaemonSet roll; logical volumes stay where they are, and pods keep their mounts', ...topolvmUpgradeNotes(before.topolvm!, after.topolvm!)] });
  }

  const changed = rookChanged || cephChanges.length > 0 || topolvmChanged;
  if (changed && !out.some((f) => f.kind === 'refused')) {
    const want: Record<string, string> = {};
    if (rookChanged) want.rookVersion = before.rook!;
    if (cephChanges.length > 0) want.cephImage = before.cephImages[cephChanges[0]];
    if (topolvmChanged) want.topolvmVersion = before.topolvm!;
    const d = opts.declared ?? {};
    const ok = Object.entries(want).every(([k, v]) => (d as Record<string, string | undefined>)[k] === v);
    if (!ok) {
      out.push({
        kind: 'undeclared',
        title: 'versions change, but the site does not declare the upgrade',
        detail: [`fix: add site.upgradingFrom(${JSON.stringify(want).replace(/"(\w+)":/g, '$1: ')}) to ${opts.siteName}, so synth writes dist/${opts.siteName}/UPGRADE.md (pre-flight checks, apply order, what to watch, rollback); remove it with the next change`],
      });
    }
  }
  return out;
}

/** The openAPIV3Schema of a kind in a pinned Rook line's CRDs (undefined: no such kind, or no schema). */
export type RookCrdSchemaLookup = (line: string, kind: string) => Record<string, any> | undefined;

/** Paths under `value` (dotted, `[]` for list items) that `schema` does not declare (maps and preserved subtrees pass). */
function undeclaredPaths(value: unknown, schema: Record<string, any> | undefined, at: string, out: Set<string>): void {
  if (!schema || schema['x-kubernetes-preserve-unknown-fields'] === true) return;
  if (Array.isArray(value)) {
    for (const v of value) undeclaredPaths(v, schema.items, `${at}[]`, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const props = schema.properties as Record<string, any> | undefined;
  const extra = schema.additionalProperties;
  for (const [k, v] of Object.entries(value)) {
    const s = props?.[k];
    if (s) undeclaredPaths(v, s, `${at}.${k}`, out);
    else if (extra && typeof extra === 'object') undeclaredPaths(v, extra, `${at}.${k}`, out);
    else if (props && extra !== true) out.add(`${at}.${k}`);
  }
}

/** Declared field paths of a schema down to `depth` levels (for the list of CRD changes between two lines). */
function declaredPaths(schema: Record<string, any> | undefined, at: string, depth: number, out: Set<string>): Set<string> {
  const props = (schema?.type === 'array' ? schema.items : schema)?.properties as Record<string, any> | undefined;
  if (!props || depth === 0) return out;
  for (const [k, s] of Object.entries(props)) {
    const p = `${at}.${k}`;
    out.add(p);
    declaredPaths(s, p, depth - 1, out);
  }
  return out;
}

function topolvmLineOf(version: string): TopoLVMLine | undefined {
  const v = semver.coerce(version);
  return v ? TOPOLVM_LINES.find((l) => l.minor === `${v.major}.${v.minor}`) : undefined;
}

/** What changed in a chart major against the major before it, from the line table (value keys, image key). */
function chartMajorChanges(prev: TopoLVMChartData, next: TopoLVMChartData): string[] {
  const out: string[] = [];
  if (prev.imageKey !== next.imageKey) out.push(`image.${prev.imageKey} replaced by image.${next.imageKey}`);
  const removed = prev.valueKeys.filter((k) => !next.valueKeys.includes(k));
  const added = next.valueKeys.filter((k) => !prev.valueKeys.includes(k));
  for (const [section, keys] of Object.entries(prev.sectionKeys)) {
    const now = next.sectionKeys[section] ?? [];
    removed.push(...keys.filter((k) => !now.includes(k)).map((k) => `${section}.${k}`));
  }
  for (const [section, keys] of Object.entries(next.sectionKeys)) {
    const was = prev.sectionKeys[section] ?? [];
    added.push(...keys.filter((k) => !was.includes(k)).map((k) => `${section}.${k}`));
  }
  if (removed.length > 0) out.push(`values removed: ${removed.join(', ')}`);
  if (added.length > 0) out.push(`values added: ${added.join(', ')}`);
  return out;
}

/**
 * CRD changes between two pinned Rook lines for the Rook kinds a site has (from its committed manifests): fields the
 * site sets that the target line's CRD no longer declares are `refused` (the operator of the new line would drop or
 * reject them), and per kind the fields removed and added under `spec` (three levels) are listed as a note.
 */
export function rookCrdFindings(fromLine: string, toLine: string, beforeObjects: readonly any[], schemaOf: RookCrdSchemaLookup): VersionFinding[] {
  const rookObjects = beforeObjects.filter((m) => typeof m?.apiVersion === 'string' && /(^|\.)rook\.io\//.test(m.apiVersion) && m.spec && typeof m.spec === 'object');
  const removedSet: string[] = [];
  const changes: string[] = [];
  for (const kind of [...new Set(rookObjects.map((m) => String(m.kind)))].sort()) {
    const a = schemaOf(fromLine, kind);
    const b = schemaOf(toLine, kind);
    if (!b) {
      removedSet.push(`${kind}: the kind is not in Rook v${toLine}'s CRDs`);
      continue;
    }
    for (const m of rookObjects.filter((x) => x.kind === kind)) {
      const gone = new Set<string>();
      undeclaredPaths(m.spec, b.properties?.spec, 'spec', gone);
      for (const p of [...gone].sort()) removedSet.push(`${kind} ${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}: ${p}`);
    }
    if (a) {
      const pa = declaredPaths(a.properties?.spec, 'spec', 3, new Set());
      const pb = declaredPaths(b.properties?.spec, 'spec', 3, new Set());
      const removed = [...pa].filter((p) => !pb.has(p)).sort();
      const added = [...pb].filter((p) => !pa.has(p)).sort();
      const list = (xs: string[]) => (xs.length > 12 ? `${xs.slice(0, 12).join(', ')} and ${xs.length - 12} more` : xs.join(', '));
      if (removed.length) changes.push(`${kind} removed: ${list(removed)}`);
      if (added.length) changes.push(`${kind} added: ${list(added)}`);
    }
  }
  const out: VersionFinding[] = [];
  if (removedSet.length) {
    out.push({
      kind: 'refused',
      title: `fields the site sets are not in Rook v${toLine}'s CRDs`,
      detail: [...removedSet, `fix: remove these settings (or move them where Rook ${toLine.split('.').slice(0, 2).join('.')} keeps them) in a commit before the upgrade`],
    });
  }
  if (changes.length) out.push({ kind: 'note', title: `CRD changes from Rook v${fromLine} to v${toLine} (kinds this site uses)`, detail: changes });
  return out;
}

/**
 * The TopoLVM facts an upgrade crosses, from the line table: the `topolvm.cybozu.com` → `topolvm.io` group change
 * (v0.16 ships both CRDs; existing StorageClasses and volumes keep their provisioner), the move from the kustomize
 * manifests to the chart (v0.9), and every chart major between the two lines' charts (a chart major is a breaking
 * change of its values).
 */
export function topolvmUpgradeNotes(from: string, to: string): string[] {
  const a = topolvmLineOf(from);
  const b = topolvmLineOf(to);
  if (!a || !b) return [];
  const out: string[] = [];
  if (!a.crdGroups.includes('topolvm.io') && b.crdGroups.includes('topolvm.io')) {
    out.push('group migration: from v0.16 TopoLVM ships the topolvm.io LogicalVolume CRD beside topolvm.cybozu.com; this site keeps the domain it sets, and volumes provisioned by topolvm.cybozu.com keep that provisioner (StorageClass provisioner is immutable): move to topolvm.io with new StorageClasses and a data migration, or stay on the legacy domain');
  }
  if (a.manifests === 'kustomize' && b.manifests === 'chart') out.push('upstream moved from the kustomize manifests (deploy/) to the Helm chart at v0.9');
  // the chart release of each line (appVersion of the line), else none: the kustomize lines count as before chart 2
  const major = (l: TopoLVMLine) => { const c = topolvmChartFor(l); return c ? semver.major(c.version) : undefined; };
  const ma = major(a) ?? 1;
  const mb = major(b);
  if (mb !== undefined && mb > ma) {
    for (let m = ma + 1; m <= mb; m++) {
      const next = TOPOLVM_CHARTS.find((c) => semver.major(c.version) === m);
      const prev = TOPOLVM_CHARTS.find((c) => semver.major(c.version) === m - 1);
      if (!next) continue;
      const changes = prev ? chartMajorChanges(prev, next) : [];
      out.push(`chart major ${m} (${next.version}, appVersion ${next.appVersion}) is a breaking release${changes.length > 0 ? `: ${changes.join('; ')}` : ''}`);
    }
  }
  return out;
}
