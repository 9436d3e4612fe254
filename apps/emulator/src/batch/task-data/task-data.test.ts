/**
 * Resource files in and output files out, through the real @azure/batch 10.2.0 client, a real
 * Azurite and @azure/storage-blob, on both runtimes (the docker one with the container lab: skipped
 * without it, failing with REQUIRE_DOCKER=1).
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchServiceModels } from "@azure/batch";
import { ContainerClient, ContainerSASPermissions, StorageSharedKeyCredential } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite, type RunningAzurite } from "../../storage/azurite";
import { storageAccountAccess, type StorageAccountAccess } from "../../storage/local-storage";
import { createDockerRuntime } from "../runtime/docker";
import { describeWithLab } from "../runtime/docker/lab-env";
import { createProcessRuntime } from "../runtime/process";
import {
  CONTAINER_IMAGE,
  PLAIN_VM,
  failure,
  startTestAccount,
  waitFor,
  type TestAccount,
} from "../testing/account-harness";

type TaskAdd = BatchServiceModels.TaskAddParameter;

interface Flavour {
  name: string;
  /** Pool fields for the runtime: a plain VM, or a container pool with the lab's image. */
  pool(): Pick<BatchServiceModels.PoolAddParameter, "virtualMachineConfiguration">;
  /** Task fields for the runtime: container settings on the docker one. */
  task(): Partial<TaskAdd>;
  restart?(acct: TestAccount): Promise<void>;
}

