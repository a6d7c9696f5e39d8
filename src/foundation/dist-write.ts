/**
 * The write protocol of the output folder (`dist/`): after any synth — killed at any moment, concurrent with another,
 * on a full or read-only disk — every folder the tool owns is exactly the old state or exactly the new one.
 *
 * In `<out>/` (every temporary name starts with `.tmp-` or `.old-`, which no site name can: site names are DNS labels):
 *   1. lock: `.tmp-gitops-storage.lock` is created exclusively and holds the pid; a live holder makes the run fail with
 *      "another synth is running (pid N)"; a lock of a process that is gone is taken over.
 *   2. recover: leftovers of an interrupted run are finished (a commit journal exists: roll forward) or removed
 *      (no journal: every `.tmp-*` staging folder and `.old-*` folder is deleted; the old state is intact).
 *   3. stage: each folder is written to `.tmp-<name>/` (files created exclusively: never through a link or into a special
 *      file), with the marker file {@link MARKER}; an existing `<out>/<name>` the tool did not write (no marker, not an
 *      earlier output of this tool) is refused: the tool never replaces a folder it does not own.
 *   4. journal: `.tmp-gitops-storage.commit` (the names to commit) is written and renamed into place — the commit point.
 *   5. swap: per name, `<name>` → `.old-<name>`, then `.tmp-<name>` → `<name>`; a failure rolls every name back.
 *   6. the journal is removed, then the `.old-*` folders; the lock is released.
 * The ignore patterns `<out>/.tmp-*` and `<out>/.old-*` (init's .gitignore) match every temporary name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from './errors';

/** The file in each folder the tool wrote; only a folder holding it (or an earlier output of this tool) is replaced. */
export const MARKER = '.gitops-storage';
export const MARKER_TEXT = 'Written by gitops-storage synth: this folder is replaced as a whole on every synth. Do not edit; change the source and synth again.\n';
export const LOCK_FILE = '.tmp-gitops-storage.lock';
export const JOURNAL_FILE = '.tmp-gitops-storage.commit';
const STAGE_PREFIX = '.tmp-';
const OLD_PREFIX = '.old-';
/** Top-level entries of an output folder written before the marker existed. */
const LEGACY_ENTRIES = /^([0-9]{2}-[a-z0-9-]+|gitops|host|helm|notes|argocd|flux|[A-Za-z0-9._-]+\.md|v[0-9]+\.[0-9]+\.[0-9]+-standalone(-strict)?|crds)$/;
/** What only an output of this tool holds: a layer folder (`00-crds`…), the engine's `gitops/`, `argocd/`, `flux/`, or a schema folder of site-schemas. */
const LEGACY_SIGN = /^([0-9]{2}-[a-z0-9-]+|gitops|argocd|flux|v[0-9]+\.[0-9]+\.[0-9]+-standalone(-strict)?)$/;

