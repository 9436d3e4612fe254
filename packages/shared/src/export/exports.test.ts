import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poolSpecArb } from "../testing/arbitraries";
import { exportAzCli } from "./az-cli";
import { exportCSharp } from "./csharp";
import { exportPython } from "./python";
import { exportRestJson, toRestPoolBody } from "./rest-json";
import { seedPools } from "./seed-pools";

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), "__golden__");
const update = process.env.UPDATE_GOLDEN === "1";

/** Compares with the checked-in golden file; UPDATE_GOLDEN=1 rewrites it after a reviewed change. */
const matchGolden = (name: string, actual: string) => {
  const file = join(goldenDir, name);
  if (update || !existsSync(file)) {
    if (!update) throw new Error(`missing golden file ${name}; run with UPDATE_GOLDEN=1 and review it`);
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
};

const exporters = {
  "rest.json": exportRestJson,
  "az.sh": (spec: Parameters<typeof exportRestJson>[0]) => {
    const az = exportAzCli(spec);
    return `${az.command}\n# ---- ${az.fileName} ----\n${az.fileContent}`;
  },
  py: exportPython,
  cs: exportCSharp,
};

describe("exporters: golden files for the seed pools", () => {
  for (const [name, spec] of Object.entries(seedPools)) {
    for (const [ext, exporter] of Object.entries(exporters)) {
      it(`${name}.${ext}`, () => matchGolden(`${name}.${ext}`, exporter(spec)));
    }
  }
});

describe("exporters", () => {
  it("REST JSON uses the wire names: username, nodeAgentSKUId, containerConfiguration.type", () => {
    const body = toRestPoolBody(seedPools.privateAcrPrefetch) as {
      virtualMachineConfiguration: Record<string, unknown>;
    };
    expect(body.virtualMachineConfiguration.nodeAgentSKUId).toBe("batch.node.ubuntu 16.04");
    expect(body.virtualMachineConfiguration.containerConfiguration).toEqual({
      type: "dockerCompatible",
      containerImageNames: ["myContainerRegistry.azurecr.io/tensorflow/tensorflow:latest-gpu"],
      containerRegistries: [
        {
          registryServer: "myContainerRegistry.azurecr.io",
          username: "myUserName",
          password: "${REGISTRY_PASSWORD_MYCONTAINERREGISTRY_AZURECR_IO}",
        },
      ],
    });
    expect(toRestPoolBody(seedPools.noPrefetchUbuntu)).toMatchObject({
      virtualMachineConfiguration: { containerConfiguration: { type: "dockerCompatible" } },
    });
  });

  it("az export asks for Entra sign-in, and says why for gallery pools", () => {
    expect(exportAzCli(seedPools.sigWithStartTask).command).toMatch(
      /az login\naz batch account login .*\n[\s\S]*Shared Key|Shared Key[\s\S]*az login/,
    );
    expect(exportAzCli(seedPools.noPrefetchUbuntu).command).not.toMatch(/Shared Image Gallery/);
    expect(
      exportAzCli(seedPools.noPrefetchUbuntu, { accountName: "acct", resourceGroup: "rg" }).command,
    ).toContain("--name acct --resource-group rg");
  });

  it("every export installs the pool's application packages, a missing version left to the default", () => {
    const spec = { ...seedPools.noPrefetchUbuntu, applicationPackages: [{ applicationId: "ffmpeg", version: "6.1" }, { applicationId: "blender" }] };
    expect(toRestPoolBody(spec)).toMatchObject({ applicationPackageReferences: [{ applicationId: "ffmpeg", version: "6.1" }, { applicationId: "blender" }] });
    expect(exportAzCli(spec).fileContent).toContain('"applicationPackageReferences"');
    const python = exportPython(spec);
    expect(python).toContain("application_package_references=[");
    expect(python).toMatch(/ApplicationPackageReference\(\s*application_id='ffmpeg',\s*version='6\.1'\)/);
    expect(python).toMatch(/ApplicationPackageReference\(\s*application_id='blender'\)/);
    expect(exportCSharp(spec)).toContain(
      'new ApplicationPackageReference { ApplicationId = "ffmpeg", Version = "6.1" }',
    );
    expect(exportCSharp(spec)).toContain('new ApplicationPackageReference { ApplicationId = "blender" }');
  });

  it("no export ever contains a registry password", () => {
    const secretArb = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((s) => `Secret-${s}`);
    fc.assert(
      fc.property(poolSpecArb, secretArb, (spec, secret) => {
        const withSecret = structuredClone(spec);
        for (const r of withSecret.container?.registries ?? [])
          if (r.auth.kind === "password") r.auth.password = secret;
        const startRegistry = withSecret.startTask?.containerSettings?.registry;
        if (startRegistry?.auth.kind === "password") startRegistry.auth.password = secret;
        const az = exportAzCli(withSecret);
        const all = [
          exportRestJson(withSecret),
          az.command,
          az.fileContent,
          exportPython(withSecret),
          exportCSharp(withSecret),
        ].join("\n");
        return !all.includes(secret);
      }),
      { numRuns: 300 },
    );
    expect(exportCSharp(seedPools.privateAcrPrefetch)).not.toContain("myPassword");
  });
});
