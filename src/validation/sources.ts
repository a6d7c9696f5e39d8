/**
 * Where schema source data (Kubernetes `_definitions.json`, CRD YAML) comes from, in this order:
 *   1. the embedded bundle (bundle.ts): description-free derivatives of every supported Kubernetes minor and every
 *      pinned CRD file, shipped with the package;
 *   2. for anything not bundled: a local mirror directory given explicitly (`--upstream DIR`) or by
 *      `$GITOPS_STORAGE_UPSTREAM` (the runtime never searches the file system for one),
 *   3. a per-user cache directory (`$XDG_CACHE_HOME/gitops-storage` or `~/.cache/gitops-storage`),
 *   4. the public raw URL (async only: {@link loadText} / {@link prefetch}); the download is stored in the cache.
 * A user's own CRD file or folder is read from the file system; a user's CRD URL goes through 3 and 4.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '../foundation/errors';
import { bundledCrdDocuments, bundledKubernetes } from './bundle';
import { parseCrdText } from './crd-parse';
import { ROOK_LINES_GENERATED } from '../versions/rook-lines.generated';
import { TOPOLVM_LINE_DATA } from '../versions/topolvm-lines.generated';

/** Environment variable that points at the upstream mirror directory. */
export const UPSTREAM_ENV = 'GITOPS_STORAGE_UPSTREAM';
/** Environment variable that overrides the cache directory. */
export const CACHE_ENV = 'GITOPS_STORAGE_CACHE';

export interface PinnedCrdSource {
  /** Paths relative to the upstream mirror directory. */
  readonly files: string[];
  /** Public raw URLs; `urls[i]` is the upstream origin of `files[i]`. */
  readonly urls: string[];
}

const GH = 'https://raw.githubusercontent.com';

function pinned(localPrefix: string, urlPrefix: string, names: string[]): PinnedCrdSource {
  return {
    files: names.map((n) => `${localPrefix}/${n}`),
    urls: names.map((n) => `${urlPrefix}/${n}`),
  };
}

function pinnedPaths(pairs: Array<[string, string]>): PinnedCrdSource {
  return { files: pairs.map((p) => p[0]), urls: pairs.map((p) => p[1]) };
}

function merge(...sources: PinnedCrdSource[]): PinnedCrdSource {
  return {
    files: sources.flatMap((s) => s.files),
    urls: sources.flatMap((s) => s.urls),
  };
}

const FLUX_KUSTOMIZE = pinned(
  'flux/kustomize-controller/v1.9.4',
  `${GH}/fluxcd/kustomize-controller/v1.9.4/config/crd/bases`,
  ['kustomize.toolkit.fluxcd.io_kustomizations.yaml'],
);
const FLUX_SOURCE = pinned('flux/source-controller/v1.9.1', `${GH}/fluxcd/source-controller/v1.9.1/config/crd/bases`, [
  'source.toolkit.fluxcd.io_buckets.yaml',
  'source.toolkit.fluxcd.io_externalartifacts.yaml',
  'source.toolkit.fluxcd.io_gitrepositories.yaml',
  'source.toolkit.fluxcd.io_helmcharts.yaml',
  'source.toolkit.fluxcd.io_helmrepositories.yaml',
  'source.toolkit.fluxcd.io_ocirepositories.yaml',
]);
const FLUX_HELM = pinned('flux/helm-controller/v1.6.3', `${GH}/fluxcd/helm-controller/v1.6.3/config/crd/bases`, [
  'helm.toolkit.fluxcd.io_helmreleases.yaml',
]);

/** The three Rook lines whose CRDs are read from the curated `rook/vX.Y.Z/` folders (the first pinned ones). */
const CURATED_ROOK = new Set(['1.20.6', '1.7.11', '1.2.7']);

