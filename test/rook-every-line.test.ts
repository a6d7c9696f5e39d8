/**
 * Every pinned Rook line v1.0–v1.20 builds the minimal site a user starts with (operator, cluster, replicated pool,
 * block class) and passes strict validation against that line's own CRDs; `rookVersion` resolves any patch of a line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as semver from 'semver';
import { CephCsi, CephRbdStorageClass, FlexStorageClass, FlexVolume, RookCluster, RookOperator, synthApp } from '../src';
import { ROOK_PROFILES } from '../src/versions';
import { hasFeature, KUBERNETES_RANGE, resolveRookVersion, RookVersion } from '../src/versions';
import { ROOK_LINES_GENERATED } from '../src/versions/rook-lines.generated';
import { configError, expectHelpful, findManifest, newSite, UPSTREAM } from './helpers';
import { UPSTREAM_DIR, upstreamPath } from './upstream';
import { renderRookVersionsTable } from '../src/versions/versions-table';

const LINES = Object.keys(ROOK_PROFILES) as RookVersion[];
const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-lines-'));

/** The newest Kubernetes minor (x.y.0) the line supports within the site range. */
function kubernetesFor(v: RookVersion): string {
  for (let minor = Number(KUBERNETES_RANGE.max.split('.')[1]); minor >= 16; minor--) {
    if (semver.satisfies(`1.${minor}.0`, ROOK_PROFILES[v].kubernetes)) return `1.${minor}.0`;
  }
  throw new Error(`no Kubernetes minor for Rook ${v}`);
}

/** The minimal site on a line; lines without a chart install the operator from the mirror's example files. */
function minimalSite(release: string, line: RookVersion) {
  const { app, site } = newSite({ kubernetesVersion: kubernetesFor(line), rookVersion: release as any, nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }] }, `rook-${line.replace(/\./g, '-')}`);
  const operator = ROOK_PROFILES[line].hasChart
    ? new RookOperator(site, 'operator')
    : new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook-lines', `v${line}`) } });
  const cluster = new RookCluster(site, 'cluster', { mon: { count: 3 }, storage: { useAllNodes: true, deviceFilter: '^sd[b-c]$' } });
  const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
  if (hasFeature(site.versions, 'csi')) {
    new CephCsi(site, 'csi', { operator });
    new CephRbdStorageClass(site, 'block', { pool, isDefault: true });
  } else {
    new FlexVolume(site, 'flex', { operator, platform: 'kubelet-default' });
    new FlexStorageClass(site, 'block', { pool, isDefault: true });
  }
  return { app, site };
}

describe('GIVEN the Rook line table', () => {
  test('THEN RookVersion names exactly the generated lines, v1.0 to v1.20', () => {
    expect(LINES).toEqual(ROOK_LINES_GENERATED.map((l) => l.version));
    expect(LINES.map((v) => v.split('.')[1])).toEqual(Array.from({ length: 21 }, (_, i) => String(i)));
  });
});

(UPSTREAM_DIR ? describe : describe.skip)('GIVEN a minimal site (operator, cluster, replicated pool, block class)', () => {
  test.each(LINES)('WHEN it pins Rook %s THEN it validates strictly against that line\'s own CRDs', (line) => {
    const { app, site } = minimalSite(line, line);
    const r = synthApp(app, { outdir: out(), upstreamDir: UPSTREAM });
    expect(site.schemaSources).toContain(`rook@v${line}`);
    expect(r.results.length).toBeGreaterThan(3);
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const cls = findManifest(site, 'StorageClass', 'block');
    expect(cls.provisioner).toBe(hasFeature(site.versions, 'csi') ? 'rook-ceph.rbd.csi.ceph.com' : 'ceph.rook.io/block');
  });
});

