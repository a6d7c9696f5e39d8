/**
 * Issue 13, validator speed: the fast YAML reader (src/foundation/kube-yaml-fast-reader.ts) must not change any verdict. Every
 * YAML file of the upstream mirror, and a few damaged copies of each (a duplicated line, a line shifted by one
 * space, a YAML 1.1 scalar), is validated through the fast path and through the full (reference) reader; the
 * results — status, kind, name, version, message and errors of every object — must be identical, and where the
 * fast reader accepts a text, it must read the very values the full reader reads.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { parseKubeYamlFast } from '../../src/foundation/kube-yaml-fast-reader';
import { kubeYamlParseOptions, toKubernetesJsonKeys } from '../../src/foundation/kube-yaml';
import { DEFAULT_CRD_SOURCES } from '../../src/validation/sources';
import { Validator } from '../../src/validation/validator';
import { describeWithUpstream, upstreamPath, UPSTREAM_DIR } from '../upstream';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

/** Damaged copies: what a user's typo looks like to both readers. */
function variants(text: string): Array<[string, string]> {
  const lines = text.split('\n');
  const content = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() && !l.trim().startsWith('#') && !l.startsWith('---'));
  const out: Array<[string, string]> = [['as published', text]];
  const at = (k: number) => content[Math.min(k, content.length - 1)]?.[1];
  const dup = at(3);
  if (dup !== undefined) out.push(['a line duplicated', [...lines.slice(0, dup + 1), lines[dup], ...lines.slice(dup + 1)].join('\n')]);
  const shift = at(5);
  if (shift !== undefined) out.push(['a line shifted by one space', lines.map((l, i) => (i === shift ? ` ${l}` : l)).join('\n')]);
  const meta = lines.findIndex((l) => /^\s*name: \S/.test(l));
  if (meta >= 0) {
    out.push(['a name that YAML 1.1 reads as a boolean, and a key that it reads as one', lines.map((l, i) => (i === meta ? `${l.replace(/name: .*/, 'name: n')}` : l)).join('\n').replace(/^(\s*)namespace:/m, '$1on:')]);
  }
  return out;
}

/** The documents as the full reader reads them (what the validator gets), or the first error. */
function referenceDocs(text: string): unknown[] {
  return [...YAML.parseAllDocuments(text, kubeYamlParseOptions(true))].map((d) => {
    if (d.errors.length) return { error: d.errors[0].message };
    const e = toKubernetesJsonKeys(d);
    return e ? { error: e } : d.toJS({ maxAliasCount: -1 });
  });
}

