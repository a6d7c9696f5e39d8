/**
 * The embedded schema bundle: current with the mirror, deterministic, description-free, small; a damaged bundle,
 * an unsupported Kubernetes version or a bad user CRD source is a clear ConfigError and nothing is written; and
 * with no mirror, an empty cache and no network the product still synthesizes, validates and exports schemas.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { App } from 'cdk8s';
import { buildProgram, checkDist, siteSchemas } from '../../src/cli/cli';
import { runSchemas, runValidate } from '../../src/cli/validate';
import { ConfigError } from '../../src/foundation/errors';
import { Site } from '../../src/site/site';
import { synthApp } from '../../src/pipeline/synth';
import { TopoLVM } from '../../src/topolvm/topolvm';
import { writeBundle } from '../../src/tools/schemas-bundle';
import { BUNDLE_ENV, bundleDir, bundleIndex } from '../../src/validation/bundle';
import { CACHE_ENV, FetchLike, prefetch, UPSTREAM_ENV } from '../../src/validation/sources';
import { Validator } from '../../src/validation/validator';
import { describeWithUpstream, UPSTREAM_DIR } from '../upstream';
import { nonEmpty } from '../helpers';

const tmp = (p = 'gs-bundle-') => fs.mkdtempSync(path.join(os.tmpdir(), p));
const BUNDLE = bundleDir();

/** Runs fn and returns the ConfigError it throws. */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw new Error(`expected a ConfigError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

async function withEnvAsync<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

describeWithUpstream('GIVEN the upstream mirror', () => {
  test('THEN the committed bundle equals a fresh generation in a temp dir, byte for byte (so generation is deterministic)', () => {
    const dir = tmp('gs-fresh-bundle-');
    writeBundle(UPSTREAM_DIR!, dir);
    const first = new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
    const committed = fs.readdirSync(BUNDLE).sort();
    expect(committed).toEqual([...first.keys()].sort());
    for (const [name, bytes] of first) {
      // a mismatch means: run `npm run schemas:bundle` and commit src/validation/bundle/
      expect([name, fs.readFileSync(path.join(BUNDLE, name)).equals(bytes)]).toEqual([name, true]);
    }
  });
});

describe('GIVEN the committed bundle', () => {
  const index = bundleIndex(BUNDLE);

  test('THEN it has every Kubernetes minor 1.16-1.36 and every pinned CRD file, listed with size and sha256', () => {
    expect(Object.keys(index.kubernetes)).toEqual(Array.from({ length: 21 }, (_, i) => `1.${16 + i}`));
    for (const [name, info] of nonEmpty(Object.entries(index.files), 'bundled CRD file')) {
      expect(fs.statSync(path.join(BUNDLE, name)).size).toBe(info.size);
      expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  test('THEN it is small (<= 8 MiB) and carries no description prose, upstream file names or comments', () => {
    const total = fs.readdirSync(BUNDLE).reduce((n, f) => n + fs.statSync(path.join(BUNDLE, f)).size, 0);
    expect(total).toBeLessThanOrEqual(8 * 1024 * 1024);
    for (const name of nonEmpty(Object.keys(index.files), 'bundled CRD file')) {
      expect(name).not.toMatch(/(^|\/)(_definitions\.json|crds\.yaml)$/);
      const text = gunzipSync(fs.readFileSync(path.join(BUNDLE, name))).toString('utf8');
      // a property named "description" keeps its schema (an object); a documentation string is gone
      expect([name, /"description":"/.test(text), /"\$comment":"/.test(text)]).toEqual([name, false, false]);
    }
    const crds = gunzipSync(fs.readFileSync(path.join(BUNDLE, index.crds['rook/v1.2.7/common.yaml']))).toString('utf8');
    expect(JSON.parse(crds).every((d: any) => d.kind === 'CustomResourceDefinition' && !d.status && !d.metadata.creationTimestamp)).toBe(true);
  });
});

describe('GIVEN a Kubernetes version', () => {
  test.each(['1.33.5', 'v1.33.5', '1.19.16', '1.16.4', '1.36.0'])('WHEN it is %s THEN the schemas of its minor are used', (ver) => {
    const v = new Validator({ kubernetesVersion: ver });
    expect(v.validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' }, data: { a: 'b' } }).status).toBe('statusValid');
  });

  test.each(['1.15.0', '1.37.0', '1.33', 'latest', '1.33.0-rc.1'])('WHEN it is %s THEN a ConfigError lists the supported range', (ver) => {
    const e = configErrorOf(() => new Validator({ kubernetesVersion: ver }));
    expect(e.message).toMatch(/kubernetesVersion/);
    expect(e.message).toContain(`got: "${ver}"`);
    expect(e.message).toMatch(/allowed: .*1\.16\.x to 1\.36\.x/);
    expect(e.message).toMatch(/fix: /);
  });

  test.each(['1.15.0', '1.37.0', '1.33'])('WHEN a Site pins %s THEN a ConfigError lists the supported range', (ver) => {
    const e = configErrorOf(() => new Site(new App(), 's', { kubernetesVersion: ver }));
    expect(e.message).toMatch(/s: kubernetesVersion[\s\S]*1\.16\.0 to 1\.36\.x/);
  });

  test('WHEN the CLI gets --kubernetes-version 1.37.0 THEN validate and schemas fail with the message and write nothing', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: d}\n');
    expect(configErrorOf(() => runValidate([dir], { kubernetesVersion: '1.37.0' })).message).toMatch(/Kubernetes 1\.37 is not supported/);
    const out = path.join(dir, 'schemas');
    expect(configErrorOf(() => runSchemas({ out, kubernetesVersion: '1.15.2' })).message).toMatch(/Kubernetes 1\.15 is not supported/);
    expect(fs.existsSync(out)).toBe(false);
    // through commander, as a user runs it: the message, no stack trace
    const program = buildProgram().exitOverride();
    await expect(program.parseAsync(['node', 'gitops-storage', 'validate', '--kubernetes-version', '1.37.0', dir])).rejects.toThrow(ConfigError);
  });
});

describe('GIVEN a user CRD source', () => {
  test('WHEN the file does not exist THEN a ConfigError names it and synth writes nothing', () => {
    const missing = path.join(tmp(), 'nope.yaml');
    const e = configErrorOf(() => new Validator({ kubernetesVersion: '1.33.0', crdSources: [missing] }));
    expect(e.message).toMatch(/crdSources: unknown CRD source/);
    expect(e.message).toContain(missing);
    const app = new App();
    new Site(app, 's', { kubernetesVersion: '1.33.0' }).useCrdSource(missing);
    const out = path.join(tmp(), 'dist');
    expect(() => synthApp(app, { outdir: out })).toThrow(/unknown CRD source/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('WHEN the file or folder holds no CRD THEN a ConfigError says so', () => {
    const dir = tmp();
    const cm = path.join(dir, 'configmap.yaml');
    fs.writeFileSync(cm, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const e = configErrorOf(() => new Validator({ kubernetesVersion: '1.33.0', crdSources: [cm] }));
    expect(e.message).toMatch(/holds no CustomResourceDefinition/);
    expect(e.message).toMatch(/fix: /);
    expect(configErrorOf(() => new Validator({ kubernetesVersion: '1.33.0', crdSources: [dir] })).message).toMatch(/no file in the folder .* holds a CustomResourceDefinition/);
    const empty = tmp();
    expect(configErrorOf(() => new Validator({ kubernetesVersion: '1.33.0', crdSources: [empty] })).message).toMatch(/holds no \.yaml/);
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'kind: [unclosed\n');
    expect(configErrorOf(() => new Validator({ kubernetesVersion: '1.33.0', crdSources: [broken] })).message).toMatch(/cannot be read as YAML/);
  });
});

describe('GIVEN a damaged bundle (GITOPS_STORAGE_BUNDLE points at a copy)', () => {
  const copy = () => {
    const dir = tmp('gs-bad-bundle-');
    for (const f of fs.readdirSync(BUNDLE)) fs.copyFileSync(path.join(BUNDLE, f), path.join(dir, f));
    return dir;
  };

  test('WHEN a file is truncated THEN a ConfigError names it and says to reinstall with npm ci; synth writes nothing', () => {
    const dir = copy();
    const file = path.join(dir, 'kubernetes-1.33.json.gz');
    fs.truncateSync(file, 1000);
    withEnv({ [BUNDLE_ENV]: dir }, () => {
      const e = configErrorOf(() => new Validator({ kubernetesVersion: '1.33.2' }));
      expect(e.message).toContain(file);
      expect(e.message).toMatch(/truncated or corrupt/);
      expect(e.message).toMatch(/fix: reinstall the package with npm ci/);
      const app = new App();
      new Site(app, 's', { kubernetesVersion: '1.33.0' });
      const out = path.join(tmp(), 'dist');
      expect(() => synthApp(app, { outdir: out })).toThrow(ConfigError);
      expect(fs.existsSync(out)).toBe(false);
    });
  });

  test('WHEN a file is corrupt (same size) or the index is not JSON THEN a ConfigError names the file', () => {
    const dir = copy();
    const rel = bundleIndex(BUNDLE).crds['topolvm/v0.41.0/config/crd/bases/topolvm.io_logicalvolumes.yaml'];
    const file = path.join(dir, rel);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(file, bytes);
    withEnv({ [BUNDLE_ENV]: dir }, () => {
      // the TopoLVM construct takes its CRD from the bundle
      const site = new Site(new App(), 's', { kubernetesVersion: '1.33.0', topolvmVersion: '0.41.0' });
      const e = configErrorOf(() => new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }] }));
      expect(e.message).toContain(file);
      expect(e.message).toMatch(/corrupt .*sha256/);
      expect(e.message).toMatch(/npm ci/);
    });
    const dir2 = copy();
    fs.writeFileSync(path.join(dir2, 'index.json'), '{"format": 1, "kub');
    withEnv({ [BUNDLE_ENV]: dir2 }, () => {
      const e = configErrorOf(() => new Validator({ kubernetesVersion: '1.20.0' }));
      expect(e.message).toContain(path.join(dir2, 'index.json'));
      expect(e.message).toMatch(/npm ci/);
    });
  });
});

describe('GIVEN no mirror, an empty cache and no network', () => {
  test('THEN synth (1.19.16 and a TopoLVM site), check-dist, validate, schemas and site-schemas all work from the bundle', async () => {
    const cache = tmp('gs-empty-cache-');
    const fetched: string[] = [];
    const failingFetch: FetchLike = async (url) => {
      fetched.push(url);
      throw new Error('network is unreachable');
    };
    const savedFetch = (globalThis as { fetch?: unknown }).fetch;
    (globalThis as { fetch?: unknown }).fetch = failingFetch;
    const out = path.join(tmp(), 'dist');
    const logs: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((m) => { logs.push(String(m)); });
    try {
      await withEnvAsync({ [UPSTREAM_ENV]: tmp('gs-no-mirror-'), [CACHE_ENV]: cache, GITOPS_STORAGE_COMPILE_CACHE: 'off' }, async () => {
        const mod = path.join(__dirname, '..', 'fixtures', 'offline-app.ts');
        process.exitCode = 0;
        await buildProgram().parseAsync(['node', 'gitops-storage', 'synth', '--out', out, '--app', mod]);
        expect(process.exitCode).toBe(0);
        expect(logs.join('\n')).toMatch(/synthesized 2 site\(s\)/);
        // the TopoLVM CRD came from the bundle
        expect(fs.readdirSync(path.join(out, 'lvm', '00-crds'))).toContain('customresourcedefinition_logicalvolumes.topolvm.io.yaml');
        const { buildApp } = require(mod) as { buildApp: () => App };
        const results = checkDist(buildApp(), out);
        expect(results.filter((r) => r.status !== 'statusValid')).toEqual([]);
        expect(results.length).toBeGreaterThan(10);
        const validated = runValidate([path.join(out, 'lvm', '00-crds'), path.join(out, 'lvm', '10-operator')], { kubernetesVersion: 'v1.33.5' });
        expect(validated.output).toMatch(/Invalid: 0, Errors: 0/);
        expect(validated.exitCode).toBe(0);
        const schemas = path.join(tmp(), 'schemas');
        const lines = siteSchemas(buildApp(), schemas, out);
        // schemas are per minor: the patch releases 1.19.16 and 1.33.5 read the folders of 1.19 and 1.33
        expect(lines.join('\n')).toMatch(/-kubernetes-version 1\.19\.0 -schema-location \S+\/kubernetes-1\.19 .*dist\/old-rook\//);
        expect(lines.join('\n')).toMatch(/-kubernetes-version 1\.33\.0 -schema-location \S+\/kubernetes-1\.33 .*dist\/lvm\//);
        expect(fs.existsSync(path.join(schemas, 'kubernetes-1.33', 'v1.33.0-standalone-strict'))).toBe(true);
        expect(fs.existsSync(path.join(schemas, 'kubernetes-1.19', 'v1.19.0-standalone-strict', 'deployment-apps-v1.json'))).toBe(true);
        const oldRookCrds = /-schema-location '([^']+)\/\{\{/.exec(lines.find((l) => l.endsWith('/old-rook/'))!)![1];
        expect(fs.existsSync(path.join(oldRookCrds, 'cephcluster-ceph-v1.json'))).toBe(true);
        expect(runSchemas({ out: path.join(tmp(), 's2'), kubernetesVersion: '1.16.4' }).result.files).toBeGreaterThan(100);
        expect((await prefetch({ kubernetesVersion: '1.19.16', crdSources: ['rook@v1.7.11', 'topolvm@v0.41.0'], fetch: failingFetch })).files).toBe(0);
      });
    } finally {
      log.mockRestore();
      (globalThis as { fetch?: unknown }).fetch = savedFetch;
    }
    expect(fetched).toEqual([]);
    expect(fs.readdirSync(cache).filter((f) => f !== 'parsed-crds')).toEqual([]);
  });
});
