/**
 * `gitops-storage plan`: the committed `dist/<site>/` (or dist/ at a git ref) against a new synth, per object and
 * field, classified (src/plan/classify.ts), with the version rules (src/plan/upgrade-rules.ts) and the site's
 * acknowledgements (src/site/allow-change.ts). Exit codes: 0 every change is safe or allowed, 2 a change needs an explicit
 * allow, 1 a refused upgrade path or an error.
 */
import { App } from 'cdk8s';
import * as semver from 'semver';
import { AllowableClass, AllowedChange, allowMatches } from '../site/allow-change';
import { ChangeClass, CLASS_ORDER, Classified, classifyField, classifyRemoval, diffFields } from '../plan/classify';
import { readSiteAtRef, readSiteDir, SiteSnapshot } from '../plan/snapshot';
import { flexClasses, rookCrdFindings, SiteVersions, versionFindings, VersionFinding, versionsOf } from '../plan/upgrade-rules';
import { bundledCrdDocuments } from '../validation/bundle';
import { PINNED_CRD_SOURCES } from '../validation/sources';
import { rookMinorLine } from '../versions';
import { SiteRender, SynthError } from './render-site';
import { SitePipeline } from './site-pipeline';
import { siteValidator } from './site-validator';
import type { CelProblem } from '../validation/cel-rules';

/** One classified difference. */
export interface PlannedChange {
  readonly class: ChangeClass;
  readonly op: 'added' | 'removed' | 'changed';
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** file of the object (new file when it exists there) */
  readonly file: string;
  /** changed field (dot path, `[name]` for named list items) */
  readonly path?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly why: string;
  readonly restarts?: string;
  /** Needs an explicit allow (destructive, immutable, EC profile changes). */
  readonly needsAllow: boolean;
  /** What allowed it: the site's acknowledgement (with its reason) or the CLI flag. */
  readonly allowedBy?: string;
  /** The immutable-field strategy the site chose. */
  readonly strategy?: string;
}

export interface SitePlan {
  readonly site: string;
  readonly engine: string;
  /** No committed folder: everything is new. */
  readonly isNew: boolean;
  readonly changes: readonly PlannedChange[];
  readonly findings: readonly VersionFinding[];
  /** Text files (notes, host files, UPGRADE.md) added, removed or changed. */
  readonly files: readonly { readonly path: string; readonly op: 'added' | 'removed' | 'changed' }[];
  readonly before: SiteVersions;
  readonly after: SiteVersions;
  /** Acknowledgements (`site.allowChange`) that no change of this plan needed: remove them. */
  readonly unusedAllows: readonly string[];
  /** 0 safe or allowed, 2 needs an explicit allow, 1 refused. */
  readonly exitCode: 0 | 1 | 2;
}

export interface AppPlan {
  readonly sites: readonly SitePlan[];
  readonly exitCode: 0 | 1 | 2;
  /** Synth warnings (printed by the CLI). */
  readonly warnings: readonly string[];
}

export interface PlanOptions {
  /** Where the committed sites are. @default 'dist' */
  readonly distDir?: string;
  /** Read the committed sites at this git ref instead of the working tree. @default - the working tree */
  readonly baseRef?: string;
  /** Compare with nothing: every site is new (a repository without a commit). @default false */
  readonly emptyBase?: boolean;
  /** Classes allowed for every change (the CLI's `--allow`). @default [] */
  readonly allow?: readonly AllowableClass[];
  /** Validate the new synth against the strict schemas. @default true */
  readonly validate?: boolean;
  /** Upstream mirror for schema sources the bundle lacks. @default - none */
  readonly upstreamDir?: string;
}

const objKey = (m: any) => `${String(m.apiVersion ?? '').includes('/') ? String(m.apiVersion).split('/')[0] : ''}/${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name}`;

