/**
 * Compile-time guard that a documented props interface and the zod schema that parses it describe the
 * same input. Used as `const _check: PropsMatch<FooProps, z.input<typeof fooSchema>> = true;` next to the
 * interface: when the two drift apart (a key added, removed, made optional, or its type changed on one
 * side only) the assignment stops compiling.
 *
 * The comparison is deep and ignores `readonly` (interfaces are readonly, zod input types are mutable):
 * both sides must have the same keys, the same optional keys, and, key by key, the same types (unions
 * member by member, arrays element by element). Types that are identical (e.g. the same class) stop the
 * recursion at once.
 */

/** true when A and B are the identical type. */
type IsIdentical<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

/** true when each is assignable to the other. */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/** Every member of union A has a matching member in B. */
type EachMatched<A, B> = false extends (A extends unknown ? (true extends (B extends unknown ? Same<A, B> : never) ? true : false) : never) ? false : true;

type AllTrue<T> = false extends T[keyof T] ? false : true;

type SameObject<A, B> =
  Mutual<keyof A, keyof B> extends true
    ? Mutual<OptionalKeys<A>, OptionalKeys<B>> extends true
      ? AllTrue<{ [K in keyof A & keyof B]-?: Same<Exclude<A[K], undefined>, Exclude<B[K], undefined>> }>
      : false
    : false;

type Same<A, B> =
  IsIdentical<A, B> extends true ? true
    : [IsUnion<A>, IsUnion<B>] extends [false, false]
      ? [A, B] extends [readonly (infer EA)[], readonly (infer EB)[]] ? Same<EA, EB>
        : [A] extends [readonly unknown[]] ? false
          : [B] extends [readonly unknown[]] ? false
            : [A] extends [(...args: any[]) => any] ? Mutual<A, B>
              : [A, B] extends [object, object] ? SameObject<A, B>
                : Mutual<A, B>
      : EachMatched<A, B> extends true ? EachMatched<B, A> : false;

/**
 * `true` when the props interface `I` and the zod input type `Z` have the same keys, optional keys and
 * (deeply) the same types, `readonly` aside; `never` otherwise, so `const _: PropsMatch<I, Z> = true`
 * fails to compile on any drift.
 */
export type PropsMatch<I, Z> = Same<I, Z> extends true ? true : never;
