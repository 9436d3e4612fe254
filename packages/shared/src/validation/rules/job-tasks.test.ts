import { describe, expect, it } from "vitest";
import { JobSpec, type JobSpecInput } from "../../task-spec";
import type { TaskPoolFact } from "../../validation-context";
import { validateJob } from "../validate-job";
import { withCode } from "../test-support";

const containerPool: TaskPoolFact = {
  poolId: "p",
  isContainerPool: true,
  prefetchImages: [],
  registryServers: [],
};
const job = (more: Partial<JobSpecInput>) => JobSpec.parse({ id: "j", poolId: "p", ...more });
const issues = (code: string, spec: JobSpec, pool?: TaskPoolFact) =>
  withCode(validateJob(spec, pool ? { pool } : {}), code);

describe("job task rules", () => {
  it("jobManager.containerSettingsRequired on container pools only", () => {
    const hostManager = job({ jobManagerTask: { id: "m", commandLine: "run" } });
    expect(issues("jobManager.containerSettingsRequired", hostManager, containerPool)).toEqual([
      expect.objectContaining({
        level: "error",
        path: ["jobManagerTask", "containerSettings"],
        message: expect.stringContaining('Pool "p"'),
      }),
    ]);
    expect(
      issues("jobManager.containerSettingsRequired", hostManager, {
        ...containerPool,
        isContainerPool: false,
      }),
    ).toEqual([]);
    expect(issues("jobManager.containerSettingsRequired", hostManager)).toEqual([]);
    const inContainer = job({
      jobManagerTask: { id: "m", commandLine: "run", containerSettings: { imageName: "busybox" } },
    });
    expect(issues("jobManager.containerSettingsRequired", inContainer, containerPool)).toEqual([]);
    // Preparation and release tasks may run on the host of a container pool.
    const hostPrep = job({
      jobPreparationTask: { commandLine: "prep" },
      jobReleaseTask: { commandLine: "rel" },
    });
    expect(validateJob(hostPrep, { pool: containerPool })).toEqual([]);
  });

  it("jobRelease.needsPreparation, with a fix that removes the release task", () => {
    expect(issues("jobRelease.needsPreparation", job({ jobReleaseTask: { commandLine: "rel" } }))).toEqual([
      expect.objectContaining({
        level: "error",
        path: ["jobReleaseTask"],
        fix: expect.objectContaining({ patch: [{ path: ["jobReleaseTask"], value: undefined }] }),
      }),
    ]);
    expect(
      issues(
        "jobRelease.needsPreparation",
        job({ jobPreparationTask: { commandLine: "p" }, jobReleaseTask: { commandLine: "r" } }),
      ),
    ).toEqual([]);
    expect(issues("jobRelease.needsPreparation", job({}))).toEqual([]);
  });
});
