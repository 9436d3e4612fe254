/**
 * Inbound NAT pools through the real @azure/batch client: each node gets one inbound endpoint per
 * NAT pool (`<natpool>.<index>`, frontend port rangeStart + index), and bad NAT pools get 400s.
 */
import type { BatchServiceModels } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAIN_VM, failure, startTestAccount, waitFor, type TestAccount } from "../testing/account-harness";

type NatPool = BatchServiceModels.InboundNATPool;

const SSH: NatPool = {
  name: "ssh",
  protocol: "tcp",
  backendPort: 2222,
  frontendPortRangeStart: 15000,
  frontendPortRangeEnd: 15099,
  networkSecurityGroupRules: [{ priority: 150, access: "allow", sourceAddressPrefix: "10.0.0.0/8" }],
};
const GAME: NatPool = {
  name: "game_udp",
  protocol: "udp",
  backendPort: 7777,
  frontendPortRangeStart: 20000,
  frontendPortRangeEnd: 20039,
};

describe("inbound NAT pools", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await startTestAccount();
  });
  afterAll(async () => acct?.dispose());

  const pool = (id: string, inboundNATPools: NatPool[], extra: object = {}) =>
    acct.client.pool.add({
      id,
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      networkConfiguration: { endpointConfiguration: { inboundNATPools }, ...extra },
      targetDedicatedNodes: 0,
    });

  const idleNodes = (id: string, n: number) =>
    waitFor(
      () => acct.client.computeNode.list(id),
      (ns) => ns.length === n && ns.every((x) => x.state === "idle"),
      20_000,
      `${n} idle nodes`,
    );

  it("gives every node one endpoint per NAT pool, reusing a freed index", async () => {
    await pool("nat", [SSH, GAME]);
    expect((await acct.client.pool.get("nat")).networkConfiguration?.endpointConfiguration).toEqual({
      inboundNATPools: [SSH, GAME],
    });
    await acct.client.pool.resize("nat", { targetDedicatedNodes: 3 });
    const nodes = await idleNodes("nat", 3);
    const byIndex = new Map<number, (typeof nodes)[number]>();
    for (const node of nodes) {
      const eps = node.endpointConfiguration!.inboundEndpoints;
      expect(eps).toHaveLength(2);
      const index = Number(eps[0]!.name.split(".")[1]);
      byIndex.set(index, node);
      expect(eps).toEqual([
        expect.objectContaining({
          name: `ssh.${index}`,
          protocol: "tcp",
          frontendPort: 15000 + index,
          backendPort: 2222,
        }),
        expect.objectContaining({
          name: `game_udp.${index}`,
          protocol: "udp",
          frontendPort: 20000 + index,
          backendPort: 7777,
        }),
      ]);
      expect(eps[0]!.publicIPAddress).toMatch(/^203\.0\.113\.\d+$/);
      expect(eps[0]!.publicFQDN).toMatch(/\.westeurope\.cloudapp\.emulator\.invalid$/);
    }
    expect([...byIndex.keys()].sort()).toEqual([0, 1, 2]);

    // The node holding index 1 leaves; the next node to join takes index 1 again.
    const leaving = byIndex.get(1)!.id!;
    await acct.client.pool.removeNodes("nat", { nodeList: [leaving] });
    await idleNodes("nat", 2);
    await waitFor(
      () => acct.client.pool.get("nat"),
      (p) => p.allocationState === "steady",
      20_000,
      "steady",
    );
    await acct.client.pool.resize("nat", { targetDedicatedNodes: 3 });
    const after = await idleNodes("nat", 3);
    const newcomer = after.find((n) => !nodes.some((o) => o.id === n.id))!;
    expect(newcomer.endpointConfiguration!.inboundEndpoints.map((e) => [e.name, e.frontendPort])).toEqual([
      ["ssh.1", 15001],
      ["game_udp.1", 20001],
    ]);
  });

  it("leaves nodes of a pool without NAT pools without endpoints", async () => {
    await acct.client.pool.add({
      id: "plain",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 1,
    });
    const [node] = await idleNodes("plain", 1);
    expect(node!.endpointConfiguration).toBeUndefined();
  });

  it.each<[string, NatPool[], string, object?]>([
    ["a reserved backend port", [{ ...SSH, backendPort: 22 }], "backendPort"],
    ["the agent's port", [{ ...SSH, backendPort: 29877 }], "backendPort"],
    [
      "a reserved frontend port",
      [{ ...SSH, frontendPortRangeStart: 50000, frontendPortRangeEnd: 50100 }],
      "frontendPortRangeStart",
    ],
    [
      "a range spanning the reserved ports",
      [{ ...SSH, frontendPortRangeStart: 49000, frontendPortRangeEnd: 56000 }],
      "frontendPortRangeEnd",
    ],
    ["a range under 40 ports", [{ ...SSH, frontendPortRangeEnd: 15038 }], "frontendPortRangeEnd"],
    [
      "overlapping ranges",
      [SSH, { ...GAME, frontendPortRangeStart: 15050, frontendPortRangeEnd: 15200 }],
      "frontendPortRangeStart",
    ],
    ["a duplicate backend port", [SSH, { ...GAME, backendPort: 2222 }], "backendPort"],
    ["a name ending in a period", [{ ...SSH, name: "ssh." }], "name"],
    ["a name of 78 characters", [{ ...SSH, name: "a".repeat(78) }], "name"],
    ["a duplicate name", [SSH, { ...GAME, name: "SSH" }], "name"],
    [
      "six NAT pools",
      Array.from({ length: 6 }, (_, i) => ({
        ...GAME,
        name: `n${i}`,
        backendPort: 7000 + i,
        frontendPortRangeStart: 1000 + 100 * i,
        frontendPortRangeEnd: 1099 + 100 * i,
      })),
      "inboundNATPools",
    ],
    [
      "a rule priority below 150",
      [{ ...SSH, networkSecurityGroupRules: [{ priority: 100, access: "allow", sourceAddressPrefix: "*" }] }],
      "priority",
    ],
    [
      "a bad source prefix",
      [
        {
          ...SSH,
          networkSecurityGroupRules: [{ priority: 200, access: "deny", sourceAddressPrefix: "10.0.0.300/8" }],
        },
      ],
      "sourceAddressPrefix",
    ],
    [
      "no public IP addresses",
      [SSH],
      "inboundNATPools",
      { publicIPAddressConfiguration: { provision: "noPublicIPAddresses" } },
    ],
  ])("refuses %s with 400 InvalidPropertyValue", async (_what, natPools, property, extra) => {
    const e = await failure(pool(`bad-${property}`, natPools, extra));
    expect(e).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(e.body?.values).toContainEqual({ key: "PropertyName", value: property });
  });
});
