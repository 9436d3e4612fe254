import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { DEMO_ACCOUNT, DEMO_JOB, DEMO_POOL, DEMO_POOL_ID, DEMO_TASKS } from "./seed/demo-workload";
import type { LocalBatchAccount } from "./local-azure";

/**
 * Creates the demo workload through the account's own data plane with the real Batch client, on
 * the first start only: a marker in the data folder remembers it, so a demo pool someone deleted
 * stays deleted. Resolves when the work was submitted, not when the tasks finish.
 */
export async function ensureDemoWorkload(
  accounts: LocalBatchAccount[],
  dataDir: string,
): Promise<"created" | "present" | "no-account"> {
  const account = accounts.find((a) => a.name === DEMO_ACCOUNT);
  if (!account) return "no-account";
  const marker = join(dataDir, "demo-workload-created");
  if (existsSync(marker)) return "present";
  const client = new BatchServiceClient(
    new BatchSharedKeyCredentials(account.name, account.key),
    account.url,
  );
  // exists() resolves to the response; `body` is the boolean.
  if (!(await client.pool.exists(DEMO_POOL_ID)).body) {
    await client.pool.add(DEMO_POOL);
    await client.job.add(DEMO_JOB);
    await client.task.addCollection(DEMO_JOB.id, DEMO_TASKS);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return "created";
}
