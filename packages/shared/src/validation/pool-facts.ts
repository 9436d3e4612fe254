import {
  canonicalImageName,
  parseImageReference,
  type ImageReferenceParts,
} from "../grammar/image-reference";
import { checkRegistryServer, suggestRegistryServer } from "../grammar/registry-server";
import { normalizeRegistryHost } from "../grammar/host";
import { parseGalleryImageId, type GalleryImageId } from "../grammar/gallery-image-id";
import { osOfNodeAgentSku } from "../grammar/node-agent-sku";
import type { Parsed } from "../grammar/parsed";
import type { PoolSpec } from "../pool-spec";
import type {
  ImageProbeFact,
  OsType,
  SupportedImageFact,
  ValidationContext,
  VmSizeFact,
} from "../validation-context";

export interface PrefetchImageFact {
  index: number;
  reference: string;
  parsed: Parsed<ImageReferenceParts>;
  /** docker.io/library/ubuntu:latest form, when valid. */
  canonical?: string;
}

export interface RegistryFact {
  index: number;
  server: string;
  /** Normalised host when the server is a valid host. */
  host?: string;
}

/**
 * Everything the pool rules need, derived once per validatePool call so that 50 prefetch images
 * are parsed once, not once per rule.
 */
export interface PoolFacts {
  spec: PoolSpec;
  context: ValidationContext;
  now: number;
  isContainerPool: boolean;
  totalNodes: number;
  nodeAgentOs?: OsType;
  /** Best knowledge of the image's OS: the Marketplace row, the gallery image, else the node agent SKU. */
  imageOs?: OsType;
  marketplaceImage?: SupportedImageFact;
  galleryId?: Parsed<GalleryImageId>;
  vmSize?: VmSizeFact;
  prefetch: PrefetchImageFact[];
  registries: RegistryFact[];
  /**
   * Hosts with credentials, counting a server written as a URL as the host it names, so one
   * mistyped server gives one error (registry.serverFormat), not a warning per image too.
   */
  registryHosts: Set<string>;
  /** context.images by reference as written and by canonical name, built once. */
  imageProbes: Map<string, ImageProbeFact>;
}

/*
 * What the rules of one part of a pool spec read. Rules typed by a part's facts also run on a
 * draft whose other parts are missing or still wrong (validatePoolDraft), so e.g. a rejected
 * registry login shows while no VM size is chosen yet.
 */
export type IdPartFacts = { spec: Pick<PoolSpec, "id">; context: ValidationContext };
export type ContainerPartFacts = Pick<PoolFacts, "context" | "isContainerPool" | "prefetch" | "registries" | "registryHosts" | "imageProbes"> & {
  spec: Pick<PoolSpec, "container">;
};
export type ScalePartFacts = Pick<PoolFacts, "totalNodes"> & { spec: Pick<PoolSpec, "scale"> };
/**
 * The Image step's part: the image, and its node agent SKU once that is valid, with what the context
 * knows about them. What other parts decide (is it a container pool, how many nodes) is known only
 * once those parts parsed, so rules needing it stay silent on a draft without it.
 */
export type ImagePartFacts = Pick<PoolFacts, "context" | "now" | "nodeAgentOs" | "imageOs" | "marketplaceImage" | "galleryId"> & {
  spec: Pick<PoolSpec, "image"> & Partial<Pick<PoolSpec, "nodeAgentSkuId">>;
  isContainerPool?: boolean;
  totalNodes?: number;
};

export const indexImageProbes = (probes: readonly ImageProbeFact[] = []): Map<string, ImageProbeFact> => {
  const index = new Map<string, ImageProbeFact>();
  for (const probe of probes) {
    const parsed = parseImageReference(probe.reference);
    if (parsed.ok && !index.has(canonicalImageName(parsed.value)))
      index.set(canonicalImageName(parsed.value), probe);
  }
  // Exact spellings win over canonical matches.
  for (const probe of probes) index.set(probe.reference, probe);
  return index;
};

const sameText = (a: string | undefined, b: string | undefined) =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

export const findSupportedImage = (
  spec: Pick<PoolSpec, "image">,
  context: ValidationContext,
): SupportedImageFact | undefined => {
  const image = spec.image;
  if (image.kind !== "marketplace") return undefined;
  return context.supportedImages?.find(
    (row) =>
      sameText(row.publisher, image.publisher) &&
      sameText(row.offer, image.offer) &&
      sameText(row.sku, image.sku),
  );
};

/** The container part's facts: its prefetch images and registries, parsed once. */
export const deriveContainerFacts = (
  container: PoolSpec["container"],
  context: ValidationContext = {},
): ContainerPartFacts => {
  const prefetch = (container?.prefetchImages ?? []).map((reference, index): PrefetchImageFact => {
    const parsed = parseImageReference(reference);
    return parsed.ok
      ? { index, reference, parsed, canonical: canonicalImageName(parsed.value) }
      : { index, reference, parsed };
  });
  const registries = (container?.registries ?? []).map((registry, index): RegistryFact => {
    const checked = checkRegistryServer(registry.server);
    return checked.ok
      ? { index, server: registry.server, host: checked.value }
      : { index, server: registry.server };
  });
  return {
    spec: { container },
    context,
    isContainerPool: container !== undefined,
    prefetch,
    registries,
    imageProbes: indexImageProbes(context.images),
    registryHosts: new Set(
      registries.flatMap((r) => {
        const host = r.host ?? suggestRegistryServer(r.server);
        return host ? [normalizeRegistryHost(host)] : [];
      }),
    ),
  };
};

export const totalNodes = (scale: PoolSpec["scale"]): number => scale.dedicated + scale.spot;

/** The image part's facts (see ImagePartFacts); `spec` may be a whole pool spec. */
export const deriveImageFacts = (spec: ImagePartFacts["spec"], context: ValidationContext = {}): ImagePartFacts => {
  const marketplaceImage = findSupportedImage(spec, context);
  const galleryId = spec.image.kind === "gallery" ? parseGalleryImageId(spec.image.imageId) : undefined;
  const nodeAgentOs = spec.nodeAgentSkuId === undefined ? undefined : osOfNodeAgentSku(spec.nodeAgentSkuId);
  const galleryOs =
    spec.image.kind === "gallery" && context.galleryImage?.exists ? context.galleryImage.osType : undefined;
  const facts: ImagePartFacts = {
    spec,
    context,
    now: context.now === undefined ? Date.now() : new Date(context.now).getTime(),
  };
  if (nodeAgentOs) facts.nodeAgentOs = nodeAgentOs;
  const imageOs = marketplaceImage?.osType ?? galleryOs ?? nodeAgentOs;
  if (imageOs) facts.imageOs = imageOs;
  if (marketplaceImage) facts.marketplaceImage = marketplaceImage;
  if (galleryId) facts.galleryId = galleryId;
  return facts;
};

export const derivePoolFacts = (spec: PoolSpec, context: ValidationContext = {}): PoolFacts => {
  const facts: PoolFacts = {
    ...deriveContainerFacts(spec.container, context),
    ...deriveImageFacts(spec, context),
    spec,
    totalNodes: totalNodes(spec.scale),
  };
  const vmSize = context.vmSizes?.find((size) => sameText(size.name, spec.vmSize));
  if (vmSize) facts.vmSize = vmSize;
  return facts;
};
