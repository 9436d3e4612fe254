import { fromZodIssues } from "@batch-studio/shared";
import type { z } from "zod";
import { validationProblem } from "./problem";

const titles = {
  body: "The request body has invalid fields",
  query: "The query has invalid parameters",
  path: "The URL has invalid path parameters",
} as const;

/**
 * Parses with a route's schema; on failure a 400 problem listing every bad field, its path starting
 * with where it was ("path" for URL segments, so a bad task id reads ["path", "task"]; query and
 * body fields keep their own paths, as the forms show them at their fields).
 */
export const parseOr400 = <S extends z.ZodType>(schema: S, value: unknown, where: keyof typeof titles): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = fromZodIssues(parsed.error.issues);
  throw validationProblem(where === "path" ? issues.map((i) => ({ ...i, path: ["path", ...i.path] })) : issues, titles[where]);
};
