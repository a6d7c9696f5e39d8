/**
 * Synthesis: the site pipeline (site-pipeline.ts: construct checks -> render -> GitOps decoration -> strict schema
 * validation) -> atomic write.
 *
 * Nothing is written unless every site of the app passed every check, and each site folder is
 * replaced by a rename, so a failed synth leaves the previous dist/ untouched.
 */
import { App } from 'cdk8s';
import { forgetParsedProps } from '../foundation/errors';
import { OutputTransaction, writeOutput } from '../foundation/dist-write';
import { FLEET_DIR } from '../gitops/fleet-hub';
import { Site } from '../site/site';
import { ResourceResult } from '../validation/validator';
import { FleetRender, RenderedFile, SiteRender, SynthError } from './render-site';
import { scanRendered, SiteOutcome, SitePipeline } from './site-pipeline';

// the render step, where the package's users and tests have always found it
export { renderSite, SynthError, toYaml } from './render-site';
export type { FleetRender, RenderedFile, SiteRender } from './render-site';

export interface SynthOptions {
  /** Output root. @default 'dist' */
  readonly outdir?: string;
  /** Validate every object against the strict schemas. @default true */
  readonly validate?: boolean;
  /** Upstream data directory for schemas. @default - resolved by the validator */
  readonly upstreamDir?: string;
  /** Write files. @default true */
  readonly write?: boolean;
  /** Called with one line per site and step (rendered, validated, written). @default - silent */
  readonly progress?: (line: string) => void;
  /**
   * Fleets of thousands of sites: render, validate and stage each site as soon as it is checked, then drop its
   * files and release its constructs (the app is consumed: synthesize it once); the result's `sites` carry no
   * files. Still all or nothing: the staged folders replace dist/ only when every site passed. @default false
   */
  readonly stream?: boolean;
}

export interface SynthResult {
  readonly sites: readonly SiteRender[];
  /** dist/_fleet/, when sites of the app are driven from a hub (Argo CD destination, Flux kubeConfigSecretRef). */
  readonly fleet?: FleetRender;
  readonly results: readonly ResourceResult[];
  /** Warnings of every site (`<site>: <message>`): written anyway, but worth fixing. */
  readonly warnings: readonly string[];
}

/** Synthesizes every Site of the app. Throws SynthError (and writes nothing) on any problem. */
export function synthApp(app: App, opts: SynthOptions = {}): SynthResult {
  const sites = SitePipeline.sitesOf(app);
  if (opts.stream) return synthStreaming(sites, opts);
  // every site rendered first; validation only when all rendered, after dist/_fleet/
  const pipeline = new SitePipeline(opts);
  const problems: string[] = [];
  const outcomes: SiteOutcome[] = [];
  for (const o of pipeline.run(sites)) {
    problems.push(...o.problems);
    const r = o.render;
    if (!r) continue;
    outcomes.push(o);
    const s = o.site;
    opts.progress?.(`${s.siteName}: ${r.files.reduce((n, f) => n + f.objects.length, 0)} objects in ${r.files.length} files (Kubernetes ${s.versions.kubernetes}${s.versions.rook ? `, Rook ${s.versions.rook}` : ''}${s.versions.topolvm ? `, TopoLVM ${s.versions.topolvm}` : ''}, ${s.gitops.engine})`);
  }
  if (problems.length > 0) throw new SynthError(problems);
  const hub = pipeline.fleet();
  const results: ResourceResult[] = [...hub.results];
  problems.push(...hub.problems);
  for (const o of outcomes) {
    const v = o.validation();
    if (opts.validate !== false) {
      const bad = v.problems.length;
      opts.progress?.(`${o.site.siteName}: ${bad === 0 ? `all ${v.results.length} objects valid` : `${bad} of ${v.results.length} objects invalid`} (strict schemas of Kubernetes ${o.site.versions.kubernetes} and ${o.site.schemaSources.length} CRD sources)`);
    }
    results.push(...v.results);
    problems.push(...v.problems);
  }
  const rendered = outcomes.map((o) => o.render!);
  const scan = scanRendered(rendered, hub.fleet);
  problems.push(...scan.problems);
  if (problems.length > 0) throw new SynthError(problems);

  const outdir = opts.outdir ?? 'dist';
  const warnings = [
    ...outcomes.flatMap((o) => o.warnings),
    ...scan.warnings,
    ...outcomes.flatMap((o) => o.immutableWarnings(outdir)),
  ];
  if (opts.write !== false) writeAtomically(outdir, rendered, hub.fleet ? [{ name: FLEET_DIR, files: hub.fleet.files }] : []);
  return hub.fleet ? { sites: rendered, fleet: hub.fleet, results, warnings } : { sites: rendered, results, warnings };
}

/**
 * synthApp with `stream`: one site at a time from render to its staged folder (see {@link SynthOptions.stream}).
 * `sites` may be lazy (a generator that builds each site when asked, as `Fleet.synth` does), so only one site's
 * constructs exist at a time.
 */
export function synthSites(sites: Iterable<Site>, opts: SynthOptions = {}): SynthResult {
  return synthStreaming(sites, opts);
}

function synthStreaming(sites: Iterable<Site>, opts: SynthOptions): SynthResult {
  const outdir = opts.outdir ?? 'dist';
  const pipeline = new SitePipeline(opts);
  const problems: string[] = [];
  const kept: SiteRender[] = [];
  const results: ResourceResult[] = [];
  const warnings: string[] = [];
  const tx = opts.write !== false ? new OutputTransaction(outdir) : undefined;
  try {
    for (const o of pipeline.run(sites)) {
      problems.push(...o.problems);
      const r = o.render;
      if (!r) continue;
      const v = o.validation();
      results.push(...v.results);
      problems.push(...v.problems);
      const scan = o.scan();
      problems.push(...scan.problems);
      warnings.push(...scan.warnings);
      // once synth fails, the rest is only checked
      if (problems.length > 0) continue;
      warnings.push(...o.warnings, ...o.immutableWarnings(outdir));
      tx?.stage({ name: o.site.siteName, files: r.files });
      kept.push({ site: o.site, files: [] });
      releaseSite(o.site);
    }
    if (problems.length > 0) throw new SynthError(problems);
    const hub = pipeline.fleet();
    results.push(...hub.results);
    problems.push(...hub.problems);
    if (hub.fleet) problems.push(...scanRendered([], hub.fleet).problems);
    if (problems.length > 0) throw new SynthError(problems);
    if (tx && hub.fleet) tx.stage({ name: FLEET_DIR, files: hub.fleet.files });
    tx?.commit();
    return hub.fleet ? { sites: kept, fleet: hub.fleet, results, warnings } : { sites: kept, results, warnings };
  } catch (e) {
    tx?.abort();
    throw e;
  }
}

/**
 * Lets the garbage collector take a written site's constructs (a streamed synth holds one site's tree at a time
 * beyond the Site itself): its children leave the tree and their parsed props are forgotten.
 */
function releaseSite(site: Site): void {
  const all = site.node.findAll();
  forgetParsedProps(all.map((c) => c.node.path));
  site.releaseConstructs();
}

/**
 * Writes each site to `<outdir>/<site>/` (and the extra folders, e.g. `_fleet`) by the write protocol of
 * `dist-write.ts`: locked, staged, committed all or none, leftovers of an interrupted run recovered first.
 */
export function writeAtomically(outdir: string, rendered: readonly SiteRender[], extra: readonly { name: string; files: readonly RenderedFile[] }[] = []): void {
  writeOutput(outdir, [...rendered.map((x) => ({ name: x.site.siteName, files: x.files })), ...extra]);
}
