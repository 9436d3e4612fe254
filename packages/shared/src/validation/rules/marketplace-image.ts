import type { ImagePartFacts } from "../pool-facts";
import { setFix, type Rule } from "../rule";

const DAY_MS = 86_400_000;
/** How close an image's end of Batch support is "soon": the rule's info and the picker's badge agree. */
export const END_OF_LIFE_SOON_DAYS = 90;
const DOCKER_COMPATIBLE = "DockerCompatible";

const imageName = ({ spec }: ImagePartFacts): string =>
  spec.image.kind === "marketplace" ? `${spec.image.publisher}/${spec.image.offer}/${spec.image.sku}` : "";

export const marketplaceNotOffered: Rule<ImagePartFacts> = {
  code: "image.marketplace.notOffered",
  area: "marketplace image",
  level: "error",
  summary: "The Marketplace image (publisher/offer/sku) is in the account's list of supported images.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": use one of the supported images; Batch lists them with GET /supportedimages (List node agent SKUs).',
  check: (facts, emit) => {
    const { spec, context } = facts;
    if (spec.image.kind !== "marketplace" || !context.supportedImages || facts.marketplaceImage) return;
    emit(
      ["image"],
      `This Batch account does not offer the image ${imageName(facts)}; pick an image from the supported images list.`,
    );
  },
};

export const marketplaceDockerCompatible: Rule<ImagePartFacts> = {
  code: "image.marketplace.notDockerCompatible",
  area: "marketplace image",
  level: "error",
  summary:
    "A container pool's Marketplace image carries the DockerCompatible capability (when the image list is known).",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": container workloads need one of the supported Windows or Linux container images.',
  check: (facts, emit) => {
    const image = facts.marketplaceImage;
    if (!facts.isContainerPool || !image || image.capabilities.includes(DOCKER_COMPATIBLE)) return;
    emit(
      ["image"],
      `The image ${imageName(facts)} has no DockerCompatible capability, so container tasks cannot run on it; choose a container image such as microsoft-azure-batch/ubuntu-server-container.`,
    );
  },
};

export const marketplaceEndOfLifePassed: Rule<ImagePartFacts> = {
  code: "image.marketplace.endOfLifePassed",
  area: "marketplace image",
  level: "warning",
  summary: "The image's batchSupportEndOfLife date has passed.",
  source: "Batch REST ImageInformation.batchSupportEndOfLife",
  check: (facts, emit) => {
    const eol = facts.marketplaceImage?.batchSupportEndOfLife;
    if (!eol || Date.parse(eol) > facts.now) return;
    emit(
      ["image"],
      `Batch support for ${imageName(facts)} ended on ${eol.slice(0, 10)}; choose a newer image.`,
    );
  },
};

export const marketplaceEndOfLifeSoon: Rule<ImagePartFacts> = {
  code: "image.marketplace.endOfLifeSoon",
  area: "marketplace image",
  level: "info",
  summary: "The image's batchSupportEndOfLife date is within 90 days.",
  source: "Batch REST ImageInformation.batchSupportEndOfLife",
  check: (facts, emit) => {
    const eol = facts.marketplaceImage?.batchSupportEndOfLife;
    const end = eol ? Date.parse(eol) : NaN;
    if (!(end > facts.now && end - facts.now <= END_OF_LIFE_SOON_DAYS * DAY_MS)) return;
    emit(
      ["image"],
      `Batch support for ${imageName(facts)} ends on ${eol!.slice(0, 10)}; plan a move to a newer image.`,
    );
  },
};

export const marketplaceNodeAgentSku: Rule<ImagePartFacts> = {
  code: "image.marketplace.nodeAgentSkuMismatch",
  area: "marketplace image",
  level: "error",
  summary: "nodeAgentSkuId is the one Batch lists for the Marketplace image.",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": make sure the OS type and SKU match the version given in --node-agent-sku-id.',
  check: ({ spec, marketplaceImage }, emit) => {
    if (
      !marketplaceImage ||
      spec.nodeAgentSkuId === undefined ||
      marketplaceImage.nodeAgentSkuId.toLowerCase() === spec.nodeAgentSkuId.toLowerCase()
    )
      return;
    const right = marketplaceImage.nodeAgentSkuId;
    emit(
      ["nodeAgentSkuId"],
      `This image runs with the node agent SKU "${right}", not "${spec.nodeAgentSkuId}".`,
      {
        fix: setFix(`Use node agent SKU "${right}"`, ["nodeAgentSkuId"], right),
      },
    );
  },
};

export const marketplaceImageRules = [
  marketplaceNotOffered,
  marketplaceDockerCompatible,
  marketplaceEndOfLifePassed,
  marketplaceEndOfLifeSoon,
  marketplaceNodeAgentSku,
];
