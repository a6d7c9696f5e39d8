/**
 * Errors that tell a user what is wrong and how to fix it.
 *
 * Every message has the same four parts: where (construct path and field),
 * what (the problem and the bad value), what is allowed, and the fix.
 */
import { z } from 'zod';
import { stripInvisible } from './k8s-rules';

export interface ConfigProblem {
  /** construct path and field, e.g. `dc1-local/replicapool: spec.replicated.size` */
  readonly path: string;
  readonly problem: string;
  readonly value?: unknown;
  readonly allowed?: string;
  readonly fix?: string;
}

export function formatProblem(p: ConfigProblem): string {
  const parts = [`${p.path}: ${p.problem}`];
  if (p.value !== undefined) parts.push(`  got: ${renderValue(p.value)}`);
  if (p.allowed) parts.push(`  allowed: ${p.allowed}`);
  if (p.fix) parts.push(`  fix: ${p.fix}`);
  return parts.join('\n');
}

export function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 200 ? s.slice(0, 197) + '...' : s;
  } catch {
    return String(v);
  }
}

export class ConfigError extends Error {
  public readonly problems: readonly ConfigProblem[];
  constructor(problems: ConfigProblem | readonly ConfigProblem[]) {
    const list = Array.isArray(problems) ? (problems as readonly ConfigProblem[]) : [problems as ConfigProblem];
    super(list.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = list;
  }
}

/** Builds a problem-producing helper bound to a construct path. */
export function problemAt(constructPath: string) {
  return (field: string, problem: string, extra: Omit<ConfigProblem, 'path' | 'problem'> = {}): ConfigProblem => ({
    path: field ? `${constructPath}: ${field}` : constructPath,
    problem,
    ...extra,
  });
}

function getAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: any = input;
  for (const k of path) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[k as any];
  }
  return cur;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out || '(props)';
}

export function suggestDnsName(v: string): string {
  const s = stripInvisible(v).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return s || 'name';
}

/** Turns zod issues into ConfigProblems with field path, bad value, allowed values and a fix. */
export function zodProblems(constructPath: string, error: z.ZodError, input: unknown, schema?: z.ZodType): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of error.issues) {
    const base = [...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = schema ? knownKeysAt(schema, input, base) : undefined;
        out.push({
          path: `${constructPath}: ${fieldPath([...base, key])}`,
          problem: 'unknown property (misspelt or not supported here)',
          value: key,
          allowed: known ? known.join(', ') : 'the documented properties of this construct (see its Props type)',
          fix: `remove "${key}" or correct its spelling`,
        });
      }
      continue;
    }
    const value = getAt(input, base);
    let allowed: string | undefined;
    let fix: string | undefined;
    switch (issue.code) {
      case 'invalid_value':
        allowed = `one of ${(issue as any).values.map((x: unknown) => JSON.stringify(x)).join(', ')}`;
        fix = 'use one of the allowed values';
        break;
      case 'invalid_type':
        allowed = `a value of type ${(issue as any).expected}`;
        fix = value === undefined ? 'set this required property' : `change it to a ${(issue as any).expected}`;
        break;
      case 'too_small':
        allowed = `${(issue as any).origin === 'string' ? 'length ' : ''}>= ${(issue as any).minimum}`;
        fix = 'raise the value';
        break;
      case 'too_big':
        allowed = `${(issue as any).origin === 'string' ? 'length ' : ''}<= ${(issue as any).maximum}`;
        fix = 'lower the value';
        break;
      case 'invalid_format':
        if (/DNS-1123/.test(issue.message)) {
          allowed = 'lower-case letters, digits and "-" (and "." in names), starting and ending with a letter or digit, at most 63 characters';
          fix = typeof value === 'string' ? `use a name like "${suggestDnsName(value)}"` : 'use a DNS-1123 name';
        } else {
          allowed = (issue as any).pattern ? `matching ${(issue as any).pattern}` : `format ${(issue as any).format}`;
          fix = 'change the value to match';
        }
        break;
      default:
        break;
    }
    // custom refinements carry their own allowed/fix (and, for a bad map key, the key as the value) in params
    const params = (issue as any).params as { allowed?: string; fix?: string; value?: unknown } | undefined;
    if (params?.allowed) allowed = params.allowed;
    if (params?.fix) fix = params.fix;
    out.push({ path: `${constructPath}: ${fieldPath(base)}`, problem: issue.message, value: params?.value !== undefined ? params.value : value, allowed, fix });
  }
  return out;
}

