/**
 * Azure RBAC's action patterns: an operation such as `Microsoft.Batch/batchAccounts/pools/write`
 * against a role's `actions` entry. Azure compares them ignoring case, and `*` stands for any run
 * of characters, slashes included: `*` is everything, `Microsoft.Batch/*` one provider, `*\/read`
 * every read. The local Azure enforces roles with it and the portal reads permissions with it, so
 * both judge an action the same way.
 */
const compiled = new Map<string, RegExp>();

const compile = (pattern: string): RegExp => {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(`^${body}$`, "i");
    compiled.set(pattern, re);
  }
  return re;
};

/** Whether one `actions` / `notActions` entry covers the operation. */
export const actionMatches = (pattern: string, action: string): boolean => compile(pattern).test(action);

/** Granted by one permission block's allow and deny lists: some allow entry matches and no deny entry does. */
export const grants = (allow: readonly string[], deny: readonly string[], action: string): boolean =>
  allow.some((p) => actionMatches(p, action)) && !deny.some((p) => actionMatches(p, action));
