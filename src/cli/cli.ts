#!/usr/bin/env node
/**
 * gitops-storage CLI: synth, validate, schemas, import-external.
 */
import * as crypto from 'crypto';
import * as path from 'path';
import { Command } from 'commander';
import { registerValidationCommands, skippedRuleNotes } from './validate';
import type { Site } from '../site/site';
import { kubernetesMinor, prefetch } from '../validation/sources';
import { formatJson, formatText, hasFailures, readManifestFile, ResourceResult, writeSchemas } from '../validation/validator';
import { fleetSchemaOptions, fleetValidator, siteSchemaOptions, siteValidator } from '../pipeline/site-validator';
import * as fs from 'fs';

/*
 * The modules that only the app commands need (cdk8s, zod, the constructs: ~0.3 s to load) are required on first
 * use, so that `validate` and `schemas` start as fast as the validator itself.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const lazy = {
  site: () => require('../site/site') as typeof import('../site/site'),
  synth: () => require('../pipeline/synth') as typeof import('../pipeline/synth'),
  storageApp: () => require('../pipeline/storage-app') as typeof import('../pipeline/storage-app'),
  appLoader: () => require('./app-loader') as typeof import('./app-loader'),
  init: () => require('./init') as typeof import('./init'),
  errors: () => require('../foundation/errors') as typeof import('../foundation/errors'),
  distWrite: () => require('../foundation/dist-write') as typeof import('../foundation/dist-write'),
  outputScan: () => require('../secrets/output-scan') as typeof import('../secrets/output-scan'),
  plan: () => require('./plan') as typeof import('./plan'),
  import: () => require('./import') as typeof import('./import'),
  fleet: () => require('../gitops/fleet-hub') as typeof import('../gitops/fleet-hub'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
/** Builds the app as cdk8s.yaml's app command does (unless --no-build), then loads it. */
const loadApp = (p: string | undefined, build: boolean) => {
  if (build) lazy.appLoader().buildApp(p);
  return lazy.appLoader().loadApp(p);
};
const BUILD_HELP = 'load the last compiled app as it is, without first running the build steps of cdk8s.yaml\'s app command (e.g. npx tsc)';
const isSite = (x: unknown): x is Site => lazy.site().Site.isSite(x);

const APP_HELP = 'your app: a module that builds a StorageApp and calls app.synth() (or exports buildApp()); default: the module cdk8s.yaml\'s app runs, else package.json main';

