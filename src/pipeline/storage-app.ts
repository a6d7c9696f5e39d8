/**
 * The App users build sites in. Its `synth()` is the whole pipeline (construct checks, GitOps decoration, strict
 * schema validation, atomic replace of `dist/<site>/`), so `cdk8s synth`, `app.synth()` and
 * `gitops-storage synth` all produce the same bytes.
 *
 * cdk8s-cli empties its output folder before it runs the app. That folder is therefore only a staging copy
 * (`cdk8s.out/` by default); the committed `dist/` is written by this class alone, site by site, by rename, and
 * only after every site passed every check.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { ConfigError } from '../foundation/errors';
import { MARKER, MARKER_TEXT } from '../foundation/dist-write';
import { synthApp, SynthError, SynthResult } from './synth';

/** Props of {@link StorageApp}. */
export interface StorageAppProps {
  /**
   * Folder the sites are written to, one `<site>/` each; the folder you commit and your GitOps engine reads.
   * Relative paths are resolved against the working directory.
   * @default - `$GITOPS_STORAGE_DIST`, else 'dist'
   */
  readonly distDir?: string;
  /**
   * cdk8s output folder: a staging copy of what was written to `distDir`, for cdk8s-cli (which empties this folder
   * before every run and lists its files). Must not be `distDir`.
   * @default - `$CDK8S_OUTDIR` (set by `cdk8s synth`), else 'cdk8s.out'
   */
  readonly outdir?: string;
  /**
   * Validate every object against the strict schemas of its site's Kubernetes version and CRDs.
   * @default true
   */
  readonly validate?: boolean;
  /**
   * Upstream mirror folder for schema sources the embedded bundle lacks (the bundle is always read first).
   * @default - `$GITOPS_STORAGE_UPSTREAM`, else none
   */
  readonly upstreamDir?: string;
  /**
   * Report a ConfigError thrown while the sites are being built (before `synth()`) as its message on stderr and
   * exit 1, instead of Node's stack trace.
   * @default true, except under jest
   */
  readonly reportUncaughtErrors?: boolean;
}

/** Options of one {@link StorageApp.synthesize} run (overrides of the app's props). */
export interface StorageSynthOptions {
  /** Folder to write the sites to. @default - the app's `distDir` */
  readonly distDir?: string;
  /** Validate every object against the strict schemas. @default - the app's `validate` */
  readonly validate?: boolean;
  /** Upstream mirror folder for schema sources the bundle lacks. @default - the app's `upstreamDir` */
  readonly upstreamDir?: string;
  /** Also copy the written sites into the cdk8s output folder. @default true */
  readonly staging?: boolean;
  /** Called once per site after it was checked, with its object count. @default - silent */
  readonly onSite?: (site: string, objects: number) => void;
}

const APP_SYMBOL = Symbol.for('gitops-storage.StorageApp');
/** A CLI that loads a user's app module sets this hook; `synth()` then hands the app over instead of writing. */
const CAPTURE = Symbol.for('gitops-storage.capture');

/**
 * A cdk8s App whose `synth()` writes validated sites into `dist/` (see the module comment).
 *
 * ```ts
 * const app = new StorageApp();
 * const site = new Site(app, 'dc1', { kubernetesVersion: '1.33.4', rookVersion: '1.20.6' });
 * // ... constructs ...
 * app.synth();
 * ```
 */
export class StorageApp extends App {
  /** True if `x` is a StorageApp (of any copy of this package). */
  public static isStorageApp(x: unknown): x is StorageApp {
    return typeof x === 'object' && x !== null && (x as any)[APP_SYMBOL] === true;
  }

  /** Where `synth()` writes the sites (absolute). */
  public readonly distDir: string;
  private readonly validateObjects: boolean;
  private readonly upstreamDir?: string;

  constructor(props: StorageAppProps = {}) {
    super({ outdir: props.outdir ?? process.env.CDK8S_OUTDIR ?? 'cdk8s.out' });
    (this as any)[APP_SYMBOL] = true;
    this.distDir = path.resolve(props.distDir ?? process.env.GITOPS_STORAGE_DIST ?? 'dist');
    this.validateObjects = props.validate ?? true;
    this.upstreamDir = props.upstreamDir;
    if (props.reportUncaughtErrors ?? !process.env.JEST_WORKER_ID) reportUncaughtErrors();
  }