/**
 * `rook@v1.X.Z` of every other pinned Rook line, from the release-line mirror `rook-lines/v1.X.Z/` (its CRD files as
 * the generated table lists them: common.yaml before v1.5, crds.yaml after, plus csi-operator.yaml where it holds
 * CRDs; upstream folder deploy/examples since v1.8, cluster/examples/kubernetes/ceph before).
 */
function rookLineSources(): Record<string, PinnedCrdSource> {
  const out: Record<string, PinnedCrdSource> = {};
  for (const l of ROOK_LINES_GENERATED) {
    if (CURATED_ROOK.has(l.version)) continue;
    const examples = Number(l.version.split('.')[1]) >= 8 ? 'deploy/examples' : 'cluster/examples/kubernetes/ceph';
    out[`rook@v${l.version}`] = pinned(`rook-lines/v${l.version}`, `${GH}/rook/rook/v${l.version}/${examples}`, l.crdFiles);
  }
  return out;
}

/**
 * `topolvm@v0.X.Z` of every TopoLVM line (its `config/crd/bases`, in the mirror's `topolvm-lines/v0.X.Z/`), from the
 * generated line table. The three lines pinned before keep their earlier folders below (the same CRDs).
 */
function topolvmLineSources(): Record<string, PinnedCrdSource> {
  return Object.fromEntries(TOPOLVM_LINE_DATA.map((l) => [
    `topolvm@v${l.version}`,
    pinned(`topolvm-lines/v${l.version}/config/crd/bases`, `${GH}/topolvm/topolvm/v${l.version}/config/crd/bases`, [...l.crdFiles]),
  ]));
}

/**
 * Pinned CRD sources. Keys are `<project>@<tag>`; the URLs are the public origins recorded in the mirror's
 * SOURCES.md / PROVENANCE notes (Rook: `deploy/examples` since v1.8, `cluster/examples/kubernetes/ceph` before).
 */
