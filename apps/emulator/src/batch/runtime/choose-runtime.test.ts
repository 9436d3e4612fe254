import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseRuntime } from "./choose-runtime";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "choose-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("chooseRuntime", () => {
  const nowhere = `unix://${join(tmpdir(), "no-docker-here.sock")}`;

  it("falls back to the process runtime when no engine answers, and says why", async () => {
    const chosen = await chooseRuntime({ dataDir: dir, dockerHost: nowhere });
    expect(chosen.runtime.info().kind).toBe("process");
    expect(chosen.reason).toMatch(/^process runtime: no Docker engine/);
  });

  it("refuses a forced docker runtime without an engine, and honours a forced process runtime", async () => {
    await expect(chooseRuntime({ choice: "docker", dataDir: dir, dockerHost: nowhere })).rejects.toThrow(
      /no engine answers/,
    );
    expect((await chooseRuntime({ choice: "process", dataDir: dir })).runtime.info().kind).toBe("process");
  });
});
