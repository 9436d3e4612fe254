import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PoolRecord } from "../model/types";
import { LevelStore } from "../store/level-store";
import { SecretBox } from "../store/secret-box";
import { AccountState } from "./account-state";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const task = (jobKey: string, id: string, seq: number, state: string, result?: string) => ({
  seq,
  jobKey,
  wire: { id, state, requiredSlots: 1, executionInfo: { retryCount: 0, requeueCount: 0, result } },
});

describe("AccountState.load", () => {
  it("rebuilds indexes and counts, and drops records whose pool or job is gone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "state-"));
    dirs.push(dir);
    const store = await LevelStore.open(dir);
    await store.commit([
      ["j/job", { seq: 1, wire: { id: "Job" } }],
      ["t/job/a", task("job", "a", 2, "completed", "success")],
      ["t/job/b", task("job", "b", 3, "active")],
      ["t/gone/c", task("gone", "c", 4, "active")],
      ["n/nopool/tvmps_x_d", { seq: 5, poolKey: "nopool", wire: { id: "tvmps_x_d" } }],
    ]);
    dirs.push(`${dir}.key`);
    const state = new AccountState(store, await SecretBox.open(`${dir}.key`));
    await state.load();
    expect(state.jobs.get("JOB")?.wire.id).toBe("Job");
    expect(state.tasksOf("job").size).toBe(2);
    expect(state.countsOf("job").tasks).toEqual({
      active: 1,
      running: 0,
      completed: 1,
      succeeded: 1,
      failed: 0,
    });
    expect(state.tasksOf("gone").size).toBe(0);
    expect(state.nodesOf("nopool").size).toBe(0);
    expect(state.nextSeq()).toBe(6);
    await store.close();
    const reopened = await LevelStore.open(dir);
    expect((await reopened.loadAll()).map(([k]) => k)).toEqual(["j/job", "t/job/a", "t/job/b"]);
    await reopened.close();
  });

  it("seals kept secrets in the store, opens them again after a restart, and reseals clear text an older store holds", async () => {
    const dir = await mkdtemp(join(tmpdir(), "state-"));
    dirs.push(dir);
    const keyFile = join(dir, "secrets.key");
    const registries = (password: string) => [{ registryServer: "r.io", username: "u", password }];
    const pool = (id: string, password: string) => ({
      seq: 1,
      wire: {
        id,
        virtualMachineConfiguration: {
          containerConfiguration: { containerRegistries: registries(password) },
        },
      },
    });
    const store = await LevelStore.open(join(dir, "store"));
    // As an older emulator wrote it: the password in clear text.
    await store.commit([["p/old", pool("old", "old-pw")]]);
    const state = new AccountState(store, await SecretBox.open(keyFile));
    await state.load();
    const fresh = pool("new", "new-pw") as unknown as PoolRecord;
    state.pools.add("new", fresh);
    await state.commit([[state.key("pool", fresh), fresh]]);
    const inMemory = state.pools.get("new")!.wire.virtualMachineConfiguration?.containerConfiguration;
    expect(inMemory?.containerRegistries?.[0]?.password).toBe("new-pw");
    await store.close();

    const reopened = await LevelStore.open(join(dir, "store"));
    const raw = JSON.stringify(await reopened.loadAll());
    expect(raw).not.toContain("old-pw");
    expect(raw).not.toContain("new-pw");
    expect(raw.match(/sealed:v1:/g)).toHaveLength(2);
    const restarted = new AccountState(reopened, await SecretBox.open(keyFile));
    await restarted.load();
    for (const [id, password] of [
      ["old", "old-pw"],
      ["new", "new-pw"],
    ] as const)
      expect(
        restarted.pools.get(id)?.wire.virtualMachineConfiguration?.containerConfiguration
          ?.containerRegistries?.[0]?.password,
      ).toBe(password);
    await reopened.close();
  });
});
