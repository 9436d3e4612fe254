import { parseIsoDuration } from "../grammar/iso-duration";
import type { PoolSpec, StartTaskSpec } from "../pool-spec";
import type { RegistrySpec } from "../registry-spec";
import type { ContainerSettingsSpec, EnvironmentVariable } from "../task-spec";
import { argumentLines, csString, durationParts } from "./code-writer";
import { passwordEnvVar } from "./secrets";

/** C# (Microsoft.Azure.Batch) in the Microsoft Learn samples' shape, ending with CreatePool and pool.Commit(). */

const ctor = (type: string, args: [string, string][], indent = "    "): string =>
  `new ${type}(\n${argumentLines(args, indent, ": ", ")")}`;

const registry = (r: RegistrySpec, indent = "    "): string =>
  r.auth.kind === "password"
    ? ctor(
        "ContainerRegistry",
        [
          ["registryServer", csString(r.server)],
          ["userName", csString(r.auth.username)],
          ["password", `Environment.GetEnvironmentVariable(${csString(passwordEnvVar(r.server))})`],
        ],
        indent,
      )
    : ctor(
        "ContainerRegistry",
        [
          ["registryServer", csString(r.server)],
          [
            "identityReference",
            `new ComputeNodeIdentityReference { ResourceId = ${csString(r.auth.identityResourceId)} }`,
          ],
        ],
        indent,
      );

const list = (type: string, items: string[], indent: string): string =>
  `new List<${type}> {\n${items.map((i) => `${indent}    ${i}`).join(",\n")} }`;

const env = (vars: EnvironmentVariable[]): string =>
  list(
    "EnvironmentSetting",
    vars.map((v) => `new EnvironmentSetting(${csString(v.name)}, ${csString(v.value)})`),
    "    ",
  );

const workingDirectory = (s: ContainerSettingsSpec) =>
  s.workingDirectory === "containerImageDefault"
    ? "ContainerWorkingDirectory.ContainerImageDefault"
    : "ContainerWorkingDirectory.TaskWorkingDirectory";

const containerSettings = (s: ContainerSettingsSpec): string => {
  const args: [string, string][] = [["imageName", csString(s.imageName)]];
  if (s.runOptions) args.push(["containerRunOptions", csString(s.runOptions)]);
  if (s.registry) args.push(["registry", registry(s.registry, "            ")]);
  args.push(["workingDirectory", workingDirectory(s)]);
  return ctor("TaskContainerSettings", args, "        ");
};

const startTask = (t: StartTaskSpec): string => {
  const elevation = t.elevated ? "ElevationLevel.Admin" : "ElevationLevel.NonAdmin";
  const props = [
    `    UserIdentity = new UserIdentity(new AutoUserSpecification(scope: AutoUserScope.Pool, elevationLevel: ${elevation}))`,
    `    WaitForSuccess = ${t.waitForSuccess ? "true" : "false"}`,
    `    MaxTaskRetryCount = ${t.maxRetries}`,
  ];
  if (t.env.length) props.push(`    EnvironmentSettings = ${env(t.env)}`);
  if (t.containerSettings) props.push(`    ContainerSettings = ${containerSettings(t.containerSettings)}`);
  return `// Start task (runs ${t.containerSettings ? "in a container" : "on the node host"})\nStartTask startTask = new StartTask(commandLine: ${csString(t.commandLine)})\n{\n${props.join(",\n")}\n};\n\n`;
};

