import { describe, expect, it } from "vitest";
import { JobSpec } from "../../task-spec";
import { validateJob } from "../validate-job";
import { validateStartTaskUpdate } from "../validate-start-task";
import { pool, poolIssues, task, taskIssues, withCode } from "../test-support";

const SAS = "sv=2022-11-02&sr=c&sp=rl&sig=c2lnbmF0dXJl";

describe("resource file rules", () => {
  it("resourceFile.containerUrlNeedsSas: a container URL without sig= is refused with the reason", () => {
    const withUrl = (containerUrl: string) =>
      task({ resourceFiles: [{ source: { kind: "container", containerUrl } }] });
    expect(
      taskIssues("resourceFile.containerUrlNeedsSas", withUrl(`https://a.blob.core.windows.net/in?${SAS}`)),
    ).toEqual([]);
    const issues = taskIssues(
      "resourceFile.containerUrlNeedsSas",
      withUrl("https://a.blob.core.windows.net/in?sv=2022-11-02&sp=rl"),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        level: "error",
        path: ["resourceFiles", 0, "source", "containerUrl"],
        message: expect.stringContaining("no sig="),
      }),
    ]);
    // Other sources carry no container URL to check.
    expect(
      taskIssues(
        "resourceFile.containerUrlNeedsSas",
        task({ resourceFiles: [{ source: { kind: "autoStorage", containerName: "in" } }] }),
      ),
    ).toEqual([]);
  });

  it("resourceFile.filePathRelative: absolute paths and '..' are refused, at every kind of task", () => {
    const file = (filePath: string) => [{ source: { kind: "http" as const, url: "https://x/f" }, filePath }];
    expect(taskIssues("resourceFile.filePathRelative", task({ resourceFiles: file("in/data.csv") }))).toEqual(
      [],
    );
    for (const bad of ["/etc/passwd", "C:\\x", "in/../../x", ".."])
      expect(taskIssues("resourceFile.filePathRelative", task({ resourceFiles: file(bad) }))).toEqual([
        expect.objectContaining({
          level: "error",
          path: ["resourceFiles", 0, "filePath"],
          message: expect.stringContaining(`"${bad}"`),
        }),
      ]);
    const start = { commandLine: "x", resourceFiles: file("/abs") };
    expect(
      poolIssues(
        "resourceFile.filePathRelative",
        pool((p) => (p.startTask = start)),
      ),
    ).toEqual([expect.objectContaining({ path: ["startTask", "resourceFiles", 0, "filePath"] })]);
    expect(
      withCode(
        validateStartTaskUpdate(
          { ...pool().startTask, ...start, elevated: false, waitForSuccess: true, maxRetries: 0, env: [] },
          { isContainerPool: true },
        ),
        "resourceFile.filePathRelative",
      ),
    ).toHaveLength(1);
    const job = JobSpec.parse({
      id: "j",
      poolId: "p",
      jobPreparationTask: { commandLine: "x", resourceFiles: file("../up") },
    });
    expect(withCode(validateJob(job), "resourceFile.filePathRelative")).toEqual([
      expect.objectContaining({
        path: ["jobPreparationTask", "resourceFiles", 0, "filePath"],
        message: expect.stringContaining('contains ".."'),
      }),
    ]);
  });
});
