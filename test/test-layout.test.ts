/**
 * Where a newcomer finds the tests of a construct: every construct class the package exports has
 * test/<kebab name of its source file>.test.ts (src/rook/ceph-block-pool.ts -> test/block-pool.test.ts), and that file
 * names the class. Scenario files (a whole site, upgrades, fuzz, upstream comparisons across kinds) are beside them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import * as lib from '../src';
import { StorageConstruct } from '../src/site/storage-construct';
import { nonEmpty } from './helpers';

const ROOT = path.resolve(__dirname, '..');

/** Exported name -> the module src/index.ts exports it from ('./rook/ceph-block-pool'). */
function exportModules(): Map<string, string> {
  const index = fs.readFileSync(path.join(ROOT, 'src', 'index.ts'), 'utf8');
  const out = new Map<string, string>();
  for (const m of index.matchAll(/export\s+\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    for (const name of m[1].split(',').map((s) => s.trim()).filter(Boolean)) out.set(name, m[2]);
  }
  return out;
}

/** Every exported class that is a construct (StorageApp and Site included), but the abstract StorageConstruct. */
const constructClasses = Object.entries(lib)
  .filter(([, v]) => typeof v === 'function' && (v.prototype instanceof Construct) && v !== StorageConstruct)
  .filter(([k, v]) => (v as { name: string }).name === k) // not the 0.1 names (deprecated aliases of the same classes)
  .map(([name]) => name)
  .sort();

describe('GIVEN the construct classes the package exports', () => {
  const modules = exportModules();

  test('WHEN they are listed THEN there are many, each exported by name from one module', () => {
    expect(nonEmpty(constructClasses, 'exported construct class').length).toBeGreaterThanOrEqual(45);
    expect(constructClasses.filter((c) => !modules.has(c))).toEqual([]);
  });

  test.each(constructClasses)('WHEN a newcomer looks for the tests of %s THEN test/<its source file>.test.ts exists and names it', (name) => {
    const mod = modules.get(name);
    expect(mod).toBeDefined();
    const file = path.join(ROOT, 'test', `${path.basename(mod!)}.test.ts`);
    expect({ name, file: path.relative(ROOT, file), exists: fs.existsSync(file) }).toEqual({ name, file: path.relative(ROOT, file), exists: true });
    expect(new RegExp(`\\b${name}\\b`).test(fs.readFileSync(file, 'utf8'))).toBe(true);
  });
});
