import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LevelStore } from "../store/level-store";
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
    const state = new AccountState(store);
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
});
