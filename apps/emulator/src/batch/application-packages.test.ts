/**
 * Application packages end to end, each side through its real SDK: @azure/arm-batch 9.1.0 creates
 * the application and its versions in the local ARM, @azure/storage-blob uploads real zips to the
 * returned storageUrls in a real Azurite, and @azure/batch 10.2.0 adds pools and tasks that
 * reference them. The node extracts each package under applications/ and the task sees its
 * AZ_BATCH_APP_PACKAGE_* variables, named as on a Linux node; unknown references answer 409, and
 * a zip that escapes its folder (zip slip, a symbolic link) is refused.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchServiceModels } from "@azure/batch";
import { BatchManagementClient } from "@azure/arm-batch";
import { BlockBlobClient } from "@azure/storage-blob";
import yazl from "yazl";
import { allowBearerOverLoopbackHttp } from "../arm/loopback-bearer";
import { startArmHarness, type ArmHarness } from "../arm/testing/arm-harness";
import { SEEDED_OPERATORS } from "../identity/operators";
import { ARM_SCOPE } from "../local-azure-constants";
import { DEFAULT_SEED } from "../seed";
import { startAzurite, type RunningAzurite } from "../storage/azurite";
import { storageAccountAccess } from "../storage/local-storage";
import { createDockerRuntime } from "./runtime/docker";
import { describeWithLab } from "./runtime/docker/lab-env";
import { createProcessRuntime } from "./runtime/process";
import {
  CONTAINER_IMAGE,
  failure,
  PLAIN_VM,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

const SUB = DEFAULT_SEED.subscription.subscriptionId;
const RG = "rg-batch-studio";
const ARM_ACCOUNT = "contosoweu";

interface ZipEntry {
  name: string;
  data: string;
  mode?: number;
}

async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.data), e.name, e.mode ? { mode: e.mode } : {});
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/** A zip whose entry climbs out of the folder: yazl refuses to write one, so a name is patched. */
async function zipSlip(): Promise<Buffer> {
  const zip = await zipOf([{ name: "xx/escaped.txt", data: "outside" }]);
  return Buffer.from(zip.toString("latin1").replaceAll("xx/escaped.txt", "../escaped.txt"), "latin1");
}

let azurite: RunningAzurite;
let harness: ArmHarness;
let arm: BatchManagementClient;
let acct: TestAccount;
const folder = mkdtempSync(join(tmpdir(), "bs-app-packages-"));

/** Create (or re-create) a version, upload `zip` to its storageUrl, activate it. */
async function publish(app: string, version: string, zip: Buffer) {
  const created = await arm.applicationPackageOperations.create(RG, ARM_ACCOUNT, app, version);
  await new BlockBlobClient(created.storageUrl!).uploadData(zip);
  return arm.applicationPackageOperations.activate(RG, ARM_ACCOUNT, app, version, { format: "zip" });
}

beforeAll(async () => {
  azurite = await startAzurite({ location: join(folder, "azurite") });
  harness = await startArmHarness({ spaOrigin: "http://localhost:43996", arm: { storage: azurite } });
  const credential = await harness.credentialFor(SEEDED_OPERATORS[0]!.oid);
  arm = new BatchManagementClient(credential, SUB, {
    endpoint: harness.arm.url,
    retryOptions: { maxRetries: 0 },
  });
  allowBearerOverLoopbackHttp(arm.pipeline, credential, [ARM_SCOPE]);
  // The data plane of contosoweu: its auto-storage account and its ARM applications.
  acct = await startTestAccount({
    autoStorage: storageAccountAccess(azurite, "contosoweudata"),
    applications: harness.arm.applications.forAccount(ARM_ACCOUNT),
  });

  await arm.applicationOperations.create(RG, ARM_ACCOUNT, "Blender", {
    parameters: { displayName: "Blender 3D" },
  });
  await publish("Blender", "2.7", await zipOf([{ name: "readme.txt", data: "blender 2.7\n" }]));
  await publish(
    "ffmpeg",
    "4.1-static",
    await zipOf([{ name: "bin/ffmpeg", data: '#!/bin/sh\necho ffmpeg 4.1 "$@"\n', mode: 0o100755 }]),
  );
  await arm.applicationOperations.update(RG, ARM_ACCOUNT, "ffmpeg", { defaultVersion: "4.1-static" });
  await arm.applicationPackageOperations.create(RG, ARM_ACCOUNT, "ffmpeg", "5.0"); // never uploaded
  await publish("slip", "1", await zipSlip());
  await publish("linked", "1", await zipOf([{ name: "passwd", data: "/etc/passwd", mode: 0o120777 }]));

  await acct.client.pool.add({
    id: "apps-pool",
    vmSize: "standard_d2s_v3",
    targetDedicatedNodes: 1,
    virtualMachineConfiguration: PLAIN_VM,
    applicationPackageReferences: [{ applicationId: "Blender", version: "2.7" }],
  });
  await acct.client.job.add({ id: "apps-job", poolInfo: { poolId: "apps-pool" } });
});
afterAll(async () => {
  await acct?.dispose();
  await harness?.close();
  await azurite?.close();
  rmSync(folder, { recursive: true, force: true });
});

