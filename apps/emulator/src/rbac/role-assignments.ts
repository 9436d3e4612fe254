/**
 * Who holds which role where: Azure's role assignments, reduced to principal, role and scope.
 * The local Azure seeds them at start (there is no roleAssignments write API here).
 */
import { SEEDED_OPERATORS } from "../identity/operators";
import type { LocalAzureSeed } from "../seed";
import {
  BATCH_DATA_CONTRIBUTOR,
  BATCH_JOB_READER,
  BATCH_JOB_SUBMITTER,
  CONTRIBUTOR,
  READER,
  type RoleDefinition,
} from "./role-definitions";

export interface RoleAssignment {
  /** The user's or service principal's object id (the token's `oid`). */
  principalId: string;
  role: RoleDefinition;
  /** A resource id: "/subscriptions/{id}", a resource group's or a resource's. */
  scope: string;
}

/** What the caller of startLocalAzure / startArm may add or change (roles by their Azure names). */
export interface RoleAssignmentInput {
  principalId: string;
  /** A built-in role's name, e.g. "Reader" or "Azure Batch Job Submitter". */
  roleName: string;
  scope: string;
}

export const subscriptionScope = (subscriptionId: string) => `/subscriptions/${subscriptionId}`;

export const batchAccountScope = (seed: LocalAzureSeed, account: { name: string; resourceGroup: string }) =>
  `/subscriptions/${seed.subscription.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Batch/batchAccounts/${account.name}`;

export interface SeedAssignmentOptions {
  /** Service principals that keep full access (Contributor, and Batch data access) on every subscription. */
  appPrincipals?: readonly string[];
  /** Users who hold what Grace holds (Reader and Batch Studio Job Reader) instead of their seeded roles. */
  readers?: readonly string[];
  /** Further assignments, added after the seeded ones. */
  extra?: readonly RoleAssignment[];
}

/**
 * The seeded world's assignments:
 * - Ada Lovelace: Contributor on the tenant's subscriptions, and Azure Batch Data Contributor on
 *   the main one. Contributor's `*` covers pools and accounts but no dataActions, and Batch checks
 *   jobs and job schedules as dataActions, so someone who runs work with Entra ID holds a Batch
 *   data role as well (as they must in Azure).
 * - Grace Hopper: Reader on the tenant's subscriptions, with the custom Batch Studio Job Reader
 *   (jobs and schedules are dataActions, out of Reader's reach): she can read everything, change nothing.
 * - Alan Turing: Azure Batch Job Submitter on the contosoweu account only (the first account when a
 *   test seed has no contosoweu), and Reader on that account so ARM shows it to him — how an
 *   administrator gives a job submitter the portal.
 * - Anyone else signed in: nothing.
 */
export function seededRoleAssignments(
  seed: LocalAzureSeed,
  options: SeedAssignmentOptions = {},
): RoleAssignment[] {
  const [ada, grace, alan] = SEEDED_OPERATORS;
  const tenantSubscriptions = [seed.subscription, ...(seed.otherSubscriptions ?? [])].filter(
    (s) => s.tenantId === seed.subscription.tenantId,
  );
  const everySubscription = [seed.subscription, ...(seed.otherSubscriptions ?? [])];
  const main = subscriptionScope(seed.subscription.subscriptionId);
  const submitterAccount =
    seed.batchAccounts.find((a) => a.name.toLowerCase() === "contosoweu") ?? seed.batchAccounts[0];

  const readers = new Set(options.readers ?? []);
  const assignments: RoleAssignment[] = [];
  const onTenant = (principalId: string, role: RoleDefinition) => {
    for (const s of tenantSubscriptions)
      assignments.push({ principalId, role, scope: subscriptionScope(s.subscriptionId) });
  };
  if (ada && !readers.has(ada.oid)) {
    onTenant(ada.oid, CONTRIBUTOR);
    assignments.push({ principalId: ada.oid, role: BATCH_DATA_CONTRIBUTOR, scope: main });
  }
  const reader = (oid: string) => {
    onTenant(oid, READER);
    onTenant(oid, BATCH_JOB_READER);
  };
  if (grace && !readers.has(grace.oid)) reader(grace.oid);
  if (alan && submitterAccount && !readers.has(alan.oid)) {
    const scope = batchAccountScope(seed, submitterAccount);
    assignments.push({ principalId: alan.oid, role: BATCH_JOB_SUBMITTER, scope });
    assignments.push({ principalId: alan.oid, role: READER, scope });
  }
  for (const oid of readers) reader(oid);
  for (const oid of options.appPrincipals ?? [])
    for (const s of everySubscription) {
      const scope = subscriptionScope(s.subscriptionId);
      assignments.push({ principalId: oid, role: CONTRIBUTOR, scope });
      assignments.push({ principalId: oid, role: BATCH_DATA_CONTRIBUTOR, scope });
    }
  assignments.push(...(options.extra ?? []));
  return assignments;
}
