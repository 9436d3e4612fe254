/**
 * The OData $filter subset Batch accepts: comparisons (eq ne gt ge lt le) between a property path
 * (`state`, `executionInfo/exitCode`, `creationTime`) and a literal ('text', 42, true, null,
 * datetime'2026-01-01T00:00:00Z'), `startswith(id,'x')`, `and`, `or`, `not` and parentheses.
 * Strings compare case-insensitively, as Batch compares ids and states.
 */
export class FilterError extends Error {}

type Value = string | number | boolean | null | undefined | { date: number };
type Getter = (entity: object) => Value;
export type Predicate = (entity: object) => boolean;

interface Token {
  kind: "ident" | "string" | "number" | "date" | "punct";
  text: string;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else if (c === "'") {
      let s = "";
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterError("unterminated string literal");
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += input[i++];
      }
      tokens.push({ kind: "string", text: s });
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(input.slice(i));
      if (!m) throw new FilterError(`unexpected '${c}'`);
      tokens.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$/]*/.exec(input.slice(i))!;
      i += m[0].length;
      if (m[0].toLowerCase() === "datetime" && input[i] === "'") {
        const end = input.indexOf("'", i + 1);
        if (end < 0) throw new FilterError("unterminated datetime literal");
        tokens.push({ kind: "date", text: input.slice(i + 1, end) });
        i = end + 1;
      } else tokens.push({ kind: "ident", text: m[0] });
    } else throw new FilterError(`unexpected '${c}' at position ${i}`);
  }
  return tokens;
}

const COMPARISONS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
type Op = (typeof COMPARISONS)[number];

function lookup(entity: object, path: string[]): unknown {
  let cur: unknown = entity;
  for (const name of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    const rec = cur as Record<string, unknown>;
    if (name in rec) cur = rec[name];
    else {
      const key = Object.keys(rec).find((k) => k.toLowerCase() === name.toLowerCase());
      cur = key === undefined ? undefined : rec[key];
    }
  }
  return cur;
}

const ISO = /^\d{4}-\d\d-\d\dT/;

function normalise(v: unknown, asDate: boolean): Value {
  if (typeof v === "string" && asDate && ISO.test(v)) return { date: Date.parse(v) };
  if (
    typeof v === "string" ||
    typeof v === "number" ||
    typeof v === "boolean" ||
    v === null ||
    v === undefined
  )
    return v;
  if (typeof v === "object" && typeof (v as { date?: unknown }).date === "number")
    return v as { date: number };
  return undefined;
}

function compare(op: Op, a: Value, b: Value): boolean {
  const key = (v: Value) =>
    v !== null && typeof v === "object" ? v.date : typeof v === "string" ? v.toLowerCase() : v;
  const x = key(a);
  const y = key(b);
  if (op === "eq") return x === y || (x == null && y == null);
  if (op === "ne") return !(x === y || (x == null && y == null));
  if (x == null || y == null || typeof x !== typeof y) return false;
  const xs = x as number | string;
  const ys = y as number | string;
  return op === "gt" ? xs > ys : op === "ge" ? xs >= ys : op === "lt" ? xs < ys : xs <= ys;
}

export function parseFilter(input: string): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.kind === "ident" && t.text.toLowerCase() === w;
  const expect = (text: string) => {
    const t = tokens[pos++];
    if (t?.text !== text) throw new FilterError(`expected '${text}'`);
  };

  function operand(): { get: Getter; isDate: boolean } {
    const t = tokens[pos++];
    if (!t) throw new FilterError("unexpected end of filter");
    if (t.kind === "string") return { get: () => t.text, isDate: false };
    if (t.kind === "number") return { get: () => Number(t.text), isDate: false };
    if (t.kind === "date") {
      const ms = Date.parse(t.text);
      if (Number.isNaN(ms)) throw new FilterError(`invalid datetime '${t.text}'`);
      return { get: () => ({ date: ms }), isDate: true };
    }
    if (t.kind === "ident") {
      const w = t.text.toLowerCase();
      if (w === "true" || w === "false") return { get: () => w === "true", isDate: false };
      if (w === "null") return { get: () => null, isDate: false };
      const path = t.text.split("/");
      return { get: (e) => lookup(e, path) as Value, isDate: false };
    }
    throw new FilterError(`unexpected '${t.text}'`);
  }

  function primary(): Predicate {
    const t = peek();
    if (t?.text === "(") {
      pos++;
      const inner = or();
      expect(")");
      return inner;
    }
    if (isWord(t, "not")) {
      pos++;
      const inner = primary();
      return (e) => !inner(e);
    }
    if (isWord(t, "startswith") && tokens[pos + 1]?.text === "(") {
      pos += 2;
      const subject = operand();
      expect(",");
      const prefix = operand();
      expect(")");
      return (e) => {
        const s = subject.get(e);
        const p = prefix.get(e);
        return typeof s === "string" && typeof p === "string" && s.toLowerCase().startsWith(p.toLowerCase());
      };
    }
    const left = operand();
    const opTok = tokens[pos++];
    const op = opTok?.text.toLowerCase() as Op;
    if (opTok?.kind !== "ident" || !COMPARISONS.includes(op))
      throw new FilterError(`expected a comparison operator after '${t?.text}'`);
    const right = operand();
    const dates = left.isDate || right.isDate;
    return (e) => compare(op, normalise(left.get(e), dates), normalise(right.get(e), dates));
  }

  function and(): Predicate {
    let p = primary();
    while (isWord(peek(), "and")) {
      pos++;
      const a = p;
      const b = primary();
      p = (e) => a(e) && b(e);
    }
    return p;
  }

  function or(): Predicate {
    let p = and();
    while (isWord(peek(), "or")) {
      pos++;
      const a = p;
      const b = and();
      p = (e) => a(e) || b(e);
    }
    return p;
  }

  const result = or();
  if (pos !== tokens.length) throw new FilterError(`unexpected '${tokens[pos]!.text}'`);
  return result;
}