const done = (id: string) =>
  waitFor(
    () => acct.client.task.get("apps-job", id),
    (t) => t.state === "completed",
    20_000,
    `task ${id} completed`,
  );
const stdout = async (id: string) =>
  streamText((await acct.client.file.getFromTask("apps-job", id, "stdout.txt")).readableStreamBody);
const sh = (script: string) => `/bin/sh -c '${script}'`;
const valueOf = (e: Awaited<ReturnType<typeof failure>>, key: string) =>
  e.body?.values?.find((v) => v.key === key)?.value;

describe("application packages", () => {
  it("lists the account's applications with their active versions", async () => {
    const apps = [...(await acct.client.application.list())].map((a) => [a.id, a.displayName, a.versions]);
    expect(apps).toEqual([
      ["Blender", "Blender 3D", ["2.7"]],
      ["ffmpeg", "ffmpeg", ["4.1-static"]],
      ["slip", "slip", ["1"]],
      ["linked", "linked", ["1"]],
    ]);
    expect((await acct.client.application.get("blender")).versions).toEqual(["2.7"]);
    const missing = await failure(acct.client.application.get("nope"));
    expect([missing.statusCode, missing.code]).toEqual([404, "ApplicationNotFound"]);
  });

  it("extracts a pool's package on the node and sets its variable for the task", async () => {
    await acct.client.task.add("apps-job", {
      id: "pool-pkg",
      commandLine: sh(
        'echo "$AZ_BATCH_APP_PACKAGE_Blender_2_7"; cat "$AZ_BATCH_APP_PACKAGE_Blender_2_7/readme.txt"',
      ),
    });
    const task = await done("pool-pkg");
    expect(task.executionInfo?.result).toBe("success");
    const [dir, content] = (await stdout("pool-pkg")).split("\n");
    const nodeRoot = join(acct.dir, "nodes", "apps-pool", task.nodeInfo!.nodeId!);
    // Linux: <node root>/applications/<id><version><activation yyyy-MM-dd-HH-mm>.
    expect(dir).toMatch(
      new RegExp(`^${nodeRoot}/applications/Blender2\\.7\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d$`),
    );
    expect(content).toBe("blender 2.7");
  });

  it("keeps a node's pool package variables across a restart of the account", async () => {
    await acct.restart();
    await acct.client.task.add("apps-job", {
      id: "after-restart",
      commandLine: sh('cat "$AZ_BATCH_APP_PACKAGE_Blender_2_7/readme.txt"'),
    });
    const task = await done("after-restart");
    expect(task.executionInfo?.result).toBe("success");
    expect(await stdout("after-restart")).toBe("blender 2.7\n");
  });

  it("installs a task's package with the default version: both variables, programs runnable", async () => {
    await acct.client.task.add("apps-job", {
      id: "task-pkg",
      commandLine: sh(
        '"$AZ_BATCH_APP_PACKAGE_ffmpeg/bin/ffmpeg" -i in.mp4; test "$AZ_BATCH_APP_PACKAGE_ffmpeg" = "$AZ_BATCH_APP_PACKAGE_ffmpeg_4_1_static" && echo same',
      ),
      applicationPackageReferences: [{ applicationId: "ffmpeg" }],
    });
    const task = await done("task-pkg");
    expect(task.executionInfo?.result).toBe("success");
    expect(await stdout("task-pkg")).toBe("ffmpeg 4.1 -i in.mp4\nsame\n");
  });

  it("installs a job manager task's package", async () => {
    await acct.client.job.add({
      id: "managed-ok",
      poolInfo: { poolId: "apps-pool" },
      jobManagerTask: {
        id: "jm",
        commandLine: sh('"$AZ_BATCH_APP_PACKAGE_ffmpeg_4_1_static/bin/ffmpeg" manager'),
        applicationPackageReferences: [{ applicationId: "ffmpeg", version: "4.1-static" }],
      },
    });
    const jm = await waitFor(
      () => acct.client.task.get("managed-ok", "jm"),
      (t) => t.state === "completed",
      20_000,
      "job manager completed",
    );
    expect(jm.executionInfo?.result).toBe("success");
    const out = await acct.client.file.getFromTask("managed-ok", "jm", "stdout.txt");
    expect(await streamText(out.readableStreamBody)).toBe("ffmpeg 4.1 manager\n");
  });

  it("answers 409 InvalidApplicationPackageReferences for what names no active package", async () => {
    const cases: [BatchServiceModels.ApplicationPackageReference[], string, string][] = [
      [[{ applicationId: "blender3" }], "blender3:(default)", 'no application "blender3"'],
      [[{ applicationId: "Blender", version: "9" }], "Blender:9", 'no version "9"'],
      [[{ applicationId: "Blender" }], "Blender:(default)", "no default version"],
      [[{ applicationId: "ffmpeg", version: "5.0" }], "ffmpeg:5.0", "not active"],
    ];
    for (const [refs, named, reason] of cases) {
      const task = await failure(
        acct.client.task.add("apps-job", {
          id: "bad",
          commandLine: "/bin/true",
          applicationPackageReferences: refs,
        }),
      );
      expect([task.statusCode, task.code]).toEqual([409, "InvalidApplicationPackageReferences"]);
      expect(valueOf(task, "ApplicationPackageReference")).toBe(named);
      expect(valueOf(task, "Reason")).toContain(reason);
    }
    const refs = [{ applicationId: "blender3" }];
    const pool = await failure(
      acct.client.pool.add({
        id: "bad-pool",
        vmSize: "standard_d2s_v3",
        virtualMachineConfiguration: PLAIN_VM,
        applicationPackageReferences: refs,
      }),
    );
    expect(pool.code).toBe("InvalidApplicationPackageReferences");
    const patch = await failure(acct.client.pool.patch("apps-pool", { applicationPackageReferences: refs }));
    expect(patch.code).toBe("InvalidApplicationPackageReferences");
    const job = await failure(
      acct.client.job.add({
        id: "managed",
        poolInfo: { poolId: "apps-pool" },
        jobManagerTask: { id: "jm", commandLine: "/bin/true", applicationPackageReferences: refs },
      }),
    );
    expect(valueOf(job, "Reason")).toContain("jobManagerTask.applicationPackageReferences");
    const schedule = await failure(
      acct.client.jobSchedule.add({
        id: "nightly",
        schedule: { recurrenceInterval: "PT1H" },
        jobSpecification: {
          poolInfo: { poolId: "apps-pool" },
          jobManagerTask: { id: "jm", commandLine: "/bin/true", applicationPackageReferences: refs },
        },
      }),
    );
    expect(valueOf(schedule, "Reason")).toContain(
      "jobSpecification.jobManagerTask.applicationPackageReferences",
    );
    for (const missing of [acct.client.task.get("apps-job", "bad"), acct.client.job.get("managed")])
      expect((await failure(missing)).statusCode).toBe(404);
  });

  it("refuses a zip that climbs out of its folder or holds a link: the task fails with ApplicationPackageError", async () => {
    const why = { slip: "outside its folder", linked: "symbolic link" };
    for (const app of ["slip", "linked"] as const) {
      await acct.client.task.add("apps-job", {
        id: `${app}-pkg`,
        commandLine: "/bin/true",
        applicationPackageReferences: [{ applicationId: app, version: "1" }],
      });
      const task = await done(`${app}-pkg`);
      expect(task.executionInfo).toMatchObject({
        result: "failure",
        failureInfo: { category: "usererror", code: "ApplicationPackageError" },
      });
      expect(task.executionInfo?.exitCode).toBeUndefined();
      const message = task.executionInfo?.failureInfo?.details?.find((d) => d.name === "Message")?.value;
      expect(message).toContain(why[app]);
    }
    const node = (await acct.client.task.get("apps-job", "slip-pkg")).nodeInfo!.nodeId!;
    const files = [...(await acct.client.file.listFromComputeNode("apps-pool", node, { recursive: true }))];
    const names = files.map((f) => f.name);
    expect(names.some((n) => n?.endsWith("escaped.txt"))).toBe(false);
    expect(
      names.some((n) => n?.startsWith("applications/slip") || n?.startsWith("applications/linked")),
    ).toBe(false);
  });

  it("gives a patched pool's packages to a node when it reboots", async () => {
    await acct.client.pool.patch("apps-pool", {
      applicationPackageReferences: [
        { applicationId: "Blender", version: "2.7" },
        { applicationId: "ffmpeg", version: "4.1-static" },
      ],
    });
    const [node] = [...(await acct.client.computeNode.list("apps-pool"))];
    await acct.client.computeNode.reboot("apps-pool", node!.id!);
    await waitFor(
      () => acct.client.computeNode.get("apps-pool", node!.id!),
      (n) => n.state === "idle" && n.lastBootTime?.getTime() !== node!.lastBootTime?.getTime(),
      20_000,
      "node rebooted",
    );
    await acct.client.task.add("apps-job", {
      id: "after-reboot",
      commandLine: sh('"$AZ_BATCH_APP_PACKAGE_ffmpeg_4_1_static/bin/ffmpeg" rebooted'),
    });
    expect((await done("after-reboot")).executionInfo?.result).toBe("success");
    expect(await stdout("after-reboot")).toBe("ffmpeg 4.1 rebooted\n");
  });

  it("makes a node unusable when a pool package cannot be installed", async () => {
    await acct.client.pool.add({
      id: "slip-pool",
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 1,
      virtualMachineConfiguration: PLAIN_VM,
      applicationPackageReferences: [{ applicationId: "slip", version: "1" }],
    });
    const [node] = await waitFor(
      async () => [...(await acct.client.computeNode.list("slip-pool"))],
      (nodes) => nodes[0]?.state === "unusable",
      20_000,
      "slip-pool node unusable",
    );
    expect(node!.errors?.[0]?.code).toBe("ApplicationPackageError");
  });
});

