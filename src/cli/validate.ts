/**
 * `validate` and `schemas` sub-commands (kubeconform-compatible validation without the kubeconform binary).
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import { DEFAULT_CRD_SOURCES, DEFAULT_KUBERNETES_VERSION, prefetch } from '../validation/sources';
import { formatJson, formatText, hasFailures, ResourceResult, Validator, writeSchemas, WriteSchemasResult } from '../validation/validator';

export interface ValidateCommandOptions {
  kubernetesVersion?: string;
  crds?: string[];
  output?: 'text' | 'json';
  upstream?: string;
  cacheDir?: string;
  ignoreMissingSchemas?: boolean;
  /** Treat null values as absent (API-server-like); default false (kubeconform-like). */
  ignoreNulls?: boolean;
  /** Default true; `--no-strict` turns it off. */
  strict?: boolean;
  /** API-server rules beyond the schema (names per kind, labels, annotations, CRD CEL rules, list types); default true, `--no-api-server-checks` turns them off. */
  apiServerChecks?: boolean;
  verbose?: boolean;
}

export interface ValidateCommandResult {
  results: ResourceResult[];
  output: string;
  /** Lines for stderr: the CRD rules met that could not be evaluated (never silently passed). */
  notes: string[];
  exitCode: number;
}

/** The stderr lines naming CRD rules a validator met but could not evaluate. */
export function skippedRuleNotes(v: Validator): string[] {
  return v.skippedRules().map((r) => `note: CRD rule not evaluated (skipped): ${r.file}: ${r.kind} at ${r.path}: ${JSON.stringify(r.rule)}: ${r.reason}; the API server evaluates it`);
}

/** Implementation of `validate`: returns the printed text and exit code (also used by tests). */
export function runValidate(paths: string[], opts: ValidateCommandOptions = {}): ValidateCommandResult {
  const validator = new Validator({
    kubernetesVersion: opts.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    crdSources: opts.crds && opts.crds.length ? opts.crds : [...DEFAULT_CRD_SOURCES],
    upstreamDir: opts.upstream,
    cacheDir: opts.cacheDir,
    ignoreMissingSchemas: opts.ignoreMissingSchemas,
    ignoreNulls: opts.ignoreNulls,
    strict: opts.strict ?? true,
    apiServerChecks: opts.apiServerChecks ?? true,
  });
  const results = validator.validatePaths(paths);
  const fmt = { summary: true, verbose: opts.verbose };
  const output = opts.output === 'json' ? formatJson(results, fmt) : formatText(results, fmt);
  return { results, output, notes: skippedRuleNotes(validator), exitCode: hasFailures(results) ? 1 : 0 };
}

export interface SchemasCommandOptions {
  out: string;
  kubernetesVersion?: string;
  crds?: string[];
  upstream?: string;
  cacheDir?: string;
}

/** Implementation of `schemas`: writes the folders and returns a report with the kubeconform command line. */
export function runSchemas(opts: SchemasCommandOptions): { result: WriteSchemasResult; output: string } {
  const version = opts.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const crds = opts.crds && opts.crds.length ? opts.crds : [...DEFAULT_CRD_SOURCES];
  const result = writeSchemas(opts.out, { kubernetesVersion: version, crdSources: crds, upstreamDir: opts.upstream, cacheDir: opts.cacheDir });
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  const lines = [`wrote ${result.files} schema files:`];
  for (const d of result.kubernetesDirs) lines.push(`  ${rel(d)}/`);
  for (const d of result.crdDirs) lines.push(`  ${rel(d)}/`);
  const locs = [`-schema-location ${shellQuote(rel(opts.out))}`];
  for (const d of result.crdDirs) locs.push(`-schema-location ${shellQuote(`${rel(d)}/{{ .ResourceKind }}{{ .KindSuffix }}.json`)}`);
  if (result.crdDirs.some((d) => path.resolve(d) !== path.resolve(opts.out, 'crds'))) {
    lines.push(
      'note: CRD groups sharing their first DNS label (same kubeconform file name) were written to crds/<group>/;',
      '      kubeconform uses the first location that has the file, so keep only the group folder(s) you need.',
    );
  }
  lines.push('validate with:', `  kubeconform -strict -summary -kubernetes-version ${version} ${locs.join(' ')} dist/`);
  return { result, output: `${lines.join('\n')}\n` };
}

