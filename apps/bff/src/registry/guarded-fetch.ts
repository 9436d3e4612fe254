import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, fetch, type Response } from "undici";
import type { PrivateAddressPolicy } from "../config";
import { addressAllowed, classifyAddress } from "./address-policy";
import type { HostAllowlist } from "./host-allowlist";

/** Why the guard refused a URL; probes report it as status "refused" with this message. */
export class RefusedTarget extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedTarget";
  }
}

export interface GuardOptions {
  allowlist: HostAllowlist;
  privateAddresses: PrivateAddressPolicy;
  /** Per request (connect + headers + body); the probe as a whole has its own deadline. */
  timeoutMs?: number;
  maxRedirects?: number;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici Agent whose DNS lookup drops every address the policy refuses. The socket connects
 * to exactly the address this lookup returned, so a name that re-resolves to a private address
 * between "check" and "connect" (DNS rebinding) cannot slip through: there is no second lookup.
 */
const guardedAgent = (policy: PrivateAddressPolicy, timeoutMs: number) =>
  new Agent({
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: {
      lookup: (hostname: string, options: object, callback: LookupCallback) => {
        dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
          if (err) return callback(err, []);
          const allowed = (addresses as LookupAddress[]).filter((a) => addressAllowed(a.address, policy));
          if (allowed.length === 0) {
            const first = (addresses as LookupAddress[])[0]?.address ?? "nothing";
            return callback(Object.assign(new RefusedTarget(`${hostname} resolves to a ${classifyAddress(first)} address, which is not allowed`), { code: "EREFUSEDTARGET" }), []);
          }
          const wantsAll = (options as { all?: boolean }).all === true;
          if (wantsAll) return callback(null, allowed);
          callback(null, allowed[0]!.address, allowed[0]!.family);
        });
      },
    },
  });

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

export interface GuardedFetch {
  (url: string, init?: { method?: string; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * fetch for registry probes: allowlisted hosts only, refused address ranges never connected to,
 * redirects followed by hand (each hop re-checked; credentials dropped when the origin changes).
 */
export const createGuardedFetch = (options: GuardOptions): GuardedFetch => {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 3;
  const agent = guardedAgent(options.privateAddresses, timeoutMs);

  const check = (url: URL) => {
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new RefusedTarget(`${url.protocol} URLs are not allowed`);
    if (url.username !== "" || url.password !== "") throw new RefusedTarget("URLs with embedded credentials are not allowed");
    if (!options.allowlist(url.host)) throw new RefusedTarget(`${url.host} is not in the allowed registry hosts`);
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    // Node skips the lookup for IP literals, so they are judged here.
    if (isIP(literal) !== 0 && !addressAllowed(literal, options.privateAddresses)) {
      throw new RefusedTarget(`${literal} is a ${classifyAddress(literal)} address, which is not allowed`);
    }
  };

  const guarded = async (input: string, init: { method?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}) => {
    let url = new URL(input);
    let headers = { ...(init.headers ?? {}) };
    let method = init.method ?? "GET";
    for (let hop = 0; ; hop++) {
      check(url);
      const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      let res: Response;
      try {
        res = await fetch(url, { method, headers, redirect: "manual", dispatcher: agent, signal });
      } catch (err) {
        const cause = (err as { cause?: unknown }).cause;
        if (cause instanceof RefusedTarget) throw cause;
        throw err;
      }
      if (!isRedirect(res.status)) return res;
      await res.body?.cancel();
      if (hop >= maxRedirects) throw new RefusedTarget(`more than ${maxRedirects} redirects`);
      const location = res.headers.get("location");
      if (!location) throw new RefusedTarget("a redirect without a Location header");
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        // Registry tokens and passwords are for the registry, never for its CDN.
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "authorization"));
      }
      if (res.status === 303) method = "GET";
      url = next;
    }
  };
  return Object.assign(guarded, { close: () => agent.close() });
};
