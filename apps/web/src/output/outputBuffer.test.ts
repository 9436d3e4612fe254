import { describe, expect, it } from "vitest";
import { OutputBuffer } from "./outputBuffer";

const bytes = (s: string) => new TextEncoder().encode(s);
const texts = (b: OutputBuffer) => b.view().map((l) => l.text);

describe("OutputBuffer", () => {
  it("numbers lines of a window that starts at the file start", () => {
    const b = new OutputBuffer(0, bytes("one\ntwo\nthr"));
    expect(b.view()).toEqual([
      { text: "one", number: 1 },
      { text: "two", number: 2 },
      { text: "thr", number: 3, partial: "end" },
    ]);
    b.append(bytes("ee\n"));
    expect(b.view()).toEqual([
      { text: "one", number: 1 },
      { text: "two", number: 2 },
      { text: "three", number: 3 },
    ]);
    expect(b.end).toBe(14);
  });

  it("marks the first line of a tail window as cut and joins it when earlier bytes arrive", () => {
    const file = "alpha\nbravo\ncharlie\ndelta\n";
    const at = 8; // inside "bravo"
    const b = new OutputBuffer(at, bytes(file.slice(at)));
    expect(b.view()[0]).toEqual({ text: "avo", partial: "start" });
    expect(b.view()[1]).toEqual({ text: "charlie" });
    b.prepend(bytes(file.slice(3, at)));
    expect(texts(b)).toEqual(["ha", "bravo", "charlie", "delta"]);
    b.prepend(bytes(file.slice(0, 3)));
    expect(b.view().map((l) => [l.number, l.text])).toEqual([
      [1, "alpha"],
      [2, "bravo"],
      [3, "charlie"],
      [4, "delta"],
    ]);
    expect(b.start).toBe(0);
  });

  it("reassembles a UTF-8 character split across appended chunks", () => {
    const all = bytes("héllo wörld ✓\n");
    const b = new OutputBuffer(0);
    for (let i = 0; i < all.length; i += 1) b.append(all.subarray(i, i + 1));
    expect(texts(b)).toEqual(["héllo wörld ✓"]);
  });

  it("never shows half a character in the unfinished last line", () => {
    const check = bytes("✓"); // three bytes
    const b = new OutputBuffer(0, check.subarray(0, 2));
    expect(texts(b)).toEqual([]);
    b.append(check.subarray(2));
    expect(texts(b)).toEqual(["✓"]);
  });

  it("reassembles a character split between a prepended range and the loaded window", () => {
    const all = bytes("x\nsnö\nend\n");
    const cut = 5; // between the two bytes of "ö"
    const b = new OutputBuffer(cut, all.subarray(cut));
    b.prepend(all.subarray(0, cut));
    expect(texts(b)).toEqual(["x", "snö", "end"]);
  });

  it("handles a window without any newline, then prepends and appends around it", () => {
    const b = new OutputBuffer(4, bytes("middle"));
    expect(b.view()).toEqual([{ text: "middle", partial: "start" }]);
    b.append(bytes("-end\nnext"));
    expect(texts(b)).toEqual(["middle-end", "next"]);
    b.prepend(bytes("pre-"));
    expect(texts(b)).toEqual(["pre-middle-end", "next"]);
    expect(b.view()[0]!.number).toBe(1);
  });

  it("drops the CR of CRLF line ends", () => {
    expect(texts(new OutputBuffer(0, bytes("a\r\nb\r\n")))).toEqual(["a", "b"]);
  });
});