describeWithUpstream('GIVEN every YAML file of the upstream mirror, as published and damaged', () => {
  // a text that several release folders publish unchanged is compared once (the verdicts depend only on the text)
  const seen = new Set<string>();
  const files = (UPSTREAM_DIR ? yamlFiles(UPSTREAM_DIR) : []).filter((f) => {
    const text = fs.readFileSync(f, 'utf8');
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  const strict = new Validator({ kubernetesVersion: '1.33.0', crdSources: [...DEFAULT_CRD_SOURCES] });
  const loose = new Validator({ kubernetesVersion: '1.33.0', crdSources: [...DEFAULT_CRD_SOURCES], strict: false, ignoreMissingSchemas: true });
  let accepted = 0;
  // the full reader warns on stderr about some damaged copies (collection keys); the verdicts are what is compared
  beforeAll(() => jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  test.each(files.map((f) => [path.relative(UPSTREAM_DIR ?? '', f), f]))(
    'WHEN %s is validated through the fast path and through the full reader THEN every object gets the same verdict and message',
    (_rel, file) => {
      const text = fs.readFileSync(file, 'utf8');
      if (parseKubeYamlFast(text)) accepted++;
      for (const [what, t] of variants(text)) {
        // the non-strict reading (duplicate keys allowed) once per file; the damaged copies strictly
        for (const v of what === 'as published' ? [strict, loose] : [strict]) {
          const fast = v.validateYamlWith(t, 'f.yaml', 'fast');
          const reference = v.validateYamlWith(t, 'f.yaml', 'reference');
          expect({ what, strict: v.strict, results: fast }).toEqual({ what, strict: v.strict, results: reference });
        }
        const docs = parseKubeYamlFast(t);
        if (docs) expect({ what, docs }).toEqual({ what, docs: referenceDocs(t) });
      }
    },
    60_000,
  );

  test('WHEN the published files are read THEN the fast reader takes nearly all of them itself (else the speed-up is gone)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(accepted / files.length).toBeGreaterThan(0.9);
  });
});

describe('GIVEN YAML the fast reader leaves to the full reader', () => {
  test.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key YAML 1.1 reads as a boolean', 'on: 1\n'],
    ['a merge key', 'a: &x {b: 1}\nc:\n  <<: *x\n'],
    ['a tab', 'a:\t1\n'],
    ['a value JSON cannot carry', 'a: .inf\n'],
    ['a syntax error', 'a: b: c\n'],
  ])('WHEN the text has %s THEN the fast reader gives up', (_what, text) => {
    expect(parseKubeYamlFast(text)).toBeUndefined();
  });

  test('WHEN a manifest with a duplicate key is validated THEN the error names the key and its line, as before', () => {
    const v = new Validator({ kubernetesVersion: '1.33.0' });
    const [r] = v.validateYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 'cm.yaml');
    expect(r.status).toBe('statusError');
    expect(r.msg).toContain('line 5: key "name" already set in map');
  });
});

/** The compiled CLI, when lib/ is newer than the sources of the parts under test (else those tests are skipped). */
function compiledCli(): string | undefined {
  const repo = path.resolve(__dirname, '..', '..');
  const cli = path.join(repo, 'lib', 'src', 'cli', 'cli.js');
  const worker = path.join(repo, 'lib', 'src', 'validation', 'validate-worker.js');
  if (!fs.existsSync(cli) || !fs.existsSync(worker)) return undefined;
  const fresh = ['validation/validator', 'validation/validate-worker', 'foundation/kube-yaml-fast-reader', 'cli/cli'].every((m) => {
    const out = path.join(repo, 'lib', 'src', `${m}.js`);
    return fs.existsSync(out) && fs.statSync(path.join(repo, 'src', `${m}.ts`)).mtimeMs <= fs.statSync(out).mtimeMs;
  });
  return fresh ? cli : undefined;
}

describeWithUpstream('GIVEN a folder of more than 4 MiB of manifests (validated on two threads)', () => {
  const cli = compiledCli();
  (cli ? test : test.skip)('WHEN the compiled CLI validates it on two threads and on one THEN the output is identical, in file order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-two-threads-'));
    try {
      const rook = upstreamPath('rook', 'v1.20.6');
      for (let i = 0; i < 6; i++) {
        for (const f of ['crds.yaml', 'operator.yaml', 'cluster.yaml', 'pool.yaml']) fs.copyFileSync(path.join(rook, f), path.join(dir, `${i}-${f}`));
      }
      fs.writeFileSync(path.join(dir, '9-broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
      const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [cli!, 'validate', '--output', 'json', dir], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
      const two = run({});
      const one = run({ GITOPS_STORAGE_WORKERS: 'off' });
      expect(two.stdout).toEqual(one.stdout);
      const doc = JSON.parse(two.stdout) as { resources: Array<{ filename: string; msg: string }>; summary: { valid: number; errors: number } };
      expect(doc.summary.valid).toBeGreaterThan(100);
      expect(doc.resources.map((r) => path.basename(r.filename))).toContain('9-broken.yaml');
      expect(two.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
  if (!cli) console.log('skipped: lib/ is missing or older than the sources (npm run build): the two-thread test of the compiled CLI');
});
