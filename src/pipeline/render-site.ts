/**
 * The render step of the site pipeline (site-pipeline.ts): one Site into its files — construct checks, names, the
 * closure check of the cluster model, Pod Security labels, GitOps engine decoration, the allow-change strategies,
 * UPGRADE.md — and the fleet hub folder (dist/_fleet/) of the rendered sites. Pure: nothing is validated or written
 * here.
 */
import { IConstruct } from 'constructs';
import { ConfigError, parsedPropsOf } from '../foundation/errors';
import { DNS_LABEL_MAX, DNS_SUBDOMAIN_MAX, nameRuleOf, objectRuleProblems, ObjectRuleProblem } from '../foundation/k8s-rules';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { fastKubeYaml } from '../foundation/kube-yaml-fast-writer';
import { stripNulls } from '../foundation/manifest-util';
import { restoreMapKeys } from '../foundation/map-keys';
import { checkClosure } from '../model/closure';
import { EngineFile, GITOPS_DIR, RenderedObject } from '../site/gitops-config';
import { layerInfo, placementOf } from '../site/layers';
import { Site } from '../site/site';
import { applyPodSecurity } from '../site/pod-security';
import { applyChangeStrategies } from '../site/allow-change';
import { applyEngine } from '../gitops/render';
import { FLEET_DIR, FleetMember, renderFleet } from '../gitops/fleet-hub';
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
