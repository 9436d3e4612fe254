import { z } from "zod";
import { batchId } from "../ids";
import type { ParamLevel } from "./route-paths";

/**
 * The grammar of every path parameter of the portal's API, checked before any handler runs.
 *
 * Why here and not in each handler: ids become URL segments of Batch and ARM requests, and an id of
 * "." or ".." (or one holding "/") is resolved away by URL normalisation on the way out — a
 * "delete task .." becomes "delete job". So the BFF refuses anything that is not a well-formed id
 * at its edge, with a 400 naming the parameter, and what it authorises and logs is exactly what it
 * performs. Names follow Azure's rules ("Naming rules and restrictions for Azure resources",
 * Microsoft Learn; Batch ids: the REST reference "Add a pool to an account").
 */

/** Subscription ids are GUIDs. */
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** 1–90 letters, digits, '_', '(', ')', '-', '.'; not ending in '.'. */
const RESOURCE_GROUP = /^[\p{L}\p{N}_().-]{0,89}[\p{L}\p{N}_()-]$/u;
/** Batch account names: 3–24 lowercase letters and digits. */
const BATCH_ACCOUNT = /^[a-z0-9]{3,24}$/;
/** Compute gallery names: 1–80 letters, digits, '_', '.'; starting and ending with a letter or digit. */
const GALLERY = /^[A-Za-z0-9](?:[A-Za-z0-9_.]{0,78}[A-Za-z0-9])?$/;
/** Gallery image definitions: 1–80 letters, digits, '_', '-', '.'; starting and ending with a letter or digit. */
const IMAGE_DEFINITION = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9])?$/;
/** Gallery image versions: Major.Minor.Patch, each a 32-bit whole number. */
const IMAGE_VERSION = /^\d{1,10}\.\d{1,10}\.\d{1,10}$/;
/** Batch node ids ("tvmps_…_d"): letters, digits, '_' and '-'. Batch sets them; they run longer than 64. */
const NODE_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** A job a schedule created: Batch names it `<scheduleId>:job-<n>`; the ':' is the only extra character. */
const SCHEDULED_JOB_ID = /^[A-Za-z0-9_-]{1,64}:job-\d{1,18}$/;

const pattern = (re: RegExp, message: string) => z.string().regex(re, message);

const subscriptionId = pattern(GUID, "subscription must be a subscription id (a GUID)");
const resourceGroup = pattern(
  RESOURCE_GROUP,
  "resource group must be 1–90 letters, digits, '_', '(', ')', '-' or '.', not ending in '.'",
);

/**
 * The portal's account id: `<subscriptionId>~<resourceGroup>~<accountName>` (see account-id.ts),
 * each part checked against its own grammar so no part can carry a path segment.
 */
const accountId = z.string().superRefine((id, ctx) => {
  const parts = id.split("~");
  const [sub = "", rg = "", name = ""] = parts;
  const problem =
    parts.length !== 3
      ? "account must look like <subscriptionId>~<resourceGroup>~<accountName>"
      : !GUID.test(sub)
        ? "account: the subscription part must be a subscription id (a GUID)"
        : !RESOURCE_GROUP.test(rg)
          ? "account: the resource group part must be 1–90 letters, digits, '_', '(', ')', '-' or '.', not ending in '.'"
          : !BATCH_ACCOUNT.test(name)
            ? "account: the account name part must be 3–24 lowercase letters and digits"
            : undefined;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Every path parameter name the route table uses, with its grammar. */
export const pathParam = {
  account: accountId,
  subscription: subscriptionId,
  resourceGroup,
  gallery: pattern(
    GALLERY,
    "gallery must be 1–80 letters, digits, '_' or '.', starting and ending with a letter or digit",
  ),
  image: pattern(
    IMAGE_DEFINITION,
    "image must be 1–80 letters, digits, '_', '-' or '.', starting and ending with a letter or digit",
  ),
  version: pattern(IMAGE_VERSION, "version must look like 1.0.0 (three whole numbers)"),
  pool: batchId("pool"),
  job: z.union([batchId("job"), pattern(SCHEDULED_JOB_ID, "job must be a job id or a scheduled job's <schedule>:job-<n>")], {
    error: "job id may contain only letters, digits, '-' and '_' (or be a scheduled job's <schedule>:job-<n>)",
  }),
  jobSchedule: batchId("job schedule"),
  task: batchId("task"),
  node: pattern(NODE_ID, "node must be a node id: 1–128 letters, digits, '-' and '_'"),
} as const;

export type PathParamName = keyof typeof pathParam;

const account = z.strictObject({ account: pathParam.account });
const subscription = z.strictObject({ subscription: pathParam.subscription });
const gallery = subscription.extend({ resourceGroup: pathParam.resourceGroup, gallery: pathParam.gallery });
const galleryImage = gallery.extend({ image: pathParam.image });
const pool = account.extend({ pool: pathParam.pool });
const job = account.extend({ job: pathParam.job });
const jobSchedule = account.extend({ jobSchedule: pathParam.jobSchedule });

/** The parameter objects of the route table, one per resource level. */
export const routeParams = {
  none: z.strictObject({}),
  account,
  subscription,
  gallery,
  galleryImage,
  galleryImageVersion: galleryImage.extend({ version: pathParam.version }),
  pool,
  node: pool.extend({ node: pathParam.node }),
  job,
  jobSchedule,
  task: job.extend({ task: pathParam.task }),
} as const satisfies Record<ParamLevel, z.ZodType<Record<string, string>>>;
