import { toPoolAddParameter } from "../convert/pool";
import type { ContainerRegistry, PoolAddParameter } from "../convert/batch-models";
import type { PoolSpec } from "../pool-spec";
import { passwordEnvVar } from "./secrets";

/** ContainerRegistry on the wire: the SDK's `userName` is sent as `username` (docs/azure-batch-notes.md#wire-protocol). */
export const toWireRegistry = (registry: ContainerRegistry): Record<string, unknown> => {
  const { userName, password, registryServer, identityReference } = registry;
  const wire: Record<string, unknown> = {};
  if (registryServer !== undefined) wire.registryServer = registryServer;
  if (userName !== undefined) wire.username = userName;
  if (password !== undefined) wire.password = `\${${passwordEnvVar(registryServer ?? "docker.io")}}`;
  if (identityReference !== undefined) wire.identityReference = identityReference;
  return wire;
};

/**
 * The `POST /pools` body as JSON on the wire (also the `az batch pool create --json-file` format).
 * Registry passwords are `${REGISTRY_PASSWORD_…}` placeholders (fill them with envsubst).
 */
export const toRestPoolBody = (spec: PoolSpec): Record<string, unknown> => {
  const body: PoolAddParameter = toPoolAddParameter(spec);
  const json = JSON.parse(JSON.stringify(body)) as Record<string, unknown> & {
    virtualMachineConfiguration: { containerConfiguration?: { containerRegistries?: ContainerRegistry[] } };
    startTask?: { containerSettings?: { registry?: ContainerRegistry } };
  };
  const containerConfiguration = json.virtualMachineConfiguration.containerConfiguration;
  if (containerConfiguration?.containerRegistries) {
    containerConfiguration.containerRegistries = containerConfiguration.containerRegistries.map(
      toWireRegistry,
    ) as ContainerRegistry[];
  }
  const startRegistry = json.startTask?.containerSettings?.registry;
  if (startRegistry && json.startTask?.containerSettings)
    json.startTask.containerSettings.registry = toWireRegistry(startRegistry) as ContainerRegistry;
  return json;
};

export const exportRestJson = (spec: PoolSpec): string =>
  `${JSON.stringify(toRestPoolBody(spec), null, 2)}\n`;
