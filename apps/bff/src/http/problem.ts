import { problemCodes, problemTypeUri, type ProblemDetails, type ValidationIssue } from "@batch-studio/shared";

/** An error that already knows its RFC 9457 answer. Thrown by handlers, rendered by the error middleware. */
export class HttpProblem extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = "HttpProblem";
  }
}

export const problem = (
  status: number,
  code: string,
  title: string,
  extras: Partial<ProblemDetails> = {},
  headers: Record<string, string> = {},
): HttpProblem => new HttpProblem({ type: problemTypeUri(code), title, status, code, ...extras }, headers);

export const notFound = (what: string): HttpProblem => problem(404, problemCodes.notFound, `${what} was not found`);

export const validationProblem = (issues: ValidationIssue[], title = "The request has invalid fields"): HttpProblem =>
  problem(400, problemCodes.validationFailed, title, {
    detail: issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "),
    issues,
  });

export interface RenderedProblem {
  problem: ProblemDetails;
  headers: Record<string, string>;
}

interface SdkErrorShape {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: unknown;
  type?: string;
  status?: number;
  body?: { code?: string; message?: { value?: string } | string; values?: { key?: string; value?: string }[] };
  details?: { error?: { code?: string; message?: string; target?: string } };
  response?: { headers?: { get(name: string): string | undefined | null } };
}

/** Batch appends "\nRequestId:…\nTime:…" to every message; the operator only needs the sentence. */
const firstLine = (text: string): string => text.split("\n")[0]!.trim();

const batchMessage = (err: SdkErrorShape): string | undefined => {
  const fromBody = typeof err.body?.message === "string" ? err.body.message : err.body?.message?.value;
  const fromErr = typeof err.message === "string" ? err.message : (err.message as { value?: string } | undefined)?.value;
  const text = fromBody ?? fromErr;
  return text === undefined || text === "" ? undefined : firstLine(text);
};

const retryAfterOf = (err: SdkErrorShape): number | undefined => {
  const raw = err.response?.headers?.get("retry-after");
  if (raw === undefined || raw === null) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
};

const STATUS_TITLES: Record<number, string> = {
  400: "The request was rejected",
  401: "Not authenticated",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict with the current state",
  412: "The resource changed meanwhile",
  413: "The request is too large",
  416: "The byte range is not satisfiable",
  429: "Too many requests",
  503: "The service is busy",
};

const fromSdkError = (err: SdkErrorShape): RenderedProblem | undefined => {
  const status = err.statusCode;
  if (typeof status !== "number" || status < 400) return undefined;
  const code = err.body?.code ?? err.details?.error?.code ?? err.code;
  const message = err.details?.error?.message ?? batchMessage(err);
  // ms-rest's streaming file errors carry only "Unexpected status code: N": say something useful instead.
  const usefulMessage = message !== undefined && !/^Unexpected status code/.test(message) ? message : undefined;
  const property =
    err.body?.values?.find((v) => v.key === "PropertyName")?.value ?? err.details?.error?.target;
  const reason = err.body?.values?.find((v) => v.key === "Reason")?.value;
  const retryAfter = status === 429 || status === 503 ? retryAfterOf(err) : undefined;
  // 429/503 and 4xx pass through; other upstream 5xx become 502 so the SPA can tell "Batch failed" from "BFF failed".
  const outStatus = status >= 500 && status !== 503 ? 502 : status;
  const title = usefulMessage ?? STATUS_TITLES[status] ?? `The upstream service answered ${status}`;
  const p: ProblemDetails = {
    type: problemTypeUri(code ?? `http_${outStatus}`),
    title,
    status: outStatus,
  };
  if (code !== undefined) p.code = code;
  if (reason !== undefined) p.detail = reason;
  if (property !== undefined) {
    p.issues = [{ path: [property], level: "error", code: code ?? "upstream", message: reason ?? title }];
  }
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) {
    p.retryAfter = retryAfter;
    headers["retry-after"] = String(retryAfter);
  }
  return { problem: p, headers };
};

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "REQUEST_SEND_ERROR"]);

/** Maps anything thrown into the problem body the client sees. Never includes a stack or a secret. */
export const toProblem = (err: unknown): RenderedProblem => {
  if (err instanceof HttpProblem) return { problem: err.problem, headers: err.headers };
  const e = (err ?? {}) as SdkErrorShape;
  // Express's body parser.
  if (e.type === "entity.too.large") {
    return { problem: problem(413, problemCodes.payloadTooLarge, "The request body is too large").problem, headers: {} };
  }
  if (e.type === "entity.parse.failed") {
    return { problem: problem(400, problemCodes.validationFailed, "The request body is not valid JSON").problem, headers: {} };
  }
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500 && e.type !== undefined) {
    return { problem: problem(e.status, `http_${e.status}`, STATUS_TITLES[e.status] ?? "Bad request").problem, headers: {} };
  }
  const sdk = fromSdkError(e);
  if (sdk) return sdk;
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) {
    return {
      problem: problem(502, problemCodes.upstreamUnavailable, "An upstream service could not be reached", { detail: e.code }).problem,
      headers: {},
    };
  }
  return { problem: problem(500, problemCodes.internal, "Something went wrong in the portal's backend").problem, headers: {} };
};
