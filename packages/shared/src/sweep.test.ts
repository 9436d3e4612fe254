import { describe, expect, it } from "vitest";
import { sweepChunks, sweepIssues, sweepTask } from "./sweep";

const template = { id: "frame-{i:4}", commandLine: "/bin/render --frame {i}", env: [{ name: "FRAME", value: "{i}" }] };

describe("sweeps", () => {
  it("puts the index, padded where asked, into every text of the template", () => {
    const t = sweepTask(template, 7);
    expect(t.ok && t.value).toMatchObject({ id: "frame-0007", commandLine: "/bin/render --frame 7", env: [{ name: "FRAME", value: "7" }] });
  });

  it("needs {i} in the id, a range that counts up and at most 10,000 tasks; judges the first and last task's shape", () => {
    expect(sweepIssues({ ...template, id: "frame" }, { from: 1, to: 3 }).map((i) => i.path.join("."))).toEqual(["template.id"]);
    expect(sweepIssues(template, { from: 5, to: 1 }).map((i) => i.path.join("."))).toEqual(["range.to"]);
    expect(sweepIssues(template, { from: 0, to: 10_000 }).map((i) => i.path.join("."))).toEqual(["range.to"]);
    // 64 characters at most: "x…{i}" fits for 9 and not for 10.
    const long = { id: `${"x".repeat(63)}{i}`, commandLine: "run" };
    expect(sweepIssues(long, { from: 9, to: 10 })).toEqual([expect.objectContaining({ path: ["template", "id"], message: expect.stringMatching(/^For \{i\} = 10: /) })]);
    expect(sweepIssues(template, { from: 1, to: 1000 })).toEqual([]);
  });

  it("cuts the tasks into requests of 100, in order, with the last one short", () => {
    const chunks = [...sweepChunks(template, { from: 1, to: 250 })];
    expect(chunks.map((c) => c.tasks.length)).toEqual([100, 100, 50]);
    expect(chunks[2]!.tasks.at(-1)?.id).toBe("frame-0250");
    expect(chunks.every((c) => c.refused.length === 0)).toBe(true);
  });
});