function dataScenarios(flavour: Flavour) {
  let azurite: RunningAzurite;
  let storage: StorageAccountAccess;
  let acct: TestAccount;
  let http: Server;
  let httpUrl: string;
  const folder = { dir: "" };
  let inputs: ContainerClient;
  let results: ContainerClient;

  const sas = (c: ContainerClient, permissions: string) =>
    c.generateSasUrl({
      permissions: ContainerSASPermissions.parse(permissions),
      expiresOn: new Date(Date.now() + 3600_000),
    });

  beforeAll(async () => {
    folder.dir = await mkdtemp(join(tmpdir(), "bs-task-data-"));
    azurite = await startAzurite({ location: folder.dir });
    storage = storageAccountAccess(azurite, "contosoweudata");
    const credential = new StorageSharedKeyCredential(storage.name, storage.key);
    inputs = new ContainerClient(`${storage.blobEndpoint}/inputs`, credential);
    results = new ContainerClient(`${storage.blobEndpoint}/results`, credential);
    await inputs.create();
    await results.create();
    await inputs.uploadBlockBlob("data/a.txt", "A\n", 2);
    await inputs.uploadBlockBlob("data/sub/b.txt", "B\n", 2);
    await inputs.uploadBlockBlob("other.txt", "O\n", 2);
    http = createServer((req, res) => {
      const files: Record<string, string> = { "/greeting.txt": "hello\n", "/boot.txt": "booted\n" };
      const body = files[req.url ?? ""];
      res.writeHead(body ? 200 : 404).end(body ?? "not here");
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    acct = await startTestAccount({ autoStorage: storage });
    await flavour.restart?.(acct);
    await acct.client.pool.add({
      id: "data",
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 1,
      startTask: {
        commandLine: "/bin/sh -c 'cat boot.txt'",
        resourceFiles: [{ httpUrl: `${httpUrl}/boot.txt`, filePath: "boot.txt" }],
        waitForSuccess: true,
      },
      ...flavour.pool(),
    });
    const [node] = await waitFor(
      () => acct.client.computeNode.list("data"),
      (ns) => ns[0]?.state === "idle" || ns[0]?.state === "starttaskfailed",
      120_000,
      "node idle",
    );
    expect(node!.startTaskInfo).toMatchObject({ result: "success", exitCode: 0 });
    await acct.client.job.add({ id: "dj", poolInfo: { poolId: "data" } });
  }, 180_000);

  afterAll(async () => {
    await acct?.dispose();
    await new Promise((r) => http?.close(r));
    await azurite?.close();
    await rm(folder.dir, { recursive: true, force: true });
  }, 60_000);

  const completed = (id: string) =>
    waitFor(
      () => acct.client.task.get("dj", id),
      (t) => t.state === "completed",
      120_000,
      `${id} completed`,
    );

  const blobs = async (prefix: string) => {
    const names: string[] = [];
    for await (const b of results.listBlobsFlat({ prefix })) names.push(b.name);
    return names.sort();
  };
  const text = async (name: string) => (await results.getBlobClient(name).downloadToBuffer()).toString();

  const outputs = (prefix: string, outSas: string): TaskAdd["outputFiles"] => [
    {
      filePattern: "out/**/*",
      destination: { container: { containerUrl: outSas, path: `${prefix}/ok` } },
      uploadOptions: { uploadCondition: "tasksuccess" },
    },
    {
      filePattern: "out/result.txt",
      destination: { container: { containerUrl: outSas, path: `${prefix}/failed/result.txt` } },
      uploadOptions: { uploadCondition: "taskfailure" },
    },
    {
      // Variables are expanded before the pattern applies, as Batch does on Linux.
      filePattern: "$AZ_BATCH_TASK_WORKING_DIR/out/result.txt",
      destination: { container: { containerUrl: outSas, path: `${prefix}/env/result.txt` } },
      uploadOptions: { uploadCondition: "taskcompletion" },
    },
    {
      filePattern: "../std*.txt",
      destination: { container: { containerUrl: outSas, path: `${prefix}/logs` } },
      uploadOptions: { uploadCondition: "taskcompletion" },
    },
  ];

  it(`${flavour.name}: downloads from a SAS container, an http URL and auto-storage, and uploads on success`, async () => {
    const outSas = await sas(results, "rcw");
    await acct.client.task.add("dj", {
      id: "ok",
      commandLine:
        "/bin/sh -c 'mkdir -p out/deep && cat in/data/a.txt in/data/sub/b.txt greeting.txt auto/other.txt > out/result.txt && stat -c %a greeting.txt in/data/a.txt > out/deep/modes.txt && echo x > out/.hidden && echo done'",
      resourceFiles: [
        { storageContainerUrl: await sas(inputs, "rl"), blobPrefix: "data/", filePath: "in" },
        { httpUrl: `${httpUrl}/greeting.txt`, filePath: "greeting.txt", fileMode: "0600" },
        { autoStorageContainerName: "inputs", blobPrefix: "other", filePath: "auto" },
      ],
      outputFiles: outputs("ok", outSas),
      ...flavour.task(),
    });
    const t = await completed("ok");
    expect(t.executionInfo).toMatchObject({ result: "success", exitCode: 0 });
    // blobPrefix "data/" keeps the names below it whole: in/data/a.txt.
    expect(await blobs("ok/")).toEqual([
      "ok/env/result.txt",
      "ok/logs/stderr.txt",
      "ok/logs/stdout.txt",
      "ok/ok/deep/modes.txt",
      "ok/ok/result.txt",
    ]);
    expect(await text("ok/ok/result.txt")).toBe("A\nB\nhello\nO\n");
    expect(await text("ok/ok/deep/modes.txt")).toBe("600\n770\n");
    expect(await text("ok/logs/stdout.txt")).toBe("done\n");
  }, 150_000);

  it(`${flavour.name}: a failing task uploads only its taskFailure and taskCompletion outputs`, async () => {
    await acct.client.task.add("dj", {
      id: "bad",
      commandLine: "/bin/sh -c 'mkdir -p out && echo partial > out/result.txt && exit 3'",
      outputFiles: outputs("bad", await sas(results, "cw")),
      ...flavour.task(),
    });
    const t = await completed("bad");
    expect(t.executionInfo).toMatchObject({ result: "failure", exitCode: 3 });
    expect(t.executionInfo?.failureInfo?.code).toBe("FailureExitCode");
    expect(await blobs("bad/")).toEqual([
      "bad/env/result.txt",
      "bad/failed/result.txt",
      "bad/logs/stderr.txt",
      "bad/logs/stdout.txt",
    ]);
    expect(await text("bad/failed/result.txt")).toBe("partial\n");
  }, 150_000);

  it(`${flavour.name}: a failed download fails the task as a pre-processing error without running it`, async () => {
    const missing = `${httpUrl}/missing.txt?sig=do-not-show`;
    await acct.client.task.add("dj", {
      id: "nofile",
      commandLine: "/bin/sh -c 'echo ran > ran.txt'",
      resourceFiles: [{ httpUrl: missing, filePath: "needed.txt" }],
      ...flavour.task(),
    });
    const t = await completed("nofile");
    expect(t.executionInfo?.result).toBe("failure");
    expect(t.executionInfo?.exitCode).toBeUndefined();
    expect(t.executionInfo?.failureInfo).toMatchObject({
      category: "usererror",
      code: "BlobNotFound",
      details: expect.arrayContaining([{ name: "FilePath", value: "needed.txt" }]),
    });
    expect(JSON.stringify(t.executionInfo)).not.toContain("do-not-show");
    const files = await acct.client.file.listFromTask("dj", "nofile", { recursive: true });
    expect(files.map((f) => f.name)).not.toContain("wd/ran.txt");
  }, 150_000);

  it(`${flavour.name}: an output upload the container refuses fails the task with FileUploadAccessDenied`, async () => {
    await acct.client.task.add("dj", {
      id: "readonly",
      commandLine: "/bin/sh -c 'echo hi > note.txt'",
      outputFiles: [
        {
          filePattern: "note.txt",
          destination: { container: { containerUrl: await sas(results, "r") } },
          uploadOptions: { uploadCondition: "tasksuccess" },
        },
      ],
      ...flavour.task(),
    });
    const t = await completed("readonly");
    expect(t.executionInfo).toMatchObject({ result: "failure", exitCode: 0 });
    expect(t.executionInfo?.failureInfo).toMatchObject({
      category: "usererror",
      code: "FileUploadAccessDenied",
    });
    expect(JSON.stringify(t.executionInfo)).not.toContain("sig=");
  }, 150_000);

  it(`${flavour.name}: refuses a filePath that leaves the working directory, naming the field, without echoing the SAS`, async () => {
    const e = await failure(
      acct.client.task.add("dj", {
        id: "escape",
        commandLine: "/bin/true",
        resourceFiles: [{ storageContainerUrl: await sas(inputs, "rl"), filePath: "../escape" }],
        ...flavour.task(),
      }),
    );
    expect(e.statusCode).toBe(400);
    expect(e.body?.values).toEqual(
      expect.arrayContaining([
        { key: "PropertyName", value: "filePath" },
        { key: "Reason", value: expect.stringContaining("resourceFiles[0].filePath") },
      ]),
    );
    expect(JSON.stringify(e.body)).not.toContain("sig=");
  });

  it(`${flavour.name}: a start task whose resource file is missing leaves its node starttaskfailed`, async () => {
    await acct.client.pool.add({
      id: "badstart",
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 1,
      startTask: {
        commandLine: "/bin/sh -c 'cat boot.txt'",
        resourceFiles: [{ httpUrl: `${httpUrl}/gone.txt`, filePath: "boot.txt" }],
        waitForSuccess: true,
      },
      ...flavour.pool(),
    });
    const [node] = await waitFor(
      () => acct.client.computeNode.list("badstart"),
      (ns) => ns[0]?.state === "starttaskfailed",
      120_000,
      "start task failed",
    );
    expect(node!.startTaskInfo).toMatchObject({
      result: "failure",
      failureInfo: { category: "usererror", code: "BlobNotFound" },
    });
    expect(node!.startTaskInfo?.exitCode).toBeUndefined();
    await acct.client.pool.deleteMethod("badstart");
  }, 150_000);

  it(`${flavour.name}: keeps no SAS in clear text under the data folder`, async () => {
    const hits: string[] = [];
    for (const rel of await readdir(acct.dir, { recursive: true })) {
      const bytes = await readFile(join(acct.dir, rel)).catch(() => Buffer.alloc(0));
      if (bytes.includes("sig=")) hits.push(rel);
    }
    expect(hits).toEqual([]);
  });

  it(`${flavour.name}: keeps the uploaded blobs after the pool is deleted`, async () => {
    await acct.client.pool.deleteMethod("data");
    await waitFor(
      () => acct.client.pool.exists("data"),
      (exists) => !exists.body,
      60_000,
      "pool gone",
    );
    expect(await blobs("ok/")).toHaveLength(5);
    expect(await text("ok/ok/result.txt")).toBe("A\nB\nhello\nO\n");
  }, 90_000);
}

describe("task data with the process runtime", () => {
  dataScenarios({
    name: "process",
    pool: () => ({ virtualMachineConfiguration: PLAIN_VM }),
    task: () => ({}),
  });
});

describeWithLab("task data with the docker runtime", (lab) => {
  dataScenarios({
    name: "docker",
    pool: () => ({
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {
          type: "dockerCompatible",
          containerImageNames: [lab().imagePlain],
          containerRegistries: [
            { registryServer: lab().registry, userName: lab().user, password: lab().password },
          ],
        },
      },
    }),
    task: () => ({ containerSettings: { imageName: lab().imagePlain } }),
    restart: (acct) =>
      acct.restart({
        runtime: createDockerRuntime({
          hostRuntime: createProcessRuntime({ stateDir: join(acct.dir, "host-runtime") }),
        }),
      }),
  });
});
