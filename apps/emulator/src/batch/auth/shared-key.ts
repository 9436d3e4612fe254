/**
 * Batch SharedKey, computed the way the service (and @azure/batch's BatchSharedKeyCredentials)
 * does: verb, eleven standard headers, every ocp-* header sorted, then /account + the raw (still
 * encoded) path + each query name with its decoded value. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { batchError } from "../http/batch-error";

/** Requests must be signed within 15 minutes of arriving (either direction, for clock skew). */
export const SHARED_KEY_WINDOW_MS = 15 * 60_000;

export interface SignedRequest {
  method: string;
  /** The request target as received: raw path + query. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
}

const header = (h: IncomingHttpHeaders, name: string): string => {
  const v = h[name];
  return Array.isArray(v) ? v.join(",") : (v ?? "");
};

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
};

/** The string-to-sign for one request, with an explicit Content-Length line. */
export function stringToSign(
  req: SignedRequest,
  account: string,
  contentLength: string,
  lowerQueryNames = false,
): string {
  const h = req.headers;
  const std = ["content-encoding", "content-language"].map((n) => header(h, n));
  const rest = [
    "content-md5",
    "content-type",
    "date",
    "if-modified-since",
    "if-match",
    "if-none-match",
    "if-unmodified-since",
    "range",
  ].map((n) => header(h, n));
  let s = [req.method.toUpperCase(), ...std, contentLength, ...rest].join("\n") + "\n";
  const ocp = Object.keys(h)
    .filter((n) => n.startsWith("ocp-"))
    .sort();
  for (const n of ocp) {
    const v = header(h, n);
    if (v) s += `${n}:${v}\n`;
  }
  const q = req.rawUrl.indexOf("?");
  const path = q < 0 ? req.rawUrl : req.rawUrl.slice(0, q);
  s += `/${account}${path || "/"}`;
  if (q >= 0) {
    const params = new Map<string, string>();
    for (const part of req.rawUrl.slice(q + 1).split("&")) {
      if (!part) continue;
      const eq = part.indexOf("=");
      const rawName = decode(eq < 0 ? part : part.slice(0, eq));
      params.set(lowerQueryNames ? rawName.toLowerCase() : rawName, eq < 0 ? "" : decode(part.slice(eq + 1)));
    }
    for (const name of [...params.keys()].sort()) s += `\n${name}:${params.get(name)}`;
  }
  return s;
}

export const sign = (key: Buffer, text: string): Buffer =>
  createHmac("sha256", key).update(text, "utf8").digest();

/**
 * Verify `Authorization: SharedKey account:signature`. Throws the Batch error the service gives:
 * 400 InvalidAuthenticationInfo for a malformed header, 403 AuthenticationFailed otherwise.
 */
export function verifySharedKey(
  req: SignedRequest,
  credential: string,
  account: string,
  key: Buffer,
  now = Date.now(),
): void {
  const m = /^([^:\s]+):([A-Za-z0-9+/]+={0,2})$/.exec(credential.trim());
  if (!m)
    throw batchError(400, "InvalidAuthenticationInfo", [
      { key: "Reason", value: "Expected 'SharedKey <account>:<base64 signature>'" },
    ]);
  const [, name, signature] = m as unknown as [string, string, string];
  const fail = (reason: string) =>
    batchError(403, "AuthenticationFailed", [{ key: "AuthenticationErrorDetail", value: reason }]);
  if (name.toLowerCase() !== account.toLowerCase())
    throw fail(`The account '${name}' does not match this endpoint's account.`);

  const dateText = header(req.headers, "ocp-date") || header(req.headers, "date");
  const when = Date.parse(dateText);
  if (!dateText || Number.isNaN(when)) throw fail("The request carries no valid ocp-date header.");
  if (Math.abs(now - when) > SHARED_KEY_WINDOW_MS)
    throw fail(
      `Request date ${new Date(when).toUTCString()} is not within 15 minutes of the server time ${new Date(now).toUTCString()}.`,
    );

  const given = Buffer.from(signature, "base64");
  // Clients disagree on the Content-Length line when there is no body; accept the forms they send.
  const cl = header(req.headers, "content-length");
  const lengths = new Set([
    cl,
    ...(cl === "0" || cl === "" ? ["", req.method.toUpperCase() === "POST" ? "0" : ""] : []),
  ]);
  for (const length of lengths)
    for (const lower of [false, true]) {
      const expected = sign(key, stringToSign(req, name, length, lower));
      if (expected.length === given.length && timingSafeEqual(expected, given)) return;
    }
  throw fail("The MAC signature found in the HTTP request is not the same as any computed signature.");
}
