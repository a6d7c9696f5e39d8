/**
 * Brand checks: how a child construct recognises its parent without importing the parent's class (the parent's module
 * imports the child's to create it in `addX()`, so the other direction would be an import cycle). The parent class
 * marks its prototype with `Symbol.for('gitops-storage.<Kind>')` (`brand`); the check reads the mark (`hasBrand`), so
 * it also holds for instances of subclasses and when two copies of the package are loaded, where `instanceof` fails.
 */
import { z } from 'zod';

function brandKey(kind: string): symbol {
  return Symbol.for(`gitops-storage.${kind}`);
}

/** Marks every instance of `ctor` and of its subclasses as a `kind`. Call it once, in a static block of the class. */
export function brand(ctor: abstract new (...args: any[]) => object, kind: string): void {
  Object.defineProperty(ctor.prototype, brandKey(kind), { value: true });
}

/** True when `x` is an instance of a class {@link brand}ed as `kind`. */
export function hasBrand(x: unknown, kind: string): boolean {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brandKey(kind)] === true;
}

/**
 * A schema that accepts what `is` accepts and, for anything else, reports the issue `z.instanceof(<kind class>)` reports
 * (`invalid_type`, expected `kind`, or the message given), so a prop of the wrong type reads as it did with the class.
 */
export function zBranded<T>(kind: string, is: (x: unknown) => x is T, params?: { message?: string }): z.ZodCustom<T, T> {
  const probe = class { static [Symbol.hasInstance](x: unknown): boolean { return is(x); } };
  Object.defineProperty(probe, 'name', { value: kind });
  return z.instanceof(probe, params) as unknown as z.ZodCustom<T, T>;
}
