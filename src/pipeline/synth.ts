/**
 * Synthesis: construct checks -> render -> GitOps decoration -> strict schema validation -> atomic write.
 *
 * Nothing is written unless every site of the app passed every check, and each site folder is
 * replaced by a rename, so a failed synth leaves the previous dist/ untouched.
 */
import { checkClosure } from '../model/closure';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as YAML from 'yaml';
import { ConfigError, forgetParsedProps, parsedPropsOf } from '../foundation/errors';
import { OutputTransaction, writeOutput } from '../foundation/dist-write';
import { scanOutput } from '../secrets/output-scan';
import { DNS_LABEL_MAX, DNS_SUBDOMAIN_MAX, nameRuleOf, objectRuleProblems, ObjectRuleProblem } from '../foundation/k8s-rules';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { fastKubeYaml } from '../foundation/kube-yaml-fast-writer';
import { stripNulls } from '../foundation/manifest-util';
import { restoreMapKeys } from '../foundation/map-keys';
import { EngineFile, GITOPS_DIR, RenderedObject } from '../site/gitops-config';
import { layerInfo, placementOf } from '../site/layers';
import { applyEngine } from '../gitops/render';
import { FLEET_DIR, FleetMember, renderFleet } from '../gitops/fleet-hub';
import { Site } from '../site/site';
import { applyPodSecurity } from '../site/pod-security';
import { ResourceResult, Validator } from '../validation/validator';
import { allowMatches, applyChangeStrategies } from '../site/allow-change';
import { classifyField, diffFields } from '../plan/classify';
import { upgradeMarkdown } from '../plan/upgrade-md';
import { versionFindings, versionsOf } from '../plan/upgrade-rules';

export interface RenderedFile {
  /** relative to dist/<site>/ */
  readonly path: string;
  readonly content: string;
  /** Kubernetes objects in the file (empty for text artifacts) */
  readonly objects: readonly any[];
  /** construct paths of the objects, for messages */
  readonly sources: readonly string[];
}

export interface SiteRender {
  readonly site: Site;
  readonly files: readonly RenderedFile[];
  /** Files the site's engine adds to dist/_fleet/ (the management cluster's Kustomizations of a remote Flux site). @default [] */
  readonly fleetFiles?: readonly RenderedFile[];
}

/** dist/_fleet/: what the hub / management cluster of the app's fleet sites reads. */
export interface FleetRender {
  readonly files: readonly RenderedFile[];
}

export class SynthError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`synth failed; nothing was written.\n${problems.map((p) => `- ${p.replace(/\n/g, '\n  ')}`).join('\n')}`);
    this.name = 'SynthError';
  }
}

/**
 * Serializes one manifest: keys as cdk8s sorts them, no nulls, no line folding, and every string that a YAML 1.1
 * reader (sigs.k8s.io/yaml in kubectl, Argo CD, Flux, kubeconform) would read as a bool, null, number or timestamp
 * quoted — `name: "n"`, `"on": "yes"` — keys included (`stringifyKubeYaml`, rule in kube-yaml.ts `needsQuotes`).
 */
export function toYaml(manifests: readonly any[]): string {
  return manifests.map(manifestYaml).join('---\n');
}

/**
 * YAML of one manifest, memoized by its JSON: the sites of a fleet repeat most of their objects byte for byte
 * (the same CephCluster, pools and classes in every cluster), and JSON.stringify is an order of magnitude cheaper
 * than the YAML writer. Same JSON (same keys in the same order) means the same YAML, so the output is unchanged.
 */
const yamlMemo = new Map<string, string>();
// bounded: entries unique to one site never hit again; cleared when full (the shared ones come back at once)
const MEMO_MAX = 4000;
function manifestYaml(m: any): string {
  const key = JSON.stringify(m);
  const hit = key === undefined ? undefined : yamlMemo.get(key);
  if (hit !== undefined) return hit;
  const sorted = sortKeys(stripNulls(m), true);
  const out = fastKubeYaml(sorted) ?? stringifyKubeYaml(sorted, { lineWidth: 0, minContentWidth: 0 });
  if (key !== undefined) {
    if (yamlMemo.size >= MEMO_MAX) yamlMemo.clear();
    yamlMemo.set(key, out);
  }
  return out;
}

