import { z } from "zod";
import { AzureAction, PermissionBlock } from "../authorization/permissions";
import { ProblemDetails } from "./problem";

/** GET /api/me: who the BFF thinks is signed in (from the verified API token). */
export const Me = z.object({
  oid: z.string(),
  tenantId: z.string(),
  name: z.string().optional(),
  username: z.string().optional(),
  scopes: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const AccountQuotas = z.object({
  dedicatedCoreQuota: z.number().optional(),
  lowPriorityCoreQuota: z.number().optional(),
  poolQuota: z.number().optional(),
  activeJobAndJobScheduleQuota: z.number().optional(),
  /** When true, dedicated cores are limited per VM family (`dedicatedCoreQuotaPerVMFamily`). */
  dedicatedCoreQuotaPerVmFamilyEnforced: z.boolean().optional(),
  dedicatedCoreQuotaPerVmFamily: z.array(z.object({ family: z.string(), coreQuota: z.number() })).optional(),
});
export type AccountQuotas = z.infer<typeof AccountQuotas>;

export const AccountSummary = z.object({
  /** Opaque; see account-id.ts. Use it in every /api/accounts/:account/... path. */
  id: z.string(),
  name: z.string(),
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  location: z.string(),
  /** The Batch endpoint as ARM reports it (host[:port], no scheme). */
  endpoint: z.string(),
  poolAllocationMode: z.string().optional(),
  provisioningState: z.string().optional(),
  /** ARM id of the account's auto-storage account, when one is linked (where "saved outputs" go). */
  autoStorageAccountId: z.string().optional(),
  quotas: AccountQuotas,
});
export type AccountSummary = z.infer<typeof AccountSummary>;

/** One subscription's accounts, or why they could not be listed (not fatal for the others). */
export const SubscriptionAccounts = z.object({
  subscriptionId: z.string(),
  displayName: z.string().optional(),
  accounts: z.array(AccountSummary),
  error: ProblemDetails.optional(),
});
export type SubscriptionAccounts = z.infer<typeof SubscriptionAccounts>;

export const AccountsResponse = z.object({ subscriptions: z.array(SubscriptionAccounts) });
export type AccountsResponse = z.infer<typeof AccountsResponse>;

/**
 * The user's permissions on one account, as Azure answers Microsoft.Authorization/permissions
 * there, and judged against the route table: each account route the user may not call, with the
 * permissions they lack. The portal disables those actions and names what is missing.
 */
export const PermissionsResponse = z.object({
  blocks: z.array(PermissionBlock),
  refused: z.record(z.string(), z.array(AzureAction)),
});
export type PermissionsResponse = z.infer<typeof PermissionsResponse>;