export const PINNED_CRD_SOURCES: Record<string, PinnedCrdSource> = {
  ...topolvmLineSources(),
  'rook@v1.20.6': pinned('rook/v1.20.6', `${GH}/rook/rook/v1.20.6/deploy/examples`, ['crds.yaml', 'csi-operator.yaml']),
  'rook@v1.7.11': pinned('rook/v1.7.11', `${GH}/rook/rook/v1.7.11/cluster/examples/kubernetes/ceph`, ['crds.yaml']),
  // v1.2.7 ships its CRDs (apiextensions.k8s.io/v1beta1) inside common.yaml, mixed with other kinds.
  'rook@v1.2.7': pinned('rook/v1.2.7', `${GH}/rook/rook/v1.2.7/cluster/examples/kubernetes/ceph`, ['common.yaml']),
  ...rookLineSources(),
  'topolvm@v0.41.0': pinned('topolvm/v0.41.0/config/crd/bases', `${GH}/topolvm/topolvm/v0.41.0/config/crd/bases`, [
    'topolvm.cybozu.com_logicalvolumes.yaml',
    'topolvm.io_logicalvolumes.yaml',
  ]),
  'topolvm@v0.8.3': pinned('topolvm/v0.8.3/deploy/manifests/base', `${GH}/topolvm/topolvm/v0.8.3/deploy/manifests/base`, [
    'crd.yaml',
  ]),
  'topolvm@v0.2.2': pinned('topolvm/v0.2.2/deploy/manifests', `${GH}/topolvm/topolvm/v0.2.2/deploy/manifests`, ['crd.yaml']),
  'argo-cd@v3.5.1': pinned('argo-cd/v3.5.1', `${GH}/argoproj/argo-cd/v3.5.1/manifests/crds`, [
    'application-crd.yaml',
    'applicationset-crd.yaml',
    'appproject-crd.yaml',
  ]),
  'flux@v2': merge(FLUX_KUSTOMIZE, FLUX_SOURCE, FLUX_HELM),
  'kustomize-controller@v1.9.4': FLUX_KUSTOMIZE,
  'source-controller@v1.9.1': FLUX_SOURCE,
  'helm-controller@v1.6.3': FLUX_HELM,
  'cert-manager@v1.21.1': pinned('cert-manager/v1.21.1', `${GH}/cert-manager/cert-manager/v1.21.1/deploy/crds`, [
    'cert-manager.io_certificates.yaml',
    'cert-manager.io_clusterissuers.yaml',
    'cert-manager.io_issuers.yaml',
  ]),
  'external-secrets@v2.9.0': pinned(
    'external-secrets/v2.9.0',
    `${GH}/external-secrets/external-secrets/v2.9.0/config/crds/bases`,
    [
      'external-secrets.io_clustersecretstores.yaml',
      'external-secrets.io_externalsecrets.yaml',
      'external-secrets.io_secretstores.yaml',
    ],
  ),
  'sealed-secrets@v0.36.6': pinnedPaths([
    [
      'sealed-secrets/v0.36.6/bitnami.com_sealedsecrets.yaml',
      `${GH}/bitnami-labs/sealed-secrets/v0.36.6/helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml`,
    ],
  ]),
  'external-snapshotter@v8.6.0': pinned(
    'external-snapshotter/v8.6.0',
    `${GH}/kubernetes-csi/external-snapshotter/v8.6.0/client/config/crd`,
    [
      'snapshot.storage.k8s.io_volumesnapshotclasses.yaml',
      'snapshot.storage.k8s.io_volumesnapshotcontents.yaml',
      'snapshot.storage.k8s.io_volumesnapshots.yaml',
    ],
  ),
  'prometheus-operator@v0.93.0': pinned(
    'prometheus-operator/v0.93.0',
    `${GH}/prometheus-operator/prometheus-operator/v0.93.0/example/prometheus-operator-crd`,
    ['monitoring.coreos.com_prometheusrules.yaml', 'monitoring.coreos.com_servicemonitors.yaml'],
  ),
  'gateway-api@v1.6.1': pinned('gateway-api/v1.6.1', `${GH}/kubernetes-sigs/gateway-api/v1.6.1/config/crd/standard`, [
    'gateway.networking.k8s.io_gatewayclasses.yaml',
    'gateway.networking.k8s.io_gateways.yaml',
    'gateway.networking.k8s.io_grpcroutes.yaml',
    'gateway.networking.k8s.io_httproutes.yaml',
    'gateway.networking.k8s.io_referencegrants.yaml',
  ]),
};

/** CRD sources used by the CLI when `--crds` is not given: the newest pinned version of each project. */
export const DEFAULT_CRD_SOURCES: readonly string[] = [
  'rook@v1.20.6',
  'topolvm@v0.41.0',
  'argo-cd@v3.5.1',
  'flux@v2',
  'cert-manager@v1.21.1',
  'external-secrets@v2.9.0',
  'sealed-secrets@v0.36.6',
  'external-snapshotter@v8.6.0',
  'prometheus-operator@v0.93.0',
];

export const DEFAULT_KUBERNETES_VERSION = '1.33.0';

/** Minimal fetch signature (node's global fetch satisfies it); injectable for tests. */
export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface LoadOptions {
  /** Mirror directory; resolved with {@link resolveUpstreamDir} when omitted. */
  upstreamDir?: string;
  /** Cache directory; {@link defaultCacheDir} when omitted. */
  cacheDir?: string;
  /** Candidate public URLs, tried in order when the file is neither mirrored nor cached. */
  urls?: string[];
  /** Fetch implementation (defaults to {@link boundedGet}: https only, size cap, connect and total timeouts). */
  fetch?: FetchLike;
  /** Accept `http://` URLs (plain text, anyone on the path can change the schema). @default - $GITOPS_STORAGE_ALLOW_HTTP === '1' */
  allowHttp?: boolean;
  /** Checked before a download is cached: throws when the text is not what the URL should hold (e.g. not a CRD). */
  check?: (text: string) => void;
}

