/**
 * The rooms of src/ and the one way imports flow between them (docs/ARCHITECTURE.md, "Rooms"): foundation → facts →
 * site framework → constructs → pipeline → CLI. A newcomer can rely on it: nothing low imports anything high, the two
 * product rooms (rook/, topolvm/) never import each other, and no file imports itself back through a chain.
 * Type-only imports count: a type cycle is still a cycle for whoever reads the code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { nonEmpty } from './helpers';

const SRC = path.resolve(__dirname, '..', 'src');

/** Rooms from the bottom up; rooms on one row are peers and must not import each other. */
const ROOMS: readonly (readonly string[])[] = [
  ['imports'], // generated L1 bindings (outside src/)
  ['foundation'], // errors, props, API-server rules, YAML read/write, the dist/ write protocol
  ['versions'], // facts per Rook / TopoLVM / engine line
  ['model'], // what installed components create at run time; the closure check
  ['validation'], // schemas and the validator
  ['site'], // Site, StorageConstruct, layers, GitOps props, shared class pieces
  ['secrets'], // SecretRef and key scanning
  ['kubernetes'], // constructs over plain Kubernetes kinds (BlockStorageClass, StorageBenchmark)
  ['rook', 'topolvm'], // the product rooms
  ['monitoring'], // across both products
  ['gitops'], // Argo CD / Flux / plain rendering of a site
  ['plan'], // change classification and upgrade rules
  ['pipeline'], // render, synth, plan, the StorageApp and Fleet
  ['cli'],
  ['deprecated-names.ts'], // the 0.1 names of renamed constructs (aliases)
  ['index.ts'], // the package's public API
  ['tools'], // generators (npm run import, rook-lines, schemas:bundle, …)
  ['sites'], // the reference fleet
  ['main.ts'], // the reference app
  ['bench'], // npm run bench
];

function rankOf(room: string): number {
  const r = ROOMS.findIndex((row) => row.includes(room));
  if (r < 0) throw new Error(`src/${room} is not a room of the import-graph test: add it to ROOMS (and to docs/ARCHITECTURE.md)`);
  return r;
}

function roomOf(file: string): string {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return path.relative(path.dirname(SRC), file).split(path.sep)[0];
  return rel.split(path.sep)[0];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'bundle') out.push(...sourceFiles(p)); } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

/** Every relative module a file names: `import`, `import type`, `export … from`, `require()`, `import()`. */
export function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|^import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
  for (const m of text.matchAll(re)) {
    const base = path.resolve(path.dirname(file), m[2]);
    const hit = [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (hit) out.push(hit);
  }
  return out;
}

const FILES = sourceFiles(SRC);
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f, fs.readFileSync(f, 'utf8'))]));
const rel = (f: string) => path.relative(path.dirname(SRC), f);

describe('GIVEN the source tree', () => {
  test('THEN the import scanner sees imports of every kind (it cannot pass by seeing none)', () => {
    const probe = path.join(SRC, 'pipeline', 'probe.ts');
    const text = [
      "import { a } from '../foundation/errors';", "import type { B } from '../site/site';",
      "export { c } from '../versions';", "const d = require('../gitops/flux');", "type E = typeof import('../plan/classify');",
    ].join('\n');
    expect(importsOf(probe, text).map(rel)).toEqual([
      'src/foundation/errors.ts', 'src/site/site.ts', 'src/versions/index.ts', 'src/gitops/flux.ts', 'src/plan/classify.ts',
    ]);
    expect(nonEmpty([...GRAPH.values()].flat(), 'imports between source files').length).toBeGreaterThan(500);
  });

  test('WHEN a file imports another room THEN that room is lower (imports flow one way), and peers never import each other', () => {
    const wrong: string[] = [];
    for (const [from, tos] of GRAPH) {
      for (const to of tos) {
        const a = roomOf(from), b = roomOf(to);
        if (a === b) continue;
        if (rankOf(b) >= rankOf(a)) wrong.push(`${rel(from)} imports ${rel(to)} (${a} may import only rooms below it)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('WHEN the imports are followed file by file THEN no chain leads back to where it started', () => {
    // Tarjan's strongly connected components: any component of more than one file (or a self-import) is a cycle.
    let counter = 0;
    const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      index.set(v, counter); low.set(v, counter++); stack.push(v); onStack.add(v);
      for (const w of GRAPH.get(v) ?? []) {
        if (!GRAPH.has(w)) continue;
        if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const c: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); c.push(rel(w)); } while (w !== v);
        if (c.length > 1 || (GRAPH.get(v) ?? []).includes(v)) cycles.push(c.sort());
      }
    };
    for (const f of FILES) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  test('THEN every folder of src/ is a room the test knows (a new folder must be placed)', () => {
    const folders = fs.readdirSync(SRC, { withFileTypes: true }).map((e) => e.name);
    for (const f of nonEmpty(folders, 'entries of src/')) expect(() => rankOf(f)).not.toThrow();
  });
});
