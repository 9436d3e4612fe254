import { describe, expect, it } from "vitest";
import { toFollowChunk } from "./follow-chunk";

describe("toFollowChunk", () => {
  it("sends plain text as utf8 with its byte length", () => {
    expect(toFollowChunk(10, Buffer.from("héllo\n"), true)).toEqual({ offset: 10, length: 7, encoding: "utf8", data: "héllo\n" });
  });

  it("holds back a character cut at the end of the read", () => {
    const bytes = Buffer.from("ab€"); // € is 3 bytes
    const cut = bytes.subarray(0, 4); // "ab" + first byte of €
    expect(toFollowChunk(0, cut, true)).toEqual({ offset: 0, length: 2, encoding: "utf8", data: "ab" });
  });

  it("sends binary (or a cut character at the very end) as base64, byte-exact", () => {
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x41]);
    expect(toFollowChunk(5, binary, true)).toEqual({ offset: 5, length: 4, encoding: "base64", data: binary.toString("base64") });
    const cut = Buffer.from("a€").subarray(0, 2);
    expect(toFollowChunk(0, cut, false).encoding).toBe("base64");
  });
});
