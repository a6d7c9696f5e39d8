/** `gitops-storage plan`: what a new synth changes against the committed dist/ (or dist/ at a git ref). */
import { Command } from 'commander';
import { ConfigError } from '../foundation/errors';
import { isOurError, StorageApp } from '../pipeline/storage-app';
import { AllowableClass } from '../site/allow-change';
import { planApp } from '../pipeline/plan';
import { renderMarkdown, renderText } from '../pipeline/plan-report';
import { planBase } from '../plan/snapshot';
import { buildApp, loadApp } from './app-loader';

export function registerPlanCommand(program: Command, appHelp: string, buildHelp: string): void {
  program
    .command('plan')
    .description('compare a new synth of your app with dist/ as committed at HEAD (or at --base <ref>; the files on disk with --worktree, or outside git): every change classified (safe, rolling restart, data-plane upgrade, data movement, immutable, destructive), upgrade paths checked; exit 0 safe, 2 needs an explicit allow, 1 refused or error; writes nothing')
    .option('--app <module>', appHelp)
    .option('--dist <dir>', 'where the committed sites are (default: the StorageApp\'s distDir, else dist)')
    .option('--base <ref>', 'read the committed sites from this git ref (e.g. origin/main) (default: HEAD in a git repository)')
    .option('--worktree', 'compare with the files in dist/ on disk, committed or not')
    .option('--format <format>', 'text or markdown (for a pull-request comment)', 'text')
    .option('--allow <class...>', 'allow every change of a class: destructive, immutable (prefer site.allowChange, which names the object and a reason)')
    .option('--upstream <dir>', 'upstream mirror for schema sources the embedded bundle lacks')
    .option('--no-build', buildHelp)
    .action(async (opts: { app?: string; dist?: string; base?: string; worktree?: boolean; format: string; allow?: string[]; upstream?: string; build: boolean }) => {
      try {
        if (opts.format !== 'text' && opts.format !== 'markdown') {
          throw new ConfigError({ path: '--format', problem: 'unknown format', value: opts.format, allowed: '"text", "markdown"', fix: 'use --format markdown for a PR comment' });
        }
        const allow = (opts.allow ?? []).flatMap((a) => a.split(','));
        const bad = allow.filter((a) => a !== 'destructive' && a !== 'immutable');
        if (bad.length > 0) throw new ConfigError({ path: '--allow', problem: 'not a class that needs an allow', value: bad[0], allowed: '"destructive", "immutable"', fix: 'e.g. --allow destructive' });
        if (opts.build) buildApp(opts.app);
        const { app } = loadApp(opts.app);
        const distDir = opts.dist ?? (StorageApp.isStorageApp(app) ? app.distDir : 'dist');
        if (opts.base && opts.worktree) throw new ConfigError({ path: '--worktree', problem: 'two bases given', value: `--base ${opts.base} --worktree`, fix: 'give one: --base <ref> (a commit) or --worktree (the files on disk)' });
        const base = planBase(distDir, opts.base, { workingTree: opts.worktree });
        const plan = planApp(app, { distDir, baseRef: base.ref, emptyBase: base.empty, allow: allow as AllowableClass[], upstreamDir: opts.upstream });
        for (const w of plan.warnings) console.error(`warning: ${w.replace(/\n/g, '\n  ')}`);
        process.stdout.write(opts.format === 'markdown' ? `${renderMarkdown(plan)}\n_compared with ${base.description}_\n` : `compared with ${base.description}\n${renderText(plan)}\n`);
        process.exitCode = plan.exitCode;
      } catch (e) {
        if (isOurError(e)) {
          console.error(e.message);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
}
