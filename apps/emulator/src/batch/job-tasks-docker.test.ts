/**
 * The job's own tasks with the docker runtime and the lab registry, through @azure/batch 10.2.0:
 * on a container pool the job manager runs in a container (it must), the job preparation task on
 * the host and the job release task in a container (they may do either). Skips without the lab
 * (fails instead when REQUIRE_DOCKER=1): eval "$(bash scripts/container-lab.sh up)".
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDockerRuntime } from "./runtime/docker";
import { describeWithLab } from "./runtime/docker/lab-env";
import { createProcessRuntime } from "./runtime/process";
import {
  CONTAINER_IMAGE,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

describeWithLab("job manager, preparation and release tasks with the docker runtime", (lab) => {
  let acct: TestAccount;
  beforeAll(async () => {
    const { registry, user, password, imagePlain } = lab();
    acct = await startTestAccount();
    await acct.restart({
      runtime: createDockerRuntime({
        hostRuntime: createProcessRuntime({ stateDir: join(acct.dir, "host-runtime") }),
      }),
    });
    await acct.client.pool.add({
      id: "labjobs",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {
          containerImageNames: [imagePlain],
          containerRegistries: [{ registryServer: registry, userName: user, password }],
        },
      },
      targetDedicatedNodes: 1,
    });
    await waitFor(
      () => acct.client.computeNode.list("labjobs"),
      (ns) => ns[0]?.state === "idle",
      120_000,
      "lab node idle",
    );
  }, 180_000);
  afterAll(async () => {
    await acct?.dispose();
  }, 60_000);

  it("runs the job manager and the release in containers and the preparation on the host", async () => {
    const { client } = acct;
    const container = { imageName: lab().imagePlain, containerRunOptions: "--rm" };
    await client.job.add({
      id: "djt",
      poolInfo: { poolId: "labjobs" },
      jobManagerTask: {
        id: "manager",
        // Reads what the preparation left in the node's shared folder, from inside its container.
        commandLine: `/bin/sh -c "cat $AZ_BATCH_NODE_SHARED_DIR/prepared.txt; test -f /.dockerenv && echo in-container"`,
        containerSettings: container,
      },
      jobPreparationTask: {
        commandLine: `/bin/sh -c "echo prepared-on-host > $AZ_BATCH_NODE_SHARED_DIR/prepared.txt"`,
      },
      jobReleaseTask: {
        commandLine: `/bin/sh -c "test -f /.dockerenv && echo released > $AZ_BATCH_NODE_SHARED_DIR/released.txt"`,
        containerSettings: container,
      },
    });
    const job = await waitFor(
      () => client.job.get("djt"),
      (j) => j.state === "completed",
      120_000,
      "job completed by its job manager",
    );
    expect(job.executionInfo?.terminateReason).toBe("JMComplete");
    const manager = await client.task.get("djt", "manager");
    expect(manager.executionInfo).toMatchObject({ exitCode: 0, result: "success" });
    expect(manager.executionInfo?.containerInfo?.containerId).toBeTruthy();
    expect(
      await streamText((await client.file.getFromTask("djt", "manager", "stdout.txt")).readableStreamBody),
    ).toBe("prepared-on-host\nin-container\n");

    const [row] = await client.job.listPreparationAndReleaseTaskStatus("djt");
    expect(row!.jobPreparationTaskExecutionInfo).toMatchObject({ state: "completed", exitCode: 0 });
    // The preparation ran on the host: no container.
    expect(row!.jobPreparationTaskExecutionInfo?.containerInfo).toBeUndefined();
    expect(row!.jobReleaseTaskExecutionInfo).toMatchObject({
      state: "completed",
      exitCode: 0,
      result: "success",
    });
    expect(row!.jobReleaseTaskExecutionInfo?.containerInfo?.containerId).toBeTruthy();
    expect(
      await streamText(
        (await client.file.getFromComputeNode("labjobs", row!.nodeId!, "shared/released.txt"))
          .readableStreamBody,
      ),
    ).toBe("released\n");
  }, 150_000);
});
