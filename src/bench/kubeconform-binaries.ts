/**
 * The real kubeconform binaries beside the repository (`../shared/tools/kubeconform/<tag>/kubeconform`, or
 * `$GITOPS_STORAGE_KUBECONFORM_DIR/<tag>/kubeconform`), for the test that compares their verdicts with ours and for
 * the bench. Developer tooling only: the package never runs kubeconform.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../tools/schemas-bundle';

/** The releases compared: v0.7.0 (the newest, pinned in the init workflow and the README) and v0.6.7. */
export const KUBECONFORM_TAGS = ['v0.6.7', 'v0.7.0'] as const;
export type KubeconformTag = (typeof KUBECONFORM_TAGS)[number];

/** The folder holding `<tag>/kubeconform`, or undefined when there is none. */
export function kubeconformDir(): string | undefined {
  const env = process.env.GITOPS_STORAGE_KUBECONFORM_DIR;
  const dir = env ? path.resolve(env) : path.join(repoRoot(), '..', 'shared', 'tools', 'kubeconform');
  return KUBECONFORM_TAGS.every((t) => fs.existsSync(path.join(dir, t, 'kubeconform'))) ? dir : undefined;
}

/** One resource as kubeconform's `-output json -verbose` lists it. */
export interface KubeconformResource {
  readonly filename: string;
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  readonly msg: string;
}

/**
 * Runs one kubeconform with `args` (its exit code ignored: 1 means an invalid resource) and returns the resources
 * of its JSON output.
 */
export function runKubeconform(dir: string, tag: KubeconformTag, args: readonly string[], cwd?: string): KubeconformResource[] {
  let out: string;
  try {
    out = execFileSync(path.join(dir, tag, 'kubeconform'), ['-output', 'json', '-verbose', ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; status?: number };
    if (typeof err.stdout !== 'string' || !err.stdout.trim().startsWith('{')) throw e;
    out = err.stdout;
  }
  return (JSON.parse(out) as { resources: KubeconformResource[] }).resources;
}

/** The arguments of a `kubeconform …` command line as `site-schemas` prints it (single-quoted words unquoted). */
export function kubeconformArgs(commandLine: string): string[] {
  const words = [...commandLine.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
  if (words[0] !== 'kubeconform') throw new Error(`not a kubeconform command: ${commandLine}`);
  return words.slice(1).filter((w) => w !== '-summary');
}