/** One folder of the output: `<out>/<name>/` and its files (paths relative to it, `/`-separated). */
export interface OutputFolder {
  readonly name: string;
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

// ---- fault injection (tests): a hook called before every file system step, and a kill switch by environment ----
type FaultHook = (step: number, op: string, target: string) => void;
let faultHook: FaultHook | undefined;
let stepCount = 0;
/** Tests only: called before every step of the protocol with its number (from 1), operation and target. */
export function setFaultHookForTests(hook: FaultHook | undefined): void {
  faultHook = hook;
  stepCount = 0;
}
function step(op: string, target: string): void {
  stepCount++;
  faultHook?.(stepCount, op, target);
  const killAt = process.env.GITOPS_STORAGE_TEST_KILL_AT;
  if (killAt && Number(killAt) === stepCount) process.kill(process.pid, 'SIGKILL');
}

// ---- errors ----
const IO_FIX: Record<string, { problem: string; fix: string }> = {
  ENOSPC: { problem: 'the disk is full', fix: 'free space on that disk (or choose another output folder) and synth again' },
  EDQUOT: { problem: 'the disk quota is exhausted', fix: 'free space within your quota (or choose another output folder) and synth again' },
  EROFS: { problem: 'the file system is read-only', fix: 'write to a writable folder (--out / distDir) or remount it read-write' },
  EACCES: { problem: 'permission denied', fix: 'give your user write access to that folder (owner, mode) or choose another output folder' },
  EPERM: { problem: 'the operation is not permitted', fix: 'check the owner, mode and immutable attributes of that folder, or choose another output folder' },
  EEXIST: { problem: 'a file is in the way where a folder must be', fix: 'remove or rename that file, or choose another output folder' },
  ENOTDIR: { problem: 'a part of the path is a file, not a folder', fix: 'remove or rename that file, or choose another output folder' },
  EISDIR: { problem: 'a folder is in the way where a file must be', fix: 'remove or rename that folder' },
  ENAMETOOLONG: { problem: 'the path is too long for the file system', fix: 'choose a shorter output folder or shorter site names' },
  ENOENT: { problem: 'a folder on the path does not exist or cannot be created', fix: 'create the parent folder, or choose an output folder on a normal file system' },
  EXDEV: { problem: 'the rename crosses file systems', fix: 'write to a folder on one file system' },
  EMFILE: { problem: 'too many open files', fix: 'raise the open-file limit (ulimit -n) and synth again' },
  EIO: { problem: 'an input/output error', fix: 'check the disk (dmesg), then synth again' },
};

/** A Node file system error as our error: what, where, and the fix; non-file-system errors are returned as they are. */
export function fsError(e: unknown, target: string, what = 'writing the output'): unknown {
  if (e instanceof ConfigError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return e;
  const known = IO_FIX[code] ?? { problem: `the operating system refused (${code})`, fix: 'check the folder and the disk, then synth again' };
  return new ConfigError({
    path: target,
    problem: `${what} failed: ${known.problem} (${code})`,
    value: (e as Error).message,
    fix: `${known.fix}; the previous output is unchanged (an interrupted run is finished or cleaned up at the next start)`,
  });
}

function io<T>(op: string, target: string, fn: () => T): T {
  try {
    step(op, target);
    return fn();
  } catch (e) {
    throw fsError(e, target);
  }
}

// ---- paths ----
/** Refuses a relative file path that would leave its folder (`..`, absolute, empty segments, NUL). */
export function checkRelativePath(p: string, where: string): void {
  const segments = p.split('/');
  const bad = p.length === 0 || p.includes('\0') || p.includes('\\') || path.isAbsolute(p) || /^[A-Za-z]:/.test(p)
    || segments.some((s) => s === '' || s === '.' || s === '..') || segments[0] === MARKER;
  if (bad) {
    throw new ConfigError({
      path: where,
      problem: 'the file path leaves its output folder or is not a plain relative path',
      value: p,
      allowed: 'a relative path of non-empty segments, without "..", ".", "\\", a leading "/" or a drive letter (e.g. host/kubelet/config.yaml)',
      fix: 'use a path inside the site folder, e.g. host/<file>',
    });
  }
}

/** Creates a folder and its missing parents one level at a time (bounded: no endless retry on /proc and the like). */
export function mkdirBounded(dir: string): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (let i = 0; ; i++) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(e, d);
    }
    if (st) {
      if (!st.isDirectory()) throw fsError(Object.assign(new Error(`${d} is not a folder`), { code: 'ENOTDIR' }), d);
      break;
    }
    missing.push(d);
    const up = path.dirname(d);
    if (up === d || i > 256) throw fsError(Object.assign(new Error(`no existing parent of ${dir}`), { code: 'ENOENT' }), dir);
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(m, { throwIfNoEntry: false })?.isDirectory()) continue;
      throw fsError(e, m);
    }
  }
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

// ---- lock ----
function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // our own pid on a lock we did not take: a container's previous PID 1
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the output folder's lock (see the module comment); returns its release. */
export function acquireLock(outdir: string): () => void {
  const lock = path.join(outdir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      step('lock', lock);
      fs.writeFileSync(lock, mine, { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lock, 'utf8') === mine) fs.unlinkSync(lock);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError(e, lock);
    }
    let holder = '';
    try {
      holder = fs.readFileSync(lock, 'utf8');
    } catch {
      continue; // released meanwhile
    }
    const pid = Number(holder.trim());
    if (pidAlive(pid)) {
      throw new ConfigError({
        path: outdir,
        problem: `another synth is running (pid ${pid}) and holds the lock ${lock}`,
        value: holder.trim(),
        fix: `wait for it to finish and run again; if no such process exists, delete ${lock}`,
      });
    }
    // the holder is gone: take the lock over (a unique name first, so two runs cannot both take it)
    const stale = `${lock}.stale-${process.pid}`;
    try {
      fs.renameSync(lock, stale);
      fs.rmSync(stale, { force: true });
    } catch {
      // another run took it over first; try again
    }
  }
  throw new ConfigError({ path: outdir, problem: `could not take the lock ${lock}`, fix: 'run again; if it keeps failing, delete the lock file when no synth runs' });
}

// ---- ownership ----
/** True when `<dir>` may be replaced: it holds the marker, is empty, or is an earlier output of this tool. */
export function ownedByTool(dir: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch {
    return true; // absent
  }
  if (st.isSymbolicLink()) return true; // a link is replaced, never followed
  if (!st.isDirectory()) return false;
  const entries = fs.readdirSync(dir);
  if (entries.includes(MARKER)) return true;
  return entries.length === 0 || (entries.every((e) => LEGACY_ENTRIES.test(e)) && entries.some((e) => LEGACY_SIGN.test(e)));
}

