/**
 * `check-dist` validates the files on disk (what Argo CD / Flux will apply), each site with its own schemas.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephCsi, RookOperator, Site, synthApp } from '../src';
import { checkDist, siteSchemas } from '../src/cli/cli';
import { buildApp } from '../src/main';
import { UPSTREAM } from './helpers';

const DIST = path.resolve(__dirname, '..', 'dist');

describe('GIVEN the committed dist/', () => {
  test('WHEN checked THEN every manifest of every site is valid against its own Kubernetes version and CRDs', () => {
    const r = checkDist(buildApp(), DIST, UPSTREAM);
    expect(r.filter((x) => x.status !== 'statusValid')).toEqual([]);
    expect(new Set(r.map((x) => x.filename.split(path.sep).slice(-3)[0])).size).toBeGreaterThanOrEqual(6);
  });

  test('WHEN a file was edited by hand with a typo THEN check-dist reports it with its path', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-dist-copy-'));
    fs.cpSync(DIST, copy, { recursive: true });
    const f = path.join(copy, 'dc1-local', '40-pools', 'cephblockpool_rook-ceph_replicapool.yaml');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('failureDomain: host', 'failureDomian: host'));
    const bad = checkDist(buildApp(), copy, UPSTREAM).filter((x) => x.status !== 'statusValid');
    expect(bad).toHaveLength(1);
    expect(bad[0].filename).toBe(f);
    expect(JSON.stringify(bad[0])).toMatch(/failureDomian/);
  });
});

describe('GIVEN a fleet whose sites a hub Argo CD and a Flux management cluster drive (dist/_fleet/)', () => {
  const REPO = 'https://git.example.com/platform/storage.git';
  function fleetApp(): App {
    const app = new App();
    for (const [name, gitops] of [
      ['dc1', { engine: 'argocd', repoURL: REPO, destination: { name: 'dc1' } }],
      ['dc2', { engine: 'flux', url: REPO, kubeConfigSecretRef: 'dc2-kubeconfig' }],
    ] as const) {
      const site = new Site(app, name, { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', gitops });
      new CephCsi(site, 'csi', { operator: new RookOperator(site, 'operator', {}) });
    }
    return app;
  }
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-dist-'));
  synthApp(fleetApp(), { outdir: dist, upstreamDir: UPSTREAM });
  const appSet = path.join(dist, '_fleet', 'argocd', 'applicationset_storage-fleet.yaml');

  test('WHEN checked THEN the hub files are validated too, and are valid', () => {
    const r = checkDist(fleetApp(), dist, UPSTREAM);
    const hub = r.filter((x) => x.filename.includes(`${path.sep}_fleet${path.sep}`));
    expect(hub.map((x) => x.kind)).toEqual(expect.arrayContaining(['ApplicationSet', 'Kustomization', 'GitRepository']));
    expect(r.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });

  test('WHEN the ApplicationSet was corrupted by hand THEN check-dist reports it with its path', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-copy-'));
    fs.cpSync(dist, copy, { recursive: true });
    const f = path.join(copy, '_fleet', 'argocd', 'applicationset_storage-fleet.yaml');
    const text = fs.readFileSync(appSet, 'utf8');
    expect(text).toMatch(/preserveResourcesOnDeletion/);
    fs.writeFileSync(f, text.replace('preserveResourcesOnDeletion', 'preserveResourcesOnDeletoin'));
    const bad = checkDist(fleetApp(), copy, UPSTREAM).filter((x) => x.status !== 'statusValid');
    expect(bad).toHaveLength(1);
    expect(bad[0].filename).toBe(f);
    expect(JSON.stringify(bad[0])).toMatch(/preserveResourcesOnDeletoin/);
  });

  test('WHEN dist/_fleet/ is missing THEN check-dist says to run synth', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-copy-'));
    fs.cpSync(dist, copy, { recursive: true });
    fs.rmSync(path.join(copy, '_fleet'), { recursive: true });
    const bad = checkDist(fleetApp(), copy, UPSTREAM).filter((x) => x.status !== 'statusValid');
    expect(bad.map((x) => x.msg)).toEqual([expect.stringMatching(/_fleet\/.*run synth first/)]);
  });

  test('WHEN site-schemas runs THEN it writes the hub\'s schemas and prints a kubeconform command for dist/_fleet/', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-fleet-schemas-'));
    const lines = siteSchemas(fleetApp(), out, dist, UPSTREAM);
    const cmd = lines.find((l) => l.startsWith('kubeconform') && l.endsWith(`${path.join(dist, '_fleet')}/`));
    expect(cmd).toBeDefined();
    expect(fs.existsSync(path.join(out, '_fleet', 'crds', 'applicationset-argoproj-v1alpha1.json'))).toBe(true);
    expect(fs.existsSync(path.join(out, '_fleet', 'crds', 'kustomization-kustomize-v1.json'))).toBe(true);
  });
});
