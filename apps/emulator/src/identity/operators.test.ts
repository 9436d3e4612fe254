import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OperatorDirectory, SEEDED_OPERATORS, operatorForTypedName, stableGuid } from "./operators";

describe("operators", () => {
  it("derives stable, distinct, GUID-shaped oids", () => {
    expect(stableGuid("t", "a")).toBe(stableGuid("t", "a"));
    expect(stableGuid("t", "a")).not.toBe(stableGuid("t", "b"));
    expect(stableGuid("t", "a")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(new Set(SEEDED_OPERATORS.map((o) => o.oid)).size).toBe(SEEDED_OPERATORS.length);
  });

  it("maps typed names: seeded by name or e-mail, new names to a local address", () => {
    expect(operatorForTypedName("  grace hopper ")).toBe(SEEDED_OPERATORS[1]);
    expect(operatorForTypedName("ADA@contoso.example")).toBe(SEEDED_OPERATORS[0]);
    expect(operatorForTypedName("Jane   Doe")).toMatchObject({
      name: "Jane Doe",
      username: "jane.doe@contoso.example",
    });
    expect(operatorForTypedName("j.smith@fabrikam.example")).toMatchObject({
      name: "j smith",
      username: "j.smith@fabrikam.example",
    });
    expect(operatorForTypedName("   ")).toBeUndefined();
    expect(operatorForTypedName("!!!")).toBeUndefined();
  });

  it("remembers typed operators in the data folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "bs-ops-"));
    try {
      const jane = operatorForTypedName("Jane Doe")!;
      new OperatorDirectory(join(dir, "operators.json")).remember(jane);
      expect(new OperatorDirectory(join(dir, "operators.json")).get(jane.oid)).toEqual(jane);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