describe('GIVEN rookVersion on a Site', () => {
  test('WHEN it is an older patch or has a leading v THEN it resolves to its line\'s pinned data, and the chart is the release asked for', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: 'v1.5.3' });
    expect(site.versions.rook).toBe('1.5.12');
    expect(site.versions.rookRelease).toBe('1.5.3');
    expect(site.warnings).toEqual([]);
    const op = new RookOperator(site, 'operator');
    expect(op.chartVersion).toBe('v1.5.3');
  });

  test('WHEN it is a patch newer than the pinned one THEN it is accepted with one note naming the pinned patch', () => {
    const { site } = newSite({ kubernetesVersion: '1.33.0', rookVersion: '1.20.7' });
    expect(site.versions.rook).toBe('1.20.6');
    expect(site.warnings).toHaveLength(1);
    expect(site.warnings[0]).toMatch(/v1\.20\.7 is newer than v1\.20\.6/);
  });

  test.each([
    ['1.21.0', /not a line this package has data for \(the newest is 1\.20, pinned at v1\.20\.6\)/, /1\.0 to 1\.20/],
    ['2.0.0', /Rook 2\.0 is not a line.*newest is 1\.20/, /1\.0 to 1\.20/],
    ['1.20', /without a patch release/, /"1\.20\.6"/],
    ['latest', /not a Rook release/, /exact release/],
    ['v1.x', /not a Rook release/, /exact release/],
  ])('WHEN it is %s THEN a ConfigError says what to write', (bad, problem, fix) => {
    const e = configError(() => newSite({ kubernetesVersion: '1.33.0', rookVersion: bad as any }));
    expect(e.message).toMatch(problem);
    expectHelpful(e.message, { path: /rookVersion/, value: bad, allowed: /pinned patches: 1\.0\.6, .*1\.20\.6/, fix });
  });

  test('WHEN the Kubernetes version is outside the line\'s range THEN the error names the range and the lines that support it', () => {
    const e = configError(() => newSite({ kubernetesVersion: '1.33.0', rookVersion: '1.5.3' }));
    expectHelpful(e.message, { path: /rookVersion/, value: '1.33.0', allowed: /Kubernetes >=1\.11\.0 <1\.23\.0 for Rook 1\.5; Rook lines that support Kubernetes 1\.33\.0: .*1\.19, 1\.20/, fix: /Rook version/ });
  });

  test('WHEN resolved directly THEN the same rules hold', () => {
    expect(resolveRookVersion('1.19.10', 'x')).toEqual({ line: '1.19.10', release: '1.19.10' });
    expect(() => resolveRookVersion(120, 'x')).toThrow(/not a version string/);
  });
});

describe('GIVEN a line without a chart (Rook 1.0)', () => {
  test('WHEN the operator asks for the Helm chart THEN the error names the vendored mode and the lines with a chart', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.0.6' });
    const e = configError(() => new RookOperator(site, 'operator'));
    expectHelpful(e.message, { path: /operator: install/, value: 'mode: helm', allowed: /vendored.*chart on Rook 1\.1 to 1\.20/, fix: /common\.yaml and operator\.yaml of tag v1\.0\.6/ });
  });
});

/** Chart values the rook-ceph chart templates read although values.yaml shows them only commented out (1.2-1.7: `# agent:` / `#   flexVolumeDirPath:`). */
const COMMENTED_CHART_VALUES = new Set(['agent.flexVolumeDirPath']);

