/**
 * One site pipeline behind every entry point (src/pipeline/site-pipeline.ts): `app.synth()` of a StorageApp (write
 * all at once), the streamed synth (write as it goes) and `plan` (compare with the committed folder) render and
 * validate through it, with the one validator builder of src/pipeline/site-validator.ts, so a site gives the same
 * problems and warnings whichever way it is synthesized.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, JsonPatch } from 'cdk8s';
import { CephRbdStorageClass, RookCluster, Site, StorageApp } from '../src';
import { checkDist } from '../src/cli/cli';
import { planApp } from '../src/pipeline/plan';
import { SitePipeline } from '../src/pipeline/site-pipeline';
import * as siteValidatorModule from '../src/pipeline/site-validator';
import { synthApp, SynthError } from '../src/pipeline/synth';
import { UPSTREAM } from './helpers';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

const WARNING = 'the lab has one disk per node; fix: add disks before production';

/**
 * Two sites: `edge` is fine, `lab` carries one warning and, when `schemaProblem`, a CephCluster field its CRD does
 * not have (an escape-hatch typo only the schema catches).
 */
function build(app: App, schemaProblem: boolean): void {
  const edge = new Site(app, 'edge', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
  new RookCluster(edge, 'cluster');
  const lab = new Site(app, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
  const cluster = new RookCluster(lab, 'cluster');
  const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
  new CephRbdStorageClass(lab, 'block', { pool });
  lab.addWarning(WARNING);
  if (schemaProblem) cluster.resource.addJsonPatch(JsonPatch.add('/spec/cleanupPolicy', { confirmaton: 'yes-really-destroy-data' }));
}

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof SynthError) return e.problems;
    throw e;
  }
  throw new Error('expected a SynthError');
}

function captureStderr(fn: () => void): string {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((c: any) => { chunks.push(String(c)); return true; });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

/** Runs `fn` and counts the sites the pipeline took and the site validators built meanwhile. */
function throughPipeline(fn: () => void): { sites: string[]; validatorsFor: string[] } {
  const original = SitePipeline.prototype.run;
  const sites: string[] = [];
  const run = jest.spyOn(SitePipeline.prototype, 'run').mockImplementation(function* (this: SitePipeline, all: Iterable<Site>) {
    for (const o of original.call(this, all)) {
      sites.push(o.site.siteName);
      yield o;
    }
  } as typeof original);
  const validator = jest.spyOn(siteValidatorModule, 'siteValidator');
  try {
    fn();
    return { sites, validatorsFor: [...new Set(validator.mock.calls.map((c) => (c[0] as Site).siteName))] };
  } finally {
    run.mockRestore();
    validator.mockRestore();
  }
}

describe('GIVEN a site with one schema problem and one warning', () => {
  const EXPECTED = /^lab\/30-cluster\/cephcluster_rook-ceph_rook-ceph\.yaml \(from lab\/cluster\): CephCluster rook-ceph is invalid: \/spec\/cleanupPolicy\/confirmaton/;

  test('WHEN it goes through app.synth(), the streamed synth and plan THEN each takes it through the site pipeline and gives the same problem text, and nothing is written', () => {
    const dist = tmp('gs-sp-dist-');
    const storageApp = new StorageApp({ distDir: dist, outdir: tmp('gs-sp-out-'), upstreamDir: UPSTREAM });
    build(storageApp, true);
    let stderr = '';
    process.exitCode = 0;
    const viaApp = throughPipeline(() => { stderr = captureStderr(() => storageApp.synth()); });
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;

    let streamed: readonly string[] = [];
    const viaStream = throughPipeline(() => {
      const app = new App();
      build(app, true);
      streamed = problemsOf(() => synthApp(app, { outdir: dist, upstreamDir: UPSTREAM, stream: true }));
    });

    let planned: readonly string[] = [];
    const viaPlan = throughPipeline(() => {
      const app = new App();
      build(app, true);
      planned = problemsOf(() => planApp(app, { distDir: dist, upstreamDir: UPSTREAM }));
    });

    // the one problem, word for word the same through the three
    expect(streamed).toHaveLength(1);
    expect(streamed[0]).toMatch(EXPECTED);
    expect(planned).toEqual(streamed);
    expect(stderr).toBe(`${new SynthError(streamed).message}\n`);
    // each entry point took both sites through the pipeline and validated them with the one builder
    for (const via of [viaApp, viaStream, viaPlan]) {
      expect(via.sites).toEqual(['edge', 'lab']);
      expect(via.validatorsFor).toEqual(['edge', 'lab']);
    }
    expect(fs.readdirSync(dist)).toEqual([]);
  });
});

describe('GIVEN the same site without the schema problem', () => {
  test('WHEN it goes through app.synth(), synthApp, the streamed synth and plan THEN each reports the same warning', () => {
    const dist = tmp('gs-sp-dist-');
    const storageApp = new StorageApp({ distDir: dist, outdir: tmp('gs-sp-out-'), upstreamDir: UPSTREAM });
    build(storageApp, false);
    const stderr = captureStderr(() => storageApp.synth());

    const batchApp = new App();
    build(batchApp, false);
    const batch = synthApp(batchApp, { outdir: tmp('gs-sp-batch-'), upstreamDir: UPSTREAM });

    const streamApp = new App();
    build(streamApp, false);
    const streamOut = tmp('gs-sp-stream-');
    const stream = synthApp(streamApp, { outdir: streamOut, upstreamDir: UPSTREAM, stream: true });

    const planAppInput = new App();
    build(planAppInput, false);
    const plan = planApp(planAppInput, { distDir: dist, upstreamDir: UPSTREAM });

    expect(batch.warnings).toEqual([`lab: ${WARNING}`]);
    expect(stream.warnings).toEqual(batch.warnings);
    expect(plan.warnings).toEqual(batch.warnings);
    expect(stderr).toContain(`warning: lab: ${WARNING}\n`);
    // the committed folder is what app.synth() wrote, and the streamed synth writes the same: nothing to plan
    expect(plan.sites.map((s) => [s.site, s.changes.length, s.exitCode])).toEqual([['edge', 0, 0], ['lab', 0, 0]]);
    for (const site of ['edge', 'lab']) {
      for (const f of fs.readdirSync(path.join(dist, site), { recursive: true } as any) as string[]) {
        const p = path.join(dist, site, f);
        if (fs.statSync(p).isFile()) expect(fs.readFileSync(path.join(streamOut, site, f), 'utf8')).toBe(fs.readFileSync(p, 'utf8'));
      }
    }
  });

  test('WHEN check-dist validates the written folders THEN it builds its validators with the same builder as synth (a new one per site)', () => {
    const app = new App();
    build(app, false);
    const dist = tmp('gs-sp-check-');
    synthApp(app, { outdir: dist, upstreamDir: UPSTREAM });
    const spy = jest.spyOn(siteValidatorModule, 'siteValidator');
    try {
      const results = checkDist(app, dist, UPSTREAM);
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((r) => r.status !== 'statusValid')).toEqual([]);
      expect(spy.mock.calls.map((c) => [(c[0] as Site).siteName, c[1]?.shared])).toEqual([['edge', false], ['lab', false]]);
    } finally {
      spy.mockRestore();
    }
  });
});
