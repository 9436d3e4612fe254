import { osOfNodeAgentSku, WINDOWS_NODE_AGENT_SKU } from "../../grammar/node-agent-sku";
import type { OsType } from "../../validation-context";
import type { SetGalleryReplicasAction } from "../../validation-result";
import type { ImagePartFacts } from "../pool-facts";
import { setFix, type Rule } from "../rule";

const IMAGE_ID = ["image", "imageId"];
const NODES_PER_REPLICA = 300;
/** ARM refuses a regionalReplicaCount above this (per region of one image version). */
const MAX_REGIONAL_REPLICAS = 100;

/** "West Europe" and "westeurope" are the same region. */
const sameRegion = (a: string, b: string): boolean =>
  a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();

/** The known gallery image facts, when the pool uses a gallery image and ARM found it. */
const foundGalleryImage = ({ spec, context }: ImagePartFacts) =>
  spec.image.kind === "gallery" && context.galleryImage?.exists ? context.galleryImage : undefined;

const replicasInRegion = (facts: ImagePartFacts): number | undefined => {
  const image = foundGalleryImage(facts);
  const region = facts.context.accountRegion;
  if (!image?.replicas || !region) return undefined;
  return image.replicas.filter((r) => sameRegion(r.region, region)).reduce((sum, r) => sum + r.count, 0);
};

/** Replicas the pool's size wants; before the scale is known, the one every region needs. */
const replicasNeeded = (facts: ImagePartFacts): number =>
  Math.max(1, Math.ceil((facts.totalNodes ?? 0) / NODES_PER_REPLICA));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The Azure change that gives the version `replicaCount` replicas in the account's region. Only
 * when the facts name the version's ARM id (the BFF's live lookup does) and ARM would accept it.
 */
const replicaAction = (
  facts: ImagePartFacts,
  currentCount: number,
  replicaCount: number,
): SetGalleryReplicasAction | undefined => {
  const versionId = foundGalleryImage(facts)?.versionId;
  const region = facts.context.accountRegion;
  if (!versionId || !region || replicaCount > MAX_REGIONAL_REPLICAS) return undefined;
  const label =
    currentCount === 0
      ? `Add ${region} with ${plural(replicaCount, "replica")}`
      : `Set ${plural(replicaCount, "replica")} in ${region}`;
  return { kind: "setGalleryReplicas", label, versionId, region, replicaCount, currentCount };
};

export const galleryIdFormat: Rule<ImagePartFacts> = {
  code: "image.gallery.idFormat",
  area: "gallery",
  level: "error",
  summary: "The image is a Shared Image Gallery image definition or version resource id.",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": --image /subscriptions/{sub id}/resourceGroups/{rg}/providers/Microsoft.Compute/galleries/{gallery}/images/{definition}/versions/{version}',
  check: ({ galleryId }, emit) => {
    if (galleryId && !galleryId.ok) emit(IMAGE_ID, `Fix the gallery image resource id: ${galleryId.reason}.`);
  },
};

export const galleryNotFound: Rule<ImagePartFacts> = {
  code: "image.gallery.notFound",
  area: "gallery",
  level: "error",
  summary: "The gallery image exists (ARM lookup).",
  source: "operator experience",
  check: ({ spec, context }, emit) => {
    if (spec.image.kind === "gallery" && context.galleryImage?.exists === false) {
      emit(
        IMAGE_ID,
        "No gallery image exists at this resource id (or you cannot read it); check the subscription, gallery, definition and version.",
      );
    }
  },
};

export const gallerySpecialized: Rule<ImagePartFacts> = {
  code: "image.gallery.specialized",
  area: "gallery",
  level: "error",
  summary: "The gallery image is generalized, not specialized.",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": Batch supports generalized shared images only; a specialized shared image cannot be used to create a pool.',
  check: (facts, emit) => {
    if (foundGalleryImage(facts)?.osState === "Specialized") {
      emit(
        IMAGE_ID,
        "This gallery image is Specialized; Batch supports generalized shared images only. Capture a generalized image version and use that.",
      );
    }
  },
};

export const galleryReplicaInRegion: Rule<ImagePartFacts> = {
  code: "image.gallery.noReplicaInRegion",
  area: "gallery",
  level: "error",
  summary:
    "The gallery image version has a replica in the Batch account's region (with an action that adds the region to the version in Azure).",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": the image can be in another region if it has a replica in the same region as the Batch account.',
  check: (facts, emit) => {
    if (replicasInRegion(facts) !== 0) return;
    const action = replicaAction(facts, 0, replicasNeeded(facts));
    emit(
      IMAGE_ID,
      `The image version has no replica in the Batch account's region (${facts.context.accountRegion}); add that region to the version's target regions.`,
      action ? { action } : undefined,
    );
  },
};

