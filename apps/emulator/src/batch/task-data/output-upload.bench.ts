/**
 * A 1 GiB output file uploaded through the emulator (a task's outputFiles, after its process exits)
 * against Azurite's own put rate in the same run: the same file put straight into the same Azurite
 * with @azure/storage-blob and the same block size and parallelism. The emulator's upload time is
 * from the moment the task's process finished (it writes the time as its last act) to the task's
 * endTime. The emulator's memory is sampled while it uploads (it runs in this process; Azurite in
 * its own). Goal (issue 13): ≥ 80% of Azurite's rate, memory flat.
 *   pnpm --filter @batch-studio/emulator exec tsx src/batch/task-data/output-upload.bench.ts [MIB=1024] [ROUNDS=2]
 * Prints one JSON line for bench/ and docs/PERFORMANCE.md.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { ContainerClient, ContainerSASPermissions, StorageSharedKeyCredential } from "@azure/storage-blob";
import { startAzurite } from "../../storage/azurite";
import { storageAccountAccess } from "../../storage/local-storage";
import { PLAIN_VM, startTestAccount, streamText, waitFor } from "../testing/account-harness";

const MIB = Math.max(16, Math.min(4096, Number(process.argv[2] ?? 1024)));
const ROUNDS = Math.max(1, Math.min(5, Number(process.argv[3] ?? 2)));
const BYTES = MIB * 1024 * 1024;
/** As output-files.ts uploads. */
const BLOCK_BYTES = 8 * 1024 * 1024;
const PARALLEL_BLOCKS = 4;

const mbps = (bytes: number, ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function writeSource(path: string): Promise<void> {
  const chunk = randomBytes(4 * 1024 * 1024);
  const f = await open(path, "w");
  try {
    for (let written = 0; written < BYTES; written += chunk.length)
      await f.write(chunk, 0, Math.min(chunk.length, BYTES - written));
  } finally {
    await f.close();
  }
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "bs-upload-bench-"));
  const azurite = await startAzurite({ location: join(folder, "azurite") });
  const storage = storageAccountAccess(azurite, "contosoweudata");
  const results = new ContainerClient(
    `${storage.blobEndpoint}/results`,
    new StorageSharedKeyCredential(storage.name, storage.key),
  );
  await results.create();
  const source = join(folder, "source.bin");
  await writeSource(source);
  const acct = await startTestAccount({ autoStorage: storage });
  try {
    const { client } = acct;
    await client.pool.add({
      id: "up",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 1,
    });
    await waitFor(
      () => client.computeNode.list("up"),
      (ns) => ns[0]?.state === "idle",
      30_000,
      "node idle",
    );
    await client.job.add({ id: "uj", poolInfo: { poolId: "up" } });
    const sas = await results.generateSasUrl({
      permissions: ContainerSASPermissions.parse("cw"),
      expiresOn: new Date(Date.now() + 3600_000),
    });

    const direct: number[] = [];
    const emulator: number[] = [];
    let rssGrowthMiB = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Azurite's own rate: the same bytes, the same client settings, no emulator.
      const t0 = performance.now();
      await results
        .getBlockBlobClient(`direct-${round}.bin`)
        .uploadStream(createReadStream(source), BLOCK_BYTES, PARALLEL_BLOCKS);
      direct.push(performance.now() - t0);

      const id = `t${round}`;
      await client.task.add("uj", {
        id,
        commandLine: `/bin/sh -c 'cp ${source} big.bin && date +%s%3N > exited.txt'`,
        outputFiles: [
          {
            filePattern: "big.bin",
            destination: { container: { containerUrl: sas, path: `emulator-${round}.bin` } },
            uploadOptions: { uploadCondition: "tasksuccess" },
          },
        ],
      });
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const task = await waitFor(
        () => client.task.get("uj", id),
        (t) => t.state === "completed",
        600_000,
        `${id} completed`,
      );
      clearInterval(sampler);
      rssGrowthMiB = Math.max(rssGrowthMiB, (peak - before) / 1024 / 1024);
      if (task.executionInfo?.result !== "success")
        throw new Error(`upload task failed: ${JSON.stringify(task.executionInfo)}`);
      const exited = Number(
        (
          await streamText((await client.file.getFromTask("uj", id, "wd/exited.txt")).readableStreamBody)
        ).trim(),
      );
      emulator.push(task.executionInfo.endTime!.getTime() - exited);
      const props = await results.getBlobClient(`emulator-${round}.bin`).getProperties();
      if (props.contentLength !== BYTES)
        throw new Error(`uploaded ${props.contentLength} bytes, expected ${BYTES}`);
    }
    const directMBps = mbps(BYTES, median(direct));
    const emulatorMBps = mbps(BYTES, median(emulator));
    const result = {
      bench: "output-upload",
      fileMiB: MIB,
      rounds: ROUNDS,
      azuriteDirectMBps: directMBps,
      emulatorOutputFileMBps: emulatorMBps,
      ratio: Math.round((emulatorMBps / directMBps) * 100) / 100,
      emulatorSeconds: Math.round(median(emulator) / 100) / 10,
      directSeconds: Math.round(median(direct) / 100) / 10,
      emulatorRssGrowthMiB: Math.round(rssGrowthMiB),
      blockMiB: BLOCK_BYTES / 1024 / 1024,
      parallelBlocks: PARALLEL_BLOCKS,
    };
    console.log(
      `${MIB} MiB: Azurite direct ${directMBps} MB/s, through the emulator ${emulatorMBps} MB/s (${result.ratio}x); emulator RSS +${result.emulatorRssGrowthMiB} MiB`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await acct.dispose();
    await azurite.close();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
