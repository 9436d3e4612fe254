import { z } from "zod";
import { PoolSpec, StartTaskSpec } from "../pool-spec";

export const ResizeError = z.object({ code: z.string(), message: z.string().optional() });

export const PoolSummary = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  vmSize: z.string(),
  /** Batch PoolState: active | deleting. */
  state: z.string(),
  /** Batch AllocationState: steady | resizing | stopping. */
  allocationState: z.string(),
  currentDedicatedNodes: z.number(),
  currentSpotNodes: z.number(),
  targetDedicatedNodes: z.number(),
  targetSpotNodes: z.number(),
  creationTime: z.string().optional(),
  /** True when the pool has a containerConfiguration (tasks must then run in containers). */
  isContainerPool: z.boolean(),
  /** "publisher/offer/sku" or the gallery image id. */
  image: z.string().optional(),
  resizeErrors: z.array(ResizeError),
});
export type PoolSummary = z.infer<typeof PoolSummary>;

/**
 * The pool's start task as the edit dialog needs it: what StartTaskSpec expresses, minus secrets
 * (Batch never returns registry passwords), plus what the portal cannot edit and keeps.
 */
export const PoolStartTask = z.object({
  commandLine: z.string(),
  elevated: z.boolean(),
  waitForSuccess: z.boolean(),
  maxRetries: z.number().int(),
  env: z.array(z.object({ name: z.string(), value: z.string() })),
  containerSettings: z
    .object({
      imageName: z.string(),
      runOptions: z.string(),
      workingDirectory: z.enum(["taskWorkingDirectory", "containerImageDefault"]),
      /** The registry the start task's image comes from: a user name (password never returned) or a managed identity. */
      registry: z.object({ server: z.string(), username: z.string().optional(), identityResourceId: z.string().optional() }).optional(),
    })
    .optional(),
  /** Resource files Batch downloads first: not editable in the portal, kept as they are on update. */
  resourceFileCount: z.number().int().min(0),
  /** Set when the start task runs as a named user account; an update from the portal runs it as the pool's auto-user. */
  userName: z.string().optional(),
});
export type PoolStartTask = z.infer<typeof PoolStartTask>;

export const PoolDetails = PoolSummary.extend({
  nodeAgentSkuId: z.string().optional(),
  prefetchImages: z.array(z.string()),
  /** Registry servers and user names; passwords never leave the BFF. */
  registries: z.array(z.object({ server: z.string(), username: z.string().optional() })),
  resizeTimeout: z.string().optional(),
  taskSlotsPerNode: z.number().optional(),
  startTaskCommandLine: z.string().optional(),
  startTask: PoolStartTask.optional(),
  allocationStateTransitionTime: z.string().optional(),
  lastModified: z.string().optional(),
  eTag: z.string().optional(),
});
export type PoolDetails = z.infer<typeof PoolDetails>;

export const ResizePoolRequest = z.object({
  dedicated: z.number().int().min(0, "dedicated nodes cannot be negative"),
  spot: z.number().int().min(0, "spot nodes cannot be negative").default(0),
  /** ISO-8601 duration, at least PT5M; Batch defaults to PT15M. */
  resizeTimeout: z.string().optional(),
});
export type ResizePoolRequest = z.infer<typeof ResizePoolRequest>;
export type ResizePoolRequestInput = z.input<typeof ResizePoolRequest>;

/**
 * PUT …/pools/:pool/start-task: the new start task of an existing pool. Batch replaces the start
 * task as a whole (PATCH /pools/{id}); the pool's other properties stay as they are.
 */
export const SetStartTaskRequest = z.object({ startTask: StartTaskSpec });
export type SetStartTaskRequest = z.infer<typeof SetStartTaskRequest>;
export type SetStartTaskRequestInput = z.input<typeof SetStartTaskRequest>;

export const NodeError = z.object({ code: z.string().optional(), message: z.string().optional() });

export const NodeSummary = z.object({
  id: z.string(),
  /** Batch ComputeNodeState: idle, running, starting, waitingforstarttask, starttaskfailed, unusable, ... */
  state: z.string(),
  schedulingState: z.string().optional(),
  ipAddress: z.string().optional(),
  vmSize: z.string().optional(),
  isDedicated: z.boolean().optional(),
  stateTransitionTime: z.string().optional(),
  lastBootTime: z.string().optional(),
  allocationTime: z.string().optional(),
  runningTasksCount: z.number().optional(),
  totalTasksRun: z.number().optional(),
  totalTasksSucceeded: z.number().optional(),
  startTask: z
    .object({
      state: z.string(),
      exitCode: z.number().optional(),
      failureCode: z.string().optional(),
      failureMessage: z.string().optional(),
    })
    .optional(),
  errors: z.array(NodeError),
});
export type NodeSummary = z.infer<typeof NodeSummary>;

export const NodeDetails = NodeSummary.extend({
  recentTasks: z.array(
    z.object({ jobId: z.string().optional(), taskId: z.string().optional(), taskState: z.string(), exitCode: z.number().optional() }),
  ),
  nodeAgentVersion: z.string().optional(),
});
export type NodeDetails = z.infer<typeof NodeDetails>;

const ReentryField = z.object({ path: z.array(z.union([z.string(), z.number()])), reason: z.string() });

/** Stands in for a blank secret while the rest of a clone's spec is checked against PoolSpec. */
const REENTRY_PLACEHOLDER = "re-entered by the operator";

const withPlaceholders = (spec: unknown, reentry: z.infer<typeof ReentryField>[]): unknown => {
  const copy: unknown = structuredClone(spec);
  for (const { path } of reentry) {
    let at = copy as Record<string | number, unknown> | undefined;
    for (const key of path.slice(0, -1)) at = at?.[key] as typeof at;
    if (at && typeof at === "object") at[path[path.length - 1]!] = REENTRY_PLACEHOLDER;
  }
  return copy;
};

/**
 * GET .../pools/:pool/spec: the pool as a spec for cloning, and what the operator must re-enter.
 * The spec is a PoolSpec except at the `reentry` paths, which are blank: Batch never returns
 * registry passwords. The check says exactly that — the spec with those paths filled must parse
 * as a PoolSpec — so neither the BFF nor a test fake can answer anything else.
 */
export const PoolSpecResponse = z
  .object({
    // Checked as a whole below: PoolSpec itself would refuse the blank passwords.
    spec: z
      .custom<z.input<typeof PoolSpec>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "spec must be an object")
      .describe("A PoolSpec whose fields listed in `reentry` are blank (registry passwords)."),
    /** Fields Batch never returns (registry passwords): the clone form asks for them again. */
    reentry: z.array(ReentryField),
    /** Settings of the source pool the spec model does not express; a clone will not copy them. */
    ignored: z.array(z.string()),
  })
  .superRefine((answer, ctx) => {
    const full = PoolSpec.safeParse(withPlaceholders(answer.spec, answer.reentry));
    if (full.success) return;
    for (const issue of full.error.issues) ctx.addIssue({ code: "custom", path: ["spec", ...issue.path], message: issue.message });
  });
export type PoolSpecResponse = z.infer<typeof PoolSpecResponse>;
