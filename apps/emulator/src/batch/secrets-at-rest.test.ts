/**
 * Secrets at rest and on the wire, end to end through the real @azure/batch client: nothing the
 * client gave as a secret is in any file under the data folder or in any read; the folder is
 * private; a restarted emulator still opens the registry passwords it kept; deleting the pool and
 * the job takes their sealed secrets out of the store.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AccountState } from "./state/account-state";
import { LevelStore } from "./store/level-store";
import { SecretBox } from "./store/secret-box";
import { CONTAINER_IMAGE, startTestAccount, waitFor, type TestAccount } from "./testing/account-harness";

const accounts: TestAccount[] = [];
afterEach(async () => {
  for (const a of accounts.splice(0)) await a.dispose();
});

const SECRETS = {
  poolRegistry: "pool-registry-pw-7f3a",
  startTaskRegistry: "start-task-registry-pw-91c2",
  taskRegistry: "task-registry-pw-44de",
  jobManagerRegistry: "job-manager-registry-pw-2e8b",
  jobPreparationRegistry: "job-prep-registry-pw-d41a",
  userPassword: "user-account-pw-0b6e",
  sshPrivateKey: "ssh-private-key-5a1f",
  mountKey: "mount-account-key-c3d9",
};

async function filesUnder(dir: string): Promise<{ path: string; isDir: boolean }[]> {
  const out: { path: string; isDir: boolean }[] = [{ path: dir, isDir: true }];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push({ path, isDir: false });
  }
  return out;
}

/** Every file (LevelDB logs and tables included) that holds one of `needles`, as raw bytes. */
async function filesContaining(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const f of await filesUnder(dir)) {
    if (f.isDir) continue;
    // A file of a finishing execution (its pid file) may go between the listing and the read.
    const bytes = await readFile(f.path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return Buffer.alloc(0);
      throw e;
    });
    for (const n of needles) if (bytes.includes(Buffer.from(n))) hits.push(`${f.path}: ${n}`);
  }
  return hits;
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

/** Open the stopped account's store as a restarted emulator would. */
async function openState(dir: string) {
  const store = await LevelStore.open(join(dir, "store"));
  const state = new AccountState(store, await SecretBox.open(join(dir, "secrets.key")));
  await state.load();
  return { store, state };
}

