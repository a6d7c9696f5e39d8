/**
 * The embedded schema bundle: description-free Kubernetes definitions (one per minor) and pinned CRD documents,
 * generated from the upstream mirror by `npm run schemas:bundle` (src/tools/schemas-bundle.ts) and shipped inside
 * the package, so validation and the constructs that emit CRDs work offline on a fresh machine.
 *
 * Layout of the bundle folder: `index.json` (what is where, with the size and sha256 of every data file) and
 * gzip-compressed JSON data files. Every data file is checked against the index before use; a corrupt or
 * truncated file is a ConfigError that names it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { ConfigError } from '../foundation/errors';

/** The CEL rules of one bundled CRD file (see {@link BundleIndex.celRules}). */
export interface CelRuleCounts {
  readonly rules: number;
  readonly transition: number;
  readonly skipped: ReadonlyArray<{ readonly kind: string; readonly path: string; readonly rule: string; readonly reason: string }>;
}

/** Environment variable that overrides the bundle folder (tests; a package repackaged elsewhere). */
export const BUNDLE_ENV = 'GITOPS_STORAGE_BUNDLE';

export const BUNDLE_FORMAT = 1;

export interface BundleFileInfo {
  readonly size: number;
  readonly sha256: string;
}

export interface BundleIndex {
  readonly format: number;
  /** Kubernetes minor (`1.33`) → data file and the mirror version it was generated from. */
  readonly kubernetes: Record<string, { readonly file: string; readonly from: string }>;
  /** Mirror-relative CRD file path (as in PINNED_CRD_SOURCES) → data file (a JSON array of CRD objects). */
  readonly crds: Record<string, string>;
  /**
   * Precompiled validators (ajv standalone code) of the schemas that take ajv longest to compile, derived from
   * the data files above at generation time: `ajv` is the ajv version that generated them (another version
   * compiles instead); each key (see {@link precompiledKey}) names the code file and the sha256 of the data file
   * the schema comes from.
   */
  /**
   * CRD data file → the `apiVersion|kind` of its CRD versions, in file order: lets the validator read only the
   * CRD files that hold the kinds an input uses.
   */
  readonly crdKinds?: Record<string, readonly string[]>;
  readonly validators?: { readonly ajv: string; readonly entries: Record<string, { readonly file: string; readonly source: string }> };
  /**
   * CRD data file → its CEL rules (`x-kubernetes-validations` of every CRD version), compiled at generation time
   * with the evaluator the validator uses: how many there are, how many are transition rules (read `oldSelf`,
   * evaluated by `plan`), and each rule that cannot be evaluated with its reason (never silently passed).
   */
  readonly celRules?: Record<string, CelRuleCounts>;
  /** Every data file: size and sha256 of its bytes on disk. */
  readonly files: Record<string, BundleFileInfo>;
}

/** The bundle folder: `$GITOPS_STORAGE_BUNDLE`, else `src/validation/bundle` of this package (also from lib/). */
export function bundleDir(): string {
  const env = process.env[BUNDLE_ENV];
  if (env) return path.resolve(env);
  const candidates = [path.join(__dirname, 'bundle'), path.resolve(__dirname, '..', '..', '..', 'src', 'validation', 'bundle')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.json'))) ?? candidates[candidates.length - 1];
}

function broken(file: string, problem: string): ConfigError {
  return new ConfigError({
    path: `schema bundle: ${file}`,
    problem,
    allowed: 'the bundle as shipped with gitops-storage (index.json and the files it lists)',
    fix: `reinstall the package with npm ci (or unset ${BUNDLE_ENV}); a source checkout regenerates it with npm run schemas:bundle`,
  });
}

const indexCache = new Map<string, BundleIndex>();
const dataCache = new Map<string, unknown>();

/** The index of the bundle in `dir` (default {@link bundleDir}); a ConfigError when missing or unreadable. */
export function bundleIndex(dir = bundleDir()): BundleIndex {
  const hit = indexCache.get(dir);
  if (hit) return hit;
  const file = path.join(dir, 'index.json');
  let index: BundleIndex;
  try {
    index = JSON.parse(fs.readFileSync(file, 'utf8')) as BundleIndex;
  } catch (e) {
    throw broken(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the schema bundle index is missing' : 'the schema bundle index is not valid JSON');
  }
  if (!index || index.format !== BUNDLE_FORMAT || typeof index.files !== 'object' || typeof index.kubernetes !== 'object' || typeof index.crds !== 'object') {
    throw broken(file, `the schema bundle index is not format ${BUNDLE_FORMAT}`);
  }
  indexCache.set(dir, index);
  return index;
}

/** Reads, verifies (size, sha256) and decodes one data file of the bundle. */
function readData(dir: string, name: string): unknown {
  const file = path.join(dir, name);
  const hit = dataCache.get(file);
  if (hit !== undefined) return hit;
  const text = readText(dir, name);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw broken(file, 'the bundle file cannot be decoded (not gzip-compressed JSON)');
  }
  dataCache.set(file, data);
  return data;
}

/** Reads, verifies (size, sha256) and unzips one data file of the bundle. */
function readText(dir: string, name: string): string {
  const file = path.join(dir, name);
  const info = bundleIndex(dir).files[name];
  if (!info) throw broken(file, 'the file is not listed in the bundle index');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw broken(file, 'the bundle file is missing or unreadable');
  }
  if (bytes.length !== info.size) throw broken(file, `the bundle file is truncated or corrupt (${bytes.length} bytes, the index says ${info.size})`);
  if (createHash('sha256').update(bytes).digest('hex') !== info.sha256) throw broken(file, 'the bundle file is corrupt (its sha256 differs from the index)');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch {
    throw broken(file, 'the bundle file cannot be decoded (not gzip-compressed)');
  }
}

