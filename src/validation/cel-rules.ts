/**
 * What the API server checks of a custom resource beyond its OpenAPI schema, from the same schema: the CEL rules
 * of `x-kubernetes-validations` (evaluated with @bufbuild/cel, a maintained CEL implementation) and the list
 * semantics of `x-kubernetes-list-type: map | set` (no two items with the same keys, no two equal items).
 *
 * As the API server does, the object is first defaulted from the schema's `default`s; then each rule is evaluated
 * with `self` bound to the value of its schema node (integers as CEL `int`, property names escaped as Kubernetes
 * escapes them: `namespace` → `__namespace__`, `a-b` → `a__dash__b`). A rule that reads `oldSelf` is a transition
 * rule: not evaluated on create, only between the committed and the new object ({@link transitionRuleProblems}).
 *
 * A rule that does not parse, or calls a function the evaluator does not provide, is never silently passed: it is
 * reported as skipped (file, kind, schema path, rule and reason) by {@link crdRuleInventory}, by the bundle's index
 * (`celRules`) and by the validator's `skippedRules()`.
 */
import type { CelEnv, CelResult } from '@bufbuild/cel';

/* the evaluator is loaded when the first rule is compiled: most inputs (built-in kinds, CRDs without rules) never need it */
/* eslint-disable @typescript-eslint/no-require-imports */
const cel = () => require('@bufbuild/cel') as typeof import('@bufbuild/cel');
const celStrings = () => (require('@bufbuild/cel/ext') as typeof import('@bufbuild/cel/ext')).strings;
/* eslint-enable @typescript-eslint/no-require-imports */
const isCelError = (v: unknown): v is Error => cel().isCelError(v);

type Schema = Record<string, any>;

/** One `x-kubernetes-validations` entry as a CRD writes it. */
export interface CelRuleSpec {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
  readonly optionalOldSelf?: boolean;
}

/** A rule the API server would refuse the object by (or, for list semantics, a duplicate). */
export interface CelProblem {
  /** Kubernetes field path (`spec.mon`, `spec.pools[1]`, `spec.labels[key]`). */
  readonly field: string;
  /** JSON pointer of the offending value. */
  readonly pointer: string;
  /** The API server's wording: `Invalid value: "object": <message>`, `Duplicate value: …`, `Forbidden: …`. */
  readonly msg: string;
  /** The rule's text (undefined for list-type duplicates). */
  readonly rule?: string;
  /** The rule's message (or the message of its messageExpression). */
  readonly message: string;
}

/** A rule that is not evaluated, and why. */
export interface SkippedRule {
  readonly kind: string;
  /** schema path of the node carrying the rule (`.spec.mon`, `[*]` for items, `{*}` for map values). */
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

// ---------------------------------------------------------------------------------------------------------------
// compiling (once per rule text, per process)

interface Compiled {
  readonly run?: (vars: Record<string, unknown>) => CelResult;
  readonly transition: boolean;
  readonly skipped?: string;
}

let env: CelEnv | undefined;
function celEnvironment(): CelEnv {
  // the Kubernetes CEL environment the pinned rules use: the standard macros and functions (has, all, exists,
  // exists_one, filter, size, matches, contains, startsWith, endsWith, duration) plus the strings extension (split)
  env ??= cel().celEnv({ funcs: celStrings() });
  return env;
}

/** Functions and operators the environment provides (standard library + strings extension). */
const PROVIDED = new Set([
  // operators and macros as the parser names them
  '_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_', '_&&_', '_||_', '!_', '-_', '_+_', '_-_', '_*_', '_/_', '_%_', '_?_:_', '_[_]', '@in', '@not_strictly_false', 'in',
  // standard functions
  'size', 'matches', 'contains', 'startsWith', 'endsWith', 'duration', 'timestamp', 'int', 'uint', 'double', 'string', 'bytes', 'bool', 'type', 'dyn',
  'getSeconds', 'getMilliseconds', 'getMinutes', 'getHours', 'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getFullYear', 'getMonth',
  // strings extension
  'charAt', 'indexOf', 'lastIndexOf', 'lowerAscii', 'upperAscii', 'replace', 'split', 'substring', 'trim', 'join', 'quote', 'format', 'reverse',
]);

const compiledRules = new Map<string, Compiled>();

/** Names of the functions an expression calls (macros are expanded to comprehensions by the parser). */
function calledFunctions(node: any, out: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) calledFunctions(x, out);
    return;
  }
  const k = node.exprKind;
  if (k?.case === 'callExpr' && typeof k.value?.function === 'string') out.add(k.value.function);
  for (const [key, v] of Object.entries(node)) if (key !== '$typeName' && v && typeof v === 'object') calledFunctions(v, out);
}