/** Largest download accepted (the largest pinned CRD file is a few MiB). */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
/** Connect and total time limits of a download. */
export const DOWNLOAD_TIMEOUTS = { connectMs: 10_000, totalMs: 60_000 };

/**
 * GET of a URL with the limits a download must have: only https (http when `allowHttp`), at most
 * {@link MAX_DOWNLOAD_BYTES} (by Content-Length and while reading), a connect timeout and a total timeout
 * (a server that trickles bytes is cut off), redirects followed up to 5 times under the same rules.
 */
export function boundedGet(url: string, opts: { allowHttp?: boolean; maxBytes?: number; connectMs?: number; totalMs?: number } = {}): Promise<{ ok: boolean; status: number; text(): Promise<string> }> {
  const maxBytes = opts.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const connectMs = opts.connectMs ?? DOWNLOAD_TIMEOUTS.connectMs;
  const totalMs = opts.totalMs ?? DOWNLOAD_TIMEOUTS.totalMs;
  const deadline = Date.now() + totalMs;
  const get = (u: string, hops: number): Promise<{ ok: boolean; status: number; text(): Promise<string> }> => new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      reject(new Error(`not a URL: ${u}`));
      return;
    }
    const scheme = schemeProblem(parsed.protocol, opts.allowHttp);
    if (scheme) {
      reject(new Error(scheme));
      return;
    }
    /* eslint-disable @typescript-eslint/no-require-imports */
    const mod = (parsed.protocol === 'https:' ? require('https') : require('http')) as typeof import('https');
    /* eslint-enable @typescript-eslint/no-require-imports */
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      req.destroy();
      reject(e);
    };
    const total = setTimeout(() => fail(new Error(`no complete answer within ${Math.round(totalMs / 1000)} s (total timeout)`)), Math.max(1, deadline - Date.now()));
    const req = mod.get(parsed, { timeout: connectMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        settled = true;
        clearTimeout(total);
        if (hops >= 5) reject(new Error('more than 5 redirects'));
        else get(new URL(res.headers.location, parsed).toString(), hops + 1).then(resolve, reject);
        return;
      }
      const length = Number(res.headers['content-length'] ?? 0);
      if (length > maxBytes) return fail(new Error(`the answer is ${length} bytes, more than the ${maxBytes} a download may have`));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) fail(new Error(`the answer is more than the ${maxBytes} bytes a download may have`));
        else chunks.push(c);
      });
      res.on('error', (e) => fail(e));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ ok: status >= 200 && status < 300, status, text: async () => body });
      });
    });
    req.on('timeout', () => fail(new Error(`no connection within ${Math.round(connectMs / 1000)} s (connect timeout)`)));
    req.on('error', (e) => fail(e));
  });
  return get(url, 0);
}

function schemeProblem(protocol: string, allowHttp?: boolean): string | undefined {
  if (protocol === 'https:') return undefined;
  if (protocol === 'http:' && (allowHttp ?? process.env.GITOPS_STORAGE_ALLOW_HTTP === '1')) return undefined;
  return protocol === 'http:'
    ? 'plain http:// is refused (anyone on the path could change the schemas); use the https:// URL, or pass --allow-http (validate, schemas) or set GITOPS_STORAGE_ALLOW_HTTP=1 for a server you trust'
    : `the scheme ${protocol} is refused; use an https:// URL`;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The upstream mirror, if any: `explicit`, then `$GITOPS_STORAGE_UPSTREAM`. Nothing else: the bundle is the
 * default source, and a mirror is only used when named.
 */
export function resolveUpstreamDir(explicit?: string): string | undefined {
  if (explicit) return path.resolve(explicit);
  const env = process.env[UPSTREAM_ENV];
  if (env) return path.resolve(env);
  return undefined;
}

/** `$GITOPS_STORAGE_CACHE`, else `$XDG_CACHE_HOME/gitops-storage`, else `~/.cache/gitops-storage`. */
export function defaultCacheDir(): string {
  if (process.env[CACHE_ENV]) return path.resolve(process.env[CACHE_ENV]!);
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'gitops-storage');
}

