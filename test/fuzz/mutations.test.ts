/**
 * Property: a random mutation of a good configuration — a wrong type, an unknown key at any depth, an out-of-range
 * number, an empty, overlong or non-ASCII name, a reference to another Site's construct — is refused with our error
 * (a ConfigError or SynthError, never a TypeError or a raw library error) that names the field, and a previously
 * synthesized dist/ stays byte-for-byte as it was. 1,000+ mutations per `npm test`; `npm run fuzz` runs more.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { App } from 'cdk8s';
import { CephCsi, CephFilesystem, CephRbdStorageClass, RookCluster, RookOperator, Site, Toolbox, TopoLVM, TopoLVMStorageClass } from '../../src';
import { synthApp } from '../../src/pipeline/synth';
import { EXTERNAL, Family, LEGACY, ROOK120, Rook120Config, SCALE, SEED, TOPOLVM, TopoLVMConfig } from './families';

/** Keys whose values are free-form maps: an extra key there is legal. */
const RECORD_KEYS = new Set(['labels', 'annotations', 'parameters', 'nodeSelector', 'requests', 'limits', 'data', 'encryptedData', 'scheduling', 'capacityTracking']);
/** Number keys that are counts or sizes (negative and fractional values are wrong). */
const COUNT_KEYS = new Set(['count', 'size', 'spareGb', 'activeCount', 'provisionerReplicas', 'dataChunks', 'codingChunks', 'nodePort']);
/** String keys that are Kubernetes or Ceph names (empty, overlong and non-ASCII values are wrong). */
const NAME_KEYS = new Set(['name', 'namespace', 'operatorNamespace', 'deviceClass', 'volumeGroup']);

type Segment = string | number;
interface Spot { path: Segment[]; value: unknown }

/** Every place in a props object a mutation can hit (free-form maps are not entered). */
function spots(v: unknown, at: Segment[] = []): Spot[] {
  const out: Spot[] = [{ path: at, value: v }];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...spots(x, [...at, i])));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (!RECORD_KEYS.has(k)) out.push(...spots(x, [...at, k]));
  }
  return out;
}

/** The mutations that must be refused at a spot, each with the word the error must name. */
function mutationsAt(s: Spot, fresh: string): Array<{ value: unknown; names: string; what: string }> {
  const key = [...s.path].reverse().find((x): x is string => typeof x === 'string') ?? '';
  const out: Array<{ value: unknown; names: string; what: string }> = [];
  if (s.value && typeof s.value === 'object' && !Array.isArray(s.value)) {
    out.push({ value: { ...(s.value as object), [fresh]: 'x' }, names: fresh, what: `unknown key "${fresh}"` });
  }
  if (s.path.length === 0) return out;
  if (typeof s.value === 'string') {
    out.push({ value: 42, names: key, what: 'a number for a string' }, { value: { a: 1 }, names: key, what: 'an object for a string' });
    if (NAME_KEYS.has(key)) {
      out.push({ value: '', names: key, what: 'an empty name' }, { value: `n${'x'.repeat(300)}`, names: key, what: 'a 301-character name' }, { value: 'ünïcødé-nämé', names: key, what: 'a non-ASCII name' });
    }
  } else if (typeof s.value === 'number') {
    out.push({ value: String(s.value), names: key, what: 'a string for a number' });
    if (COUNT_KEYS.has(key)) out.push({ value: -1 - s.value, names: key, what: 'a negative count' }, { value: s.value + 0.5, names: key, what: 'a fractional count' });
  } else if (typeof s.value === 'boolean') {
    out.push({ value: s.value ? 'true' : 'false', names: key, what: 'a string for a boolean' });
  } else if (Array.isArray(s.value)) {
    out.push({ value: 'not-a-list', names: key, what: 'a string for a list' });
  }
  return out;
}

function setAt(root: any, p: Segment[], value: unknown): any {
  if (p.length === 0) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...root };
  copy[p[0]] = setAt(root[p[0]], p.slice(1), value);
  return copy;
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (fs.readdirSync(dir, { recursive: true } as any) as string[]).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = crypto.createHash('sha1').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

