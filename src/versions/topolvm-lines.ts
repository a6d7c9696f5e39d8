/**
 * Every TopoLVM release line v0.2–v0.41: the generated facts (`topolvm-lines.generated.ts`) joined with the
 * hand-kept ones (`topolvm-lines-facts.ts`), the resolution of a user's `topolvmVersion` to its line, and the
 * version ranges the feature gates of `src/versions/index.ts` take from the table.
 */
import { ConfigError } from '../foundation/errors';
import { TOPOLVM_CHART_DATA, TOPOLVM_LINE_DATA, TopoLVMLineVersion } from './topolvm-lines.generated';
import { TOPOLVM_IMAGE_OVERRIDES, TOPOLVM_KUBERNETES } from './topolvm-lines-facts';
import type { TopoLVMChartData, TopoLVMLineData } from './topolvm-line-types';

export type { TopoLVMLineVersion } from './topolvm-lines.generated';
export type { TopoLVMChartData, TopoLVMLineData } from './topolvm-line-types';

/** One line: its generated facts plus the hand-kept Kubernetes range and the image to run. */
export interface TopoLVMLine extends TopoLVMLineData {
  readonly version: TopoLVMLineVersion;
  /** `0.X` */
  readonly minor: string;
  /** Kubernetes versions the line supports (semver range from the hand-kept minors). */
  readonly kubernetes: string;
  /** Kubernetes minors the line supports, oldest and newest. */
  readonly kubernetesMinors: readonly [string, string];
  /** Image with TopoLVM and the CSI sidecars, at the pinned patch. */
  readonly image: string;
}

function nextMinor(minor: string): string {
  const [a, b] = minor.split('.').map(Number);
  return `${a}.${b + 1}.0`;
}

export const TOPOLVM_LINES: readonly TopoLVMLine[] = TOPOLVM_LINE_DATA.map((d) => {
  const k = TOPOLVM_KUBERNETES.find((f) => f.version === d.version);
  if (!k) throw new Error(`topolvm-lines-facts.ts: no Kubernetes range for TopoLVM v${d.version}`);
  const [, minor] = d.version.split('.');
  return {
    ...d,
    version: d.version as TopoLVMLineVersion,
    minor: `0.${minor}`,
    kubernetes: `>=${k.kubernetes[0]}.0 <${nextMinor(k.kubernetes[1])}`,
    kubernetesMinors: k.kubernetes,
    image: `${TOPOLVM_IMAGE_OVERRIDES[d.version] ?? d.imageRepository}:${d.version}`,
  };
});

/** The chart majors, oldest first. */
export const TOPOLVM_CHARTS: readonly TopoLVMChartData[] = TOPOLVM_CHART_DATA;

/** The newest line. */
export const NEWEST_TOPOLVM_LINE: TopoLVMLine = TOPOLVM_LINES[TOPOLVM_LINES.length - 1];

/**
 * The semver range of the lines that satisfy `has` (contiguous runs become `>=0.a.0 <0.b.0`, the run that reaches
 * the newest line stays open), for the FEATURES rows that the table decides.
 */
export function topolvmLinesRange(has: (l: TopoLVMLine) => boolean): string {
  const runs: string[] = [];
  let start: TopoLVMLine | undefined;
  TOPOLVM_LINES.forEach((l, i) => {
    if (has(l) && !start) start = l;
    const next = TOPOLVM_LINES[i + 1];
    if (start && (!next || !has(next))) {
      runs.push(next ? `>=${start.minor}.0 <${next.minor}.0` : `>=${start.minor}.0`);
      start = undefined;
    }
  });
  return runs.length > 0 ? runs.join(' || ') : '<0.0.0';
}

