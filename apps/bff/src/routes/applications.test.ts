import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockBlobClient } from "@azure/storage-blob";
import yazl from "yazl";
import { apiUrl, ApplicationsResponse, ValidationResponse, type AccountsResponse, type TaskDetails, type TaskSpecInput } from "@batch-studio/shared";
import { oneNodePool, operatorApi, until, type OperatorApi } from "../testing/api-fixtures";
import { armTokenFor } from "../testing/arm-token";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * Application packages through the portal against the real local stack: an application and its
 * versions published through the emulator's ARM (a zip uploaded to the version's storageUrl in
 * Azurite, then activated), listed by the BFF's applications route, and referenced by tasks: a good
 * reference installs the package on the node, a bad one is refused with 400 at its field.
 */
const stamp = Date.now();
const ids = { pool: `apps-pool-${stamp}`, job: `apps-job-${stamp}` };
const ARM_API = "api-version=2023-11-01";

async function zipOf(name: string, data: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(data), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe("application packages", () => {
  let stack: LocalStack;
  let api: OperatorApi;
  let account: string;
  /** One ARM call on the account's applications, as the operator (the emulator's ARM, bearer token). */
  let armCall: (method: string, path: string, body?: unknown) => Promise<unknown>;

  const addTask = (task: TaskSpecInput) =>
    api.call(apiUrl("addTask", { account, job: ids.job }), { method: "POST", body: JSON.stringify(task) });

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process", storage: true });
    const token = await stack.signIn();
    api = operatorApi(stack.bffUrl, token);
    const { subscriptions } = await api.json<AccountsResponse>(apiUrl("accounts", {}));
    const summary = subscriptions[0]!.accounts[0]!;
    account = summary.id;
    const armToken = await armTokenFor(stack, token);
    const base = `${stack.endpoints.arm.url}/subscriptions/${summary.subscriptionId}/resourceGroups/${summary.resourceGroup}/providers/Microsoft.Batch/batchAccounts/${summary.name}/applications`;
    armCall = async (method, path, body) => {
      const res = await fetch(`${base}${path}?${ARM_API}`, {
        method,
        headers: { authorization: `Bearer ${armToken}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    };
    // "hello" 1.0 is the default version; "nodefault" has a version but no default.
    await armCall("PUT", "/hello", { properties: { displayName: "Hello app" } });
    for (const [app, version] of [["hello", "1.0"], ["nodefault", "2"]] as const) {
      const created = (await armCall("PUT", `/${app}/versions/${version}`, {})) as { properties: { storageUrl: string } };
      await new BlockBlobClient(created.properties.storageUrl).uploadData(await zipOf("greeting.txt", `${app} ${version}\n`));
      await armCall("POST", `/${app}/versions/${version}/activate`, { format: "zip" });
    }
    await armCall("PATCH", "/hello", { properties: { defaultVersion: "1.0" } });

    await api.json(apiUrl("pools", { account }), { method: "POST", body: JSON.stringify(oneNodePool(ids.pool)) });
    await api.json(apiUrl("jobs", { account }), { method: "POST", body: JSON.stringify({ id: ids.job, poolId: ids.pool }) });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("lists the account's applications with their activated versions and default version", async () => {
    const { items } = ApplicationsResponse.parse(await api.json(apiUrl("applications", { account })));
    expect(items.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "hello", displayName: "Hello app", versions: ["1.0"], defaultVersion: "1.0" },
      { id: "nodefault", versions: ["2"], defaultVersion: null },
    ]);
  });

  it("adds a task whose reference installs the package on the node, and refuses bad references at their field", async () => {
    const res = await addTask({
      id: "greet",
      commandLine: `/bin/sh -c 'cat "$AZ_BATCH_APP_PACKAGE_hello_1_0/greeting.txt"'`,
      containerSettings: { imageName: "busybox:latest" },
      applicationPackages: [{ applicationId: "hello" }],
    });
    expect(res.status).toBe(201);
    await until("the task to complete", async () =>
      (await api.json<TaskDetails>(apiUrl("task", { account, job: ids.job, task: "greet" }))).state === "completed" ? true : undefined,
    );
    const stdout = await api.call(`${apiUrl("taskFileContent", { account, job: ids.job, task: "greet" }, { path: "stdout.txt" })}`);
    expect(await stdout.text()).toBe("hello 1.0\n");

    const bad = await addTask({
      id: "bad",
      commandLine: "true",
      containerSettings: { imageName: "busybox:latest" },
      applicationPackages: [{ applicationId: "hello", version: "9" }, { applicationId: "nodefault" }, { applicationId: "missing" }],
    });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { issues: { path: (string | number)[]; code: string; message: string }[] };
    const packageIssues = problem.issues.filter((i) => i.code.startsWith("applicationPackage."));
    expect(packageIssues.map((i) => [i.path.join("."), i.code])).toEqual([
      ["applicationPackages.2.applicationId", "applicationPackage.unknownApplication"],
      ["applicationPackages.0.version", "applicationPackage.unknownVersion"],
      ["applicationPackages.1.version", "applicationPackage.noDefaultVersion"],
    ]);
    expect(packageIssues[1]!.message).toContain('"1.0"');
  });

  it("refuses a pool whose references name no application of the account", async () => {
    const res = await api.call(apiUrl("createPool", { account }), {
      method: "POST",
      body: JSON.stringify(oneNodePool(`apps-bad-${stamp}`, { applicationPackages: [{ applicationId: "hello", version: "1.0" }, { applicationId: "gone" }] })),
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { issues: { path: (string | number)[]; code: string }[] };
    expect(problem.issues.filter((i) => i.code.startsWith("applicationPackage.")).map((i) => i.path.join("."))).toEqual(["applicationPackages.1.applicationId"]);
  });

  it("looks the applications up for a check only when the spec references packages", async () => {
    const check = async (task: TaskSpecInput) =>
      ValidationResponse.parse(await api.json(apiUrl("validateTask", { account }), { method: "POST", body: JSON.stringify({ jobId: ids.job, task }) }));
    const plain = await check({ id: "plain", commandLine: "true", containerSettings: { imageName: "busybox:latest" } });
    expect(plain.facts.applications).toBeUndefined();
    const withPackage = await check({ id: "pkg", commandLine: "true", containerSettings: { imageName: "busybox:latest" }, applicationPackages: [{ applicationId: "hello", version: "1.0" }] });
    expect(withPackage.facts.applications?.map((a) => a.id).sort()).toEqual(["hello", "nodefault"]);
    expect(withPackage.issues.filter((i) => i.code.startsWith("applicationPackage."))).toEqual([]);
  });
});