/** Builds and synthesizes into `dist`; returns the error (a failure of the test if there is none or it is not ours). */
function refusal(build: (app: App) => void, dist: string): Error {
  try {
    const app = new App();
    build(app);
    synthApp(app, { outdir: dist });
  } catch (e) {
    if (e instanceof Error && (e.name === 'ConfigError' || e.name === 'SynthError')) return e;
    throw new Error(`not our error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error('the mutation was accepted');
}

/** A previous good synth of the family, written where the mutated synths will be pointed. */
function previousDist<C>(family: Family<C>): { dir: string; before: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fuzz-dist-'));
  const good = fc.sample(family.arbitrary, { numRuns: 1, seed: SEED })[0];
  const app = new App();
  family.build(app, good);
  synthApp(app, { outdir: dir });
  return { dir, before: tree(dir) };
}

/** The props objects of a configuration a mutation may hit (construct ids are not props). */
function targets(cfg: any): Array<Segment[]> {
  const out: Array<Segment[]> = [];
  const walk = (v: any, at: Segment[]) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (['site', 'operator', 'csi', 'cluster', 'options', 'props', 'meta', 'data', 'class', 'topolvm', 'flex', 'flexClass', 'pool'].includes(k) && x && typeof x === 'object' && !Array.isArray(x)) out.push([...at, k]);
      else if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...at, k, i]));
      else if (x && typeof x === 'object' && ['ec', 'filesystem', 'snapshot'].includes(k)) walk(x, [...at, k]);
    }
  };
  walk(cfg, []);
  return out;
}

function mutated<C>(family: Family<C>): fc.Arbitrary<{ cfg: C; where: string; what: string; names: string }> {
  return family.arbitrary.chain((cfg) => {
    const all = targets(cfg).flatMap((t) => {
      const obj = t.reduce((o: any, k) => o[k], cfg);
      return spots(obj).map((s) => ({ ...s, path: [...t, ...s.path] }));
    });
    return fc.record({ spot: fc.constantFrom(...all), fresh: fc.stringMatching(/^[a-z]{3,8}[A-Z][a-z]{2,6}$/), pick: fc.nat() }).filter(({ spot, fresh }) => mutationsAt(spot, fresh).length > 0).map(({ spot, fresh, pick }) => {
      const ms = mutationsAt(spot, fresh);
      const m = ms[pick % ms.length];
      return { cfg: setAt(cfg, spot.path, m.value) as C, where: spot.path.join('.'), what: m.what, names: m.names };
    });
  });
}

const RUNS: ReadonlyArray<[Family<any>, number]> = [[ROOK120, 400], [TOPOLVM, 250], [EXTERNAL, 200], [LEGACY, 150]];

describe('GIVEN random mutations of good configurations (fixed seed) and a previously synthesized dist/', () => {
  test.each(RUNS.map(([f, n]) => [f.name, f, n] as const))('WHEN a %s configuration is mutated THEN our error names the field and dist/ is unchanged', (_name, family, n) => {
    const prev = previousDist(family);
    fc.assert(fc.property(mutated(family), (m) => {
      const e = refusal((app) => family.build(app, m.cfg), prev.dir);
      if (!e.message.includes(m.names)) throw new Error(`${m.what} at ${m.where}: the error does not name "${m.names}":\n${e.message}`);
      expect(tree(prev.dir)).toEqual(prev.before);
    }), { numRuns: n * SCALE, seed: SEED, endOnFailure: true });
  });

  test('WHEN a construct is given another Site\'s operator, pool, cluster or TopoLVM THEN it is refused, naming the other site', () => {
    const kinds = ['csi-operator', 'rbd-pool', 'toolbox-cluster', 'filesystem-cluster', 'topolvm-class'] as const;
    const prev = previousDist(ROOK120);
    const arb = fc.record({ a: ROOK120.arbitrary, t: TOPOLVM.arbitrary, kind: fc.constantFrom(...kinds) });
    fc.assert(fc.property(arb, ({ a, t, kind }) => {
      const e = refusal((app) => {
        if (kind === 'topolvm-class') {
          const lvm = new Site(app, 'lvm', { ...(t as TopoLVMConfig).site, name: 'lvm-site' });
          const foreign = new TopoLVM(lvm, 'topolvm', t.topolvm);
          const site = new Site(app, 'site', { ...t.site, name: 'this-site' });
          new TopoLVM(site, 'topolvm', t.topolvm);
          new TopoLVMStorageClass(site, 'lvm', { topolvm: foreign, ...t.classes[0].props });
          return;
        }
        const other = new Site(app, 'other', { ...(a as Rook120Config).site, name: 'other-site' });
        const operator = new RookOperator(other, 'operator', a.operator);
        const cluster = new RookCluster(other, 'cluster', a.cluster);
        const pool = cluster.addPool('p', { replicated: { size: 2 } });
        const site = new Site(app, 'site', { ...a.site, name: 'this-site' });
        const own = new RookCluster(site, 'cluster', a.cluster);
        const ownOperator = new RookOperator(site, 'operator', a.operator);
        own.addPool('own', { replicated: { size: 2 } });
        new CephCsi(site, 'csi', { operator: kind === 'csi-operator' ? operator : ownOperator });
        if (kind === 'rbd-pool') new CephRbdStorageClass(site, 'block', { pool });
        if (kind === 'toolbox-cluster') new Toolbox(site, 'toolbox', { cluster });
        if (kind === 'filesystem-cluster') new CephFilesystem(site, 'fs', { cluster });
      }, prev.dir);
      if (!/other-site|lvm-site|another Site|other Site/.test(e.message)) throw new Error(`${kind}: the error does not name the other site:\n${e.message}`);
      expect(tree(prev.dir)).toEqual(prev.before);
    }), { numRuns: 100 * SCALE, seed: SEED, endOnFailure: true });
  });

  test('THEN the runs add up to at least 1,000 mutations', () => {
    expect(RUNS.reduce((s, [, n]) => s + n, 0) + 100).toBeGreaterThanOrEqual(1000);
  });
});