  /**
   * Runs the pipeline and writes `distDir/<site>/` (nothing is written if any site fails). Throws `SynthError`
   * (every problem of every site) or `ConfigError`. Returns what was written and the warnings.
   */
  public synthesize(opts: StorageSynthOptions = {}): SynthResult {
    const distDir = path.resolve(opts.distDir ?? this.distDir);
    const staging = opts.staging ?? true;
    if (staging && path.resolve(this.outdir) === distDir) {
      throw new ConfigError({
        path: 'cdk8s.yaml: output',
        problem: 'the cdk8s output folder is the dist/ folder; cdk8s synth empties its output folder before the app runs, so a failed synth would cost the committed sites',
        value: this.outdir,
        allowed: 'any folder but dist/, e.g. cdk8s.out',
        fix: 'set `output: cdk8s.out` in cdk8s.yaml (and add cdk8s.out/ to .gitignore); the app still writes dist/',
      });
    }
    const result = synthApp(this, { outdir: distDir, validate: opts.validate ?? this.validateObjects, upstreamDir: opts.upstreamDir ?? this.upstreamDir });
    for (const s of result.sites) opts.onSite?.(s.site.siteName, s.files.reduce((n, f) => n + f.objects.length, 0));
    if (staging) writeStaging(this.outdir, result);
    return result;
  }

  /**
   * `cdk8s synth` and `app.synth()`: the pipeline, with warnings and problems on stderr. On failure the process exit
   * code is 1 and nothing is written. When a `gitops-storage` command loaded this app, the command runs instead.
   */
  public synth(): void {
    const capture = (globalThis as any)[CAPTURE] as ((app: StorageApp) => void) | undefined;
    if (capture) {
      capture(this);
      return;
    }
    try {
      const r = this.synthesize();
      for (const w of r.warnings) process.stderr.write(`warning: ${w.replace(/\n/g, '\n  ')}\n`);
      const objects = r.sites.reduce((n, s) => n + s.files.reduce((m, f) => m + f.objects.length, 0), 0);
      process.stderr.write(`gitops-storage: wrote ${r.sites.length} site(s), ${objects} objects, into ${path.relative(process.cwd(), this.distDir) || '.'}/\n`);
    } catch (e) {
      if (isOurError(e)) {
        process.stderr.write(`${e.message}\n`);
        process.exitCode = 1;
        return;
      }
      throw e;
    }
  }
}

/** A ConfigError or SynthError, also of another copy of this package. */
export function isOurError(e: unknown): e is Error {
  return e instanceof ConfigError || e instanceof SynthError || (e instanceof Error && (e.name === 'ConfigError' || e.name === 'SynthError'));
}

let reporting = false;
/** Once per process: uncaught ConfigErrors print as their message (where, what, allowed, fix), not a stack trace. */
function reportUncaughtErrors(): void {
  if (reporting) return;
  reporting = true;
  process.on('uncaughtException', (e: unknown) => {
    process.stderr.write(isOurError(e) ? `${e.message}\nnothing was written.\n` : `${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}

/** Runs `fn` with the capture hook set and returns the StorageApps whose `synth()` was called meanwhile. */
export function captureApps(fn: () => void): StorageApp[] {
  const apps: StorageApp[] = [];
  const g = globalThis as any;
  const prev = g[CAPTURE];
  g[CAPTURE] = (a: StorageApp) => apps.push(a);
  try {
    fn();
  } finally {
    g[CAPTURE] = prev;
  }
  return apps;
}

/** Replaces the cdk8s output folder with a copy of the written sites (cdk8s-cli lists them; never committed). */
function writeStaging(outdir: string, r: SynthResult): void {
  fs.rmSync(outdir, { recursive: true, force: true });
  for (const s of r.sites) {
    for (const f of [...s.files, { path: MARKER, content: MARKER_TEXT }]) {
      const p = path.join(outdir, s.site.siteName, f.path);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.content);
    }
  }
  fs.mkdirSync(outdir, { recursive: true });
}
