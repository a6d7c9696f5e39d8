/**
 * Map keys that are names of `Object.prototype` (`constructor`, `toString`, `hasOwnProperty`, ...) are legal label,
 * annotation, node selector and parameter keys, but cdk8s's resolver and sanitizer read `obj.constructor` to tell a
 * plain map from a class instance: a map with an own `constructor` key fails with "can't render non-simple object",
 * and one with `constructor` and `value` keys is even rewritten as a number-or-string union.
 *
 * So every ApiObject resolves maps through {@link PrototypeKeyResolver} first, which renames such keys to an escaped
 * form that cdk8s passes through untouched, and the rendered manifest gets its keys back with {@link restoreMapKeys}.
 */
import { App, IResolver, ResolutionContext } from 'cdk8s';
import { IConstruct } from 'constructs';

const ESCAPE = '\u0000gitops-storage-key:';

function needsEscape(key: string): boolean {
  return key in Object.prototype;
}

/** Renames prototype-named keys of plain (or prototype-less) maps before cdk8s resolves them. */
export class PrototypeKeyResolver implements IResolver {
  public resolve(context: ResolutionContext): void {
    const v = context.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return;
    const keys = Object.keys(v);
    if (proto === Object.prototype && !keys.some(needsEscape)) return;
    const out: Record<string, unknown> = {};
    for (const k of keys) out[needsEscape(k) ? ESCAPE + k : k] = (v as any)[k];
    context.replaceValue(out);
  }
}

/** Puts the resolver in front of the resolvers of the app a construct is in (once per app). */
export function usePrototypeKeyResolver(scope: IConstruct): void {
  let app: App;
  try {
    app = App.of(scope);
  } catch {
    return;
  }
  const resolvers = app.resolvers as IResolver[];
  if (!resolvers.some((r) => r instanceof PrototypeKeyResolver)) resolvers.unshift(new PrototypeKeyResolver());
}

/**
 * The rendered manifest with the keys the resolver escaped restored, at every depth: a fresh copy (values a
 * construct put in by reference, `setRawJson`, stay the user's). Plain assignment, except for the restored keys and
 * `__proto__`, which become own properties through defineProperty (assignment would set `__proto__`'s prototype);
 * assignment of the other prototype names (`constructor`, ...) already creates own properties.
 */
export function restoreMapKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(restoreMapKeys) as any;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = restoreMapKeys((v as any)[k]);
      if (k.startsWith(ESCAPE)) Object.defineProperty(out, k.slice(ESCAPE.length), { value: x, enumerable: true, writable: true, configurable: true });
      else if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
      else out[k] = x;
    }
    return out as any;
  }
  return v;
}
