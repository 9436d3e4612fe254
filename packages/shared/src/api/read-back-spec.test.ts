import { describe, expect, it } from "vitest";
import { JobSpec, TaskSpec } from "../task-spec";
import { readBackSpec } from "./read-back-spec";

describe("readBackSpec", () => {
  const job = readBackSpec(JobSpec, "JobSpec");
  const withLogin = (password: string) => ({
    id: "j",
    poolId: "p",
    jobManagerTask: {
      id: "m",
      commandLine: "run",
      containerSettings: { imageName: "lab.example/a:1", registry: { server: "lab.example", auth: { kind: "password", username: "u", password } } },
    },
  });

  it("accepts the blank password Batch gives back, and nothing else wrong", () => {
    expect(job.safeParse(withLogin("")).success).toBe(true);
    const bad = job.safeParse({ ...withLogin(""), priority: 5000 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["priority"]);
  });

  it("keeps the value as it came (the blank stays blank for the form to ask for)", () => {
    const parsed = job.parse(withLogin(""));
    expect(JSON.stringify(parsed)).toContain('"password":""');
    expect(readBackSpec(TaskSpec, "TaskSpec").safeParse("not a spec").success).toBe(false);
  });
});
