/**
 * Test support: start an account on a random port in a temp folder, build real @azure/batch
 * clients for it, and poll until a condition holds (bounded, so a broken emulator fails fast).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { startBatchAccount, type BatchAccountHandle, type BatchAccountOptions } from "../index";

export const TEST_ACCOUNT = "testacct";
export const TEST_KEY = Buffer.from("batch-studio-emulator-test-key-0123456789").toString("base64");
export const FAST = { nodeAllocateMs: 20, nodeBootMs: 20, stepMs: 20 };

export const CONTAINER_IMAGE = {
  imageReference: {
    publisher: "microsoft-azure-batch",
    offer: "ubuntu-server-container",
    sku: "20-04-lts",
    version: "latest",
  },
  nodeAgentSKUId: "batch.node.ubuntu 20.04",
};

export const SUPPORTED_IMAGES = [
  { ...CONTAINER_IMAGE, osType: "linux", capabilities: ["DockerCompatible"], verificationType: "verified" },
  {
    imageReference: {
      publisher: "canonical",
      offer: "0001-com-ubuntu-server-jammy",
      sku: "22_04-lts",
      version: "latest",
    },
    nodeAgentSKUId: "batch.node.ubuntu 22.04",
    osType: "linux",
    capabilities: [],
    verificationType: "verified",
  },
];

export const PLAIN_VM = {
  imageReference: SUPPORTED_IMAGES[1]!.imageReference,
  nodeAgentSKUId: "batch.node.ubuntu 22.04",
};

export interface TestAccount {
  handle: BatchAccountHandle;
  dir: string;
  client: BatchServiceClient;
  restart(overrides?: Partial<BatchAccountOptions>): Promise<void>;
  dispose(): Promise<void>;
}

export async function startTestAccount(
  overrides: Partial<BatchAccountOptions> = {},
  existingDir?: string,
): Promise<TestAccount> {
  const dir = existingDir ?? (await mkdtemp(join(tmpdir(), "batch-emu-")));
  const options = (extra: Partial<BatchAccountOptions>): BatchAccountOptions => ({
    name: TEST_ACCOUNT,
    key: TEST_KEY,
    region: "westeurope",
    dataDir: dir,
    supportedImages: SUPPORTED_IMAGES,
    timeScale: FAST,
    maxConcurrentTasks: 8,
    ...overrides,
    ...extra,
  });
  const account: TestAccount = {
    handle: await startBatchAccount(options({})),
    dir,
    client: undefined as unknown as BatchServiceClient,
    async restart(extra = {}) {
      await account.handle.close();
      account.handle = await startBatchAccount(options(extra));
      account.client = sharedKeyClient(account.handle.url);
    },
    async dispose() {
      await account.handle.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  account.client = sharedKeyClient(account.handle.url);
  return account;
}

export const sharedKeyClient = (url: string, key = TEST_KEY) =>
  new BatchServiceClient(new BatchSharedKeyCredentials(TEST_ACCOUNT, key), url);

/** Poll `read` until `done` holds; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 20_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

/** The error a client call rejects with (fails the test when it resolves). */
export async function failure(
  p: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; body?: { values?: { key: string; value: string }[] } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error("expected the call to fail");
}

export async function streamText(body: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!body) return "";
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