function checkRelPath(relPath: string): string {
  const norm = path.posix.normalize(relPath.split(path.sep).join('/'));
  if (norm.startsWith('../') || norm === '..' || path.isAbsolute(norm)) {
    throw new Error(`invalid source path '${relPath}': must be relative and stay inside the source directory`);
  }
  return norm;
}

/** Absolute path of a locally available copy (mirror first, then cache), or undefined. */
export function locateLocal(relPath: string, opts: LoadOptions = {}): string | undefined {
  const rel = checkRelPath(relPath);
  const upstream = resolveUpstreamDir(opts.upstreamDir);
  if (upstream) {
    const p = path.join(upstream, rel);
    if (isFile(p)) return p;
  }
  const cached = path.join(opts.cacheDir ?? defaultCacheDir(), rel);
  if (isFile(cached)) return cached;
  return undefined;
}

/** Synchronous load from mirror or cache; throws (with a hint) when the file has not been fetched yet. */
export function loadTextSync(relPath: string, opts: LoadOptions = {}): { text: string; path: string } {
  const p = locateLocal(relPath, opts);
  if (!p) {
    throw new ConfigError({
      path: `schema source ${relPath}`,
      problem:
        `not in the schema bundle, nor in the upstream mirror (${resolveUpstreamDir(opts.upstreamDir) ?? `none given; --upstream DIR or ${UPSTREAM_ENV}`})` +
        `, nor in the cache (${opts.cacheDir ?? defaultCacheDir()})`,
      fix: 'run the async prefetch() / Validator.create() once with network (synth does), or pass --upstream DIR',
    });
  }
  const text = fs.readFileSync(p, 'utf8');
  rememberInCache(relPath, p, text, opts);
  return { text, path: p };
}

/**
 * Keeps a copy of a mirror file in the user cache (outside any repository), so later runs in another checkout
 * without the mirror beside it still work offline. Best effort: a read-only cache only costs that convenience.
 */
function rememberInCache(relPath: string, foundAt: string, text: string, opts: LoadOptions): void {
  if (process.env.GITOPS_STORAGE_CACHE_MIRROR === 'off') return;
  const target = path.join(opts.cacheDir ?? defaultCacheDir(), checkRelPath(relPath));
  if (path.resolve(foundAt) === path.resolve(target) || isFile(target)) return;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, target);
  } catch {
    // ignore
  }
}

/**
 * Loads a source file: mirror, then cache, then each URL in turn (the first successful download is written to
 * the cache directory, never into the repository).
 */
export async function loadText(relPath: string, opts: LoadOptions = {}): Promise<string> {
  const local = locateLocal(relPath, opts);
  if (local) return fs.readFileSync(local, 'utf8');
  const rel = checkRelPath(relPath);
  const doFetch: FetchLike = opts.fetch ?? ((u) => boundedGet(u, { allowHttp: opts.allowHttp }));
  const failures: string[] = [];
  for (const url of opts.urls ?? []) {
    try {
      const scheme = schemeProblem(new URL(url).protocol, opts.allowHttp);
      if (scheme) throw new Error(scheme);
      const res = await doFetch(url);
      if (!res.ok) {
        failures.push(`${url}: HTTP ${res.status}`);
        continue;
      }
      const text = await res.text();
      if (text.length > MAX_DOWNLOAD_BYTES) throw new Error(`the answer is more than the ${MAX_DOWNLOAD_BYTES} bytes a download may have`);
      // cached only once it is what it should be: an HTML error page or an empty answer must not stick
      opts.check?.(text);
      const target = path.join(opts.cacheDir ?? defaultCacheDir(), rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, target);
      return text;
    } catch (e) {
      failures.push(`${url}: ${(e as Error).message}`);
    }
  }
  throw new Error(
    `could not load '${relPath}': not in mirror or cache` +
      (failures.length ? `; downloads failed: ${failures.join('; ')}` : '; no URL known'),
  );
}

