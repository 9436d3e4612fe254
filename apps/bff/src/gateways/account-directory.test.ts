import { describe, expect, it } from "vitest";
import type { AccountSummary } from "@batch-studio/shared";
import type { Operator } from "../auth/token-verifier";
import { AccountDirectory } from "./account-directory";
import type { ArmGateway } from "./arm-gateway";

const operator = (oid: string): Operator => ({ oid, tenantId: "t1", scopes: ["access_as_user"], assertion: `assertion-of-${oid}` });
const ACCOUNT_ID = "sub~rg~contoso";

/** An ARM stand-in that answers what each user may see, counting the calls. */
const armFor = (who: string, calls: string[]) => () =>
  ({
    getBatchAccount: async (subscriptionId: string, resourceGroup: string, name: string): Promise<AccountSummary> => {
      calls.push(who);
      return { id: `${subscriptionId}~${resourceGroup}~${name}`, name, subscriptionId, resourceGroup, location: "westeurope", endpoint: `${name}.${who}.batch.local`, quotas: {} };
    },
  }) as unknown as ArmGateway;

describe("AccountDirectory.resolve (ARM discovery)", () => {
  it("asks ARM once per user and account within a minute, and again after it", async () => {
    let t = 1_000_000;
    const dir = new AccountDirectory({ accounts: { discovery: "arm" } }, () => t);
    const calls: string[] = [];
    await dir.resolve(operator("alice"), ACCOUNT_ID, armFor("alice", calls));
    await dir.resolve(operator("alice"), ACCOUNT_ID.toUpperCase(), armFor("alice", calls));
    expect(calls).toEqual(["alice"]);
    t += 60_000;
    await dir.resolve(operator("alice"), ACCOUNT_ID, armFor("alice", calls));
    expect(calls).toEqual(["alice", "alice"]);
  });

  it("never answers one user with what another user's ARM call returned", async () => {
    const dir = new AccountDirectory({ accounts: { discovery: "arm" } });
    const calls: string[] = [];
    await dir.resolve(operator("alice"), ACCOUNT_ID, armFor("alice", calls));
    const bobs = await dir.resolve(operator("bob"), ACCOUNT_ID, armFor("bob", calls));
    expect(calls).toEqual(["alice", "bob"]);
    expect(bobs.endpoint).toBe("contoso.bob.batch.local");
  });
});
