import type { z } from "zod";
import { ApplicationFactSchema } from "./facts";
import { listOf } from "./catalog";

/**
 * The account's applications as the portal offers them in package pickers: the same shape the
 * application package rules read as facts, so the SPA can check a reference with what it listed.
 */
export const ApplicationInfo = ApplicationFactSchema;
export type ApplicationInfo = z.infer<typeof ApplicationInfo>;
export const ApplicationsResponse = listOf(ApplicationInfo);
