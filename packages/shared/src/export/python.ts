import { parseIsoDuration } from "../grammar/iso-duration";
import type { PoolSpec, StartTaskSpec } from "../pool-spec";
import type { RegistrySpec } from "../registry-spec";
import type { ContainerSettingsSpec, EnvironmentVariable } from "../task-spec";
import { argumentLines, durationParts, pyString } from "./code-writer";
import { passwordEnvVar } from "./secrets";

/** Python (azure-batch) in the Microsoft Learn samples' shape: ImageReference, ContainerConfiguration, VirtualMachineConfiguration, PoolAddParameter. */

const call = (fn: string, args: [string, string][], indent = "    "): string =>
  args.length === 0 ? `${fn}()` : `${fn}(\n${argumentLines(args, indent, "=", ")")}`;

const registry = (r: RegistrySpec, indent: string): string =>
  r.auth.kind === "password"
    ? call(
        "batchmodels.ContainerRegistry",
        [
          ["registry_server", pyString(r.server)],
          ["user_name", pyString(r.auth.username)],
          ["password", `os.environ[${pyString(passwordEnvVar(r.server))}]`],
        ],
        indent,
      )
    : call(
        "batchmodels.ContainerRegistry",
        [
          ["registry_server", pyString(r.server)],
          [
            "identity_reference",
            `batchmodels.ComputeNodeIdentityReference(resource_id=${pyString(r.auth.identityResourceId)})`,
          ],
        ],
        indent,
      );

const list = (items: string[], indent: string): string =>
  items.length === 0 ? "[]" : `[\n${items.map((i) => `${indent}    ${i}`).join(",\n")}]`;

const env = (vars: EnvironmentVariable[], indent: string): string =>
  list(
    vars.map((v) => `batchmodels.EnvironmentSetting(name=${pyString(v.name)}, value=${pyString(v.value)})`),
    indent,
  );

const containerSettings = (s: ContainerSettingsSpec): string => {
  const args: [string, string][] = [["image_name", pyString(s.imageName)]];
  if (s.runOptions) args.push(["container_run_options", pyString(s.runOptions)]);
  if (s.registry) args.push(["registry", registry(s.registry, "            ")]);
  args.push(["working_directory", pyString(s.workingDirectory)]);
  return call("batchmodels.TaskContainerSettings", args, "        ");
};

const startTask = (t: StartTaskSpec): string => {
  const args: [string, string][] = [["command_line", pyString(t.commandLine)]];
  if (t.containerSettings) args.push(["container_settings", containerSettings(t.containerSettings)]);
  if (t.env.length) args.push(["environment_settings", env(t.env, "    ")]);
  args.push(
    [
      "user_identity",
      `batchmodels.UserIdentity(\n        auto_user=batchmodels.AutoUserSpecification(\n            scope='pool',\n            elevation_level=${t.elevated ? "'admin'" : "'nonadmin'"}))`,
    ],
    ["max_task_retry_count", String(t.maxRetries)],
    ["wait_for_success", t.waitForSuccess ? "True" : "False"],
  );
  return `start_task = ${call("batchmodels.StartTask", args)}\n\n`;
};

export const exportPython = (spec: PoolSpec): string => {
  const usesEnv =
    spec.container?.registries.some((r) => r.auth.kind === "password") ||
    spec.startTask?.containerSettings?.registry?.auth.kind === "password";
  let out = "import datetime\n";
  if (usesEnv) out += "import os\n";
  out +=
    "\nimport azure.batch.models as batchmodels\n\n# client = azure.batch.BatchServiceClient(credentials, batch_url=...)  (sign in with Microsoft Entra ID)\n\n";
  if (usesEnv) out += "# Registry passwords are read from the environment, never written in code.\n";
  const image = spec.image;
  out +=
    image.kind === "marketplace"
      ? `image_ref_to_use = ${call("batchmodels.ImageReference", [
          ["publisher", pyString(image.publisher)],
          ["offer", pyString(image.offer)],
          ["sku", pyString(image.sku)],
          ["version", pyString(image.version)],
        ])}\n\n`
      : `image_ref_to_use = ${call("batchmodels.ImageReference", [["virtual_machine_image_id", pyString(image.imageId)]])}\n\n`;
  if (spec.container) {
    out += "# Container configuration is required for a container pool, even with no prefetched images.\n";
    const args: [string, string][] = [["type", "'dockerCompatible'"]];
    if (spec.container.prefetchImages.length)
      args.push(["container_image_names", list(spec.container.prefetchImages.map(pyString), "    ")]);
    if (spec.container.registries.length)
      args.push([
        "container_registries",
        list(
          spec.container.registries.map((r) => registry(r, "            ")),
          "    ",
        ),
      ]);
    out += `container_conf = ${call("batchmodels.ContainerConfiguration", args)}\n\n`;
  }
  if (spec.startTask) out += startTask(spec.startTask);
  const vmArgs: [string, string][] = [["image_reference", "image_ref_to_use"]];
  if (spec.container) vmArgs.push(["container_configuration", "container_conf"]);
  vmArgs.push(["node_agent_sku_id", pyString(spec.nodeAgentSkuId)]);
  const timeout = durationParts(parseIsoDuration(spec.scale.resizeTimeout) ?? 900_000);
  const poolArgs: [string, string][] = [["id", pyString(spec.id)]];
  if (spec.displayName !== undefined) poolArgs.push(["display_name", pyString(spec.displayName)]);
  poolArgs.push(
    ["virtual_machine_configuration", call("batchmodels.VirtualMachineConfiguration", vmArgs, "        ")],
    ["vm_size", pyString(spec.vmSize)],
    ["target_dedicated_nodes", String(spec.scale.dedicated)],
    ["target_low_priority_nodes", String(spec.scale.spot)],
    ["resize_timeout", `datetime.timedelta(${timeout.unit}=${timeout.amount})`],
    ["task_slots_per_node", String(spec.taskSlotsPerNode)],
  );
  if (spec.startTask) poolArgs.push(["start_task", "start_task"]);
  if (spec.applicationPackages?.length)
    poolArgs.push([
      "application_package_references",
      list(
        spec.applicationPackages.map((r) => {
          const args: [string, string][] = [["application_id", pyString(r.applicationId)]];
          if (r.version) args.push(["version", pyString(r.version)]);
          return call("batchmodels.ApplicationPackageReference", args, "            ");
        }),
        "    ",
      ),
    ]);
  if (spec.metadata.length)
    poolArgs.push([
      "metadata",
      list(
        spec.metadata.map(
          (m) => `batchmodels.MetadataItem(name=${pyString(m.name)}, value=${pyString(m.value)})`,
        ),
        "    ",
      ),
    ]);
  out += `new_pool = ${call("batchmodels.PoolAddParameter", poolArgs)}\n\nclient.pool.add(new_pool)\n`;
  return out;
};
