/**
 * The "before" side of a plan: the files of `dist/<site>/` as committed, read from the working tree or from a git
 * ref (`git ls-tree` + one `git cat-file --batch`, so 100 sites cost two processes per site at most).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { ConfigError } from '../foundation/errors';
import { MARKER } from '../foundation/dist-write';

/** One file of a site folder. */
export interface SnapshotFile {
  /** relative to dist/<site>/ */
  readonly path: string;
  readonly content: string;
  /** Kubernetes objects in it (none for text files). */
  readonly objects: readonly any[];
}

/** A site folder, or undefined when the site is new. */
export type SiteSnapshot = ReadonlyMap<string, SnapshotFile>;

function parseObjects(file: string, content: string): any[] {
  if (!/\.(ya?ml|json)$/.test(file) || file.startsWith('host/') || file.startsWith('helm/')) return [];
  try {
    return YAML.parseAllDocuments(content).map((d) => d.toJS()).filter((o) => o && typeof o === 'object' && o.kind);
  } catch {
    return [];
  }
}

/** Objects are parsed when first read: files equal to the new synth (most of them) are never parsed. */
function lazyFile(p: string, c: string): SnapshotFile {
  let objects: any[] | undefined;
  return { path: p, content: c, get objects() { return (objects ??= parseObjects(p, c)); } };
}

function toSnapshot(entries: [string, string][]): SiteSnapshot {
  // the write protocol's marker file (dist-write.ts) is not an output of the site
  return new Map(entries.filter(([p]) => p !== MARKER).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([p, c]) => [p, lazyFile(p, c)]));
}

/** Reads `<distDir>/<site>/` from disk; undefined when it does not exist. */
export function readSiteDir(distDir: string, site: string): SiteSnapshot | undefined {
  const root = path.join(distDir, site);
  if (!fs.existsSync(root)) return undefined;
  const out: [string, string][] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push([path.relative(root, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8')]);
    }
  };
  walk(root);
  return toSnapshot(out);
}

function git(args: string[], cwd: string, input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new ConfigError({
      path: '--base',
      problem: `git ${args.slice(0, 2).join(' ')} failed: ${(err.stderr?.toString() || err.message).trim().split('\n')[0]}`,
      value: args.find((a) => !a.startsWith('-') && a !== args[0]),
      fix: 'run plan inside the git repository that holds dist/, and name a ref that exists (git fetch it first in CI: e.g. origin/main)',
    });
  }
}

/** What a plan compares with: dist/ at a git ref, in the working tree, or nothing (no commit yet). */
export interface PlanBase {
  /** Read the sites at this ref; undefined: `empty`, or the working tree. */
  readonly ref?: string;
  /** Nothing is committed yet: every site is new. */
  readonly empty?: boolean;
  /** One line for the user: which base was used. */
  readonly description: string;
}

function gitQuiet(args: string[], cwd: string): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  return !r.error && r.status === 0 ? r.stdout.trim() : undefined;
}

/** The nearest existing folder of `p` (dist/ may not exist yet). */
function existingDir(p: string): string {
  let d = path.resolve(p);
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

/**
 * The base of `plan`: `--base <ref>` when given; else, inside a git work tree, what is committed at HEAD (what the
 * pull request changes: a synth that was run but not committed is a change); else the working tree.
 */
export function planBase(distDir: string, baseRef?: string, opts: { workingTree?: boolean } = {}): PlanBase {
  const shown = `${path.relative(process.cwd(), path.resolve(distDir)) || '.'}/`;
  if (opts.workingTree) return { description: `${shown} in the working tree (--worktree)` };
  const cwd = existingDir(distDir);
  if (baseRef) {
    const sha = gitQuiet(['rev-parse', '--short', '--verify', '--quiet', `${baseRef}^{commit}`], cwd);
    return { ref: baseRef, description: `${shown} at ${baseRef}${sha ? ` (${sha})` : ''}` };
  }
  if (gitQuiet(['rev-parse', '--is-inside-work-tree'], cwd) !== 'true') return { description: `${shown} in the working tree (not in a git repository)` };
  const head = gitQuiet(['rev-parse', '--short', '--verify', '--quiet', 'HEAD^{commit}'], cwd);
  if (!head) return { empty: true, description: `nothing: the git repository has no commit yet, so every site is new` };
  return { ref: 'HEAD', description: `${shown} as committed at HEAD (${head}); --worktree compares with the files on disk` };
}

/** Reads `<distDir>/<site>/` at a git ref; undefined when the site is not in that commit. */
export function readSiteAtRef(ref: string, distDir: string, site: string): SiteSnapshot | undefined {
  const abs = path.resolve(distDir, site);
  const top = git(['rev-parse', '--show-toplevel'], fs.existsSync(path.dirname(abs)) ? path.dirname(abs) : process.cwd()).toString().trim();
  const rel = path.relative(top, abs).split(path.sep).join('/');
  git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
  const listing = git(['ls-tree', '-r', '-z', ref, '--', `${rel}/`], top).toString().split('\0').filter((l) => l);
  if (listing.length === 0) return undefined;
  const blobs = listing.map((l) => {
    const [meta, file] = l.split('\t');
    return { sha: meta.split(' ')[2], file: file.slice(rel.length + 1) };
  });
  const out = git(['cat-file', '--batch'], top, blobs.map((b) => b.sha).join('\n') + '\n');
  const entries: [string, string][] = [];
  let pos = 0;
  for (const b of blobs) {
    const nl = out.indexOf(10, pos);
    const size = Number(out.subarray(pos, nl).toString().split(' ')[2]);
    entries.push([b.file, out.subarray(nl + 1, nl + 1 + size).toString('utf8')]);
    pos = nl + 1 + size + 1;
  }
  return toSnapshot(entries);
}
