import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobScheduleSpec } from "../job-schedule-spec";
import { jobScheduleSpecArb } from "../testing/arbitraries";
import {
  exportJobScheduleAzCli,
  exportJobSchedulePython,
  exportJobScheduleRestJson,
  toRestJobScheduleBody,
} from "./job-schedule";

const withManagerRegistry = JobScheduleSpec.parse({
  id: "nightly",
  schedule: { doNotRunUntil: "2026-12-24T18:00:00+01:00", recurrenceInterval: "P1D" },
  jobSpecification: {
    poolId: "p",
    jobManagerTask: {
      id: "manager",
      commandLine: "run",
      containerSettings: {
        imageName: "myacr.azurecr.io/report:1",
        registry: {
          server: "myacr.azurecr.io",
          auth: { kind: "password", username: "u", password: "hunter2-secret" },
        },
      },
    },
  },
});

describe("job schedule exports", () => {
  it("REST JSON: dates as UTC ISO strings, wire registry names, the password a placeholder", () => {
    const body = toRestJobScheduleBody(withManagerRegistry) as {
      schedule: Record<string, unknown>;
      jobSpecification: { jobManagerTask: { containerSettings: { registry: Record<string, unknown> } } };
    };
    expect(body.schedule).toEqual({ doNotRunUntil: "2026-12-24T17:00:00.000Z", recurrenceInterval: "P1D" });
    expect(body.jobSpecification.jobManagerTask.containerSettings.registry).toEqual({
      registryServer: "myacr.azurecr.io",
      username: "u",
      password: "${REGISTRY_PASSWORD_MYACR_AZURECR_IO}",
    });
  });

  it("az: signs in with Entra, asks for the password, creates from the filled file", () => {
    const az = exportJobScheduleAzCli(withManagerRegistry, { accountName: "acct", resourceGroup: "rg" });
    expect(az.fileName).toBe("job-schedule.json");
    expect(az.command).toContain("az batch account login --name acct --resource-group rg");
    expect(az.command).toContain('read -rsp "REGISTRY_PASSWORD_MYACR_AZURECR_IO: "');
    expect(az.command).toContain(
      "az batch job-schedule create --json-file job-schedule.filled.json\nrm job-schedule.filled.json",
    );
    expect(az.fileContent).toBe(exportJobScheduleRestJson(withManagerRegistry));
  });

  it("Python: the REST body read by the SDK's model, the password from the environment", () => {
    const py = exportJobSchedulePython(withManagerRegistry);
    expect(py).toContain("batchmodels.JobScheduleAddParameter.from_dict(body)");
    expect(py).toContain("os.environ[placeholder.group(1)]");
    expect(py).toContain("${REGISTRY_PASSWORD_MYACR_AZURECR_IO}");
    const plain = JobScheduleSpec.parse({
      id: "plain",
      schedule: { recurrenceInterval: "PT1H" },
      jobSpecification: { poolId: "p" },
    });
    expect(exportJobSchedulePython(plain)).not.toContain("import os");
  });

  it("never contains a registry password", () => {
    const secretArb = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((s) => `Secret-${s}`);
    fc.assert(
      fc.property(jobScheduleSpecArb, secretArb, (input, secret) => {
        const spec = JobScheduleSpec.parse(input);
        for (const t of [spec.jobSpecification.jobManagerTask, spec.jobSpecification.jobPreparationTask]) {
          const r = t?.containerSettings?.registry;
          if (r?.auth.kind === "password") r.auth.password = secret;
        }
        const az = exportJobScheduleAzCli(spec);
        return ![exportJobScheduleRestJson(spec), exportJobSchedulePython(spec), az.command, az.fileContent]
          .join("\n")
          .includes(secret);
      }),
      { numRuns: 200 },
    );
  });
});
