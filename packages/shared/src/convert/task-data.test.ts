import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobSpec, TaskSpec } from "../task-spec";
import { PoolSpec } from "../pool-spec";
import { jobSpecArb, outputFileArb, resourceFileArb } from "../testing/arbitraries";
import { basePoolInput } from "../validation/test-support";
import type { CloudTask } from "./batch-models";
import {
  fromCloudTask,
  fromJobManagerTask,
  fromJobPreparationTask,
  fromJobReleaseTask,
} from "./from-cloud-task";
import { fromStartTask } from "./from-cloud-pool";
import { toStartTask } from "./pool";
import { toJobAddParameter, toTaskAddParameter } from "./task";
import { fromOutputFile, fromResourceFile, toOutputFile, toResourceFile } from "./task-data";

const SAS = "sv=2022-11-02&se=2026-12-04T00%3A00%3A00Z&sr=c&sp=cw&sig=c2VjcmV0";

describe("resource and output files", () => {
  it("map each source to exactly one Batch field", () => {
    expect(
      toResourceFile({
        source: { kind: "http", url: "https://x/y.txt" },
        filePath: "in/y.txt",
        fileMode: "0644",
      }),
    ).toEqual({
      httpUrl: "https://x/y.txt",
      filePath: "in/y.txt",
      fileMode: "0644",
    });
    expect(
      toResourceFile({
        source: { kind: "container", containerUrl: `https://a/c?${SAS}`, blobPrefix: "data/" },
      }),
    ).toEqual({
      storageContainerUrl: `https://a/c?${SAS}`,
      blobPrefix: "data/",
    });
    expect(
      toResourceFile({ source: { kind: "autoStorage", containerName: "inputs" }, filePath: "in" }),
    ).toEqual({
      autoStorageContainerName: "inputs",
      filePath: "in",
    });
    expect(fromResourceFile({})).toBeUndefined();
  });

  it("round-trip through the Batch models", () => {
    fc.assert(
      fc.property(resourceFileArb, (f) => {
        expect(fromResourceFile(structuredClone(toResourceFile(f)))).toEqual(f);
      }),
    );
    fc.assert(
      fc.property(outputFileArb, (f) => {
        expect(fromOutputFile(structuredClone(toOutputFile(f)))).toEqual(f);
      }),
    );
  });

  it("sends the SDK's upload condition spelling and reads any case back", () => {
    const out = toOutputFile({
      filePattern: "*.txt",
      destination: { kind: "container", containerUrl: "https://a/c" },
      uploadCondition: "taskFailure",
    });
    expect(out.uploadOptions.uploadCondition).toBe("taskfailure");
    expect(
      fromOutputFile({ ...out, uploadOptions: { uploadCondition: "taskSuccess" as "tasksuccess" } })
        .uploadCondition,
    ).toBe("taskSuccess");
  });

  it("signs account-storage destinations only through the given resolver", () => {
    const spec = TaskSpec.parse({
      id: "t",
      commandLine: "run",
      outputFiles: [
        {
          filePattern: "out/*",
          destination: { kind: "accountStorage", containerName: "results", path: "t" },
        },
      ],
    });
    expect(
      toTaskAddParameter(spec, (name) => `http://127.0.0.1:4402/acct/${name}?${SAS}`).outputFiles,
    ).toEqual([
      {
        filePattern: "out/*",
        destination: { container: { containerUrl: `http://127.0.0.1:4402/acct/results?${SAS}`, path: "t" } },
        uploadOptions: { uploadCondition: "taskcompletion" },
      },
    ]);
    expect(() => toTaskAddParameter(spec)).toThrow(/must be resolved/);
  });

  it("drop SAS queries on the way back, so a task or clone never echoes a signature", () => {
    const cloud: CloudTask = {
      id: "t",
      commandLine: "run",
      resourceFiles: [
        { storageContainerUrl: `https://a/in?${SAS}` },
        { httpUrl: `https://a/in/f.txt?${SAS}`, filePath: "f.txt" },
      ],
      outputFiles: [
        {
          filePattern: "*.txt",
          destination: { container: { containerUrl: `https://a/out?${SAS}` } },
          uploadOptions: { uploadCondition: "taskcompletion" },
        },
      ],
    };
    expect(JSON.stringify(fromCloudTask(cloud))).not.toContain("sig=");
    expect(fromCloudTask(cloud)?.resourceFiles?.[0]).toEqual({
      source: { kind: "container", containerUrl: "https://a/in" },
    });
    const start = toStartTask(
      PoolSpec.parse({
        ...basePoolInput(),
        startTask: {
          commandLine: "x",
          resourceFiles: [{ source: { kind: "http", url: `https://a/s.sh?${SAS}` }, filePath: "s.sh" }],
        },
      }).startTask!,
    );
    expect(fromStartTask(start).resourceFiles).toEqual([
      { source: { kind: "http", url: "https://a/s.sh" }, filePath: "s.sh" },
    ]);
  });
});

/** Batch never returns registry passwords: they come back blank. */
const blankPasswords = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === "password" ? "" : v)));

describe("job tasks", () => {
  it("round-trip through JobAddParameter", () => {
    fc.assert(
      fc.property(jobSpecArb, (job) => {
        const spec = blankPasswords(JobSpec.parse(job));
        const body = structuredClone(toJobAddParameter(spec));
        expect(body.jobManagerTask && fromJobManagerTask(body.jobManagerTask)).toEqual(spec.jobManagerTask);
        expect(body.jobPreparationTask && fromJobPreparationTask(body.jobPreparationTask)).toEqual(
          spec.jobPreparationTask,
        );
        expect(body.jobReleaseTask && fromJobReleaseTask(body.jobReleaseTask)).toEqual(spec.jobReleaseTask);
      }),
      { numRuns: 200 },
    );
  });
});
