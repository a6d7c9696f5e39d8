/**
 * The site pipeline: the one path every entry point takes from a Site to checked output. For each site of an app
 * (in order): claim its dist/ folder name, render it (render-site.ts: construct checks, closure check, engine,
 * allow strategies, UPGRADE.md), validate its objects with the site's validator (site-validator.ts), scan its files
 * for key material; then the fleet hub (dist/_fleet/) of the rendered sites, validated with the fleet validator.
 *
 * `synthApp` (write all at once), the streamed synth (`stream`, `Fleet.synth`: write as it goes) and `planApp`
 * (compare with the committed folder) are consumers of {@link SitePipeline}: they only decide when to stop and what
 * to do with a checked site, so the three give the same problems with the same messages.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { ConfigError } from '../foundation/errors';
import { FLEET_DIR, FleetMember } from '../gitops/fleet-hub';
import { classifyField, diffFields } from '../plan/classify';
import { scanOutput } from '../secrets/output-scan';
import { allowMatches } from '../site/allow-change';
import { Site } from '../site/site';
import { ResourceResult, Validator } from '../validation/validator';
import { fleetMemberOf, FleetRender, renderFleetOf, renderSite, SiteRender, SynthError } from './render-site';
import { fleetValidator, SchemaSite, siteValidator } from './site-validator';

/** Validation results per validator by file content (a pure function of the two; see validateSite). */
const validationMemo = new WeakMap<Validator, Map<string, ResourceResult>>();
// bounded: cleared when full (the results shared by many sites come back at once)
const MEMO_MAX = 4000;

/** Schema-validates every object of a rendered site with the site's validator ({@link siteValidator}). */
function validateSite(r: SiteRender, upstreamDir?: string): ResourceResult[] {
  const validator = siteValidator(r.site, { upstreamDir });
  let memo = validationMemo.get(validator);
  if (!memo) validationMemo.set(validator, (memo = new Map()));
  const out: ResourceResult[] = [];
  for (const f of r.files) {
    f.objects.forEach((o) => {
      const filename = `${r.site.siteName}/${f.path}`;
      // one object per file: its YAML is the object, so an identical file (another site's copy) has the same result
      let res: ResourceResult;
      const cached = f.objects.length === 1 ? memo!.get(f.content) : undefined;
      if (cached) res = { ...cached, filename };
      else {
        res = validator!.validateObject(o, filename);
        if (f.objects.length === 1) {
          if (memo!.size >= MEMO_MAX) memo!.clear();
          memo!.set(f.content, res);
        }
      }
      // Scope: a namespaced object without a namespace lands wherever the GitOps engine points;
      // a cluster-scoped one with a namespace is rejected by server-side apply dry runs.
      const namespaced = validator!.isNamespaced(String(o?.apiVersion), String(o?.kind));
      const ns = o?.metadata?.namespace;
      if (res.status === 'statusValid' && namespaced === true && !ns) {
        out.push({ ...res, status: 'statusInvalid', msg: 'namespaced object without metadata.namespace', errors: [{ path: '/metadata/namespace', msg: 'namespaced kind needs an explicit namespace' }] });
      } else if (res.status === 'statusValid' && namespaced === false && ns) {
        out.push({ ...res, status: 'statusInvalid', msg: 'cluster-scoped object with metadata.namespace', errors: [{ path: '/metadata/namespace', msg: 'cluster-scoped kind must not carry a namespace' }] });
      } else {
        out.push(res);
      }
    });
  }
  return out;
}

/**
 * Records a site's dist/ folder name; returns the problem when another site of the app already has it.
 * The first step of {@link SitePipeline.run}.
 */
function claimSiteName(names: Map<string, string>, s: Site): string | undefined {
  const prev = names.get(s.siteName);
  names.set(s.siteName, s.node.path);
  return prev ? `${s.node.path}: site name "${s.siteName}" is already used by ${prev}; each site needs its own dist/ folder` : undefined;
}

/** Renders a site; a SynthError's or ConfigError's messages go to `problems` and the result is undefined. */
function renderCollecting(s: Site, problems: string[]): SiteRender | undefined {
  try {
    return renderSite(s);
  } catch (e) {
    if (e instanceof SynthError) problems.push(...e.problems);
    else if (e instanceof ConfigError) problems.push(e.message);
    else throw e;
    return undefined;
  }
}