/** Runs a command body; ConfigErrors and SynthErrors are printed as their message with exit code 1. */
async function reportErrors(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (lazy.storageApp().isOurError(e)) {
      console.error(e.message);
      process.exitCode = 1;
      return;
    }
    // a file system error no step wrapped: still our error, with the path and a fix
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      const wrapped = lazy.distWrite().fsError(e, (e as NodeJS.ErrnoException).path ?? '(unknown path)', 'the command');
      console.error((wrapped as Error).message);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gitops-storage')
    .version(packageVersion(), '-V, --version', 'print the gitops-storage version')
    .description('Typed Rook-Ceph and TopoLVM sites, synthesized to strictly validated YAML for Argo CD and Flux');

  program
    .command('synth')
    .description('synthesize every site of your app into <out>/<site>/ (nothing is written if any check fails)')
    .option('--out <dir>', 'output directory (default: the StorageApp\'s distDir, else dist)')
    .option('--app <module>', APP_HELP)
    .option('--no-validate', 'skip strict schema validation (not recommended)')
    .option('--upstream <dir>', 'upstream mirror for schema sources the embedded bundle lacks (default: $GITOPS_STORAGE_UPSTREAM)')
    .option('--quiet', 'print only problems and warnings')
    .option('--no-build', BUILD_HELP)
    .action(async (opts: { out?: string; app?: string; validate: boolean; upstream?: string; quiet?: boolean; build: boolean }) => {
      await reportErrors(async () => {
        const { app } = loadApp(opts.app, opts.build);
        const out = opts.out ?? (lazy.storageApp().StorageApp.isStorageApp(app) ? app.distDir : 'dist');
        const progress = opts.quiet ? undefined : (line: string) => console.error(line);
        if (opts.validate) await prefetchSchemas(app, opts.upstream);
        const r = lazy.synth().synthApp(app, { outdir: out, validate: opts.validate, upstreamDir: opts.upstream, progress });
        const objects = r.sites.reduce((n, s) => n + s.files.reduce((m, f) => m + f.objects.length, 0), 0);
        for (const w of r.warnings) console.error(`warning: ${w.replace(/\n/g, '\n  ')}`);
        if (!opts.quiet) console.log(`synthesized ${r.sites.length} site(s), ${objects} objects, into ${path.relative(process.cwd(), out) || '.'}/ (${r.sites.map((s) => s.site.siteName).join(', ')})`);
      });
    });

  program
    .command('site-schemas')
    .description('write kubeconform schema folders for the sites of your app (one per Kubernetes minor and one per set of CRD sources, shared by the sites that need them) and print the kubeconform command of each site')
    .requiredOption('--out <dir>', 'output directory (one sub-folder per site)')
    .option('--app <module>', APP_HELP)
    .option('--dist <dir>', 'where the synthesized sites are', 'dist')
    .option('--upstream <dir>', 'upstream mirror for schema sources the embedded bundle lacks')
    .option('--no-build', BUILD_HELP)
    .action(async (opts: { out: string; app?: string; dist: string; upstream?: string; build: boolean }) => {
      await reportErrors(async () => {
        const lines = siteSchemas(loadApp(opts.app, opts.build).app, opts.out, opts.dist, opts.upstream);
        console.log(lines.join('\n'));
      });
    });

  program
    .command('check-dist')
    .description('validate the synthesized dist/<site>/ folders on disk, each against its own Kubernetes version and CRD sources (kubeconform semantics; host/ and helm/ hold no manifests and are skipped)')
    .option('--app <module>', APP_HELP)
    .option('--dist <dir>', 'where the synthesized sites are', 'dist')
    .option('--output <format>', 'text or json', 'text')
    .option('--upstream <dir>', 'upstream mirror for schema sources the embedded bundle lacks')
    .option('--no-api-server-checks', 'only the schemas (exactly kubeconform): skip the API server\'s own checks of names per kind, label and annotation keys and values, the CRDs\' CEL rules (x-kubernetes-validations) and list types')
    .option('--no-build', BUILD_HELP)
    .action(async (opts: { app?: string; dist: string; output: string; upstream?: string; apiServerChecks: boolean; build: boolean }) => {
      await reportErrors(async () => {
        const notes: string[] = [];
        const { app } = loadApp(opts.app, opts.build);
        const r = checkDist(app, opts.dist, opts.upstream, { apiServerChecks: opts.apiServerChecks, notes });
        console.log(opts.output === 'json' ? formatJson(r) : formatText(r));
        for (const n of [...new Set(notes)]) console.error(n);
        if (hasFailures(r)) process.exitCode = 1;
        const keys = scanDist(app, opts.dist);
        for (const w of keys.warnings) console.error(`warning: ${w}`);
        if (keys.problems.length > 0) {
          console.error(new (lazy.errors().ConfigError)(keys.problems).message);
          process.exitCode = 1;
        }
      });
    });

  program
    .command('init')
    .description('scaffold a repository of your own: a cdk8s project depending on gitops-storage, one example site, a CI workflow with kubeconform (writes nothing if <dir> is not empty)')
    .argument('<dir>', 'new or empty folder')
    .option('--name <name>', 'package name (default: the folder name)')
    .option('--package <spec>', 'where gitops-storage comes from: a version or range, a tarball path (copied into vendor/), a folder, a git URL (default: what this CLI was installed from)')
    .option('--no-git', 'do not run git init')
    .action(async (dir: string, opts: { name?: string; package?: string; git: boolean }) => {
      await reportErrors(async () => {
        const r = lazy.init().runInit(dir, { name: opts.name, packageSpec: opts.package, git: opts.git });
        console.log([
          `wrote ${r.files.length} files into ${dir}/: ${r.files.join(', ')}`,
          r.packageNote,
          r.gitNote,
          `next: cd ${dir} && npm install && npm run synth && git add -A && git commit -m "storage: first site"`,
        ].join('\n'));
      });
    });

  lazy.plan().registerPlanCommand(program, APP_HELP, BUILD_HELP);
  registerValidationCommands(program);
  lazy.import().registerImportCommands(program);
  return program;
}

