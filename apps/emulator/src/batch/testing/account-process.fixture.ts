/**
 * Runs one test account in its own process (for the kill -9 restart test): data folder from
 * BATCH_FIXTURE_DIR, prints "READY <url>" once listening, runs until killed.
 */
import { startBatchAccount } from "../index";
import { FAST, SUPPORTED_IMAGES, TEST_ACCOUNT, TEST_KEY } from "./account-harness";

const dataDir = process.env.BATCH_FIXTURE_DIR;
if (!dataDir) throw new Error("BATCH_FIXTURE_DIR is required");
const handle = await startBatchAccount({
  name: TEST_ACCOUNT,
  key: TEST_KEY,
  region: "westeurope",
  dataDir,
  supportedImages: SUPPORTED_IMAGES,
  timeScale: FAST,
  maxConcurrentTasks: 4,
});
process.stdout.write(`READY ${handle.url}\n`);
process.on("SIGTERM", () => void handle.close().then(() => process.exit(0)));
