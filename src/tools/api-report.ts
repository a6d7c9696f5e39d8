/**
 * The API report: every name the package exports (`src/index.ts`, the `main` / `types` entry of package.json) with
 * its kind, one line each, sorted. The committed `docs/api-report.md` is the promise users rely on; a change to the
 * export list shows in review as a diff of that file.
 *
 *   npm run api-report            # rewrites docs/api-report.md
 *
 * `test/api-report.test.ts` fails when the exports change and the report was not regenerated.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The repository root: the nearest folder above this file (src/tools or lib/src/tools) with a package.json. */
const ROOT = ((): string => {
  let dir = path.resolve(__dirname, '..');
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`api-report: no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

/** Where the report is committed. */
export const API_REPORT_FILE = path.join(ROOT, 'docs', 'api-report.md');

/** One exported name and what it is. */
export interface ApiEntry {
  readonly name: string;
  readonly kind: 'class' | 'abstract class' | 'interface' | 'type' | 'function' | 'const' | 'enum' | 'namespace';
}

function kindOf(decl: ts.Declaration): ApiEntry['kind'] {
  if (ts.isClassDeclaration(decl)) {
    return decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword) ? 'abstract class' : 'class';
  }
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isEnumDeclaration(decl)) return 'enum';
  if (ts.isModuleDeclaration(decl)) return 'namespace';
  if (ts.isVariableDeclaration(decl)) return 'const';
  throw new Error(`api-report: unknown declaration kind ${ts.SyntaxKind[decl.kind]} of ${decl.getText().slice(0, 60)}`);
}

let cached: { checker: ts.TypeChecker; exports: [string, ts.Symbol][] } | undefined;

/** The program of `src/index.ts` (built once per process) and its exports, each with the symbol it stands for. */
function indexExports(): { checker: ts.TypeChecker; exports: [string, ts.Symbol][] } {
  if (cached) return cached;
  const index = path.join(ROOT, 'src', 'index.ts');
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, noEmit: true, skipLibCheck: true,
    resolveJsonModule: true, esModuleInterop: true, types: [],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const exports = checker.getExportsOfModule(moduleSymbol).map((e): [string, ts.Symbol] =>
    [e.name, e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e]);
  cached = { checker, exports };
  return cached;
}

/** The exported names of `src/index.ts`, read with the TypeScript compiler (no build needed). */
export function apiEntries(): ApiEntry[] {
  const out: ApiEntry[] = [];
  for (const [name, symbol] of indexExports().exports) {
    const decls = symbol.getDeclarations() ?? [];
    if (decls.length === 0) throw new Error(`api-report: ${name} has no declaration`);
    // A name may be both a value and a type (a const and a type of the same name): both kinds are listed.
    const kinds = [...new Set(decls.map(kindOf))].sort();
    out.push({ name, kind: kinds.join(' + ') as ApiEntry['kind'] });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function isPublicMember(m: ts.ClassElement): boolean {
  const flags = ts.getCombinedModifierFlags(m as ts.Declaration);
  return !(flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !(m.name && ts.isPrivateIdentifier(m.name));
}

/**
 * The types that the public signatures of exported declarations name (constructor and method parameters, public
 * properties, interface members, type aliases, heritage) but that the package does not export: a user could not
 * name them. Types from outside `src/` (cdk8s, constructs, zod, `imports/`) and `typeof` queries are not counted.
 * Each entry is `Type (named by Exported)`.
 */
export function unexportedReferences(): string[] {
  const { checker, exports } = indexExports();
  const exported = new Set(exports.map(([, s]) => s));
  const src = path.join(ROOT, 'src') + path.sep;
  const missing = new Map<string, string>();
  const visit = (node: ts.Node, from: string): void => {
    if (ts.isTypeQueryNode(node)) return;
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const id = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
      let s = checker.getSymbolAtLocation(ts.isQualifiedName(id) ? id.left : id);
      if (s && s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
      const decl = s?.getDeclarations()?.[0];
      const inSrc = decl && decl.getSourceFile().fileName.startsWith(src.split(path.sep).join('/'));
      if (s && inSrc && !(s.flags & ts.SymbolFlags.TypeParameter) && !exported.has(s) && !missing.has(s.name)) missing.set(s.name, from);
    }
    ts.forEachChild(node, (c) => visit(c, from));
  };
  for (const [name, symbol] of exports) {
    for (const d of symbol.getDeclarations() ?? []) {
      if (ts.isClassDeclaration(d)) {
        for (const h of d.heritageClauses ?? []) visit(h, name);
        for (const tp of d.typeParameters ?? []) visit(tp, name);
        for (const m of d.members) {
          if (!isPublicMember(m)) continue;
          const sig = m as unknown as { type?: ts.TypeNode; parameters?: readonly ts.Node[]; typeParameters?: readonly ts.Node[] };
          for (const part of [sig.type, ...(sig.parameters ?? []), ...(sig.typeParameters ?? [])]) if (part) visit(part, name);
        }
      } else if (ts.isFunctionDeclaration(d)) {
        for (const part of [d.type, ...d.parameters, ...(d.typeParameters ?? [])]) if (part) visit(part, name);
      } else if (ts.isVariableDeclaration(d)) {
        if (d.type) visit(d.type, name);
      } else {
        visit(d, name);
      }
    }
  }
  return [...missing].map(([t, from]) => `${t} (named by ${from})`).sort();
}

/** The report's text: a header and one `kind name` line per export. */
export function apiReport(entries: readonly ApiEntry[] = apiEntries()): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const summary = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${n} ${k}`).join(', ');
  return [
    '# API report of gitops-storage',
    '',
    'Generated by `npm run api-report` from `src/index.ts`; do not edit. Every name here is public API (a promise):',
    'adding one is a feature, removing or renaming one is a breaking change. `test/api-report.test.ts` fails when',
    'the exports change and this file was not regenerated.',
    '',
    `${entries.length} names: ${summary}.`,
    '',
    '```',
    ...entries.map((e) => `${e.kind} ${e.name}`),
    '```',
    '',
  ].join('\n');
}

if (require.main === module) {
  const missing = unexportedReferences();
  if (missing.length) {
    process.stderr.write(`api-report: public signatures name types the package does not export (export them from src/index.ts or stop naming them):\n  ${missing.join('\n  ')}\n`);
    process.exitCode = 1;
  }
  fs.writeFileSync(API_REPORT_FILE, apiReport());
  process.stdout.write(`wrote ${path.relative(ROOT, API_REPORT_FILE)}\n`);
}
