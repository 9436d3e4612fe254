/**
 * Batch's error vocabulary. Every expected failure is a BatchError with the status, code and
 * `values` the service uses, so handlers throw and the server renders the Batch error shape.
 * Never a 5xx for these: the SDK retries 5xx with a 30 s backoff.
 */
export interface ErrorValue {
  key: string;
  value: string;
}

export class BatchError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly values: ErrorValue[] = [],
  ) {
    super(message);
  }
}

const MESSAGES: Record<string, string> = {
  PoolNotFound: "The specified pool does not exist.",
  PoolExists: "The specified pool already exists.",
  PoolBeingDeleted: "The specified pool has been marked for deletion and is being reclaimed.",
  PoolBeingResized:
    "The specified pool is currently being resized; wait until its allocation state is steady.",
  NodeNotFound: "The specified node does not exist.",
  JobNotFound: "The specified job does not exist.",
  JobExists: "The specified job already exists.",
  JobBeingDeleted: "The specified job has been marked for deletion and is being garbage collected.",
  JobBeingTerminated: "The specified job is being terminated.",
  JobCompleted: "The specified job is already in a completed state.",
  JobNotActive: "The specified job is not in an active state.",
  JobScheduleNotFound: "The specified job schedule does not exist.",
  JobScheduleExists: "The specified job schedule already exists.",
  JobScheduleBeingDeleted: "The specified job schedule has been marked for deletion and is being reclaimed.",
  JobScheduleBeingTerminated: "The specified job schedule is being terminated.",
  JobScheduleCompleted: "The specified job schedule is already in completed state.",
  JobWithSameIdExists:
    "A job with the specified job schedule id exists. Job and job schedule cannot have the same id.",
  JobScheduleWithSameIdExists:
    "A job schedule with the specified job id exists. Job and job schedule cannot have the same id.",
  TaskNotFound: "The specified task does not exist.",
  TaskExists: "The specified task already exists.",
  TaskCompleted: "The specified task is already completed.",
  TaskIdSameAsJobPreparationTask: "The task id is the same as that of the job preparation task.",
  TaskIdSameAsJobReleaseTask: "The task id is the same as that of the job release task.",
  JobPreparationTaskNotSpecified: "The specified job does not have a job preparation task.",
  FileNotFound: "The specified file does not exist.",
  ResourceNotFound: "The specified resource does not exist.",
  MissingRequiredProperty: "A required property was not specified in the request body.",
  InvalidPropertyValue: "The value provided for one of the properties in the request body is invalid.",
  UnsupportedProperty: "One of the properties specified in the request body is not supported.",
  InvalidRequestBody: "The specified Request Body is not syntactically valid.",
  RequestBodyTooLarge: "The request body is too large and exceeds the maximum permissible limit.",
  MissingRequiredQueryParameter: "A query parameter that's mandatory for this request is not specified.",
  InvalidQueryParameterValue:
    "Value for one of the query parameters specified in the request URI is invalid.",
  InvalidHeaderValue: "The value for one of the HTTP headers is not in the correct format.",
  AuthenticationFailed:
    "Server failed to authenticate the request. Make sure the value of Authorization header is well-formed including the signature.",
  InvalidAuthenticationInfo:
    "Authentication information is not given in the correct format. Check the value of Authorization header.",
  ConditionNotMet: "The condition specified using HTTP conditional header(s) is not met.",
  InvalidRange: "The range specified is invalid for the current size of the resource.",
  OperationInvalidForCurrentState:
    "The specified operation is not valid for the current state of the resource.",
  UnsupportedHttpVerb: "The resource doesn't support the specified HTTP verb.",
};

/** A BatchError with the service's standard message for `code`. */
export function batchError(
  status: number,
  code: string,
  values: ErrorValue[] = [],
  message?: string,
): BatchError {
  return new BatchError(status, code, message ?? MESSAGES[code] ?? code, values);
}

export const notFound = (
  code:
    | "PoolNotFound"
    | "NodeNotFound"
    | "JobNotFound"
    | "JobScheduleNotFound"
    | "TaskNotFound"
    | "FileNotFound"
    | "ResourceNotFound",
) => batchError(404, code);

export const conflict = (code: string, reason?: string) =>
  batchError(409, code, reason ? [{ key: "Reason", value: reason }] : []);

/** Batch names the leaf property (e.g. "virtualMachineImageId"); the Reason carries the full body path. */
const leafOf = (path: string) =>
  path
    .split(/[.[\]]/)
    .filter(Boolean)
    .pop() ?? path;
const withPath = (path: string, reason: string) => (leafOf(path) === path ? reason : `${path}: ${reason}`);

/** 400 InvalidPropertyValue naming the property and why. */
export const invalidProperty = (path: string, reason: string, propertyValue?: string) =>
  batchError(400, "InvalidPropertyValue", [
    { key: "PropertyName", value: leafOf(path) },
    ...(propertyValue !== undefined ? [{ key: "PropertyValue", value: propertyValue }] : []),
    { key: "Reason", value: withPath(path, reason) },
  ]);

export const missingProperty = (path: string) =>
  batchError(400, "MissingRequiredProperty", [
    { key: "PropertyName", value: leafOf(path) },
    { key: "Reason", value: withPath(path, "This property is required.") },
  ]);

export const invalidQuery = (name: string, value: string, reason: string) =>
  batchError(400, "InvalidQueryParameterValue", [
    { key: "QueryParameterName", value: name },
    { key: "QueryParameterValue", value },
    { key: "Reason", value: reason },
  ]);
