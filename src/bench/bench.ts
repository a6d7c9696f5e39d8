/**
 * npm run bench: speed and memory of synth + strict validation, and validator throughput.
 *
 * Targets (reported, never asserted in tests): full synth <= 1.5 s wall; 100 sites <= 5 s; schema bundle <= 8 MiB;
 * cold first synth (empty cache, no mirror) <= 3 s; GITOPS_STORAGE_BENCH_ONLY=startup runs just the bundle size, the
 * cold synth and the small validate case;
 * validation >= 780 objects/s (kubeconform on this 2-core machine for Rook-like YAML with CRDs).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildApp } from '../main';
import { dc1Local } from '../sites/dc1-local';
import { synthApp } from '../pipeline/synth';
import { bundleDir } from '../validation/bundle';
import { benchValidator } from './validate-bench';
import { benchPlan } from './plan-bench';
import { benchFleet } from './fleet-bench';
import { benchValidatorSpeed, timeCli } from './validator-speed';
import { defaultToolMirror } from '../tools/schemas-bundle';
import { resolveUpstreamDir } from '../validation/sources';

interface Row { label: string; sites: number; objects: number; seconds: number; objectsPerSecond: number; peakRssMiB: number }

/** Worker: synthesize N copies of the reference fleet into a temp dir and print one JSON row. */
function worker(what: 'site' | 'fleet', copies: number): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-'));
  const t0 = process.hrtime.bigint();
  let objects = 0;
  let sites = 0;
  for (let i = 0; i < copies; i++) {
    let app: App;
    if (what === 'fleet') app = buildApp();
    else {
      app = new App();
      dc1Local(app);
    }
    const r = synthApp(app, { outdir: path.join(out, String(i)) });
    sites += r.sites.length;
    objects += r.results.length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.rmSync(out, { recursive: true, force: true });
  const row: Row = { label: `${what === 'site' ? 'dc1-local' : 'fleet (6 sites)'} x${copies}`, sites, objects, seconds, objectsPerSecond: objects / seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(row) + '\n');
}

