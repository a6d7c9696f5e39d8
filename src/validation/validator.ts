/**
 * In-process, kubeconform-compatible manifest validator (ajv), fed by schemas derived at runtime from the
 * Kubernetes definitions and CRDs of the embedded bundle (or, for what is not bundled, a mirror, the cache or a
 * download; see sources.ts, k8s-schemas.ts, crd-schemas.ts). Synchronous API: cdk8s synth is synchronous. For a
 * CRD URL that is not cached yet, `await Validator.create(opts)` (or `prefetch`) first downloads it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import * as vm from 'vm';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { createHash } from 'crypto';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as YamlModule from 'yaml';
import { kubeYamlParseOptions, resolveGoYamlV2, toKubernetesJsonKeys, yamlAliasProblem, yamlBytesProblem, yamlDepthProblem } from '../foundation/kube-yaml';
import { parseKubeYamlFast } from '../foundation/kube-yaml-fast-reader';
import { bundleDataName, bundledCrdKindKeys, bundleFingerprint, precompiledKey, precompiledValidatorCode } from './bundle';
import { fsError, mkdirBounded } from '../foundation/dist-write';
import { durationProblems, int32Problems, INT32_MAX, INT32_MIN, objectRuleProblems } from '../foundation/k8s-rules';
import { builtinListProblems, createRuleProblems, SkippedRule, transitionRuleProblems, CelProblem } from './cel-rules';
import { checkCrdFoldersHaveCrds, CrdKind, crdJsonSchema, loadCrdRef } from './crd-schemas';
import {
  deriveKindSchema,
  isBuiltinClusterScoped,
  JsonSchema,
  kindDefinition,
  KubernetesDefinitions,
  loadKubernetesDefinitions,
  manifestKinds,
  schemaFileName,
  splitApiVersion,
} from './k8s-schemas';
import { CrdFileRef, defaultCacheDir, FetchLike, LoadOptions, normalizeKubernetesVersion, prefetch, resolveCrdSources, resolveUpstreamDir } from './sources';

/** `yaml`, loaded on first use (the fast reader of kube-yaml-fast.ts reads most manifests without it). */
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof YamlModule);
}

export type Status = 'statusValid' | 'statusInvalid' | 'statusError' | 'statusSkipped' | 'statusEmpty';

export interface ValidationError {
  /** JSON pointer of the offending value (for unknown fields: the unknown field itself). */
  path: string;
  msg: string;
}

export interface ResourceResult {
  filename: string;
  kind: string;
  name: string;
  /** apiVersion of the resource. */
  version: string;
  status: Status;
  msg: string;
  errors?: ValidationError[];
}

export interface ValidatorOptions {
  /** Full x.y.z Kubernetes version, e.g. 1.33.0. */
  kubernetesVersion: string;
  /** Pinned source keys (see PINNED_CRD_SOURCES), CRD files, or folders of CRD files. Earlier sources win. */
  crdSources?: string[];
  upstreamDir?: string;
  cacheDir?: string;
  /** Missing schema → statusSkipped instead of statusError. */
  ignoreMissingSchemas?: boolean;
  /** Strict schemas (unknown fields rejected) and strict YAML (duplicate keys rejected). Default true. */
  strict?: boolean;
  /**
   * Treat `null` map values as absent (API-server-like: built-in types decode null as the zero value and CR
   * pruning drops nulls of non-nullable fields). Default false = kubeconform semantics (null fails `type`).
   */
  ignoreNulls?: boolean;
  /** Only used by the async {@link Validator.create} to download missing sources. */
  fetch?: FetchLike;
  /**
   * After the schema, check what the API server checks and the schemas do not: `metadata.name` by kind (DNS-1123
   * subdomain, DNS-1123 label for Namespaces, DNS-1035 label for Services), the namespace, label and annotation keys
   * and values (also of pod templates), `selector.matchLabels`, Service selectors and pod `nodeSelector`s, and
   * integers out of range at `format: int32` fields (src/foundation/k8s-rules.ts). A violation makes the resource `statusInvalid`. Default true; kubeconform does not
   * check these, so `false` gives exactly kubeconform's verdicts.
   */
  apiServerChecks?: boolean;
  /**
   * Kinds of an API version no source serves, validated with the schema of another version of the same kind:
   * `"<apiVersion>|<kind>"` → apiVersion. Only used when the kind has no schema of its own (synth uses it for the older
   * API versions an older GitOps engine line reads, whose CRDs are not pinned; see src/gitops/flux.ts).
   * @default {}
   */
  schemaAliases?: Readonly<Record<string, string>>;
}

/** Prefix of the message of a resource that passed its schema but fails the API server's own validation. */
export const API_SERVER_RULES_MSG = 'API-server validation failed (beyond the schema)';

// ---------------------------------------------------------------------------------------------------------------
// ajv (one shared instance per process) and compiled-validator cache

/** RegExp constructor that tolerates Go RE2 inline flags; exported so cached standalone validators can use it. */
export function goRegExp(pattern: string, flags: string): RegExp {
  return regExpEngine()(pattern, flags);
}

function regExpEngine(code = `require(${JSON.stringify(__filename)}).goRegExp`): ((pattern: string, flags: string) => RegExp) & { code: string } {
  const fn = ((pattern: string, flags: string) => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // Go RE2 inline flags such as (?i) are not JavaScript syntax.
      // (at the start, or right after the anchor: prometheus-operator writes `^(?i)(abort|warn)?$`)
      const m = /^(\^?)\(\?([a-z]+)\)/.exec(pattern);
      if (m) {
        try {
          return new RegExp(m[1] + pattern.slice(m[0].length), flags + m[2].replace(/[^ims]/g, ''));
        } catch {
          /* fall through */
        }
      }
      return /(?:)/; // unsupported pattern: accept anything rather than fail the whole schema
    }
  }) as ((pattern: string, flags: string) => RegExp) & { code: string };
  // how standalone code (the compiled-validator cache) reaches this engine
  fn.code = code;
  return fn;
}

/*
 * ajv itself is only needed to compile (a validator missing from the compile cache): loaded on first use, so that a
 * warm `validate` loads just the cached standalone code and ajv's small runtime helpers.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const ajvModule = () => require('ajv') as typeof import('ajv');
const standaloneCode = (a: Ajv, v: ValidateFunction): string => (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default(a, v);
const addFormats = (a: Ajv) => (require('ajv-formats') as typeof import('ajv-formats')).default(a);
const formatsModule = () => require.resolve('ajv-formats/dist/formats');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A new ajv instance with the options every validator is compiled with: the shared runtime instance and the
 * bundle generator's (precompiled validators) use this one function, so precompiled code decides as compiled code.
 * `regExpCode` / `formatsPath` are how standalone code reaches the RegExp engine and the format functions.
 */
