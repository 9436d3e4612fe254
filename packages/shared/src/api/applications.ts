import { ApplicationFactSchema } from "./facts";
import { listOf } from "./catalog";

/**
 * The account's applications as the portal offers them in package pickers: the same shape the
 * application package rules read as facts, so the SPA can check a reference with what it listed.
 */
export const ApplicationInfo = ApplicationFactSchema;
export const ApplicationsResponse = listOf(ApplicationInfo);
