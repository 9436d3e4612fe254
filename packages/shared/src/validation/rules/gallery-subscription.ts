import type { SubscriptionFact } from "../../validation-context";
import type { ImagePartFacts } from "../pool-facts";
import type { Rule } from "../rule";

const IMAGE_ID = ["image", "imageId"];

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

interface CrossSubscription {
  /** The subscription the image id names. */
  imageSubscriptionId: string;
  accountSubscriptionId: string;
  /** What ARM said about the image's subscription, when it is about this id (not a stale answer). */
  image?: SubscriptionFact;
}

/**
 * The two subscriptions, when the gallery image's id names one other than the Batch account's.
 * Silent (undefined) when the ids are the same, the id does not parse or the account's is unknown.
 */
const crossSubscription = ({ spec, galleryId, context }: ImagePartFacts): CrossSubscription | undefined => {
  if (spec.image.kind !== "gallery" || !galleryId?.ok) return undefined;
  const account = context.accountSubscription?.subscriptionId;
  const imageSubscriptionId = galleryId.value.subscriptionId;
  if (!account || sameId(account, imageSubscriptionId)) return undefined;
  const fact = context.galleryImageSubscription;
  // The browser reruns rules on every keystroke with the last facts: ignore an answer about another id.
  const image = fact && sameId(fact.subscriptionId, imageSubscriptionId) ? fact : undefined;
  return image
    ? { imageSubscriptionId, accountSubscriptionId: account, image }
    : { imageSubscriptionId, accountSubscriptionId: account };
};

export const galleryBatchProviderRegistered: Rule<ImagePartFacts> = {
  code: "image.gallery.batchProviderNotRegistered",
  area: "gallery",
  level: "error",
  summary:
    "A gallery image in another subscription than the Batch account's needs the Microsoft.Batch resource provider registered in the image's subscription.",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": if the shared image is not in the same subscription as the Batch account, you must register the Microsoft.Batch resource provider for that subscription.',
  check: (facts, emit) => {
    const cross = crossSubscription(facts);
    const state = cross?.image?.batchProviderState;
    if (!cross || state === undefined || state.toLowerCase() === "registered") return;
    const sub = cross.imageSubscriptionId;
    emit(
      IMAGE_ID,
      `The image is in subscription ${sub}, not the Batch account's (${cross.accountSubscriptionId}), and the Microsoft.Batch resource provider is ${state} there; Batch cannot use the image until it is registered: az provider register -n Microsoft.Batch --subscription ${sub}`,
    );
  },
};

export const gallerySameTenant: Rule<ImagePartFacts> = {
  code: "image.gallery.otherTenant",
  area: "gallery",
  level: "error",
  summary:
    "A gallery image in another subscription than the Batch account's is in a subscription of the same Microsoft Entra tenant.",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": the two subscriptions must be in the same Azure AD tenant.',
  check: (facts, emit) => {
    const cross = crossSubscription(facts);
    const imageTenant = cross?.image?.tenantId;
    const accountTenant = facts.context.accountSubscription?.tenantId;
    if (!cross || !imageTenant || !accountTenant || sameId(imageTenant, accountTenant)) return;
    emit(
      IMAGE_ID,
      `The image's subscription ${cross.imageSubscriptionId} belongs to Microsoft Entra tenant ${imageTenant}, the Batch account's subscription to ${accountTenant}; Batch uses a gallery image from another subscription only within the same tenant. Copy the image version into a gallery of this tenant.`,
    );
  },
};

export const gallerySubscriptionRules = [galleryBatchProviderRegistered, gallerySameTenant];
