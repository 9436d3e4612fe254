/**
 * Azure RBAC's action patterns: an operation string such as
 * `Microsoft.Batch/batchAccounts/pools/write` against a role's `actions` entry. Azure compares
 * them case-insensitively and lets `*` stand for any run of characters, slashes included, so
 * `*` is everything, `Microsoft.Batch/*` is one provider and `*\/read` is every read.
 */

const patternCache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(`^${body}$`, "i");
    patternCache.set(pattern, re);
  }
  return re;
}

/** Whether one `actions` / `notActions` entry covers the operation. */
export const actionMatches = (pattern: string, action: string): boolean => compile(pattern).test(action);

/** Granted by a permission block: some allow entry matches and no deny entry does. */
export function grants(allow: readonly string[], deny: readonly string[], action: string): boolean {
  return allow.some((p) => actionMatches(p, action)) && !deny.some((p) => actionMatches(p, action));
}
