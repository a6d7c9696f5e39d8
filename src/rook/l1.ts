/**
 * The L1 bindings in imports/ type every CRD enum as a TypeScript string enum (one per field: CephBlockPool's
 * compressionMode and CephFilesystem's are two types), while the constructs' parsed props carry the same values as
 * string unions. {@link asL1} bridges the two without a blind cast: its argument is checked against the binding type
 * with each enum replaced by the union of its values (`${E}`), everything else (field names, nesting, the
 * int-or-string classes, which need `X.fromString`) as the binding has it.
 */

/** An int-or-string class of a binding (`{ value }` built by `fromString` / `fromNumber`): kept as is. */
type UnionClass = { readonly value: string | number };

/** Binding type `T` with every string enum replaced by the union of its values. */
export type EnumsAsValues<T> =
  0 extends (1 & T) ? any
    : T extends string ? `${T}`
      : T extends number | boolean | undefined | null ? T
        : T extends readonly (infer I)[] ? EnumsAsValues<I>[]
          : T extends UnionClass ? (keyof T extends 'value' ? T : { [K in keyof T]: EnumsAsValues<T[K]> })
            : T extends object ? { [K in keyof T]: EnumsAsValues<T[K]> }
              : T;

/** `v`, checked against binding type `T` with its enums as their values, as a `T` (the enum values are the same strings). */
export function asL1<T>(v: EnumsAsValues<T>): T {
  return v as T;
}
