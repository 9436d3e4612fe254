/**
 * The loaded part of a task output file: byte window [start, end) split into lines. Lines are cut
 * at the newline BYTE (0x0A never occurs inside a multi-byte UTF-8 character), so a character
 * split across two ranges is reassembled before it is decoded. A window that starts mid-line
 * begins with a partial line (`head`); the text after the last newline is the unfinished `tail`
 * line, completed when more bytes are appended (follow) and re-joined when earlier bytes are
 * prepended ("load earlier"). Every line knows the file offset of its first byte, which is what
 * deep links and the scroll anchor hold on to while windows come and go.
 */
import { safeStart } from "./byteBoundary";

const NL = 0x0a;

/**
 * A line still being written that grows past this (a progress bar redrawn with CR, a JSON blob on
 * one line) keeps only its newest half: memory stays bounded even when no newline ever comes. The
 * line is then shown cut at its start, as a window's first line is.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface OutputLine {
  text: string;
  /** File offset of the line's first loaded byte (for a partial head line: the window start). */
  at: number;
  /** 1-based line number in the file, once it is known (the file start was loaded at some point). */
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
  /** Complete lines after the head, in order, and the file offset of each. */
  private lines: string[] = [];
  private ats: number[] = [];
  /** Bytes before the first newline when the window starts mid-line. */
  private head: Uint8Array = new Uint8Array(0);
  /** True once the head's newline has been seen, or when the window starts at a line start. */
  private headClosed: boolean;
  /** The window starts exactly at a line start (file start, or oldest lines dropped): no head line. */
  private aligned: boolean;
  /** Bytes after the last newline: the line still being written (only its newest part, when cut). */
  private tail: Uint8Array = new Uint8Array(0);
  /** File offset where the unfinished line starts (its bytes may have been cut down since). */
  private tailAt: number;
  private tailCut = false;
  /** Line starts of complete lines whose beginning was cut for length. */
  private cutAts = new Set<number>();
  /** Line number of lines[0], once known; kept through drops and prepends. */
  private firstNumber: number | undefined;

  constructor(start: number, bytes: Uint8Array = new Uint8Array(0)) {
    this.start = start;
    this.end = start;
    this.aligned = start === 0;
    this.headClosed = this.aligned;
    this.firstNumber = start === 0 ? 1 : undefined;
    this.tailAt = start;
    this.append(bytes);
  }

  get atFileStart(): boolean {
    return this.start === 0;
  }

  /** Loaded bytes (what the memory cap counts). */
  get size(): number {
    return this.end - this.start;
  }

  get numbered(): boolean {
    return this.firstNumber !== undefined;
  }

  /** Line numbers of the complete lines loaded, once numbering is known. */
  get numberRange(): { first: number; last: number } | undefined {
    if (this.firstNumber === undefined || this.lines.length === 0) return undefined;
    return { first: this.firstNumber, last: this.firstNumber + this.lines.length - 1 };
  }

  /** Adds bytes that follow `end` (the next range, or a stream chunk). */
  append(bytes: Uint8Array): void {
    // File offset of combined[0]: the tail holds the last bytes before `end`.
    const base = this.end - this.tail.length;
    this.end += bytes.length;
    const combined = concat(this.tail, bytes);
    const lastNl = combined.lastIndexOf(NL);
    if (lastNl === -1) {
      this.tail = combined;
      this.limitTail();
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
      // The first line here is the former tail: it starts where the tail started, cut or not.
      const at = from === 0 ? this.tailAt : base + from;
      if (from === 0 && this.tailCut) this.cutAts.add(at);
      this.lines.push(decode(combined.subarray(from, nl)));
      this.ats.push(at);
      from = nl + 1;
    }
    this.tail = combined.slice(lastNl + 1);
    this.tailAt = base + lastNl + 1;
    this.tailCut = false;
    this.limitTail();
  }

  private limitTail(): void {
    if (this.tail.length <= MAX_LINE_BYTES) return;
    this.tail = this.tail.slice(safeStart(this.tail, this.tail.length - MAX_LINE_BYTES / 2));
    // Without a head yet, the cut line is the head: it is shown cut already.
    if (this.headClosed) this.tailCut = true;
  }

  /** Adds the bytes of [start - bytes.length, start): the range just before what is loaded. */
  prepend(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const newStart = this.start - bytes.length;
    if (newStart < 0) throw new RangeError("prepend goes before the file start");
    if (!this.headClosed) {
      // No newline loaded yet: everything is one unfinished line, of which only the newest part
      // is kept once it passed the length limit; earlier bytes cannot add to what is shown then.
      if (this.tail.length < this.end - this.start) {
        this.start = newStart;
        return;
      }
      const merged = new OutputBuffer(newStart, concat(bytes, this.tail));
      Object.assign(this, { lines: merged.lines, ats: merged.ats, head: merged.head, headClosed: merged.headClosed, aligned: merged.aligned, tail: merged.tail, tailAt: merged.tailAt, tailCut: merged.tailCut, cutAts: merged.cutAts, firstNumber: merged.firstNumber });
      this.start = newStart;
      return;
    }
    // An aligned window starts after a newline, which the prepended bytes end with; otherwise the
    // prepended bytes complete the partial head line.
    const before = new OutputBuffer(newStart, this.aligned ? bytes : concat(concat(bytes, this.head), Uint8Array.of(NL)));
    if (before.tail.length > 0) throw new RangeError("prepended bytes do not end where the window starts");
    if (this.firstNumber !== undefined && before.firstNumber === undefined) before.firstNumber = this.firstNumber - before.lines.length;
    this.lines = before.lines.concat(this.lines);
    this.ats = before.ats.concat(this.ats);
    for (const at of before.cutAts) this.cutAts.add(at);
    this.head = before.head;
    this.headClosed = before.headClosed;
    this.aligned = before.aligned;
    this.firstNumber = before.firstNumber;
    this.start = newStart;
  }

  /**
   * Drops the oldest whole lines until at most `maxBytes` stay loaded (the newest line is always
   * kept). The window then starts at a line start. Returns the number of bytes dropped.
   */
  dropOldest(maxBytes: number): number {
    if (this.size <= maxBytes || this.lines.length === 0) return 0;
    // First complete line from which the rest fits; never past the last complete line.
    let k = this.ats.findIndex((at) => this.end - at <= maxBytes);
    if (k === -1) k = this.lines.length - 1;
    let dropped = this.ats[k]! - this.start;
    if (dropped === 0 && this.aligned) {
      if (k + 1 >= this.lines.length) return 0;
      k += 1;
      dropped = this.ats[k]! - this.start;
    }
    if (this.firstNumber !== undefined) this.firstNumber += k;
    this.start = this.ats[k]!;
    this.lines = this.lines.slice(k);
    this.ats = this.ats.slice(k);
    for (const at of this.cutAts) if (at < this.start) this.cutAts.delete(at);
    this.head = new Uint8Array(0);
    this.headClosed = true;
    this.aligned = true;
    return dropped;
  }

  /**
   * Drops the newest lines (and the unfinished tail) until at most `maxBytes` stay loaded, keeping
   * at least one line. The window then ends at a line start, so a later append fits. Returns the
   * number of bytes dropped.
   */
  dropNewest(maxBytes: number): number {
    if (this.size <= maxBytes || this.lines.length === 0) return 0;
    // Keeping lines [0, k) ends the window at endOf(k); take the largest k that fits, at least 1.
    const endOf = (k: number) => (k < this.lines.length ? this.ats[k]! : this.tailAt);
    let k = this.lines.length;
    while (k > 1 && endOf(k) - this.start > maxBytes) k--;
    const newEnd = endOf(k);
    if (newEnd >= this.end || newEnd <= this.start) return 0;
    const dropped = this.end - newEnd;
    this.lines = this.lines.slice(0, k);
    this.ats = this.ats.slice(0, k);
    this.tail = new Uint8Array(0);
    this.tailAt = newEnd;
    this.tailCut = false;
    this.end = newEnd;
    return dropped;
  }

  /** The lines as the viewer shows them: partial head, complete lines, unfinished tail. */
  view(): OutputLine[] {
    const out: OutputLine[] = [];
    const first = this.firstNumber;
    // An empty head means the window began on a newline byte: nothing of that line is loaded.
    const headShown = !this.aligned && this.headClosed && this.head.length > 0;
    if (headShown) {
      const line: OutputLine = { text: decode(this.head), at: this.start, partial: "start" };
      if (first !== undefined) line.number = first - 1;
      out.push(line);
    }
    for (let i = 0; i < this.lines.length; i++) {
      const line: OutputLine = { text: this.lines[i]!, at: this.ats[i]! };
      if (this.cutAts.has(line.at)) line.partial = "start";
      if (first !== undefined) line.number = first + i;
      out.push(line);
    }
    if (this.tail.length > 0) {
      // stream: true holds back a character whose bytes have not all arrived yet.
      const text = new TextDecoder("utf-8").decode(this.tail, { stream: true });
      if (text !== "") {
        const headOnly = !this.aligned && !this.headClosed;
        const line: OutputLine = { text, at: headOnly ? this.start : this.tailAt, partial: headOnly || this.tailCut ? "start" : "end" };
        if (first !== undefined && !headOnly) line.number = first + this.lines.length;
        out.push(line);
      }
    }
    return out;
  }
}

/** Index of the shown line that holds byte `offset` (the last line starting at or before it), or -1. */
export function lineIndexOfByte(lines: readonly OutputLine[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.at <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
