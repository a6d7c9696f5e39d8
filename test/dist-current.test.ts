/**
 * The committed dist/ must be exactly what `npm run synth` makes from the committed source,
 * and synth must be byte-identical across runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../src/main';
import { synthApp } from '../src/pipeline/synth';
import { MARKER } from '../src/foundation/dist-write';
import { nonEmpty, UPSTREAM } from './helpers';

const DIST = path.resolve(__dirname, '..', 'dist');

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (dir === base && d.name === MARKER) return []; // the write protocol's marker (dist-write.ts), not a rendered file
    return d.isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  }).sort();
}

describe('GIVEN the reference fleet in src/main.ts', () => {
  const first = synthApp(buildApp(), { write: false, upstreamDir: UPSTREAM });

  test('WHEN synthesized twice THEN the output is byte-identical', () => {
    const second = synthApp(buildApp(), { write: false, upstreamDir: UPSTREAM });
    const flat = (r: typeof first) => r.sites.flatMap((s) => s.files.map((f) => `${s.site.siteName}/${f.path}\n${f.content}`));
    expect(flat(second)).toEqual(flat(first));
  });

  test('WHEN compared with the committed dist/ THEN every site folder is current (run `npm run synth` and commit if this fails)', () => {
    for (const s of nonEmpty(first.sites, 'site of the reference fleet')) {
      const dir = path.join(DIST, s.site.siteName);
      const expected = s.files.map((f) => f.path).sort();
      expect(listFiles(dir)).toEqual(expected);
      for (const f of s.files) {
        expect(`${s.site.siteName}/${f.path}\n${fs.readFileSync(path.join(dir, f.path), 'utf8')}`).toEqual(`${s.site.siteName}/${f.path}\n${f.content}`);
      }
    }
    const siteDirs = fs.readdirSync(DIST).filter((d) => !d.startsWith('.')).sort();
    expect(siteDirs).toEqual(first.sites.map((s) => s.site.siteName).sort());
  });

  test('WHEN validated strictly THEN every object of every site is valid', () => {
    const bad = first.results.filter((r) => r.status !== 'statusValid');
    expect(bad).toEqual([]);
    expect(first.results.length).toBeGreaterThan(0);
  });

  test('THEN CRDs we emit carry the upstream schema without its prose (no description strings)', () => {
    const crds = first.sites.flatMap((s) => s.files.flatMap((f) => f.objects)).filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds.length).toBeGreaterThan(0);
    for (const c of crds) expect(JSON.stringify(c)).not.toMatch(/"description":"/);
  });

  test('THEN dist/ has no null values, no construct-metadata.json and no hashed names', () => {
    for (const s of nonEmpty(first.sites, 'site of the reference fleet')) {
      for (const f of s.files) {
        expect(f.path).not.toMatch(/construct-metadata\.json/);
        expect(f.content).not.toMatch(/:\s*null\s*$/m);
        for (const o of f.objects) expect(o.metadata.name).not.toMatch(/-c8[0-9a-f]{6}$/);
      }
    }
  });
});
