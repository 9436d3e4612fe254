import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { chooseRuntime } from "./runtime-choice";

const labDocker = process.env.DOCKER_HOST;
const requireDocker = process.env.REQUIRE_DOCKER === "1";
const dir = mkdtempSync(join(tmpdir(), "bs-runtime-"));

describe("task runtime choice", () => {
  afterEach(() => {
    if (labDocker === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = labDocker;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("uses host processes when asked", async () => {
    const { runtime } = await chooseRuntime("process", dir);
    expect(runtime.info()).toMatchObject({
      kind: "process",
      containersIsolated: false,
      note: "containers simulated: no Docker engine",
    });
  });

  it("falls back to processes on auto when no engine answers, and says why", async () => {
    process.env.DOCKER_HOST = `unix://${join(dir, "no-such.sock")}`;
    const { runtime, reason } = await chooseRuntime("auto", dir);
    expect(runtime.info().kind).toBe("process");
    expect(reason).toContain("no Docker Engine answers");
  });

  it("refuses a forced docker runtime without an engine, naming the setting", async () => {
    process.env.DOCKER_HOST = `unix://${join(dir, "no-such.sock")}`;
    await expect(chooseRuntime("docker", dir)).rejects.toThrow(/BATCH_STUDIO_RUNTIME=docker/);
  });

  it.skipIf(!labDocker && !requireDocker)(
    "picks Docker on auto when an engine answers (container lab)",
    async () => {
      const { runtime } = await chooseRuntime("auto", dir);
      expect(runtime.info()).toMatchObject({ kind: "docker", containersIsolated: true });
    },
  );
});
