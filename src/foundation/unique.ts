/** Uniqueness checks of list entries, for zod refinements and deferred checks. */
import { z } from 'zod';
import { ConfigProblem } from './errors';

/** Every entry whose key repeats an earlier one: its key, its index, and the index of the first entry with that key. */
function repeats<T>(items: readonly T[] | undefined, keyOf: (x: T) => string): Array<{ k: string; i: number; prev: number }> {
  const first = new Map<string, number>();
  const out: Array<{ k: string; i: number; prev: number }> = [];
  (items ?? []).forEach((x, i) => {
    const k = keyOf(x);
    const prev = first.get(k);
    if (prev === undefined) first.set(k, i);
    else out.push({ k, i, prev });
  });
  return out;
}

/** Problems for entries of `items` whose key (by `keyOf`) repeats an earlier one; `at(i)` is the field path of entry i. */
export function duplicateProblems<T>(path: string, items: readonly T[] | undefined, keyOf: (x: T) => string, at: (i: number) => string, what: string, why: string): ConfigProblem[] {
  return repeats(items, keyOf).map(({ k, i, prev }) => ({
    path: `${path}: ${at(i)}`,
    problem: `${what} "${k}" is listed twice (also at ${at(prev)}); ${why}`,
    value: k,
    allowed: `unique ${what}s`,
    fix: `remove the second "${k}" or merge the two entries`,
  }));
}

/**
 * zod refinement: an issue on every entry of `items` (at `base` + [i] + `keyPath`) whose key repeats an earlier one.
 */
export function refineUnique<T>(ctx: z.RefinementCtx, items: readonly T[] | undefined, keyOf: (x: T) => string, base: (string | number)[], keyPath: (string | number)[], what: string, why: string): void {
  for (const { k, i, prev } of repeats(items, keyOf)) {
    ctx.addIssue({
      code: 'custom', path: [...base, i, ...keyPath],
      message: `${what} "${k}" is listed twice (entries ${prev} and ${i}); ${why}`,
      params: { allowed: `unique ${what}s`, fix: `remove or rename the second "${k}" (merge the two entries into one)` },
    });
  }
}

/**
 * A map of strings whose keys must not be empty (Ceph parameters, StorageClass parameters, OSD config): an entry
 * with the key "" reaches Ceph or the provisioner as an option without a name.
 */
export const stringMap = z.record(z.string(), z.string()).superRefine((m, ctx) => {
  if (Object.prototype.hasOwnProperty.call(m, '')) {
    ctx.addIssue({
      code: 'custom',
      message: 'an entry has the empty key ""; it would reach Ceph or the provisioner as an option without a name',
      params: { allowed: 'non-empty keys, e.g. { "compression_mode": "aggressive" }', fix: 'remove the "" entry or give it the name of the option' },
    });
  }
});
