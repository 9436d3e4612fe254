import { describe, expect, it } from "vitest";
import { basePoolInput } from "./test-support";
import { validatePoolInput, validateTaskInput } from "./validate-input";

describe("validatePoolInput / validateTaskInput", () => {
  it("returns schema issues for bad JSON and rule issues for good JSON", () => {
    expect(validatePoolInput(42)).toEqual([
      expect.objectContaining({ path: [], code: "schema.invalid_type" }),
    ]);
    expect(validatePoolInput(basePoolInput(), { poolIdTaken: true }).map((i) => i.code)).toEqual([
      "pool.id.taken",
    ]);
    expect(validateTaskInput({ id: "t" }).map((i) => i.code)).toEqual(["task.commandLineRequired"]);
    expect(validateTaskInput(null)[0]?.level).toBe("error");
  });
});