/** Kubernetes definitions of the minor (`1.33`) from the bundle, or undefined when the bundle has none. */
export function bundledKubernetes(minor: string, dir = bundleDir()): { file: string; from: string; definitions: Record<string, Record<string, unknown>> } | undefined {
  const entry = bundleIndex(dir).kubernetes[minor];
  if (!entry) return undefined;
  const data = readData(dir, entry.file) as { definitions?: Record<string, Record<string, unknown>> };
  if (!data || typeof data.definitions !== 'object') throw broken(path.join(dir, entry.file), "the bundle file has no 'definitions' object");
  return { file: path.join(dir, entry.file), from: entry.from, definitions: data.definitions };
}

/** Kubernetes minors in the bundle, ascending. */
export function bundledKubernetesMinors(dir = bundleDir()): string[] {
  return Object.keys(bundleIndex(dir).kubernetes).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

/**
 * The `apiVersion|kind`s a pinned mirror-relative CRD file of the bundle declares, read from the index without
 * reading the file; undefined when the bundle has no such file or no kind index.
 */
export function bundledCrdKindKeys(relPath: string, dir = bundleDir()): ReadonlySet<string> | undefined {
  const index = bundleIndex(dir);
  const name = index.crds[relPath];
  const keys = name ? index.crdKinds?.[name] : undefined;
  if (!keys) return undefined;
  let set = kindSets.get(keys);
  if (!set) kindSets.set(keys, (set = new Set(keys)));
  return set;
}

const kindSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The CRD objects of a pinned mirror-relative file from the bundle, or undefined when the bundle has none. */
export function bundledCrdDocuments(relPath: string, dir = bundleDir()): { file: string; docs: Record<string, any>[] } | undefined {
  const name = bundleIndex(dir).crds[relPath];
  if (!name) return undefined;
  const docs = readData(dir, name);
  if (!Array.isArray(docs)) throw broken(path.join(dir, name), 'the bundle file does not hold a list of CRDs');
  return { file: path.join(dir, name), docs: docs as Record<string, any>[] };
}

/**
 * Content identity of a bundle data file (`sha256:<hex>` from the index) for cache keys, or undefined when
 * `file` is not a file of the current bundle.
 */
export function bundleFingerprint(file: string): string | undefined {
  const dir = bundleDir();
  const rel = path.relative(dir, path.resolve(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  try {
    const info = bundleIndex(dir).files[rel];
    return info ? `bundle:${rel}:sha256:${info.sha256}` : undefined;
  } catch {
    return undefined;
  }
}

/** The bundled CRD objects of a pinned file; a ConfigError when the bundle lacks it (an incomplete install). */
export function pinnedCrdDocuments(relPath: string, dir = bundleDir()): Record<string, any>[] {
  const found = bundledCrdDocuments(relPath, dir);
  if (!found) throw broken(path.join(dir, 'index.json'), `the schema bundle has no CRDs for ${relPath}`);
  return found.docs;
}

/** The data file name of `file` when it is a data file of the current bundle, else undefined. */
export function bundleDataName(file: string): string | undefined {
  const dir = bundleDir();
  const rel = path.relative(dir, path.resolve(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  try {
    return bundleIndex(dir).files[rel] ? rel : undefined;
  } catch {
    return undefined;
  }
}

/** Key of a precompiled validator: the bundle data file, the mode (`strict`, `loose`, `-keep-unknown`), apiVersion and kind. */
export function precompiledKey(dataFile: string, mode: string, apiVersion: string, kind: string): string {
  return `${dataFile}|${mode}|${apiVersion}|${kind}`;
}

/** Environment variable: `off` makes the validator compile every schema itself (tests compare both). */
export const PRECOMPILED_ENV = 'GITOPS_STORAGE_PRECOMPILED';

/**
 * The precompiled validator code (ajv standalone, with the placeholders of the generator) for a key, or undefined
 * when there is none usable: none for the key, generated by another ajv version than `ajvVersion`, derived from
 * other data than the bundle holds, a damaged file, `GITOPS_STORAGE_PRECOMPILED=off`, or a bundle folder other
 * than this package's own (`GITOPS_STORAGE_BUNDLE`): code is only ever run from the package's own files.
 */
export function precompiledValidatorCode(key: string, ajvVersion: string): string | undefined {
  if (process.env[PRECOMPILED_ENV] === 'off' || process.env[BUNDLE_ENV]) return undefined;
  try {
    const dir = bundleDir();
    const index = bundleIndex(dir);
    const v = index.validators;
    const entry = v && v.ajv === ajvVersion ? v.entries[key] : undefined;
    if (!entry || index.files[key.split('|')[0]]?.sha256 !== entry.source) return undefined;
    return readText(dir, entry.file);
  } catch {
    return undefined; // a damaged file only costs the compile time
  }
}
