import { z } from "zod";

/** Stands in for a blank password while the rest of a read-back spec is checked. */
const BLANK_PASSWORD_STAND_IN = "(re-enter)";

const withStandIns = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withStandIns);
  if (value === null || typeof value !== "object") return value;
  const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withStandIns(v)]));
  return copy.kind === "password" && copy.password === "" ? { ...copy, password: BLANK_PASSWORD_STAND_IN } : copy;
};

/**
 * A spec as Batch gives it back (to clone, edit or re-add): Batch never returns registry
 * passwords, so their registries come back with a blank one the form asks for again. The spec's
 * own schema would refuse the blank, so it checks everything else, with a stand-in password. The
 * BFF sends the parsed spec (defaults filled in), so its type is the schema's output.
 */
export const readBackSpec = <S extends z.ZodType>(schema: S, what: string) =>
  z
    .custom<z.output<S>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "spec must be an object")
    .describe(`A ${what} whose registry passwords are blank (Batch never returns them).`)
    .superRefine((spec, ctx) => {
      const full = schema.safeParse(withStandIns(spec));
      if (full.success) return;
      for (const issue of full.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    });
