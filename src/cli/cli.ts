#!/usr/bin/env node
/**
 * gitops-storage CLI: synth, validate, schemas, import-external.
 */
import * as path from 'path';
import { Command } from 'commander';
import { registerImportCommands } from './import';
import { registerValidationCommands } from './validate';
import { Site } from '../core/site';
import { synthApp, SynthError } from '../core/synth';
import { normalizeKubernetesVersion, prefetch } from '../validation/sources';
import { formatJson, formatText, hasFailures, ResourceResult, Validator, writeSchemas } from '../validation/validator';
import * as fs from 'fs';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gitops-storage')
    .description('Typed Rook-Ceph and TopoLVM sites, synthesized to strictly validated YAML for Argo CD and Flux');

  program
    .command('synth')
    .description('synthesize every site of the app into <out>/<site>/ (nothing is written if any check fails)')
    .option('--out <dir>', 'output directory', process.env.CDK8S_OUTDIR ?? 'dist')
    .option('--app <module>', 'compiled module exporting buildApp()', path.join(__dirname, '..', 'main.js'))
    .option('--no-validate', 'skip strict schema validation (not recommended)')
    .option('--upstream <dir>', 'directory with the pinned upstream schemas (default: $GITOPS_STORAGE_UPSTREAM or ../shared/upstream)')
    .action(async (opts: { out: string; app: string; validate: boolean; upstream?: string }) => {
      const mod = require(path.resolve(opts.app));
      const app = mod.buildApp(opts.out);
      try {
        if (opts.validate) await prefetchSchemas(app, opts.upstream);
        const r = synthApp(app, { outdir: opts.out, validate: opts.validate, upstreamDir: opts.upstream });
        const objects = r.sites.reduce((n, s) => n + s.files.reduce((m, f) => m + f.objects.length, 0), 0);
        for (const w of r.warnings) console.error(`warning: ${w.replace(/\n/g, '\n  ')}`);
        console.log(`synthesized ${r.sites.length} site(s), ${objects} objects, into ${opts.out}/ (${r.sites.map((s) => s.site.siteName).join(', ')})`);
      } catch (e) {
        if (e instanceof SynthError) {
          console.error(e.message);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });

  program
    .command('site-schemas')
    .description('write kubeconform schema folders for every site of the app (its Kubernetes version and CRD sources) and print the kubeconform command for each')
    .requiredOption('--out <dir>', 'output directory (one sub-folder per site)')
    .option('--app <module>', 'compiled module exporting buildApp()', path.join(__dirname, '..', 'main.js'))
    .option('--dist <dir>', 'where the synthesized sites are', 'dist')
    .option('--upstream <dir>', 'directory with the pinned upstream schemas')
    .action((opts: { out: string; app: string; dist: string; upstream?: string }) => {
      const lines = siteSchemas(require(path.resolve(opts.app)).buildApp(), opts.out, opts.dist, opts.upstream);
      console.log(lines.join('\n'));
    });

  program
    .command('check-dist')
    .description('validate the synthesized dist/<site>/ folders on disk, each against its own Kubernetes version and CRD sources (kubeconform semantics; host/ and helm/ hold no manifests and are skipped)')
    .option('--app <module>', 'compiled module exporting buildApp()', path.join(__dirname, '..', 'main.js'))
    .option('--dist <dir>', 'where the synthesized sites are', 'dist')
    .option('--output <format>', 'text or json', 'text')
    .option('--upstream <dir>', 'directory with the pinned upstream schemas')
    .action((opts: { app: string; dist: string; output: string; upstream?: string }) => {
      const r = checkDist(require(path.resolve(opts.app)).buildApp(), opts.dist, opts.upstream);
      console.log(opts.output === 'json' ? formatJson(r) : formatText(r));
      if (hasFailures(r)) process.exitCode = 1;
    });

  registerValidationCommands(program);
  registerImportCommands(program);
  return program;
}

/**
 * Makes sure every site's schema sources are local (mirror or cache), downloading missing ones from their public
 * URLs into the user cache. Does nothing when the mirror or the cache already has them.
 */
export async function prefetchSchemas(app: import('cdk8s').App, upstreamDir?: string): Promise<void> {
  for (const site of app.node.findAll().filter(Site.isSite) as Site[]) {
    await prefetch({ kubernetesVersion: site.versions.kubernetes, crdSources: site.schemaSources, upstreamDir });
  }
}

/** Validates every manifest file of each site's dist folder with that site's schemas (host/ holds no manifests). */
export function checkDist(app: import('cdk8s').App, dist: string, upstreamDir?: string): ResourceResult[] {
  const out: ResourceResult[] = [];
  for (const site of app.node.findAll().filter(Site.isSite) as Site[]) {
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
    const v = new Validator({ kubernetesVersion: site.versions.kubernetes, crdSources: site.schemaSources, upstreamDir });
    out.push(...v.validatePaths(files));
  }
  return out;
}

/** Writes `<out>/<site>/` schema folders and returns the kubeconform command line for each site. */
export function siteSchemas(app: import('cdk8s').App, out: string, dist: string, upstreamDir?: string): string[] {
  const lines: string[] = [];
  for (const site of app.node.findAll().filter(Site.isSite) as Site[]) {
    const dir = path.join(out, site.siteName);
    const r = writeSchemas(dir, { kubernetesVersion: site.versions.kubernetes, crdSources: site.schemaSources, upstreamDir });
    const crdLocations = r.crdDirs.map((d) => `-schema-location '${d}/{{ .ResourceKind }}{{ .KindSuffix }}.json'`).join(' ');
    lines.push(`# ${site.siteName}: ${r.files} schema files in ${dir}`);
    lines.push(`kubeconform -strict -summary -kubernetes-version ${normalizeKubernetesVersion(site.versions.kubernetes)} -schema-location ${dir} ${crdLocations} -ignore-filename-pattern '(^|/)(host|helm)/' -ignore-filename-pattern '\\.sops\\.ya?ml$' ${path.join(dist, site.siteName)}/`);
  }
  return lines;
}

if (require.main === module) {
  buildProgram().parseAsync(process.argv).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
