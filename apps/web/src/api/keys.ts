import type { TaskState } from "@batch-studio/shared";

/**
 * TanStack Query keys, one factory per resource (Headlamp's pattern). Keys nest from the account
 * down, so invalidating `poolKeys.all(account)` refreshes every pool query of that account and
 * nothing else.
 */
export const systemKeys = {
  me: () => ["me"] as const,
  emulator: () => ["emulator"] as const,
  accounts: () => ["accounts"] as const,
};

export const accountKeys = {
  permissions: (account: string) => ["accounts", account, "permissions"] as const,
};

export const catalogKeys = {
  all: (account: string) => ["account", account, "catalog"] as const,
  images: (account: string) => [...catalogKeys.all(account), "images"] as const,
  vmSizes: (account: string) => [...catalogKeys.all(account), "vmSizes"] as const,
  applications: (account: string) => [...catalogKeys.all(account), "applications"] as const,
};

export const galleryKeys = {
  all: (subscription: string) => ["subscription", subscription, "galleries"] as const,
  images: (subscription: string, resourceGroup: string, gallery: string) =>
    [...galleryKeys.all(subscription), resourceGroup, gallery, "images"] as const,
  versions: (subscription: string, resourceGroup: string, gallery: string, image: string) =>
    [...galleryKeys.images(subscription, resourceGroup, gallery), image, "versions"] as const,
};

export const poolKeys = {
  all: (account: string) => ["account", account, "pools"] as const,
  list: (account: string) => [...poolKeys.all(account), "list"] as const,
  detail: (account: string, pool: string) => [...poolKeys.all(account), "detail", pool] as const,
  spec: (account: string, pool: string) => [...poolKeys.detail(account, pool), "spec"] as const,
  nodes: (account: string, pool: string) => [...poolKeys.detail(account, pool), "nodes"] as const,
  node: (account: string, pool: string, node: string) => [...poolKeys.nodes(account, pool), node] as const,
  nodeFiles: (account: string, pool: string, node: string) => [...poolKeys.node(account, pool, node), "files"] as const,
};

/** Filters are part of the key, so each filter combination caches its own pages. */
export interface TaskFilter {
  state?: TaskState;
  exitCode?: number;
  exitCodeMin?: number;
  exitCodeMax?: number;
}

export const jobKeys = {
  all: (account: string) => ["account", account, "jobs"] as const,
  list: (account: string) => [...jobKeys.all(account), "list"] as const,
  detail: (account: string, job: string) => [...jobKeys.all(account), "detail", job] as const,
  spec: (account: string, job: string) => [...jobKeys.detail(account, job), "spec"] as const,
  taskCounts: (account: string, job: string) => [...jobKeys.detail(account, job), "taskCounts"] as const,
  nodeTaskStatus: (account: string, job: string) => [...jobKeys.detail(account, job), "nodeTaskStatus"] as const,
  tasks: (account: string, job: string) => [...jobKeys.detail(account, job), "tasks"] as const,
  taskList: (account: string, job: string, filter: TaskFilter) =>
    [...jobKeys.tasks(account, job), "list", normalizeFilter(filter)] as const,
  task: (account: string, job: string, task: string) => [...jobKeys.tasks(account, job), "detail", task] as const,
  taskFiles: (account: string, job: string, task: string) => [...jobKeys.task(account, job, task), "files"] as const,
  taskSavedOutputs: (account: string, job: string, task: string) => [...jobKeys.task(account, job, task), "saved-outputs"] as const,
};

export const registryKeys = {
  /** `passwordVersion` comes from secretVersion(): a new password re-checks, and the key never holds it. */
  inspect: (reference: string, server?: string, username?: string, passwordVersion = 0) =>
    ["registry", "inspect", reference, server ?? "", username ?? "", passwordVersion] as const,
};

/** Drops unset filters so {state: undefined} and {} share one cache entry. */
export function normalizeFilter(filter: TaskFilter): TaskFilter {
  const out: TaskFilter = {};
  if (filter.state) out.state = filter.state;
  if (filter.exitCode !== undefined) out.exitCode = filter.exitCode;
  if (filter.exitCodeMin !== undefined) out.exitCodeMin = filter.exitCodeMin;
  if (filter.exitCodeMax !== undefined) out.exitCodeMax = filter.exitCodeMax;
  return out;
}
