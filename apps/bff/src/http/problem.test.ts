import { describe, expect, it } from "vitest";
import { HttpProblem, toProblem } from "./problem";

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] });

describe("toProblem", () => {
  it("maps a Batch error with its code, first message line and property path", () => {
    const err = {
      statusCode: 400,
      code: "InvalidPropertyValue",
      message: { lang: "en-US", value: "The value provided for one of the properties in the request body is invalid.\nRequestId:abc\nTime:2026-01-01" },
      body: {
        code: "InvalidPropertyValue",
        message: { lang: "en-US", value: "The value provided for one of the properties in the request body is invalid.\nRequestId:abc\nTime:2026-01-01" },
        values: [
          { key: "PropertyName", value: "resizeTimeout" },
          { key: "Reason", value: "The specified timeout is less than the minimum of 5 minutes" },
        ],
      },
    };
    const { problem } = toProblem(err);
    expect(problem).toMatchObject({
      status: 400,
      code: "InvalidPropertyValue",
      title: "The value provided for one of the properties in the request body is invalid.",
      detail: "The specified timeout is less than the minimum of 5 minutes",
      issues: [{ path: ["resizeTimeout"], level: "error", code: "InvalidPropertyValue" }],
    });
    expect(JSON.stringify(problem)).not.toContain("RequestId");
  });

  it("passes 429 and 503 through with Retry-After", () => {
    const r = toProblem({ statusCode: 503, code: "ServerBusy", body: { code: "ServerBusy" }, response: { headers: headers({ "retry-after": "7" }) } });
    expect(r.problem).toMatchObject({ status: 503, code: "ServerBusy", retryAfter: 7 });
    expect(r.headers["retry-after"]).toBe("7");
    expect(toProblem({ statusCode: 429, code: "TooManyRequests", response: { headers: headers({ "retry-after": "2" }) } }).problem.retryAfter).toBe(2);
  });

  it("maps an ARM RestError with its code and message, and other upstream 5xx to 502", () => {
    const arm = { name: "RestError", statusCode: 404, code: "ResourceNotFound", message: "x", details: { error: { code: "ResourceNotFound", message: "The Resource 'g' was not found." } } };
    expect(toProblem(arm).problem).toMatchObject({ status: 404, code: "ResourceNotFound", title: "The Resource 'g' was not found." });
    expect(toProblem({ statusCode: 500, code: "InternalError" }).problem.status).toBe(502);
  });

  it("replaces ms-rest's bare streaming error text with a useful title", () => {
    expect(toProblem({ statusCode: 404, message: "Unexpected status code: 404" }).problem.title).toBe("Not found");
  });

  it("maps network failures to 502 and anything unknown to a 500 without internals", () => {
    expect(toProblem(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })).problem.status).toBe(502);
    const unknown = toProblem(new TypeError("Cannot read properties of undefined (reading 'x') at /src/secret/path.ts:12"));
    expect(unknown.problem).toMatchObject({ status: 500, code: "internal_error" });
    expect(JSON.stringify(unknown.problem)).not.toMatch(/Cannot read|path\.ts/);
  });

  it("keeps an HttpProblem as it is", () => {
    const p = new HttpProblem({ type: "t", title: "x", status: 418 }, { a: "b" });
    expect(toProblem(p)).toEqual({ problem: p.problem, headers: { a: "b" } });
  });
});
