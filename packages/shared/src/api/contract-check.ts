import type { ApiRoute } from "./routes";

/**
 * Why an answer breaks its route's response schema (the first few complaints, by field), or
 * undefined when it keeps the contract. Both ends use it: the BFF checks its real answers in
 * development and tests, and the SPA's fake BFF checks every fake answer, so neither can drift.
 */
export const responseContractProblem = (
  route: Pick<ApiRoute, "response">,
  answer: unknown,
): string | undefined => {
  const schema = route.response;
  if (typeof schema === "string") return undefined;
  const parsed = schema.safeParse(answer);
  if (parsed.success) return undefined;
  return parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
};