describe("secrets at rest", () => {
  it("keeps no secret in clear text, returns none, and drops them with their pool and job", async () => {
    const acct = await startTestAccount();
    accounts.push(acct);
    const registry = (password: string) => ({ registryServer: "registry.example", userName: "u", password });
    await acct.client.pool.add({
      id: "secret-pool",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {
          containerRegistries: [registry(SECRETS.poolRegistry)],
        },
      },
      userAccounts: [
        {
          name: "admin",
          password: SECRETS.userPassword,
          linuxUserConfiguration: { uid: 1001, gid: 1001, sshPrivateKey: SECRETS.sshPrivateKey },
        },
      ],
      mountConfiguration: [
        {
          azureFileShareConfiguration: {
            accountName: "storage",
            azureFileUrl: "https://storage.file.core.windows.net/share",
            accountKey: SECRETS.mountKey,
            relativeMountPath: "share",
          },
        },
      ],
      startTask: {
        commandLine: "true",
        containerSettings: {
          imageName: "registry.example/start:1",
          registry: registry(SECRETS.startTaskRegistry),
        },
      },
      targetDedicatedNodes: 1,
    });
    const image = (password: string) => ({
      imageName: "registry.example/task:1",
      registry: registry(password),
    });
    await acct.client.job.add({
      id: "secret-job",
      poolInfo: { poolId: "secret-pool" },
      jobManagerTask: {
        id: "secret-jm",
        commandLine: "true",
        killJobOnCompletion: false,
        containerSettings: image(SECRETS.jobManagerRegistry),
      },
      jobPreparationTask: { commandLine: "true", containerSettings: image(SECRETS.jobPreparationRegistry) },
    });
    await acct.client.task.add("secret-job", {
      id: "secret-task",
      commandLine: "true",
      containerSettings: { imageName: "registry.example/task:1", registry: registry(SECRETS.taskRegistry) },
    });
    await waitFor(
      () => acct.client.computeNode.list("secret-pool"),
      (nodes) => nodes.length === 1,
    );

    await waitFor(
      () => acct.client.task.get("secret-job", "secret-task"),
      (task) => task.state === "completed",
    );
    const all = Object.values(SECRETS);
    // (b) No read returns a secret, in the raw JSON the client received.
    const bodies = [
      await acct.client.pool.get("secret-pool"),
      await acct.client.pool.list(),
      await acct.client.job.get("secret-job"),
      await acct.client.job.list(),
      await acct.client.task.get("secret-job", "secret-task"),
      await acct.client.task.list("secret-job"),
      await acct.client.task.get("secret-job", "secret-jm"),
      await acct.client.job.listPreparationAndReleaseTaskStatus("secret-job"),
      await acct.client.computeNode.list("secret-pool"),
    ].map((r) => r._response.bodyAsText);
    const node = (await acct.client.computeNode.list("secret-pool"))[0]!;
    const nodeGet = await acct.client.computeNode.get("secret-pool", node.id!);
    bodies.push(nodeGet._response.bodyAsText);
    expect(nodeGet.startTask?.containerSettings?.registry?.userName).toBe("u");
    for (const body of bodies) for (const secret of all) expect(body).not.toContain(secret);
    const pool = await acct.client.pool.get("secret-pool");
    expect(pool.userAccounts?.[0]).toMatchObject({ name: "admin", linuxUserConfiguration: { uid: 1001 } });
    expect(pool.virtualMachineConfiguration?.containerConfiguration?.containerRegistries?.[0]?.userName).toBe(
      "u",
    );

    // (a) No file under the data folder holds a secret, not even in LevelDB's log.
    expect(await filesContaining(acct.dir, all)).toEqual([]);

    // (c) The data folder is private; the store, its key and endpoints.json (the account key) too.
    expect(await mode(acct.dir)).toBe(0o700);
    expect(await mode(join(acct.dir, "secrets.key"))).toBe(0o600);
    expect(await mode(join(acct.dir, "endpoints.json"))).toBe(0o600);
    for (const f of await filesUnder(join(acct.dir, "store")))
      expect([f.path, await mode(f.path)]).toEqual([f.path, f.isDir ? 0o700 : 0o600]);

    // (d) After a restart the kept registry passwords open again; the unused secrets are gone.
    await acct.handle.close();
    const before = await openState(acct.dir);
    const kept = before.state.pools.get("secret-pool")!.wire;
    expect(kept.virtualMachineConfiguration?.containerConfiguration?.containerRegistries?.[0]?.password).toBe(
      SECRETS.poolRegistry,
    );
    expect(kept.startTask?.containerSettings?.registry?.password).toBe(SECRETS.startTaskRegistry);
    expect(
      before.state.tasksOf("secret-job").get("secret-task")?.wire.containerSettings?.registry?.password,
    ).toBe(SECRETS.taskRegistry);
    const keptJson = JSON.stringify(kept);
    for (const dropped of [SECRETS.userPassword, SECRETS.sshPrivateKey, SECRETS.mountKey])
      expect(keptJson).not.toContain(dropped);
    const sealed = JSON.stringify(await before.store.loadAll()).match(/sealed:v1:[A-Za-z0-9+/=]+/g) ?? [];
    // The pool's registry, its start task, the node's copy of the start task, the task's registry,
    // the job's job manager and preparation tasks, and the job manager task's own record.
    expect(sealed.length).toBe(7);
    await before.store.close();

    // (e) Deleting the pool and the job takes their sealed secrets out of the store.
    await acct.restart();
    await acct.client.job.deleteMethod("secret-job");
    await acct.client.pool.deleteMethod("secret-pool");
    await waitFor(
      async () => (await acct.client.pool.exists("secret-pool")).body,
      (exists) => !exists,
    );
    await waitFor(
      () => acct.client.job.list(),
      (jobs) => jobs.length === 0,
    );
    await acct.handle.close();
    const after = await openState(acct.dir);
    expect(JSON.stringify(await after.store.loadAll())).not.toContain("sealed:v1:");
    await after.store.close();
    // Not in LevelDB's log or tables either: the store compacts when sealed secrets leave it.
    expect(await filesContaining(join(acct.dir, "store"), sealed)).toEqual([]);
  });
});
