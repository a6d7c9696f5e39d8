#!/usr/bin/env node
/**
 * gitops-storage CLI: synth, validate, schemas, import-external.
 */
import * as path from 'path';
import { Command } from 'commander';
import { registerValidationCommands } from './validate';
import type { Site } from '../core/site';
import { normalizeKubernetesVersion, prefetch } from '../validation/sources';
import { formatJson, formatText, hasFailures, readManifestFile, ResourceResult, Validator, writeSchemas } from '../validation/validator';
import * as fs from 'fs';

/*
 * The modules that only the app commands need (cdk8s, zod, the constructs: ~0.3 s to load) are required on first
 * use, so that `validate` and `schemas` start as fast as the validator itself.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const lazy = {
  site: () => require('../core/site') as typeof import('../core/site'),
  synth: () => require('../core/synth') as typeof import('../core/synth'),
  storageApp: () => require('../core/storage-app') as typeof import('../core/storage-app'),
  appLoader: () => require('./app-loader') as typeof import('./app-loader'),
  init: () => require('./init') as typeof import('./init'),
  errors: () => require('../core/errors') as typeof import('../core/errors'),
  distWrite: () => require('../core/dist-write') as typeof import('../core/dist-write'),
  outputScan: () => require('../secrets/output-scan') as typeof import('../secrets/output-scan'),
  plan: () => require('./plan') as typeof import('./plan'),
  import: () => require('./import') as typeof import('./import'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
const loadApp = (p?: string) => lazy.appLoader().loadApp(p);
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
    .action(async (opts: { out?: string; app?: string; validate: boolean; upstream?: string; quiet?: boolean }) => {
      await reportErrors(async () => {
        const { app } = loadApp(opts.app);
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
    .description('write kubeconform schema folders for every site of your app (its Kubernetes version and CRD sources) and print the kubeconform command for each')
    .requiredOption('--out <dir>', 'output directory (one sub-folder per site)')
    .option('--app <module>', APP_HELP)
    .option('--dist <dir>', 'where the synthesized sites are', 'dist')
    .option('--upstream <dir>', 'upstream mirror for schema sources the embedded bundle lacks')
    .action(async (opts: { out: string; app?: string; dist: string; upstream?: string }) => {
      await reportErrors(async () => {
        const lines = siteSchemas(loadApp(opts.app).app, opts.out, opts.dist, opts.upstream);
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
    .option('--no-api-server-checks', 'only the schemas (exactly kubeconform): skip the API server\'s own checks of names per kind, label and annotation keys and values')
    .action(async (opts: { app?: string; dist: string; output: string; upstream?: string; apiServerChecks: boolean }) => {
      await reportErrors(async () => {
        const { app } = loadApp(opts.app);
        const r = checkDist(app, opts.dist, opts.upstream, { apiServerChecks: opts.apiServerChecks });
        console.log(opts.output === 'json' ? formatJson(r) : formatText(r));
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
    .option('--package <spec>', 'dependency spec for gitops-storage (version range, tarball path or git URL)')
    .action(async (dir: string, opts: { name?: string; package?: string }) => {
      await reportErrors(async () => {
        const files = lazy.init().runInit(dir, { name: opts.name, packageSpec: opts.package });
        console.log(`wrote ${files.length} files into ${dir}/: ${files.join(', ')}\nnext: cd ${dir} && npm install && npm run synth`);
      });
    });

  lazy.plan().registerPlanCommand(program, APP_HELP);
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
    await prefetch({ kubernetesVersion: site.versions.kubernetes, crdSources: site.schemaSources, upstreamDir });
  }
}

/** Validates every manifest file of each site's dist folder with that site's schemas (host/ holds no manifests). */
export function checkDist(app: import('cdk8s').App, dist: string, upstreamDir?: string, opts: { apiServerChecks?: boolean } = {}): ResourceResult[] {
  const out: ResourceResult[] = [];
  for (const site of app.node.findAll().filter(isSite)) {
    const dir = path.join(dist, site.siteName);
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
    if (files.length === 0) {
      out.push({ filename: dir, kind: '', name: '', version: '', status: 'statusError', msg: `no manifests for site ${site.siteName}: run synth first` });
      continue;
    }
    const v = new Validator({ kubernetesVersion: site.versions.kubernetes, crdSources: site.schemaSources, upstreamDir, apiServerChecks: opts.apiServerChecks });
    out.push(...v.validatePaths(files));
  }
  return out;
}

/**
 * The output scan (src/secrets/output-scan.ts) of every file in each site's dist folder as it is on disk: manifests,
 * host/ and helm/ files, notes, SOPS files. Returns the findings (file, field, fix) and the opted-in plain Secrets.
 */
export function scanDist(app: import('cdk8s').App, dist: string): { problems: import('../core/errors').ConfigProblem[]; warnings: string[] } {
  const YAML = require('yaml') as typeof import('yaml'); // eslint-disable-line @typescript-eslint/no-require-imports
  const { yamlAliasProblem, yamlDepthProblem } = require('../core/kube-yaml') as typeof import('../core/kube-yaml'); // eslint-disable-line @typescript-eslint/no-require-imports
  const { MARKER } = require('../core/dist-write') as typeof import('../core/dist-write'); // eslint-disable-line @typescript-eslint/no-require-imports
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

/** Writes `<out>/<site>/` schema folders and returns the kubeconform command line for each site. */
export function siteSchemas(app: import('cdk8s').App, out: string, dist: string, upstreamDir?: string): string[] {
  const lines: string[] = [];
  // the same write protocol as synth: each site's schema folder is staged, then all are swapped in, or none
  const tx = new (lazy.distWrite().OutputTransaction)(out);
  const written: { site: Site; dir: string; r: import('../validation/validator').WriteSchemasResult }[] = [];
  try {
    for (const site of app.node.findAll().filter(isSite)) {
      const staged = tx.stageWith(site.siteName, (d) => writeSchemas(d, { kubernetesVersion: site.versions.kubernetes, crdSources: site.schemaSources, upstreamDir }));
      const final = (p: string) => path.join(staged.finalDir, path.relative(staged.stagingDir, p));
      written.push({ site, dir: staged.finalDir, r: { ...staged.result, kubernetesDirs: staged.result.kubernetesDirs.map(final), crdDirs: staged.result.crdDirs.map(final) } });
    }
  } catch (e) {
    tx.abort();
    throw e;
  }
  tx.commit();
  for (const { site, dir, r } of written) {
    const crdLocations = r.crdDirs.map((d) => `-schema-location ${shellQuote(`${d}/{{ .ResourceKind }}{{ .KindSuffix }}.json`)}`).join(' ');
    lines.push(`# ${site.siteName}: ${r.files} schema files in ${JSON.stringify(dir)}`);
    lines.push(`kubeconform -strict -summary -kubernetes-version ${normalizeKubernetesVersion(site.versions.kubernetes)} -schema-location ${shellQuote(dir)} ${crdLocations} -ignore-filename-pattern '(^|/)(host|helm)/' -ignore-filename-pattern '\\.sops\\.ya?ml$' ${shellQuote(`${path.join(dist, site.siteName)}/`)}`);
  }
  return lines;
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
