import { describe, expect, it } from "vitest";
import {
  containerCreateOptions,
  containerName,
  EXECUTION_LABEL,
  type ContainerSpecInput,
} from "./container-spec";
import { imageTarget } from "./image-name";
import { parseRunOptions } from "./run-options";

const ROOT = "/data/nodes/pool1/tvm-1";
const WD = `${ROOT}/workitems/job1/job-1/task1/wd`;

function input(
  runOptions: string,
  overrides: Partial<ContainerSpecInput["request"]> = {},
  workingDirectory: "taskWorkingDirectory" | "containerImageDefault" = "taskWorkingDirectory",
): ContainerSpecInput {
  const parsed = parseRunOptions(runOptions);
  const target = imageTarget("127.0.0.1:5123/lab/busybox");
  if (!parsed.ok || !target.ok) throw new Error("bad fixture");
  return {
    request: {
      executionId: "exec-1",
      argv: ["/bin/sh", "-c", "echo hi"],
      env: { AZ_BATCH_TASK_WORKING_DIR: WD, SHARED: "task" },
      nodeRootDir: ROOT,
      workingDir: WD,
      container: { imageName: "127.0.0.1:5123/lab/busybox", runOptions, workingDirectory },
      ...overrides,
    },
    target: target.target,
    options: parsed.options,
    hostEnv: { FROM_HOST: "host-value", SHARED: "host" },
  };
}

describe("containerCreateOptions", () => {
  it("maps the Learn example's task: image with :latest, argv as Cmd, node root bound at the same path, task wd", () => {
    const o = containerCreateOptions(input("--rm --workdir /"));
    expect(o.Image).toBe("127.0.0.1:5123/lab/busybox:latest");
    expect(o.Cmd).toEqual(["/bin/sh", "-c", "echo hi"]);
    expect(o.HostConfig?.Binds).toEqual([`${ROOT}:${ROOT}`]);
    expect(o.WorkingDir).toBe("/"); // --workdir wins over the task wd
    expect(o.Env).toContain(`AZ_BATCH_TASK_WORKING_DIR=${WD}`);
    expect(o.Labels).toEqual({ [EXECUTION_LABEL]: "exec-1" });
    expect(o.name).toBe("batch-studio-exec-1");
    expect(o.Tty).toBe(false);
  });

  it("starts in the task wd for taskWorkingDirectory, and leaves the image's WORKDIR for containerImageDefault", () => {
    expect(containerCreateOptions(input("")).WorkingDir).toBe(WD);
    expect(containerCreateOptions(input("", {}, "containerImageDefault")).WorkingDir).toBeUndefined();
  });

  it("leaves Cmd and Entrypoint to the image when the command line is empty", () => {
    const o = containerCreateOptions(input("", { argv: [] }));
    expect(o).not.toHaveProperty("Cmd");
    expect(o).not.toHaveProperty("Entrypoint");
  });

  it("applies -e over the task environment and passes bare names through", () => {
    const env = containerCreateOptions(
      input("-e SHARED=option -e FROM_HOST -e UNSET -e AZ_BATCH_TASK_WORKING_DIR"),
    ).Env!;
    expect(env).toContain("SHARED=option");
    expect(env).toContain("FROM_HOST=host-value");
    expect(env).toContain(`AZ_BATCH_TASK_WORKING_DIR=${WD}`);
    expect(env.some((e) => e.startsWith("UNSET"))).toBe(false);
  });

  it("maps resource and isolation options onto HostConfig", () => {
    const o = containerCreateOptions(
      input(
        "-m 256m --cpus 0.5 --shm-size 32m --network none --ipc private --privileged --read-only --cap-add NET_ADMIN --tmpfs /run:size=1m -v /host:/in:ro -v /anon --entrypoint /bin/echo -u nobody -l k=v",
      ),
    );
    expect(o.HostConfig).toMatchObject({
      Memory: 256 * 1024 ** 2,
      NanoCpus: 500_000_000,
      ShmSize: 32 * 1024 ** 2,
      NetworkMode: "none",
      IpcMode: "private",
      Privileged: true,
      ReadonlyRootfs: true,
      CapAdd: ["NET_ADMIN"],
      Tmpfs: { "/run": "size=1m" },
      Binds: [`${ROOT}:${ROOT}`, "/host:/in:ro"],
    });
    expect(o.Volumes).toEqual({ "/anon": {} });
    expect(o.Entrypoint).toEqual(["/bin/echo"]);
    expect(o.User).toBe("nobody");
    expect(o.Labels).toEqual({ k: "v", [EXECUTION_LABEL]: "exec-1" });
  });

  it("uses the default user only when the options name none", () => {
    expect(containerCreateOptions({ ...input(""), defaultUser: "1000:1000" }).User).toBe("1000:1000");
    expect(containerCreateOptions({ ...input("--user 0"), defaultUser: "1000:1000" }).User).toBe("0");
    expect(containerCreateOptions(input(""))).not.toHaveProperty("User");
  });

  it("keeps the execution label even if an option tries to set it", () => {
    expect(containerCreateOptions(input(`-l ${EXECUTION_LABEL}=other`)).Labels?.[EXECUTION_LABEL]).toBe(
      "exec-1",
    );
  });
});

describe("containerName", () => {
  it("turns any execution id into a valid Docker name", () => {
    expect(containerName("pool1/tvm-1:task 1")).toBe("batch-studio-pool1_tvm-1_task_1");
  });
});
