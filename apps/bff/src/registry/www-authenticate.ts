export interface AuthChallenge {
  scheme: "basic" | "bearer" | string;
  params: Record<string, string>;
}

/**
 * Parses the first challenge of a WWW-Authenticate header, e.g.
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"`.
 */
export const parseChallenge = (header: string | null | undefined): AuthChallenge | undefined => {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  const rest = m[2] ?? "";
  let match: RegExpExecArray | null;
  re.lastIndex = 0;
  while ((match = re.exec(rest)) !== null && match[0] !== "") {
    params[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
  }
  return { scheme: m[1]!.toLowerCase(), params };
};
