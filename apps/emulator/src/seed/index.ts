import {
  SEED_SUBSCRIPTION,
  SEED_RESOURCE_GROUPS,
  type SeedResourceGroup,
  type SeedSubscription,
} from "./subscription";
import { SEED_BATCH_ACCOUNTS, type SeedBatchAccount } from "./batch-accounts";
import { SEED_SUPPORTED_IMAGES, type ImageInformation } from "./supported-images";
import { SEED_VM_SKUS, type SeedVmSku } from "./vm-skus";
import { SEED_GALLERIES, type SeedGallery } from "./gallery";
import { SEED_STORAGE_ACCOUNTS, type SeedStorageAccount } from "./storage-accounts";

export * from "./subscription";
export * from "./batch-accounts";
export * from "./supported-images";
export * from "./vm-skus";
export * from "./gallery";
export * from "./storage-accounts";
export * from "./seed-facts";

/** Everything the local Azure starts with. Pure data: loading it twice gives the same world. */
export interface LocalAzureSeed {
  subscription: SeedSubscription;
  /**
   * More subscriptions ARM answers `GET /subscriptions/{id}` and `…/providers/{namespace}` for, e.g.
   * the subscription of a gallery shared with the Batch account's (none by default). They hold no
   * resources here and stay out of `GET /subscriptions`, so account discovery walks only the first.
   */
  otherSubscriptions?: readonly SeedSubscription[];
  resourceGroups: readonly SeedResourceGroup[];
  batchAccounts: readonly SeedBatchAccount[];
  /** Storage accounts (served by ARM only when the stack runs a blob service, see LocalStorage). */
  storageAccounts?: readonly SeedStorageAccount[];
  supportedImages: readonly ImageInformation[];
  vmSkus: readonly SeedVmSku[];
  galleries: readonly SeedGallery[];
}

export const DEFAULT_SEED: LocalAzureSeed = {
  subscription: SEED_SUBSCRIPTION,
  resourceGroups: SEED_RESOURCE_GROUPS,
  batchAccounts: SEED_BATCH_ACCOUNTS,
  storageAccounts: SEED_STORAGE_ACCOUNTS,
  supportedImages: SEED_SUPPORTED_IMAGES,
  vmSkus: SEED_VM_SKUS,
  galleries: SEED_GALLERIES,
};
export * from "./demo-workload";
