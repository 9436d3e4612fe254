import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LevelStore } from "./level-store";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe("LevelStore", () => {
  it("keeps committed and staged writes across a reopen, in order", async () => {
    const dir = await mkdtemp(join(tmpdir(), "store-"));
    dirs.push(dir);
    const a = await LevelStore.open(dir);
    await a.commit([
      ["p/one", { n: 1 }],
      ["p/two", { n: 2 }],
    ]);
    a.stage("p/one", { n: 3 });
    a.stage("p/two", undefined);
    await a.commit([["p/three", { n: 4 }]]);
    await a.close();
    const b = await LevelStore.open(dir);
    expect(await b.loadAll()).toEqual([
      ["p/one", { n: 3 }],
      ["p/three", { n: 4 }],
    ]);
    await b.close();
  });
});
