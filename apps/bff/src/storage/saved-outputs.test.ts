import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StorageSharedKeyCredential, BlobServiceClient } from "@azure/storage-blob";
import { SEEDED_OPERATORS, WELL_KNOWN_STORAGE_KEYS } from "@batch-studio/emulator";
import { apiUrl, SavedOutputsResponse, type TaskDetails, type TaskSpecInput } from "@batch-studio/shared";
import { oneNodePool, operatorApi, until, withRawQuery, type OperatorApi } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * "Save to the account's storage" and saved outputs against the real local stack: Azurite as the
 * auto-storage account, the emulator uploading the task's output files through @azure/storage-blob,
 * the BFF signing the destination (ARM listKeys) and reading the blobs back after the pool is gone.
 */
const reader = SEEDED_OPERATORS[2]!;
const stamp = Date.now();
const ids = { pool: `saved-pool-${stamp}`, job: `saved-job-${stamp}` };
const CONTAINER = `results-${stamp}`;

describe("saved outputs", () => {
  let stack: LocalStack;
  let api: OperatorApi;
  let asReader: OperatorApi;
  let account: string;
  const task = (id: string, over: Partial<TaskSpecInput> = {}): TaskSpecInput => ({
    id,
    commandLine: `/bin/sh -c "mkdir -p out && printf 'hello saved output' > out/a.txt && printf x > out/b.log && echo done"`,
    outputFiles: [
      { filePattern: "out/*.txt", destination: { kind: "accountStorage", containerName: CONTAINER, path: `${id}/files` }, uploadCondition: "taskSuccess" },
      { filePattern: "../stdout.txt", destination: { kind: "accountStorage", containerName: CONTAINER, path: `${id}/stdout.txt` }, uploadCondition: "taskCompletion" },
    ],
    // The process runtime runs it on the host; the container pool only requires the settings.
    containerSettings: { imageName: "busybox:latest" },
    ...over,
  });
  const taskUrl = (route: "taskSavedOutputs" | "taskSavedOutputFileContent" | "task", id: string) => apiUrl(route, { account, job: ids.job, task: id });
  const content = (id: string, query: Record<string, string | number>) => api.call(withRawQuery(taskUrl("taskSavedOutputFileContent", id), query));
  const completed = (id: string) =>
    until(`task ${id} to complete`, async () => ((await api.json<TaskDetails>(taskUrl("task", id))).state === "completed" ? true : undefined));

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process", storage: true, armReaders: [reader.oid] });
    api = operatorApi(stack.bffUrl, await stack.signIn());
    asReader = operatorApi(stack.bffUrl, await stack.signIn(reader.name));
    account = await api.firstAccount();
    await api.json(apiUrl("pools", { account }), { method: "POST", body: JSON.stringify(oneNodePool(ids.pool)) });
    await api.json(apiUrl("jobs", { account }), { method: "POST", body: JSON.stringify({ id: ids.job, poolId: ids.pool }) });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("signs the destination, the task's outputs land in the account's storage and are read back by range", async () => {
    const res = await api.call(apiUrl("addTask", { account, job: ids.job }), { method: "POST", body: JSON.stringify(task("t1")) });
    const body = await res.text();
    expect([res.status, body]).toEqual([201, expect.not.stringMatching(/sig=/)]);
    await completed("t1");

    const saved = SavedOutputsResponse.parse(await api.json(taskUrl("taskSavedOutputs", "t1")));
    expect(saved.destinations.map((d) => [d.index, d.access, d.filePattern, d.path])).toEqual([
      [0, "accountKey", "out/*.txt", "t1/files"],
      [1, "accountKey", "../stdout.txt", "t1/stdout.txt"],
    ]);
    expect(saved.destinations[0]!.containerUrl).toMatch(new RegExp(`/contosoweudata/${CONTAINER}$`));
    expect(JSON.stringify(saved)).not.toMatch(/sig=|sv=/);
    // out/b.log matched no pattern: only the .txt file and stdout went to Storage.
    expect(saved.items.map((i) => [i.path, i.destination, i.name, i.size])).toEqual([
      ["0/t1/files/a.txt", 0, "t1/files/a.txt", 18],
      ["1/t1/stdout.txt", 1, "t1/stdout.txt", 5],
    ]);

    const ranged = await content("t1", { path: "0/t1/files/a.txt", start: 6, end: 10 });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("x-file-size")).toBe("18");
    expect(await ranged.text()).toBe("saved");
    const tail = await content("t1", { path: "1/t1/stdout.txt", tail: 100 });
    expect(await tail.text()).toBe("done\n");
  });

  it("gives the task back with its account-storage destinations named again, so a re-add signs a new SAS", async () => {
    const { spec } = await api.json<{ spec: { outputFiles: unknown[] } }>(apiUrl("taskSpec", { account, job: ids.job, task: "t1" }));
    expect(spec.outputFiles).toEqual(task("t1").outputFiles);
    // Without the right to the storage keys the destination stays the plain container URL, unsigned.
    const asSeenByReader = await asReader.json<{ spec: { outputFiles: { destination: { kind: string; containerUrl?: string } }[] } }>(
      apiUrl("taskSpec", { account, job: ids.job, task: "t1" }),
    );
    expect(asSeenByReader.spec.outputFiles[0]!.destination).toMatchObject({ kind: "container", containerUrl: expect.stringMatching(new RegExp(`/${CONTAINER}$`)) });
  });

  it("reads only what the destination's pattern can have written, and refuses bad queries with the field", async () => {
    // A blob in the same container that no output file of t1 wrote.
    const key = new StorageSharedKeyCredential("contosoweudata", WELL_KNOWN_STORAGE_KEYS.contosoweudata![0]);
    const container = new BlobServiceClient(`${stack.endpoints.storage!.blobUrl}/contosoweudata`, key).getContainerClient(CONTAINER);
    await container.getBlockBlobClient("t1/files/secret.bin").upload("s", 1);
    await container.getBlockBlobClient("payroll.txt").upload("p", 1);

    for (const path of ["0/t1/files/secret.bin", "0/payroll.txt", "0/t1/stdout.txt", "1/t1/files/a.txt", "7/t1/files/a.txt", "t1/files/a.txt"]) {
      const res = await content("t1", { path });
      expect([path, res.status]).toEqual([path, 404]);
    }
    const listed = SavedOutputsResponse.parse(await api.json(taskUrl("taskSavedOutputs", "t1")));
    expect(listed.items.map((i) => i.name)).not.toContain("t1/files/secret.bin");

    const bad = await content("t1", { path: "0/../x", start: -1 });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { issues: { path: string[] }[] };
    expect(problem.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["start", "path"]));
  });

  it("an operator who may not read the storage keys sees why, and cannot sign a destination", async () => {
    const saved = SavedOutputsResponse.parse(await asReader.json(taskUrl("taskSavedOutputs", "t1")));
    expect(saved.items).toEqual([]);
    expect(saved.destinations[0]).toMatchObject({ access: "none" });
    expect(saved.destinations[0]!.reason).toMatch(/listKeys/);
    const add = await asReader.call(apiUrl("addTask", { account, job: ids.job }), { method: "POST", body: JSON.stringify(task("t-reader")) });
    expect(add.status).toBe(403);
    expect(await add.text()).toMatch(/keys of contosoweu's auto-storage account/);
  });

  it("keeps the outputs readable after the pool is deleted, and never logs a signature", async () => {
    const del = await api.call(apiUrl("deletePool", { account, pool: ids.pool }), { method: "DELETE" });
    expect(del.status).toBe(202);
    await until("the pool to be gone", async () => ((await api.call(apiUrl("pool", { account, pool: ids.pool }))).status === 404 ? true : undefined));
    const after = await content("t1", { path: "0/t1/files/a.txt" });
    expect(after.status).toBe(200);
    expect(await after.text()).toBe("hello saved output");
    // The viewer's other routes serve saved outputs too: whole-file search and a ticket download link.
    const params = { account, job: ids.job, task: "t1" };
    const found = await api.json<{ match?: { offset: number } }>(apiUrl("taskSavedOutputFileSearch", params, { path: "0/t1/files/a.txt", q: "OUTPUT" }));
    expect(found.match?.offset).toBe(12);
    const { url } = await api.json<{ url: string }>(apiUrl("taskSavedOutputFileDownloadTicket", params, { path: "0/t1/files/a.txt" }), { method: "POST" });
    const download = await fetch(`${stack.bffUrl}${url}`);
    expect(download.headers.get("content-disposition")).toMatch(/attachment/);
    expect(await download.text()).toBe("hello saved output");
    expect(stack.logs.join("")).not.toMatch(/sig=/);
  });
});
