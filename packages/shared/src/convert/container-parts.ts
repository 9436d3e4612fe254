import type { RegistrySpec } from "../registry-spec";
import type { ContainerSettingsSpec, EnvironmentVariable } from "../task-spec";
import type { ContainerRegistry, EnvironmentSetting, TaskContainerSettings } from "./batch-models";

/** Conversions for the parts pools, start tasks and tasks share. */

export const toContainerRegistry = (registry: RegistrySpec): ContainerRegistry =>
  registry.auth.kind === "password"
    ? { registryServer: registry.server, userName: registry.auth.username, password: registry.auth.password }
    : {
        registryServer: registry.server,
        identityReference: { resourceId: registry.auth.identityResourceId },
      };

/** Batch never returns passwords, so a password registry comes back with an empty one to re-enter. */
export const fromContainerRegistry = (registry: ContainerRegistry): RegistrySpec => {
  // registryServer defaults to docker.io on the service side.
  const server = registry.registryServer ?? "docker.io";
  const resourceId = registry.identityReference?.resourceId;
  return resourceId
    ? { server, auth: { kind: "identity", identityResourceId: resourceId } }
    : { server, auth: { kind: "password", username: registry.userName ?? "", password: "" } };
};

export const toContainerSettings = (settings: ContainerSettingsSpec): TaskContainerSettings => {
  const out: TaskContainerSettings = {
    imageName: settings.imageName,
    workingDirectory: settings.workingDirectory,
  };
  if (settings.runOptions !== "") out.containerRunOptions = settings.runOptions;
  if (settings.registry) out.registry = toContainerRegistry(settings.registry);
  return out;
};

export const fromContainerSettings = (settings: TaskContainerSettings): ContainerSettingsSpec => {
  const out: ContainerSettingsSpec = {
    imageName: settings.imageName,
    runOptions: settings.containerRunOptions ?? "",
    workingDirectory: settings.workingDirectory ?? "taskWorkingDirectory",
  };
  if (settings.registry) out.registry = fromContainerRegistry(settings.registry);
  return out;
};

export const toEnvironmentSettings = (env: EnvironmentVariable[]): EnvironmentSetting[] | undefined =>
  env.length === 0 ? undefined : env.map(({ name, value }) => ({ name, value }));

export const fromEnvironmentSettings = (env: EnvironmentSetting[] | undefined): EnvironmentVariable[] =>
  (env ?? []).map(({ name, value }) => ({ name, value: value ?? "" }));

/** Drops undefined-valued keys so JSON bodies and goldens stay minimal. */
export const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