/** The problem line of an object that is not valid: file (and, for a site's object, the construct it came from), kind, name, errors. */
function resultProblem(res: ResourceResult, r?: SiteRender): string {
  const f = r?.files.find((x) => `${r.site.siteName}/${x.path}` === res.filename);
  const src = f?.sources[0] ? ` (from ${f.sources[0]})` : '';
  const detail = res.errors?.length ? res.errors.map((e: { path: string; msg: string }) => `${e.path || '/'}: ${e.msg}`).join('; ') : res.msg;
  return `${res.filename}${src}: ${res.kind} ${res.name} is ${res.status === 'statusInvalid' ? 'invalid' : 'not checkable'}: ${detail}`;
}

/**
 * The output scan (src/secrets/output-scan.ts) of rendered sites and dist/_fleet/: key material in any written file is
 * a problem naming file and field; Secrets of SecretRef.unsafePlaintext are warnings.
 */
export function scanRendered(rendered: readonly SiteRender[], fleet?: FleetRender): { problems: string[]; warnings: string[] } {
  const files = [
    ...rendered.flatMap((r) => r.files.map((f) => ({ path: `${r.site.siteName}/${f.path}`, content: f.content, objects: f.objects }))),
    ...(fleet?.files ?? []).map((f) => ({ path: `${FLEET_DIR}/${f.path}`, content: f.content, objects: f.objects })),
  ];
  const r = scanOutput(files);
  return {
    problems: r.problems.map((p) => new ConfigError(p).message),
    warnings: r.optedIn.map((f) => `${f}: key material in plain text, committed to git as you asked (SecretRef.unsafePlaintext); anyone who can read the repository can read it.\nfix: move the key to a SecretRef.externalSecret / sealedSecret / sops reference`),
  };
}

/** Validates dist/_fleet/ against the schemas of {@link fleetValidator}. */
function validateFleet(fleet: FleetRender, sites: readonly SchemaSite[], upstreamDir?: string): ResourceResult[] {
  const validator = fleetValidator(sites, { upstreamDir });
  const out: ResourceResult[] = [];
  for (const f of fleet.files) for (const o of f.objects) out.push(validator.validateObject(o, `${FLEET_DIR}/${f.path}`));
  return out;
}

/**
 * Compares objects with the previous `dist/<site>/` and describes changes to immutable fields (the plan's
 * classification, `src/plan/classify.ts`). A GitOps sync of such a change fails (Argo CD stays OutOfSync with
 * "field is immutable"), so synth warns while the previous output is still on disk; a change the site
 * acknowledged with `site.allowChange` is not repeated. `gitops-storage plan` refuses them (exit 2).
 */
function immutableFieldChanges(previousDir: string, r: SiteRender, upstreamDir?: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(previousDir)) return out;
  for (const f of r.files) {
    if (f.objects.length === 0) continue;
    let text: string;
    try {
      text = fs.readFileSync(path.join(previousDir, f.path), 'utf8');
    } catch {
      continue;
    }
    if (text === f.content) continue;
    for (const o of f.objects) {
      const old = readPrevious(path.join(previousDir, f.path));
      if (!old || old.kind !== o.kind || old.metadata?.name !== o.metadata?.name) continue;
      if (r.site.allowedChanges.some((a) => allowMatches(a, o) && (a.strategy || a.allow === 'immutable'))) continue;
      const changed = diffFields(old, o).filter((d) => classifyField(o, d).class === 'immutable').map((d) => d.path.split(/[.[]/)[0]);
      // the CRD's transition rules (x-kubernetes-validations reading oldSelf): what the API server answers the update
      const refused = siteValidator(r.site, { upstreamDir }).transitionProblems(old, o);
      const ruleFields = refused.map((p) => p.field || '(object)');
      // a rule names the field itself (spec.dataDirHostPath): it replaces the coarser top-level name (spec)
      const fields = [...new Set([...changed.filter((c) => !ruleFields.some((f) => f.startsWith(`${c}.`))), ...ruleFields])];
      if (fields.length === 0) continue;
      const rules = refused.map((p) => `${p.field}: "${p.message}" (CRD rule ${p.rule})`);
      out.push(`${r.site.siteName}: ${o.kind} ${o.metadata.name}: ${fields.join(', ')} changed, but the API server refuses to change ${fields.length > 1 ? 'these fields' : 'this field'} on an existing ${o.kind}; the sync will fail with "field is immutable"${rules.length ? ` (${rules.join('; ')})` : ''}.\n` +
        `fix: give the ${o.kind === 'StorageClass' ? 'class a new name (and move PVCs to it)' : `${o.kind} a new name`}, or have the engine recreate it; say which in the site: site.allowChange({ kind: '${o.kind}', name: '${o.metadata.name}', reason, strategy: 'new-name' (with newName) | 'argocd-replace' | 'flux-force' }). Existing volumes keep working either way.`);
    }
  }
  return out;
}

