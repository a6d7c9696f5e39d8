/**
 * `npm run bench` rows for a large fleet: N generated sites (each a RookOperator, CephCsi, a RookCluster, three pools,
 * two RBD classes, on a hub Argo CD) built with `Fleet`, synthesized with strict validation into a temp dir, in one
 * process; then `plan` over the same fleet against that dist. Run in a child process per size (a fresh heap, so
 * its peak RSS is its own), at 1,000 / 3,000 / 10,000 sites, for the growth per site.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { Fleet, FleetRowProps, FleetSite } from '../pipeline/fleet';
import { Site } from '../site/site';
import { CephCsi } from '../rook/ceph-csi';
import { CephRbdStorageClass } from '../rook/ceph-rbd-storage-class';
import { RookCluster } from '../rook/rook-cluster';
import { RookOperator } from '../rook/rook-operator';
import { planApp } from '../pipeline/plan';

export interface FleetBenchRow {
  sites: number;
  objects: number;
  /** build the construct tree (0 when built site by site inside synth) */
  buildSeconds: number;
  /** render + strict validation + write */
  synthSeconds: number;
  /** a second build + plan against the written dist */
  planSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  /** of the separate plan run */
  planCpuSeconds?: number;
  planPeakRssMiB?: number;
  /** classified changes the plan run found (the committed sites' pool sizes) */
  planChanges?: number;
}

/** The generated table: n clusters, versions and node counts varying a little. */
export function fleetRows(n: number): FleetRowProps[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `site-${String(i).padStart(5, '0')}`,
    kubernetesVersion: i % 3 === 0 ? '1.32.4' : '1.33.0',
    rookVersion: '1.20.6',
    nodes: [0, 1, 2].map((k) => `site-${i}-node-${k}`),
    destination: { name: `cluster-${i}` },
    ...(i % 10 === 0 ? { overrides: { replicas: 2 } } : {}),
  }));
}

/** Sites of the plan run that have a committed folder (the others are new). */
const PLAN_COMMITTED = 100;

const BENCH_GITOPS = { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', project: 'storage' } as const;

function buildSite(site: Site, { settings }: FleetSite<{ replicas: number }>): void {
  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator });
  const cluster = new RookCluster(site, 'cluster', { name: 'rook-ceph', namespace: 'rook-ceph', storage: { useAllNodes: true, useAllDevices: true } });
  const pools = ['replicapool', 'fast', 'archive'].map((p) => cluster.addPool(p, { failureDomain: 'host', replicated: { size: settings.replicas } }));
  new CephRbdStorageClass(site, 'rook-ceph-block', { pool: pools[0], isDefault: true });
  new CephRbdStorageClass(site, 'rook-ceph-block-fast', { pool: pools[1] });
}

/** The whole fleet in one App (what `plan` reads). */
export function buildFleetApp(rows: readonly FleetRowProps[]): App {
  const app = new App();
  new Fleet(app, 'fleet', { gitops: BENCH_GITOPS, settings: { replicas: 3 }, sites: rows, build: buildSite });
  return app;
}

