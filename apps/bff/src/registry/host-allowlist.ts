/**
 * Registry hosts the operator may probe, as globs: "*.azurecr.io", "ghcr.io", "127.0.0.1:5123".
 * A pattern without a port matches the host on any port; `*` never crosses a ':'.
 */
const toRegex = (glob: string): RegExp => {
  const escaped = glob
    .toLowerCase()
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^:/]*");
  return new RegExp(`^${escaped}$`);
};

export const createHostAllowlist = (globs: string[]) => {
  const patterns = globs.map((g) => ({ withPort: g.includes(":") && !g.startsWith("["), regex: toRegex(g) }));
  /** `host` is a URL's host: a name or address with an optional port. */
  return (host: string): boolean => {
    const lower = host.toLowerCase();
    const withoutPort = lower.startsWith("[") ? lower.replace(/(\]):\d+$/, "$1") : lower.replace(/:\d+$/, "");
    return patterns.some((p) => p.regex.test(p.withPort ? lower : withoutPort));
  };
};

export type HostAllowlist = ReturnType<typeof createHostAllowlist>;
