/**
 * The write protocol of dist/ (src/foundation/dist-write.ts) under faults: a kill at every step, a failing file system
 * operation at every step, a full and a read-only disk, two runs at once. After each, once the next run started
 * (recovery), the output is exactly the old state or exactly the new one, with nothing left over.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { ConfigError } from '../src/foundation/errors';
import { fileTree as tree } from './helpers';
import {
  acquireLock, MARKER, MARKER_TEXT, OutputFolder, OutputTransaction, setFaultHookForTests, writeOutput,
} from '../src/foundation/dist-write';

const REPO = path.resolve(__dirname, '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-dw-'));

const OLD: OutputFolder[] = [
  { name: 'dc1', files: [{ path: 'crds/a.yaml', content: 'old dc1\n' }] },
  { name: 'dc2', files: [{ path: 'cluster/b.yaml', content: 'old dc2\n' }] },
];
const NEW: OutputFolder[] = [
  { name: 'dc1', files: [{ path: 'crds/a.yaml', content: 'new dc1\n' }] },
  { name: 'dc2', files: [{ path: 'pools/c.yaml', content: 'new dc2\n' }] },
  { name: 'dc3', files: [{ path: 'gitops/d.yaml', content: 'new dc3\n' }] },
];

function expected(folders: OutputFolder[]): Record<string, string> {
  const out: Record<string, string> = { 'other/keep.txt': 'not ours\n' };
  for (const f of folders) {
    for (const x of f.files) out[path.join(f.name, x.path)] = x.content;
    out[path.join(f.name, MARKER)] = MARKER_TEXT;
  }
  return out;
}

/** An output folder holding the old state and a folder of the user's that no run may touch. */
function withOld(): string {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'other'));
  fs.writeFileSync(path.join(dir, 'other/keep.txt'), 'not ours\n');
  writeOutput(dir, OLD);
  return dir;
}

function expectOldOrNew(dir: string): 'old' | 'new' {
  const t = tree(dir);
  expect(Object.keys(t).filter((k) => /(^|\/)\.(tmp|old)-/.test(k) || k.startsWith('.'))).toEqual([]);
  const isNew = 'dc3/gitops/d.yaml' in t;
  expect(t).toEqual(expected(isNew ? NEW : OLD));
  return isNew ? 'new' : 'old';
}

/** What the next run does first: take the lock, recover, release. */
function nextStart(dir: string): void {
  new OutputTransaction(dir).abort();
}

function countSteps(): number {
  const dir = withOld();
  let n = 0;
  setFaultHookForTests((i) => { n = i; });
  try {
    writeOutput(dir, NEW);
  } finally {
    setFaultHookForTests(undefined);
  }
  expect(expectOldOrNew(dir)).toBe('new');
  return n;
}

