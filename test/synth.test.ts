/**
 * Output discipline: atomic replace of dist/<site>/, nothing written on failure, CLI synth exit codes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, JsonPatch } from 'cdk8s';
import { CephRbdStorageClass, RookCluster, Site } from '../src';
import { buildProgram } from '../src/cli/cli';
import { synthApp } from '../src/pipeline/synth';
import { UPSTREAM } from './helpers';

function goodApp(): App {
  const app = new App();
  const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
  const cluster = new RookCluster(site, 'cluster');
  const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
  new CephRbdStorageClass(site, 'block', { pool });
  return app;
}

describe('GIVEN a previous dist/ with a site in it', () => {
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-dist-'));
    synthApp(goodApp(), { outdir: out, upstreamDir: UPSTREAM });
  });

  test('WHEN the next synth fails THEN the previous site folder is left byte-for-byte as it was', () => {
    const before = fs.readFileSync(path.join(out, 'lab/40-pools/cephblockpool_rook-ceph_replicapool.yaml'), 'utf8');
    const app = new App();
    const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { cluster, pool: 'missing' });
    expect(() => synthApp(app, { outdir: out, upstreamDir: UPSTREAM })).toThrow(/nothing was written/);
    expect(fs.readFileSync(path.join(out, 'lab/40-pools/cephblockpool_rook-ceph_replicapool.yaml'), 'utf8')).toBe(before);
    expect(fs.readdirSync(out)).toEqual(['lab']);
  });

  test('WHEN the next synth succeeds with fewer objects THEN stale files of that site are gone and no temp folders remain', () => {
    const app = new App();
    const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    new RookCluster(site, 'cluster');
    synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    expect(fs.existsSync(path.join(out, 'lab/40-pools'))).toBe(false);
    expect(fs.readdirSync(out)).toEqual(['lab']);
  });

  test('WHEN an object fails strict schema validation THEN synth names the file, construct and JSON path, and writes nothing', () => {
    const app = new App();
    const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const cluster = new RookCluster(site, 'cluster');
    // escape hatch misuse: a field the CRD does not have
    cluster.resource.addJsonPatch(JsonPatch.add('/spec/cleanupPolicy', { confirmaton: 'yes-really-destroy-data' }));
    const before = fs.readdirSync(path.join(out, 'lab'), { recursive: true } as any);
    const err = (() => { try { synthApp(app, { outdir: out, upstreamDir: UPSTREAM }); } catch (e) { return e as Error; } return undefined; })();
    expect(err?.message).toMatch(/lab\/30-cluster\/cephcluster_rook-ceph_rook-ceph\.yaml \(from lab\/cluster\): CephCluster rook-ceph is invalid: \/spec\/cleanupPolicy\/confirmaton/);
    expect(fs.readdirSync(path.join(out, 'lab'), { recursive: true } as any)).toEqual(before);
  });
});

describe('GIVEN the CLI', () => {
  test('WHEN `synth` runs on a module whose app is invalid THEN it prints the problems and exits non-zero', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cli-'));
    const mod = path.join(dir, 'bad-app.js');
    // the app module the CLI loads; it builds the app defined below in this test
    fs.writeFileSync(mod, 'module.exports.buildApp = () => global.__badApp();\n');
    (global as any).__badApp = () => {
      const app = new App();
      const site = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const c = new RookCluster(site, 'cluster');
      new CephRbdStorageClass(site, 'block', { cluster: c, pool: 'nope' });
      return app;
    };
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m) => { errors.push(String(m)); });
    process.exitCode = 0;
    await buildProgram().parseAsync(['node', 'cli', 'synth', '--app', mod, '--out', path.join(dir, 'dist')]);
    spy.mockRestore();
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(errors.join('\n')).toMatch(/lab\/block: pool[\s\S]*got: "nope"/);
    expect(fs.existsSync(path.join(dir, 'dist', 'lab'))).toBe(false);
  });
});
