import { describe, expect, it } from "vitest";
import { pathParam, routeParams } from "./path-params";
import { filePathProblem } from "./files";

const SUB = "5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d";
const ok = (name: keyof typeof pathParam, value: string) => pathParam[name].safeParse(value).success;

describe("path parameter grammar", () => {
  it("accepts real ids", () => {
    expect(ok("account", `${SUB}~rg-batch-studio~contosoweu`)).toBe(true);
    expect(ok("account", `${SUB}~rg.(a)_b~acct01`)).toBe(true);
    expect(ok("pool", "pool_1-A")).toBe(true);
    expect(ok("node", "tvmps_0e4c4a8a5d6a1ce3b7d1a1e8a7fd4b8b8c6bf1a5b6c8d1f1e5c2b9a0d7c3e5f1_d")).toBe(true);
    expect(ok("gallery", "contoso.images_1")).toBe(true);
    expect(ok("image", "ubuntu-22.04-docker")).toBe(true);
    expect(ok("version", "1.0.10")).toBe(true);
    expect(ok("resourceGroup", "rg(1)")).toBe(true);
  });

  it.each([".", "..", "a/b", "", "a".repeat(65), "a b", "a%2Fb"])("refuses the Batch id %j", (id) => {
    for (const name of ["pool", "job", "task", "node"] as const)
      expect(ok(name, id), name).toBe(id.length === 65 && name === "node");
  });

  it("refuses account ids whose parts could become path segments", () => {
    for (const id of [
      `${SUB}~..~acct`,
      `${SUB}~.~acct`,
      `${SUB}~rg~ac/ct`,
      `${SUB}~rg~..`,
      `sub~rg~acct`,
      `${SUB}~rg`,
      `${SUB}~rg~acct~x`,
      `${SUB}~rg.~acct`,
    ])
      expect(ok("account", id), id).toBe(false);
  });

  it("refuses gallery names and versions that are not names", () => {
    expect(ok("gallery", "..")).toBe(false);
    expect(ok("gallery", ".hidden")).toBe(false);
    expect(ok("image", "a/b")).toBe(false);
    expect(ok("version", "1.0")).toBe(false);
    expect(ok("version", "..")).toBe(false);
    expect(ok("resourceGroup", "..")).toBe(false);
    expect(ok("subscription", "not-a-guid")).toBe(false);
  });

  it("names the bad parameter and rejects unknown ones", () => {
    const r = routeParams.task.safeParse({ account: `${SUB}~rg~acct`, job: "j", task: ".." });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["task"]);
    expect(routeParams.job.safeParse({ account: `${SUB}~rg~acct`, job: "j", extra: "x" }).success).toBe(
      false,
    );
  });
});

describe("file paths", () => {
  it("accepts relative, normalised paths", () => {
    for (const p of ["stdout.txt", "wd/out dir/res.txt", "startup/wd/hello.txt", "wd/.hidden", "a..b"])
      expect(filePathProblem(p), p).toBeUndefined();
  });

  it.each([
    "..",
    "wd/../x",
    "./x",
    "wd/./x",
    "/etc/hostname",
    "wd//x",
    "wd/",
    "a\u0000b",
    "a\\b",
    "x".repeat(1025),
  ])("refuses %j", (p) => {
    expect(filePathProblem(p)).toBeTypeOf("string");
  });
});

describe("scheduled job ids", () => {
  const account = "00000000-0000-0000-0000-000000000000~rg~acct";
  it("admits a job a schedule created (<schedule>:job-<n>) and nothing else with a ':'", () => {
    expect(routeParams.job.safeParse({ account, job: "nightly:job-12" }).success).toBe(true);
    for (const job of ["nightly:", ":job-1", "a:job-1:job-2", "nightly:job-x", "..", "a:b"])
      expect(routeParams.job.safeParse({ account, job }).success, job).toBe(false);
  });
});