function newAjv(source: boolean, regExpCode?: string, formatsPath = formatsModule()): Ajv {
  const { default: AjvClass, _ } = ajvModule();
  const a = new AjvClass({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
    unicodeRegExp: false,
    code: {
      // ajv's code optimisation passes cost about half of the compile time of large CRD schemas (Argo CD
      // Application, CephCluster) and buy little at validation time: off, for a fast first synth
      optimize: false,
      regExp: regExpEngine(regExpCode),
      // standalone source for the compiled-validator cache; formats resolved from this installation
      source,
      formats: _`require(${formatsPath}).fullFormats`,
    },
  });
  addFormats(a);
  // Kubernetes/OpenAPI formats that are not checked (as with kubeconform).
  for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'int-or-string', 'quantity', 'duration', 'password', 'binary']) {
    a.addFormat(f, true);
  }
  return a;
}

let sharedAjv: Ajv | undefined;
function ajv(): Ajv {
  sharedAjv ??= newAjv(compileCacheDir() !== undefined);
  return sharedAjv;
}

/** Module names the bundle's precompiled code requires in place of this installation's paths. */
const PRECOMPILED_REGEXP = 'gitops-storage:goRegExp';
const PRECOMPILED_FORMATS = 'gitops-storage:formats';

/**
 * @internal For the bundle generator (src/tools/schemas-bundle.ts): the ajv standalone code of a schema, compiled
 * by a fresh instance (so the code's names do not depend on what was compiled before) with placeholder module
 * names for the RegExp engine and the formats, which {@link precompiledValidator} resolves at load time.
 */
export function precompiledStandaloneCode(schema: JsonSchema): string {
  const a = newAjv(true, `require(${JSON.stringify(PRECOMPILED_REGEXP)}).goRegExp`, PRECOMPILED_FORMATS);
  return standaloneCode(a, a.compile(schema));
}

/** The ajv version precompiled code must have been generated by. */
export function ajvVersion(): string {
  return AJV_VERSION;
}

/** The precompiled code of a bundle key with this installation's module paths, or undefined (then: compile). */
function precompiledValidator(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const code = precompiledValidatorCode(key, AJV_VERSION);
  if (!code) return undefined;
  return code
    .split(`require(${JSON.stringify(PRECOMPILED_REGEXP)})`).join(`require(${JSON.stringify(__filename)})`)
    .split(`require(${JSON.stringify(PRECOMPILED_FORMATS)})`).join(`require(${JSON.stringify(formatsModule())})`);
}

const compiled = new Map<string, ValidateFunction | Error>();

/**
 * Compiling the large schemas (CephCluster, Argo CD Application, Deployment) takes ajv 0.1-1 s each. Compiled
 * validators are kept as standalone JavaScript in the user cache (outside any repository), keyed by the sha256 of
 * the schema and of this installation, so later runs load them in milliseconds. GITOPS_STORAGE_COMPILE_CACHE=off
 * disables it.
 */
function compileCacheDir(): string | undefined {
  if (process.env.GITOPS_STORAGE_COMPILE_CACHE === 'off') return undefined;
  return path.join(defaultCacheDir(), `compiled-v2-ajv${AJV_VERSION}`);
}

const AJV_VERSION: string = require('ajv/package.json').version;

/**
 * Loads cached standalone code. The code of a large CRD schema is megabytes; V8 parsing and first compiling it
 * cost ~0.1-0.5 s per kind, so V8's own code cache of it is kept beside it (`<hash>.<V8 version>.v8cache`, written
 * when the process exits, once the validator has run and its functions are compiled): later loads take
 * milliseconds. A cache V8 rejects (another V8 build or flags) is simply rewritten.
 */
function loadStandalone(code: string, file?: string): ValidateFunction {
  const mod = { exports: {} as any };
  if (!file) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'module', 'exports', code)(require, mod, mod.exports);
    return (mod.exports.default ?? mod.exports) as ValidateFunction;
  }
  const cacheFile = `${file.slice(0, -3)}.${process.versions.v8}.v8cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (require, module, exports) {${code}\n})`, { filename: file, cachedData });
  (script.runInThisContext() as (r: NodeRequire, m: unknown, e: unknown) => void)(require, mod, mod.exports);
  if (!cachedData || script.cachedDataRejected) pendingCodeCaches.push({ script, file: cacheFile });
  return (mod.exports.default ?? mod.exports) as ValidateFunction;
}

const pendingCodeCaches: Array<{ script: vm.Script; file: string }> = [];
let codeCacheHook = false;

/** Writes the V8 code caches of the standalone validators loaded without one (at exit, or when called). */
export function flushCodeCaches(): void {
  for (const { script, file } of pendingCodeCaches.splice(0)) {
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, file);
    } catch {
      // a read-only cache only costs speed
    }
  }
}

function registerCodeCacheHook(): void {
  if (codeCacheHook) return;
  codeCacheHook = true;
  process.once('exit', flushCodeCaches);
}

/**
 * Cheap identity of a source file for the cache key: the sha256 recorded in the index for a bundle file (stable
 * across installs), else path, size and modification time.
 */
function fingerprint(file: string): string {
  const bundled = bundleFingerprint(file);
  if (bundled) return bundled;
  try {
    const st = fs.statSync(file);
    return `${path.resolve(file)}:${st.size}:${st.mtimeMs}`;
  } catch {
    return path.resolve(file);
  }
}

/**
 * Compiles a schema, or loads it from the disk cache. The cache key is derived from the schema key, the source
 * file's identity and this installation, so the (large) schema itself is only built on a cache miss.
 */
function compileWithDiskCache(key: string, sourceFile: string, schema: () => JsonSchema, bundled?: string): ValidateFunction {
  const dir = compileCacheDir();
  const hash = dir ? createHash('sha256').update(__filename).update('\u0000').update(key).update('\u0000').update(fingerprint(sourceFile)).digest('hex') : '';
  const file = dir ? path.join(dir, `${hash}.js`) : '';
  if (dir) {
    try {
      const code = fs.readFileSync(file, 'utf8');
      registerCodeCacheHook();
      return loadStandalone(code, file);
    } catch {
      // not cached yet, or unreadable: the bundle's precompiled code, else compile; then store
    }
  }
  let v: ValidateFunction | undefined;
  let code = precompiledValidator(bundled);
  if (code) {
    try {
      v = loadStandalone(code);
      origins.set(key, 'bundle');
    } catch {
      code = undefined; // unusable here (e.g. a runtime helper ajv no longer has): compile instead
    }
  }
  if (!v) {
    v = ajv().compile(schema());
    origins.set(key, 'compiled');
  }
  if (!dir) return v;
  try {
    code ??= standaloneCode(ajv(), v);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  } catch {
    // a read-only cache only costs speed
  }
  return v;
}