/** Keys in cdk8s order: apiVersion, kind, metadata first at the top, then alphabetical, at every depth. */
function sortKeys(v: any, top = false): any {
  if (Array.isArray(v)) return v.map((x) => sortKeys(x));
  if (v && typeof v === 'object') {
    const first = top ? ['apiVersion', 'kind', 'metadata'] : [];
    const keys = Object.keys(v).sort((a, b) => {
      const ia = first.indexOf(a);
      const ib = first.indexOf(b);
      if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const out: any = {};
    for (const k of keys) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}


/** Construct path of an object without the conventional trailing `/Resource`. */
export function displayPath(path: string): string {
  return path.replace(/\/Resource$/, '');
}

function fileNameOf(m: any): string {
  const kind = String(m.kind ?? 'object').toLowerCase();
  const ns = m.metadata?.namespace;
  const name = m.metadata?.name ?? 'unnamed';
  // names like "topolvm-system:controller" are valid object names but awkward file names (Windows, shells)
  const safe = (x: string) => x.replace(/[^A-Za-z0-9._-]/g, '-');
  return ns ? `${kind}_${safe(ns)}_${safe(name)}.yaml` : `${kind}_${safe(name)}.yaml`;
}

/** Runs every deferred check (node.addValidation) of the constructs under `scope`. */
export function constructProblems(scope: IConstruct): string[] {
  const out: string[] = [];
  for (const c of scope.node.findAll()) {
    for (const msg of c.node.validate()) out.push(msg.startsWith(c.node.path) ? msg : `${c.node.path}: ${msg}`);
  }
  return out;
}

/** String props (dotted path -> value) of parsed props, plain objects and arrays only, a few levels deep. */
function stringProps(v: unknown, prefix = '', depth = 0, out: [string, string][] = []): [string, string][] {
  if (typeof v === 'string') {
    if (prefix) out.push([prefix, v]);
  } else if (Array.isArray(v) && depth < 4) {
    v.forEach((x, i) => stringProps(x, `${prefix}[${i}]`, depth + 1, out));
  } else if (v && typeof v === 'object' && depth < 4 && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) stringProps(x, prefix ? `${prefix}.${k}` : k, depth + 1, out);
  }
  return out;
}

/**
 * A name, namespace, label or annotation of an emitted object that the API server would refuse (though the schema
 * passes it), as a ConfigError message naming the construct and the prop the value was derived from: the
 * longest string prop of the object's constructs (nearest first) that the bad value contains.
 */
function derivedValueProblem(site: Site, obj: IConstruct, manifest: any, rp: ObjectRuleProblem): string {
  const kind = String(manifest.kind);
  let origin: { path: string; prop: string; value: string } | undefined;
  for (let c: IConstruct | undefined = obj.node.scope; c; c = c.node.scope) {
    const parsed = parsedPropsOf(c.node.path) ?? (c === site ? { name: site.siteName } : undefined);
    for (const [prop, value] of stringProps(parsed)) {
      if (value.length > 0 && rp.value.includes(value) && (!origin || value.length > origin.value.length)) origin = { path: displayPath(c.node.path), prop, value };
    }
    if (origin || c === site) break;
  }
  const ownerPath = displayPath(obj.node.scope?.node.path ?? obj.node.path);
  const what = rp.what === 'name' ? `${kind} name` : rp.what === 'namespace' ? 'namespace' : rp.field;
  const from = origin ? ` derived from ${origin.prop} ${JSON.stringify(origin.value)}` : ' derived by this construct';
  let fix: string;
  const target = origin ? `${origin.prop} of ${origin.path}` : `the name props (or the id) of ${ownerPath}`;
  if (rp.what === 'name' || rp.what === 'namespace') {
    const rule = rp.what === 'name' ? nameRuleOf(kind, String(manifest.apiVersion)) : 'dns1123-label';
    const max = rule === 'dns1123-subdomain' ? DNS_SUBDOMAIN_MAX : DNS_LABEL_MAX;
    if (rp.value.length > max) fix = `shorten ${target} by at least ${rp.value.length - max} characters (the ${what} "${rp.value}" is ${rp.value.length} characters long; at most ${max})`;
    else if (rule === 'dns1035-label' && /^[0-9]/.test(rp.value)) fix = `change ${target} to start with a letter (a ${kind} name must begin with one)`;
    else fix = `change ${target} so that the ${what} fits`;
  } else {
    fix = `change ${target} so that the ${rp.what === 'label-key' || rp.what === 'annotations' ? 'key' : 'value'} fits`;
  }
  return new ConfigError({
    path: origin ? `${origin.path}: ${origin.prop}` : ownerPath,
    problem: `${kind} ${manifest.metadata?.name}: the ${what}${from} is refused by the API server (the schema does not say so): ${rp.problem}`,
    value: rp.value,
    allowed: rp.allowed,
    fix,
  }).message;
}

/** Whether renderSite runs the closure check (GITOPS_STORAGE_CLOSURE=off turns it off, for measuring its cost only). */
const closureOn = () => process.env.GITOPS_STORAGE_CLOSURE !== 'off';

/** The closure check of the cluster model over a site's objects (src/model/closure.ts). */
function closureProblems(site: Site, objects: readonly RenderedObject[]): string[] {
  if (!closureOn()) return [];
  const g = site.gitops as { engine: string; argocdNamespace?: string; fluxNamespace?: string };
  return checkClosure({
    siteName: site.siteName,
    versions: site.versions,
    objects: objects.map((o) => ({ manifest: o.manifest, path: o.path.replace(/\/Resource$/, '') })),
    components: site.installedComponents,
    declared: site.clusterProvided,
    provided: site.providedObjectList,
    engineNamespaces: [g.argocdNamespace, g.fluxNamespace].filter((x): x is string => !!x),
  });
}

/** Renders one site into files, running construct checks and GitOps decoration. Throws SynthError. */
export function renderSite(site: Site): SiteRender {
  const problems = constructProblems(site);
  if (problems.length > 0) throw new SynthError(problems);

  const objects: RenderedObject[] = [];
  const seen = new Map<string, string>();
  const declaredNamespaces = new Set(site.clusterProvided.namespaces);
  for (const obj of site.allApiObjects()) {
    const placement = placementOf(obj);
    const manifest = restoreMapKeys(obj.toJson());
    if (!placement) {
      problems.push(`${obj.node.path}: ${manifest.kind} ${manifest.metadata?.name} has no layer (internal error: call place())`);
      continue;
    }
    const group = String(manifest.apiVersion).includes('/') ? String(manifest.apiVersion).split('/')[0] : '';
    const key = `${group}/${manifest.kind}/${manifest.metadata?.namespace ?? ''}/${manifest.metadata?.name}`;
    const prev = seen.get(key);
    if (prev) {
      problems.push(new ConfigError({
        path: displayPath(obj.node.path),
        problem: `duplicate ${manifest.kind} name "${manifest.metadata?.name}"${manifest.metadata?.namespace ? ` in namespace "${manifest.metadata.namespace}"` : ''}; ${prev} already uses it`,
        value: manifest.metadata?.name,
        allowed: 'names unique per kind and namespace',
        fix: 'rename one of the two',
      }).message);
      continue;
    }
    seen.set(key, displayPath(obj.node.path));
    // a namespace the user declared with site.clusterProvides exists already: the site does not create or own it
    if (manifest.kind === 'Namespace' && group === '' && declaredNamespaces.has(manifest.metadata?.name)) continue;
    for (const rp of objectRuleProblems(manifest)) problems.push(derivedValueProblem(site, obj, manifest, rp));
    objects.push({ layer: layerInfo(placement.layer), placement, manifest, path: displayPath(obj.node.path) });
  }
  problems.push(...applyPodSecurity(site, objects));
  if (problems.length > 0) throw new SynthError(problems);
  problems.push(...closureProblems(site, objects));
  if (problems.length > 0) throw new SynthError(problems);

  let engineFiles: EngineFile[];
  let notes: { path: string; text: string }[];
  try {
    engineFiles = applyEngine(site, objects);
    notes = applyChangeStrategies(site, site.allowedChanges, objects.map((o) => o.manifest));
  } catch (e) {
    if (e instanceof ConfigError) throw new SynthError([e.message]);
    throw e;
  }
  if (site.upgradeFrom) notes.push(upgradeDoc(site, objects, engineFiles));

  const files: RenderedFile[] = [];
  const fleetFiles: RenderedFile[] = [];
  for (const o of objects) {
    files.push({ path: `${o.layer.dir}/${fileNameOf(o.manifest)}`, content: toYaml([o.manifest]), objects: [o.manifest], sources: [o.path] });
  }
  for (const f of engineFiles) {
    if (f.fleet) fleetFiles.push(engineFile(f, `${site.node.path} (gitops)`));
    else if (f.manifests) files.push({ path: f.path, content: toYaml(f.manifests), objects: f.manifests, sources: f.manifests.map(() => `${site.node.path} (gitops)`) });
    else files.push({ path: f.path, content: f.text!.endsWith('\n') ? f.text! : f.text + '\n', objects: [], sources: [] });
  }
  for (const a of site.siteArtifacts) files.push({ path: a.path, content: a.content, objects: [], sources: [] });
  for (const n of notes) files.push({ path: n.path, content: n.text.endsWith('\n') ? n.text : n.text + '\n', objects: [], sources: [] });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const dup = files.find((f, i) => i > 0 && files[i - 1].path === f.path);
  if (dup) throw new SynthError([`${site.node.path}: two outputs share the file ${dup.path}`]);
  return fleetFiles.length > 0 ? { site, files, fleetFiles } : { site, files };
}

function engineFile(f: EngineFile, source: string): RenderedFile {
  if (f.manifests) return { path: f.path, content: toYaml(f.manifests), objects: f.manifests, sources: f.manifests.map(() => source) };
  return { path: f.path, content: f.text!.endsWith('\n') ? f.text! : f.text + '\n', objects: [], sources: [] };
}

/** Namespaces a rendered site's objects live in, and the Namespaces it creates (not the engine's own objects in gitops/). */
function namespacesOf(r: SiteRender): string[] {
  const out = new Set<string>();
  for (const f of r.files) {
    if (f.path.startsWith(`${GITOPS_DIR}/`)) continue;
    for (const o of f.objects) {
      if (o?.metadata?.namespace) out.add(o.metadata.namespace);
      if (o?.kind === 'Namespace' && o?.apiVersion === 'v1' && o?.metadata?.name) out.add(o.metadata.name);
    }
  }
  return [...out].sort();
}

/** What dist/_fleet/ needs of a rendered site: the site, the namespaces of its objects, its fleet files. */
export function fleetMemberOf(r: SiteRender): FleetMember {
  return { site: r.site, namespaces: namespacesOf(r), fleetFiles: (r.fleetFiles ?? []).map((f) => (f.objects.length > 0 ? { path: f.path, manifests: [...f.objects] } : { path: f.path, text: f.content })) };
}

/**
 * dist/_fleet/ of the fleet's sites (the ApplicationSet of the hub-and-spoke Argo CD sites, the Kustomizations of
 * the Flux sites a management cluster reconciles), or undefined when no site is driven from a hub. Throws SynthError.
 */
export function renderFleetOf(members: readonly FleetMember[]): FleetRender | undefined {
  let files;
  try {
    files = renderFleet(members);
  } catch (e) {
    if (e instanceof ConfigError) throw new SynthError([e.message]);
    throw e;
  }
  if (files.length === 0) return undefined;
  return { files: files.map((f) => engineFile(f, `${FLEET_DIR} (fleet)`)) };
}

/** dist/_fleet/ of the rendered sites ({@link renderFleetOf}). Throws SynthError. */
export function renderFleetDir(rendered: readonly SiteRender[]): FleetRender | undefined {
  return renderFleetOf(rendered.map(fleetMemberOf));
}

/**
 * UPGRADE.md of a site that declares an upgrade (`site.upgradingFrom`): the plan's version rules between the
 * declared versions and the pinned ones. A refused upgrade (a skipped Rook minor, Rook and Ceph together, an
 * unsupported Ceph release…) fails synth with the rule's fix.
 */
function upgradeDoc(site: Site, objects: readonly RenderedObject[], engineFiles: readonly EngineFile[]): { path: string; text: string } {
  const d = site.upgradeFrom!;
  const after = versionsOf([{ path: '', content: '', objects: objects.map((o) => o.manifest) }]);
  const now = { rook: site.versions.rookRelease ?? site.versions.rook ?? after.rook, topolvm: site.versions.topolvm ?? after.topolvm, cephImages: after.cephImages };
  const before = {
    rook: d.rookVersion ?? now.rook,
    topolvm: d.topolvmVersion ?? now.topolvm,
    cephImages: Object.fromEntries(Object.entries(now.cephImages).map(([k, v]) => [k, d.cephImage ?? v])),
  };
  const findings = versionFindings(before, now, { kubernetes: site.versions.kubernetes, flexClassesBefore: [], declared: d, siteName: site.siteName });
  const bad = findings.filter((f) => f.kind !== 'upgrade');
  if (findings.length === 0 || bad.length > 0) {
    throw new SynthError(bad.length > 0
      ? bad.map((f) => `${site.node.path}: upgradingFrom: ${f.title}\n  ${f.detail.join('\n  ')}`)
      : [new ConfigError({ path: `${site.node.path}: upgradingFrom`, problem: 'the declared versions are the ones the site pins: nothing is upgraded', value: d, fix: 'remove upgradingFrom (the upgrade is done), or name the versions the cluster runs now' }).message]);
  }
  return {
    path: 'UPGRADE.md',
    text: upgradeMarkdown({
      siteName: site.siteName,
      engine: site.gitops.engine,
      objects: objects.map((o) => ({ dir: o.layer.dir, manifest: o.manifest })),
      engineManifests: engineFiles.flatMap((f) => f.manifests ?? []),
      findings,
    }),
  };
}

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

const validators = new Map<string, Validator>();
/** Validation results per validator by file content (a pure function of the two; see validateSite). */
const validationMemo = new WeakMap<Validator, Map<string, ResourceResult>>();

/** The validator of a site's Kubernetes version and schema sources (one per process and combination). */
export function siteValidator(r: SiteRender, upstreamDir?: string): Validator {
  const schemaAliases = r.site.schemaAliases;
  const key = JSON.stringify([r.site.versions.kubernetes, r.site.schemaSources, upstreamDir, schemaAliases]);
  let validator = validators.get(key);
  if (!validator) {
    validator = new Validator({ kubernetesVersion: r.site.versions.kubernetes, crdSources: r.site.schemaSources, upstreamDir, schemaAliases });
    validators.set(key, validator);
  }
  return validator;
}

/** Schema-validates every object of a rendered site. */
export function validateSite(r: SiteRender, upstreamDir?: string): ResourceResult[] {
  const validator = siteValidator(r, upstreamDir);
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
 * One step of every per-site loop (synthApp, the streamed synth, planApp).
 */
export function claimSiteName(names: Map<string, string>, s: Site): string | undefined {
  const prev = names.get(s.siteName);
  names.set(s.siteName, s.node.path);
  return prev ? `${s.node.path}: site name "${s.siteName}" is already used by ${prev}; each site needs its own dist/ folder` : undefined;
}

/** Renders a site; a SynthError's or ConfigError's messages go to `problems` and the result is undefined. */
export function renderCollecting(s: Site, problems: string[]): SiteRender | undefined {
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
export function resultProblem(res: ResourceResult, r?: SiteRender): string {
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

/** Synthesizes every Site of the app. Throws SynthError (and writes nothing) on any problem. */
export function synthApp(app: App, opts: SynthOptions = {}): SynthResult {
  const sites = app.node.findAll().filter(Site.isSite) as Site[];
  if (opts.stream) return synthStreaming(sites, opts);
  const problems: string[] = [];
  const rendered: SiteRender[] = [];
  const names = new Map<string, string>();
  for (const s of sites) {
    const taken = claimSiteName(names, s);
    if (taken) problems.push(taken);
    const r = renderCollecting(s, problems);
    if (r) {
      rendered.push(r);
      opts.progress?.(`${s.siteName}: ${r.files.reduce((n, f) => n + f.objects.length, 0)} objects in ${r.files.length} files (Kubernetes ${s.versions.kubernetes}${s.versions.rook ? `, Rook ${s.versions.rook}` : ''}${s.versions.topolvm ? `, TopoLVM ${s.versions.topolvm}` : ''}, ${s.gitops.engine})`);
    }
  }
  if (problems.length > 0) throw new SynthError(problems);
  const fleet = renderFleetDir(rendered);

  const results: ResourceResult[] = [];
  if (opts.validate !== false && fleet) {
    for (const res of validateFleet(fleet, rendered.map((r) => r.site), opts.upstreamDir)) {
      results.push(res);
      if (res.status !== 'statusValid') problems.push(resultProblem(res));
    }
  }
  if (opts.validate !== false) {
    for (const r of rendered) {
      const siteResults = validateSite(r, opts.upstreamDir);
      const bad = siteResults.filter((x) => x.status !== 'statusValid').length;
      opts.progress?.(`${r.site.siteName}: ${bad === 0 ? `all ${siteResults.length} objects valid` : `${bad} of ${siteResults.length} objects invalid`} (strict schemas of Kubernetes ${r.site.versions.kubernetes} and ${r.site.schemaSources.length} CRD sources)`);
      for (const res of siteResults) {
        results.push(res);
        if (res.status !== 'statusValid') problems.push(resultProblem(res, r));
      }
    }
  }
  const scan = scanRendered(rendered, fleet);
  problems.push(...scan.problems);
  if (problems.length > 0) throw new SynthError(problems);

  const outdir = opts.outdir ?? 'dist';
  const warnings = [
    ...rendered.flatMap((r) => r.site.warnings.map((w) => `${r.site.siteName}: ${w}`)),
    ...scan.warnings,
    ...rendered.flatMap((r) => immutableFieldChanges(path.join(outdir, r.site.siteName), r, opts.upstreamDir)),
  ];
  if (opts.write !== false) writeAtomically(outdir, rendered, fleet ? [{ name: FLEET_DIR, files: fleet.files }] : []);
  return fleet ? { sites: rendered, fleet, results, warnings } : { sites: rendered, results, warnings };
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
  const write = opts.write !== false;
  const problems: string[] = [];
  const kept: SiteRender[] = [];
  const members: FleetMember[] = [];
  const results: ResourceResult[] = [];
  const warnings: string[] = [];
  const names = new Map<string, string>();
  const tx = write ? new OutputTransaction(outdir) : undefined;
  try {
    for (const s of sites) {
      const taken = claimSiteName(names, s);
      if (taken) problems.push(taken);
      const r = renderCollecting(s, problems);
      if (!r) continue;
      if (opts.validate !== false) {
        for (const res of validateSite(r, opts.upstreamDir)) {
          results.push(res);
          if (res.status !== 'statusValid') problems.push(resultProblem(res, r));
        }
      }
      members.push(fleetMemberOf(r));
      const scan = scanRendered([r]);
      problems.push(...scan.problems);
      warnings.push(...scan.warnings);
      if (problems.length > 0) continue;
      warnings.push(...s.warnings.map((w) => `${s.siteName}: ${w}`), ...immutableFieldChanges(path.join(outdir, s.siteName), r, opts.upstreamDir));
      tx?.stage({ name: s.siteName, files: r.files });
      kept.push({ site: s, files: [] });
      releaseSite(s);
    }
    if (problems.length > 0) throw new SynthError(problems);
    const fleet = renderFleetOf(members);
    if (fleet && opts.validate !== false) {
      for (const res of validateFleet(fleet, kept.map((r) => r.site), opts.upstreamDir)) {
        results.push(res);
        if (res.status !== 'statusValid') problems.push(resultProblem(res));
      }
    }
    if (fleet) problems.push(...scanRendered([], fleet).problems);
    if (problems.length > 0) throw new SynthError(problems);
    if (tx && fleet) tx.stage({ name: FLEET_DIR, files: fleet.files });
    tx?.commit();
    return fleet ? { sites: kept, fleet, results, warnings } : { sites: kept, results, warnings };
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

/** What the fleet validator reads of a site. */
export interface FleetSchemaSite {
  readonly versions: { readonly kubernetes: string };
  readonly schemaSources: readonly string[];
  readonly schemaAliases: Readonly<Record<string, string>>;
}

/** Whether a CRD source is a GitOps engine's (the kinds dist/_fleet/ holds). */
const isEngineSource = (s: string) => /^(argo-cd|flux)@/.test(s);

/**
 * The schemas dist/_fleet/ is checked with (by synth, `check-dist` and the kubeconform command of `site-schemas`):
 * the CRDs of the engines the fleet's sites run, with the core schemas of the newest Kubernetes among them (the hub's
 * own version is not declared; these objects are custom resources either way).
 */
export function fleetSchemaOptions(sites: readonly FleetSchemaSite[]): { kubernetesVersion: string; crdSources: string[]; schemaAliases: Record<string, string> } {
  const versions = sites.map((s) => s.versions.kubernetes).sort((a, b) => {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
  });
  const sources = [...new Set(sites.flatMap((s) => s.schemaSources.filter(isEngineSource)))].sort();
  return { kubernetesVersion: versions[versions.length - 1], crdSources: sources, schemaAliases: Object.assign({}, ...sites.map((s) => s.schemaAliases)) };
}

/** Validates dist/_fleet/ against the schemas of {@link fleetSchemaOptions}. */
export function validateFleet(fleet: FleetRender, sites: readonly FleetSchemaSite[], upstreamDir?: string): ResourceResult[] {
  const o = fleetSchemaOptions(sites);
  const key = JSON.stringify([o.kubernetesVersion, o.crdSources, upstreamDir, o.schemaAliases]);
  let validator = validators.get(key);
  if (!validator) {
    validator = new Validator({ kubernetesVersion: o.kubernetesVersion, crdSources: o.crdSources, upstreamDir, schemaAliases: o.schemaAliases });
    validators.set(key, validator);
  }
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
export function immutableFieldChanges(previousDir: string, r: SiteRender, upstreamDir?: string): string[] {
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
      const refused = siteValidator(r, upstreamDir).transitionProblems(old, o);
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

/**
 * Writes each site to `<outdir>/<site>/` (and the extra folders, e.g. `_fleet`) by the write protocol of
 * `dist-write.ts`: locked, staged, committed all or none, leftovers of an interrupted run recovered first.
 */
export function writeAtomically(outdir: string, rendered: readonly SiteRender[], extra: readonly { name: string; files: readonly RenderedFile[] }[] = []): void {
  writeOutput(outdir, [...rendered.map((x) => ({ name: x.site.siteName, files: x.files })), ...extra]);
}
