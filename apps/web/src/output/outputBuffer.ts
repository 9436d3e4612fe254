/**
 * The loaded part of a task output file: byte window [start, end) split into lines. Lines are cut
 * at the newline BYTE (0x0A never occurs inside a multi-byte UTF-8 character), so a character
 * split across two ranges is reassembled before it is decoded. A window that starts mid-file
 * begins with a partial line (`head`); the text after the last newline is the unfinished `tail`
 * line, completed when more bytes are appended (follow) and re-joined when earlier bytes are
 * prepended ("load earlier").
 */
const NL = 0x0a;

export interface OutputLine {
  text: string;
  /** 1-based line number in the file, when the window reaches the file's start. */
  number?: number;
  /** Cut at the window's start or end: more of this line exists outside what is loaded. */
  partial?: "start" | "end";
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};

const decode = (bytes: Uint8Array): string => new TextDecoder("utf-8").decode(bytes).replace(/\r$/, "");

export class OutputBuffer {
  /** Byte offset of the first loaded byte. */
  start: number;
  /** Byte offset just after the last loaded byte. */
  end: number;
  /** Complete lines after the head, in order. */
  private lines: string[] = [];
  /** Bytes before the first newline when start > 0 (a line cut by the window). */
  private head: Uint8Array = new Uint8Array(0);
  /** True once the head's newline has been seen (or when start = 0, where there is no head). */
  private headClosed: boolean;
  /** Bytes after the last newline: the line still being written. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(start: number, bytes: Uint8Array = new Uint8Array(0)) {
    this.start = start;
    this.end = start;
    this.headClosed = start === 0;
    this.append(bytes);
  }

  get atFileStart(): boolean {
    return this.start === 0;
  }

  get lineCount(): number {
    return this.view().length;
  }

  /** Adds bytes that follow `end` (the next range, or a stream chunk). */
  append(bytes: Uint8Array): void {
    this.end += bytes.length;
    const combined = concat(this.tail, bytes);
    const lastNl = combined.lastIndexOf(NL);
    if (lastNl === -1) {
      this.tail = combined;
      return;
    }
    let from = 0;
    if (!this.headClosed) {
      const firstNl = combined.indexOf(NL);
      this.head = concat(this.head, combined.subarray(0, firstNl));
      this.headClosed = true;
      from = firstNl + 1;
    }
    while (from <= lastNl) {
      const nl = combined.indexOf(NL, from);
      this.lines.push(decode(combined.subarray(from, nl)));
      from = nl + 1;
    }
    this.tail = combined.slice(lastNl + 1);
  }

  /** Adds the bytes of [start - bytes.length, start): the range just before what is loaded. */
  prepend(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const newStart = this.start - bytes.length;
    if (newStart < 0) throw new RangeError("prepend goes before the file start");
    if (!this.headClosed) {
      // No newline loaded yet: everything is one unfinished line.
      const merged = new OutputBuffer(newStart, concat(bytes, this.tail));
      Object.assign(this, { lines: merged.lines, head: merged.head, headClosed: merged.headClosed, tail: merged.tail });
      this.start = newStart;
      return;
    }
    const joined = concat(concat(bytes, this.head), Uint8Array.of(NL));
    const before = new OutputBuffer(newStart, joined);
    this.lines = before.lines.concat(this.lines);
    this.head = before.head;
    this.headClosed = before.headClosed;
    this.start = newStart;
  }

  /** The lines as the viewer shows them: partial head, complete lines, unfinished tail. */
  view(): OutputLine[] {
    const out: OutputLine[] = [];
    const numbered = this.start === 0;
    if (this.start > 0 && this.headClosed) out.push({ text: decode(this.head), partial: "start" });
    for (const text of this.lines) out.push(numbered ? { text, number: out.length + 1 } : { text });
    if (this.tail.length > 0) {
      // stream: true holds back a character whose bytes have not all arrived yet.
      const text = new TextDecoder("utf-8").decode(this.tail, { stream: true });
      if (text !== "") {
        const line: OutputLine = { text, partial: this.start > 0 && !this.headClosed ? "start" : "end" };
        if (numbered) line.number = out.length + 1;
        out.push(line);
      }
    }
    return out;
  }
}
