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
import { Validator } from '../../src/validation/validator';
import { bundledCrdDocuments } from '../../src/validation/bundle';
import { describeWithUpstream, upstreamPath } from '../upstream';

const CRD = (group: string, kind: string) =>
  `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${kind.toLowerCase()}s.${group}\nspec:\n  group: ${group}\n  names:\n    kind: ${kind}\n    plural: ${kind.toLowerCase()}s\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size:\n                  type: integer\n`;

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-src-'));

describe('resolveUpstreamDir', () => {
  const saved = process.env.GITOPS_STORAGE_UPSTREAM;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITOPS_STORAGE_UPSTREAM;
    else process.env.GITOPS_STORAGE_UPSTREAM = saved;
  });

  test('explicit argument wins, then the environment, and nothing else: the runtime never searches for a shared/upstream', () => {
    process.env.GITOPS_STORAGE_UPSTREAM = '/env/upstream';
    expect(resolveUpstreamDir('/explicit')).toBe('/explicit');
    expect(resolveUpstreamDir()).toBe('/env/upstream');
    delete process.env.GITOPS_STORAGE_UPSTREAM;
    const root = tmp();
    fs.mkdirSync(path.join(root, 'shared', 'upstream', 'kubernetes'), { recursive: true });
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    const cwd = process.cwd();
    try {
      process.chdir(path.join(root, 'a', 'b'));
      expect(resolveUpstreamDir()).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('pinned sources', () => {
  test('every pinned file is in the bundle and has a public URL', () => {
    for (const [key, src] of Object.entries(PINNED_CRD_SOURCES)) {
      expect(src.files.length).toBeGreaterThan(0);
      expect(src.urls).toHaveLength(src.files.length);
      for (const f of src.files) expect([key, f, (bundledCrdDocuments(f)?.docs.length ?? 0) > 0]).toEqual([key, f, true]);
      for (const u of src.urls) expect(u).toMatch(/^https:\/\/raw\.githubusercontent\.com\//);
    }
    expect(PINNED_CRD_SOURCES['flux@v2'].files).toHaveLength(8);
    expect(PINNED_CRD_SOURCES['gateway-api@v1.6.1'].files).toHaveLength(5);
    for (const k of DEFAULT_CRD_SOURCES) expect(PINNED_CRD_SOURCES[k]).toBeDefined();
  });

  test('resolveCrdSources expands keys, files, folders and URLs and rejects unknown sources', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'b.yaml'), CRD('example.com', 'Bee'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), CRD('example.com', 'Ant'));
    const refs = resolveCrdSources(['topolvm@v0.41.0', dir, 'https://example.invalid/crds/widget.yaml']);
    expect(refs.filter((r) => r.pinned)).toHaveLength(3);
    expect(refs.filter((r) => !r.pinned).map((r) => path.basename(r.file))).toEqual(['a.yaml', 'b.yaml']);
    expect(refs[refs.length - 1]).toMatchObject({ url: 'https://example.invalid/crds/widget.yaml', file: expect.stringMatching(/^urls\/[0-9a-f]{16}\/widget\.yaml$/) });
    expect(() => resolveCrdSources(['nope@v0'])).toThrow(/unknown CRD source/);
  });
});

describeWithUpstream('pinned sources in the mirror', () => {
  test('every pinned file exists in the mirror', () => {
    for (const [key, src] of Object.entries(PINNED_CRD_SOURCES)) {
      for (const f of src.files) expect([key, fs.existsSync(upstreamPath(f))]).toEqual([key, true]);
    }
  });
});

describe('kubernetes definitions', () => {
  test('path, URL and available versions: any patch maps to its minor', () => {
    expect(kubernetesDefinitionsPath('1.33.0')).toBe('kubernetes/1.33.0/_definitions.json');
    expect(kubernetesDefinitionsPath('1.33.5')).toBe('kubernetes/1.33.0/_definitions.json');
    expect(kubernetesDefinitionsUrl('v1.27.3')).toBe(
      'https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v1.27.0/_definitions.json',
    );
    expect(() => kubernetesDefinitionsPath('1.27')).toThrow(/full version x\.y\.z/);
    const versions = availableKubernetesVersions();
    expect(versions[0]).toBe('1.16.0');
    expect(versions).toContain('1.33.0');
    expect(versions[versions.length - 1]).toBe('1.36.0');
  });
});

describe('loadText', () => {
  test('reads the mirror first', async () => {
    const fetch = jest.fn() as unknown as FetchLike;
    const mirror = tmp();
    fs.mkdirSync(path.join(mirror, 'x'));
    fs.writeFileSync(path.join(mirror, 'x', 'crd.yaml'), CRD('example.com', 'Ant'));
    const text = await loadText('x/crd.yaml', { upstreamDir: mirror, cacheDir: tmp(), fetch });
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

  test('prefetch downloads nothing that is bundled, and a user\'s CRD URL once into the cache', async () => {
    const cacheDir = tmp();
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      return { ok: true, status: 200, text: async () => CRD('example.com', 'Widget') };
    };
    const none = await prefetch({ kubernetesVersion: '1.30.7', crdSources: ['topolvm@v0.41.0', 'rook@v1.20.6'], upstreamDir: tmp(), cacheDir, fetch });
    expect(none.files).toBe(0);
    expect(urls).toEqual([]);
    const url = 'https://example.invalid/crds/widget.yaml';
    const r = await prefetch({ kubernetesVersion: '1.30.7', crdSources: ['topolvm@v0.41.0', url], cacheDir, fetch });
    expect(r.files).toBe(1);
    expect(urls).toEqual([url]);
    const v = new Validator({ kubernetesVersion: '1.30.7', crdSources: [url], cacheDir });
    expect(v.validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'd' }, spec: { size: 'big' } }).status).toBe('statusInvalid');
  });
});