export const exportCSharp = (spec: PoolSpec): string => {
  const usesEnv =
    spec.container?.registries.some((r) => r.auth.kind === "password") ||
    spec.startTask?.containerSettings?.registry?.auth.kind === "password";
  let out =
    "using System;\nusing System.Collections.Generic;\nusing Microsoft.Azure.Batch;\nusing Microsoft.Azure.Batch.Common;\n\n";
  out +=
    "// batchClient: BatchClient.Open(new BatchTokenCredentials(batchUrl, tokenProvider))  (Microsoft Entra ID sign-in)\n";
  if (usesEnv) out += "// Registry passwords are read from the environment, never written in code.\n";
  out += "\n";
  const image = spec.image;
  out +=
    image.kind === "marketplace"
      ? `ImageReference imageReference = ${ctor("ImageReference", [
          ["publisher", csString(image.publisher)],
          ["offer", csString(image.offer)],
          ["sku", csString(image.sku)],
          ["version", csString(image.version)],
        ])};\n\n`
      : `ImageReference imageReference = ${ctor("ImageReference", [["virtualMachineImageId", csString(image.imageId)]])};\n\n`;
  const registries = spec.container?.registries ?? [];
  registries.forEach((r, i) => {
    out += `${i === 0 ? "// Specify a container registry\n" : ""}ContainerRegistry containerRegistry${i + 1} = ${registry(r)};\n\n`;
  });
  if (spec.container) {
    out += "// Container configuration is required for a container pool, even with no prefetched images\n";
    const props: string[] = [];
    if (spec.container.prefetchImages.length)
      props.push(
        `    ContainerImageNames = ${list("string", spec.container.prefetchImages.map(csString), "    ")}`,
      );
    if (registries.length)
      props.push(
        `    ContainerRegistries = new List<ContainerRegistry> { ${registries.map((_, i) => `containerRegistry${i + 1}`).join(", ")} }`,
      );
    out += `ContainerConfiguration containerConfig = new ContainerConfiguration${props.length ? `\n{\n${props.join(",\n")}\n}` : "()"};\n\n`;
  }
  out += "// VM configuration\n";
  out += `VirtualMachineConfiguration virtualMachineConfiguration = ${ctor("VirtualMachineConfiguration", [
    ["imageReference", "imageReference"],
    ["nodeAgentSkuId", csString(spec.nodeAgentSkuId)],
  ])}`;
  out += spec.container ? "\n{\n    ContainerConfiguration = containerConfig\n};\n\n" : ";\n\n";
  if (spec.startTask) out += startTask(spec.startTask);
  const timeout = durationParts(parseIsoDuration(spec.scale.resizeTimeout) ?? 900_000);
  const unit = { hours: "FromHours", minutes: "FromMinutes", seconds: "FromSeconds" }[timeout.unit];
  out += "// Create pool\n";
  out += `CloudPool pool = batchClient.PoolOperations.CreatePool(\n${argumentLines(
    [
      ["poolId", csString(spec.id)],
      ["virtualMachineSize", csString(spec.vmSize)],
      ["virtualMachineConfiguration", "virtualMachineConfiguration"],
      ["targetDedicatedComputeNodes", String(spec.scale.dedicated)],
      ["targetLowPriorityComputeNodes", String(spec.scale.spot)],
    ],
    "    ",
    ": ",
    ");",
  )}\n`;
  if (spec.displayName !== undefined) out += `pool.DisplayName = ${csString(spec.displayName)};\n`;
  out += `pool.ResizeTimeout = TimeSpan.${unit}(${timeout.amount});\npool.TaskSlotsPerNode = ${spec.taskSlotsPerNode};\n`;
  if (spec.startTask) out += "pool.StartTask = startTask;\n";
  if (spec.applicationPackages?.length)
    out += `pool.ApplicationPackageReferences = ${list(
      "ApplicationPackageReference",
      spec.applicationPackages.map(
        (r) => `new ApplicationPackageReference { ApplicationId = ${csString(r.applicationId)}${r.version ? `, Version = ${csString(r.version)}` : ""} }`,
      ),
      "",
    )};\n`;
  if (spec.metadata.length)
    out += `pool.Metadata = ${list(
      "MetadataItem",
      spec.metadata.map((m) => `new MetadataItem(${csString(m.name)}, ${csString(m.value)})`),
      "",
    )};\n`;
  out += "\npool.Commit();\n";
  return out;
};
