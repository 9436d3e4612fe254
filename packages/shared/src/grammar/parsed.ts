/** The result of a grammar check: the parts when valid, a human reason when not. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
