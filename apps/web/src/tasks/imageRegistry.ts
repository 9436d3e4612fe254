import { normalizeRegistryHost, parseImageReference, type PoolDetails, type TaskSpec } from "@batch-studio/shared";

/**
 * Which registry login a task's image would be pulled with. Batch picks the pool's registry entry
 * whose server is the image's host, so a task may omit its own registry in that case; the portal
 * uses the same match to know whose password the operator is asked for.
 */
export type ImageRegistry =
  /** One of the pool's registries, with a user name: the operator can type the password to read the image. */
  | { kind: "poolPassword"; server: string; username: string }
  /** One of the pool's registries, logged in with a managed identity: the portal cannot act as it. */
  | { kind: "poolIdentity"; server: string }
  /** Not one of the pool's: the task would have to carry its own registry login. */
  | { kind: "taskOwn"; server: string };

export function imageRegistry(image: string, poolRegistries: PoolDetails["registries"]): ImageRegistry | undefined {
  const parsed = parseImageReference(image.trim());
  if (!parsed.ok) return undefined;
  const host = parsed.value.registryHost;
  const pool = poolRegistries.find((r) => normalizeRegistryHost(r.server) === host);
  // The BFF lists a registry without a user name only when Batch has an identityReference for it.
  if (pool) return pool.username ? { kind: "poolPassword", server: pool.server, username: pool.username } : { kind: "poolIdentity", server: pool.server };
  // As the image names it (Docker Hub images may name no host: Batch's default server is docker.io).
  return { kind: "taskOwn", server: parsed.value.registry ?? "docker.io" };
}

/**
 * The task as it is sent: when the pool already logs in to the image's registry, Batch uses that
 * login and the task carries none, so no password typed on this page travels with the task.
 */
export function taskForPool(task: TaskSpec, registry: ImageRegistry | undefined): TaskSpec {
  if (!task.containerSettings?.registry || registry?.kind === "taskOwn") return task;
  const { registry: _dropped, ...containerSettings } = task.containerSettings;
  return { ...task, containerSettings };
}
