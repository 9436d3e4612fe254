import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { apiRouteEntries, pathParam } from "@batch-studio/shared";
import { createLogger } from "../logger";
import { createdTargetOf, outcomeOf, TARGET_PARAMS } from "./audit-event";
import { AuditTrail } from "./audit-trail";
import { isAuditedRoute, unauditedMutationRoutes } from "./audited-routes";
import { bulkOperationIdOr400, readBulkOperationId } from "./bulk-operation-id";

describe("which routes are audited", () => {
  it("audits every mutation of the route table and nothing else: a new route that is not a GET lands in this list", () => {
    const audited = apiRouteEntries.filter(([name]) => isAuditedRoute(name)).map(([name]) => name);
    expect(audited.sort()).toEqual(
      [
        "setGalleryReplicas",
        "createPool",
        "deletePool",
        "resizePool",
        "setPoolStartTask",
        "rebootNode",
        "createJob",
        "updateJob",
        "terminateJob",
        "deleteJob",
        "disableJob",
        "enableJob",
        "createJobSchedule",
        "updateJobSchedule",
        "disableJobSchedule",
        "enableJobSchedule",
        "terminateJobSchedule",
        "deleteJobSchedule",
        "addTasks",
        "addTask",
        "deleteTask",
        "terminateTask",
        "reactivateTask",
      ].sort(),
    );
  });

  it("leaves out only routes that exist and are not GETs (a stale exclusion would hide nothing, and say nothing)", () => {
    const methods = new Map<string, string>(apiRouteEntries.map(([name, route]) => [name, route.method]));
    for (const name of Object.keys(unauditedMutationRoutes)) expect(methods.get(name), name).toBe("POST");
  });

  it("names targets by every path parameter the route table has", () => {
    expect([...TARGET_PARAMS].sort()).toEqual(Object.keys(pathParam).sort());
  });

  it("takes a create route's target from its body's id only when it is a well-formed id", () => {
    expect(createdTargetOf("createJob", { id: "j-1", poolId: "p" })).toEqual({ job: "j-1" });
    expect(createdTargetOf("addTask", { id: "t" })).toEqual({ task: "t" });
    expect(createdTargetOf("createJob", { id: "../pools/p" })).toEqual({});
    expect(createdTargetOf("createJob", { id: 7 })).toEqual({});
    expect(createdTargetOf("terminateJob", { id: "j-1" })).toEqual({});
  });
});

describe("outcome", () => {
  it("is denied for 401 and 403, failed for any other problem, success otherwise", () => {
    expect([201, 202, 204, 200].map((status) => outcomeOf({ status }))).toEqual(["success", "success", "success", "success"]);
    expect(outcomeOf({ status: 403, problemCode: "AuthorizationFailure" })).toBe("denied");
    expect(outcomeOf({ status: 401 })).toBe("denied");
    expect([400, 404, 409, 429, 502].map((status) => outcomeOf({ status }))).toEqual(["failed", "failed", "failed", "failed", "failed"]);
    // A problem after a 200 had been sent (a stream cut off): the answer failed although its status said otherwise.
    expect(outcomeOf({ status: 200, problemCode: "internal" })).toBe("failed");
  });
});

describe("the bulk operation header", () => {
  const id = "3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f";
  it("accepts one lowercase UUID and nothing else", () => {
    expect(readBulkOperationId(id)).toEqual({ kind: "valid", id });
    expect(readBulkOperationId(undefined)).toEqual({ kind: "absent" });
    for (const bad of [id.toUpperCase(), `${id} `, `${id},${id}`, "", "sig=abc", [id, id]]) expect(readBulkOperationId(bad), String(bad)).toEqual({ kind: "malformed" });
    expect(bulkOperationIdOr400(id)).toBe(id);
    expect(bulkOperationIdOr400(undefined)).toBeUndefined();
    expect(() => bulkOperationIdOr400("nope")).toThrow(/x-bulk-operation-id/);
  });
});

describe("AuditTrail", () => {
  const capture = (level: string) => {
    const lines: string[] = [];
    const logger = createLogger(level, new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }));
    return { lines, logger };
  };
  const fakeResponse = () => ({});

  it("writes an event at a quieter configured level too, once per request, and nothing when logs are silent", () => {
    const { lines, logger } = capture("warn");
    const trail = new AuditTrail(logger);
    const res = fakeResponse();
    logger.info("hidden at warn");
    trail.begin(res, { route: "deleteJob", method: "DELETE", user: { oid: "o" }, params: { account: "a", job: "j" } });
    trail.end(res, { status: 202 });
    trail.end(res, { status: 500, problemCode: "internal" });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: "audit", route: "deleteJob", actions: ["Microsoft.Batch/batchAccounts/jobs/delete"], target: { account: "a", job: "j" }, outcome: "success", status: 202 });

    const silent = capture("silent");
    const quiet = new AuditTrail(silent.logger);
    const other = fakeResponse();
    quiet.begin(other, { route: "deleteJob", method: "DELETE", user: { oid: "o" }, params: {} });
    quiet.end(other, { status: 202 });
    expect(silent.lines).toEqual([]);
  });
});
