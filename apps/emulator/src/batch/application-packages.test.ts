/**
 * Application package references through the real @azure/batch 10.2.0 client: the emulator's
 * accounts have no applications, so every reference is refused the way Batch refuses one to a
 * package that does not exist, on each operation that carries references; empty lists pass.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, FAST, PLAIN_VM, startTestAccount, type TestAccount } from "./testing/account-harness";

let acct: TestAccount;
beforeAll(async () => {
  acct = await startTestAccount({ timeScale: FAST });
  await acct.client.pool.add({
    id: "apps-pool",
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: PLAIN_VM,
  });
  await acct.client.job.add({ id: "apps-job", poolInfo: { poolId: "apps-pool" } });
});
afterAll(async () => {
  await acct?.dispose();
});

const REFS = [{ applicationId: "blender", version: "2.7" }];
const reasonOf = (e: Awaited<ReturnType<typeof failure>>) =>
  e.body?.values?.find((v) => v.key === "Reason")?.value;

describe("application package references", () => {
  it("lists no applications and answers 404 ApplicationNotFound for one", async () => {
    expect([...(await acct.client.application.list())]).toEqual([]);
    const missing = await failure(acct.client.application.get("blender"));
    expect([missing.statusCode, missing.code]).toEqual([404, "ApplicationNotFound"]);
  });

  it("refuses a reference on Pool_Add, pool patch and update-properties, naming it", async () => {
    const add = await failure(
      acct.client.pool.add({
        id: "with-apps",
        vmSize: "standard_d2s_v3",
        virtualMachineConfiguration: PLAIN_VM,
        applicationPackageReferences: REFS,
      }),
    );
    expect([add.statusCode, add.code]).toEqual([409, "InvalidApplicationPackageReferences"]);
    expect(add.body?.values?.find((v) => v.key === "ApplicationPackageReference")?.value).toBe("blender:2.7");
    expect(reasonOf(add)).toContain('no application "blender"');
    expect((await failure(acct.client.pool.get("with-apps"))).statusCode).toBe(404);

    const patch = await failure(acct.client.pool.patch("apps-pool", { applicationPackageReferences: REFS }));
    expect(patch.code).toBe("InvalidApplicationPackageReferences");
    const update = await failure(
      acct.client.pool.updateProperties("apps-pool", {
        certificateReferences: [],
        applicationPackageReferences: [{ applicationId: "blender" }],
        metadata: [],
      }),
    );
    expect(update.code).toBe("InvalidApplicationPackageReferences");
    expect(update.body?.values?.find((v) => v.key === "ApplicationPackageReference")?.value).toBe(
      "blender:(default)",
    );
    // An empty list is a valid "no packages".
    await acct.client.pool.updateProperties("apps-pool", {
      certificateReferences: [],
      applicationPackageReferences: [],
      metadata: [],
    });
    expect((await acct.client.pool.get("apps-pool")).applicationPackageReferences ?? []).toEqual([]);
  });

  it("refuses a reference on a task and on a job manager task, and adds nothing", async () => {
    const task = await failure(
      acct.client.task.add("apps-job", {
        id: "t1",
        commandLine: "/bin/true",
        applicationPackageReferences: REFS,
      }),
    );
    expect([task.statusCode, task.code]).toEqual([409, "InvalidApplicationPackageReferences"]);
    expect((await failure(acct.client.task.get("apps-job", "t1"))).statusCode).toBe(404);
    const job = await failure(
      acct.client.job.add({
        id: "managed",
        poolInfo: { poolId: "apps-pool" },
        jobManagerTask: { id: "jm", commandLine: "/bin/true", applicationPackageReferences: REFS },
      }),
    );
    expect(job.code).toBe("InvalidApplicationPackageReferences");
    expect(reasonOf(job)).toContain("jobManagerTask.applicationPackageReferences");
    expect((await failure(acct.client.job.get("managed"))).statusCode).toBe(404);
  });
});
