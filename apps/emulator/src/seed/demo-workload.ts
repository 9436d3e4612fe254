/**
 * The demo workload created through the data plane on first start: a small pool with a finished
 * job whose tasks wrote real, colourful output (ANSI escapes), and one task that failed, so the
 * task list, the output viewer and failure details have something to show. Plain host commands
 * (no container image), so it needs neither a registry nor the internet.
 */
export const DEMO_ACCOUNT = "contosoweu";
export const DEMO_POOL_ID = "demo-pool";
export const DEMO_JOB_ID = "demo-nightly-report";

export const DEMO_POOL = {
  id: DEMO_POOL_ID,
  displayName: "Demo pool (seeded)",
  vmSize: "standard_d2s_v3",
  virtualMachineConfiguration: {
    imageReference: {
      publisher: "canonical",
      offer: "0001-com-ubuntu-server-jammy",
      sku: "22_04-lts",
      version: "latest",
    },
    nodeAgentSKUId: "batch.node.ubuntu 22.04",
  },
  targetDedicatedNodes: 2,
  taskSlotsPerNode: 2,
  resizeTimeout: "PT15M",
};

export const DEMO_JOB = {
  id: DEMO_JOB_ID,
  displayName: "Nightly report (seeded demo)",
  poolInfo: { poolId: DEMO_POOL_ID },
  onAllTasksComplete: "terminatejob" as const,
};

const ESC = "\\033";
const green = (s: string) => `${ESC}[32m${s}${ESC}[0m`;
const yellow = (s: string) => `${ESC}[33m${s}${ESC}[0m`;
const red = (s: string) => `${ESC}[1;31m${s}${ESC}[0m`;
const bold = (s: string) => `${ESC}[1;34m${s}${ESC}[0m`;

/** `/bin/sh -c "<script>"`: Batch splits the command line into argv; sh's printf expands the escapes. */
const sh = (script: string) => `/bin/sh -c "${script.replace(/"/g, '\\"')}"`;

export const DEMO_TASKS = [
  {
    id: "fetch-inputs",
    displayName: "Fetch inputs",
    commandLine: sh(
      `printf '${bold("==> Fetching 4 input files")}\\n'; for f in sales.csv stock.csv returns.csv regions.csv; do printf '  ${green("✔")} %s\\n' $f; done; printf '${yellow("warning:")} returns.csv has 2 empty rows\\n'`,
    ),
  },
  {
    id: "render-charts",
    displayName: "Render charts",
    commandLine: sh(
      `printf '${bold("==> Rendering charts")}\\n'; i=1; while [ $i -le 8 ]; do printf '  [%s/8] chart-%02d.svg ${green("done")}\\n' $i $i; i=$((i+1)); done; printf '${green("PASS")} 8 charts written to %s\\n' "$AZ_BATCH_TASK_WORKING_DIR"`,
    ),
  },
  {
    id: "summarize",
    displayName: "Summarize",
    commandLine: sh(
      `printf '${bold("Summary")}\\n  rows: 12840\\n  regions: 4\\n  ${green("status: ok")}\\n'`,
    ),
  },
  {
    id: "validate-totals",
    displayName: "Validate totals (fails on purpose)",
    commandLine: sh(
      `printf 'checking totals...\\n'; printf '${red("error:")} totals differ by 42.17 EUR in region north\\n' >&2; exit 3`,
    ),
  },
];
