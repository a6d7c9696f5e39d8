/**
 * Fleet (src/pipeline/fleet.ts), issue 13, the Fleet table: one row per cluster, one build callback, row-level
 * overrides of the fleet's settings, and rows checked strictly (errors name the row and the field).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephCsi, CephRbdStorageClass, Fleet, FleetProps, FleetRowProps, RookCluster, RookOperator, synthApp } from '../src';
import { configError, expectHelpful, UPSTREAM } from './helpers';

const REPO = 'https://git.example.com/platform/storage.git';

interface Settings extends Record<string, unknown> {
  replicas: number;
  pools: string[];
  mon: { count: number; allowMultiplePerNode: boolean };
}

const SETTINGS: Settings = { replicas: 3, pools: ['replicapool'], mon: { count: 3, allowMultiplePerNode: false } };

function build(site: Parameters<FleetProps<Settings>['build']>[0], { settings }: Parameters<FleetProps<Settings>['build']>[1]): void {
  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator });
  const cluster = new RookCluster(site, 'cluster', { name: 'rook-ceph', namespace: 'rook-ceph', mon: settings.mon, storage: { useAllNodes: true, useAllDevices: true } });
  settings.pools.forEach((p, i) => {
    const pool = cluster.addPool(p, { failureDomain: 'host', replicated: { size: settings.replicas, requireSafeReplicaSize: settings.replicas > 1 } });
    new CephRbdStorageClass(site, `${p}-block`, { pool, isDefault: i === 0 });
  });
}

const nodes = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-node-${i}`);

function fleet(rows: unknown[], extra: Partial<FleetProps<Settings>> = {}): { app: App; fleet: Fleet<Settings> } {
  const app = new App();
  const f = new Fleet<Settings>(app, 'fleet', { gitops: { engine: 'argocd', repoURL: REPO }, settings: SETTINGS, sites: rows as FleetRowProps[], build, ...extra });
  return { app, fleet: f };
}

describe('GIVEN a fleet table of three clusters, one with overrides, read from a YAML file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-table-'));
  const file = path.join(dir, 'fleet.yaml');
  fs.writeFileSync(file, [
    'sites:',
    '  - { name: dc1, kubernetesVersion: 1.33.0, rookVersion: 1.20.6, nodes: [dc1-a, dc1-b, dc1-c], destination: { name: dc1 } }',
    '  - { name: dc2, kubernetesVersion: 1.32.4, rookVersion: 1.20.6, nodes: [dc2-a, dc2-b, dc2-c], destination: { name: dc2 }, project: storage }',
    '  - name: lab',
    '    kubernetesVersion: 1.33.0',
    '    rookVersion: 1.20.6',
    '    nodes: [lab-a, lab-b, lab-c]',
    '    destination: { server: "https://lab.k8s.example.com:6443" }',
    '    overrides: { replicas: 1, pools: [scratch, builds], mon: { count: 1 } }',
    '',
  ].join('\n'));
  const { app, fleet: f } = fleet(Fleet.readRows(file));
  const r = synthApp(app, { outdir: path.join(dir, 'dist'), upstreamDir: UPSTREAM });
  const pools = (site: string) => r.sites.find((s) => s.site.siteName === site)!.files.flatMap((x) => x.objects).filter((o) => o.kind === 'CephBlockPool');

  test('WHEN synthesized THEN there is one site per row, with its versions, and all are strictly valid', () => {
    expect(f.sites.map((s) => [s.siteName, s.versions.kubernetes, s.versions.rook])).toEqual([['dc1', '1.33.0', '1.20.6'], ['dc2', '1.32.4', '1.20.6'], ['lab', '1.33.0', '1.20.6']]);
    expect(r.results.every((x) => x.status === 'statusValid')).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['_fleet', 'dc1', 'dc2', 'lab']);
  });

  test('WHEN a row has no overrides THEN its site gets the fleet settings', () => {
    expect(pools('dc1').map((p) => [p.metadata.name, p.spec.replicated.size])).toEqual([['replicapool', 3]]);
  });

  test('WHEN a row overrides settings THEN lists are replaced and objects merged key by key', () => {
    expect(pools('lab').map((p) => [p.metadata.name, p.spec.replicated.size])).toEqual([['builds', 1], ['scratch', 1]]);
    const cluster = r.sites.find((s) => s.site.siteName === 'lab')!.files.flatMap((x) => x.objects).find((o) => o.kind === 'CephCluster');
    expect(cluster.spec.mon).toEqual({ count: 1, allowMultiplePerNode: false });
  });

  test('WHEN the ApplicationSet is read THEN each row\'s destination and project reached its site', () => {
    const set = r.fleet!.files.find((x) => x.path.startsWith('argocd/'))!.objects[0];
    expect(set.spec.generators[0].list.elements.map((e: any) => [e.site, e.project])).toEqual([['dc1', 'default'], ['dc2', 'storage'], ['lab', 'default']]);
    const lab = r.sites.find((s) => s.site.siteName === 'lab')!.files.find((x) => x.path === 'gitops/apps/application_lab-pools.yaml')!.objects[0];
    expect(lab.spec.destination).toEqual({ server: 'https://lab.k8s.example.com:6443' });
  });
});

describe('GIVEN fleet rows with bad input', () => {
  const row = (over: Record<string, unknown> = {}) => ({ name: 'dc1', kubernetesVersion: '1.33.0', rookVersion: '1.20.6', nodes: nodes(3, 'dc1'), destination: { name: 'dc1' }, ...over });

  test('WHEN a row names an unknown Rook version THEN the error names the row index, the field, the pinned versions and a fix', () => {
    const e = configError(() => fleet([row(), row({ name: 'dc2', rookVersion: 'latest' as any, destination: { name: 'dc2' } })]));
    expectHelpful(e.message, { path: /fleet fleet: sites\[1\]\.rookVersion/, value: /latest/, allowed: /pinned patches: 1\.0\.6, .*1\.20\.6/, fix: /exact release/ });
  });

  test('WHEN a row\'s cluster name is not DNS-1123 THEN the error names the row and suggests a name', () => {
    const e = configError(() => fleet([row({ destination: { name: 'Edge_7' } })]));
    expectHelpful(e.message, { path: /sites\[0\]\.destination\.name/, value: /Edge_7/, allowed: /lower-case letters/, fix: /edge-7/ });
  });

  test('WHEN two rows share a name THEN the second is named as the duplicate', () => {
    const e = configError(() => fleet([row(), row({ destination: { name: 'dc9' } })]));
    expectHelpful(e.message, { path: /sites\[1\]\.name/, value: /dc1/, allowed: /unique site names/, fix: /rename the second/ });
  });

  test('WHEN a row overrides a setting the fleet does not have THEN the misspelt key and the known ones are shown', () => {
    const e = configError(() => fleet([row({ overrides: { replica: 2 } })]));
    expectHelpful(e.message, { path: /sites\[0\]\.overrides\.replica/, value: /replica/, allowed: /replicas, pools, mon/, fix: /correct the key/ });
  });

  test('WHEN a Flux-only field is on a row of an Argo CD fleet THEN the error says which fields the engine uses', () => {
    const e = configError(() => fleet([row({ kubeConfigSecretRef: 'dc1-kubeconfig' })]));
    expectHelpful(e.message, { path: /sites\[0\]\.kubeConfigSecretRef/, value: /dc1-kubeconfig/, allowed: /destination and project/, fix: /remove kubeConfigSecretRef/ });
  });

  test('WHEN a plain fleet row names a destination THEN the error says a destination needs an engine', () => {
    const e = configError(() => fleet([row()], { gitops: undefined }));
    expectHelpful(e.message, { path: /sites\[0\]\.destination/, value: /dc1/, allowed: /plain fleet/, fix: /gitops engine/ });
  });

  test('WHEN a row has a field no row has THEN the known fields are listed', () => {
    const e = configError(() => fleet([row({ rookVerison: '1.20.6' })]));
    expectHelpful(e.message, { path: /sites\[0\]\.rookVerison/, value: /rookVerison/, allowed: /rookVersion/, fix: /remove "rookVerison"/ });
  });

  test('WHEN the table file is not a list THEN reading it fails with what to write', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-bad-')), 'fleet.yaml');
    fs.writeFileSync(file, 'name: dc1\n');
    const e = configError(() => Fleet.readRows(file));
    expectHelpful(e.message, { path: /fleet\.yaml/, value: /object/, allowed: /list of rows/, fix: /one list entry per cluster/ });
  });
});

describe('GIVEN a fleet table synthesized one site at a time (Fleet.synth)', () => {
  const rows = ['dc1', 'dc2', 'dc3'].map((name) => ({ name, kubernetesVersion: '1.33.0', rookVersion: '1.20.6' as const, nodes: nodes(3, name), destination: { name } }));
  const props = { gitops: { engine: 'argocd' as const, repoURL: REPO }, settings: SETTINGS, sites: rows, build };
  const read = (dir: string): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : (out[path.relative(dir, path.join(d, e.name))] = fs.readFileSync(path.join(d, e.name), 'utf8'))));
    walk(dir);
    return out;
  };

  test('WHEN streamed THEN it writes the same files, byte for byte, as synthesizing an App holding the Fleet', () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-stream-a-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-stream-b-'));
    const app = new App();
    new Fleet<Settings>(app, 'fleet', props);
    synthApp(app, { outdir: a, upstreamDir: UPSTREAM });
    const r = Fleet.synth<Settings>(props, { outdir: b, upstreamDir: UPSTREAM });
    expect(r.results.every((x) => x.status === 'statusValid')).toBe(true);
    const written = read(b);
    expect(Object.keys(written).length).toBeGreaterThan(50);
    expect(written).toEqual(read(a));
  });

  test('WHEN a later row fails its checks THEN the error names it and nothing of the earlier rows is written', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-stream-bad-'));
    const bad = [...rows, { ...rows[0], name: 'dc4', destination: { name: 'dc4' }, overrides: { mon: { count: 5 } } }];
    let message = '';
    try {
      Fleet.synth<Settings>({ ...props, sites: bad }, { outdir: out, upstreamDir: UPSTREAM });
    } catch (e) {
      message = (e as Error).message;
    }
    expectHelpful(message, { path: /dc4\/cluster/, value: /5/, fix: /mon/ });
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
