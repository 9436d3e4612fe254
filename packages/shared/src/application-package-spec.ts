import { z } from "zod";
import { batchId } from "./ids";

/**
 * One application package a task or pool installs on its nodes (Batch REST
 * ApplicationPackageReference). Without a version, Batch takes the application's default version.
 * Application ids follow the Batch id grammar; versions are ARM version names (letters, digits,
 * '-', '_' and '.', at most 64 characters, e.g. "1.0").
 */
export const ApplicationPackageReferenceSpec = z.object({
  applicationId: batchId("Application"),
  version: z
    .string()
    .max(64, "version must be at most 64 characters")
    .regex(/^[A-Za-z0-9_.-]+$/, "version may contain only letters, digits, '-', '_' and '.'")
    .optional(),
});
export type ApplicationPackageReferenceSpec = z.infer<typeof ApplicationPackageReferenceSpec>;
