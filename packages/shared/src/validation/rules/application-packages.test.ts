import { describe, expect, it } from "vitest";
import { JobSpec } from "../../task-spec";
import type { ApplicationFact } from "../../validation-context";
import { pool, poolIssues, task, taskIssues, withCode } from "../test-support";
import { validateJob } from "../validate-job";
import { validatePoolDraft } from "../validate-pool-draft";

const applications: ApplicationFact[] = [
  { id: "ffmpeg", versions: ["6.0", "6.1"], defaultVersion: "6.1" },
  { id: "Blender", versions: ["4.2"], defaultVersion: null },
  { id: "legacy", versions: ["1.0"] },
];

describe("application package rules", () => {
  it("applicationPackage.unknownApplication names the account's applications", () => {
    const spec = task({ applicationPackages: [{ applicationId: "ffmpeg" }, { applicationId: "gimp", version: "2" }] });
    expect(taskIssues("applicationPackage.unknownApplication", spec, { applications })).toEqual([
      expect.objectContaining({
        path: ["applicationPackages", 1, "applicationId"],
        level: "error",
        message: expect.stringContaining('"ffmpeg", "Blender", "legacy"'),
      }),
    ]);
    expect(taskIssues("applicationPackage.unknownApplication", spec, { applications: [] })).toEqual([
      expect.objectContaining({ path: ["applicationPackages", 0, "applicationId"], message: expect.stringContaining("no applications at all") }),
      expect.objectContaining({ path: ["applicationPackages", 1, "applicationId"] }),
    ]);
    // Ids compare as Batch compares them: case-insensitively.
    expect(taskIssues("applicationPackage.unknownApplication", task({ applicationPackages: [{ applicationId: "BLENDER", version: "4.2" }] }), { applications })).toEqual([]);
  });

  it("applicationPackage.unknownVersion names the versions the application has", () => {
    const spec = task({ applicationPackages: [{ applicationId: "ffmpeg", version: "5.0" }, { applicationId: "ffmpeg", version: "6.0" }] });
    expect(taskIssues("applicationPackage.unknownVersion", spec, { applications })).toEqual([
      expect.objectContaining({ path: ["applicationPackages", 0, "version"], message: expect.stringContaining('"6.0", "6.1"') }),
    ]);
    // With one version to choose, the fix picks it.
    const blender = task({ applicationPackages: [{ applicationId: "blender", version: "3" }] });
    expect(taskIssues("applicationPackage.unknownVersion", blender, { applications })).toEqual([
      expect.objectContaining({ fix: { label: "Use version 4.2", patch: [{ path: ["applicationPackages", 0, "version"], value: "4.2" }] } }),
    ]);
    expect(taskIssues("applicationPackage.unknownVersion", task({ applicationPackages: [{ applicationId: "ffmpeg", version: "6.1" }] }), { applications })).toEqual([]);
  });

  it("applicationPackage.noDefaultVersion only when the application is known to have none", () => {
    const refs = [{ applicationId: "ffmpeg" }, { applicationId: "blender" }, { applicationId: "legacy" }];
    expect(taskIssues("applicationPackage.noDefaultVersion", task({ applicationPackages: refs }), { applications })).toEqual([
      expect.objectContaining({ path: ["applicationPackages", 1, "version"], message: expect.stringContaining('"4.2"') }),
    ]);
  });

  it("stay silent while the account's applications are unknown", () => {
    const spec = task({ applicationPackages: [{ applicationId: "gimp", version: "2" }] });
    expect(taskIssues("applicationPackage.unknownApplication", spec)).toEqual([]);
  });

  it("run on pools (whole and draft) and on job manager tasks, at their own paths", () => {
    const spec = pool((p) => (p.applicationPackages = [{ applicationId: "gimp" }]));
    expect(poolIssues("applicationPackage.unknownApplication", spec, { applications })).toEqual([
      expect.objectContaining({ path: ["applicationPackages", 0, "applicationId"] }),
    ]);
    const draft = { id: "p1", applicationPackages: [{ applicationId: "ffmpeg", version: "9" }] };
    expect(withCode(validatePoolDraft(draft, { applications }), "applicationPackage.unknownVersion")).toEqual([
      expect.objectContaining({ path: ["applicationPackages", 0, "version"] }),
    ]);
    const job = JobSpec.parse({
      id: "j",
      poolId: "p",
      jobManagerTask: { id: "m", commandLine: "x", applicationPackages: [{ applicationId: "blender" }] },
    });
    expect(withCode(validateJob(job, { applications }), "applicationPackage.noDefaultVersion")).toEqual([
      expect.objectContaining({ path: ["jobManagerTask", "applicationPackages", 0, "version"] }),
    ]);
  });
});
