import { describe, expect, it } from "vitest";
import { initialsOf } from "./InitialsAvatar";

describe("initialsOf", () => {
  it("takes the first and last words' first letters", () => {
    expect(initialsOf("Ada Operator")).toBe("AO");
    expect(initialsOf("grace brewster murray hopper")).toBe("GH");
    expect(initialsOf("Linus")).toBe("L");
  });

  it("leaves out bracketed parts and leading punctuation, and survives empty names", () => {
    expect(initialsOf("Ada Operator (Contoso)")).toBe("AO");
    expect(initialsOf("  'Émile  [ext]  Zola ")).toBe("ÉZ");
    expect(initialsOf("")).toBe("");
  });
});
