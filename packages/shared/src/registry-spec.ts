import { z } from "zod";

/**
 * A private container registry the pool logs in to. Batch accepts a user name and password or a
 * user-assigned managed identity (identityReference.resourceId); exactly one of the two.
 * `server` is a host name with an optional port ("myacr.azurecr.io"), never a URL: real Batch
 * fails such pools with ContainerInvalidRegistry. The grammar rule lives in the validators so that
 * the message can say what to type instead.
 */
export const RegistryPasswordAuth = z.object({
  kind: z.literal("password"),
  username: z.string().min(1, "user name is required"),
  password: z.string().min(1, "password is required"),
});

export const RegistryIdentityAuth = z.object({
  kind: z.literal("identity"),
  /** /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name} */
  identityResourceId: z.string().min(1, "managed identity resource id is required"),
});

export const RegistrySpec = z.object({
  server: z.string().min(1, "registry server is required"),
  auth: z.discriminatedUnion("kind", [RegistryPasswordAuth, RegistryIdentityAuth]),
});
export type RegistrySpec = z.infer<typeof RegistrySpec>;
