import type { SpecPath } from "@batch-studio/shared";

/*
 * Field paths as tuples typed by the value they point into: `["scale", "dedicated"]` is a
 * `Path<PoolSpecInput>`, `["scale", "dedicatd"]` does not compile. Unions (the pool image is a
 * marketplace or a gallery image) contribute the paths of each member; arrays take any index.
 */

type Leaf = string | number | boolean | bigint | symbol | null | undefined | Date;

/** Every path into T, the empty path (the whole value) excluded. */
export type Path<T> = T extends Leaf
  ? never
  : T extends readonly (infer E)[]
    ? [number] | [number, ...Path<NonNullable<E>>]
    : { [K in keyof T & (string | number)]-?: [K] | [K, ...Path<NonNullable<T[K]>>] }[keyof T & (string | number)];

/** The type at a path (undefined included where a step on the way is optional). */
export type PathValue<T, P> = P extends []
  ? T
  : P extends [infer K, ...infer Rest]
    ? T extends readonly (infer E)[]
      ? K extends number
        ? PathValue<E, Rest>
        : never
      : T extends Leaf
        ? undefined
        : K extends keyof T
          ? PathValue<T[K], Rest>
          : // A key of another member of a union: absent on this one.
            undefined
    : never;

export const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean =>
  a.length === b.length && a.every((p, i) => p === b[i]);

/** `head` is the start of `path` (or all of it). */
export const startsWith = (path: readonly (string | number)[], head: readonly (string | number)[]): boolean =>
  head.length <= path.length && head.every((p, i) => p === path[i]);

export function getIn(root: unknown, path: SpecPath): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
