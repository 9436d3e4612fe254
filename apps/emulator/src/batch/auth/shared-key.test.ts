import { describe, expect, it } from "vitest";
import { sign, stringToSign, verifySharedKey } from "./shared-key";

const key = Buffer.from("c2VjcmV0LWtleS1mb3ItdGVzdHM=", "base64");
const date = "Mon, 23 Nov 2026 14:41:32 GMT";
const now = Date.parse(date);

const ranged = {
  method: "GET",
  rawUrl: "/jobs/job1/tasks/task1/files/wd%2Fout%20dir%2Fres.txt?api-version=2022-10-01.16.0",
  headers: { "content-type": "application/json; charset=utf-8", "ocp-date": date, "ocp-range": "bytes=6-9" },
};

describe("SharedKey", () => {
  it("builds the string-to-sign recorded from the real client (docs/azure-batch-notes.md#sharedkey)", () => {
    expect(stringToSign(ranged, "testacct", "")).toBe(
      "GET\n\n\n\n\napplication/json; charset=utf-8\n\n\n\n\n\n\nocp-date:Mon, 23 Nov 2026 14:41:32 GMT\nocp-range:bytes=6-9\n/testacct/jobs/job1/tasks/task1/files/wd%2Fout%20dir%2Fres.txt\napi-version:2022-10-01.16.0",
    );
  });

  it("decodes query values and sorts names", () => {
    const req = {
      method: "GET",
      rawUrl: "/pools?maxresults=1&api-version=x&$skiptoken=abc%3D%3D",
      headers: {},
    };
    expect(
      stringToSign(req, "a", "").endsWith("/a/pools\n$skiptoken:abc==\napi-version:x\nmaxresults:1"),
    ).toBe(true);
  });

  it("accepts a correct signature and refuses a wrong one, a stale date and a malformed header", () => {
    const good = sign(key, stringToSign(ranged, "testacct", "")).toString("base64");
    expect(() => verifySharedKey(ranged, `testacct:${good}`, "testacct", key, now)).not.toThrow();
    expect(() => verifySharedKey(ranged, `testacct:${good}`, "testacct", Buffer.from("other"), now)).toThrow(
      expect.objectContaining({ status: 403, code: "AuthenticationFailed" }),
    );
    expect(() => verifySharedKey(ranged, `testacct:${good}`, "testacct", key, now + 16 * 60_000)).toThrow(
      expect.objectContaining({ status: 403, code: "AuthenticationFailed" }),
    );
    expect(() => verifySharedKey(ranged, "garbage", "testacct", key, now)).toThrow(
      expect.objectContaining({ status: 400, code: "InvalidAuthenticationInfo" }),
    );
  });
});
