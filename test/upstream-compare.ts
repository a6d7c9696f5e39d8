/**
 * Field-by-field comparison of an upstream example object with the object we synthesize for it.
 *
 * A field is a leaf of the upstream object (a scalar, or an empty list), addressed by its path (`spec.mon.count`,
 * `spec.storage.nodes[0].name`). Keys with no value (YAML null: `annotations:` with only comments under it) are not
 * fields. A difference reads `path: upstream -> ours`, with `(none)` for a side that lacks the path; the list is
 * sorted, so a test can state every deliberate difference literally.
 *
 * Every upstream-example test uses this module, and records its equal-field count with {@link recordFields}, so the
 * totals per file are one report (printed once per test file, in `afterAll`).
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { App } from 'cdk8s';
import { synthApp } from '../src/pipeline/synth';
import { UPSTREAM, upstreamPath } from './helpers';

type Leaves = Map<string, unknown>;

/** Leaves of an object by path; nulls are not fields, an empty list is the field `[]`. */
export function leaves(x: unknown, at = '', out: Leaves = new Map()): Leaves {
  if (x === null || x === undefined) return out;
  if (Array.isArray(x)) {
    if (x.length === 0) out.set(at, '[]');
    x.forEach((v, i) => leaves(v, `${at}[${i}]`, out));
  } else if (typeof x === 'object') {
    for (const [k, v] of Object.entries(x as object)) leaves(v, at ? `${at}.${k}` : k, out);
  } else out.set(at, x);
  return out;
}

/** The result of one comparison: how many upstream fields are equal, and every difference, sorted. */
export interface Comparison {
  readonly equal: number;
  readonly differences: string[];
}

/** Compares one upstream object with ours. */
export function compare(upstream: unknown, ours: unknown): Comparison {
  const u = leaves(upstream);
  const o = leaves(ours);
  let equal = 0;
  const differences: string[] = [];
  for (const [k, v] of u) {
    if (o.has(k) && o.get(k) === v) equal++;
    else differences.push(`${k}: ${JSON.stringify(v)} -> ${o.has(k) ? JSON.stringify(o.get(k)) : '(none)'}`);
  }
  for (const [k, v] of o) if (!u.has(k)) differences.push(`${k}: (none) -> ${JSON.stringify(v)}`);
  return { equal, differences: differences.sort() };
}

/**
 * Every object (with a kind) of an upstream example file, e.g. `upstreamDocs('v1.20.6', 'cluster.yaml')`; `tree`
 * 'rook-lines' reads the full example set of the release line (`rook-lines/v1.20.6/`) instead of the curated `rook/`.
 */
export function upstreamDocs(version: string, file: string, tree: 'rook' | 'rook-lines' = 'rook'): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(upstreamPath(tree, version, file), 'utf8'))
    .map((d) => d.toJSON())
    .filter((d) => d && d.kind);
}

/** A single-document upstream file read as plain data, e.g. a chart's values: `upstreamValues('v1.20.6', 'rook-ceph-chart-values.yaml')`. */
export function upstreamValues(version: string, file: string): any {
  return YAML.parse(fs.readFileSync(upstreamPath('rook', version, file), 'utf8'));
}

/** The object of a kind and name in a list of synthesized objects; fails the test when there is none. */
export function ours(objs: readonly any[], kind: string, name: string): any {
  const o = objs.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind} "${name}" was synthesized; have: ${objs.map((x) => `${x.kind}/${x.metadata?.name}`).join(', ')}`);
  return o;
}

/** Synthesizes an app with strict validation (the test fails on any invalid object) and returns its objects. */
export function synthValid(app: App): any[] {
  const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
  const bad = r.results.filter((x) => x.status !== 'statusValid');
  if (bad.length) throw new Error(`invalid objects: ${JSON.stringify(bad, undefined, 1)}`);
  return r.sites.flatMap((s) => s.files.flatMap((f) => f.objects));
}

/**
 * Compares every object of an upstream file with our object of the same kind and name.
 * Differences are keyed `Kind/name`; objects without differences have no key.
 */
export function compareFile(objs: readonly any[], version: string, file: string, only?: (doc: any) => boolean, tree: 'rook' | 'rook-lines' = 'rook'): { equal: number; differences: Record<string, string[]> } {
  let equal = 0;
  const differences: Record<string, string[]> = {};
  for (const u of upstreamDocs(version, file, tree).filter((d) => !only || only(d))) {
    const c = compare(u, ours(objs, u.kind, u.metadata.name));
    equal += c.equal;
    if (c.differences.length) differences[`${u.kind}/${u.metadata.name}`] = c.differences;
  }
  return { equal, differences };
}

const recorded = new Map<string, number>();

/** Records the equal-field count of one upstream file (`v1.20.6/cluster.yaml`) for the report of this test file. */
export function recordFields(file: string, equal: number): void {
  recorded.set(file, (recorded.get(file) ?? 0) + equal);
}

/** Prints the recorded counts; call from `afterAll`. */
export function printFieldReport(title: string): void {
  if (!recorded.size) return;
  const total = [...recorded.values()].reduce((a, b) => a + b, 0);
  const lines = [...recorded.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `  ${f}: ${n}`);
  console.log(`${title}: ${total} equal upstream fields\n${lines.join('\n')}`);
}
