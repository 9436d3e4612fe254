/**
 * Registry passwords are kept (pulls need them) but never sent back: Batch omits them on reads,
 * and secrets must not appear in any response. Returns the same object when there is nothing to
 * hide, so list pages keep their cached JSON.
 */
import type { ContainerRegistryWire } from "./types";

type Registry = ContainerRegistryWire | undefined;

const hide = (r: Registry): Registry => (r && r.password !== undefined ? { ...r, password: undefined } : r);
const hasSecret = (r: Registry) => r?.password !== undefined;

interface WithSecrets {
  containerSettings?: { registry?: ContainerRegistryWire };
  startTask?: { containerSettings?: { registry?: ContainerRegistryWire } };
  virtualMachineConfiguration?: {
    containerConfiguration?: { containerRegistries?: ContainerRegistryWire[] };
  };
}

export function withoutSecrets<T extends object>(wire: T): T {
  const w = wire as WithSecrets;
  const registries = w.virtualMachineConfiguration?.containerConfiguration?.containerRegistries;
  const secret =
    hasSecret(w.containerSettings?.registry) ||
    hasSecret(w.startTask?.containerSettings?.registry) ||
    !!registries?.some(hasSecret);
  if (!secret) return wire;
  const out = { ...w } as WithSecrets;
  if (w.containerSettings?.registry)
    out.containerSettings = { ...w.containerSettings, registry: hide(w.containerSettings.registry) };
  if (w.startTask?.containerSettings?.registry)
    out.startTask = {
      ...w.startTask,
      containerSettings: {
        ...w.startTask.containerSettings,
        registry: hide(w.startTask.containerSettings.registry),
      },
    };
  if (registries && w.virtualMachineConfiguration?.containerConfiguration)
    out.virtualMachineConfiguration = {
      ...w.virtualMachineConfiguration,
      containerConfiguration: {
        ...w.virtualMachineConfiguration.containerConfiguration,
        containerRegistries: registries.map((r) => hide(r)!),
      },
    };
  return out as T;
}
