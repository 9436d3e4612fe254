/**
 * The SPA's own URLs: every pool, node, job, task and file has one, so any screen can be linked,
 * bookmarked and reloaded. Segments are encoded (task ids and file names may hold odd characters).
 */
const e = encodeURIComponent;

export const paths = {
  home: () => "/",
  account: (a: string) => `/a/${e(a)}/account`,
  pools: (a: string) => `/a/${e(a)}/pools`,
  newPool: (a: string, cloneFrom?: string) => `/a/${e(a)}/pools/new${cloneFrom ? `?clone=${e(cloneFrom)}` : ""}`,
  pool: (a: string, p: string) => `/a/${e(a)}/pools/${e(p)}`,
  node: (a: string, p: string, n: string) => `/a/${e(a)}/pools/${e(p)}/nodes/${e(n)}`,
  nodeFile: (a: string, p: string, n: string, file: string) => `/a/${e(a)}/pools/${e(p)}/nodes/${e(n)}/files/${e(file)}`,
  jobs: (a: string) => `/a/${e(a)}/jobs`,
  newJob: (a: string, pool?: string) => `/a/${e(a)}/jobs/new${pool ? `?pool=${e(pool)}` : ""}`,
  /** A new job starting as a copy of `from` (its SAS signatures removed; account-storage outputs are signed again). */
  cloneJob: (a: string, from: string) => `/a/${e(a)}/jobs/new?from=${e(from)}`,
  job: (a: string, j: string) => `/a/${e(a)}/jobs/${e(j)}`,
  editJob: (a: string, j: string) => `/a/${e(a)}/jobs/${e(j)}/edit`,
  schedules: (a: string) => `/a/${e(a)}/job-schedules`,
  newSchedule: (a: string) => `/a/${e(a)}/job-schedules/new`,
  schedule: (a: string, s: string) => `/a/${e(a)}/job-schedules/${e(s)}`,
  editSchedule: (a: string, s: string) => `/a/${e(a)}/job-schedules/${e(s)}/edit`,
  sweep: (a: string, j: string) => `/a/${e(a)}/jobs/${e(j)}/tasks/sweep`,
  newTask: (a: string, j: string) => `/a/${e(a)}/jobs/${e(j)}/tasks/new`,
  task: (a: string, j: string, t: string) => `/a/${e(a)}/jobs/${e(j)}/tasks/${e(t)}`,
  taskFile: (a: string, j: string, t: string, file: string) => `/a/${e(a)}/jobs/${e(j)}/tasks/${e(t)}/files/${e(file)}`,
  /** `path` as the BFF lists it: "<output file index>/<blob name>". */
  taskSavedOutput: (a: string, j: string, t: string, path: string) => `/a/${e(a)}/jobs/${e(j)}/tasks/${e(t)}/saved-outputs/${e(path)}`,
};

/** The last account used, so "/" can jump straight back to it. */
export const LAST_ACCOUNT_KEY = "batch-studio.account";
