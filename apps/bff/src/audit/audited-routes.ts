import { apiRoutes, type ApiRouteName } from "@batch-studio/shared";

/**
 * Routes that are not GETs yet change nothing in Azure, each with why. They are POSTs only
 * because they take a body (or mint something the BFF alone keeps); everything else that is not
 * a GET is a mutation and gets an audit event.
 */
export const unauditedMutationRoutes = {
  validatePool: "Live checks of a draft: reads the account's images, VM sizes, quotas, gallery versions and registries; writes nothing",
  validateTask: "Live checks of a task draft: reads the job and its pool, registries and applications; writes nothing",
  validateJobSchedule: "Checks of a schedule draft: reads the job's pool; writes nothing",
  registryTest: "Logs in to a container registry (GET /v2/) with the typed credentials; no Azure call at all",
  registryInspect: "Reads an image's manifest and config from a registry; no Azure call at all",
  nodeFileDownloadTicket: "Reads the file's properties in Batch and mints a single-use ticket kept in the BFF's memory; Azure is unchanged",
  taskFileDownloadTicket: "Reads the file's properties in Batch and mints a single-use ticket kept in the BFF's memory; Azure is unchanged",
  taskSavedOutputFileDownloadTicket: "Reads the blob's properties in storage and mints a single-use ticket kept in the BFF's memory; Azure is unchanged",
} as const satisfies Partial<Record<ApiRouteName, string>>;

/** Whether a request to this route writes one audit event: every method but GET, less the read-only POSTs above. */
export const isAuditedRoute = (name: ApiRouteName): boolean => apiRoutes[name].method !== "GET" && !Object.hasOwn(unauditedMutationRoutes, name);
