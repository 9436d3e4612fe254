import { problemCodes, type ProblemDetails } from "@batch-studio/shared";

/** Every failed BFF call becomes this: the problem body (RFC 9457) the BFF sent, or one made up from the status. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get interactionRequired(): boolean {
    return this.code === problemCodes.interactionRequired || this.code === problemCodes.consentRequired;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Reads a failed response: problem+json when the BFF sent one, else a problem built from the status. */
export async function problemFrom(res: Response): Promise<ProblemDetails> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body = (await res.json()) as Partial<ProblemDetails>;
      if (typeof body.title === "string") {
        return { type: body.type ?? "about:blank", ...body, title: body.title, status: body.status ?? res.status };
      }
    } catch {
      // fall through to the status-only problem
    }
  }
  return { type: "about:blank", title: res.statusText || `HTTP ${res.status}`, status: res.status };
}

/** A short human sentence for toasts and banners. */
export const errorMessage = (e: unknown): string =>
  e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
