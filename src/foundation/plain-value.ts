/**
 * Guards of the APIs that take a path of keys and a value (`setHelmValue`, `setRawJson`): a key that is part of
 * every JavaScript object (`__proto__`, `constructor`, `prototype`) would write into Object.prototype for the whole
 * process, and a value that is not plain data (a function, a cycle, a symbol, a bigint) has no YAML form.
 */
import { ConfigError } from './errors';

/** Keys that reach an object's prototype when used as a path segment. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Refuses a path with a prototype key. */
export function checkPathKeys(where: string, keys: readonly string[]): void {
  const bad = keys.find((k) => PROTOTYPE_KEYS.includes(k));
  if (bad === undefined) return;
  throw new ConfigError({
    path: where,
    problem: `the key "${bad}" names a part of every JavaScript object; setting it would change all objects of the process, not a value`,
    value: keys.join('.'),
    allowed: `keys other than ${PROTOTYPE_KEYS.join(', ')} (no chart value or Kubernetes field has these names)`,
    fix: 'remove that key from the path',
  });
}

/** Refuses a value that is not plain data (strings, numbers, booleans, null, plain objects and arrays, no cycles). */
export function checkPlainValue(where: string, value: unknown): void {
  const stack: unknown[] = [];
  const fail = (at: string, what: string, got: string) => {
    throw new ConfigError({
      path: `${where}${at}`,
      problem: `the value ${what}, which has no YAML form`,
      value: got,
      allowed: 'plain data: strings, finite numbers, booleans, plain objects and arrays that do not contain themselves',
      fix: 'pass the data itself (e.g. the result of the function, or structuredClone of the part without the back-reference)',
    });
  };
  const walk = (v: unknown, at: string): void => {
    switch (typeof v) {
      case 'function': return fail(at, 'is a function', '<function>');
      case 'symbol': return fail(at, 'is a symbol', String(v));
      case 'bigint': return fail(at, 'is a bigint', `${String(v)}n`);
      case 'number': if (!Number.isFinite(v)) fail(at, 'is not a finite number', String(v)); return;
      case 'object': break;
      default: return;
    }
    if (v === null) return;
    if (stack.includes(v)) return fail(at, 'contains a cycle (an object that holds itself)', '<cyclic reference>');
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return fail(at, `is an instance of ${(v as object).constructor?.name ?? 'a class'}`, `<${(v as object).constructor?.name ?? 'object'}>`);
    stack.push(v);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else {
      for (const k of Object.keys(v)) {
        if (PROTOTYPE_KEYS.includes(k)) checkPathKeys(`${where}${at}`, [k]);
        walk((v as Record<string, unknown>)[k], `${at}.${k}`);
      }
    }
    stack.pop();
  };
  walk(value, '');
}
