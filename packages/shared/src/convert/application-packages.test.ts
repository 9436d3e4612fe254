import { describe, expect, it } from "vitest";
import { PoolSpec } from "../pool-spec";
import { JobSpec, TaskSpec } from "../task-spec";
import type { CloudPool, CloudTask } from "./batch-models";
import { fromCloudPool } from "./from-cloud-pool";
import { fromCloudTask, fromJobManagerTask } from "./from-cloud-task";
import { toPoolAddParameter } from "./pool";
import { toJobAddParameter, toTaskAddParameter } from "./task";

const refs = [{ applicationId: "ffmpeg", version: "6.1" }, { applicationId: "blender" }];

describe("application package references", () => {
  it("go to a task as applicationPackageReferences, a missing version left out (Batch takes the default)", () => {
    const body = toTaskAddParameter(TaskSpec.parse({ id: "t", commandLine: "x", applicationPackages: refs }));
    expect(body.applicationPackageReferences).toEqual(refs);
    expect(fromCloudTask(body as CloudTask)?.applicationPackages).toEqual(refs);
  });

  it("send nothing when the list is empty or absent", () => {
    expect(toTaskAddParameter(TaskSpec.parse({ id: "t", applicationPackages: [] }))).not.toHaveProperty("applicationPackageReferences");
    expect(toTaskAddParameter(TaskSpec.parse({ id: "t" }))).not.toHaveProperty("applicationPackageReferences");
  });

  it("go to a job manager task and back", () => {
    const job = toJobAddParameter(
      JobSpec.parse({ id: "j", poolId: "p", jobManagerTask: { id: "m", commandLine: "x", applicationPackages: refs } }),
    );
    expect(job.jobManagerTask?.applicationPackageReferences).toEqual(refs);
    expect(fromJobManagerTask(job.jobManagerTask!).applicationPackages).toEqual(refs);
  });

  it("go to a pool and come back on a clone instead of being reported as ignored", () => {
    const spec = PoolSpec.parse({
      id: "p",
      vmSize: "s",
      image: { kind: "marketplace", publisher: "a", offer: "b", sku: "c" },
      nodeAgentSkuId: "n",
      applicationPackages: refs,
    });
    const body = toPoolAddParameter(spec);
    expect(body.applicationPackageReferences).toEqual(refs);
    const cloned = fromCloudPool(body as CloudPool);
    expect(cloned).toMatchObject({ ok: true, ignored: [], spec: { applicationPackages: refs } });
  });
});