function runWorker(what: 'site' | 'fleet', copies: number): Row {
  const out = execFileSync(process.execPath, [__filename, '--worker', what, String(copies)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `node lib/src/cli/cli.js synth` of the fleet (warm user cache), `runs` times: medians of wall and CPU time. */
function fullSynth(runs = 3): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-cli-'));
    const r = timeCli(['synth', '--quiet', '--no-build', '--out', out]);
    fs.rmSync(out, { recursive: true, force: true });
    walls.push(r.wallSeconds);
    cpus.push(r.cpuSeconds);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** Bytes on disk of the embedded schema bundle. */
function bundleBytes(): { files: number; bytes: number; dir: string } {
  const dir = bundleDir();
  const names = fs.readdirSync(dir);
  return { files: names.length, bytes: names.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0), dir };
}

/**
 * A copy of the compiled repository (package.json, cdk8s.yaml, lib/, the schema bundle; node_modules linked) in a
 * temp folder with no `../shared` beside it, so nothing can find the upstream mirror.
 */
function freshCopy(): string {
  const root = path.resolve(__dirname, '..', '..', '..');
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-copy-')), 'repo');
  for (const f of ['package.json', 'cdk8s.yaml']) fs.cpSync(path.join(root, f), path.join(dir, f));
  fs.cpSync(path.join(root, 'lib'), path.join(dir, 'lib'), { recursive: true });
  fs.cpSync(bundleDir(), path.join(dir, 'src', 'validation', 'bundle'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/**
 * First synth on a fresh machine: the CLI of a copy of the repository without the mirror beside it, with an
 * empty cache dir each run (`GITOPS_STORAGE_CACHE`), `GITOPS_STORAGE_UPSTREAM` unset: schemas from the bundle only.
 */
function coldSynth(runs = 5): { wall: number; cpu: number; min: number; runs: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  const repo = freshCopy();
  try {
    for (let i = 0; i < runs; i++) {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-cold-'));
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-cache-'));
      const env: NodeJS.ProcessEnv = { ...process.env, GITOPS_STORAGE_CACHE: cache };
      delete env.GITOPS_STORAGE_UPSTREAM;
      const r = timeCli(['synth', '--quiet', '--no-build', '--out', out], env, { cwd: repo, cli: path.join(repo, 'lib', 'src', 'cli', 'cli.js') });
      if (r.status !== 0) throw new Error(`cold synth failed (exit ${r.status})`);
      fs.rmSync(out, { recursive: true, force: true });
      fs.rmSync(cache, { recursive: true, force: true });
      walls.push(r.wallSeconds);
      cpus.push(r.cpuSeconds);
    }
  } finally {
    fs.rmSync(path.dirname(repo), { recursive: true, force: true });
  }
  return { wall: median(walls), cpu: median(cpus), min: Math.min(...walls), runs };
}

function main(): void {
  if (process.argv[2] === '--worker') return worker(process.argv[3] as 'site' | 'fleet', Number(process.argv[4]));
  const bundle = bundleBytes();
  console.log(`schema bundle: ${bundle.files} files, ${(bundle.bytes / 1024 / 1024).toFixed(2)} MiB on disk in ${path.relative(process.cwd(), bundle.dir)} (budget <= 8 MiB)`);
  const cold = coldSynth(Number(process.env.BENCH_COLD_RUNS ?? 5));
  const load = os.loadavg()[0];
  console.log(
    `cold first synth of the fleet (a copy of the repo without the mirror beside it, a fresh empty cache each run, schemas and precompiled validators from the bundle), ` +
      `median of ${cold.runs}: ${cold.wall.toFixed(2)} s wall (min ${cold.min.toFixed(2)}), ${cold.cpu.toFixed(2)} s CPU (target <= 3 s; load average ${load.toFixed(1)})`,
  );
  if (process.env.GITOPS_STORAGE_BENCH_ONLY === 'startup') {
    // the startup cases only (issue 13): cold synth above, the small validate case
    const small = benchValidatorSpeed(undefined, path.resolve(__dirname, '..', '..', '..', 'dist'));
    for (const line of small.filter((l) => !/large corpus skipped/.test(l))) console.log(line);
    return;
  }
  // first run warms the user cache (parsed CRDs, compiled validators), as any second synth on a machine would be
  runWorker('fleet', 1);
  const rows = [...[1, 10, 100].map((n) => runWorker('site', n)), runWorker('fleet', 1), runWorker('fleet', 10)];
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(pad('case', 24) + pad('sites', 8) + pad('objects', 10) + pad('wall s', 10) + pad('objects/s', 12) + 'peak RSS MiB');
  for (const r of rows) {
    console.log(pad(r.label, 24) + pad(String(r.sites), 8) + pad(String(r.objects), 10) + pad(r.seconds.toFixed(2), 10) + pad(r.objectsPerSecond.toFixed(0), 12) + r.peakRssMiB.toFixed(0));
  }
  // growth: seconds per extra site between 10 and 100 copies, and MiB per extra site
  const [, r10, r100] = rows;
  const slope = (r100.seconds - r10.seconds) / (r100.sites - r10.sites);
  const memSlope = (r100.peakRssMiB - r10.peakRssMiB) / (r100.sites - r10.sites);
  console.log(`growth 10->100 copies: ${(slope * 1000).toFixed(1)} ms and ${memSlope.toFixed(2)} MiB per extra site`);
  const warm = fullSynth();
  console.log(`full synth (node lib/src/cli/cli.js synth, compiled, warm cache; add tsc for npm run synth), median of 3: ${warm.wall.toFixed(2)} s wall, ${warm.cpu.toFixed(2)} s CPU (target <= 1.5 s)`);
  for (const line of benchValidatorSpeed(resolveUpstreamDir(undefined) ?? defaultToolMirror(), path.resolve(__dirname, '..', '..', '..', 'dist'))) console.log(line);
  const v = benchValidator({});
  console.log(`validator on a fixed folder: ${v.objects} objects in ${v.seconds.toFixed(2)} s = ${v.objectsPerSecond.toFixed(0)} objects/s after ${v.warmupSeconds.toFixed(2)} s schema warm-up (target >= 780 objects/s)`);
  const hundred = rows[2];
  console.log(`100 copies of dc1-local: ${hundred.seconds.toFixed(2)} s (target <= 5 s)`);
  const pl = benchPlan(100);
  console.log(`plan on ${pl.sites} sites (dc1-local copies, a pool size change each, new synth + strict validation + diff against a committed dist): ${pl.seconds.toFixed(2)} s, ${pl.changes} changes classified (target: seconds)`);
  // a generated fleet (Fleet table, hub Argo CD): 1,000 / 3,000 / 10,000 sites, one process each; GITOPS_STORAGE_BENCH_FLEET=off skips it
  if (process.env.GITOPS_STORAGE_BENCH_FLEET !== 'off') benchFleet([1000, 3000, 10000], Number(process.env.BENCH_REPEAT ?? 1));
}

main();
