/**
 * One naming rule for constructs (docs/ARCHITECTURE.md, "Names"): a construct around one Rook custom resource is named
 * by its CRD kind, acronyms written as words (CephRBDMirror → CephRbdMirror, CephNFS → CephNfs, CephCOSIDriver →
 * CephCosiDriver, CephNVMeOFGateway → CephNvmeofGateway); the two constructs of a CephCluster are named by their role
 * (RookCluster runs one, ExternalCluster connects to one); every other name is PascalCase words, TopoLVM spelled as
 * its project spells it. The names before the rule stay exported for one minor release as deprecated aliases of the
 * same values.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as api from '../src';
import * as deprecated from '../src/deprecated-names';
import * as rookBindings from '../src/rook/bindings';
import { nonEmpty } from './helpers';

const ROOK = path.resolve(__dirname, '..', 'src', 'rook');
const ACRONYMS: Record<string, string> = { RBD: 'Rbd', NFS: 'Nfs', COSI: 'Cosi', NVMeOF: 'Nvmeof' };
/** Constructs of one kind named by their role, and why. */
const ROLE_NAMED: Record<string, string> = {
  RookCluster: 'a CephCluster the Rook operator runs (mons, mgrs, OSDs)',
  ExternalCluster: 'a CephCluster connected to a Ceph cluster outside Kubernetes',
};

/** The construct name a CRD kind gives. */
export function constructNameOf(kind: string): string {
  return Object.entries(ACRONYMS).reduce((k, [a, w]) => k.split(a).join(w), kind);
}

/** Per source file of src/rook: each class that creates its custom resource, and the binding export it creates it with. */
function resourceClasses(): { file: string; cls: string; binding: string }[] {
  const out: { file: string; cls: string; binding: string }[] = [];
  for (const f of fs.readdirSync(ROOK).filter((x) => x.endsWith('.ts')).sort()) {
    const text = fs.readFileSync(path.join(ROOK, f), 'utf8');
    const imports = new Map<string, string>();
    const imp = /import \{([^}]+)\} from '\.\/bindings';/.exec(text);
    for (const part of imp ? imp[1].split(',') : []) {
      const [orig, local] = part.trim().split(/\s+as\s+/);
      if (orig) imports.set(local ?? orig, orig);
    }
    for (const m of text.matchAll(/(?:createResource\((\w+),|new (\w+)\(this, 'Resource')/g)) {
      const local = m[1] ?? m[2];
      const binding = imports.get(local);
      if (!binding) continue;
      const before = text.slice(0, m.index);
      const cls = [...before.matchAll(/^export (?:abstract )?class (\w+)/gm)].pop()?.[1];
      if (cls) out.push({ file: f, cls, binding });
    }
  }
  return out;
}

describe('GIVEN the constructs of the package', () => {
  test('WHEN a construct creates a Rook custom resource THEN it is named by the CRD kind (or by its role, for the two of a CephCluster)', () => {
    const wrong: string[] = [];
    for (const { file, cls, binding } of nonEmpty(resourceClasses(), 'constructs creating a Rook custom resource')) {
      const kind = (rookBindings as Record<string, any>)[binding]?.GVK?.kind;
      expect(kind).toBeDefined();
      if (ROLE_NAMED[cls]) continue;
      if (cls !== constructNameOf(kind)) wrong.push(`${file}: ${cls} creates a ${kind}; name it ${constructNameOf(kind)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('THEN the rule itself turns the kinds with acronyms into words', () => {
    expect(['CephRBDMirror', 'CephNFS', 'CephCOSIDriver', 'CephNVMeOFGateway', 'CephBlockPool'].map(constructNameOf))
      .toEqual(['CephRbdMirror', 'CephNfs', 'CephCosiDriver', 'CephNvmeofGateway', 'CephBlockPool']);
  });

  test('WHEN a class is exported THEN its name is PascalCase words, with TopoLVM as the one product spelling', () => {
    const classes = Object.entries(api).filter(([name, v]) => typeof v === 'function' && /^[A-Z]/.test(name) && !(name in deprecated));
    const wrong = nonEmpty(classes, 'exported classes').map(([n]) => n)
      .filter((n) => !/^(?:[A-Z][a-z0-9]+)+$/.test(n.split('TopoLVM').join('Topolvm')) || /Topolvm/.test(n));
    expect(wrong).toEqual([]);
  });

  test('WHEN code uses a name from before the rule THEN it gets the same construct or type (a deprecated alias)', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '..', 'src', 'deprecated-names.ts'), 'utf8');
    const values = nonEmpty([...text.matchAll(/^export const (\w+) = (\w+);$/gm)], 'deprecated construct names');
    for (const [, old, now] of values) {
      expect((deprecated as Record<string, unknown>)[old]).toBe((api as Record<string, unknown>)[now]);
      expect((api as Record<string, unknown>)[old]).toBe((api as Record<string, unknown>)[now]);
    }
    for (const [, old] of text.matchAll(/^export (?:const|type) (\w+) =/gm)) {
      expect(text).toMatch(new RegExp(`/\\*\\* @deprecated Renamed \\w+[^*]*\\*/\\nexport (?:const|type) ${old} =`));
    }
  });
});
