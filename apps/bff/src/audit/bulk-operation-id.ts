import { problemCodes } from "@batch-studio/shared";
import { problem } from "../http/problem";

/**
 * The header the SPA's bulk runner sends on every request of one run (a bulk terminate, delete or
 * reactivate of many tasks), so the audit events of that run can be found together.
 */
export const BULK_OPERATION_HEADER = "x-bulk-operation-id";

/** A UUID as crypto.randomUUID() writes it: nothing else can ride into a log line through this header. */
const BULK_OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type BulkOperationHeader = { kind: "absent" } | { kind: "valid"; id: string } | { kind: "malformed" };

export const readBulkOperationId = (header: string | string[] | undefined): BulkOperationHeader => {
  if (header === undefined) return { kind: "absent" };
  return typeof header === "string" && BULK_OPERATION_ID.test(header) ? { kind: "valid", id: header } : { kind: "malformed" };
};

/**
 * Refuses a malformed bulk id with 400 rather than dropping it: a mutation whose audit trail would
 * silently lose its run is a bug the SPA should see, as a malformed path id is.
 */
export const bulkOperationIdOr400 = (header: string | string[] | undefined): string | undefined => {
  const read = readBulkOperationId(header);
  if (read.kind === "malformed") {
    throw problem(400, problemCodes.validationFailed, `The ${BULK_OPERATION_HEADER} header must be one lowercase UUID`, {
      issues: [{ path: [BULK_OPERATION_HEADER], level: "error", code: "bulkOperationId", message: "must be one lowercase UUID (crypto.randomUUID())" }],
    });
  }
  return read.kind === "valid" ? read.id : undefined;
};
