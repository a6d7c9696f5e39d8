/**
 * The README's examples are code users copy: every TypeScript block of "Use it in your own repo" and of
 * "Library API" is compiled and run against the library, and its sites must synthesize and validate.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as lib from '../src';
import { synthApp } from '../src/pipeline/synth';

const README = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');

function section(title: string): string {
  const start = README.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

function tsBlocks(text: string): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const header = `import { ${Object.keys(lib).join(', ')} } from 'gitops-storage';\ndeclare const app: StorageApp;\n`;
const apiBlocks = tsBlocks(section('Library API'));
const ownBlocks = tsBlocks(section('Use it in your own repo'));
const sources = [...apiBlocks.map((b) => header + b), ...ownBlocks];

/** Type errors of every block, by block index: one TypeScript program for all of them (as a user's tsc would see them). */
function typeErrors(): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-readme-ts-'));
  const files = sources.map((_, i) => path.join(dir, `block${i}.ts`));
  const host = ts.createCompilerHost({});
  const orig = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => {
    const i = files.indexOf(name);
    return i >= 0 ? ts.createSourceFile(name, sources[i], lang) : orig(name, lang, ...rest);
  };
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => files.includes(name) || exists(name);
  const options: ts.CompilerOptions = {
    strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, noEmit: true, skipLibCheck: true,
    types: [], baseUrl: path.resolve(__dirname, '..'), paths: { 'gitops-storage': ['src/index.ts'] },
  };
  const program = ts.createProgram(files, options, host);
  return files.map((f) => ts.getPreEmitDiagnostics(program, program.getSourceFile(f)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')));
}

/** Runs a block with `gitops-storage` resolving to this library. */
function runBlock(source: string, app?: lib.StorageApp): void {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const req = (m: string) => (m === 'gitops-storage' ? lib : require(m));
  if (app) new Function('require', 'exports', 'app', js)(req, {}, app);
  else new Function('require', 'exports', js)(req, {});
}

describe('GIVEN the README', () => {
  test('WHEN its TypeScript examples are compiled together THEN none has a type error', () => {
    expect(apiBlocks.length).toBeGreaterThanOrEqual(9);
    expect(typeErrors()).toEqual(sources.map(() => []));
  });

  test.each(apiBlocks.map((b, i) => [i + 1, b] as const))('WHEN Library API example %i is synthesized THEN every object is valid', (_i, code) => {
    const app = new lib.StorageApp({ distDir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-readme-')) });
    runBlock(header + code, app);
    const r = synthApp(app, { write: false });
    expect(r.sites.length).toBeGreaterThan(0);
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });

  test('WHEN the "own repo" example runs as a user main.ts THEN app.synth() writes its site into dist/', () => {
    const blocks = ownBlocks;
    expect(blocks).toHaveLength(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-readme-own-'));
    const saved = { dist: process.env.GITOPS_STORAGE_DIST, out: process.env.CDK8S_OUTDIR };
    process.env.GITOPS_STORAGE_DIST = path.join(dir, 'dist');
    process.env.CDK8S_OUTDIR = path.join(dir, 'cdk8s.out');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      process.exitCode = 0;
      runBlock(blocks[0]);
      expect(process.exitCode).toBe(0);
    } finally {
      stderr.mockRestore();
      for (const [k, v] of [['GITOPS_STORAGE_DIST', saved.dist], ['CDK8S_OUTDIR', saved.out]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['dc1']);
    expect(fs.existsSync(path.join(dir, 'dist/dc1/50-classes/storageclass_ceph-block.yaml'))).toBe(true);
  });
});
