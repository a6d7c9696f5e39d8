#!/usr/bin/env node
/**
 * gitops-storage CLI: synth, validate, schemas, import-external.
 */
import * as path from 'path';
import { Command } from 'commander';
import { registerValidationCommands } from './cli-validate';
import { synthApp, SynthError } from './synth';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gitops-storage')
    .description('Typed Rook-Ceph and TopoLVM sites, synthesized to strictly validated YAML for Argo CD and Flux');

  program
    .command('synth')
    .description('synthesize every site of the app into <out>/<site>/ (nothing is written if any check fails)')
    .option('--out <dir>', 'output directory', process.env.CDK8S_OUTDIR ?? 'dist')
    .option('--app <module>', 'compiled module exporting buildApp()', path.join(__dirname, 'main.js'))
    .option('--no-validate', 'skip strict schema validation (not recommended)')
    .option('--upstream <dir>', 'directory with the pinned upstream schemas (default: $GITOPS_STORAGE_UPSTREAM or ../shared/upstream)')
    .action((opts: { out: string; app: string; validate: boolean; upstream?: string }) => {
      const mod = require(path.resolve(opts.app));
      const app = mod.buildApp(opts.out);
      try {
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

  registerValidationCommands(program);
  return program;
}

if (require.main === module) {
  buildProgram().parseAsync(process.argv).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