/**
 * Makes sure every site's schema sources are local (mirror or cache), downloading missing ones from their public
 * URLs into the user cache. Does nothing when the mirror or the cache already has them.
 */
export async function prefetchSchemas(app: import('cdk8s').App, upstreamDir?: string): Promise<void> {
  for (const site of app.node.findAll().filter(isSite)) {
    const o = siteSchemaOptions(site);
    await prefetch({ kubernetesVersion: o.kubernetesVersion, crdSources: o.crdSources, upstreamDir });
  }
}

/** The manifest files under `dir` (sorted; without `host/` and `helm/` folders and SOPS-encrypted files). */
function manifestFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (path.relative(dir, p) !== 'host') walk(p);
      } else if (/\.(ya?ml|json)$/.test(e.name) && !/\.sops\.ya?ml$/.test(e.name) && !p.includes(`${path.sep}helm${path.sep}`)) files.push(p);
    }
  };
  walk(dir);
  return files;
}

/** Whether the app's fleet has a hub folder (dist/_fleet/): some site is driven from a hub or management cluster. */
function hasFleetDir(sites: readonly Site[]): boolean {
  return sites.some((s) => lazy.fleet().isHubDriven(s));
}

/**
 * Validates every manifest file of each site's dist folder with that site's schemas (host/ holds no manifests), and
 * dist/_fleet/ (the hub's ApplicationSet, the management cluster's Flux objects) with the engines' schemas, as synth
 * does.
 */
export function checkDist(app: import('cdk8s').App, dist: string, upstreamDir?: string, opts: { apiServerChecks?: boolean; /** receives the notes on CRD rules that could not be evaluated */ notes?: string[] } = {}): ResourceResult[] {
  const out: ResourceResult[] = [];
  const sites = app.node.findAll().filter(isSite);
  for (const site of sites) {
    const dir = path.join(dist, site.siteName);
    const files = manifestFiles(dir);
    if (files.length === 0) {
      out.push({ filename: dir, kind: '', name: '', version: '', status: 'statusError', msg: `no manifests for site ${site.siteName}: run synth first` });
      continue;
    }
    const v = siteValidator(site, { upstreamDir, apiServerChecks: opts.apiServerChecks, shared: false });
    out.push(...v.validatePaths(files));
    opts.notes?.push(...skippedRuleNotes(v));
  }
  const fleetDir = path.join(dist, FLEET_DIR_NAME);
  const fleetFiles = manifestFiles(fleetDir);
  if (fleetFiles.length > 0 || hasFleetDir(sites)) {
    if (fleetFiles.length === 0) {
      out.push({ filename: fleetDir, kind: '', name: '', version: '', status: 'statusError', msg: `no manifests in ${FLEET_DIR_NAME}/, though sites of this app are driven from a hub: run synth first` });
    } else {
      const v = fleetValidator(sites, { upstreamDir, apiServerChecks: opts.apiServerChecks, shared: false });
      out.push(...v.validatePaths(fleetFiles));
    }
  }
  return out;
}

/**
 * The output scan (src/secrets/output-scan.ts) of every file in each site's dist folder as it is on disk: manifests,
 * host/ and helm/ files, notes, SOPS files. Returns the findings (file, field, fix) and the opted-in plain Secrets.
 */