function readPrevious(file: string): any {
  try {
    return YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface SitePipelineOptions {
  /** Validate every object against the strict schemas. @default true */
  readonly validate?: boolean;
  /** Upstream mirror for schema sources the bundle lacks. @default - resolved by the validator */
  readonly upstreamDir?: string;
}

/** Schema validation of a site's (or the fleet hub's) objects: every result, and the problem line of each invalid one. */
export interface PipelineValidation {
  readonly results: readonly ResourceResult[];
  readonly problems: readonly string[];
}

const NOT_VALIDATED: PipelineValidation = { results: [], problems: [] };

/**
 * One site through the pipeline: rendered (or the problems that stopped it), its validation and output scan (each
 * computed when first asked, once), its warnings.
 */
export class SiteOutcome {
  private validated?: PipelineValidation;
  private scanned?: { problems: string[]; warnings: string[] };

  constructor(
    readonly site: Site,
    /** The rendered site; undefined when it could not be rendered (see `problems`). */
    readonly render: SiteRender | undefined,
    /** The site name clash and the render problems (construct checks, names, closure, engine) of this site. */
    readonly problems: readonly string[],
    private readonly opts: SitePipelineOptions,
  ) {}

  /** Strict schema validation of the rendered objects with the site's validator; nothing when validation is off or the site did not render. */
  validation(): PipelineValidation {
    if (!this.render || this.opts.validate === false) return NOT_VALIDATED;
    if (!this.validated) {
      const r = this.render;
      const results = validateSite(r, this.opts.upstreamDir);
      this.validated = { results, problems: results.filter((x) => x.status !== 'statusValid').map((x) => resultProblem(x, r)) };
    }
    return this.validated;
  }

  /** The output scan of the site's files (key material: problems; opted-in plain Secrets: warnings). */
  scan(): { problems: string[]; warnings: string[] } {
    if (!this.render) return { problems: [], warnings: [] };
    return (this.scanned ??= scanRendered([this.render]));
  }

  /** The site's own warnings (`site.addWarning`), as `<site>: <message>`. */
  get warnings(): string[] {
    return this.site.warnings.map((w) => `${this.site.siteName}: ${w}`);
  }

  /** Synth's warnings of immutable fields changed against the previous `<outdir>/<site>/` ({@link immutableFieldChanges}). */
  immutableWarnings(outdir: string): string[] {
    return this.render ? immutableFieldChanges(path.join(outdir, this.site.siteName), this.render, this.opts.upstreamDir) : [];
  }
}

/** The fleet hub folder (dist/_fleet/) of the rendered sites, validated. */
export interface FleetOutcome extends PipelineValidation {
  /** undefined when no site is driven from a hub */
  readonly fleet?: FleetRender;
}

/**
 * The site pipeline of one synth or plan: {@link run} takes the sites one at a time (each rendered when its turn
 * comes, so a lazy iterable builds one site at a time), {@link fleet} then renders and validates dist/_fleet/ of
 * every site that rendered.
 */
export class SitePipeline {
  private readonly names = new Map<string, string>();
  private readonly members: FleetMember[] = [];
  private readonly rendered: Site[] = [];

  constructor(private readonly opts: SitePipelineOptions = {}) {}

  /** The Sites of an app, in construct-tree order. */
  static sitesOf(app: App): Site[] {
    return app.node.findAll().filter(Site.isSite) as Site[];
  }

  /** Renders each site in turn and yields its outcome (validation and scan on demand). */
  *run(sites: Iterable<Site>): Generator<SiteOutcome> {
    for (const s of sites) {
      const problems: string[] = [];
      const taken = claimSiteName(this.names, s);
      if (taken) problems.push(taken);
      const r = renderCollecting(s, problems);
      // what dist/_fleet/ needs of a site: its namespaces (objects outside gitops/) and its fleet files
      if (r) {
        this.members.push(fleetMemberOf(r));
        this.rendered.push(s);
      }
      yield new SiteOutcome(s, r, problems, this.opts);
    }
  }

  /** dist/_fleet/ of the sites {@link run} rendered, validated with the fleet validator. Throws SynthError when it cannot be rendered. */
  fleet(): FleetOutcome {
    const fleet = renderFleetOf(this.members);
    if (!fleet || this.opts.validate === false) return fleet ? { fleet, ...NOT_VALIDATED } : NOT_VALIDATED;
    const results = validateFleet(fleet, this.rendered, this.opts.upstreamDir);
    return { fleet, results, problems: results.filter((x) => x.status !== 'statusValid').map((x) => resultProblem(x)) };
  }
}