/** Where each compiled validator of this process came from (by schema key), for tests. */
const origins = new Map<string, 'bundle' | 'compiled'>();

const built = new Map<string, JsonSchema>();

/** The (uncompiled) schema of a ref, built once per process; for the API-server checks that read formats. */
function builtSchema(ref: SchemaRef): JsonSchema {
  let s = built.get(ref.key);
  if (!s) {
    s = ref.build();
    built.set(ref.key, s);
  }
  return s;
}

function compileCached(ref: SchemaRef): ValidateFunction | Error {
  let v = compiled.get(ref.key);
  if (!v) {
    try {
      v = compileWithDiskCache(ref.key, ref.sourceFile, ref.build, ref.bundled);
    } catch (e) {
      v = e as Error;
    }
    compiled.set(ref.key, v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// error formatting (kubeconform v0.6 / santhosh-tekuri jsonschema wording)

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function quoteList(vals: unknown[]): string {
  return vals.map((v) => JSON.stringify(v)).join(', ');
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function errorMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const want = Array.isArray(p.type) ? (p.type as string[]).join(' or ') : String(p.type);
      return `expected ${want}, but got ${jsonType(e.data)}`;
    }
    case 'additionalProperties':
      return `additionalProperties '${String(p.additionalProperty)}' not allowed`;
    case 'required':
      return `missing properties: '${String(p.missingProperty)}'`;
    case 'enum':
      return `value must be one of ${quoteList((p.allowedValues as unknown[]) ?? [])}`;
    case 'const':
      return `value must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `'${String(e.data)}' does not match pattern '${String(p.pattern)}'`;
    case 'format':
      return `'${String(e.data)}' is not valid '${String(p.format)}'`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)} but found ${String(e.data)}`;
    case 'minLength':
      return `length must be >= ${String(p.limit)}, but got ${String(e.data).length}`;
    case 'maxLength':
      return `length must be <= ${String(p.limit)}, but got ${String(e.data).length}`;
    case 'minItems':
      return `minimum ${String(p.limit)} items required, but found ${(e.data as unknown[]).length} items`;
    case 'maxItems':
      return `maximum ${String(p.limit)} items required, but found ${(e.data as unknown[]).length} items`;
    case 'minProperties':
      return `minimum ${String(p.limit)} properties allowed, but found ${Object.keys(e.data as object).length} properties`;
    case 'maxProperties':
      return `maximum ${String(p.limit)} properties allowed, but found ${Object.keys(e.data as object).length} properties`;
    case 'oneOf':
      return Array.isArray(p.passingSchemas) ? `valid against schemas at indexes ${(p.passingSchemas as number[]).join(' and ')}` : 'oneOf failed';
    case 'anyOf':
      return 'anyOf failed';
    case 'uniqueItems':
      return `items at index ${String(p.j)} and ${String(p.i)} are equal`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Converts ajv errors into (path, msg) pairs, dropping the per-branch noise below failed oneOf/anyOf. */
/** The value at a JSON pointer (ajv's instancePath) of the validated object. */
function valueAt(root: unknown, pointer: string): unknown {
  if (!pointer) return root;
  let cur: any = root;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k];
  }
  return cur;
}

function convertErrors(errors: ErrorObject[], root: unknown): Array<ValidationError & { schemaPath: string; location: string }> {
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const out: Array<ValidationError & { schemaPath: string; location: string }> = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (combinators.some((c) => e.schemaPath.startsWith(c))) continue;
    if (e.keyword === 'if') continue;
    let p = e.instancePath;
    const p2 = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') p = `${p}/${escapePointer(String(p2.additionalProperty))}`;
    if (e.keyword === 'required') p = `${p}/${escapePointer(String(p2.missingProperty))}`;
    // ajv runs without `verbose` (smaller compiled code); the offending value comes from the object itself
    const msg = errorMessage({ ...e, data: valueAt(root, e.instancePath) });
    const k = `${p}\u0000${msg}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ path: p, msg, schemaPath: e.schemaPath, location: e.instancePath });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

interface SchemaRef {
  key: string;
  fileName: string;
  /** file the schema is derived from (for the compiled-validator cache key) */
  sourceFile: string;
  /** key of the bundle's precompiled validator for this schema, when the source is a bundle data file */
  bundled?: string;
  build: () => JsonSchema;
  /** the CRD kind, for a custom resource (its CEL rules and list semantics) */
  crd?: CrdKind;
}

const dataNames = new Map<string, string>();

/** The precompiled-validator key of a schema derived from `file`, when that is a bundle data file. */
function bundledKey(file: string, mode: string, apiVersion: string, kind: string): string | undefined {
  let name = dataNames.get(file);
  if (name === undefined) dataNames.set(file, (name = bundleDataName(file) ?? ''));
  return name ? precompiledKey(name, mode, apiVersion, kind) : undefined;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function listManifestFiles(dir: string, errors: ResourceResult[]): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      // an unreadable folder is that folder's error; the other files are still validated
      errors.push(fileError(d, e));
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full, path.join(rel, e.name));
      else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(path.join(rel, e.name));
    }
  };
  walk(dir, dir);
  return out;
}

/** Files larger than this are refused before they are read (V8 cannot hold a string much larger). */
export const MAX_MANIFEST_FILE_BYTES = 512 * 1024 * 1024;

const ERRNO_TEXT: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', ENOENT: 'no such file or directory', EISDIR: 'is a directory', ELOOP: 'too many levels of symbolic links', ENAMETOOLONG: 'file name too long' };

/** A file that cannot be read, as kubeconform reports it ("open <file>: permission denied"), with what to do. */
function fileError(file: string, e: unknown): ResourceResult {
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  return { filename: file, kind: '', name: '', version: '', status: 'statusError', msg: `open ${file}: ${ERRNO_TEXT[code] ?? (e as Error)?.message ?? String(e)}` };
}

/**
 * Reads a manifest file, or returns its error: only regular files (a FIFO, a device or a link to one is never opened),
 * at most {@link MAX_MANIFEST_FILE_BYTES}.
 */
export function readManifestFile(file: string): string | ResourceResult {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return fileError(file, e);
  }
  if (!st.isFile()) return { filename: file, kind: '', name: '', version: '', status: 'statusError', msg: `${file}: not a regular file (a pipe, device or socket is never read); remove it or point at the manifest itself` };
  if (st.size > MAX_MANIFEST_FILE_BYTES) return { filename: file, kind: '', name: '', version: '', status: 'statusError', msg: `${file}: ${st.size} bytes, larger than the ${MAX_MANIFEST_FILE_BYTES / 1024 / 1024} MiB a manifest file may have; split it into several files` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return fileError(file, e);
  }
  // bytes go-yaml v2 refuses before parsing (invalid UTF-8, NUL and other control characters): kubeconform's verdict
  const bad = yamlBytesProblem(bytes);
  if (bad) return { filename: file, kind: '', name: '', version: '', status: 'statusError', msg: `error unmarshalling resource: error converting YAML to JSON: ${bad}` };
  return bytes.toString('utf8');
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== null) out[k] = dropNulls(x);
    return out;
  }
  return v;
}

/** The duplicated key as go-yaml v2 prints it (`%#v` of the resolved key: `"x"`, `true`, `1`). */
function duplicateKeyName(text: string, offset: number): string {
  const m = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n#]+?)\s*:/.exec(text.slice(offset, offset + 300));
  if (!m) return '"?"';
  if (/^["']/.test(m[1])) return JSON.stringify(m[1].replace(/^["']|["']$/g, ''));
  const r = resolveGoYamlV2(m[1]);
  return r.type === 'str' ? JSON.stringify(m[1]) : r.type === 'null' ? 'interface {}(nil)' : r.type === 'int' ? String(r.int) : String(r.value);
}

export class Validator {
  /** Async factory: downloads missing pinned sources into the cache (needs network), then constructs. */
  static async create(opts: ValidatorOptions): Promise<Validator> {
    await prefetch({
      kubernetesVersion: opts.kubernetesVersion,
      crdSources: opts.crdSources,
      upstreamDir: opts.upstreamDir,
      cacheDir: opts.cacheDir,
      fetch: opts.fetch,
    });
    return new Validator(opts);
  }

  readonly kubernetesVersion: string;
  readonly strict: boolean;
  readonly ignoreMissingSchemas: boolean;
  readonly ignoreNulls: boolean;
  readonly apiServerChecks: boolean;
  private readonly load: LoadOptions;
  private readonly crdSources: string[];
  private readonly workerOptions: ValidatorOptions;
  private defs?: KubernetesDefinitions;
  private crdIndex?: Map<string, CrdKind>;
  private crdRefs?: Array<{ ref: CrdFileRef; keys?: ReadonlySet<string>; kinds?: CrdKind[] }>;
  private readonly crdLookups = new Map<string, CrdKind | undefined>();
  private readonly schemaAliases: Readonly<Record<string, string>>;

  constructor(opts: ValidatorOptions) {
    this.schemaAliases = opts.schemaAliases ?? {};
    this.kubernetesVersion = normalizeKubernetesVersion(opts.kubernetesVersion);
    this.strict = opts.strict ?? true;
    this.ignoreMissingSchemas = opts.ignoreMissingSchemas ?? false;
    this.ignoreNulls = opts.ignoreNulls ?? false;
    this.apiServerChecks = opts.apiServerChecks ?? true;
    this.crdSources = [...(opts.crdSources ?? [])];
    // what a worker thread needs to build the same validator (functions cannot cross threads; sources are local by now)
    const { fetch: _fetch, ...plain } = opts;
    this.workerOptions = plain;
    this.load = { upstreamDir: resolveUpstreamDir(opts.upstreamDir), cacheDir: opts.cacheDir };
    // Fail early on a missing/unknown/non-CRD source rather than in the middle of validation.
    this.definitions();
    this.sources();
  }

  private definitions(): KubernetesDefinitions {
    this.defs ??= loadKubernetesDefinitions(this.kubernetesVersion, this.load);
    return this.defs;
  }

  /**
   * The CRD sources, checked: user files and folders are read now (so a bad one fails before validation starts);
   * pinned files of the bundle are only listed with the kinds the bundle's index says they hold, and read when an
   * input uses one of those kinds.
   */
  private sources(): Array<{ ref: CrdFileRef; keys?: ReadonlySet<string>; kinds?: CrdKind[] }> {
    if (!this.crdRefs) {
      const refs = resolveCrdSources(this.crdSources);
      const entries = refs.map((ref) => {
        const keys = ref.pinned ? bundledCrdKindKeys(ref.file) : undefined;
        return keys ? { ref, keys } : { ref, kinds: loadCrdRef(ref, this.load) };
      });
      // only user folders can lack CRDs, and those are always read now
      checkCrdFoldersHaveCrds(refs, entries.map((e) => e.kinds ?? []));
      this.crdRefs = entries;
    }
    return this.crdRefs;
  }

  /** The CRD kind of `apiVersion|kind` (first source wins), reading at most the sources up to the one that has it. */
  private crdFor(apiVersion: string, kind: string): CrdKind | undefined {
    const key = `${apiVersion}|${kind}`;
    if (this.crdIndex) return this.crdIndex.get(key);
    if (this.crdLookups.has(key)) return this.crdLookups.get(key);
    let found: CrdKind | undefined;
    for (const e of this.sources()) {
      if (e.keys && !e.keys.has(key)) continue;
      e.kinds ??= loadCrdRef(e.ref, this.load);
      found = e.kinds.find((c) => c.apiVersion === apiVersion && c.kind === kind);
      if (found) break;
    }
    this.crdLookups.set(key, found);
    return found;
  }

  /** CRD kinds by `apiVersion|kind`; built on first use (reading every source), first source wins. */
  private crds(): Map<string, CrdKind> {
    if (!this.crdIndex) {
      const idx = new Map<string, CrdKind>();
      for (const e of this.sources()) {
        e.kinds ??= loadCrdRef(e.ref, this.load);
        for (const c of e.kinds) {
          const key = `${c.apiVersion}|${c.kind}`;
          if (!idx.has(key)) idx.set(key, c);
        }
      }
      this.crdIndex = idx;
    }
    return this.crdIndex;
  }

  /** All CRD kinds known to this validator (first source wins), sorted by apiVersion and kind. */
  crdKinds(): CrdKind[] {
    return [...this.crds().values()].sort((a, b) => (a.apiVersion + a.kind < b.apiVersion + b.kind ? -1 : 1));
  }

  private schemaFor(apiVersion: string, kind: string): SchemaRef | undefined {
    const defs = this.definitions();
    const fqn = kindDefinition(defs, apiVersion, kind);
    const mode = this.strict ? 'strict' : 'loose';
    if (fqn) {
      return {
        key: `k8s\u0000${defs.path}\u0000${mode}\u0000${apiVersion}\u0000${kind}`,
        fileName: schemaFileName(apiVersion, kind),
        sourceFile: defs.path,
        bundled: bundledKey(defs.path, mode, apiVersion, kind),
        build: () => deriveKindSchema(defs, fqn, apiVersion, kind, this.strict),
      };
    }
    const crd = this.crdFor(apiVersion, kind);
    if (crd) {
      return {
        // the pruning flag is part of the key: a compiled validator cached before it must not be reused
        key: `crd\u0000${crd.file}\u0000${mode}${crd.keepUnknownFields ? '-keep-unknown' : ''}\u0000${apiVersion}\u0000${kind}`,
        fileName: schemaFileName(apiVersion, kind),
        sourceFile: crd.file,
        bundled: bundledKey(crd.file, `${mode}${crd.keepUnknownFields ? '-keep-unknown' : ''}`, apiVersion, kind),
        build: () => crdJsonSchema(crd, this.strict),
        crd,
      };
    }
    const alias = this.schemaAliases[`${apiVersion}|${kind}`];
    const target = alias !== undefined && alias !== apiVersion ? this.schemaFor(alias, kind) : undefined;
    if (!target) return undefined;
    // the schema of the alias version, accepting this object's apiVersion (compiled here, never the bundle's)
    return { ...target, key: `${target.key}\u0000as\u0000${apiVersion}`, fileName: schemaFileName(apiVersion, kind), bundled: undefined, build: () => withApiVersion(target.build(), apiVersion) };
  }

  /** true/false for known kinds (built-in or CRD scope), undefined when no schema is known for the kind. */
  isNamespaced(apiVersion: string, kind: string): boolean | undefined {
    if (kindDefinition(this.definitions(), apiVersion, kind)) return !isBuiltinClusterScoped(apiVersion, kind);
    const crd = this.crdFor(apiVersion, kind) ?? (this.schemaAliases[`${apiVersion}|${kind}`] ? this.crdFor(this.schemaAliases[`${apiVersion}|${kind}`], kind) : undefined);
    return crd ? crd.scope === 'Namespaced' : undefined;
  }

  /**
   * @internal Where the validator of a kind came from in this process: `bundle` (the bundle's precompiled code),
   * `compiled` (by ajv here), `cache` (the user's compiled-validator cache of an earlier run), or undefined when
   * the kind was not validated yet.
   */
  validatorOrigin(apiVersion: string, kind: string): 'bundle' | 'compiled' | 'cache' | undefined {
    const ref = this.schemaFor(apiVersion, kind);
    if (!ref || !compiled.has(ref.key)) return undefined;
    return origins.get(ref.key) ?? 'cache';
  }

  private readonly skipped = new Map<string, SkippedRule & { file: string }>();
  private readonly definitionSchemas = new Map<string, JsonSchema>();

  /** A built-in kind's definition as a schema (`$ref` into the raw definitions), for the list-type checks. */
  private definitionSchema(apiVersion: string, kind: string): JsonSchema {
    const defs = this.definitions();
    const fqn = kindDefinition(defs, apiVersion, kind) ?? '';
    let s = this.definitionSchemas.get(fqn);
    if (!s) this.definitionSchemas.set(fqn, (s = { $ref: `#/definitions/${fqn}`, definitions: defs.definitions }));
    return s;
  }

  private noteSkipped(crd: CrdKind, rule: string, at: string, reason: string): void {
    const key = `${crd.file}\u0000${crd.apiVersion}|${crd.kind}\u0000${at}\u0000${rule}`;
    if (!this.skipped.has(key)) this.skipped.set(key, { file: crd.file, kind: `${crd.apiVersion}/${crd.kind}`, path: at || '(root)', rule, reason });
  }

  /**
   * The CRD rules (`x-kubernetes-validations`) met while validating that could not be evaluated (they do not parse,
   * or call a function the CEL evaluator lacks): never silently passed, the CLI lists them.
   */
  skippedRules(): Array<SkippedRule & { file: string }> {
    return [...this.skipped.values()];
  }

  /**
   * The CRD transition rules (those reading `oldSelf`) that refuse the update from `before` to `after` (same kind):
   * what the API server answers to the sync of the change. [] for built-in kinds and without API-server checks.
   */
  transitionProblems(before: unknown, after: unknown): CelProblem[] {
    const a = asRecord(after);
    if (!this.apiServerChecks || !a || typeof a.apiVersion !== 'string' || typeof a.kind !== 'string') return [];
    if (kindDefinition(this.definitions(), a.apiVersion, a.kind)) return [];
    const crd = this.crdFor(a.apiVersion, a.kind);
    return crd ? transitionRuleProblems(crd.openAPIV3Schema, before, after) : [];
  }

  /** True if a schema exists for the kind (built-in or from the CRD sources). */
  hasSchema(apiVersion: string, kind: string): boolean {
    return this.schemaFor(apiVersion, kind) !== undefined;
  }

  /** Validates one parsed object. */
  validateObject(obj: unknown, filename = ''): ResourceResult {
    const base = { filename, kind: '', name: '', version: '' };
    if (obj === null || obj === undefined) return { ...base, status: 'statusEmpty', msg: '' };
    const o = asRecord(obj);
    if (!o) return { ...base, status: 'statusError', msg: `error unmarshalling resource: expected a mapping, got ${jsonType(obj)}` };
    if (Object.keys(o).length === 0) return { ...base, status: 'statusEmpty', msg: '' };
    const kind = typeof o.kind === 'string' ? o.kind : '';
    const version = typeof o.apiVersion === 'string' ? o.apiVersion : '';
    const meta = asRecord(o.metadata);
    const name = typeof meta?.name === 'string' ? meta.name : typeof meta?.generateName === 'string' ? meta.generateName : '';
    const res = { filename, kind, name, version };
    if (!kind) return { ...res, status: 'statusError', msg: "missing 'kind' key" };
    if (!version) return { ...res, status: 'statusError', msg: "missing 'apiVersion' key" };
    const ref = this.schemaFor(version, kind);
    if (!ref) {
      if (this.ignoreMissingSchemas) return { ...res, status: 'statusSkipped', msg: '' };
      return { ...res, status: 'statusError', msg: `could not find schema for ${kind}` };
    }
    const fn = compileCached(ref);
    if (fn instanceof Error) return { ...res, status: 'statusError', msg: `failed to compile schema for ${kind}: ${fn.message}` };
    const data = this.ignoreNulls ? dropNulls(o) : o;
    if (fn(data)) {
      if (this.apiServerChecks) {
        const problems = objectRuleProblems(data).map((p) => ({ field: p.field, path: p.pointer, msg: `${p.problem} (the API server refuses it; the schema does not say so)` }));
        for (const p of int32Problems(() => builtSchema(ref), data)) {
          problems.push({
            field: p.pointer.slice(1).split('/').join('.'), path: p.pointer,
            msg: `${p.value} is out of the int32 range ${INT32_MIN}..${INT32_MAX} (the API server refuses it; the schema says format int32, which schema validation does not check)`,
          });
        }
        if (ref.crd) {
          const crd = ref.crd;
          // (no built-in definition of any supported minor has format: duration; CRDs may)
          for (const p of crd.openAPIV3Schema ? durationProblems(crd.openAPIV3Schema, data) : []) {
            problems.push({
              field: p.pointer.slice(1).split('/').join('.'), path: p.pointer,
              msg: `${JSON.stringify(p.value)} is not a duration (like 30s, 1h30m or 2d; the API server refuses it; the schema says format duration, which is not checked as a schema format)`,
            });
          }
          for (const p of createRuleProblems(crd.openAPIV3Schema, data, (spec, at, reason) => this.noteSkipped(crd, spec.rule, at, reason))) {
            problems.push({ field: p.field || '(object)', path: p.pointer, msg: `${p.msg} (${p.rule ? 'x-kubernetes-validations rule of the CRD' : 'list type of the CRD'}: the API server refuses it; kubeconform does not check it)` });
          }
        } else {
          // walked on the raw definitions (already loaded), not the derived schema: most kinds never build it
          for (const p of builtinListProblems(() => this.definitionSchema(version, kind), data)) problems.push({ field: p.field, path: p.pointer, msg: `${p.msg} (the API server refuses it; the schema does not say so)` });
        }
        if (problems.length > 0) {
          const errors = problems.map((p) => ({ path: p.path, msg: p.msg }));
          return { ...res, status: 'statusInvalid', msg: `${API_SERVER_RULES_MSG}: ${problems.map((p) => `${p.field}: ${p.msg}`).join('; ')}`, errors };
        }
      }
      return { ...res, status: 'statusValid', msg: '' };
    }
    const errs = convertErrors(fn.errors ?? [], data);
    const parts = errs.map((e) => `jsonschema: '${e.location}' does not validate with ${ref.fileName}${e.schemaPath}: ${e.msg}`);
    return {
      ...res,
      status: 'statusInvalid',
      msg: `problem validating schema. Check JSON formatting: ${parts.join('; ')}`,
      errors: errs.map((e) => ({ path: e.path, msg: e.msg })),
    };
  }

  /**
   * Validates every document of a (multi-document) YAML or JSON text, read the way kubectl and kubeconform read it
   * (sigs.k8s.io/yaml: go-yaml v2's YAML 1.1 scalars, then JSON): an unquoted `name: n` is the boolean false,
   * `size: 0o17` the integer 15, a key `on:` the string "true", `12:30` and `2001-12-14` stay strings.
   */
  validateYaml(text: string, filename: string): ResourceResult[] {
    return this.validateYamlWith(text, filename, 'fast');
  }

  /**
   * @internal {@link validateYaml} with the reader chosen: `fast` (plain block YAML read by kube-yaml-fast.ts, the
   * full reader for anything else) or `reference` (always the full reader). Same verdicts and messages; kept for
   * test/validation/fast-path-equivalence.test.ts.
   */
  validateYamlWith(text: string, filename: string, reader: 'fast' | 'reference'): ResourceResult[] {
    const depth = yamlDepthProblem(text);
    if (depth) return [{ filename, kind: '', name: '', version: '', status: 'statusError', msg: `error unmarshalling resource: error converting YAML to JSON: ${depth}` }];
    try {
      return this.readAndValidateYaml(text, filename, reader);
    } catch (e) {
      // nesting below go-yaml's bound but past this reader's stack: one file's error, never the whole run's
      if (e instanceof RangeError) return [{ filename, kind: '', name: '', version: '', status: 'statusError', msg: `error unmarshalling resource: the YAML is nested too deeply to read here (${e.message}); flatten it` }];
      throw e;
    }
  }

  private readAndValidateYaml(text: string, filename: string, reader: 'fast' | 'reference'): ResourceResult[] {
    const out: ResourceResult[] = [];
    const fast = reader === 'fast' ? parseKubeYamlFast(text) : undefined;
    if (fast) {
      if (fast.length === 0) out.push({ filename, kind: '', name: '', version: '', status: 'statusEmpty', msg: '' });
      for (const obj of fast) this.pushObject(out, obj, filename);
      return out;
    }
    const docs = yaml().parseAllDocuments(text, kubeYamlParseOptions(this.strict));
    const list = [...docs];
    if (list.length === 0) out.push({ filename, kind: '', name: '', version: '', status: 'statusEmpty', msg: '' });
    for (const doc of list) {
      const aliasing = yamlAliasProblem(doc);
      if (aliasing) {
        out.push({ filename, kind: '', name: '', version: '', status: 'statusError', msg: `error unmarshalling resource: error converting YAML to JSON: ${aliasing}` });
        continue;
      }
      if (doc.errors.length) {
        let partial: Record<string, unknown> | undefined;
        try {
          partial = asRecord(doc.toJS({ maxAliasCount: -1 }));
        } catch {
          partial = undefined;
        }
        const e = doc.errors[0];
        const line = e.linePos?.[0]?.line;
        let msg: string;
        if (e.code === 'DUPLICATE_KEY') {
          const key = duplicateKeyName(text, e.pos[0]);
          msg = `error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${key} already set in map`;
        } else {
          msg = `error unmarshalling resource: error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0]}`;
        }
        const meta = asRecord(partial?.metadata);
        out.push({
          filename,
          kind: typeof partial?.kind === 'string' ? partial.kind : '',
          name: typeof meta?.name === 'string' ? meta.name : '',
          version: typeof partial?.apiVersion === 'string' ? partial.apiVersion : '',
          status: 'statusError',
          msg,
        });
        continue;
      }
      const jsonError = toKubernetesJsonKeys(doc);
      if (jsonError) {
        const str = (v: unknown) => (typeof v === 'string' ? v : '');
        out.push({
          filename,
          kind: str(doc.get('kind')),
          name: str(doc.getIn(['metadata', 'name'])),
          version: str(doc.get('apiVersion')),
          status: 'statusError',
          msg: `error unmarshalling resource: error converting YAML to JSON: ${jsonError}`,
        });
        continue;
      }
      this.pushObject(out, doc.toJS({ maxAliasCount: -1 }) as unknown, filename);
    }
    return out;
  }

  private pushObject(out: ResourceResult[], obj: unknown, filename: string): void {
    const rec = asRecord(obj);
    if (rec && rec.kind === 'List' && Array.isArray(rec.items)) {
      for (const item of rec.items) out.push(this.validateObject(item, filename));
      return;
    }
    out.push(this.validateObject(obj, filename));
  }

  /** Validates files and folders (recursively: *.yaml, *.yml, *.json; sorted by name within each folder). */
  validatePaths(paths: string[]): ResourceResult[] {
    const files: string[] = [];
    const out: ResourceResult[] = [];
    const listErrors: ResourceResult[] = [];
    for (const p of paths) {
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch {
        out.push({ filename: p, kind: '', name: '', version: '', status: 'statusError', msg: `open ${p}: no such file or directory` });
        continue;
      }
      if (st.isDirectory()) files.push(...listManifestFiles(p, listErrors));
      else files.push(p);
    }
    const seen = new Set<string>();
    const unique = files.filter((f) => !seen.has(f) && seen.add(f) !== undefined);
    const other = this.splitForSecondThread(unique);
    if (other) {
      // large input: a worker thread validates `other.files` while this thread does the rest; results in file order
      const mine = unique.filter((_, i) => !other.indexes.has(i));
      const local = new Map<string, ResourceResult[]>();
      for (const f of mine) local.set(f, this.validateFile(f));
      const remote = other.wait();
      for (const f of unique) out.push(...(local.get(f) ?? remote.get(f) ?? []));
      return [...out, ...listErrors];
    }
    for (const f of unique) out.push(...this.validateFile(f));
    return [...out, ...listErrors];
  }

  /** Validates one file (read by {@link readManifestFile}). */
  validateFile(file: string): ResourceResult[] {
    const text = readManifestFile(file);
    return typeof text === 'string' ? this.validateYaml(text, file) : [text];
  }

  /**
   * For inputs of {@link PARALLEL_MIN_BYTES} or more on a machine with a second core: starts a worker thread on
   * about half of the bytes (by file) and returns a synchronous wait for its results; else undefined.
   * GITOPS_STORAGE_WORKERS=off turns it off.
   */
  private splitForSecondThread(files: string[]): { indexes: Set<number>; wait: () => Map<string, ResourceResult[]> } | undefined {
    if (files.length < 2 || process.env.GITOPS_STORAGE_WORKERS === 'off' || availableCores() < 2) return undefined;
    const script = path.join(__dirname, 'validate-worker.js');
    if (!fs.existsSync(script)) return undefined; // running from the TypeScript sources (tests): one thread
    const sizes = files.map((f) => {
      try {
        return fs.statSync(f).size;
      } catch {
        return 0;
      }
    });
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total < PARALLEL_MIN_BYTES) return undefined;
    // the worker starts later (loading the validator) and so takes a little less than half, from the end
    const indexes = new Set<number>();
    let taken = 0;
    for (let i = files.length - 1; i >= 0 && taken + sizes[i] <= total * 0.45; i--) {
      indexes.add(i);
      taken += sizes[i];
    }
    if (indexes.size === 0) return undefined;
    const theirs = files.filter((_, i) => indexes.has(i));
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(script, { workerData: { options: this.workerOptions, files: theirs, port: port2, signal }, transferList: [port2] });
    return {
      indexes,
      wait: () => {
        // a worker that died without answering (out of memory) has thread id -1: its files are then done here
        while (Atomics.load(signal, 0) === 0 && worker.threadId !== -1) Atomics.wait(signal, 0, 0, 200);
        const msg = receiveMessageOnPort(port1)?.message as { results: ResourceResult[][] } | { error: string } | undefined;
        void worker.terminate();
        port1.close();
        if (!msg || 'error' in msg) return new Map(theirs.map((f) => [f, this.validateYaml(fs.readFileSync(f, 'utf8'), f)]));
        return new Map(theirs.map((f, i) => [f, msg.results[i]]));
      },
    };
  }
}

