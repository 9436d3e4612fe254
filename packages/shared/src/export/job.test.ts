import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobSpec, TaskSpec } from "../task-spec";
import { jobSpecArb, taskSpecArb } from "../testing/arbitraries";
import { exportJobAzCli, exportJobCSharp, exportJobPython, exportJobRestJson } from "./job";
import { exportTaskAzCli, exportTaskCSharp, exportTaskPython, exportTaskRestJson } from "./task";
import { placeholdersIn } from "./wire-export";

const job = JobSpec.parse({
  id: "render",
  poolId: "p",
  jobManagerTask: {
    id: "manager",
    commandLine: "/bin/sh -c 'echo $AZ_BATCH_JOB_ID'",
    containerSettings: {
      imageName: "myacr.azurecr.io/manager:1",
      registry: { server: "myacr.azurecr.io", auth: { kind: "password", username: "u", password: "hunter2-secret" } },
    },
    outputFiles: [
      { filePattern: "../std*.txt", destination: { kind: "accountStorage", containerName: "job-render" }, uploadCondition: "taskCompletion" },
    ],
  },
});

const task = TaskSpec.parse({
  id: "frame-1",
  commandLine: "",
  containerSettings: { imageName: "busybox" },
  outputFiles: [{ filePattern: "out/*", destination: { kind: "accountStorage", containerName: "results" }, uploadCondition: "taskSuccess" }],
});

describe("job exports", () => {
  it("REST JSON: the password and the write SAS URL are placeholders", () => {
    const body = JSON.parse(exportJobRestJson(job)) as {
      jobManagerTask: { containerSettings: { registry: unknown }; outputFiles: { destination: { container: { containerUrl: string } } }[] };
    };
    expect(body.jobManagerTask.containerSettings.registry).toEqual({
      registryServer: "myacr.azurecr.io",
      username: "u",
      password: "${REGISTRY_PASSWORD_MYACR_AZURECR_IO}",
    });
    expect(body.jobManagerTask.outputFiles[0]!.destination.container.containerUrl).toBe("${OUTPUT_CONTAINER_URL_JOB_RENDER}");
    expect(placeholdersIn(body)).toEqual(["REGISTRY_PASSWORD_MYACR_AZURECR_IO", "OUTPUT_CONTAINER_URL_JOB_RENDER"]);
  });

  it("az: asks for both secrets without echoing them and creates from the filled file", () => {
    const az = exportJobAzCli(job, { accountName: "acct", resourceGroup: "rg" });
    expect(az.fileName).toBe("job.json");
    expect(az.command).toContain('read -rsp "REGISTRY_PASSWORD_MYACR_AZURECR_IO: "');
    expect(az.command).toContain('read -rsp "OUTPUT_CONTAINER_URL_JOB_RENDER: "');
    expect(az.command).toContain("az batch job create --json-file job.filled.json\nrm job.filled.json");
  });

  it("Python reads the body into JobAddParameter and fills only exact placeholders", () => {
    const py = exportJobPython(job);
    expect(py).toContain("model = batchmodels.JobAddParameter.from_dict(body)\nclient.job.add(model)");
    expect(py).toContain("body = from_environment(body)");
    // The command line's $AZ_BATCH_JOB_ID is in the body as it is.
    expect(py).toContain("echo $AZ_BATCH_JOB_ID");
  });

  it("C# POSTs the same body to /jobs with an Entra token", () => {
    const cs = exportJobCSharp(job);
    expect(cs).toContain('$"{accountUrl}/jobs?api-version=2022-10-01.16.0"');
    expect(cs).toContain("https://batch.core.windows.net//.default");
    expect(cs).toContain("Regex.Replace(body");
  });
});

describe("task exports", () => {
  it("send the task to its job", () => {
    expect(exportTaskAzCli("job-1", task).command).toContain("az batch task create --job-id job-1 --json-file task.filled.json");
    expect(exportTaskPython("job-1", task)).toContain('client.task.add("job-1", model)');
    expect(exportTaskCSharp("job-1", task)).toContain('$"{accountUrl}/jobs/job-1/tasks?api-version=2022-10-01.16.0"');
    // An empty command line runs the image's ENTRYPOINT: it is sent, not dropped.
    expect(JSON.parse(exportTaskRestJson("job-1", task))).toMatchObject({ id: "frame-1", commandLine: "" });
  });

  it("a task without secrets needs no environment", () => {
    const plain = TaskSpec.parse({ id: "t", commandLine: "echo hi" });
    expect(exportTaskPython("j", plain)).not.toContain("import os");
    expect(exportTaskCSharp("j", plain)).not.toContain("Regex");
    expect(exportTaskAzCli("j", plain).command).not.toContain("read -rsp");
  });
});

describe("no export holds a registry password", () => {
  const secretArb = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((s) => `Secret-${s}`);
  const setPasswords = (value: unknown, secret: string): void => {
    if (Array.isArray(value)) value.forEach((v) => setPasswords(v, secret));
    else if (value && typeof value === "object") {
      const auth = (value as { auth?: { kind?: string; password?: string } }).auth;
      if (auth?.kind === "password") auth.password = secret;
      Object.values(value).forEach((v) => setPasswords(v, secret));
    }
  };
  const all = (texts: (string | { command: string; fileContent: string })[]) =>
    texts.map((t) => (typeof t === "string" ? t : `${t.command}\n${t.fileContent}`)).join("\n");

  it("for jobs", () => {
    fc.assert(
      fc.property(jobSpecArb, secretArb, (spec, secret) => {
        setPasswords(spec, secret);
        return !all([exportJobRestJson(spec), exportJobAzCli(spec), exportJobPython(spec), exportJobCSharp(spec)]).includes(secret);
      }),
      { numRuns: 150 },
    );
  });

  it("for tasks", () => {
    fc.assert(
      fc.property(taskSpecArb, secretArb, (spec, secret) => {
        setPasswords(spec, secret);
        return !all([exportTaskRestJson("j", spec), exportTaskAzCli("j", spec), exportTaskPython("j", spec), exportTaskCSharp("j", spec)]).includes(secret);
      }),
      { numRuns: 150 },
    );
  });
});