describe('GIVEN an output folder with an old state and a folder of the user', () => {
  const steps = countSteps();

  test('WHEN a run completes THEN it holds the new state, each site with the marker, and the user folder untouched', () => {
    const dir = withOld();
    writeOutput(dir, NEW);
    expect(expectOldOrNew(dir)).toBe('new');
    expect(steps).toBeGreaterThan(10);
  });

  test('WHEN a file system operation fails at any step THEN our error names the path, and the output is old or new with nothing left over', () => {
    const seen = new Set<string>();
    for (let k = 1; k <= steps; k++) {
      const dir = withOld();
      setFaultHookForTests((i, op) => {
        if (i === k) throw Object.assign(new Error(`${op}: injected EIO`), { code: 'EIO' });
      });
      let err: unknown;
      try {
        writeOutput(dir, NEW);
      } catch (e) {
        err = e;
      } finally {
        setFaultHookForTests(undefined);
      }
      nextStart(dir);
      const state = expectOldOrNew(dir);
      seen.add(state);
      if (err === undefined) {
        // only the clean-up after the commit may fail without failing the run: the new state is in place
        expect(state).toBe('new');
      } else {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as Error).message).toMatch(/input\/output error \(EIO\)[\s\S]*fix: /);
      }
    }
    expect(seen).toEqual(new Set(['old', 'new']));
  });

  test('WHEN the disk is full while staging THEN "the disk is full" with the path, the old state stays and no staging folder is left', () => {
    const dir = withOld();
    setFaultHookForTests((_i, op, target) => {
      if (op === 'write' && target.includes('dc2')) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      expect(() => writeOutput(dir, NEW)).toThrow(/\.tmp-dc2[\s\S]*the disk is full \(ENOSPC\)[\s\S]*fix: free space/);
    } finally {
      setFaultHookForTests(undefined);
    }
    expect(expectOldOrNew(dir)).toBe('old');
  });

  test('WHEN the output folder is on a read-only file system THEN "read-only" with the path and the fix, and nothing changes', () => {
    const dir = withOld();
    setFaultHookForTests((_i, op) => {
      if (op === 'lock') throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    });
    try {
      expect(() => writeOutput(dir, NEW)).toThrow(/the file system is read-only \(EROFS\)[\s\S]*fix: write to a writable folder/);
    } finally {
      setFaultHookForTests(undefined);
    }
    expect(expectOldOrNew(dir)).toBe('old');
  });

  test('WHEN the output folder is a file THEN our error says a file is in the way', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'dist'), 'x');
    expect(() => writeOutput(path.join(dir, 'dist'), NEW)).toThrow(/a part of the path is a file, not a folder \(ENOTDIR\)[\s\S]*fix: /);
  });

  test('WHEN a site is named like a folder the tool did not write (synth --out . with a site "src") THEN it is refused and the folder is kept', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/main.ts'), 'user code\n');
    expect(() => writeOutput(dir, [{ name: 'src', files: [{ path: 'crds/a.yaml', content: 'x\n' }] }]))
      .toThrow(/src: the folder exists and was not written by gitops-storage[\s\S]*fix: choose an output folder of its own/);
    expect(tree(dir)).toEqual({ 'src/main.ts': 'user code\n' });
  });

  test('WHEN the user keeps folders named like temporary ones beside the sites THEN a run neither deletes nor replaces them', () => {
    const dir = withOld();
    fs.mkdirSync(path.join(dir, '.old-notes'));
    fs.writeFileSync(path.join(dir, '.old-notes/n.txt'), 'mine\n');
    writeOutput(dir, NEW);
    expect(fs.readFileSync(path.join(dir, '.old-notes/n.txt'), 'utf8')).toBe('mine\n');
    fs.mkdirSync(path.join(dir, '.tmp-dc1'));
    fs.writeFileSync(path.join(dir, '.tmp-dc1/n.txt'), 'mine\n');
    expect(() => writeOutput(dir, NEW)).toThrow(/\.tmp-dc1: a folder of this temporary name exists and was not written by gitops-storage/);
    expect(fs.readFileSync(path.join(dir, '.tmp-dc1/n.txt'), 'utf8')).toBe('mine\n');
  });

  test('WHEN an earlier output without the marker (before the protocol) is there THEN it is replaced', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'dc1/00-crds'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'dc1/host'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dc1/00-crds/a.yaml'), 'legacy\n');
    fs.writeFileSync(path.join(dir, 'dc1/APPLY-ORDER.md'), 'legacy\n');
    writeOutput(dir, [NEW[0]]);
    expect(tree(path.join(dir, 'dc1'))).toEqual({ 'crds/a.yaml': 'new dc1\n', [MARKER]: MARKER_TEXT });
  });

  test('WHEN a file path would leave the site folder THEN it is refused before anything is written', () => {
    const dir = withOld();
    expect(() => writeOutput(dir, [{ name: 'dc1', files: [{ path: '../../x', content: 'x' }] }])).toThrow(/leaves its output folder[\s\S]*got: "..\/..\/x"/);
    expect(expectOldOrNew(dir)).toBe('old');
  });

  test('WHEN another run holds the lock THEN "another synth is running (pid N)", and nothing changes', () => {
    const dir = withOld();
    const release = acquireLock(dir);
    try {
      const child = runChild(dir, NEW);
      expect(child.status).toBe(1);
      expect(child.stderr).toContain(`another synth is running (pid ${process.pid})`);
    } finally {
      release();
    }
    expect(expectOldOrNew(dir)).toBe('old');
  });

  test('WHEN a run is killed (SIGKILL) at any step THEN the next start leaves exactly the old or the new state', async () => {
    const seen = new Set<string>();
    const dirs: string[] = [];
    const kills = await Promise.all(Array.from({ length: steps }, (_, i) => {
      const dir = withOld();
      dirs.push(dir);
      return runChildAsync(dir, NEW, { GITOPS_STORAGE_TEST_KILL_AT: String(i + 1) });
    }));
    kills.forEach((k) => expect(k.signal).toBe('SIGKILL'));
    for (const dir of dirs) {
      nextStart(dir);
      seen.add(expectOldOrNew(dir));
    }
    expect(seen).toEqual(new Set(['old', 'new']));
  }, 30_000);

  test('WHEN two runs write at once THEN each finishes or is refused by the lock, and the output is one whole run', async () => {
    const big = (tag: string): OutputFolder[] => ['dc1', 'dc2', 'dc3'].map((name) => ({
      name, files: Array.from({ length: 150 }, (_, i) => ({ path: `cluster/f${i}.yaml`, content: `${tag} ${name} ${i}\n` })),
    }));
    for (let round = 0; round < 3; round++) {
      const dir = withOld();
      const [a, b] = await Promise.all([runChildAsync(dir, big('A')), runChildAsync(dir, big('B'))]);
      for (const r of [a, b]) {
        if (r.status !== 0) expect(r.stderr).toMatch(/another synth is running \(pid \d+\)/);
      }
      expect([a.status, b.status]).toContain(0);
      const t = tree(dir);
      expect(Object.keys(t).filter((k) => /(^|\/)\.(tmp|old)-/.test(k))).toEqual([]);
      const tags = new Set(Object.entries(t).filter(([k]) => k.endsWith('.yaml')).map(([, v]) => v.split(' ')[0]));
      expect(tags.size).toBe(1);
      expect(Object.keys(t).filter((k) => k.endsWith('.yaml'))).toHaveLength(450);
    }
  }, 30_000);
});

