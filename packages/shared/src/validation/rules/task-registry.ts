import { DOCKER_HUB, normalizeRegistryHost } from "../../grammar/host";
import { isDockerHubOfficialImage } from "../../grammar/image-reference";
import { setFix, type Rule } from "../rule";
import type { TaskFacts } from "../task-facts";

const IMAGE = ["containerSettings", "imageName"];

/** Hosts the task can log in to: the pool's registries plus the task's own. */
const credentialHosts = ({ spec, context }: TaskFacts): Set<string> | undefined => {
  if (!context.pool) return undefined;
  const hosts = new Set(context.pool.registryServers.map(normalizeRegistryHost));
  const own = spec.containerSettings?.registry?.server;
  if (own) hosts.add(normalizeRegistryHost(own));
  return hosts;
};

export const taskImageWithoutCredentials: Rule<TaskFacts> = {
  code: "task.imageWithoutCredentials",
  area: "task",
  level: "warning",
  summary:
    "The task's image comes from a registry neither the pool nor the task has credentials for (fine only if public).",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": container settings include the image, the registry and the run options.',
  check: (facts, emit) => {
    const image = facts.image?.parsed;
    const hosts = credentialHosts(facts);
    if (!image?.ok || !hosts || hosts.has(image.value.registryHost) || isDockerHubOfficialImage(image.value))
      return;
    const host = image.value.registryHost;
    emit(
      IMAGE,
      `Neither pool "${facts.context.pool!.poolId}" nor this task has credentials for ${host}; this works only if the image is public. Add a registry to the task's container settings if it is private.`,
    );
  },
};

export const taskDockerHubHostRequired: Rule<TaskFacts> = {
  code: "task.dockerHubHostRequired",
  area: "task",
  level: "warning",
  summary:
    "With Docker Hub credentials configured, a private Docker Hub image is written docker.io/<namespace>/<repo>.",
  source: "operator experience: Batch picks credentials by the host written in the image name.",
  check: (facts, emit) => {
    const image = facts.image?.parsed;
    const hosts = credentialHosts(facts);
    if (!image?.ok || !hosts?.has(DOCKER_HUB) || image.value.registry !== undefined) return;
    if (isDockerHubOfficialImage(image.value)) return;
    const fixed = `docker.io/${facts.image!.reference}`;
    emit(
      IMAGE,
      `Write "${fixed}" so the node logs in to Docker Hub with the configured credentials before pulling this private image.`,
      {
        fix: setFix(`Change to ${fixed}`, IMAGE, fixed),
      },
    );
  },
};

export const taskRegistryRules = [taskImageWithoutCredentials, taskDockerHubHostRequired];
