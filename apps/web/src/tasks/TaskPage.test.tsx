import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import type { NodeFile, TaskDetails } from "@batch-studio/shared";
import TaskPage from "./TaskPage";
import { contentAnswer } from "../output/fakeContentRoute";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const T = "/api/accounts/acct/jobs/j1/tasks/t1";
const base: TaskDetails = { id: "t1", state: "active", commandLine: "", imageName: "127.0.0.1:5000/lab/entrypoint:1", poolId: "p1", env: [] };

function renderTask(task: TaskDetails, files: NodeFile[] = []) {
  const stdout = new TextEncoder().encode("hello from the container\n");
  const api = fakeApi({
    [`GET ${T}`]: () => task,
    [`GET ${T}/files`]: () => ({ items: files }),
    [`GET ${T}/files/content`]: ({ url }) => contentAnswer(stdout, url),
  });
  return renderPage({ api, pattern: "/a/:account/jobs/:job/tasks/:task", url: "/a/acct/jobs/j1/tasks/t1", element: <TaskPage /> });
}

describe("TaskPage", () => {
  it("shows a queued task's settings, says it has no output yet, and is axe clean", async () => {
    const { container } = renderTask(base);
    expect(await screen.findByText("(image ENTRYPOINT)")).toBeTruthy();
    expect(screen.getByText("127.0.0.1:5000/lab/entrypoint:1")).toBeTruthy();
    expect(screen.getByText(/The task is queued/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("shows a failed task's failure, container error, output and files, and is axe clean", async () => {
    const files: NodeFile[] = [
      { name: "stdout.txt", isDirectory: false, size: 25 },
      { name: "stderr.txt", isDirectory: false, size: 0 },
      { name: "wd", isDirectory: true },
      { name: "wd/result.csv", isDirectory: false, size: 10 },
    ];
    const failed: TaskDetails = {
      ...base,
      state: "completed",
      result: "failure",
      exitCode: 3,
      nodeId: "tvm-1",
      commandLine: "/bin/greet --fail",
      failure: { category: "usererror", code: "FailureExitCode", message: "The task exited with exit code 3" },
      containerError: "image pull took 40s",
    };
    const { container } = renderTask(failed, files);
    expect(await screen.findByText("FailureExitCode")).toBeTruthy();
    expect(screen.getByText("Container: image pull took 40s")).toBeTruthy();
    expect(screen.getByRole("link", { name: "tvm-1" })).toBeTruthy();
    expect(await screen.findByText("hello from the container")).toBeTruthy();
    expect(await screen.findByRole("link", { name: "wd/result.csv" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "wd" })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });
});
