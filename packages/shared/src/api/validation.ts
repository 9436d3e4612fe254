import { z } from "zod";
import { ImageProbeFactSchema, RegistryProbeFactSchema, ValidationContextSchema } from "./facts";
import { ValidationIssueSchema } from "./problem";

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

/**
 * A spec as far as a form has it filled in: any object. The live checks parse it part by part and
 * each runs once the part it depends on is valid (a registry login needs only the registry).
 */
export const SpecDraft = z
  .record(z.string(), z.unknown())
  .describe("A spec as far as it is filled in; each live check runs once the part it depends on is valid.");

/** POST /api/accounts/:account/validate/task needs to know which job (and so which pool). */
export const ValidateTaskRequest = z.object({
  jobId: z.string().min(1, "job id is required"),
  task: SpecDraft,
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
