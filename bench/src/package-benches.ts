/**
 * The benchmarks that live next to the code they measure (emulator, BFF). Each prints one JSON line
 * as its last JSON output; `package-bench.ts` runs one, and writes that line to its own section of
 * docs/PERFORMANCE.md with the goal it is measured against.
 */
export interface PackageBench {
  /** Section name in docs/PERFORMANCE.md and the `bench:<name>` script. */
  name: string;
  title: string;
  /** pnpm --filter target and the file run with tsx inside it. */
  pkg: string;
  file: string;
  goal: string;
  /** Environment the benchmark needs, e.g. the container lab. */
  needs?: string;
}

export const PACKAGE_BENCHES: PackageBench[] = [
  {
    name: "task-list",
    title: "Emulator: first page of a 100,000-task job",
    pkg: "@batch-studio/emulator",
    file: "src/batch/task-list.bench.ts",
    goal: "first page (maxresults 1000) ≤ 50 ms",
  },
  {
    name: "task-throughput",
    title: "Emulator: tasks per second through the process runtime (one pool of 4 nodes, trivial tasks)",
    pkg: "@batch-studio/emulator",
    file: "src/batch/task-throughput.bench.ts",
    goal: "≥ 200 tasks/s",
  },
  {
    name: "node-scale",
    title: "Emulator: a 1,000-node pool",
    pkg: "@batch-studio/emulator",
    file: "src/batch/node-scale.bench.ts",
    goal: "all nodes idle, listed and deleted without stalling the account",
  },
  {
    name: "container-overhead",
    title: "Emulator: container task overhead against a direct `docker run` of the same image",
    pkg: "@batch-studio/emulator",
    file: "src/batch/runtime/docker/overhead.bench.ts",
    goal: "≤ 1.3x the direct `docker run` median",
    needs: "the container lab (`eval \"$(bash scripts/container-lab.sh up)\"`)",
  },
  {
    name: "bff-overhead",
    title: "BFF: overhead on a read against a direct emulator call, and requests per second",
    pkg: "@batch-studio/bff",
    file: "src/overhead.bench.ts",
    goal: "p50 ≤ 1.15x the direct call; ≥ 1,500 requests/s on a read route",
  },
  {
    name: "follow-latency",
    title: "BFF: follow-stream latency from a write to stdout.txt to the event",
    pkg: "@batch-studio/bff",
    file: "src/follow.bench.ts",
    goal: "≤ 1.5 s",
  },
  {
    name: "output-upload",
    title: "Emulator: a 1 GiB output file uploaded to Azurite, against Azurite's own put rate in the same run",
    pkg: "@batch-studio/emulator",
    file: "src/batch/task-data/output-upload.bench.ts",
    goal: "≥ 80% of Azurite's own put rate (ratio ≥ 0.8); the emulator's memory flat (growth independent of the file size)",
  },
  {
    name: "resource-download",
    title: "Emulator: resource files, 100 tasks each downloading one 10 MB blob from Azurite (4 nodes × 4 slots)",
    pkg: "@batch-studio/emulator",
    file: "src/batch/task-data/resource-download.bench.ts",
    goal: "the emulator's memory flat (growth independent of the bytes downloaded); azuriteDirectMBps is the same blobs read into files with @azure/storage-blob at the same parallelism",
  },
  {
    name: "sweep",
    title: "BFF: a 1,000-task sweep (10 addTasks requests of 100, each checked by the shared rules) against @azure/batch's addCollection straight to the emulator",
    pkg: "@batch-studio/bff",
    file: "src/sweep.bench.ts",
    goal: "1,000 tasks in ≤ 5 s through the BFF",
  },
  {
    name: "download-memory",
    title: "BFF: memory while streaming a large download (BENCH_DOWNLOAD_MIB, default 1024)",
    pkg: "@batch-studio/bff",
    file: "src/download.bench.ts",
    goal: "flat: memory growth independent of the file size",
  },
];