export function scanDist(app: import('cdk8s').App, dist: string): { problems: import('../foundation/errors').ConfigProblem[]; warnings: string[] } {
  const YAML = require('yaml') as typeof import('yaml'); // eslint-disable-line @typescript-eslint/no-require-imports
  const { yamlAliasProblem, yamlDepthProblem } = require('../foundation/kube-yaml') as typeof import('../foundation/kube-yaml'); // eslint-disable-line @typescript-eslint/no-require-imports
  const { MARKER } = require('../foundation/dist-write') as typeof import('../foundation/dist-write'); // eslint-disable-line @typescript-eslint/no-require-imports
  const files: { path: string; content: string; objects: unknown[] }[] = [];
  for (const site of app.node.findAll().filter(isSite)) {
    const root = path.join(dist, site.siteName);
    const walk = (d: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(d, { withFileTypes: true });
      } catch {
        return; // a missing or unreadable folder is reported by the validation
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && !(d === root && e.name === MARKER)) {
          const text = readManifestFile(p);
          if (typeof text !== 'string') continue;
          let objects: unknown[] = [];
          if (/\.ya?ml$/.test(e.name) && !/\.sops\.ya?ml$/.test(e.name) && !yamlDepthProblem(text)) {
            try {
              const docs = YAML.parseAllDocuments(text);
              if (docs.every((x) => x.errors.length === 0 && !yamlAliasProblem(x))) objects = docs.map((x) => x.toJS({ maxAliasCount: -1 }) as unknown).filter((x) => x !== null);
            } catch {
              objects = [];
            }
          }
          files.push({ path: path.relative(dist, p).split(path.sep).join('/'), content: text, objects });
        }
      }
    };
    walk(root);
  }
  const r = lazy.outputScan().scanOutput(files);
  return { problems: r.problems, warnings: r.optedIn.map((f) => `${f}: key material in plain text (SecretRef.unsafePlaintext)`) };
}

/** dist/_fleet/ (site/gitops-config.ts FLEET_DIR; spelled here so the validation commands load no constructs). */
const FLEET_DIR_NAME = '_fleet';

/** A schema folder of `site-schemas`, shared by the sites that need it. */
export interface SchemaFolder {
  readonly dir: string;
  /** What it holds: `Kubernetes 1.33`, `CRDs of <sources>` or the fleet hub's engine CRDs. */
  readonly holds: string;
  readonly files: number;
  readonly sites: string[];
}

/** The kubeconform command line of one folder of manifests (paths shell-quoted: the output is run by `bash -e`). */
function kubeconformLine(kubernetesVersion: string, k8sDir: string, crdDirs: readonly string[], target: string): string {
  const crdLocations = crdDirs.map((d) => ` -schema-location ${shellQuote(`${d}/{{ .ResourceKind }}{{ .KindSuffix }}.json`)}`).join('');
  return `kubeconform -strict -summary -kubernetes-version ${kubernetesVersion} -schema-location ${shellQuote(k8sDir)}${crdLocations} -ignore-filename-pattern '(^|/)(host|helm)/' -ignore-filename-pattern '\\.sops\\.ya?ml$' ${shellQuote(`${target}/`)}`;
}

/**
 * `site-schemas`: kubeconform schema folders for the sites of an app, each written once and shared — one per
 * Kubernetes minor (`kubernetes-<minor>/`, ~9 MB: strict and loose schemas of every built-in kind) and one per
 * set of CRD sources and schema aliases (`crds-<hash>/`) — and the kubeconform command of each site, pointing at its
 * two; plus `_fleet/` (the engines' CRDs) and its command when some site is driven from a hub. The folders are
 * written through synth's write protocol: each staged, then all swapped in, or none.
 */
