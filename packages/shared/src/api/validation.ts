import { z } from "zod";
import { ImageProbeFactSchema, RegistryProbeFactSchema, ValidationContextSchema } from "./facts";
import { ValidationIssueSchema } from "./problem";
import { TaskSpec } from "../task-spec";

/**
 * POST /api/accounts/:account/validate/{pool,task}: the async checks' issues plus the facts the
 * BFF learned, so the browser can rerun the sync rules with them (validatePool(spec, facts)).
 */
export const ValidationResponse = z.object({
  issues: z.array(ValidationIssueSchema),
  facts: ValidationContextSchema,
  /** True when no issue has level "error". Warnings never block. */
  ok: z.boolean(),
});
export type ValidationResponse = z.infer<typeof ValidationResponse>;

/** POST /api/accounts/:account/validate/task needs to know which job (and so which pool). */
export const ValidateTaskRequest = z.object({
  jobId: z.string().min(1, "job id is required"),
  task: TaskSpec,
});

export const RegistryTestRequest = z.object({
  server: z.string().min(1, "registry server is required"),
  username: z.string().optional(),
  password: z.string().optional(),
});
export type RegistryTestRequest = z.infer<typeof RegistryTestRequest>;

export const RegistryTestResult = RegistryProbeFactSchema;
export type RegistryTestResult = z.infer<typeof RegistryTestResult>;

export const ImageInspectRequest = z.object({
  /** A full `docker pull` reference, e.g. "myacr.azurecr.io/tools/app:1.2". */
  reference: z.string().min(1, "image reference is required"),
  registry: RegistryTestRequest.optional(),
});
export type ImageInspectRequest = z.infer<typeof ImageInspectRequest>;

/** The image's ENTRYPOINT, CMD and WORKDIR (when found), as the registry's config blob says. */
export const ImageInspection = ImageProbeFactSchema;
export type ImageInspection = z.infer<typeof ImageInspection>;