/** Worker: one size, in this process: `synth` (build, streamed synth, validation) or `plan` (plan over the fleet). */
export function fleetWorker(n: number, what: 'synth' | 'plan'): FleetBenchRow {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-fleet-'));
  let cpu0 = process.cpuUsage();
  let t0 = process.hrtime.bigint();
  const rows = fleetRows(n);
  let objects = 0;
  let build = 0;
  if (what === 'synth') {
    // one site at a time (Fleet.synth); not written: 10,000 sites are 300,000 files, and the target is the
    // pipeline, not this machine's file system
    objects = Fleet.synth({ gitops: BENCH_GITOPS, settings: { replicas: 3 }, sites: rows, build: buildSite }, { outdir: out, write: false }).results.length;
  } else {
    // the committed side: the first PLAN_COMMITTED sites written with replicas 2 (every pool of the sites that do not
    // override it then changes, so the plan compares and classifies those), the rest new; written before t0
    fs.rmSync(out, { recursive: true, force: true });
    Fleet.synth({ gitops: BENCH_GITOPS, settings: { replicas: 2 }, sites: rows.slice(0, PLAN_COMMITTED), build: buildSite }, { outdir: out, validate: false });
    t0 = process.hrtime.bigint();
    cpu0 = process.cpuUsage();
    const plan = planApp(buildFleetApp(rows), { distDir: out });
    if (plan.sites.length !== n) throw new Error(`plan saw ${plan.sites.length} sites of ${n}`);
    objects = plan.sites.reduce((k, s) => k + s.changes.length, 0);
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  fs.rmSync(out, { recursive: true, force: true });
  return {
    sites: n, objects, buildSeconds: build, synthSeconds: what === 'synth' ? wall - build : 0, planSeconds: what === 'plan' ? wall : 0, wallSeconds: wall,
    cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * The streamed synth holds little live data (one site's tree, the results), but V8 grows its heap lazily up to its
 * limit: `--max-old-space-size=768` makes it collect before the RSS passes 1 GiB (no measurable CPU cost at 3,000
 * sites). `plan` streams too (one site's render and committed files at a time) but holds the whole construct tree
 * the App was built with: about 340 MiB of heap at 10,000 of these sites, so the same limit fits it.
 */
function runFleetWorker(n: number, what: 'synth' | 'plan'): FleetBenchRow {
  const heap = '--max-old-space-size=768';
  const out = execFileSync(process.execPath, [heap, __filename, '--worker', String(n), what], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Runs each size `repeat` times (median of each column), prints the table, the slope per site between the smallest
 * and the largest size, and whether 10,000 sites meet <= 20 s wall and <= 1 GiB peak RSS.
 */
export function benchFleet(sizes: readonly number[] = [1000, 3000, 10000], repeat = 1, log: (s: string) => void = console.log): FleetBenchRow[] {
  const rows: FleetBenchRow[] = [];
  const load0 = os.loadavg()[0];
  for (const n of sizes) {
    const runs = Array.from({ length: repeat }, () => runFleetWorker(n, 'synth'));
    const plans = Array.from({ length: repeat }, () => runFleetWorker(n, 'plan'));
    const m = (xs: FleetBenchRow[], k: keyof FleetBenchRow) => median(xs.map((x) => Number(x[k] ?? 0)));
    rows.push({
      sites: n, objects: m(runs, 'objects'), buildSeconds: m(runs, 'buildSeconds'), synthSeconds: m(runs, 'synthSeconds'), planSeconds: m(plans, 'planSeconds'), wallSeconds: m(runs, 'wallSeconds'),
      cpuSeconds: m(runs, 'cpuSeconds'), peakRssMiB: m(runs, 'peakRssMiB'), planCpuSeconds: m(plans, 'cpuSeconds'), planPeakRssMiB: m(plans, 'peakRssMiB'), planChanges: m(plans, 'objects'),
    });
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  log(`fleet bench: medians of ${repeat} run(s) per size; load average ${load0.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (${os.cpus().length} cores)`);
  log(pad('fleet sites', 13) + pad('objects', 10) + pad('wall s', 9) + pad('cpu s', 9) + pad('peak RSS MiB', 14) + 'plan: wall s / cpu s / peak RSS MiB / changes');
  for (const r of rows) {
    log(pad(String(r.sites), 13) + pad(String(r.objects), 10) + pad(r.wallSeconds.toFixed(2), 9) + pad(r.cpuSeconds.toFixed(2), 9) + pad(r.peakRssMiB.toFixed(0), 14)
      + `${r.planSeconds.toFixed(2)} / ${(r.planCpuSeconds ?? 0).toFixed(2)} / ${(r.planPeakRssMiB ?? 0).toFixed(0)} / ${r.planChanges ?? 0}`);
  }
  const a = rows[0];
  const b = rows[rows.length - 1];
  if (rows.length > 1) {
    const per = (x: number, y: number) => (y - x) / (b.sites - a.sites);
    log(`fleet growth ${a.sites}->${b.sites} sites: synth ${(per(a.wallSeconds, b.wallSeconds) * 1000).toFixed(2)} ms wall, ${(per(a.cpuSeconds, b.cpuSeconds) * 1000).toFixed(2)} ms CPU and ${per(a.peakRssMiB, b.peakRssMiB).toFixed(3)} MiB per site; `
      + `plan ${(per(a.planSeconds, b.planSeconds) * 1000).toFixed(2)} ms wall and ${per(a.planPeakRssMiB ?? 0, b.planPeakRssMiB ?? 0).toFixed(3)} MiB per site`);
  }
  const big = rows.find((r) => r.sites === 10000);
  if (big) {
    const check = (label: string, value: number, unit: string, target: number) => log(`  ${pad(label, 30)} ${pad(`${value.toFixed(unit === 's' ? 1 : 0)} ${unit}`, 12)} target <= ${target} ${unit}: ${value <= target ? 'met' : 'MISSED'}`);
    log('10,000 sites against the targets:');
    check('synth wall (build+render+validate)', big.wallSeconds, 's', 20);
    check('synth peak RSS', big.peakRssMiB, 'MiB', 1024);
    check('plan wall', big.planSeconds, 's', 20);
    check('plan peak RSS', big.planPeakRssMiB ?? 0, 'MiB', 1024);
  }
  return rows;
}

if (require.main === module) {
  if (process.argv[2] === '--worker') process.stdout.write(JSON.stringify(fleetWorker(Number(process.argv[3]), process.argv[4] === 'plan' ? 'plan' : 'synth')) + '\n');
  else benchFleet(process.argv.slice(2).map(Number).filter((x) => x > 0).length ? process.argv.slice(2).map(Number) : undefined, Number(process.env.BENCH_REPEAT ?? 1));
}
