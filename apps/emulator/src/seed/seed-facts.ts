import type { SupportedImageFact, VmSizeFact } from "@batch-studio/shared";
import type { ImageInformation } from "./supported-images";
import type { SeedVmSku } from "./vm-skus";

/** A supported-images row as the shared validators read it. */
export function supportedImageFact(image: ImageInformation): SupportedImageFact {
  return {
    publisher: image.imageReference.publisher,
    offer: image.imageReference.offer,
    sku: image.imageReference.sku,
    version: image.imageReference.version,
    nodeAgentSkuId: image.nodeAgentSKUId,
    osType: image.osType,
    capabilities: image.capabilities ?? [],
    ...(image.batchSupportEndOfLife ? { batchSupportEndOfLife: image.batchSupportEndOfLife } : {}),
    verificationType: image.verificationType,
  };
}

/** A seeded VM size as the shared validators read it. */
export function vmSizeFact(s: SeedVmSku): VmSizeFact {
  return {
    name: s.name,
    family: s.familyName,
    vCpus: s.vCPUs,
    memoryGiB: s.memoryGB,
    gpus: s.gpus,
    rdma: s.rdma,
    lowPriorityCapable: s.lowPriorityCapable,
  };
}
