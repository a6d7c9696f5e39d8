/**
 * Validator speed against kubeconform's numbers on this project's 2-core machine (issue 13): the CLI
 * (`node lib/src/cli/cli.js validate`, startup included) on
 * - a large corpus: 20 copies of Rook v1.20.6's published manifests (crds.yaml, csi-operator.yaml, common.yaml,
 *   operator.yaml, cluster*.yaml, pool*.yaml, csi-*.yaml, csi/*.yaml, filesystem.yaml, toolbox.yaml,
 *   *external*.yaml), copied from the upstream mirror into a temporary folder at bench time (never committed);
 * - the reference fleet's dist/dc1-local, dist/external-ceph and dist/neco-hyperconverged in one call.
 * Each case runs several times under `nice` (other work shares the machine); medians of wall and CPU time (user +
 * system of the whole process, worker thread included) are reported. The large case is also run on one thread
 * (GITOPS_STORAGE_WORKERS=off) and its output compared: the verdicts must be the same. Both cases also run the real
 * kubeconform v0.6.7 and v0.7.0 (../shared/tools/kubeconform, see kubeconform-binaries.ts) on the same input in the
 * same run, with the schemas `schemas` exports for the same Kubernetes version and CRD sources.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CRD_SOURCES } from '../validation/sources';
import { writeSchemas } from '../validation/validator';
import { KUBECONFORM_TAGS, kubeconformDir, KubeconformTag } from './kubeconform-binaries';

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
  /** kubeconform v0.6.7 and v0.7.0 -strict on the same input, timed in the same run (else measured by hand), and the target. */
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

/**
 * The real kubeconform releases on the same input in the same run (`-strict -summary`, Kubernetes 1.33.0, the
 * schemas `schemas` exports for the validate CLI's default CRD sources): median wall time of `runs` after one
 * warm-up, and its summary line. Undefined per release when the binaries are absent.
 */
export function timeKubeconform(schemasDir: string, paths: string[], runs: number): Array<{ tag: KubeconformTag; wallMedian: number; summary: string }> {
  const dir = kubeconformDir();
  if (!dir) return [];
  const args = ['-strict', '-summary', '-kubernetes-version', '1.33.0', '-schema-location', schemasDir, '-schema-location', `${schemasDir}/crds/{{ .ResourceKind }}{{ .KindSuffix }}.json`, ...paths];
  return KUBECONFORM_TAGS.map((tag) => {
    const bin = path.join(dir, tag, 'kubeconform');
    const once = () => {
      const cmd = [...niceCommand(), bin, ...args];
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      return { wall: Number(process.hrtime.bigint() - t0) / 1e9, summary: summaryLine(r.stdout ?? '') };
    };
    once();
    const rs = Array.from({ length: runs }, once);
    return { tag, wallMedian: median(rs.map((r) => r.wall)), summary: rs[0].summary };
  });
}

/** The kubeconform text of a case: measured in this run when the binaries are there, else the hand-measured figure. */
function kubeconformFigure(schemasDir: string | undefined, paths: string[], runs: number, byHand: string): string {
  const timed = schemasDir ? timeKubeconform(schemasDir, paths, runs) : [];
  if (!timed.length) return `v0.6.7 ${byHand} (measured by hand; no binaries at ../shared/tools/kubeconform)`;
  return timed.map((t) => `${t.tag} ${t.wallMedian.toFixed(2)} s (median of ${runs}, this run: ${t.summary.replace(/^Summary: /, '')})`).join(', ');
}

/** Schemas of Kubernetes 1.33.0 and the validate CLI's default CRD sources in kubeconform's layout, for the bench. */
function benchSchemas(): string | undefined {
  if (!kubeconformDir()) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-schemas-'));
  writeSchemas(dir, { kubernetesVersion: '1.33.0', crdSources: [...DEFAULT_CRD_SOURCES] });
  return dir;
}

/** The small case only (dist/ of three sites) against both kubeconform releases: a quick check of the timing. */
export function benchSmallAgainstKubeconform(distDir: string, runs = 1): string {
  const small = [path.join(distDir, 'dc1-local'), path.join(distDir, 'external-ceph'), path.join(distDir, 'neco-hyperconverged')];
  const schemas = benchSchemas();
  try {
    return formatCase(benchCase('CLI on dist/dc1-local + external-ceph + neco-hyperconverged', small, runs, kubeconformFigure(schemas, small, runs, '0.23-0.33 s'), '<= kubeconform, 0.3 s'));
  } finally {
    if (schemas) fs.rmSync(schemas, { recursive: true, force: true });
  }
}

/** Both validator cases, each against kubeconform v0.6.7 and v0.7.0 in the same run; `distDir` is the repository's dist/. */
export function benchValidatorSpeed(upstreamDir: string | undefined, distDir: string): string[] {
  const lines: string[] = [];
  const load = os.loadavg()[0];
  lines.push(`validator vs kubeconform (load average ${load.toFixed(1)} on ${os.cpus().length} cores${load > 1.5 ? ': measured under load, expect idle numbers to be lower' : ''})`);
  const schemas = benchSchemas();
  try {
    return benchCases(upstreamDir, distDir, schemas, lines);
  } finally {
    if (schemas) fs.rmSync(schemas, { recursive: true, force: true });
  }
}

function benchCases(upstreamDir: string | undefined, distDir: string, schemas: string | undefined, lines: string[]): string[] {
  const small = [path.join(distDir, 'dc1-local'), path.join(distDir, 'external-ceph'), path.join(distDir, 'neco-hyperconverged')];
  if (small.every((p) => fs.existsSync(p))) {
    lines.push(`  ${formatCase(benchCase('CLI on dist/dc1-local + external-ceph + neco-hyperconverged', small, 7, kubeconformFigure(schemas, small, 7, '0.23-0.33 s'), '<= kubeconform, 0.3 s'))}`);
  }
  if (!upstreamDir) {
    lines.push('  large corpus skipped: no upstream mirror (set GITOPS_STORAGE_UPSTREAM)');
    return lines;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-corpus-'));
  try {
    buildLargeCorpus(upstreamDir, dir);
    const large = benchCase('CLI on 20 copies of Rook v1.20.6 manifests', [dir], 5, kubeconformFigure(schemas, [dir], 5, '1.78 s'), '<= 1.6 s');
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
