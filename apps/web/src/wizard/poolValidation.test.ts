import { describe, expect, it } from "vitest";
import { parsePoolSpec, type PoolSpecInput } from "@batch-studio/shared";
import { completeForCheck, keepOwnAnswers } from "./poolValidation";
import { emptyPoolSpec } from "./steps";

const withRegistry = (): PoolSpecInput => ({
  ...emptyPoolSpec(),
  id: "my-pool",
  container: { prefetchImages: ["reg.example/app:1"], registries: [{ server: "reg.example", auth: { kind: "password", username: "u", password: "p" } }] },
});

describe("completeForCheck", () => {
  it("fills only the parts not chosen yet, so the containers part is checked before a VM size exists", () => {
    const out = completeForCheck(withRegistry());
    expect(out).toBeDefined();
    expect(parsePoolSpec(out!.spec).ok).toBe(true);
    expect([...out!.filled].sort()).toEqual(["image", "nodeAgentSkuId", "vmSize"]);
    expect(out!.spec.id).toBe("my-pool");
    expect(out!.spec.container).toEqual(withRegistry().container);
  });

  it("keeps a gallery image the operator chose and leaves a complete spec untouched", () => {
    const spec: PoolSpecInput = {
      ...withRegistry(),
      vmSize: "Standard_D2s_v3",
      image: { kind: "gallery", imageId: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/x/images/d/versions/1.0.0" },
      nodeAgentSkuId: "batch.node.ubuntu 22.04",
    };
    const out = completeForCheck(spec);
    expect(out?.spec).toEqual(spec);
    expect(out?.filled.size).toBe(0);
  });

  it("replaces an invalid pool id so the other checks still run", () => {
    const out = completeForCheck({ ...withRegistry(), id: "bad id!" });
    expect(out?.filled.has("id")).toBe(true);
    expect(out?.spec.id).not.toBe("bad id!");
  });
});

describe("keepOwnAnswers", () => {
  it("drops issues and facts about placeholder fields, keeps the rest", () => {
    const res = keepOwnAnswers(
      {
        issues: [
          { path: ["vmSize"], level: "error", code: "vm.unknown", message: "placeholder size" },
          { path: ["container", "registries", 0], level: "error", code: "registry.unauthorized", message: "rejected" },
        ],
        facts: { poolIdTaken: true, accountRegion: "westeurope" },
      },
      new Set(["vmSize", "id"]),
    );
    expect(res.issues.map((i) => i.code)).toEqual(["registry.unauthorized"]);
    expect(res.facts).toEqual({ accountRegion: "westeurope" });
  });
});
