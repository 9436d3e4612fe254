import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunRequest } from "../task-runtime";
import { createProcessRuntime } from "./process-runtime";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "procrt-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const request = (argv: string[], extra: Partial<RunRequest> = {}): RunRequest => ({
  executionId: "exec-1",
  argv,
  env: { AZ_BATCH_TASK_WORKING_DIR: dir, GREETING: "hi" },
  nodeRootDir: dir,
  taskDir: dir,
  workingDir: dir,
  stdoutPath: join(dir, "stdout.txt"),
  stderrPath: join(dir, "stderr.txt"),
  signal: new AbortController().signal,
  ...extra,
});

describe("process runtime", () => {
  const runtime = () => createProcessRuntime({ stateDir: join(dir, "state"), killGraceMs: 200 });

  it("runs argv without a shell, with the env and cwd, appending stdout and stderr", async () => {
    await writeFile(join(dir, "stdout.txt"), "before\n");
    const r = await runtime().run(request(["/bin/sh", "-c", 'echo "$GREETING $PWD"; echo oops >&2; exit 3']));
    expect(r).toEqual({ exitCode: 3 });
    expect(await readFile(join(dir, "stdout.txt"), "utf8")).toBe(`before\nhi ${dir}\n`);
    expect(await readFile(join(dir, "stderr.txt"), "utf8")).toBe("oops\n");
  });

  it("reports a missing program as CommandProgramNotFound", async () => {
    const r = await runtime().run(request(["/no/such/program"]));
    expect(r.exitCode).toBeUndefined();
    expect(r.failure).toMatchObject({ category: "usererror", code: "CommandProgramNotFound" });
  });

  it("stops the process group on abort", async () => {
    const ac = new AbortController();
    const pending = runtime().run(request(["/bin/sh", "-c", "sleep 30"], { signal: ac.signal }));
    setTimeout(() => ac.abort(), 100);
    const r = await pending;
    expect(r.exitCode).toBe(128 + 15);
  });

  it("cannot run an image ENTRYPOINT and says why", async () => {
    const r = await runtime().run(
      request([], {
        container: { imageName: "busybox", runOptions: "", workingDirectory: "taskWorkingDirectory" },
      }),
    );
    expect(r.failure?.code).toBe("ContainerMiscError");
    expect(r.failure?.details?.[0]?.value).toContain("no Docker engine");
  });

  it("says containers are not isolated", () => {
    expect(runtime().info()).toEqual({
      kind: "process",
      containersIsolated: false,
      note: "containers simulated: no Docker engine",
    });
  });
});
