/**
 * Resource-file downloads: 100 tasks, each with one 10 MB blob from a SAS container as its resource
 * file, on a pool of 4 nodes (4 slots each) — tasks per second and MB/s from the first add to the
 * last completion — next to the same blobs read straight from the same Azurite with
 * @azure/storage-blob into files at the same parallelism, and the emulator's memory growth meanwhile (it runs
 * in this process; Azurite in its own). Goal (issue 13): memory flat.
 *   pnpm --filter @batch-studio/emulator exec tsx src/batch/task-data/resource-download.bench.ts [BLOBS=100] [MB=10]
 * Prints one JSON line for bench/ and docs/PERFORMANCE.md.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContainerClient, ContainerSASPermissions, StorageSharedKeyCredential } from "@azure/storage-blob";
import { startAzurite } from "../../storage/azurite";
import { storageAccountAccess } from "../../storage/local-storage";
import { PLAIN_VM, startTestAccount, waitFor } from "../testing/account-harness";

const BLOBS = Math.max(4, Math.min(1000, Number(process.argv[2] ?? 100)));
const MB = Math.max(1, Math.min(100, Number(process.argv[3] ?? 10)));
const BYTES = MB * 1_000_000;
const PARALLEL = 16;

const round1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "bs-download-bench-"));
  const azurite = await startAzurite({ location: join(folder, "azurite") });
  const storage = storageAccountAccess(azurite, "contosoweudata");
  const inputs = new ContainerClient(
    `${storage.blobEndpoint}/inputs`,
    new StorageSharedKeyCredential(storage.name, storage.key),
  );
  await inputs.create();
  const body = randomBytes(BYTES);
  const blobName = (i: number) => `in/${String(i).padStart(4, "0")}.bin`;
  for (let i = 0; i < BLOBS; i += PARALLEL)
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, BLOBS - i) }, (_, j) =>
        inputs.getBlockBlobClient(blobName(i + j)).uploadData(body),
      ),
    );
  const sas = await inputs.generateSasUrl({
    permissions: ContainerSASPermissions.parse("rl"),
    expiresOn: new Date(Date.now() + 3600_000),
  });

  // Azurite's own read rate for the same blobs at the same parallelism, written to files as the node does.
  const direct = join(folder, "direct");
  await mkdir(direct);
  const t0 = performance.now();
  for (let i = 0; i < BLOBS; i += PARALLEL)
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, BLOBS - i) }, (_, j) =>
        inputs.getBlobClient(blobName(i + j)).downloadToFile(join(direct, `${i + j}.bin`)),
      ),
    );
  const directSeconds = (performance.now() - t0) / 1000;

  const acct = await startTestAccount({ maxConcurrentTasks: PARALLEL });
  try {
    const { client } = acct;
    await client.pool.add({
      id: "dl",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 4,
      taskSlotsPerNode: 4,
    });
    await waitFor(
      () => client.computeNode.list("dl"),
      (ns) => ns.length === 4 && ns.every((n) => n.state === "idle"),
      30_000,
      "4 idle nodes",
    );
    await client.job.add({ id: "dj", poolInfo: { poolId: "dl" } });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t1 = performance.now();
    for (let b = 0; b < BLOBS; b += 100)
      await client.task.addCollection(
        "dj",
        Array.from({ length: Math.min(100, BLOBS - b) }, (_, i) => {
          const name = blobName(b + i);
          return {
            id: `t${b + i}`,
            commandLine: "/bin/true",
            resourceFiles: [{ storageContainerUrl: sas, blobPrefix: name }],
          };
        }),
      );
    const counts = await waitFor(
      () => client.job.getTaskCounts("dj"),
      (c) => c.taskCounts.completed === BLOBS,
      600_000,
      "all tasks completed",
    );
    const seconds = (performance.now() - t1) / 1000;
    clearInterval(sampler);
    if (counts.taskCounts.succeeded !== BLOBS)
      throw new Error(`only ${counts.taskCounts.succeeded} of ${BLOBS} tasks succeeded`);
    const result = {
      bench: "resource-download",
      blobs: BLOBS,
      blobMB: MB,
      nodes: 4,
      taskSlotsPerNode: 4,
      tasksPerSecond: round1(BLOBS / seconds),
      emulatorMBps: round1((BLOBS * MB) / seconds),
      azuriteDirectMBps: round1((BLOBS * MB) / directSeconds),
      emulatorSeconds: round1(seconds),
      emulatorRssGrowthMiB: Math.round((peak - before) / 1024 / 1024),
    };
    console.log(
      `${BLOBS} × ${MB} MB: ${result.tasksPerSecond} tasks/s, ${result.emulatorMBps} MB/s through the emulator; Azurite direct ${result.azuriteDirectMBps} MB/s; emulator RSS +${result.emulatorRssGrowthMiB} MiB`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await acct.dispose();
    await azurite.close();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
