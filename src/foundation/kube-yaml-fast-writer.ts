/**
 * A fast writer for the common shape of our manifests, byte for byte what `stringifyKubeYaml` (the `yaml` library
 * with the go-yaml v2 quoting rule) writes for it, and `undefined` for anything outside that shape, which then goes
 * to the library. The shape: maps and lists (no list directly in a list), booleans, safe integers, and strings that
 * are plain-safe in both YAML versions (a conservative character class, not starting with a digit, sign or dot, and
 * not retyped by a YAML 1.1 reader), numbers with a unit ("30s", "500Gi"), or words and digit-only versions a YAML
 * 1.1 reader would retype ("true", "3", "1.20": written double-quoted, as the library does). test/fast-yaml.test.ts compares it with the library on every manifest of the reference fleet and on
 * generated values.
 */
import { needsQuotes } from './kube-yaml';

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./=,+:-]*$/;
const DIGITS = /^[0-9][0-9.]*$/;
const UNIT = /^[0-9]+(\.[0-9]+)?[A-Za-z]+$/;

function scalar(v: unknown): string | undefined {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : undefined;
  if (typeof v === 'string') {
    const plain = PLAIN.test(v) && !v.endsWith(':') && !v.includes('::');
    // words a YAML 1.1 reader would retype ("true", "on", "null") and digit-only versions: double-quoted
    if ((plain || DIGITS.test(v)) && needsQuotes(v)) return `"${v}"`;
    if (plain) return v;
    // durations and quantities ("30s", "10m", "500Gi"): a number followed by letters, never a hex / octal literal
    if (UNIT.test(v) && !/^0[xXoObB]/.test(v) && !needsQuotes(v)) return v;
    return undefined;
  }
  return undefined;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lines of a map at `indent`; false if outside the shape. */
function writeMap(m: Record<string, unknown>, indent: string, out: string[]): boolean {
  for (const k of Object.keys(m)) {
    const v = m[k];
    if (v === undefined || v === null) return false;
    const key = scalar(k);
    if (key === undefined || key !== k) return false;
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${indent}${k}: []`);
      else {
        out.push(`${indent}${k}:`);
        if (!writeSeq(v, `${indent}  `, out)) return false;
      }
    } else if (isMap(v)) {
      if (Object.keys(v).length === 0) out.push(`${indent}${k}: {}`);
      else {
        out.push(`${indent}${k}:`);
        if (!writeMap(v, `${indent}  `, out)) return false;
      }
    } else {
      const s = scalar(v);
      if (s === undefined) return false;
      out.push(`${indent}${k}: ${s}`);
    }
  }
  return true;
}

function writeSeq(a: readonly unknown[], indent: string, out: string[]): boolean {
  for (const v of a) {
    if (v === undefined || v === null || Array.isArray(v)) return false;
    if (isMap(v)) {
      if (Object.keys(v).length === 0) {
        out.push(`${indent}- {}`);
        continue;
      }
      const sub: string[] = [];
      if (!writeMap(v, `${indent}  `, sub)) return false;
      // the first line of the map goes on the dash's line
      sub[0] = `${indent}- ${sub[0].slice(indent.length + 2)}`;
      out.push(...sub);
    } else {
      const s = scalar(v);
      if (s === undefined) return false;
      out.push(`${indent}- ${s}`);
    }
  }
  return true;
}

/** The YAML of a manifest (a non-empty map), or undefined when it is outside the shape this writer knows. */
export function fastKubeYaml(v: unknown): string | undefined {
  if (!isMap(v) || Object.keys(v).length === 0) return undefined;
  const out: string[] = [];
  if (!writeMap(v, '', out)) return undefined;
  return out.join('\n') + '\n';
}