function allowFor(c: Classified, m: any, acks: readonly AllowedChange[], flags: readonly AllowableClass[]): { allowedBy?: string; strategy?: string } {
  const ack = acks.find((a) => allowMatches(a, m) && (a.allow === undefined || a.allow === c.class));
  if (ack) {
    if (c.class === 'immutable' && !ack.strategy && ack.allow !== 'immutable') return {};
    return { allowedBy: `site.allowChange: ${ack.reason}`, strategy: ack.strategy };
  }
  if ((c.class === 'destructive' || c.class === 'immutable') && flags.includes(c.class)) return { allowedBy: `--allow ${c.class}` };
  return {};
}

/** The class of a change a CRD transition rule refuses. */
function refusedByRule(p: CelProblem): Classified {
  return { class: 'immutable', why: `the CRD refuses the update: "${p.message}" (x-kubernetes-validations rule \`${p.rule}\` at ${p.field || 'the object'}); the sync fails until the object is replaced or renamed` };
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  let cur: any = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Plans one site: `before` is the committed folder (undefined: a new site). */
export function planSite(before: SiteSnapshot | undefined, r: SiteRender, flags: readonly AllowableClass[] = [], upstreamDir?: string): SitePlan {
  const acks = r.site.allowedChanges;
  const beforeFiles = before ? [...before.values()] : [];
  const afterFiles = r.files;
  // a file byte-identical to the committed one holds the same objects: only the others are parsed and compared
  const same = (p: string, c: string) => before?.get(p)?.content === c;
  const oldObjs = new Map<string, { file: string; m: any }>();
  for (const f of beforeFiles) if (!afterFiles.some((a) => a.path === f.path && a.content === f.content)) for (const m of f.objects) oldObjs.set(objKey(m), { file: f.path, m });
  const newObjs = new Map<string, { file: string; m: any }>();
  for (const f of afterFiles) if (!same(f.path, f.content)) for (const m of f.objects) newObjs.set(objKey(m), { file: f.path, m: JSON.parse(JSON.stringify(m)) });
  const changes: PlannedChange[] = [];
  const push = (c: Classified, op: PlannedChange['op'], m: any, file: string, d?: { path: string; before?: unknown; after?: unknown }) => {
    const needsAllow = c.class === 'destructive' || c.class === 'immutable' || !!c.needsAllow;
    const a = needsAllow ? allowFor(c, m, acks, flags) : {};
    changes.push({ class: c.class, op, kind: String(m.kind), name: String(m.metadata?.name), namespace: m.metadata?.namespace, file, path: d?.path, before: d?.before, after: d?.after, why: c.why, restarts: c.restarts, needsAllow, ...a });
  };
  if (before) {
    for (const [k, o] of oldObjs) {
      const n = newObjs.get(k);
      if (!n) {
        const renamed = acks.find((a) => a.strategy === 'new-name' && allowMatches(a, o.m));
        const c = renamed ? { class: 'immutable' as const, why: `replaced by ${o.m.kind} ${renamed.newName} (strategy new-name; migration note in notes/)` } : classifyRemoval(o.m);
        push(c, 'removed', o.m, o.file);
        continue;
      }
      if (o.m.kind === 'CustomResourceDefinition') {
        if (JSON.stringify(o.m.spec) !== JSON.stringify(n.m.spec)) push(classifyField(n.m, { path: 'spec' }), 'changed', n.m, n.file, { path: 'spec (schema)' });
        for (const d of diffFields({ ...o.m, spec: undefined }, { ...n.m, spec: undefined })) push(classifyField(n.m, d), 'changed', n.m, n.file, d);
        continue;
      }
      // the CRD's transition rules (x-kubernetes-validations reading oldSelf) refuse the update: immutable, with
      // the rule's message, whatever the field classification says
      const refused = siteValidator(r.site, { upstreamDir }).transitionProblems(o.m, n.m);
      const covered = new Set<number>();
      for (const d of diffFields(o.m, n.m)) {
        const i = refused.findIndex((p) => d.path === p.field || d.path.startsWith(`${p.field}.`) || d.path.startsWith(`${p.field}[`) || p.field === '');
        if (i >= 0) {
          covered.add(i);
          push(refusedByRule(refused[i]), 'changed', n.m, n.file, d);
        } else {
          push(classifyField(n.m, d), 'changed', n.m, n.file, d);
        }
      }
      // a rule on a parent (a field removed below it): one change at the rule's place
      refused.forEach((p, i) => {
        if (!covered.has(i)) push(refusedByRule(p), 'changed', n.m, n.file, { path: p.field || '(object)', before: valueAtPointer(o.m, p.pointer), after: valueAtPointer(n.m, p.pointer) });
      });
    }
    for (const [k, n] of newObjs) if (!oldObjs.has(k)) push({ class: 'safe', why: 'created' }, 'added', n.m, n.file);
  }
  const files: SitePlan['files'][number][] = [];
  if (before) {
    const afterText = new Map(afterFiles.filter((f) => f.objects.length === 0).map((f) => [f.path, f.content]));
    for (const [p, c] of afterText) {
      const b = before.get(p);
      if (!b) files.push({ path: p, op: 'added' });
      else if (b.content !== c) files.push({ path: p, op: 'changed' });
    }
    for (const f of beforeFiles) if (f.objects.length === 0 && !afterText.has(f.path) && !afterFiles.some((x) => x.path === f.path)) files.push({ path: f.path, op: 'removed' });
  }
  // only the files that can carry a version are parsed (file names are <kind>_…, see synth's fileNameOf)
  const vBefore = versionsOf(beforeFiles.filter((f) => f.path.startsWith('helm/') || /(^|\/)(application|helmrelease|cephcluster|deployment|daemonset)_/.test(f.path)));
  const vAfter0 = versionsOf(afterFiles);
  const vAfter: SiteVersions = { ...vAfter0, rook: r.site.versions.rookRelease ?? r.site.versions.rook ?? vAfter0.rook, topolvm: r.site.versions.topolvm ?? vAfter0.topolvm };
  // What the cluster runs now: the committed dist/, unless the site declares otherwise (steps taken outside this
  // repository, e.g. the Rook releases between two pinned ones).
  const d = r.site.upgradeFrom ?? {};
  const effective: SiteVersions = {
    rook: d.rookVersion ?? vBefore.rook,
    topolvm: d.topolvmVersion ?? vBefore.topolvm,
    cephImages: d.cephImage ? Object.fromEntries(Object.keys(vBefore.cephImages).map((k) => [k, d.cephImage!])) : vBefore.cephImages,
  };
  const notes: VersionFinding[] = [];
  const differs = [
    d.rookVersion && vBefore.rook && d.rookVersion !== vBefore.rook ? `Rook ${d.rookVersion} (committed: ${vBefore.rook})` : '',
    d.cephImage && Object.values(vBefore.cephImages).some((i) => i !== d.cephImage) ? `Ceph ${d.cephImage} (committed: ${[...new Set(Object.values(vBefore.cephImages))].join(', ')})` : '',
    d.topolvmVersion && vBefore.topolvm && d.topolvmVersion !== vBefore.topolvm ? `TopoLVM ${d.topolvmVersion} (committed: ${vBefore.topolvm})` : '',
  ].filter((x) => x);
  if (before && differs.length > 0) notes.push({ kind: 'note', title: `the site declares the cluster runs ${differs.join(', ')}`, detail: ['the upgrade rules start from the declared versions: make sure the cluster really runs them (kubectl get deploy -l rook_cluster -o jsonpath of the rook-version / ceph-version labels)'] });
  const flexBefore = effective.rook && semver.gte(semver.coerce(effective.rook)!, '1.8.0') ? [] : flexClasses(beforeFiles.filter((f) => f.path.startsWith('50-classes/storageclass_')));
  const fromLine = effective.rook ? rookMinorLine(effective.rook)?.newestPatch : undefined;
  const toLine = r.site.versions.rook;
  const crdFindings = before && fromLine && toLine && fromLine !== toLine && semver.lt(fromLine, toLine)
    ? rookCrdFindings(fromLine, toLine, beforeFiles.flatMap((f) => f.objects), rookCrdSchema)
    : [];
  const findings = before ? [...notes, ...versionFindings(effective, vAfter, { kubernetes: r.site.versions.kubernetes, flexClassesBefore: flexBefore, declared: r.site.upgradeFrom, siteName: r.site.siteName }), ...crdFindings] : [];
  changes.sort((a, b) => CLASS_ORDER.indexOf(b.class) - CLASS_ORDER.indexOf(a.class) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const exitCode = findings.some((f) => f.kind === 'refused') ? 1 : findings.some((f) => f.kind === 'undeclared') || changes.some((c) => c.needsAllow && !c.allowedBy) ? 2 : 0;
  const used = new Set(changes.filter((c) => c.allowedBy?.startsWith('site.allowChange')).map((c) => `${c.kind}/${c.name}`));
  const unusedAllows = before ? acks.filter((a) => !used.has(`${a.kind}/${a.name}`)).map((a) => `site.allowChange({ kind: '${a.kind}', name: '${a.name}' })`) : [];
  return { site: r.site.siteName, engine: r.site.gitops.engine, isNew: !before, changes, findings, files, before: vBefore, after: vAfter, unusedAllows, exitCode };
}

const crdSchemaCache = new Map<string, Record<string, any> | undefined>();

/** The storage-version schema of a kind in a pinned Rook line's CRDs, from the embedded bundle. */
export function rookCrdSchema(line: string, kind: string): Record<string, any> | undefined {
  const key = `${line}|${kind}`;
  if (crdSchemaCache.has(key)) return crdSchemaCache.get(key);
  let found: Record<string, any> | undefined;
  for (const rel of PINNED_CRD_SOURCES[`rook@v${line}`]?.files ?? []) {
    for (const d of bundledCrdDocuments(rel)?.docs ?? []) {
      if (d.spec?.names?.kind !== kind) continue;
      const versions: any[] = d.spec.versions ?? [];
      const v = versions.find((x) => x.storage) ?? versions[0];
      found = v?.schema?.openAPIV3Schema ?? d.spec.validation?.openAPIV3Schema;
    }
  }
  crdSchemaCache.set(key, found);
  return found;
}

/**
 * Plans every site of the app against the committed dist/ (or dist/ at `baseRef`). Throws SynthError / ConfigError.
 *
 * Site by site: each site is rendered, validated and compared with its committed folder, and only its plan is kept
 * (its rendered files and the committed ones are dropped before the next site), so a fleet of thousands of sites
 * needs the memory of its construct tree plus one site. The same checks, problems (in the same order) and plans as
 * `synthApp` followed by a comparison of every site; the app is not consumed.
 */
export function planApp(app: App, opts: PlanOptions = {}): AppPlan {
  const distDir = opts.distDir ?? 'dist';
  const sites = SitePipeline.sitesOf(app);
  const pipeline = new SitePipeline(opts);
  const renderProblems: string[] = [];
  const validationProblems: string[] = [];
  const plans: SitePlan[] = [];
  for (const o of pipeline.run(sites)) {
    renderProblems.push(...o.problems);
    // once synth would fail, nothing is planned: only the problems matter
    if (!o.render || renderProblems.length > 0) continue;
    const v = o.validation();
    validationProblems.push(...v.problems);
    if (validationProblems.length > 0) continue;
    const s = o.site;
    const before = opts.emptyBase ? undefined : opts.baseRef ? readSiteAtRef(opts.baseRef, distDir, s.siteName) : readSiteDir(distDir, s.siteName);
    plans.push(planSite(before, o.render, opts.allow ?? [], opts.upstreamDir));
  }
  if (renderProblems.length > 0) throw new SynthError(renderProblems);
  const hub = pipeline.fleet();
  if (hub.problems.length + validationProblems.length > 0) throw new SynthError([...hub.problems, ...validationProblems]);
  const codes = plans.map((s) => s.exitCode);
  const exitCode = codes.includes(1) ? 1 : codes.includes(2) ? 2 : 0;
  // the plan reports immutable changes itself (synth's immutable-field warnings are not computed); keep the others
  const warnings = sites.flatMap((s) => s.warnings.map((w) => `${s.siteName}: ${w}`)).filter((w) => !/field is immutable/.test(w));
  return { sites: plans, exitCode, warnings };
}
