import { pathParam, routeNeeds, type ApiRouteName, type HttpMethod, type PathParamName } from "@batch-studio/shared";
import type { RequestContext } from "../http/request-context";

export type AuditOutcome = "success" | "denied" | "failed";

/** Every path parameter a route can have: the ids the audit names its target by, already grammar-checked. */
export const TARGET_PARAMS = ["account", "subscription", "resourceGroup", "gallery", "image", "version", "pool", "node", "job", "jobSchedule", "task"] as const satisfies readonly PathParamName[];

export type TargetParam = (typeof TARGET_PARAMS)[number];

export type AuditTarget = Partial<Record<TargetParam, string>>;

/**
 * The create routes: what they create is named by the body's `id`, not the path, so the event
 * takes it from the body once the route's schema accepted it (a Batch id, checked again by the
 * path grammar before it is written). addTasks names up to 100 tasks and stays at its job.
 */
export const createdTargetParam: ReadonlyMap<ApiRouteName, TargetParam> = new Map<ApiRouteName, TargetParam>([
  ["createPool", "pool"],
  ["createJob", "job"],
  ["createJobSchedule", "jobSchedule"],
  ["addTask", "task"],
]);

/** The id a create route's parsed body names, as the path parameter it would be on every later route. */
export const createdTargetOf = (route: ApiRouteName, body: unknown): AuditTarget => {
  const param = createdTargetParam.get(route);
  if (param === undefined || typeof body !== "object" || body === null || !("id" in body) || typeof body.id !== "string") return {};
  return pathParam[param].safeParse(body.id).success ? { [param]: body.id } : {};
};

/**
 * One line per mutation a user asked the BFF for. Only ids and codes: never a body, a header
 * value the caller wrote (save the UUID-checked bulk id), a token, a password or a SAS.
 */
export interface AuditEvent {
  event: "audit";
  user: { oid: string; tid?: string };
  route: ApiRouteName;
  method: HttpMethod;
  /** The Azure RBAC permissions the route needs (shared routeAuthorization): what a denied user lacked. */
  actions?: string[];
  target: AuditTarget;
  outcome: AuditOutcome;
  /** The status the BFF answered. */
  status: number;
  /** The problem's code when the answer was one (a Batch/ARM code such as "PoolExists", or the BFF's own). */
  errorCode?: string;
  /** The BFF's x-request-id: sent to Batch as client-request-id and to ARM as x-ms-client-request-id. */
  requestId?: string;
  /** Batch's `request-id` of each call the request made, in order (the latest 32). */
  batchRequestIds?: string[];
  /** ARM's `x-ms-request-id` of each call the request made, in order (the latest 32). */
  armRequestIds?: string[];
  bulkOperationId?: string;
}

/** What is known when the request is authenticated, before the handler runs. */
export interface AuditStart {
  route: ApiRouteName;
  method: HttpMethod;
  user: { oid: string; tid?: string };
  /** The route's path parameters as its own schema parsed them. */
  params: Record<string, string>;
  bulkOperationId?: string;
  /** The request's context, whose upstream ids the transports fill in while the handler runs. */
  context?: RequestContext;
}

/** What the BFF answered. */
export interface AuditAnswer {
  status: number;
  problemCode?: string;
}

/** 401/403 say the caller may not; any other problem says it went wrong. */
export const outcomeOf = ({ status, problemCode }: AuditAnswer): AuditOutcome =>
  status === 401 || status === 403 ? "denied" : status >= 400 || problemCode !== undefined ? "failed" : "success";

export const targetOf = (params: Record<string, string>): AuditTarget => {
  const target: AuditTarget = {};
  for (const name of TARGET_PARAMS) {
    const value = params[name];
    if (value !== undefined) target[name] = value;
  }
  return target;
};

export const auditEvent = (start: AuditStart, answer: AuditAnswer): AuditEvent => {
  const event: AuditEvent = {
    event: "audit",
    user: start.user,
    route: start.route,
    method: start.method,
    target: targetOf(start.params),
    outcome: outcomeOf(answer),
    status: answer.status,
  };
  const actions = routeNeeds(start.route).map((a) => a.action);
  if (actions.length > 0) event.actions = actions;
  if (answer.problemCode !== undefined) event.errorCode = answer.problemCode;
  if (start.context !== undefined) {
    event.requestId = start.context.requestId;
    const { batch, arm } = start.context.upstreamRequestIds;
    if (batch.length > 0) event.batchRequestIds = [...batch];
    if (arm.length > 0) event.armRequestIds = [...arm];
  }
  if (start.bulkOperationId !== undefined) event.bulkOperationId = start.bulkOperationId;
  return event;
};
