import { LOCAL_TENANT_ID } from "../local-azure-constants";

/** A resource provider's registrationState in a subscription, as ARM reports it. */
export type ProviderRegistrationState = "Registered" | "NotRegistered" | "Registering" | "Unregistering";

export interface SeedSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: string;
  /** registrationState per resource provider namespace; a namespace not listed is NotRegistered. */
  resourceProviders?: Readonly<Record<string, ProviderRegistrationState>>;
}

/** What a Batch subscription has registered (Batch pools from gallery images need Microsoft.Batch and Compute). */
export const SEED_RESOURCE_PROVIDERS: Readonly<Record<string, ProviderRegistrationState>> = {
  "Microsoft.Batch": "Registered",
  "Microsoft.Compute": "Registered",
  "Microsoft.Network": "Registered",
  "Microsoft.Storage": "Registered",
};

/** The one subscription of the local tenant. */
export const SEED_SUBSCRIPTION: SeedSubscription = {
  subscriptionId: "5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d",
  displayName: "Contoso Research",
  tenantId: LOCAL_TENANT_ID,
  state: "Enabled",
  resourceProviders: SEED_RESOURCE_PROVIDERS,
};

export interface SeedResourceGroup {
  name: string;
  location: string;
}

/** Batch accounts live in one group, the image gallery in another (as teams usually split them). */
export const SEED_RESOURCE_GROUPS: readonly SeedResourceGroup[] = [
  { name: "rg-batch-studio", location: "westeurope" },
  { name: "rg-images", location: "westeurope" },
];