function leafPaths(o: unknown, prefix = '', out: string[] = []): string[] {
  if (o && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).length > 0) {
    for (const [k, v] of Object.entries(o)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.push(prefix);
  return out;
}

describe('GIVEN the reference fleet', () => {
  test('WHEN built THEN it has a site on Rook 1.19.10 and one on Rook 1.5.12, and every rook-ceph chart value it sets is one the line\'s chart has', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { buildApp } = require('../src/main') as typeof import('../src/main');
    const app = buildApp();
    const sites = app.node.children.filter((c: any) => c.versions?.rook) as any[];
    expect(sites.map((s) => s.versions.rook)).toEqual(expect.arrayContaining(['1.19.10', '1.5.12']));
    let checked = 0;
    for (const s of sites) {
      for (const o of s.node.findAll()) {
        const j = typeof (o as any).toJson === 'function' && (o as any).kind ? (o as any).toJson() : undefined;
        const values = j?.kind === 'Application' && j.spec?.source?.chart === 'rook-ceph' ? j.spec.source.helm?.valuesObject : j?.kind === 'HelmRelease' ? j.spec?.values : undefined;
        if (!values) continue;
        const known = new Set(ROOK_PROFILES[s.versions.rook as RookVersion].facts.chartValues['rook-ceph']);
        const unknown = leafPaths(values).filter((p) => !known.has(p) && !COMMENTED_CHART_VALUES.has(p));
        expect([s.siteName, unknown]).toEqual([s.siteName, []]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});

describe('GIVEN README.md', () => {
  test('WHEN read THEN its Versions section holds the Rook table rendered from the version table (run npm run rook-lines if not)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const table = renderRookVersionsTable();
    expect(table.split('\n').filter((l) => /^\| 1\.\d+ \| v1\./.test(l))).toHaveLength(21);
    expect(readme).toContain(table);
  });
});

describe('GIVEN a CephCluster image on a Rook line', () => {
  test('WHEN its Ceph release is one the line does not support THEN a ConfigError names the line\'s releases', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: '1.5.3' });
    const e = configError(() => new RookCluster(site, 'cluster', { cephVersion: { image: 'quay.io/ceph/ceph:v17.2.6' } }));
    expectHelpful(e.message, { path: 'test-site/cluster: cephVersion.image', value: 'quay.io/ceph/ceph:v17.2.6', allowed: /Nautilus v14\.2\.5\+, Octopus v15\.2\.0\+ on Rook 1\.5/, fix: /allowUnsupported/ });
  });

  test('WHEN it is supported, a floating tag of a supported release, or allowUnsupported is set THEN it is accepted', () => {
    for (const image of ['ceph/ceph:v15.2.11', 'ceph/ceph:v15']) {
      const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: '1.5.3' });
      new RookCluster(site, 'cluster', { cephVersion: { image } });
      expect(findManifest(site, 'CephCluster', 'rook-ceph').spec.cephVersion.image).toBe(image);
    }
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: '1.5.3' });
    new RookCluster(site, 'cluster', { cephVersion: { image: 'quay.io/ceph/ceph:v17.2.6', allowUnsupported: true } });
    expect(findManifest(site, 'CephCluster', 'rook-ceph').spec.cephVersion).toMatchObject({ image: 'quay.io/ceph/ceph:v17.2.6', allowUnsupported: true });
  });
});

(UPSTREAM_DIR ? describe : describe.skip)('GIVEN the operator in vendored mode', () => {
  test.each(LINES)('WHEN Rook %s is installed from its own example files THEN the site validates strictly', (line) => {
    const { app, site } = newSite({ kubernetesVersion: kubernetesFor(line), rookVersion: line }, `v-${line.replace(/\./g, '-')}`);
    new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook-lines', `v${line}`) } });
    new RookCluster(site, 'cluster', { mon: { count: 3 }, storage: { useAllNodes: true } });
    const r = synthApp(app, { outdir: out(), upstreamDir: UPSTREAM });
    expect(r.results.length).toBeGreaterThan(10);
    expect(r.results.filter((x) => x.status !== 'statusValid').map((x) => `${x.kind}/${x.name}: ${x.msg ?? ''}`)).toEqual([]);
  });

  test('WHEN Rook 1.8.10 (PodSecurityPolicies in common.yaml) is vendored on Kubernetes 1.30 THEN the policies are left out with a warning, and kept on 1.24', () => {
    const on = (k8s: string) => {
      const { app, site } = newSite({ kubernetesVersion: k8s, rookVersion: '1.8.10' });
      new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook-lines', 'v1.8.10') } });
      synthApp(app, { outdir: out(), upstreamDir: UPSTREAM });
      return { psp: site.node.findAll().filter((o: any) => o.kind === 'PodSecurityPolicy').length, warnings: site.warnings };
    };
    const modern = on('1.30.0');
    expect(modern.psp).toBe(0);
    expect(modern.warnings.join('\n')).toMatch(/left out the PodSecurityPolicy objects .*common\.yaml: 00-rook-privileged.*removed in 1\.25/);
    const old = on('1.24.0');
    expect(old.psp).toBeGreaterThan(0);
    expect(old.warnings).toEqual([]);
  });
});
