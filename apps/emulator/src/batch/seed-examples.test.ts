/**
 * The Microsoft Learn container examples (docs/azure-batch-notes.md#containers) driven by the real
 * @azure/batch 10.2.0 client with SharedKey, against the process runtime (container commands run
 * on the host: /bin/sh exists everywhere CI runs).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTAINER_IMAGE,
  failure,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

let acct: TestAccount;
beforeAll(async () => {
  acct = await startTestAccount();
});
afterAll(async () => {
  await acct?.dispose();
});

const containerPool = (id: string, containerConfiguration: object) => ({
  id,
  vmSize: "standard_d2s_v3",
  virtualMachineConfiguration: { ...CONTAINER_IMAGE, containerConfiguration },
  targetDedicatedNodes: 1,
});

async function idleNodes(poolId: string, count = 1) {
  return waitFor(
    () => acct.client.computeNode.list(poolId),
    (nodes) => nodes.length === count && nodes.every((n) => n.state === "idle"),
    20_000,
    `${count} idle node(s) in ${poolId}`,
  );
}

describe("Microsoft Learn examples through @azure/batch 10.2.0 (SharedKey, process runtime)", () => {
  it("creates a container pool without prefetch and reaches steady with an idle node", async () => {
    const added = await acct.client.pool.add(containerPool("nofetch", {}));
    expect(added._response.status).toBe(201);
    const pool = await waitFor(
      () => acct.client.pool.get("nofetch"),
      (p) => p.allocationState === "steady",
      10_000,
      "steady pool",
    );
    expect(pool.currentDedicatedNodes).toBe(1);
    expect(pool.virtualMachineConfiguration?.containerConfiguration?.containerImageNames).toEqual([]);
    const [node] = await idleNodes("nofetch");
    expect(node!.id).toMatch(/^tvmps_[0-9a-f]{64}_d$/);
  });

  it("creates a pool prefetching an image and one with private registry credentials", async () => {
    await acct.client.pool.add(containerPool("prefetch", { containerImageNames: ["busybox"] }));
    await acct.client.pool.add(
      containerPool("private", {
        containerImageNames: ["myregistry.azurecr.io/tools/busybox:1.36"],
        containerRegistries: [
          { registryServer: "myregistry.azurecr.io", userName: "reader", password: "s3cret!" },
        ],
      }),
    );
    await idleNodes("prefetch");
    await idleNodes("private");
    const pool = await acct.client.pool.get("private");
    expect(pool.virtualMachineConfiguration?.containerConfiguration?.containerRegistries?.[0]).toMatchObject({
      registryServer: "myregistry.azurecr.io",
      userName: "reader",
    });
    // The password is kept for pulls but never sent back.
    expect(
      pool.virtualMachineConfiguration?.containerConfiguration?.containerRegistries?.[0]?.password,
    ).toBeUndefined();
    expect(JSON.stringify(await acct.client.pool.list())).not.toContain("s3cret!");
    expect(JSON.stringify(await acct.client.computeNode.list("private"))).not.toContain("s3cret!");
  });

  it("runs the example container task and reads its output file through the file API", async () => {
    await acct.client.job.add({ id: "seedjob", poolInfo: { poolId: "nofetch" } });
    await acct.client.task.add("seedjob", {
      id: "hello",
      commandLine: `/bin/sh -c "echo 'hello world' > $AZ_BATCH_TASK_WORKING_DIR/output.txt"`,
      containerSettings: { imageName: "busybox", containerRunOptions: "--rm --workdir /" },
    });
    const task = await waitFor(
      () => acct.client.task.get("seedjob", "hello"),
      (t) => t.state === "completed",
      20_000,
      "completed task",
    );
    expect(task.executionInfo).toMatchObject({
      exitCode: 0,
      result: "success",
      retryCount: 0,
      requeueCount: 0,
    });
    expect(task.nodeInfo?.poolId).toBe("nofetch");
    const file = await acct.client.file.getFromTask("seedjob", "hello", "wd/output.txt");
    expect(file._response.status).toBe(200);
    expect(await streamText(file.readableStreamBody)).toBe("hello world\n");
    const listed = await acct.client.file.listFromTask("seedjob", "hello", { recursive: true });
    expect(listed.map((f) => f.name).sort()).toEqual(["stderr.txt", "stdout.txt", "wd", "wd/output.txt"]);
  });

  it("fails an empty command line container task with a clear ContainerMiscError under the process runtime", async () => {
    await acct.client.task.add("seedjob", {
      id: "entrypoint",
      commandLine: "",
      containerSettings: { imageName: "busybox" },
    });
    const task = await waitFor(
      () => acct.client.task.get("seedjob", "entrypoint"),
      (t) => t.state === "completed",
      20_000,
      "completed task",
    );
    expect(task.executionInfo?.result).toBe("failure");
    expect(task.executionInfo?.failureInfo).toMatchObject({
      category: "usererror",
      code: "ContainerMiscError",
    });
    expect(task.executionInfo?.failureInfo?.details?.[0]?.value).toContain("no Docker engine");
  });

  it("refuses tasks whose container settings do not match the pool", async () => {
    const e = await failure(acct.client.task.add("seedjob", { id: "plain", commandLine: "/bin/true" }));
    expect(e.statusCode).toBe(400);
    expect(e.code).toBe("InvalidPropertyValue");
    expect(e.body?.values?.[0]).toEqual({ key: "PropertyName", value: "containerSettings" });
  });
});
