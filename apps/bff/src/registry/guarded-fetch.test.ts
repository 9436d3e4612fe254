import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardedFetch, RefusedTarget } from "./guarded-fetch";
import { createHostAllowlist } from "./host-allowlist";
import { startTestServer } from "./test-servers";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

describe("guarded fetch (SSRF guard)", () => {
  let target: TestServer;
  let redirector: TestServer;
  const seenAuth: (string | undefined)[] = [];

  beforeAll(async () => {
    target = await startTestServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.end("ok");
    });
    redirector = await startTestServer((req, res) => {
      const to: Record<string, string> = {
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-private": "http://10.0.0.5/v2/",
        "/to-private-ipv6": "http://[fd00::1]/v2/",
        "/to-unlisted": "http://example.invalid/v2/",
        "/to-target": `${target.base}/v2/`,
        "/loop": "/loop",
      };
      const location = to[req.url ?? ""];
      if (location) {
        res.writeHead(302, { location });
        res.end();
      } else res.end("plain");
    });
  });
  afterAll(async () => {
    await target.close();
    await redirector.close();
  });

  const guard = (privateAddresses: "none" | "loopback" | "all", hosts: string[]) =>
    createGuardedFetch({ allowlist: createHostAllowlist(hosts), privateAddresses, timeoutMs: 3_000 });

  it.each([
    ["http://10.1.2.3/v2/"],
    ["http://192.168.0.10/v2/"],
    ["http://172.20.0.1/v2/"],
    ["http://169.254.169.254/latest/meta-data/"],
    ["http://100.64.1.1/v2/"],
    ["http://[fd00::1]/v2/"],
    ["http://[fe80::1]/v2/"],
    ["http://0.0.0.0/v2/"],
  ])("refuses %s even when the host is allowlisted", async (url) => {
    const fetcher = guard("loopback", ["*"]);
    await expect(fetcher(url)).rejects.toBeInstanceOf(RefusedTarget);
    await fetcher.close();
  });

  it("refuses a host outside the allowlist", async () => {
    const fetcher = guard("all", ["*.azurecr.io"]);
    await expect(fetcher(`${target.base}/`)).rejects.toThrow(/not in the allowed registry hosts/);
    await fetcher.close();
  });

  it("refuses loopback when configuration does not allow it (literal and by name)", async () => {
    const fetcher = guard("none", ["127.0.0.1:*", "localhost:*", "127.0.0.1", "localhost"]);
    await expect(fetcher(`${target.base}/`)).rejects.toThrow(/loopback/);
    await expect(fetcher(`http://localhost:${target.port}/`)).rejects.toThrow(/loopback/);
    await fetcher.close();
  });

  it("connects to loopback when configuration allows it", async () => {
    const fetcher = guard("loopback", ["127.0.0.1", "localhost"]);
    const res = await fetcher(`http://localhost:${target.port}/`);
    expect(await res.text()).toBe("ok");
    await fetcher.close();
  });

  it.each([["/to-metadata"], ["/to-private"], ["/to-private-ipv6"]])("refuses a redirect into a private range (%s)", async (path) => {
    const fetcher = guard("loopback", ["*"]);
    await expect(fetcher(`${redirector.base}${path}`)).rejects.toBeInstanceOf(RefusedTarget);
    await fetcher.close();
  });

  it("re-checks the allowlist on redirects and stops redirect loops", async () => {
    const fetcher = guard("loopback", ["127.0.0.1"]);
    await expect(fetcher(`${redirector.base}/to-unlisted`)).rejects.toThrow(/not in the allowed/);
    await expect(fetcher(`${redirector.base}/loop`)).rejects.toThrow(/more than 3 redirects/);
    await fetcher.close();
  });

  it("follows an allowed redirect but drops credentials when the origin changes", async () => {
    const fetcher = guard("loopback", ["127.0.0.1"]);
    seenAuth.length = 0;
    const res = await fetcher(`${redirector.base}/to-target`, { headers: { authorization: "Bearer secret-token" } });
    expect(await res.text()).toBe("ok");
    expect(seenAuth).toEqual([undefined]);
    await fetcher.close();
  });

  it("refuses non-http schemes and URLs with credentials", async () => {
    const fetcher = guard("all", ["*"]);
    await expect(fetcher("file:///etc/passwd")).rejects.toBeInstanceOf(RefusedTarget);
    await expect(fetcher(`http://u:p@${target.host}/`)).rejects.toBeInstanceOf(RefusedTarget);
    await fetcher.close();
  });
});
