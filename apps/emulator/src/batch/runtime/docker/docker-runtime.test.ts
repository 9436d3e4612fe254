// The docker runtime against the real engine and the lab registry (scripts/container-lab.sh up).
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createProcessRuntime } from "../process";
import type { ContainerRunSpec, RegistryCredential, RunRequest, TaskRuntime } from "../task-runtime";
import { createDockerRuntime, detectDocker, EXECUTION_LABEL } from "./index";
import { describeWithLab } from "./lab-env";
import { pushFreshCopy } from "./lab-registry";

const TIMEOUT = 120_000;

/** Polls (bounded) until the predicate holds. */
async function eventually(
  what: string,
  predicate: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithLab("docker runtime", (lab) => {
  const docker = new Docker();
  let nodeRoot: string;
  let runtime: TaskRuntime;
  const credential = (): RegistryCredential => ({
    server: lab().registry,
    username: lab().user,
    password: lab().password,
  });

  beforeAll(async () => {
    nodeRoot = await mkdtemp(join(tmpdir(), "batch-docker-runtime-"));
    runtime = createDockerRuntime({ stopTimeoutSeconds: 1, hostEnv: { PASSED: "from-the-host" } });
  });

  afterAll(async () => {
    if (nodeRoot) await rm(nodeRoot, { recursive: true, force: true });
  });

  /** A task attempt laid out as the scheduler lays it out: <root>/workitems/job/job-1/<task>/{wd,stdout.txt,stderr.txt}. */
  async function request(
    argv: string[],
    container: Partial<ContainerRunSpec>,
    env: Record<string, string> = {},
    signal = new AbortController().signal,
  ): Promise<RunRequest> {
    const taskId = `task-${randomBytes(4).toString("hex")}`;
    const taskDir = join(nodeRoot, "workitems", "job", "job-1", taskId);
    const workingDir = join(taskDir, "wd");
    await mkdir(workingDir, { recursive: true });
    const stdoutPath = join(taskDir, "stdout.txt");
    const stderrPath = join(taskDir, "stderr.txt");
    await Promise.all([writeFile(stdoutPath, ""), writeFile(stderrPath, "")]);
    return {
      executionId: `test-${taskId}`,
      argv,
      env: {
        AZ_BATCH_NODE_ROOT_DIR: nodeRoot,
        AZ_BATCH_TASK_DIR: taskDir,
        AZ_BATCH_TASK_WORKING_DIR: workingDir,
        ...env,
      },
      nodeRootDir: nodeRoot,
      taskDir,
      workingDir,
      stdoutPath,
      stderrPath,
      container: {
        imageName: lab().imagePlain,
        runOptions: "",
        workingDirectory: "taskWorkingDirectory",
        registry: credential(),
        ...container,
      },
      signal,
    };
  }

  it("detects the engine and says so in info()", async () => {
    const found = await detectDocker();
    expect(found).toMatchObject({ available: true });
    expect(found.version).toMatch(/^\d+\.\d+/);
    const info = createDockerRuntime({ engineVersion: found.version }).info();
    expect(info).toEqual({
      kind: "docker",
      containersIsolated: true,
      note: `tasks run in Docker containers (engine ${found.version})`,
    });
    expect(await detectDocker({ dockerHost: `unix://${nodeRoot}/no-such.sock` })).toMatchObject({
      available: false,
      reason: expect.stringMatching(/no Docker Engine answers/),
    });
  });

  it(
    "the Learn example's task: --rm --workdir / writes output.txt into the task working directory on the host",
    async () => {
      const req = await request(
        ["/bin/sh", "-c", "echo 'hello world' > $AZ_BATCH_TASK_WORKING_DIR/output.txt"],
        { runOptions: "--rm --workdir /" },
      );
      const result = await runtime.run(req);
      expect(result).toMatchObject({ exitCode: 0, containerState: "exited" });
      expect(result.failure).toBeUndefined();
      expect(result.containerId).toMatch(/^[0-9a-f]{64}$/);
      expect(await readFile(join(req.workingDir, "output.txt"), "utf8")).toBe("hello world\n");
      // Removed after the run, --rm or not.
      await expect(docker.getContainer(result.containerId!).inspect()).rejects.toMatchObject({
        statusCode: 404,
      });
    },
    TIMEOUT,
  );

  it(
    "runs in the task's wd by default and in the image's WORKDIR for containerImageDefault",
    async () => {
      const inTaskDir = await request(["/bin/sh", "-c", "pwd"], {});
      expect(await runtime.run(inTaskDir)).toMatchObject({ exitCode: 0 });
      expect(await readFile(inTaskDir.stdoutPath, "utf8")).toBe(`${inTaskDir.workingDir}\n`);

      const inImageDir = await request(["/bin/sh", "-c", "pwd"], {
        imageName: lab().imageEntrypoint,
        workingDirectory: "containerImageDefault",
      });
      expect(await runtime.run(inImageDir)).toMatchObject({ exitCode: 0 });
      expect(await readFile(inImageDir.stdoutPath, "utf8")).toBe("entrypoint ran in /app\n/app\n");
    },
    TIMEOUT,
  );

  it(
    "an empty command line runs the image ENTRYPOINT",
    async () => {
      const req = await request([], {
        imageName: lab().imageEntrypoint,
        workingDirectory: "containerImageDefault",
      });
      expect(await runtime.run(req)).toMatchObject({ exitCode: 0 });
      expect(await readFile(req.stdoutPath, "utf8")).toBe("entrypoint ran in /app\n");
    },
    TIMEOUT,
  );

  it(
    "an empty command line on an image without ENTRYPOINT or CMD fails with CommandProgramNotFound",
    async () => {
      const result = await runtime.run(await request([], {}));
      expect(result.exitCode).toBeUndefined();
      expect(result.failure).toMatchObject({ category: "usererror", code: "CommandProgramNotFound" });
    },
    TIMEOUT,
  );

  it(
    "stdout and stderr reach the files while the task runs",
    async () => {
      const req = await request(
        [
          "/bin/sh",
          "-c",
          'echo first; echo oops >&2; while [ ! -f "$AZ_BATCH_TASK_WORKING_DIR/go" ]; do sleep 0.05; done; echo second',
        ],
        {},
      );
      const running = runtime.run(req);
      await eventually(
        "the first line in stdout.txt",
        async () => (await readFile(req.stdoutPath, "utf8")) === "first\n",
      );
      expect(await readFile(req.stderrPath, "utf8")).toBe("oops\n");
      // The task is still waiting for "go", so "second" cannot be there yet.
      expect(await readFile(req.stdoutPath, "utf8")).toBe("first\n");
      await writeFile(join(req.workingDir, "go"), "");
      expect(await running).toMatchObject({ exitCode: 0 });
      expect(await readFile(req.stdoutPath, "utf8")).toBe("first\nsecond\n");
    },
    TIMEOUT,
  );

  it(
    "passes the task environment, -e values and -e pass-through names",
    async () => {
      const req = await request(
        ["/bin/sh", "-c", 'echo "$TASK_VAR|$FROM_OPTION|$PASSED|${UNSET-unset}"'],
        { runOptions: "-e FROM_OPTION=yes --env PASSED -e UNSET" },
        { TASK_VAR: "from-the-task" },
      );
      expect(await runtime.run(req)).toMatchObject({ exitCode: 0 });
      expect(await readFile(req.stdoutPath, "utf8")).toBe("from-the-task|yes|from-the-host|unset\n");
    },
    TIMEOUT,
  );

  it(
    "applies run options: --entrypoint, --user, --network none, --memory",
    async () => {
      const req = await request(
        [
          "-c",
          "id -u; cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; ls /sys/class/net",
        ],
        {
          runOptions: "--entrypoint /bin/sh -u 65534 --network=none -m 64m",
        },
      );
      expect(await runtime.run(req)).toMatchObject({ exitCode: 0 });
      expect((await readFile(req.stdoutPath, "utf8")).split("\n").filter(Boolean)).toEqual([
        "65534",
        String(64 * 1024 * 1024),
        "lo",
      ]);
    },
    TIMEOUT,
  );

  it(
    "a non-zero exit is reported as the task's exit code",
    async () => {
      expect(await runtime.run(await request(["/bin/sh", "-c", "exit 7"], {}))).toMatchObject({
        exitCode: 7,
        containerState: "exited",
      });
    },
    TIMEOUT,
  );

  it(
    "a program missing from the image fails with CommandProgramNotFound",
    async () => {
      const result = await runtime.run(await request(["no-such-program"], {}));
      expect(result.failure).toMatchObject({ category: "usererror", code: "CommandProgramNotFound" });
      expect(result.failure?.details?.[0]?.value).toMatch(/executable file not found/);
      expect(result.containerState).toBe("created");
    },
    TIMEOUT,
  );

  it(
    "an unknown run option fails with ContainerInvalidSettings naming it, before any container exists",
    async () => {
      const req = await request(["/bin/true"], { runOptions: "--rm --frobnicate 3" });
      const result = await runtime.run(req);
      expect(result).toEqual({
        failure: {
          category: "usererror",
          code: "ContainerInvalidSettings",
          message: "At least one value of specified task container settings is invalid",
          details: [{ name: "Message", value: "unknown container run option --frobnicate" }],
        },
      });
    },
    TIMEOUT,
  );

  it(
    "a setting the engine refuses fails with ContainerInvalidSettings",
    async () => {
      const result = await runtime.run(
        await request(["/bin/true"], { runOptions: "--network no-such-network" }),
      );
      expect(result.failure).toMatchObject({
        code: "ContainerInvalidSettings",
        details: [{ value: expect.stringMatching(/no-such-network/) }],
      });
    },
    TIMEOUT,
  );

  it(
    "pulls a missing image with the task's registry credentials, adding :latest to an untagged name",
    async () => {
      const fresh = await pushFreshCopy(docker, lab(), lab().imagePlain, "latest");
      const untagged = fresh.slice(0, -":latest".length);
      const req = await request(["/bin/sh", "-c", "echo pulled"], { imageName: untagged });
      expect(await runtime.run(req)).toMatchObject({ exitCode: 0 });
      expect(await readFile(req.stdoutPath, "utf8")).toBe("pulled\n");
      expect((await docker.getImage(fresh).inspect()).RepoTags).toContain(fresh);
      await docker.getImage(fresh).remove();
    },
    TIMEOUT,
  );

  it(
    "a missing image fails with ContainerInvalidImage naming it",
    async () => {
      const missing = `${lab().registry}/lab/does-not-exist:1`;
      const result = await runtime.run(await request(["/bin/true"], { imageName: missing }));
      expect(result.failure).toMatchObject({ category: "usererror", code: "ContainerInvalidImage" });
      expect(result.failure?.message).toContain(missing);
      const pulled = await runtime.pull(missing, [credential()]);
      expect(pulled).toMatchObject({ ok: false, failure: { code: "ContainerInvalidImage" } });
      expect(await runtime.run(await request(["/bin/true"], { imageName: "Not A Reference" }))).toMatchObject(
        { failure: { code: "ContainerInvalidImage" } },
      );
    },
    TIMEOUT,
  );

  it(
    "pull: the right password works; a wrong one or none fails with ContainerInvalidRegistry, never showing the password",
    async () => {
      expect(await runtime.pull(lab().imagePlain, [credential()])).toEqual({ ok: true });
      const wrongPassword = "Wr0ng-Passw0rd-xyz";
      const wrong = await runtime.pull(lab().imagePlain, [{ ...credential(), password: wrongPassword }]);
      expect(wrong).toMatchObject({
        ok: false,
        failure: { category: "usererror", code: "ContainerInvalidRegistry" },
      });
      expect(wrong.failure?.message).toContain(lab().registry);
      expect(wrong.failure?.message).toMatch(/unauthorized/);
      expect(JSON.stringify(wrong)).not.toContain(wrongPassword);
      expect(await runtime.pull(lab().imagePlain, [])).toMatchObject({
        ok: false,
        failure: { code: "ContainerInvalidRegistry" },
      });
    },
    TIMEOUT,
  );

  it("pull: managed identity credentials fail with ContainerInvalidRegistry", async () => {
    const result = await runtime.pull(lab().imagePlain, [
      {
        server: lab().registry,
        identityResourceId:
          "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/i",
      },
    ]);
    expect(result.failure).toMatchObject({
      code: "ContainerInvalidRegistry",
      message: expect.stringMatching(/managed identity login is not available locally/),
    });
  });

  it(
    "pull: an unreachable registry fails with ContainerInvalidRegistry",
    async () => {
      const result = await runtime.pull("127.0.0.1:1/lab/busybox", [
        { server: "127.0.0.1:1", username: "u", password: "p" },
      ]);
      expect(result.failure).toMatchObject({
        code: "ContainerInvalidRegistry",
        message: expect.stringMatching(/cannot be reached/),
      });
    },
    TIMEOUT,
  );

  it(
    "ending the task stops its container and reports TaskEnded",
    async () => {
      const controller = new AbortController();
      const req = await request(["/bin/sh", "-c", "echo started; sleep 60"], {}, {}, controller.signal);
      const running = runtime.run(req);
      await eventually(
        "the task to start",
        async () => (await readFile(req.stdoutPath, "utf8")) === "started\n",
      );
      controller.abort();
      const result = await running;
      expect(result.failure).toMatchObject({ code: "TaskEnded" });
      expect(result.exitCode).not.toBe(0);
      await expect(docker.getContainer(result.containerId!).inspect()).rejects.toMatchObject({
        statusCode: 404,
      });
    },
    TIMEOUT,
  );

  it(
    "cleanup removes leftover containers of executions with the given prefix only",
    async () => {
      const prefix = `crashed-${randomBytes(4).toString("hex")}`;
      await runtime.pull(lab().imagePlain, [credential()]);
      const make = (id: string) =>
        docker.createContainer({
          Image: lab().imagePlain,
          Cmd: ["/bin/true"],
          Labels: { [EXECUTION_LABEL]: id },
        });
      const leftover = await make(`${prefix}-1`);
      const other = await make(`other-${prefix}`);
      try {
        await runtime.cleanup!(prefix);
        await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 });
        expect((await other.inspect()).Id).toBe(other.id);
      } finally {
        await other.remove({ force: true });
        await leftover.remove({ force: true }).catch(() => undefined);
      }
    },
    TIMEOUT,
  );

  it("tasks without container settings go to the host runtime when one is given, and so does cleanup", async () => {
    const req = { ...(await request(["/bin/sh", "-c", "echo on the host"], {})), container: undefined };
    expect(await createDockerRuntime().run(req)).toMatchObject({ failure: { code: "CommandLaunchFailed" } });
    const processRuntime = createProcessRuntime({ stateDir: join(nodeRoot, "process-state") });
    const cleaned: string[] = [];
    const host: TaskRuntime = {
      ...processRuntime,
      cleanup: async (prefix) => {
        cleaned.push(prefix);
        await processRuntime.cleanup?.(prefix);
      },
    };
    const withHost = createDockerRuntime({ hostRuntime: host });
    expect(await withHost.run(req)).toEqual({ exitCode: 0 });
    expect(await readFile(req.stdoutPath, "utf8")).toBe("on the host\n");
    await withHost.cleanup!("nothing-");
    expect(cleaned).toEqual(["nothing-"]);
  });
});