/** Whether the expression names `oldSelf` (a transition rule). */
function readsOldSelf(node: any): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(readsOldSelf);
  if (node.exprKind?.case === 'identExpr' && node.exprKind.value?.name === 'oldSelf') return true;
  return Object.entries(node).some(([key, v]) => key !== '$typeName' && !!v && typeof v === 'object' && readsOldSelf(v));
}

/** Compiles a CEL expression once per process; a rule that cannot be evaluated comes back with `skipped`. */
export function compileRule(text: string): Compiled {
  const hit = compiledRules.get(text);
  if (hit) return hit;
  let c: Compiled;
  try {
    const parsed = cel().parse(text);
    const fns = new Set<string>();
    calledFunctions(parsed.expr, fns);
    const missing = [...fns].filter((f) => !PROVIDED.has(f)).sort();
    if (missing.length) {
      c = { transition: readsOldSelf(parsed.expr), skipped: `calls ${missing.join(', ')}, which the CEL evaluator does not provide` };
    } else {
      c = { run: cel().plan(celEnvironment(), parsed) as (vars: Record<string, unknown>) => CelResult, transition: readsOldSelf(parsed.expr) };
    }
  } catch (e) {
    c = { transition: /\boldSelf\b/.test(text), skipped: `does not compile: ${String((e as Error).message ?? e).split('\n')[0]}` };
  }
  compiledRules.set(text, c);
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// the rules of a schema (walked once per CRD kind)

interface RuleNode {
  readonly schema: Schema;
  readonly rules: readonly CelRuleSpec[];
  readonly listType?: 'map' | 'set';
  readonly mapKeys?: readonly string[];
  readonly props?: ReadonlyMap<string, RuleNode>;
  readonly items?: RuleNode;
  readonly values?: RuleNode;
}

const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

/** Schema nodes with rules, list semantics or below them; undefined when there is nothing to check below `s`. */
function ruleTree(s: unknown, depth = 0): RuleNode | undefined {
  if (!isObj(s) || depth > 64) return undefined;
  const rules = (Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'] : []).filter((r: unknown) => isObj(r) && typeof r.rule === 'string') as CelRuleSpec[];
  const lt = s['x-kubernetes-list-type'];
  const listType = lt === 'map' || lt === 'set' ? lt : undefined;
  let props: Map<string, RuleNode> | undefined;
  if (isObj(s.properties)) {
    for (const [k, v] of Object.entries(s.properties)) {
      const n = ruleTree(v, depth + 1);
      if (n) (props ??= new Map()).set(k, n);
    }
  }
  const items = ruleTree(Array.isArray(s.items) ? undefined : s.items, depth + 1);
  const values = ruleTree(s.additionalProperties, depth + 1);
  if (!rules.length && !listType && !props && !items && !values) return undefined;
  return { schema: s, rules, listType, mapKeys: Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : undefined, props, items, values };
}

const trees = new WeakMap<object, RuleNode | null>();
function treeOf(root: Schema): RuleNode | undefined {
  let t = trees.get(root);
  if (t === undefined) trees.set(root, (t = ruleTree(root) ?? null));
  return t ?? undefined;
}

/** Every rule of a CRD version's schema with its schema path, and the ones that cannot be evaluated. */
export function schemaRules(root: Schema | undefined): Array<{ path: string; spec: CelRuleSpec; compiled: Compiled }> {
  const out: Array<{ path: string; spec: CelRuleSpec; compiled: Compiled }> = [];
  const walk = (n: RuleNode | undefined, p: string) => {
    if (!n) return;
    for (const spec of n.rules) out.push({ path: p, spec, compiled: compileRule(spec.rule) });
    for (const [k, c] of n.props ?? []) walk(c, `${p}.${k}`);
    walk(n.items, `${p}[*]`);
    walk(n.values, `${p}{*}`);
  };
  walk(root ? treeOf(root) : undefined, '');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// values: defaulting and conversion to CEL

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** The object with the schema's defaults applied, as the API server defaults a request before validating it. */
export function applyDefaults(s: unknown, v: unknown, depth = 0): unknown {
  if (!isObj(s) || depth > 64) return v;
  if (Array.isArray(v)) return isObj(s.items) ? v.map((x) => applyDefaults(s.items, x, depth + 1)) : v;
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue; // pruned / decoded as absent by the API server
    const child = isObj(s.properties) && isObj(s.properties[k]) ? s.properties[k] : isObj(s.additionalProperties) ? s.additionalProperties : undefined;
    out[k] = child ? applyDefaults(child, x, depth + 1) : x;
  }
  if (isObj(s.properties)) {
    for (const [k, ps] of Object.entries(s.properties)) {
      if (out[k] === undefined && isObj(ps) && ps.default !== undefined && ps.default !== null) out[k] = applyDefaults(ps, clone(ps.default), depth + 1);
    }
  }
  return out;
}

const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** A property name as Kubernetes CEL sees it, or undefined when CEL cannot reach it. */
export function escapePropertyName(name: string): string | undefined {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

/** A JSON value as CEL input: integers of integer (or untyped) fields as int, property names escaped. */
function toCel(s: Schema | undefined, v: unknown, depth = 0): unknown {
  if (typeof v === 'number') {
    const t = s?.type;
    if (Number.isInteger(v) && t !== 'number' && Number.isSafeInteger(v)) return BigInt(v);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => toCel(isObj(s?.items) ? s!.items : undefined, x, depth + 1));
  if (!isObj(v) || depth > 64) return v;
  const props = isObj(s?.properties) ? (s!.properties as Schema) : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined) continue;
    if (props && isObj(props[k])) {
      const name = escapePropertyName(k);
      if (name !== undefined) out[name] = toCel(props[k], x, depth + 1);
    } else {
      out[k] = toCel(isObj(s?.additionalProperties) ? s!.additionalProperties : undefined, x, depth + 1);
    }
  }
  return out;
}

function celTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** A value the way Go's %#v prints it in the API server's "Duplicate value" (close enough to recognise). */
function goValue(v: unknown): string {
  if (isObj(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goValue(v[k])}`).join(', ')}}`;
  return JSON.stringify(v);
}

const ptrSeg = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

function reasonPrefix(reason: string | undefined, typeName: string, value: unknown): string {
  switch (reason) {
    case 'FieldValueForbidden':
      return 'Forbidden: ';
    case 'FieldValueRequired':
      return 'Required value: ';
    case 'FieldValueDuplicate':
      return `Duplicate value: ${goValue(value)}: `;
    default:
      return `Invalid value: ${JSON.stringify(typeName)}: `;
  }
}

interface Where {
  readonly field: string;
  readonly pointer: string;
}

/** `fieldPath` of a rule (`.foo.bar`, `.foo['a.b']`, `.list[0]`) appended to the node's path. */
function withFieldPath(w: Where, fieldPath: string | undefined): Where {
  if (!fieldPath) return w;
  let field = w.field;
  let pointer = w.pointer;
  for (const m of fieldPath.matchAll(/\.([A-Za-z0-9_-]+)|\[\s*'([^']*)'\s*\]|\[(\d+)\]/g)) {
    const seg = m[1] ?? m[2] ?? m[3];
    field = m[3] !== undefined ? `${field}[${seg}]` : m[2] !== undefined ? `${field}[${seg}]` : field ? `${field}.${seg}` : seg;
    pointer = `${pointer}/${ptrSeg(seg)}`;
  }
  return { field, pointer };
}

/** The rule's message, or the API server's default (`failed rule: <rule>`). */
function ruleMessage(spec: CelRuleSpec): string {
  return typeof spec.message === 'string' && spec.message.trim() ? spec.message.trim() : `failed rule: ${spec.rule.trim()}`;
}

function evaluate(n: RuleNode, spec: CelRuleSpec, vars: Record<string, unknown>, value: unknown, w: Where, out: CelProblem[], skipped: (spec: CelRuleSpec, reason: string) => void): void {
  const c = compileRule(spec.rule);
  if (!c.run) {
    skipped(spec, c.skipped ?? 'cannot be evaluated');
    return;
  }
  const r = c.run(vars);
  if (r === true) return;
  const at = withFieldPath(w, spec.fieldPath);
  const typeName = celTypeName(value);
  if (isCelError(r) || typeof r !== 'boolean') {
    // the API server's wording for a rule that fails to evaluate (a missing field, an index out of range): refused
    const why = isCelError(r) ? r.message : `the rule gives ${typeof r}, not a boolean`;
    const message = `${why} evaluating rule: ${ruleMessage(spec)}`;
    out.push({ field: at.field, pointer: at.pointer, rule: spec.rule, message, msg: `${reasonPrefix(spec.reason, typeName, value)}${message}` });
    return;
  }
  let message = ruleMessage(spec);
  if (typeof spec.messageExpression === 'string' && spec.messageExpression) {
    const m = compileRule(spec.messageExpression);
    const mr = m.run?.(vars);
    if (typeof mr === 'string' && mr.trim() && !mr.includes('\n')) message = mr;
  }
  out.push({ field: at.field, pointer: at.pointer, rule: spec.rule, message, msg: `${reasonPrefix(spec.reason, typeName, value)}${message}` });
}

/** Duplicate keys / items of a `map` / `set` list, as the API server reports them. */
function listProblems(n: RuleNode, value: unknown[], w: Where, out: CelProblem[]): void {
  const seen = new Set<string>();
  value.forEach((item, i) => {
    let key: string;
    let shown: unknown;
    if (n.listType === 'set') {
      key = JSON.stringify(sortKeys(item));
      shown = item;
    } else {
      if (!isObj(item) || !n.mapKeys?.length) return;
      const keys: Record<string, unknown> = {};
      for (const k of n.mapKeys) if (item[k] !== undefined && item[k] !== null) keys[k] = item[k];
      key = JSON.stringify(sortKeys(keys));
      shown = keys;
    }
    if (seen.has(key)) {
      const message = n.listType === 'set' ? 'no two items of a list of type set may be equal' : `no two items of a list of type map may have the same ${n.mapKeys!.join(' and ')}`;
      out.push({ field: `${w.field}[${i}]`, pointer: `${w.pointer}/${i}`, message, msg: `Duplicate value: ${JSON.stringify(sortKeys(shown))}: ${message}` });
    }
    seen.add(key);
  });
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

function child(w: Where, key: string, index: boolean, mapKey = false): Where {
  return { field: index || mapKey ? `${w.field}[${key}]` : w.field ? `${w.field}.${key}` : key, pointer: `${w.pointer}/${ptrSeg(key)}` };
}

/**
 * The rules (not reading `oldSelf`) and list semantics an object of this schema breaks on create. `skipped` hears
 * of every rule met that cannot be evaluated.
 */
export function createRuleProblems(root: Schema | undefined, obj: unknown, skipped: (spec: CelRuleSpec, path: string, reason: string) => void = () => undefined): CelProblem[] {
  const tree = root ? treeOf(root) : undefined;
  if (!tree) return [];
  const out: CelProblem[] = [];
  const walk = (n: RuleNode, v: unknown, w: Where, sp: string) => {
    if (v === undefined || v === null) return;
    let self: unknown;
    for (const spec of n.rules) {
      const c = compileRule(spec.rule);
      if (c.transition && !c.skipped) continue;
      if (c.transition && c.skipped) {
        skipped(spec, sp, c.skipped);
        continue;
      }
      self ??= toCel(n.schema, v);
      evaluate(n, spec, { self }, v, w, out, (s, reason) => skipped(s, sp, reason));
    }
    if (Array.isArray(v)) {
      if (n.listType) listProblems(n, v, w, out);
      if (n.items) v.forEach((x, i) => walk(n.items!, x, child(w, String(i), true), `${sp}[*]`));
    } else if (isObj(v)) {
      for (const [k, c] of n.props ?? []) walk(c, v[k], child(w, k, false), `${sp}.${k}`);
      if (n.values) for (const [k, x] of Object.entries(v)) if (!n.props?.has(k)) walk(n.values, x, child(w, k, false, true), `${sp}{*}`);
    }
  };
  walk(tree, applyDefaults(root, obj), { field: '', pointer: '' }, '');
  return out;
}

/**
 * The transition rules (reading `oldSelf`) the update from `before` to `after` breaks: evaluated where both objects
 * have a value at the same place (properties, map values, and items of `map` lists matched by their keys), as the
 * API server does on update.
 */
export function transitionRuleProblems(root: Schema | undefined, before: unknown, after: unknown): CelProblem[] {
  const tree = root ? treeOf(root) : undefined;
  if (!tree) return [];
  const out: CelProblem[] = [];
  const walk = (n: RuleNode, o: unknown, v: unknown, w: Where) => {
    if (v === undefined || v === null || o === undefined || o === null) return;
    let self: unknown;
    let oldSelf: unknown;
    for (const spec of n.rules) {
      const c = compileRule(spec.rule);
      if (!c.transition || !c.run) continue;
      self ??= toCel(n.schema, v);
      oldSelf ??= toCel(n.schema, o);
      evaluate(n, spec, { self, oldSelf }, v, w, out, () => undefined);
    }
    if (Array.isArray(v) && Array.isArray(o)) {
      if (n.items && n.listType === 'map' && n.mapKeys?.length) {
        const keyOf = (x: unknown) => (isObj(x) ? JSON.stringify(n.mapKeys!.map((k) => x[k])) : '');
        const olds = new Map(o.map((x) => [keyOf(x), x]));
        v.forEach((x, i) => walk(n.items!, olds.get(keyOf(x)), x, child(w, String(i), true)));
      }
    } else if (isObj(v) && isObj(o)) {
      for (const [k, c] of n.props ?? []) walk(c, o[k], v[k], child(w, k, false));
      if (n.values) for (const [k, x] of Object.entries(v)) if (!n.props?.has(k)) walk(n.values, o[k], x, child(w, k, false, true));
    }
  };
  walk(tree, applyDefaults(root, before), applyDefaults(root, after), { field: '', pointer: '' });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// built-in kinds: the list semantics the API server's own validation enforces

/**
 * Lists of built-in kinds whose duplicate keys the API server refuses (its hand-written validation: container
 * and volume names, mount paths, device paths, Service ports, spread constraints), by definition and property;
 * the keys come from the definitions' `x-kubernetes-list-map-keys` (else their patch merge key, in older minors).
 * Other map lists (env, container ports, imagePullSecrets) are accepted with duplicates, so they are not here.
 */
const ENFORCED_BUILTIN_LISTS: Record<string, readonly string[]> = {
  'core.v1.PodSpec': ['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'topologySpreadConstraints'],
  'core.v1.Container': ['volumeMounts', 'volumeDevices'],
  'core.v1.ServiceSpec': ['ports'],
};

/** Go-side defaults of list keys (not in the definitions): a Service port without protocol is TCP. */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

function hasLongList(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(v)) return (v.length > 1 && v.some(isObj)) || v.some((x) => hasLongList(x, depth + 1));
  return isObj(v) && Object.values(v).some((x) => hasLongList(x, depth + 1));
}

/** Duplicates in the lists of {@link ENFORCED_BUILTIN_LISTS} of a built-in object (its derived schema, with `definitions`). */
export function builtinListProblems(schemaOf: Schema | (() => Schema), data: unknown): CelProblem[] {
  if (!hasLongList(data)) return [];
  const schema = typeof schemaOf === 'function' ? schemaOf() : schemaOf;
  const defs = (isObj(schema.definitions) ? schema.definitions : {}) as Record<string, Schema>;
  const out: CelProblem[] = [];
  const walk = (s: Schema | undefined, def: string, v: unknown, w: Where, depth: number): void => {
    if (!isObj(s) || depth > 64 || v === undefined || v === null) return;
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/')) {
      const name = s.$ref.slice('#/definitions/'.length);
      walk(defs[name], name, v, w, depth + 1);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(isObj(s.items) ? s.items : undefined, def, x, child(w, String(i), true), depth + 1));
      return;
    }
    if (!isObj(v) || !isObj(s.properties)) return;
    const enforced = Object.entries(ENFORCED_BUILTIN_LISTS).find(([d]) => def.endsWith(`.${d}`))?.[1];
    for (const [k, x] of Object.entries(v)) {
      const ps = s.properties[k];
      if (!isObj(ps)) continue;
      const cw = child(w, k, false);
      if (enforced?.includes(k) && Array.isArray(x)) {
        const keys = Array.isArray(ps['x-kubernetes-list-map-keys']) ? (ps['x-kubernetes-list-map-keys'] as string[]) : typeof ps['x-kubernetes-patch-merge-key'] === 'string' ? [ps['x-kubernetes-patch-merge-key'] as string] : [];
        if (keys.length) {
          const withDefaults = x.map((item) => (isObj(item) ? { ...Object.fromEntries(keys.filter((key) => KEY_DEFAULTS[key] !== undefined).map((key) => [key, KEY_DEFAULTS[key]])), ...item } : item));
          listProblems({ schema: ps, rules: [], listType: 'map', mapKeys: keys }, withDefaults, cw, out);
        }
      }
      walk(ps, def, x, cw, depth + 1);
    }
  };
  walk(schema, '', data, { field: '', pointer: '' }, 0);
  return out;
}
