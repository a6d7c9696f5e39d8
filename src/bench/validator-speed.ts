/**
 * Validator speed against kubeconform's numbers on this project's 2-core machine (issue 13): the CLI
 * (`node lib/src/cli/cli.js validate`, startup included) on
 * - a large corpus: 20 copies of Rook v1.20.6's published manifests (crds.yaml, csi-operator.yaml, common.yaml,
 *   operator.yaml, cluster*.yaml, pool*.yaml, csi-*.yaml, csi/*.yaml, filesystem.yaml, toolbox.yaml,
 *   *external*.yaml), copied from the upstream mirror into a temporary folder at bench time (never committed);
 * - the reference fleet's dist/dc1-local, dist/external-ceph and dist/neco-hyperconverged in one call.
 * Each case runs several times under `nice` (other work shares the machine); medians of wall and CPU time (user +
 * system of the whole process, worker thread included) are reported. The large case is also run on one thread
 * (GITOPS_STORAGE_WORKERS=off) and its output compared: the verdicts must be the same.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface TimedRun {
  wallSeconds: number;
  cpuSeconds: number;
  stdout: string;
  status: number | null;
}

export interface SpeedCase {
  label: string;
  objects: number;
  bytes: number;
  runs: number;
  wallMedian: number;
  cpuMedian: number;
  wallMin: number;
  /** kubeconform v0.6.7 -strict on this machine (measured by hand, idle), and the target. */
  kubeconform: string;
  target: string;
  summary: string;
}

const LARGE_PATTERNS = [/^crds\.yaml$/, /^csi-operator\.yaml$/, /^common\.yaml$/, /^operator\.yaml$/, /^cluster.*\.yaml$/, /^pool.*\.yaml$/, /^csi-.*\.yaml$/, /^filesystem\.yaml$/, /^toolbox\.yaml$/, /external.*\.yaml$/];

/** Copies the large corpus into `dir`; returns its size in bytes. */
export function buildLargeCorpus(upstreamDir: string, dir: string, copies = 20): number {
  const rook = path.join(upstreamDir, 'rook', 'v1.20.6');
  const top = fs.readdirSync(rook).filter((f) => LARGE_PATTERNS.some((p) => p.test(f))).sort();
  const csi = fs.readdirSync(path.join(rook, 'csi')).filter((f) => f.endsWith('.yaml')).sort();
  let bytes = 0;
  for (let c = 0; c < copies; c++) {
    const d = path.join(dir, `copy-${String(c).padStart(2, '0')}`);
    fs.mkdirSync(path.join(d, 'csi'), { recursive: true });
    for (const [from, to] of [...top.map((f) => [path.join(rook, f), path.join(d, f)]), ...csi.map((f) => [path.join(rook, 'csi', f), path.join(d, 'csi', f)])]) {
      fs.copyFileSync(from, to);
      bytes += fs.statSync(to).size;
    }
  }
  return bytes;
}

