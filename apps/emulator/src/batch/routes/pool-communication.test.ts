/**
 * targetNodeCommunicationMode and currentNodeCommunicationMode through the real @azure/batch
 * client: default resolves to simplified, a change reaches the nodes only when the pool is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAIN_VM, startTestAccount, waitFor, type TestAccount } from "../testing/account-harness";

describe("node communication mode", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await startTestAccount();
  });
  afterAll(async () => acct?.dispose());

  const pool = (id: string, extra: object = {}) =>
    acct.client.pool.add({ id, vmSize: "standard_d2s_v3", virtualMachineConfiguration: PLAIN_VM, ...extra });

  it("defaults to default, which the nodes use as simplified", async () => {
    await pool("cm-default");
    const p = await acct.client.pool.get("cm-default");
    expect(p.targetNodeCommunicationMode).toBe("default");
    expect(p.currentNodeCommunicationMode).toBe("simplified");
  });

  it("keeps classic, and a changed target reaches the nodes once the pool was empty", async () => {
    await pool("cm-classic", { targetDedicatedNodes: 1, targetNodeCommunicationMode: "classic" });
    await waitFor(
      () => acct.client.computeNode.list("cm-classic"),
      (ns) => ns[0]?.state === "idle",
      20_000,
      "node idle",
    );
    expect((await acct.client.pool.get("cm-classic")).currentNodeCommunicationMode).toBe("classic");

    await acct.client.pool.patch("cm-classic", { targetNodeCommunicationMode: "simplified" });
    let p = await acct.client.pool.get("cm-classic");
    expect(p.targetNodeCommunicationMode).toBe("simplified");
    expect(p.currentNodeCommunicationMode).toBe("classic");

    await acct.client.pool.resize("cm-classic", { targetDedicatedNodes: 0 });
    await waitFor(
      () => acct.client.computeNode.list("cm-classic"),
      (ns) => ns.length === 0,
      20_000,
      "pool empty",
    );
    await waitFor(
      () => acct.client.pool.get("cm-classic"),
      (x) => x.allocationState === "steady",
      20_000,
      "steady",
    );
    await acct.client.pool.resize("cm-classic", { targetDedicatedNodes: 1 });
    p = await acct.client.pool.get("cm-classic");
    expect(p.currentNodeCommunicationMode).toBe("simplified");
  });

  it("updateproperties without a mode sets default; an empty pool follows at once", async () => {
    await pool("cm-update", { targetNodeCommunicationMode: "classic" });
    await acct.client.pool.updateProperties("cm-update", {
      certificateReferences: [],
      applicationPackageReferences: [],
      metadata: [],
    });
    let p = await acct.client.pool.get("cm-update");
    expect(p.targetNodeCommunicationMode).toBe("default");
    expect(p.currentNodeCommunicationMode).toBe("simplified");
    await acct.client.pool.patch("cm-update", { targetNodeCommunicationMode: "classic" });
    p = await acct.client.pool.get("cm-update");
    expect(p.currentNodeCommunicationMode).toBe("classic");
  });

  // The SDK refuses an unknown value before sending, so these go as raw (still signed) requests.
  const raw = (method: "POST" | "PATCH", path: string, body: object) =>
    acct.client.sendRequest({
      method,
      url: `${acct.handle.url}${path}?api-version=2022-10-01.16.0`,
      body,
      headers: { "content-type": "application/json; odata=minimalmetadata; charset=utf-8" },
    });

  it("refuses an unknown mode with 400 InvalidPropertyValue", async () => {
    const add = await raw("POST", "/pools", {
      id: "cm-bad",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      targetNodeCommunicationMode: "direct",
    });
    expect(add.status).toBe(400);
    expect(add.parsedBody).toMatchObject({
      code: "InvalidPropertyValue",
      values: expect.arrayContaining([{ key: "PropertyName", value: "targetNodeCommunicationMode" }]),
    });
    await pool("cm-ok");
    const patch = await raw("PATCH", "/pools/cm-ok", { targetNodeCommunicationMode: "direct" });
    expect(patch.status).toBe(400);
    expect(patch.parsedBody).toMatchObject({ code: "InvalidPropertyValue" });
  });
});