/** Walks a zod schema along a data path and returns the keys the object there accepts. */
export function knownKeysAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let cur: any = schema;
  let data: any = input;
  const unwrap = (s: any, d: any): any => {
    for (let i = 0; i < 20 && s; i++) {
      const def = s._zod?.def;
      if (!def) return s;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'prefault' || def.type === 'catch') s = def.innerType;
      else if (def.type === 'pipe') s = def.in;
      else if (def.type === 'lazy') s = def.getter();
      else if (def.type === 'union') {
        // pick the object option whose keys overlap the data most
        const opts = (def.options as any[]).map((o) => unwrap(o, d)).filter((o) => o?._zod?.def?.type === 'object');
        if (opts.length === 0) return s;
        const keys = d && typeof d === 'object' ? Object.keys(d) : [];
        opts.sort((a, b) => score(b, keys) - score(a, keys));
        s = opts[0];
      } else return s;
    }
    return s;
  };
  const score = (o: any, keys: string[]) => keys.filter((k) => k in o._zod.def.shape).length;
  cur = unwrap(cur, data);
  for (const k of path) {
    const def = cur?._zod?.def;
    if (!def) return undefined;
    if (def.type === 'object') cur = def.shape[k as string];
    else if (def.type === 'array') cur = def.element;
    else if (def.type === 'record') cur = def.valueType;
    else return undefined;
    data = data?.[k as any];
    cur = unwrap(cur, data);
  }
  const def = cur?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape).sort() : undefined;
}

/**
 * The props last parsed for each construct path (defaults applied), so that the render step can say which prop an
 * invalid derived object name came from. Keyed by path: a later parse for the same path replaces it.
 */
const parsedProps = new Map<string, unknown>();

/** Drops the parsed props of these construct paths (a streamed synth releasing a site it has written). */
export function forgetParsedProps(constructPaths: readonly string[]): void {
  for (const k of constructPaths) parsedProps.delete(k);
}

/** The props last parsed by {@link parseProps} for a construct path, if any. */
export function parsedPropsOf(constructPath: string): unknown {
  return parsedProps.get(constructPath);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? `an instance of ${(v as any).constructor?.name ?? 'an unknown class'}` : `a ${typeof v}`;
}

/**
 * What every props object must be before its schema can say anything: an object (not null, an array or a
 * primitive), without cycles, and without the key "__proto__" (JavaScript turns it into the object's prototype, so
 * the entry would vanish or change the object). Walks plain objects and arrays only: constructs and other class
 * instances (clusters, pools, SecretRefs) are references, not data.
 */
export function checkPropsShape(constructPath: string, input: unknown): void {
  if (input === undefined) return;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError({
      path: `${constructPath}: (props)`,
      problem: `props must be an object, but this is ${describeType(input)}`,
      value: input,
      allowed: 'an object literal with the documented properties of this construct (see its Props type)',
      fix: 'pass the props as an object, e.g. { name: "..." } (or leave them out where they are optional)',
    });
  }
  const problems: ConfigProblem[] = [];
  const stack: unknown[] = [];
  const walk = (v: unknown, path: PropertyKey[]): void => {
    if (problems.length >= 10) return;
    if (!Array.isArray(v) && !isPlainObject(v)) return;
    if (stack.includes(v)) {
      const at = stack.indexOf(v);
      problems.push({
        path: `${constructPath}: ${fieldPath(path)}`,
        problem: `props contain a cycle: this value is the object at ${path.length === 0 || at === 0 ? '(props)' : 'an enclosing level'} again, so it has no finite YAML form`,
        value: '<cyclic reference>',
        allowed: 'plain data: objects and arrays that do not contain themselves',
        fix: 'pass a copy without the back-reference (e.g. structuredClone of the part you need), or build the value fresh',
      });
      return;
    }
    stack.push(v);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else {
      for (const k of Object.keys(v)) {
        if (k === '__proto__') {
          problems.push({
            path: `${constructPath}: ${fieldPath([...path, k])}`,
            problem: 'the key "__proto__" cannot be used: JavaScript treats it as the prototype of the object, so the entry would be dropped or would change the object (no Kubernetes label, annotation or Ceph parameter has this name)',
            value: k,
            allowed: 'any other key',
            fix: 'remove the "__proto__" entry or rename it',
          });
          continue;
        }
        walk(v[k], [...path, k]);
      }
    }
    stack.pop();
  };
  walk(input, []);
  if (problems.length) throw new ConfigError(problems);
}

/** Parses props with a strict zod schema, throwing a ConfigError that names every problem. */
export function parseProps<S extends z.ZodType>(constructPath: string, schema: S, input: unknown): z.output<S> {
  checkPropsShape(constructPath, input);
  const r = schema.safeParse(input);
  if (!r.success) throw new ConfigError(zodProblems(constructPath, r.error, input, schema));
  parsedProps.set(constructPath, r.data);
  return r.data;
}