/** `v0.16–v0.41` style names of the lines that satisfy a predicate, for messages. */
export function topolvmLineNames(lines: readonly TopoLVMLine[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && TOPOLVM_LINES.indexOf(lines[j + 1]) === TOPOLVM_LINES.indexOf(lines[j]) + 1) j++;
    parts.push(i === j ? `v${lines[i].minor}` : `v${lines[i].minor}–v${lines[j].minor}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** The result of resolving a user's `topolvmVersion`. */
export interface ResolvedTopolvmVersion {
  /** The pinned patch of the line, whose facts apply. */
  readonly version: TopoLVMLineVersion;
  /** What the user wrote, without a leading `v`. */
  readonly requested: string;
  /** A note when the requested patch is not the pinned one. */
  readonly warning?: string;
}

/**
 * Resolves `0.X.Y` / `v0.X.Y` to its line (X in 2–41): the line's pinned patch, and a note naming it when the user
 * asked for another patch. Anything else is a ConfigError that says what to write.
 */
export function resolveTopolvmVersion(input: unknown, path: string): ResolvedTopolvmVersion {
  const oldest = TOPOLVM_LINES[0];
  const newest = NEWEST_TOPOLVM_LINE;
  const allowed = `a full version 0.X.Y (or v0.X.Y) of a TopoLVM line v${oldest.minor}–v${newest.minor}, e.g. "${newest.version}"`;
  const fail = (problem: string, fix: string): never => {
    throw new ConfigError({ path, problem, value: input, allowed, fix });
  };
  if (typeof input !== 'string') return fail('topolvmVersion is not a string', `write the version as a string, e.g. topolvmVersion: "${newest.version}"`);
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(input.trim() === input ? input : '');
  if (!m) return fail(`"${input}" is not a TopoLVM release version`, `write the exact release the cluster runs, e.g. "${newest.version}" (the newest line we have data for is v${newest.minor})`);
  const [, major, minor, patch] = m;
  if (patch === undefined) {
    const line = TOPOLVM_LINES.find((l) => l.minor === `${Number(major)}.${Number(minor)}`);
    return fail(`"${input}" names a line, not a release`, line ? `write the full version, e.g. "${line.version}" (the pinned patch of v${line.minor})` : `write a full version, e.g. "${newest.version}"`);
  }
  const line = Number(major) === 0 ? TOPOLVM_LINES.find((l) => l.minor === `0.${Number(minor)}`) : undefined;
  if (!line) {
    const newer = Number(major) > 0 || Number(minor) > Number(newest.minor.split('.')[1]);
    return fail(
      newer ? `TopoLVM ${input} is newer than the newest line we have data for (v${newest.minor}, pinned at ${newest.version})` : `TopoLVM ${input} is older than the oldest line we have data for (v${oldest.minor})`,
      newer ? `use "${newest.version}" (v${newest.minor}) until the data of the newer line is added` : `use a line v${oldest.minor} or later, e.g. "${oldest.version}"`,
    );
  }
  const requested = `${Number(major)}.${Number(minor)}.${Number(patch)}`;
  if (requested === line.version) return { version: line.version, requested };
  const pinnedPatch = Number(line.version.split('.')[2]);
  const note = Number(patch) > pinnedPatch
    ? `is newer than the pinned ${line.version} of its line`
    : `is older than the pinned ${line.version} of its line`;
  return {
    version: line.version,
    requested,
    warning: `${path}: TopoLVM ${requested} ${note}; the CRDs, flags, Kubernetes range and default image come from v${line.version} (set the TopoLVM construct's image to run ${requested}'s image)`,
  };
}

/** Every chart release the data holds (the chart of each line's tree, the newest release of each major), oldest first. */
export const TOPOLVM_CHART_RELEASES: readonly TopoLVMChartData[] = (() => {
  const all = new Map<string, TopoLVMChartData>();
  for (const l of TOPOLVM_LINE_DATA) if (l.chart) all.set(l.chart.version, l.chart);
  for (const c of TOPOLVM_CHART_DATA) all.set(c.version, c);
  const key = (v: string) => v.split('.').map(Number);
  return [...all.values()].sort((a, b) => {
    const [x, y] = [key(a.version), key(b.version)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
})();

/** The newest chart release of the data whose appVersion is of the line, or undefined (no chart for it in the data). */
export function topolvmChartFor(line: TopoLVMLine): TopoLVMChartData | undefined {
  const of = TOPOLVM_CHART_RELEASES.filter((c) => c.appVersion.split('.').slice(0, 2).join('.') === line.minor);
  return of[of.length - 1];
}

/** Whether a chart's values.yaml has a dotted path (top-level key, or a key of one of the recorded sections). */
export function chartHasValue(chart: TopoLVMChartData, dotted: string): boolean {
  const [top, sub] = dotted.split('.');
  if (!chart.valueKeys.includes(top)) return false;
  if (sub === undefined) return true;
  const keys = chart.sectionKeys[top];
  return keys === undefined ? true : keys.includes(sub);
}

/** `chart 12.1.0–17.1.0` style names of the chart releases that have a value, for messages. */
export function chartsWithValue(dotted: string): string {
  const has = TOPOLVM_CHART_RELEASES.filter((c) => chartHasValue(c, dotted));
  if (has.length === 0) return 'no chart release of the data';
  const majors = [...new Set(has.map((c) => Number(c.version.split('.')[0])))];
  return `chart majors ${majors.join(', ')} (e.g. ${has[has.length - 1].version})`;
}