function refuseForeign(outdir: string, name: string): void {
  const dir = path.join(outdir, name);
  if (ownedByTool(dir)) return;
  throw new ConfigError({
    path: dir,
    problem: `the folder exists and was not written by gitops-storage (no ${MARKER} marker file); synth only ever replaces folders it wrote`,
    value: name,
    fix: `choose an output folder of its own (--out dist / distDir), rename the site, or move ${dir} away if it is an old output`,
  });
}

// ---- recovery ----
function readJournal(outdir: string): string[] | undefined {
  try {
    const names = JSON.parse(fs.readFileSync(path.join(outdir, JOURNAL_FILE), 'utf8'));
    return Array.isArray(names) && names.every((n) => typeof n === 'string' && n && !n.includes('/') && !n.startsWith('.')) ? names : [];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return []; // unreadable journal: its rename never completed, so nothing was swapped
  }
}

function rollForward(outdir: string, names: readonly string[]): void {
  for (const n of names) {
    const tmp = path.join(outdir, STAGE_PREFIX + n);
    const fin = path.join(outdir, n);
    const old = path.join(outdir, OLD_PREFIX + n);
    if (!exists(tmp)) continue; // already swapped
    if (exists(fin)) {
      if (exists(old)) io('rm', old, () => fs.rmSync(old, { recursive: true, force: true }));
      io('rename', fin, () => fs.renameSync(fin, old));
    }
    io('rename', tmp, () => fs.renameSync(tmp, fin));
  }
  io('unlink', path.join(outdir, JOURNAL_FILE), () => fs.rmSync(path.join(outdir, JOURNAL_FILE), { force: true }));
}

/**
 * Removes what a run of this tool left: its staging and old folders (`.tmp-<name>`, `.old-<name>`: only folders
 * this tool owns — the marker is written first when staging — so a user's `.old-notes/` beside the sites is kept)
 * and its own temporary files (the journal's `.new`, a taken-over lock).
 */
function removeLeftovers(outdir: string): string[] {
  const removed: string[] = [];
  for (const e of fs.readdirSync(outdir, { withFileTypes: true })) {
    if (e.name === LOCK_FILE || e.name === JOURNAL_FILE) continue;
    const p = path.join(outdir, e.name);
    const ourFile = e.name === `${JOURNAL_FILE}.new` || e.name.startsWith(`${LOCK_FILE}.stale-`);
    const ourFolder = (e.name.startsWith(STAGE_PREFIX) || e.name.startsWith(OLD_PREFIX)) && e.isDirectory() && ownedByTool(p);
    if (ourFile || ourFolder) {
      io('rm', p, () => fs.rmSync(p, { recursive: true, force: true }));
      removed.push(e.name);
    }
  }
  return removed;
}

/**
 * Finishes or cleans up an interrupted run in `outdir` (the caller holds the lock): with a commit journal the swap is
 * completed (the new state), without one the staging and old folders are removed (the old state). Returns what it did.
 */
export function recoverOutput(outdir: string): string[] {
  if (!exists(outdir)) return [];
  const done: string[] = [];
  const names = readJournal(outdir);
  if (names !== undefined) {
    rollForward(outdir, names);
    done.push(`finished the interrupted commit of ${names.join(', ') || 'nothing'}`);
  }
  const removed = removeLeftovers(outdir);
  if (removed.length > 0) done.push(`removed ${removed.join(', ')}`);
  return done;
}

// ---- the transaction ----
/** An open write of `outdir`: stage folders, then commit them all or abort. Holds the lock until either. */
export class OutputTransaction {
  private readonly staged: string[] = [];
  private readonly release: () => void;
  private closed = false;
  /** What recovery did at the start (an interrupted earlier run). */
  public readonly recovered: string[];

  constructor(public readonly outdir: string) {
    mkdirBounded(outdir);
    this.release = acquireLock(outdir);
    try {
      this.recovered = recoverOutput(outdir);
    } catch (e) {
      this.release();
      throw e;
    }
  }