/** Kubernetes minors with built-in schemas (all in the bundle): 1.16 to 1.36. */
export const KUBERNETES_MINORS: readonly string[] = Array.from({ length: 36 - 16 + 1 }, (_, i) => `1.${16 + i}`);

const SUPPORTED_RANGE = `${KUBERNETES_MINORS[0]}.x to ${KUBERNETES_MINORS[KUBERNETES_MINORS.length - 1]}.x (any patch; a leading v is fine)`;

function versionError(version: string, problem: string): ConfigError {
  return new ConfigError({
    path: 'kubernetesVersion (--kubernetes-version)',
    problem,
    value: version,
    allowed: `a full version x.y.z from ${SUPPORTED_RANGE}`,
    fix: 'use the version your cluster runs, e.g. "1.33.0"',
  });
}

/** Relative mirror path of the cdk8s-published Kubernetes definitions for the minor of `version` (`<minor>.0`). */
export function kubernetesDefinitionsPath(version: string): string {
  return `kubernetes/${kubernetesMinor(version)}.0/_definitions.json`;
}

/** Public URL of the cdk8s-published Kubernetes definitions for the minor of `version`. */
export function kubernetesDefinitionsUrl(version: string): string {
  return `${GH}/cdk8s-team/cdk8s/master/kubernetes-schemas/v${kubernetesMinor(version)}.0/_definitions.json`;
}

/**
 * Accepts `1.33.5` or `v1.33.5` and returns `1.33.5`; a ConfigError for anything else (`1.33` too: kubeconform
 * wants a full x.y.z) and for a minor without built-in schemas.
 */
export function normalizeKubernetesVersion(version: string): string {
  const v = typeof version === 'string' && version.startsWith('v') ? version.slice(1) : version;
  if (typeof v !== 'string' || !/^\d+\.\d+\.\d+$/.test(v)) throw versionError(String(version), 'malformed Kubernetes version');
  const minor = v.split('.').slice(0, 2).map(Number).join('.');
  if (!KUBERNETES_MINORS.includes(minor)) throw versionError(version, `Kubernetes ${minor} is not supported (no built-in schemas)`);
  return v;
}

/** The minor (`1.33`) of a supported full version; see {@link normalizeKubernetesVersion}. */
export function kubernetesMinor(version: string): string {
  return normalizeKubernetesVersion(version).split('.').slice(0, 2).map(Number).join('.');
}

/** Supported Kubernetes versions as `<minor>.0`, ascending (each stands for every patch of its minor). */
export function availableKubernetesVersions(): string[] {
  return KUBERNETES_MINORS.map((m) => `${m}.0`);
}

/** A resolved CRD input: a mirror-relative pinned file (with URL), a downloaded URL, or a local file path. */
export interface CrdFileRef {
  /** Pinned source key or URL, or undefined for plain files. */
  readonly source?: string;
  /** Mirror/cache-relative path (pinned, URL) or absolute path (plain file). */
  readonly file: string;
  readonly url?: string;
  /** True when the file is read through the bundle / mirror / cache / download chain. */
  readonly pinned: boolean;
  /** For a folder source: the folder (a folder may mix CRDs with other files). */
  readonly folder?: string;
}

