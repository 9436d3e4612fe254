import { describe, expect, it } from "vitest";
import type { PoolSpecInput } from "@batch-studio/shared";
import { currentFacts, validateDraft } from "./poolValidation";
import { emptyPoolSpec } from "./steps";

const withRegistry = (): PoolSpecInput => ({
  ...emptyPoolSpec(),
  id: "my-pool",
  container: { prefetchImages: ["reg.example/app:1"], registries: [{ server: "reg.example", auth: { kind: "password", username: "u", password: "p" } }] },
});

describe("validateDraft", () => {
  it("judges the registry of a spec whose VM size and image are not chosen yet", () => {
    const issues = validateDraft(withRegistry(), { registries: [{ server: "reg.example", status: "unauthorized" }] }, undefined);
    expect(issues.find((i) => i.code === "registry.loginFailed")?.path).toEqual(["container", "registries", 0]);
    expect(issues.some((i) => i.path[0] === "vmSize")).toBe(true);
  });
});

describe("currentFacts", () => {
  it("drops an answer about a pool id once another id is typed", () => {
    const checked = withRegistry();
    expect(currentFacts(checked, { poolIdTaken: true }, checked).poolIdTaken).toBe(true);
    expect(currentFacts({ ...checked, id: "other" }, { poolIdTaken: true }, checked).poolIdTaken).toBeUndefined();
  });
});
