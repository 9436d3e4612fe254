import { fromZodIssues } from "@batch-studio/shared";
import type { z } from "zod";
import { validationProblem } from "./problem";

/** Parses with a route's schema; on failure a 400 problem listing every bad field with its path. */
export const parseOr400 = <S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query"): z.infer<S> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationProblem(fromZodIssues(parsed.error.issues), where === "body" ? "The request body has invalid fields" : "The query has invalid parameters");
};