/** Inputs from this size on are split over two threads (below it, starting a worker costs more than it saves). */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

// ---------------------------------------------------------------------------------------------------------------
// summaries and output

export interface Summary {
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
  /** valid + invalid + errors + skipped (empty documents are not resources). */
  resources: number;
  /** Distinct file names seen (including files that contained only empty documents). */
  files: number;
}

export function summarize(results: readonly ResourceResult[]): Summary {
  const s: Summary = { valid: 0, invalid: 0, errors: 0, skipped: 0, resources: 0, files: 0 };
  const files = new Set<string>();
  for (const r of results) {
    files.add(r.filename);
    if (r.status === 'statusValid') s.valid++;
    else if (r.status === 'statusInvalid') s.invalid++;
    else if (r.status === 'statusError') s.errors++;
    else if (r.status === 'statusSkipped') s.skipped++;
  }
  s.resources = s.valid + s.invalid + s.errors + s.skipped;
  s.files = files.size;
  return s;
}

/** True if any result is invalid or an error (kubeconform exits 1). */
export function hasFailures(results: readonly ResourceResult[]): boolean {
  return results.some((r) => r.status === 'statusInvalid' || r.status === 'statusError');
}

export interface FormatOptions {
  /** Print the summary line (kubeconform `-summary`). Default true. */
  summary?: boolean;
  /** Also print valid and skipped resources (kubeconform `-verbose`). Default false. */
  verbose?: boolean;
}