export function exportSiteSchemas(app: import('cdk8s').App, out: string, dist: string, upstreamDir?: string): { folders: SchemaFolder[]; commands: Map<string, string> } {
  const folders = new Map<string, SchemaFolder & { crdDirs?: string[] }>();
  const commands = new Map<string, string>();
  const sites = app.node.findAll().filter(isSite);
  const tx = new (lazy.distWrite().OutputTransaction)(out);
  /** Writes one folder `<out>/<name>` staged; returns the result with its paths as they will be after the commit. */
  const stage = (name: string, opts: Parameters<typeof writeSchemas>[1]) => {
    const staged = tx.stageWith(name, (d) => writeSchemas(d, opts));
    const final = (p: string) => path.join(staged.finalDir, path.relative(staged.stagingDir, p));
    return { dir: staged.finalDir, files: staged.result.files, crdDirs: staged.result.crdDirs.map(final) };
  };
  try {
    for (const site of sites) {
      const minor = kubernetesMinor(site.versions.kubernetes);
      // schemas are per minor: every patch release of a minor reads the same folder
      const kubernetesVersion = `${minor}.0`;
      const k8sName = `kubernetes-${minor}`;
      const k8sDir = path.join(out, k8sName);
      if (!folders.has(k8sDir)) {
        const r = stage(k8sName, { kubernetesVersion, parts: 'kubernetes', upstreamDir });
        folders.set(k8sDir, { dir: k8sDir, holds: `Kubernetes ${minor}`, files: r.files, sites: [] });
      }
      folders.get(k8sDir)!.sites.push(site.siteName);
      let crdDirs: string[] = [];
      const schemas = siteSchemaOptions(site);
      if (schemas.crdSources.length > 0) {
        const key = JSON.stringify([schemas.crdSources, schemas.schemaAliases ?? {}]);
        const crdName = `crds-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
        const crdDir = path.join(out, crdName);
        if (!folders.has(crdDir)) {
          const r = stage(crdName, { kubernetesVersion, crdSources: schemas.crdSources, parts: 'crds', upstreamDir, schemaAliases: schemas.schemaAliases });
          folders.set(crdDir, { dir: crdDir, holds: `CRDs of ${schemas.crdSources.join(', ')}`, files: r.files, sites: [], crdDirs: r.crdDirs });
        }
        folders.get(crdDir)!.sites.push(site.siteName);
        crdDirs = folders.get(crdDir)!.crdDirs!;
      }
      commands.set(site.siteName, kubeconformLine(kubernetesVersion, k8sDir, crdDirs, path.join(dist, site.siteName)));
    }
    if (hasFleetDir(sites)) {
      const o = fleetSchemaOptions(sites);
      const kubernetesVersion = `${kubernetesMinor(o.kubernetesVersion)}.0`;
      const r = stage(FLEET_DIR_NAME, { kubernetesVersion, crdSources: o.crdSources, upstreamDir, schemaAliases: o.schemaAliases });
      folders.set(r.dir, { dir: r.dir, holds: "the fleet hub's and management cluster's objects", files: r.files, sites: [FLEET_DIR_NAME] });
      commands.set(FLEET_DIR_NAME, kubeconformLine(kubernetesVersion, r.dir, r.crdDirs, path.join(dist, FLEET_DIR_NAME)));
    }
  } catch (e) {
    tx.abort();
    throw e;
  }
  tx.commit();
  return { folders: [...folders.values()].map(({ dir, holds, files, sites }) => ({ dir, holds, files, sites })), commands };
}

/** `site-schemas`' output: a comment per schema folder (what it holds, for which sites), then each site's command. */
export function siteSchemas(app: import('cdk8s').App, out: string, dist: string, upstreamDir?: string): string[] {
  const r = exportSiteSchemas(app, out, dist, upstreamDir);
  return [...r.folders.map((f) => `# ${JSON.stringify(f.dir)}: ${f.files} schema files, ${f.holds}; for ${f.sites.join(', ')}`), ...r.commands.values()];
}

/** A word for a POSIX shell: as it is when it holds only safe characters, else in single quotes. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_\/.,:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** This package's version (package.json next to lib/). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) return (JSON.parse(fs.readFileSync(p, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** The program of `validate` and `schemas` alone: the validator, without the constructs. */
function validationProgram(): Command {
  return registerValidationCommands(new Command().name('gitops-storage').version(packageVersion(), '-V, --version', 'print the gitops-storage version'));
}

if (require.main === module) {
  const sub = process.argv[2];
  const program = sub === 'validate' || sub === 'schemas' ? validationProgram() : buildProgram();
  program.parseAsync(process.argv).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