  /** Writes `<outdir>/.tmp-<name>/` with the folder's files and the marker. */
  public stage(folder: OutputFolder): void {
    const { outdir } = this;
    if (!folder.name || folder.name.startsWith('.') || folder.name.includes('/') || folder.name.includes('\\') || folder.name === '..') {
      this.abort();
      throw new ConfigError({ path: outdir, problem: 'an output folder name is not a plain name', value: folder.name, allowed: 'a site name (a DNS label) or _fleet', fix: 'rename the site' });
    }
    const tmp = path.join(outdir, STAGE_PREFIX + folder.name);
    try {
      refuseForeign(outdir, folder.name);
      if (exists(tmp)) {
        if (!ownedByTool(tmp)) {
          throw new ConfigError({ path: tmp, problem: 'a folder of this temporary name exists and was not written by gitops-storage', value: STAGE_PREFIX + folder.name, fix: `move ${tmp} away; names starting with ${STAGE_PREFIX} and ${OLD_PREFIX} in the output folder are the tool's` });
        }
        io('rm', tmp, () => fs.rmSync(tmp, { recursive: true, force: true }));
      }
      io('mkdir', tmp, () => fs.mkdirSync(tmp));
      this.staged.push(folder.name);
      // the marker first: a staging folder cut short is still recognized as the tool's and cleaned up
      const m = path.join(tmp, MARKER);
      io('write', m, () => fs.writeFileSync(m, MARKER_TEXT, { flag: 'wx' }));
      const made = new Set<string>([tmp]);
      for (const f of folder.files) {
        checkRelativePath(f.path, `${folder.name}: ${f.path}`);
        const segs = f.path.split('/');
        let d = tmp;
        for (const s of segs.slice(0, -1)) {
          d = path.join(d, s);
          if (!made.has(d)) {
            const dd = d;
            io('mkdir', dd, () => fs.mkdirSync(dd));
            made.add(dd);
          }
        }
        const p = path.join(tmp, ...segs);
        io('write', p, () => fs.writeFileSync(p, f.content, { flag: 'wx' }));
      }
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /**
   * Stages a folder that a writer fills itself (e.g. the schema folders of `site-schemas`): `write` gets the staging
   * folder and returns a value (paths in it are then mapped to the final folder by the caller); the marker is added.
   */
  public stageWith<T>(name: string, write: (stagingDir: string) => T): { result: T; stagingDir: string; finalDir: string } {
    this.stage({ name, files: [] });
    const stagingDir = path.join(this.outdir, STAGE_PREFIX + name);
    try {
      return { result: write(stagingDir), stagingDir, finalDir: path.join(this.outdir, name) };
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Swaps every staged folder into place (all or none), then releases the lock. */
  public commit(): void {
    const { outdir } = this;
    const journal = path.join(outdir, JOURNAL_FILE);
    const journalTmp = `${journal}.new`;
    try {
      io('write', journalTmp, () => fs.writeFileSync(journalTmp, JSON.stringify(this.staged), { flag: 'w' }));
      io('rename', journal, () => fs.renameSync(journalTmp, journal));
    } catch (e) {
      this.abort();
      throw e;
    }
    const swapped: string[] = [];
    try {
      for (const n of this.staged) {
        const fin = path.join(outdir, n);
        const old = path.join(outdir, OLD_PREFIX + n);
        if (exists(old)) io('rm', old, () => fs.rmSync(old, { recursive: true, force: true }));
        swapped.push(n);
        if (exists(fin)) io('rename', fin, () => fs.renameSync(fin, old));
        io('rename', path.join(outdir, STAGE_PREFIX + n), () => fs.renameSync(path.join(outdir, STAGE_PREFIX + n), fin));
      }
      io('unlink', journal, () => fs.unlinkSync(journal));
    } catch (e) {
      this.rollBack(swapped);
      throw e;
    }
    try {
      removeLeftovers(outdir);
    } catch {
      // the new state is in place; leftovers go at the next start
    }
    this.close();
  }

  /** Undoes a failed swap: each name back to its old folder, the journal removed; if that fails too, the next start rolls forward. */
  private rollBack(swapped: readonly string[]): void {
    const { outdir } = this;
    try {
      for (const n of [...swapped].reverse()) {
        const fin = path.join(outdir, n);
        const tmp = path.join(outdir, STAGE_PREFIX + n);
        const old = path.join(outdir, OLD_PREFIX + n);
        if (!exists(tmp) && exists(fin)) io('rename', fin, () => fs.renameSync(fin, tmp));
        if (exists(old) && !exists(fin)) io('rename', old, () => fs.renameSync(old, fin));
      }
      io('unlink', path.join(outdir, JOURNAL_FILE), () => fs.rmSync(path.join(outdir, JOURNAL_FILE), { force: true }));
      removeLeftovers(outdir);
    } catch {
      // leave the journal: the next start finishes the commit
    }
    this.close();
  }

  /** Removes every staged folder and releases the lock. */
  public abort(): void {
    if (this.closed) return;
    try {
      if (readJournal(this.outdir) === undefined) removeLeftovers(this.outdir);
    } catch {
      // the next start removes them
    }
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
  }
}

/** Writes the folders to `<outdir>/<name>/` by the protocol of this module: all of them, or none. */
export function writeOutput(outdir: string, folders: readonly OutputFolder[]): void {
  const tx = new OutputTransaction(outdir);
  try {
    for (const f of folders) tx.stage(f);
  } catch (e) {
    tx.abort();
    throw e;
  }
  tx.commit();
}
