import { isDockerHubOfficialImage } from "../../grammar/image-reference";
import { DOCKER_HUB } from "../../grammar/host";
import type { ContainerPartFacts, PoolFacts } from "../pool-facts";
import { setFix, type Rule } from "../rule";

const imagePath = (index: number) => ["container", "prefetchImages", index];

export const containerConfigurationRequired: Rule<ContainerPartFacts> = {
  code: "container.configurationRequired",
  area: "containers",
  level: "info",
  summary:
    "A container pool with no prefetch images is fine: containerConfiguration is still sent, and tasks pull their images on first run.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": Specify container configuration. This is required even though there are no prefetched images.',
  check: ({ spec }, emit) => {
    if (spec.container && spec.container.prefetchImages.length === 0) {
      emit(
        ["container", "prefetchImages"],
        "No images are prefetched: the pool is still created with a container configuration, and each task pulls its image when it first runs on a node. Prefetch images to make first runs faster.",
      );
    }
  },
};

export const prefetchImageReference: Rule<ContainerPartFacts> = {
  code: "container.imageReference",
  area: "containers",
  level: "error",
  summary:
    "Each prefetch image follows the distribution reference grammar ([host[:port]/]lowercase/path[:tag][@digest], no scheme).",
  source:
    "Batch REST ContainerConfiguration.containerImageNames: the full image reference, as given to docker pull.",
  check: ({ prefetch }, emit) => {
    for (const image of prefetch) {
      if (!image.parsed.ok)
        emit(imagePath(image.index), `Fix the image reference "${image.reference}": ${image.parsed.reason}.`);
    }
  },
};

export const prefetchImageWithoutCredentials: Rule<ContainerPartFacts> = {
  code: "container.imageWithoutCredentials",
  area: "containers",
  level: "warning",
  summary:
    "A prefetch image whose registry has no credentials in the pool only works if it is public (Docker Hub official images are skipped).",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": to prefetch from a private registry, authenticate with the registry server.',
  check: ({ prefetch, registryHosts }, emit) => {
    for (const image of prefetch) {
      if (
        !image.parsed.ok ||
        registryHosts.has(image.parsed.value.registryHost) ||
        isDockerHubOfficialImage(image.parsed.value)
      )
        continue;
      const host = image.parsed.value.registryHost;
      emit(
        imagePath(image.index),
        `No credentials are configured for ${host}; this works only if "${image.reference}" is public. Add a registry for ${host} if it is private.`,
      );
    }
  },
};

export const dockerHubHostRequired: Rule<ContainerPartFacts> = {
  code: "container.dockerHubHostRequired",
  area: "containers",
  level: "warning",
  summary:
    "With Docker Hub credentials configured, private Docker Hub images are written docker.io/<namespace>/<repo>.",
  source: "operator experience: Batch picks credentials by the host written in the image name.",
  check: ({ prefetch, registryHosts }, emit) => {
    if (!registryHosts.has(DOCKER_HUB)) return;
    for (const image of prefetch) {
      if (
        !image.parsed.ok ||
        image.parsed.value.registry !== undefined ||
        isDockerHubOfficialImage(image.parsed.value)
      )
        continue;
      const fixed = `docker.io/${image.reference}`;
      emit(
        imagePath(image.index),
        `Write "${fixed}" so the node logs in to Docker Hub with the configured credentials before pulling this private image.`,
        {
          fix: setFix(`Change to ${fixed}`, imagePath(image.index), fixed),
        },
      );
    }
  },
};

export const prefetchImageProbe: Rule<ContainerPartFacts> = {
  code: "container.imageNotPullable",
  area: "containers",
  level: "error",
  summary: "Each prefetch image exists and the configured credentials may pull it (registry lookup).",
  source: "operator experience: a missing prefetch image makes nodes unusable.",
  check: ({ prefetch, imageProbes }, emit) => {
    for (const image of prefetch) {
      const probe =
        imageProbes.get(image.reference) ?? (image.canonical ? imageProbes.get(image.canonical) : undefined);
      if (probe?.status === "notFound") {
        emit(
          imagePath(image.index),
          `"${image.reference}" was not found in its registry; check the repository name and tag.`,
        );
      } else if (probe?.status === "unauthorized") {
        emit(
          imagePath(image.index),
          `The registry refused to let the configured credentials pull "${image.reference}"; check the registry user's pull permission.`,
        );
      }
    }
  },
};

export const customImageNeedsDocker: Rule<PoolFacts> = {
  code: "container.customImageNeedsDocker",
  area: "containers",
  level: "info",
  summary:
    "A container pool on a gallery (custom) image needs Docker installed in that image: Batch installs a container runtime only on its container Marketplace images.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": the Batch container images come with the Moby container runtime preinstalled; for Docker support on a custom image, install Docker CE or Docker EE.',
  check: ({ spec, isContainerPool }, emit) => {
    if (!isContainerPool || spec.image.kind !== "gallery") return;
    emit(
      ["image", "imageId"],
      "Batch does not install Docker on custom images: make sure this image has a Docker-compatible container runtime (Moby, Docker CE or Docker EE) installed, or the pool's nodes cannot run its containers.",
    );
  },
};

/** The rules that read the container part alone (they also judge a draft: validatePoolDraft). */
export const containerPartRules = [
  containerConfigurationRequired,
  prefetchImageReference,
  prefetchImageWithoutCredentials,
  dockerHubHostRequired,
  prefetchImageProbe,
];

export const containerRules = [...containerPartRules, customImageNeedsDocker];
