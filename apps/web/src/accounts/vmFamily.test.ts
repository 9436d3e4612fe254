import { describe, expect, it } from "vitest";
import { familyLabel } from "./vmFamily";

describe("familyLabel", () => {
  it("shortens family names the way people say them", () => {
    expect(familyLabel("standardDSv3Family")).toBe("DSv3");
    expect(familyLabel("standardNCASv3_T4Family")).toBe("NCASv3_T4");
    expect(familyLabel("basicAFamily")).toBe("basicAFamily");
  });
});
