import { describe, expect, it } from "vitest";
import { taskEnvironment, taskRelDir } from "./node-layout";

describe("node layout", () => {
  const base = {
    accountName: "acct",
    accountUrl: "http://127.0.0.1:1",
    poolId: "p",
    nodeId: "n",
    isDedicated: true,
    root: "/r",
  };

  it("gives a task every always-present variable plus job and task ids, settings last", () => {
    const env = taskEnvironment({
      ...base,
      taskDir: "/r/" + taskRelDir("job1", "t1"),
      job: {
        jobId: "job1",
        taskId: "t1",
        common: [
          { name: "A", value: "job" },
          { name: "B", value: "job" },
        ],
      },
      settings: [{ name: "B", value: "task" }],
    });
    expect(env).toMatchObject({
      AZ_BATCH_ACCOUNT_NAME: "acct",
      AZ_BATCH_NODE_ROOT_DIR: "/r",
      AZ_BATCH_NODE_SHARED_DIR: "/r/shared",
      AZ_BATCH_NODE_STARTUP_DIR: "/r/startup",
      AZ_BATCH_NODE_MOUNTS_DIR: "/r/fsmounts",
      AZ_BATCH_TASK_DIR: "/r/workitems/job1/job-1/t1",
      AZ_BATCH_TASK_WORKING_DIR: "/r/workitems/job1/job-1/t1/wd",
      AZ_BATCH_JOB_ID: "job1",
      AZ_BATCH_TASK_ID: "t1",
      AZ_BATCH_NODE_IS_DEDICATED: "true",
      A: "job",
      B: "task",
    });
  });

  it("gives the start task no job or task id", () => {
    const env = taskEnvironment({ ...base, taskDir: "/r/startup" });
    expect(env.AZ_BATCH_JOB_ID).toBeUndefined();
    expect(env.AZ_BATCH_TASK_ID).toBeUndefined();
    expect(env.AZ_BATCH_TASK_WORKING_DIR).toBe("/r/startup/wd");
  });
});
