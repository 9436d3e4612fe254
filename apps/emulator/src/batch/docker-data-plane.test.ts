/**
 * The Microsoft Learn container examples through the whole data plane with the docker runtime, the real
 * @azure/batch 10.2.0 client and the container lab's private registry. Skips without the lab
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

describeWithLab("data plane with the docker runtime and the lab registry", (lab) => {
  let acct: TestAccount;
  beforeAll(async () => {
    const { registry, user, password, imagePlain, imageEntrypoint } = lab();
    acct = await startTestAccount();
    // Restart on the same folder with the docker runtime (the folder is only known after the first start).
    await acct.restart({
      runtime: createDockerRuntime({
        hostRuntime: createProcessRuntime({ stateDir: join(acct.dir, "host-runtime") }),
      }),
    });
    const pool = (id: string, pwd: string) => ({
      id,
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {
          containerImageNames: [imagePlain, imageEntrypoint],
          containerRegistries: [{ registryServer: registry, userName: user, password: pwd }],
        },
      },
      targetDedicatedNodes: 1,
    });
    await acct.client.pool.add(pool("lab", password));
    await acct.client.pool.add(pool("wrongpw", `${password}-wrong`));
    await waitFor(
      () => acct.client.computeNode.list("lab"),
      (ns) => ns[0]?.state === "idle",
      120_000,
      "lab node idle",
    );
    await acct.client.job.add({ id: "dj", poolInfo: { poolId: "lab" } });
  }, 180_000);
  afterAll(async () => {
    await acct?.dispose();
  }, 60_000);

  const completed = (id: string) =>
    waitFor(
      () => acct.client.task.get("dj", id),
      (t) => t.state === "completed",
      120_000,
      `${id} completed`,
    );

  it("reports docker as the runtime", () => {
    expect(acct.handle.runtimeInfo).toMatchObject({ kind: "docker", containersIsolated: true });
  });

  it("makes a node unusable when the registry refuses the pool's credentials, naming the image", async () => {
    const [node] = await waitFor(
      () => acct.client.computeNode.list("wrongpw"),
      (ns) => ns[0]?.state === "unusable",
      120_000,
      "unusable",
    );
    expect(node!.errors?.[0]?.message).toContain(lab().imagePlain);
    expect(JSON.stringify(node!.errors)).not.toContain(lab().password);
  }, 150_000);

  it("runs the example task with --rm --workdir / and serves its output file", async () => {
    await acct.client.task.add("dj", {
      id: "hello",
      commandLine: `/bin/sh -c "echo 'hello world' > $AZ_BATCH_TASK_WORKING_DIR/output.txt"`,
      containerSettings: { imageName: lab().imagePlain, containerRunOptions: "--rm --workdir /" },
    });
    const t = await completed("hello");
    expect(t.executionInfo).toMatchObject({ exitCode: 0, result: "success" });
    expect(
      await streamText(
        (await acct.client.file.getFromTask("dj", "hello", "wd/output.txt")).readableStreamBody,
      ),
    ).toBe("hello world\n");
  }, 150_000);

  it("runs the image ENTRYPOINT for an empty command line", async () => {
    await acct.client.task.add("dj", {
      id: "ep",
      commandLine: "",
      containerSettings: { imageName: lab().imageEntrypoint },
    });
    const t = await completed("ep");
    expect(t.executionInfo?.result).toBe("success");
    expect(
      await streamText((await acct.client.file.getFromTask("dj", "ep", "stdout.txt")).readableStreamBody),
    ).toContain("entrypoint ran in");
  }, 150_000);

  it("fails a missing image with ContainerInvalidImage and an unknown run option with ContainerInvalidSettings", async () => {
    await acct.client.task.add("dj", {
      id: "noimg",
      commandLine: "/bin/true",
      containerSettings: { imageName: `${lab().registry}/lab/nope:1` },
    });
    await acct.client.task.add("dj", {
      id: "badopt",
      commandLine: "/bin/true",
      containerSettings: { imageName: lab().imagePlain, containerRunOptions: "--no-such-option" },
    });
    expect((await completed("noimg")).executionInfo?.failureInfo?.code).toBe("ContainerInvalidImage");
    const bad = await completed("badopt");
    expect(bad.executionInfo?.failureInfo?.code).toBe("ContainerInvalidSettings");
    expect(JSON.stringify(bad.executionInfo?.failureInfo)).toContain("--no-such-option");
  }, 150_000);
});