// ---- a child process running the protocol (the module transpiled once, no test framework) ----
let compiled: string | undefined;
function compiledDir(): string {
  if (compiled) return compiled;
  const out = tmp();
  for (const f of ['dist-write', 'errors', 'k8s-rules']) {
    const src = fs.readFileSync(path.join(REPO, 'src/foundation', `${f}.ts`), 'utf8');
    fs.writeFileSync(path.join(out, `${f}.js`), ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
  }
  return (compiled = out);
}

const CHILD = `
const { writeOutput } = require(process.env.DW_MODULE);
try { writeOutput(process.env.DW_OUT, JSON.parse(require('fs').readFileSync(process.env.DW_INPUT, 'utf8'))); }
catch (e) { process.stderr.write(String(e && e.message)); process.exit(1); }
`;

function childArgs(dir: string, folders: OutputFolder[], env: Record<string, string>): { env: NodeJS.ProcessEnv } {
  const input = path.join(tmp(), 'input.json');
  fs.writeFileSync(input, JSON.stringify(folders));
  return {
    env: { ...process.env, ...env, NODE_PATH: path.join(REPO, 'node_modules'), DW_MODULE: path.join(compiledDir(), 'dist-write.js'), DW_OUT: dir, DW_INPUT: input },
  };
}

function runChild(dir: string, folders: OutputFolder[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['-e', CHILD], { ...childArgs(dir, folders, env), encoding: 'utf8', timeout: 10_000 });
}

function runChildAsync(dir: string, folders: OutputFolder[], env: Record<string, string> = {}): Promise<{ status: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['-e', CHILD], { ...childArgs(dir, folders, env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    c.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    c.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr });
    });
  });
}