export const galleryReplicasPer300Nodes: Rule<ImagePartFacts> = {
  code: "image.gallery.replicaPer300Nodes",
  area: "gallery",
  level: "warning",
  summary:
    "At least one replica in the account's region per 300 nodes (no spec field for replicas: the action sets the version's replica count in Azure).",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": keep at least one replica for every 300 instances; e.g. a 3000-VM pool needs 10 or more replicas.',
  check: (facts, emit) => {
    const have = replicasInRegion(facts);
    if (!have || facts.totalNodes === undefined) return;
    const need = replicasNeeded(facts);
    if (have >= need) return;
    const action = replicaAction(facts, have, need);
    emit(
      IMAGE_ID,
      `A pool of ${facts.totalNodes} nodes wants at least ${need} replicas of the image in ${facts.context.accountRegion} (one per ${NODES_PER_REPLICA} nodes); it has ${have}. Add ${need - have} replica(s) to the image version's regional replica count.`,
      action ? { action } : undefined,
    );
  },
};

/** The replication states the account region's replicas reported, when ARM reported any. */
const replicationStatesInRegion = (facts: ImagePartFacts): string[] => {
  const image = foundGalleryImage(facts);
  const region = facts.context.accountRegion;
  if (!image?.replicas || !region) return [];
  return image.replicas.flatMap((r) =>
    r.state !== undefined && sameRegion(r.region, region) ? [r.state] : [],
  );
};

export const galleryVersionReady: Rule<ImagePartFacts> = {
  code: "image.gallery.versionNotReady",
  area: "gallery",
  level: "warning",
  summary:
    "The gallery image version's provisioningState is Succeeded and its replication in the Batch account's region is Completed.",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": the image can be in another region if it has a replica in the same region as the Batch account; operator experience: a version not yet Succeeded, or a replica still replicating, cannot be allocated from.',
  check: (facts, emit) => {
    const image = foundGalleryImage(facts);
    if (!image) return;
    const state = image.provisioningState;
    if (state !== undefined && state !== "Succeeded") {
      emit(
        IMAGE_ID,
        `The image version's provisioning state is ${state}, not Succeeded; Batch can only allocate nodes from a version that finished provisioning. Wait for it (or fix the version if it Failed) before creating the pool.`,
      );
      return;
    }
    // "Unknown" says nothing either way; stay silent rather than guess.
    const pending = replicationStatesInRegion(facts).filter(
      (s) => !["completed", "unknown"].includes(s.toLowerCase()),
    );
    if (pending.length === 0) return;
    emit(
      IMAGE_ID,
      `The image version's replica in ${facts.context.accountRegion} is ${pending[0]}, not Completed; nodes cannot be allocated from it until replication to the Batch account's region completes${pending[0]!.toLowerCase() === "failed" ? " (it failed: update the version's target regions to retry)" : ""}.`,
    );
  },
};

export const galleryEntraRequired: Rule<ImagePartFacts> = {
  code: "image.gallery.entraRequired",
  area: "gallery",
  level: "info",
  levels: ["error"],
  summary:
    "Gallery pools need Microsoft Entra ID sign-in; Shared Key authentication fails (error when the portal uses Shared Key).",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": you must authenticate with Azure AD; with shared key authentication you get an authentication error.',
  check: ({ spec, context }, emit) => {
    if (spec.image.kind !== "gallery") return;
    if (context.authMode === "sharedKey") {
      emit(
        IMAGE_ID,
        "This connection uses Shared Key, which Batch rejects for Shared Image Gallery pools; sign in with Microsoft Entra ID to create this pool.",
        { level: "error" },
      );
    } else {
      emit(
        IMAGE_ID,
        "Shared Image Gallery pools are created with Microsoft Entra ID sign-in; Shared Key authentication fails. The identity also needs read access to the image.",
      );
    }
  },
};

/** The node agent SKU for an OS, when there is only one candidate. */
const skuFor = (os: OsType, facts: ImagePartFacts): string | undefined => {
  if (os === "windows") return WINDOWS_NODE_AGENT_SKU;
  const linux = new Set(
    (facts.context.supportedImages ?? [])
      .map((i) => i.nodeAgentSkuId)
      .filter((id) => osOfNodeAgentSku(id) === "linux"),
  );
  return linux.size === 1 ? [...linux][0] : undefined;
};

export const galleryNodeAgentOs: Rule<ImagePartFacts> = {
  code: "image.gallery.nodeAgentSkuOsMismatch",
  area: "gallery",
  level: "error",
  summary: "The node agent SKU's OS matches the gallery image's osType.",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": make sure the OS type and SKU match the version given in --node-agent-sku-id.',
  check: (facts, emit) => {
    const imageOs = foundGalleryImage(facts)?.osType;
    if (!imageOs || !facts.nodeAgentOs || imageOs === facts.nodeAgentOs) return;
    const right = skuFor(imageOs, facts);
    const message = `The gallery image is ${imageOs} but the node agent SKU "${facts.spec.nodeAgentSkuId}" is for ${facts.nodeAgentOs}; choose a ${imageOs} node agent SKU${right ? ` ("${right}")` : ""}.`;
    emit(
      ["nodeAgentSkuId"],
      message,
      right ? { fix: setFix(`Use node agent SKU "${right}"`, ["nodeAgentSkuId"], right) } : undefined,
    );
  },
};

export const galleryRules = [
  galleryIdFormat,
  galleryNotFound,
  gallerySpecialized,
  galleryReplicaInRegion,
  galleryReplicasPer300Nodes,
  galleryVersionReady,
  galleryEntraRequired,
  galleryNodeAgentOs,
];