/** Downloads into the cache what the bundle does not have (a CRD URL given with --crds); nothing otherwise. */
async function prefetchUnbundled(o: { kubernetesVersion?: string; crds?: string[]; upstream?: string; cacheDir?: string }): Promise<void> {
  await prefetch({ kubernetesVersion: o.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION, crdSources: o.crds, upstreamDir: o.upstream, cacheDir: o.cacheDir });
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** Adds `validate` and `schemas` to a commander program. */
export function registerValidationCommands(program: Command): Command {
  program
    .command('validate')
    .description('validate manifests (files or folders) against strict Kubernetes and CRD schemas, like kubeconform -strict -summary')
    .argument('<paths...>', 'YAML/JSON files or folders')
    .option('--kubernetes-version <x.y.z>', 'Kubernetes version of the built-in schemas (any patch of 1.16-1.36)', DEFAULT_KUBERNETES_VERSION)
    .option('--crds <source>', `CRD source: pinned key, CRD file, folder or https URL; repeatable (default: ${DEFAULT_CRD_SOURCES.join(', ')})`, collect)
    .addOption(new Option('--output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--upstream <dir>', 'upstream mirror for schemas not in the embedded bundle (default: $GITOPS_STORAGE_UPSTREAM)')
    .option('--cache-dir <dir>', 'download cache (default: $XDG_CACHE_HOME/gitops-storage)')
    .option('--ignore-missing-schemas', 'skip resources without a schema instead of failing')
    .option('--ignore-nulls', 'treat null values as absent, like the API server (kubeconform rejects them)')
    .option('--no-strict', 'allow unknown fields and duplicate keys')
    .option('--no-api-server-checks', 'only the schemas (exactly kubeconform): skip the API server\'s own checks of names per kind, label and annotation keys and values, the CRDs\' CEL rules (x-kubernetes-validations) and list types')
    .option('--verbose', 'also print valid and skipped resources')
    .option('--allow-http', 'accept plain http:// CRD URLs (same as GITOPS_STORAGE_ALLOW_HTTP=1; https is the default rule)')
    .action(async (paths: string[], o: ValidateCommandOptions & { allowHttp?: boolean }) => {
      if (o.allowHttp) process.env.GITOPS_STORAGE_ALLOW_HTTP = '1';
      await prefetchUnbundled(o);
      const r = runValidate(paths, o);
      process.stdout.write(r.output);
      for (const n of r.notes) process.stderr.write(`${n}\n`);
      if (r.exitCode) process.exitCode = r.exitCode;
    });

  program
    .command('schemas')
    .description('write kubeconform schema folders (built-in kinds strict + non-strict, CRD kinds) derived from the pinned sources')
    .requiredOption('--out <dir>', 'output directory')
    .option('--kubernetes-version <x.y.z>', 'Kubernetes version of the built-in schemas (any patch of 1.16-1.36)', DEFAULT_KUBERNETES_VERSION)
    .option('--crds <source>', 'CRD source: pinned key, CRD file, folder or https URL; repeatable', collect)
    .option('--upstream <dir>', 'upstream mirror for schemas not in the embedded bundle')
    .option('--cache-dir <dir>', 'download cache')
    .option('--allow-http', 'accept plain http:// CRD URLs (same as GITOPS_STORAGE_ALLOW_HTTP=1)')
    .action(async (o: SchemasCommandOptions & { allowHttp?: boolean }) => {
      if (o.allowHttp) process.env.GITOPS_STORAGE_ALLOW_HTTP = '1';
      await prefetchUnbundled(o);
      process.stdout.write(runSchemas(o).output);
    });
  return program;
}
