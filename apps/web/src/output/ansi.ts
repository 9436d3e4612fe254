/**
 * An incremental ANSI SGR parser. Task output arrives in chunks (byte ranges, stream events) and
 * escape sequences may be cut in half at a chunk edge, so the parser keeps both the current style
 * and any unfinished escape sequence between calls. Only SGR (`ESC [ ... m`) changes style; every
 * other CSI/OSC sequence is dropped so cursor movement never leaks into the text as garbage.
 */

/** 0–15: the classic palette (mapped to theme tokens); 16–255: xterm cube/grey; or 24-bit. */
export type AnsiColor = { kind: "index"; index: number } | { kind: "rgb"; r: number; g: number; b: number };

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface AnsiSpan {
  text: string;
  style: AnsiStyle;
}

const ESC = "\u001b";

export class AnsiParser {
  private style: AnsiStyle;
  private pending = "";

  /** Start with a style left open by earlier text (e.g. the line above). */
  constructor(initial: AnsiStyle = {}) {
    this.style = { ...initial };
  }

  /** The style that the next text will get (e.g. to start a line with the colour left open above). */
  get currentStyle(): AnsiStyle {
    return { ...this.style };
  }

  /** Parses one chunk; an escape sequence cut at the end is kept and finished by the next chunk. */
  push(chunk: string): AnsiSpan[] {
    const input = this.pending + chunk;
    this.pending = "";
    const spans: AnsiSpan[] = [];
    let text = "";
    const flush = () => {
      if (text) spans.push({ text, style: { ...this.style } });
      text = "";
    };
    let i = 0;
    while (i < input.length) {
      const ch = input[i]!;
      if (ch !== ESC) {
        text += ch;
        i++;
        continue;
      }
      const end = findSequenceEnd(input, i);
      if (end === -1) {
        this.pending = input.slice(i);
        break;
      }
      const seq = input.slice(i, end + 1);
      if (seq.startsWith(`${ESC}[`) && seq.endsWith("m")) {
        flush();
        this.applySgr(seq.slice(2, -1));
      }
      i = end + 1;
    }
    flush();
    return spans;
  }

  private applySgr(params: string): void {
    const codes = params === "" ? [0] : params.split(/[;:]/).map((p) => (p === "" ? 0 : Number(p)));
    for (let k = 0; k < codes.length; k++) {
      const c = codes[k]!;
      if (c === 0) this.style = {};
      else if (c === 1) this.style.bold = true;
      else if (c === 2) this.style.dim = true;
      else if (c === 3) this.style.italic = true;
      else if (c === 4) this.style.underline = true;
      else if (c === 7) this.style.inverse = true;
      else if (c === 22) {
        delete this.style.bold;
        delete this.style.dim;
      } else if (c === 23) delete this.style.italic;
      else if (c === 24) delete this.style.underline;
      else if (c === 27) delete this.style.inverse;
      else if (c >= 30 && c <= 37) this.style.fg = { kind: "index", index: c - 30 };
      else if (c >= 90 && c <= 97) this.style.fg = { kind: "index", index: c - 90 + 8 };
      else if (c >= 40 && c <= 47) this.style.bg = { kind: "index", index: c - 40 };
      else if (c >= 100 && c <= 107) this.style.bg = { kind: "index", index: c - 100 + 8 };
      else if (c === 39) delete this.style.fg;
      else if (c === 49) delete this.style.bg;
      else if (c === 38 || c === 48) {
        const [color, used] = extendedColor(codes, k + 1);
        if (color) {
          if (c === 38) this.style.fg = color;
          else this.style.bg = color;
        }
        k += used;
      }
    }
  }
}

/** `38;5;n` or `38;2;r;g;b`; returns the colour and how many extra parameters it consumed. */
function extendedColor(codes: number[], at: number): [AnsiColor | undefined, number] {
  const mode = codes[at];
  if (mode === 5) {
    const index = codes[at + 1];
    return index !== undefined && index >= 0 && index <= 255 ? [{ kind: "index", index }, 2] : [undefined, 2];
  }
  if (mode === 2) {
    const [r, g, b] = [codes[at + 1], codes[at + 2], codes[at + 3]];
    const ok = [r, g, b].every((v) => v !== undefined && v >= 0 && v <= 255);
    return ok ? [{ kind: "rgb", r: r!, g: g!, b: b! }, 4] : [undefined, 4];
  }
  return [undefined, 0];
}

/** Index of the last character of the escape sequence starting at `start`, or -1 if cut off. */
function findSequenceEnd(s: string, start: number): number {
  const next = s[start + 1];
  if (next === undefined) return -1;
  if (next === "[") {
    for (let j = start + 2; j < s.length; j++) {
      const code = s.charCodeAt(j);
      if (code >= 0x40 && code <= 0x7e) return j; // CSI final byte
    }
    return -1;
  }
  if (next === "]") {
    // OSC ends with BEL or ST (ESC \).
    for (let j = start + 2; j < s.length; j++) {
      if (s[j] === "\u0007") return j;
      if (s[j] === ESC && s[j + 1] === "\\") return j + 1;
    }
    return -1;
  }
  return start + 1; // two-character escape (e.g. ESC c)
}

/** Plain text of a line without escape sequences, for search and copy. */
export function stripAnsi(text: string): string {
  return new AnsiParser()
    .push(text)
    .map((s) => s.text)
    .join("");
}

/** The xterm 256-colour cube and grey ramp, for indices 16–255 (colours that come from the output itself). */
export function xtermRgb(index: number): { r: number; g: number; b: number } {
  if (index >= 232) {
    const v = 8 + (index - 232) * 10;
    return { r: v, g: v, b: v };
  }
  const i = index - 16;
  const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
  return { r: level(Math.floor(i / 36)), g: level(Math.floor(i / 6) % 6), b: level(i % 6) };
}