/** Prints the CPU time of the whole process (all threads) to stderr at exit; loaded with --require. */
const CPU_REPORTER = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nBENCH_CPU_US ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n`;

function niceCommand(): string[] {
  return fs.existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', '5'] : [];
}

/** Runs the CLI once: wall time, CPU time of the process, stdout. */
export function timeCli(args: string[], env: NodeJS.ProcessEnv = process.env, where: { cwd?: string; cli?: string } = {}): TimedRun {
  const reporter = path.join(os.tmpdir(), `gs-bench-cpu-${process.pid}.js`);
  if (!fs.existsSync(reporter)) fs.writeFileSync(reporter, CPU_REPORTER);
  const cli = where.cli ?? path.join(__dirname, '..', 'cli', 'cli.js');
  const cmd = [...niceCommand(), process.execPath, '--require', reporter, cli, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', env, cwd: where.cwd, maxBuffer: 256 * 1024 * 1024 });
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /BENCH_CPU_US (\d+)/.exec(r.stderr ?? '');
  return { wallSeconds, cpuSeconds: m ? Number(m[1]) / 1e6 : NaN, stdout: r.stdout ?? '', status: r.status };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function summaryLine(stdout: string): string {
  return stdout.trim().split('\n').pop() ?? '';
}

function resources(summary: string): number {
  const m = /Summary: (\d+) resource/.exec(summary);
  return m ? Number(m[1]) : 0;
}

function bytesOf(paths: string[]): number {
  let n = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else if (/\.(ya?ml|json)$/.test(p)) n += st.size;
  };
  paths.forEach(walk);
  return n;
}

/** Runs one case `runs` times after one warm-up run (which fills the compiled-validator and V8 code caches). */
export function benchCase(label: string, paths: string[], runs: number, kubeconform: string, target: string): SpeedCase & { stdout: string } {
  const args = ['validate', ...paths];
  timeCli(args);
  const rs = Array.from({ length: runs }, () => timeCli(args));
  const summary = summaryLine(rs[0].stdout);
  return {
    label,
    objects: resources(summary),
    bytes: bytesOf(paths),
    runs,
    wallMedian: median(rs.map((r) => r.wallSeconds)),
    cpuMedian: median(rs.map((r) => r.cpuSeconds)),
    wallMin: Math.min(...rs.map((r) => r.wallSeconds)),
    kubeconform,
    target,
    summary,
    stdout: rs[0].stdout,
  };
}

export function formatCase(c: SpeedCase): string {
  const mb = c.bytes / 1e6;
  return (
    `${c.label}: ${c.objects} objects, ${mb.toFixed(1)} MB; median of ${c.runs}: ${c.wallMedian.toFixed(2)} s wall (min ${c.wallMin.toFixed(2)}), ` +
    `${c.cpuMedian.toFixed(2)} s CPU = ${(c.objects / c.wallMedian).toFixed(0)} objects/s, ${(mb / c.wallMedian).toFixed(1)} MB/s wall ` +
    `(kubeconform ${c.kubeconform}; target ${c.target})`
  );
}

/** Both validator cases; `distDir` is the repository's dist/. */
export function benchValidatorSpeed(upstreamDir: string | undefined, distDir: string): string[] {
  const lines: string[] = [];
  const load = os.loadavg()[0];
  lines.push(`validator vs kubeconform (load average ${load.toFixed(1)} on ${os.cpus().length} cores${load > 1.5 ? ': measured under load, expect idle numbers to be lower' : ''})`);
  const small = [path.join(distDir, 'dc1-local'), path.join(distDir, 'external-ceph'), path.join(distDir, 'neco-hyperconverged')];
  if (small.every((p) => fs.existsSync(p))) {
    lines.push(`  ${formatCase(benchCase('CLI on dist/dc1-local + external-ceph + neco-hyperconverged', small, 7, '0.23-0.33 s', '<= kubeconform, 0.3 s'))}`);
  }
  if (!upstreamDir) {
    lines.push('  large corpus skipped: no upstream mirror (set GITOPS_STORAGE_UPSTREAM)');
    return lines;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-corpus-'));
  try {
    buildLargeCorpus(upstreamDir, dir);
    const large = benchCase('CLI on 20 copies of Rook v1.20.6 manifests', [dir], 5, '1.78 s', '<= 1.6 s');
    lines.push(`  ${formatCase(large)}`);
    const one = timeCli(['validate', dir], { ...process.env, GITOPS_STORAGE_WORKERS: 'off' });
    lines.push(
      `  same corpus on one thread (GITOPS_STORAGE_WORKERS=off): ${one.wallSeconds.toFixed(2)} s wall, ${one.cpuSeconds.toFixed(2)} s CPU; ` +
        `output identical to the two-thread run: ${one.stdout === large.stdout ? 'yes' : 'NO'} (${large.summary})`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
