import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { taskSpecArb } from "../testing/arbitraries";
import type { ValidationContext } from "../validation-context";
import { ruleCatalog } from "./index";
import { task } from "./test-support";
import { validateTask } from "./validate-task";

const context: ValidationContext = {
  pool: { poolId: "p", isContainerPool: true, prefetchImages: ["ubuntu"], registryServers: [] },
  images: [{ reference: "ubuntu", status: "found", entrypoint: null, cmd: ["bash"], workingDir: "/app" }],
};

describe("validateTask", () => {
  it("the Microsoft Learn example container task is clean on a container pool", () => {
    const spec = task({
      id: "sampletask",
      commandLine: "/bin/sh -c \"echo 'hello world' > $AZ_BATCH_TASK_WORKING_DIR/output.txt\"",
      containerSettings: { imageName: "ubuntu", runOptions: "--rm" },
    });
    expect(validateTask(spec, context)).toEqual([]);
  });
  it("never throws and emits only catalogued codes", () => {
    const codes = new Set(ruleCatalog().map((r) => r.code));
    fc.assert(
      fc.property(taskSpecArb, fc.boolean(), (spec, containerPool) => {
        const ctx = { ...context, pool: { ...context.pool!, isContainerPool: containerPool } };
        return validateTask(spec, ctx).every((i) => codes.has(i.code) && i.message.length > 0);
      }),
      { numRuns: 500 },
    );
  });
});
