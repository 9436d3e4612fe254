import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsvRecords, parseCsvTable } from "./csv";

const fields = (text: string) => parseCsvRecords(text).records.map((r) => r.fields);

describe("parseCsvRecords (RFC 4180)", () => {
  it("splits on commas and CRLF, LF or CR; a final line break adds no record; blank lines are skipped", () => {
    expect(fields("a,b\r\n1,2\r\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\n1,2\r3,4")).toEqual([["a", "b"], ["1", "2"], ["3", "4"]]);
    expect(fields("a\n\n\nb\n")).toEqual([["a"], ["b"]]);
    expect(fields("a,,\n")).toEqual([["a", "", ""]]);
    expect(fields("\uFEFFname\nx")).toEqual([["name"], ["x"]]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks; a record over several lines is one row", () => {
    const { records, problems } = parseCsvRecords('id,text\r\n1,"a, ""b""\r\nc"\r\n2,""\r\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { row: 1, fields: ["id", "text"] },
      { row: 2, fields: ["1", 'a, "b"\r\nc'] },
      { row: 3, fields: ["2", ""] },
    ]);
  });

  it("names the row of an unclosed quote, text after a closing quote and a stray quote", () => {
    expect(parseCsvRecords('a\n"open\nstill').problems).toEqual([{ row: 2, message: expect.stringContaining("never closed") }]);
    expect(parseCsvRecords('a\n"x"y').problems).toEqual([{ row: 2, message: expect.stringContaining("closing quote") }]);
    expect(parseCsvRecords('a\nb"c').problems).toEqual([{ row: 2, message: expect.stringContaining("unquoted field") }]);
  });

  it("reads back any table written the RFC 4180 way", () => {
    const quote = (f: string) => (/[",\r\n]/.test(f) || f === "" ? `"${f.replace(/"/g, '""')}"` : f);
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", " ", "é") }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const text = table.map((r) => r.map(quote).join(",")).join("\r\n");
        expect(fields(text)).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseCsvTable", () => {
  it("names the columns from the header and each row's values by column", () => {
    expect(parseCsvTable("scene, frame\nforest,1\n")).toEqual({ columns: ["scene", "frame"], rows: [{ row: 2, values: { scene: "forest", frame: "1" } }], problems: [] });
  });

  it("a row with another number of fields is a problem of that row; empty or repeated column names are the header's", () => {
    const t = parseCsvTable("a,b\n1,2\n3\n4,5,6\n");
    expect(t.rows.map((r) => r.row)).toEqual([2]);
    expect(t.problems).toEqual([
      { row: 3, message: "Row 3 has 1 field, the header 2." },
      { row: 4, message: "Row 4 has 3 fields, the header 2." },
    ]);
    expect(parseCsvTable("a,,a\n1,2,3").problems.map((p) => p.message)).toEqual(["Column 2 has no name; the first line names every column.", 'Two columns are named "a"; name each once.']);
    expect(parseCsvTable("").problems).toEqual([{ row: 1, message: "The CSV is empty; its first line names the columns." }]);
  });
});
