/**
 * Property: every random configuration a user could write synthesizes and validates cleanly, twice byte-identical,
 * with no null anywhere, and reads back the same through a YAML 1.1 reader (what kubectl, Argo CD, Flux and
 * kubeconform use). 1,000 configurations per `npm test` over the construct families; `npm run fuzz` runs more.
 */
import fc from 'fast-check';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { renderSite, synthApp } from '../../src/pipeline/synth';
import { Site } from '../../src/site/site';
import { EXTERNAL, Family, LEGACY, ROOK120, ROOK_ANY_LINE, ROOK_ANY_LINE_VERSIONS, rookAnyLine, SCALE, SEED, TOPOLVM, TOPOLVM_ANY_LINE, topolvmAnyLine } from './families';
import { TOPOLVM_LINES } from '../../src/versions/topolvm-lines';

function render<C>(family: Family<C>, cfg: C) {
  const app = new App();
  family.build(app, cfg);
  return app;
}

function hasNull(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.some(hasNull);
  if (v && typeof v === 'object') return Object.values(v).some(hasNull);
  return false;
}

function checkConfig<C>(family: Family<C>, cfg: C): void {
  const first = synthApp(render(family, cfg), { write: false });
  const bad = first.results.filter((r) => r.status !== 'statusValid');
  if (bad.length) throw new Error(`invalid objects: ${JSON.stringify(bad.slice(0, 3))}`);
  const again = (render(family, cfg).node.findAll().filter(Site.isSite) as Site[]).map((s) => renderSite(s));
  const flat = (files: ReadonlyArray<{ path: string; content: string }>) => files.map((f) => `${f.path}\n${f.content}`);
  expect(again.map((s) => flat(s.files))).toEqual(first.sites.map((s) => flat(s.files)));
  for (const s of first.sites) {
    for (const f of s.files) {
      if (f.objects.length === 0) continue;
      expect(hasNull(f.objects)).toBe(false);
      const read = YAML.parseAllDocuments(f.content, { version: '1.1' }).map((d) => d.toJS({ maxAliasCount: -1 }));
      expect({ file: `${s.site.siteName}/${f.path}`, objects: read }).toEqual({ file: `${s.site.siteName}/${f.path}`, objects: JSON.parse(JSON.stringify(f.objects)) });
    }
  }
}

const RUNS: ReadonlyArray<[Family<any>, number]> = [[ROOK120, 400], [TOPOLVM, 250], [TOPOLVM_ANY_LINE, 120], [ROOK_ANY_LINE, 60], [EXTERNAL, 200], [LEGACY, 150]];

describe('GIVEN random valid configurations (fixed seed)', () => {
  test.each(RUNS.map(([f, n]) => [f.name, f, n] as const))('WHEN %s are synthesized THEN each validates, is byte-identical twice, null-free and YAML-1.1-safe', (_name, family, n) => {
    fc.assert(fc.property(family.arbitrary, (cfg) => checkConfig(family, cfg)), { numRuns: n * SCALE, seed: SEED, endOnFailure: true });
  });

  test('THEN the TopoLVM line family draws its version from every line v0.2–v0.41', () => {
    const drawn = new Set(fc.sample(topolvmAnyLine, { numRuns: 400, seed: SEED }).map((c) => c.line));
    expect([...drawn].sort()).toEqual(TOPOLVM_LINES.map((l) => l.version).sort());
  });

  test('THEN the Rook line family draws its version from every line v1.0–v1.20 (v1.0 only with the mirror), with and without a leading v', () => {
    const sample = fc.sample(rookAnyLine, { numRuns: 200, seed: SEED });
    expect([...new Set(sample.map((c) => c.line))].sort()).toEqual([...ROOK_ANY_LINE_VERSIONS].sort());
    expect(ROOK_ANY_LINE_VERSIONS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(sample.map((c) => c.site.rookVersion.startsWith('v')))).toEqual(new Set([true, false]));
    expect(new Set(sample.map((c) => c.block))).toEqual(new Set(['csi', 'flex']));
  });

  test('THEN the runs add up to at least 1,000 configurations', () => {
    expect(RUNS.reduce((s, [, n]) => s + n, 0)).toBeGreaterThanOrEqual(1000);
  });
});