/** kubeconform `-output text` lines (plus the `-summary` line). */
export function formatText(results: readonly ResourceResult[], opts: FormatOptions = {}): string {
  const lines: string[] = [];
  for (const r of results) {
    switch (r.status) {
      case 'statusValid':
        if (opts.verbose) lines.push(`${r.filename} - ${r.kind} ${r.name} is valid`);
        break;
      case 'statusInvalid':
        lines.push(`${r.filename} - ${r.kind} ${r.name} is invalid: ${r.msg}`);
        break;
      case 'statusError':
        if (r.kind && r.name) lines.push(`${r.filename} - ${r.kind} ${r.name} failed validation: ${r.msg}`);
        else lines.push(`${r.filename} - failed validation: ${r.msg}`);
        break;
      case 'statusSkipped':
        if (opts.verbose) lines.push(`${r.filename} - ${r.name} ${r.kind} skipped`);
        break;
      default:
        break;
    }
  }
  if (opts.summary ?? true) {
    const s = summarize(results);
    lines.push(
      `Summary: ${s.resources} resource${s.resources > 1 ? 's' : ''} found in ${s.files} file${s.files > 1 ? 's' : ''} - ` +
        `Valid: ${s.valid}, Invalid: ${s.invalid}, Errors: ${s.errors}, Skipped: ${s.skipped}`,
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** kubeconform `-output json [-summary]` document. */
export function formatJson(results: readonly ResourceResult[], opts: FormatOptions = {}): string {
  const resources = results
    .filter((r) => r.status !== 'statusEmpty' && (opts.verbose || (r.status !== 'statusValid' && r.status !== 'statusSkipped')))
    .map((r) => {
      const o: Record<string, unknown> = { filename: r.filename, kind: r.kind, name: r.name, version: r.version, status: r.status, msg: r.msg };
      if (r.errors?.length) o.validationErrors = r.errors.map((e) => ({ path: e.path, msg: e.msg }));
      return o;
    });
  const doc: Record<string, unknown> = { resources };
  if (opts.summary ?? true) {
    const s = summarize(results);
    doc.summary = { valid: s.valid, invalid: s.invalid, errors: s.errors, skipped: s.skipped };
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// writing kubeconform schema folders

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Deterministic JSON: sorted keys, 2-space indent, trailing newline. */
export function stableJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 2)}\n`;
}

export interface WriteSchemasOptions {
  kubernetesVersion: string;
  crdSources?: string[];
  /**
   * Which schemas: both (`<out>/v<ver>-standalone[-strict]/` and `<out>/crds/`), only Kubernetes', or only the
   * CRDs' (then written to `<out>/` itself: they do not depend on the Kubernetes version). @default 'all'
   */
  parts?: 'all' | 'kubernetes' | 'crds';
  /** Also write the schema of each alias target under the aliased version's file name (see ValidatorOptions.schemaAliases). */
  schemaAliases?: Readonly<Record<string, string>>;
  upstreamDir?: string;
  cacheDir?: string;
}

export interface WriteSchemasResult {
  files: number;
  /** `<out>/v<ver>-standalone-strict` and `<out>/v<ver>-standalone`. */
  kubernetesDirs: string[];
  /** Folders holding CRD schemas: `<out>/crds` plus one `<out>/crds/<group>` per group whose file names collide. */
  crdDirs: string[];
}

/**
 * Writes kubeconform schema folders:
 * - `<out>/v<ver>-standalone-strict/<kind><suffix>.json` and `<out>/v<ver>-standalone/...` for built-in kinds;
 * - `<out>/crds/<kind>-<first group label>-<version>.json` for CRD kinds (always strict, like openapi2jsonschema).
 *   kubeconform's file name keeps only the first label of the group, so when two groups share it (e.g.
 *   `topolvm.io` and `topolvm.cybozu.com`, both `logicalvolume-topolvm-v1.json`) each colliding group is written to
 *   its own `<out>/crds/<full group>/` folder instead, and the user picks the folder(s) with `-schema-location`.
 */
export function writeSchemas(outDir: string, opts: WriteSchemasOptions): WriteSchemasResult {
  const version = normalizeKubernetesVersion(opts.kubernetesVersion);
  const load: LoadOptions = { upstreamDir: resolveUpstreamDir(opts.upstreamDir), cacheDir: opts.cacheDir };
  const defs = loadKubernetesDefinitions(version, load);
  let files = 0;
  const root = path.resolve(outDir);
  const write = (file: string, schema: unknown) => {
    const rel = path.relative(root, path.resolve(file));
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`internal error: schema file ${file} outside ${outDir}`);
    mkdirBounded(path.dirname(file));
    try {
      fs.writeFileSync(file, stableJson(schema));
    } catch (e) {
      throw fsError(e, file, 'writing the schema folder');
    }
    files++;
  };
  // the CRD sources first: a source that cannot be read or names no valid kind fails before anything is written
  const v = new Validator({ kubernetesVersion: version, crdSources: opts.crdSources, upstreamDir: opts.upstreamDir, cacheDir: opts.cacheDir });
  const crds = opts.parts === 'kubernetes' ? [] : v.crdKinds();
  const kubernetesDirs: string[] = [];
  for (const strict of opts.parts === 'crds' ? [] : [true, false]) {
    const dir = path.join(outDir, `v${version}-standalone${strict ? '-strict' : ''}`);
    kubernetesDirs.push(dir);
    const written = new Set<string>();
    for (const k of manifestKinds(defs.definitions)) {
      const name = schemaFileName(k.apiVersion, k.gvk.kind);
      if (written.has(name)) continue;
      written.add(name);
      write(path.join(dir, name), deriveKindSchema(defs, k.fqn, k.apiVersion, k.gvk.kind, strict));
    }
  }
  const groupsByFile = new Map<string, Set<string>>();
  for (const c of crds) {
    const n = schemaFileName(c.apiVersion, c.kind);
    if (!groupsByFile.has(n)) groupsByFile.set(n, new Set());
    groupsByFile.get(n)!.add(c.group);
  }
  const crdRoot = opts.parts === 'crds' ? outDir : path.join(outDir, 'crds');
  const crdDirs = new Set<string>();
  for (const c of crds) {
    const n = schemaFileName(c.apiVersion, c.kind);
    const dir = groupsByFile.get(n)!.size > 1 ? path.join(crdRoot, c.group) : crdRoot;
    crdDirs.add(dir);
    write(path.join(dir, n), crdJsonSchema(c, true));
    for (const [from, to] of Object.entries(opts.schemaAliases ?? {}).sort()) {
      const [fromVersion, kind] = from.split('|');
      if (to === c.apiVersion && kind === c.kind && !crds.some((x) => x.apiVersion === fromVersion && x.kind === kind)) write(path.join(dir, schemaFileName(fromVersion, kind)), withApiVersion(crdJsonSchema(c, true), fromVersion));
    }
  }
  return { files, kubernetesDirs, crdDirs: [...crdDirs].sort() };
}

/** A kind's schema that accepts `apiVersion` (an alias version of the kind) in place of its own. */
function withApiVersion(schema: JsonSchema, apiVersion: string): JsonSchema {
  const props = { ...((schema.properties as JsonSchema) ?? {}) };
  props.apiVersion = { ...((props.apiVersion as JsonSchema) ?? {}), type: 'string', enum: [apiVersion] };
  return { ...schema, properties: props };
}

export { splitApiVersion };
