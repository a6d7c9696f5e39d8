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
import { Fleet, FleetRowProps } from '../core/fleet';
import { synthApp } from '../core/synth';
import { CephCsi } from '../rook/ceph-csi';
import { CephRbdStorageClass } from '../rook/rbd-storage-class';
import { RookCluster } from '../rook/rook-cluster';
import { RookOperator } from '../rook/rook-operator';
import { planApp } from '../plan/plan';

export interface FleetBenchRow {
  sites: number;
  objects: number;
  /** build the construct tree */
  buildSeconds: number;
  /** render + strict validation + write */
  synthSeconds: number;
  /** a second build + plan against the written dist */
  planSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
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

export function buildFleetApp(rows: readonly FleetRowProps[]): App {
  const app = new App();
  new Fleet(app, 'fleet', {
    gitops: { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', project: 'storage' },
    settings: { replicas: 3 },
    sites: rows,
    build: (site, { settings }) => {
      const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
      new CephCsi(site, 'csi', { operator });
      const cluster = new RookCluster(site, 'cluster', { name: 'rook-ceph', namespace: 'rook-ceph', storage: { useAllNodes: true, useAllDevices: true } });
      const size = settings.replicas as number;
      const pools = ['replicapool', 'fast', 'archive'].map((p) => cluster.addPool(p, { failureDomain: 'host', replicated: { size } }));
      new CephRbdStorageClass(site, 'rook-ceph-block', { pool: pools[0], isDefault: true });
      new CephRbdStorageClass(site, 'rook-ceph-block-fast', { pool: pools[1] });
    },
  });
  return app;
}

/** Worker: one size, in this process. */
export function fleetWorker(n: number, withPlan = true): FleetBenchRow {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-fleet-'));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const rows = fleetRows(n);
  let app: App | undefined = buildFleetApp(rows);
  const t1 = process.hrtime.bigint();
  // not written: 10,000 sites are 300,000 files, and the target is the pipeline, not this machine's file system
  const r = synthApp(app, { outdir: out, stream: true, write: false });
  const objects = r.results.length;
  app = undefined;
  const t2 = process.hrtime.bigint();
  let t3 = t2;
  if (withPlan) {
    const plan = planApp(buildFleetApp(rows), { distDir: out });
    if (plan.sites.length !== n) throw new Error(`plan saw ${plan.sites.length} sites of ${n}`);
    t3 = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  fs.rmSync(out, { recursive: true, force: true });
  const s = (a: bigint, b: bigint) => Number(b - a) / 1e9;
  return {
    sites: n, objects, buildSeconds: s(t0, t1), synthSeconds: s(t1, t2), planSeconds: s(t2, t3), wallSeconds: s(t0, t2),
    cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

function runFleetWorker(n: number, withPlan: boolean): FleetBenchRow {
  const out = execFileSync(process.execPath, ['--max-old-space-size=2048', __filename, '--worker', String(n), withPlan ? 'plan' : 'noplan'], { encoding: 'utf8', maxBuffer: 1 << 26 });
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
  for (const n of sizes) {
    const runs = Array.from({ length: repeat }, () => runFleetWorker(n, true));
    const m = (k: keyof FleetBenchRow) => median(runs.map((x) => x[k]));
    rows.push({ sites: n, objects: m('objects'), buildSeconds: m('buildSeconds'), synthSeconds: m('synthSeconds'), planSeconds: m('planSeconds'), wallSeconds: m('wallSeconds'), cpuSeconds: m('cpuSeconds'), peakRssMiB: m('peakRssMiB') });
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  log(pad('fleet sites', 13) + pad('objects', 10) + pad('build s', 9) + pad('synth s', 9) + pad('wall s', 9) + pad('cpu s', 9) + pad('peak RSS MiB', 14) + 'plan s');
  for (const r of rows) {
    log(pad(String(r.sites), 13) + pad(String(r.objects), 10) + pad(r.buildSeconds.toFixed(2), 9) + pad(r.synthSeconds.toFixed(2), 9) + pad(r.wallSeconds.toFixed(2), 9) + pad(r.cpuSeconds.toFixed(2), 9) + pad(r.peakRssMiB.toFixed(0), 14) + r.planSeconds.toFixed(2));
  }
  const a = rows[0];
  const b = rows[rows.length - 1];
  if (rows.length > 1) {
    const ms = ((b.wallSeconds - a.wallSeconds) / (b.sites - a.sites)) * 1000;
    const mib = (b.peakRssMiB - a.peakRssMiB) / (b.sites - a.sites);
    log(`fleet growth ${a.sites}->${b.sites} sites: ${ms.toFixed(2)} ms and ${mib.toFixed(3)} MiB per site (build + synth + strict validation)`);
  }
  const big = rows.find((r) => r.sites === 10000);
  if (big) log(`10,000 sites: ${big.wallSeconds.toFixed(1)} s wall (target <= 20 s: ${big.wallSeconds <= 20 ? 'met' : 'MISSED'}), peak RSS ${big.peakRssMiB.toFixed(0)} MiB (target <= 1024 MiB: ${big.peakRssMiB <= 1024 ? 'met' : 'MISSED'}); plan over the same fleet ${big.planSeconds.toFixed(1)} s`);
  return rows;
}

if (require.main === module) {
  if (process.argv[2] === '--worker') process.stdout.write(JSON.stringify(fleetWorker(Number(process.argv[3]), process.argv[4] !== 'noplan')) + '\n');
  else benchFleet(process.argv.slice(2).map(Number).filter((x) => x > 0).length ? process.argv.slice(2).map(Number) : undefined, Number(process.env.BENCH_REPEAT ?? 1));
}
