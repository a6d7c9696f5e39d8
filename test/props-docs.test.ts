/**
 * The docs users see on hover come from our `.d.ts` files. This test emits the declarations of the public
 * API (src/index.ts) in memory, reads them back with the TypeScript compiler API and checks that:
 * - every exported `*Props` interface, and every interface a public constructor or method takes as its
 *   props / options, has a JSDoc on every member (inherited ones included), and every optional member a
 *   `@default` tag;
 * - no exported `*Props` / `*Options` type is a zod-inferred alias;
 * - every public constructor and method takes its props as such an interface, never as a zod alias.
 */
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.props-docs-out');

/** Nested shapes that are not named *Props but are part of props. */
const EXTRA_SHAPES = ['SiteNode', 'RemoteRef', 'SecretStoreRef'];

interface Report {
  /** Every checked interface. */
  readonly interfaces: string[];
  /** Everything wrong, one line each. */
  readonly problems: string[];
}

/** Emits the declarations of `rootFile` (with `options`) into memory. */
function emitDeclarations(rootFiles: string[], options: ts.CompilerOptions, host: ts.CompilerHost): Map<string, string> {
  const out = new Map<string, string>();
  const program = ts.createProgram(rootFiles, {
    ...options,
    noEmit: false, declaration: true, emitDeclarationOnly: true, removeComments: false,
    incremental: false, composite: false, tsBuildInfoFile: undefined, outDir: OUT, declarationDir: undefined,
  }, host);
  const result = program.emit(undefined, (fileName, text) => out.set(path.resolve(fileName), text));
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, host));
  return out;
}

/** A program over emitted declarations, served from memory first. */
function programOver(files: Map<string, string>, root: string, options: ts.CompilerOptions): ts.Program {
  const base = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => files.has(path.resolve(f)) || base.fileExists(f),
    directoryExists: (d) => [...files.keys()].some((f) => f.startsWith(path.resolve(d) + path.sep)) || (base.directoryExists?.(d) ?? true),
    readFile: (f) => files.get(path.resolve(f)) ?? base.readFile(f),
    getSourceFile: (f, lang, onError) => {
      const text = files.get(path.resolve(f));
      return text !== undefined ? ts.createSourceFile(f, text, lang, true) : base.getSourceFile(f, lang, onError);
    },
  };
  return ts.createProgram([root], { ...options, noEmit: true }, host);
}

function isZodAlias(decl: ts.Declaration): boolean {
  return ts.isTypeAliasDeclaration(decl) && /\bz\.(input|output|infer)\b|from ['"]zod['"]|\bzod\b/.test(decl.type.getText());
}

/** Checks the exports of the module `indexFile` of `program`. */
function check(program: ts.Program, indexFile: string): Report {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexFile);
  if (!source) throw new Error(`no source file ${indexFile}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${indexFile} is not a module`);
  const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const interfaces: string[] = [];
  const problems: string[] = [];
  const propsParameterTypes = new Map<string, ts.Symbol>();

  const checkInterface = (name: string, sym: ts.Symbol) => {
    if (interfaces.includes(name)) return;
    interfaces.push(name);
    for (const prop of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(sym))) {
      const where = `${name}.${prop.name}`;
      const doc = ts.displayPartsToString(prop.getDocumentationComment(checker)).trim();
      const tags = prop.getJsDocTags(checker);
      if (!doc) problems.push(`${where}: no JSDoc`);
      if (prop.flags & ts.SymbolFlags.Optional) {
        const def = tags.find((t) => t.name === 'default');
        if (!def || !ts.displayPartsToString(def.text).trim()) problems.push(`${where}: optional but no @default`);
      }
    }
  };

  const checkPropsParameters = (owner: string, decls: readonly ts.SignatureDeclaration[]) => {
    for (const d of decls) {
      for (const p of d.parameters) {
        const pname = p.name.getText();
        const typeText = p.type?.getText() ?? '';
        if (!['props', 'options'].includes(pname) && !/(Props|Options)\b/.test(typeText)) continue;
        const where = `${owner}(${pname}: ${typeText})`;
        const t = p.type;
        if (!t || !ts.isTypeReferenceNode(t)) {
          problems.push(`${where}: props must be a named interface`);
          continue;
        }
        const s = checker.getSymbolAtLocation(t.typeName);
        const target = s && resolve(s);
        if (!target || !(target.flags & ts.SymbolFlags.Interface)) {
          const alias = target?.declarations?.find(isZodAlias);
          problems.push(`${where}: props type is ${alias ? 'a zod-inferred alias' : 'not an interface'}`);
        } else {
          propsParameterTypes.set(target.name, target);
        }
      }
    }
  };

  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const sym = resolve(exported);
    const name = exported.name;
    const decls = sym.declarations ?? [];
    if ((/Props$/.test(name) || EXTRA_SHAPES.includes(name)) && sym.flags & ts.SymbolFlags.Interface) checkInterface(name, sym);
    if (/(Props|Options)$/.test(name) && sym.flags & ts.SymbolFlags.TypeAlias && decls.some(isZodAlias)) problems.push(`${name}: a zod-inferred alias, not an interface`);
    if (sym.flags & ts.SymbolFlags.Class) {
      for (const d of decls.filter(ts.isClassDeclaration)) {
        for (const m of d.members) {
          const isPrivate = ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
          if (isPrivate) continue;
          if (ts.isConstructorDeclaration(m)) checkPropsParameters(`new ${name}`, [m]);
          else if (ts.isMethodDeclaration(m)) checkPropsParameters(`${name}.${m.name.getText()}`, [m]);
        }
      }
    }
  }
  for (const [name, sym] of propsParameterTypes) checkInterface(name, sym);
  return { interfaces, problems };
}

function loadOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tsconfig.json');
  const cfg = ts.readConfigFile(file, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, ROOT, undefined, file);
  return { ...parsed.options, types: ['node'] };
}

describe('props in the emitted declarations', () => {
  let report: Report;

  beforeAll(() => {
    const options = loadOptions();
    const files = emitDeclarations([path.join(ROOT, 'src/index.ts')], options, ts.createCompilerHost(options));
    const index = path.join(OUT, 'src/index.d.ts');
    expect(files.has(index)).toBe(true);
    report = check(programOver(files, index, options), index);
  });

  test('the public props interfaces are found', () => {
    for (const name of [
      'SiteProps', 'RookOperatorProps', 'CephCsiProps', 'RookClusterProps', 'RookClusterMonProps', 'CephBlockPoolProps',
      'CephBlockPoolOptions', 'CephBlockPoolReplicatedProps', 'CephRbdStorageClassProps', 'CephRbdSnapshotClassProps',
      'CephFilesystemProps', 'CephFsStorageClassProps', 'ExternalClusterProps', 'ExternalClusterSecretsProps',
      'CephFsExternalStorageClassProps', 'ExternalSecretRefProps', 'SealedSecretRefProps', 'SopsRefProps', 'TopoLVMProps',
      'TopoLVMDeviceClassProps', 'LvmdProps', 'TopoLVMSchedulingProps', 'WebhookProps', 'TopoLVMStorageClassProps',
      'FlexVolumeProps', 'FlexStorageClassProps', 'ToolboxProps', 'DashboardExposureProps', 'ArgoCdGitOpsProps', 'FluxGitOpsProps',
      'ConfirmDataDestructionOptions', 'SiteNode', 'RemoteRef', 'SecretStoreRef',
    ]) {
      expect(report.interfaces).toContain(name);
    }
  });

  test('every member is documented, every optional member has @default, no props are zod aliases', () => {
    expect(report.problems).toEqual([]);
  });

  test('the check reports a missing doc, a missing @default and a zod alias', () => {
    const options = loadOptions();
    const dir = path.join(ROOT, '.props-docs-selftest');
    const index = path.join(dir, 'index.ts');
    const text = [
      "import { z } from 'zod';",
      'const s = z.strictObject({ a: z.string() });',
      'export type ZodProps = z.input<typeof s>;',
      '/** Props. */',
      'export interface GoodProps {',
      '  /** Documented. @default 1 */',
      '  readonly a?: number;',
      '}',
      'export interface BadProps extends GoodProps {',
      '  readonly undocumented: string;',
      '  /** Documented but optional without a default. */',
      '  readonly b?: string;',
      '}',
      'export class Thing {',
      '  constructor(props: ZodProps) { void props; }',
      '  public add(options: GoodProps): void { void options; }',
      '  public remove(options: BadOptions): void { void options; }',
      '}',
      'export interface BadOptions {',
      '  readonly c?: boolean;',
      '}',
    ].join('\n');
    const base = ts.createCompilerHost(options);
    const host: ts.CompilerHost = {
      ...base,
      fileExists: (f) => path.resolve(f) === index || base.fileExists(f),
      readFile: (f) => (path.resolve(f) === index ? text : base.readFile(f)),
      getSourceFile: (f, lang, onError) => (path.resolve(f) === index ? ts.createSourceFile(f, text, lang, true) : base.getSourceFile(f, lang, onError)),
    };
    const files = emitDeclarations([index], { ...options, rootDir: dir }, host);
    const dts = path.join(OUT, 'index.d.ts');
    const r = check(programOver(files, dts, options), dts);
    expect([...r.problems].sort()).toEqual([
      'BadOptions.c: no JSDoc',
      'BadOptions.c: optional but no @default',
      'BadProps.b: optional but no @default',
      'BadProps.undocumented: no JSDoc',
      'ZodProps: a zod-inferred alias, not an interface',
      'new Thing(props: ZodProps): props type is a zod-inferred alias',
    ]);
  });
});