/** Cache-relative path of a user's CRD URL. */
function urlCachePath(url: string): string {
  const base = (url.split(/[?#]/)[0].split('/').pop() || 'crd.yaml').replace(/[^A-Za-z0-9._-]+/g, '_');
  return `urls/${createHash('sha256').update(url).digest('hex').slice(0, 16)}/${base}`;
}

function crdSourceError(source: string, problem: string): ConfigError {
  return new ConfigError({
    path: 'crdSources',
    problem,
    value: source,
    allowed: `a pinned source (${Object.keys(PINNED_CRD_SOURCES).join(', ')}), a CRD file or folder, or an https:// URL of a CRD file`,
    fix: 'check the path (relative paths are resolved from the current directory) or use a pinned source',
  });
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Expands `crdSources` (pinned keys, CRD files, folders of CRD files) into an ordered list of file references. */
export function resolveCrdSources(sources: readonly string[]): CrdFileRef[] {
  const out: CrdFileRef[] = [];
  for (const s of sources) {
    const p = PINNED_CRD_SOURCES[s];
    if (p) {
      p.files.forEach((f, i) => out.push({ source: s, file: f, url: p.urls[i], pinned: true }));
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
      const scheme = schemeProblem(s.slice(0, s.indexOf(':') + 1).toLowerCase());
      if (scheme) throw crdSourceError(s, scheme);
      out.push({ source: s, file: urlCachePath(s), url: s, pinned: true });
      continue;
    }
    const abs = path.resolve(s);
    if (isDir(abs)) {
      const files = listYamlFiles(abs);
      if (!files.length) throw crdSourceError(s, 'the CRD folder holds no .yaml, .yml or .json file');
      for (const f of files) out.push({ source: s, file: f, pinned: false, folder: abs });
    } else if (isFile(abs)) {
      out.push({ source: s, file: abs, pinned: false });
    } else {
      throw crdSourceError(s, 'unknown CRD source: not a pinned source, nor an existing file or folder');
    }
  }
  return out;
}

/** Throws unless the text parses as YAML holding at least one CustomResourceDefinition (see crd-schemas.ts). */
function checkCrdDownload(text: string, url: string): void {
  if (parseCrdText(text, url).length === 0) throw new Error('the answer holds no CustomResourceDefinition (an HTML page, an empty answer or another kind); nothing was cached');
}

/** Reads a resolved CRD file reference synchronously (mirror/cache for pinned, the file system otherwise). */
export function readCrdFileSync(ref: CrdFileRef, opts: LoadOptions = {}): { text: string; path: string } {
  if (ref.pinned) return loadTextSync(ref.file, opts);
  return { text: fs.readFileSync(ref.file, 'utf8'), path: ref.file };
}

/**
 * Makes sure everything needed for `kubernetesVersion` + `crdSources` that is not bundled (a user's CRD URL) is
 * available locally, downloading missing files into the cache. Call (and await) before the synchronous Validator.
 */
export async function prefetch(opts: {
  kubernetesVersion: string;
  crdSources?: readonly string[];
  upstreamDir?: string;
  cacheDir?: string;
  fetch?: FetchLike;
}): Promise<{ files: number }> {
  const base: LoadOptions = { upstreamDir: opts.upstreamDir, cacheDir: opts.cacheDir, fetch: opts.fetch };
  let files = 0;
  // bundled data needs no download
  if (!bundledKubernetes(kubernetesMinor(opts.kubernetesVersion))) {
    await loadText(kubernetesDefinitionsPath(opts.kubernetesVersion), {
      ...base,
      urls: [kubernetesDefinitionsUrl(opts.kubernetesVersion)],
    });
    files++;
  }
  for (const ref of resolveCrdSources(opts.crdSources ?? [])) {
    if (!ref.pinned || bundledCrdDocuments(ref.file)) continue;
    try {
      await loadText(ref.file, { ...base, urls: ref.url ? [ref.url] : [], check: (text) => checkCrdDownload(text, ref.url ?? ref.file) });
    } catch (e) {
      throw new ConfigError({
        path: 'crdSources',
        problem: `the CRD source ${ref.source ?? ref.url} could not be downloaded: ${(e as Error).message}`,
        value: ref.source ?? ref.url,
        allowed: 'an https:// URL answering with a CustomResourceDefinition YAML or JSON file (at most 64 MiB, within 60 s)',
        fix: 'check the URL (the raw file, not its HTML page), or download the file and name its path instead',
      });
    }
    files++;
  }
  return { files };
}