// The node root is bind-mounted at the same path into containers, so the variables hold for them too.
describeWithLab("application packages in containers (docker runtime)", (lab) => {
  beforeAll(async () => {
    await acct.restart({
      runtime: createDockerRuntime({
        hostRuntime: createProcessRuntime({ stateDir: join(acct.dir, "host-runtime") }),
      }),
    });
    await acct.client.pool.add({
      id: "container-pool",
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 1,
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {
          containerImageNames: [lab().imagePlain],
          containerRegistries: [
            { registryServer: lab().registry, userName: lab().user, password: lab().password },
          ],
        },
      },
      applicationPackageReferences: [{ applicationId: "Blender", version: "2.7" }],
    });
    await acct.client.job.add({ id: "container-job", poolInfo: { poolId: "container-pool" } });
  }, 120_000);

  it("reads a pool package and a task package inside the container", async () => {
    await acct.client.task.add("container-job", {
      id: "in-container",
      commandLine: sh(
        'cat "$AZ_BATCH_APP_PACKAGE_Blender_2_7/readme.txt"; "$AZ_BATCH_APP_PACKAGE_ffmpeg/bin/ffmpeg" ok',
      ),
      containerSettings: { imageName: lab().imagePlain },
      applicationPackageReferences: [{ applicationId: "ffmpeg" }],
    });
    const task = await waitFor(
      () => acct.client.task.get("container-job", "in-container"),
      (t) => t.state === "completed",
      90_000,
      "container task completed",
    );
    expect(task.executionInfo?.result).toBe("success");
    const out = await acct.client.file.getFromTask("container-job", "in-container", "stdout.txt");
    expect(await streamText(out.readableStreamBody)).toBe("blender 2.7\nffmpeg 4.1 ok\n");
  }, 120_000);
});
