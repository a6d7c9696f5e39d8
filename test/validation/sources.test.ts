import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  availableKubernetesVersions,
  DEFAULT_CRD_SOURCES,
  FetchLike,
  kubernetesDefinitionsPath,
  kubernetesDefinitionsUrl,
  loadText,
  loadTextSync,
  PINNED_CRD_SOURCES,
  prefetch,
  resolveCrdSources,
  resolveUpstreamDir,
} from '../../src/validation/sources';
import { UPSTREAM } from './shared';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-src-'));

describe('resolveUpstreamDir', () => {
  const saved = process.env.GITOPS_STORAGE_UPSTREAM;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITOPS_STORAGE_UPSTREAM;
    else process.env.GITOPS_STORAGE_UPSTREAM = saved;
  });

  test('explicit argument wins, then the environment, then a shared/upstream above cwd or the module', () => {
    process.env.GITOPS_STORAGE_UPSTREAM = '/env/upstream';
    expect(resolveUpstreamDir('/explicit')).toBe('/explicit');
    expect(resolveUpstreamDir()).toBe('/env/upstream');
    delete process.env.GITOPS_STORAGE_UPSTREAM;
    const found = resolveUpstreamDir();
    expect(found).toBeDefined();
    expect(found!.endsWith(path.join('shared', 'upstream'))).toBe(true);
    expect(fs.existsSync(path.join(found!, 'kubernetes'))).toBe(true);
  });
});

describe('pinned sources', () => {
  test('every pinned file exists in the mirror and has a public URL', () => {
    for (const [key, src] of Object.entries(PINNED_CRD_SOURCES)) {
      expect(src.files.length).toBeGreaterThan(0);
      expect(src.urls).toHaveLength(src.files.length);
      for (const f of src.files) expect([key, fs.existsSync(path.join(UPSTREAM, f))]).toEqual([key, true]);
      for (const u of src.urls) expect(u).toMatch(/^https:\/\/raw\.githubusercontent\.com\//);
    }
    expect(PINNED_CRD_SOURCES['flux@v2'].files).toHaveLength(8);
    for (const k of DEFAULT_CRD_SOURCES) expect(PINNED_CRD_SOURCES[k]).toBeDefined();
  });

  test('resolveCrdSources expands keys, files and folders and rejects unknown sources', () => {
    const refs = resolveCrdSources(['topolvm@v0.41.0', path.join(UPSTREAM, 'cert-manager', 'v1.21.1')]);
    expect(refs.filter((r) => r.pinned)).toHaveLength(2);
    expect(refs.filter((r) => !r.pinned).map((r) => path.basename(r.file))).toEqual([
      'cert-manager.io_certificates.yaml',
      'cert-manager.io_clusterissuers.yaml',
      'cert-manager.io_issuers.yaml',
    ]);
    expect(() => resolveCrdSources(['nope@v0'])).toThrow(/unknown CRD source/);
  });
});

describe('kubernetes definitions', () => {
  test('path, URL and available versions', () => {
    expect(kubernetesDefinitionsPath('1.33.0')).toBe('kubernetes/1.33.0/_definitions.json');
    expect(kubernetesDefinitionsUrl('v1.27.0')).toBe(
      'https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v1.27.0/_definitions.json',
    );
    expect(() => kubernetesDefinitionsPath('1.27')).toThrow(/full x\.y\.z/);
    const versions = availableKubernetesVersions(UPSTREAM, tmp());
    expect(versions[0]).toBe('1.16.0');
    expect(versions).toContain('1.33.0');
    expect(versions[versions.length - 1]).toBe('1.36.0');
  });
});

describe('loadText', () => {
  test('reads the mirror first', async () => {
    const fetch = jest.fn() as unknown as FetchLike;
    const text = await loadText('sealed-secrets/v0.36.6/bitnami.com_sealedsecrets.yaml', { upstreamDir: UPSTREAM, cacheDir: tmp(), fetch });
    expect(text).toContain('CustomResourceDefinition');
    expect(fetch).not.toHaveBeenCalled();
  });

  test('downloads into the cache with the injected fetch, then serves from the cache (no network)', async () => {
    const cacheDir = tmp();
    const emptyMirror = tmp();
    const calls: string[] = [];
    const fetch: FetchLike = async (url) => {
      calls.push(url);
      if (url.includes('bad')) return { ok: false, status: 404, text: async () => '' };
      return { ok: true, status: 200, text: async () => 'kind: CustomResourceDefinition\n' };
    };
    const opts = { upstreamDir: emptyMirror, cacheDir, fetch, urls: ['https://example.invalid/bad.yaml', 'https://example.invalid/good.yaml'] };
    expect(await loadText('x/y.yaml', opts)).toBe('kind: CustomResourceDefinition\n');
    expect(calls).toEqual(['https://example.invalid/bad.yaml', 'https://example.invalid/good.yaml']);
    expect(fs.readFileSync(path.join(cacheDir, 'x', 'y.yaml'), 'utf8')).toBe('kind: CustomResourceDefinition\n');
    expect(loadTextSync('x/y.yaml', { upstreamDir: emptyMirror, cacheDir }).text).toContain('CustomResourceDefinition');
    await loadText('x/y.yaml', opts);
    expect(calls).toHaveLength(2);
  });

  test('reports failed downloads and rejects paths escaping the cache', async () => {
    const fetch: FetchLike = async () => {
      throw new Error('network is unreachable');
    };
    await expect(loadText('a.yaml', { upstreamDir: tmp(), cacheDir: tmp(), fetch, urls: ['https://x.invalid/a'] })).rejects.toThrow(
      /network is unreachable/,
    );
    await expect(loadText('../a.yaml', { upstreamDir: tmp(), cacheDir: tmp(), fetch })).rejects.toThrow(/invalid source path/);
    expect(() => loadTextSync('kubernetes/9.9.9/_definitions.json', { upstreamDir: tmp(), cacheDir: tmp() })).toThrow(/prefetch/);
  });

  test('prefetch downloads the definitions and pinned CRDs to the cache', async () => {
    const cacheDir = tmp();
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      return { ok: true, status: 200, text: async () => '{}' };
    };
    const r = await prefetch({ kubernetesVersion: '1.30.0', crdSources: ['topolvm@v0.41.0'], upstreamDir: tmp(), cacheDir, fetch });
    expect(r.files).toBe(3);
    expect(urls[0]).toContain('/kubernetes-schemas/v1.30.0/_definitions.json');
    expect(urls[1]).toBe('https://raw.githubusercontent.com/topolvm/topolvm/v0.41.0/config/crd/bases/topolvm.cybozu.com_logicalvolumes.yaml');
    expect(fs.existsSync(path.join(cacheDir, 'topolvm/v0.41.0/config/crd/bases/topolvm.io_logicalvolumes.yaml'))).toBe(true);
  });
});
