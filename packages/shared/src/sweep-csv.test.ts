import { describe, expect, it } from "vitest";
import { parseCsvTable } from "./csv";
import { csvSweepChunks, csvSweepIssues, csvSweepTask } from "./sweep-csv";

const template = { id: "shot-{frame}", commandLine: "/bin/render --scene {scene} --frame {frame} --job {i:3} | awk '{print}'" };
const table = parseCsvTable("scene,frame\r\nforest,1\r\n\"city, night\",2\r\n");
const found = (t: typeof template, csv: string) => csvSweepIssues(t, parseCsvTable(csv)).map((i) => [i.code, i.path.join("."), i.level]);

describe("CSV sweeps", () => {
  it("fills each row's {column} values and {i} (the row's place), leaving braces that name no column", () => {
    const t = csvSweepTask(template, table.rows[1]!.values, 2);
    expect(t.ok && t.value).toMatchObject({ id: "shot-2", commandLine: "/bin/render --scene city, night --frame 2 --job 002 | awk '{print}'" });
  });

  it("lists each refused row with its number: a bad id, a row missing a field, an id another row has", () => {
    const issues = csvSweepIssues({ id: "{scene}-{frame}", commandLine: "run {scene}" }, parseCsvTable("scene,frame\nforest,1\nbad scene!,2\nforest\nFOREST,1\n"));
    expect(issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["sweep.csvRow", "csv.4"],
      ["schema.invalid_format", "csv.3"],
      ["sweep.csvDuplicateId", "csv.5"],
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      "Row 4: Row 4 has 1 field, the header 2.",
      expect.stringMatching(/^Row 3, id: /),
      "Row 5: the id FOREST-1 is also row 2's; each row needs its own id.",
    ]);
  });

  it("an id placeholder without its column is an error, one elsewhere a warning; the id must vary; a column named i is refused", () => {
    expect(found({ id: "t-{shot}", commandLine: "run {take}" }, "scene\nx\n")).toEqual([
      ["sweep.unknownColumn", "template.id", "error"],
      ["sweep.unknownColumn", "template.commandLine", "warning"],
      ["sweep.idWithoutIndex", "template.id", "error"],
      // The one row's id keeps the braces, which no id may hold.
      ["schema.invalid_format", "csv.2", "error"],
    ]);
    expect(found({ id: "t-{i}", commandLine: "run" }, "i,x\n1,2\n")).toEqual([["sweep.csvIndexColumn", "csv", "error"]]);
    expect(found({ id: "t-{i}", commandLine: "run" }, "x\n")).toEqual([["sweep.csvNoRows", "csv", "error"]]);
    // awk's {print} names no column: said, and left as written.
    expect(found(template, "scene,frame\nforest,1\n")).toEqual([["sweep.unknownColumn", "template.commandLine", "warning"]]);
  });

  it("cuts the rows into requests of 100 in order", () => {
    const csv = `n\n${Array.from({ length: 250 }, (_, k) => String(k + 1)).join("\n")}\n`;
    const chunks = [...csvSweepChunks({ id: "n-{n}", commandLine: "run" }, parseCsvTable(csv))];
    expect(chunks.map((c) => c.tasks.length)).toEqual([100, 100, 50]);
    expect(chunks[2]!.tasks.at(-1)?.id).toBe("n-250");
  });
});
