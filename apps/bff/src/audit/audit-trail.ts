import type { Logger } from "pino";
import { auditEvent, createdTargetOf, type AuditAnswer, type AuditStart } from "./audit-event";

/**
 * Opens an entry when an audited request is authenticated and writes its one event when the BFF
 * answers, success or problem. Keyed by the response object (its identity only), so nothing rides
 * on res.locals' untyped bag; an entry closed twice (a problem after a streamed answer) writes once.
 */
export class AuditTrail {
  private readonly open = new WeakMap<object, AuditStart>();
  private readonly logger: Logger;

  constructor(logger: Logger) {
    // Audit lines are written at "info" even when the configured level is quieter ("warn" hides
    // request lines, not who changed what); only "silent" turns them off with everything else.
    this.logger = logger.child({}, { level: logger.level === "silent" ? "silent" : "info" });
  }

  begin(res: object, start: AuditStart): void {
    this.open.set(res, start);
  }

  /** Once the body passed its schema: a create route's event names what it creates. */
  bodyAccepted(res: object, body: unknown): void {
    const start = this.open.get(res);
    if (start === undefined) return;
    this.open.set(res, { ...start, params: { ...start.params, ...createdTargetOf(start.route, body) } });
  }

  end(res: object, answer: AuditAnswer): void {
    const start = this.open.get(res);
    if (start === undefined) return;
    this.open.delete(res);
    this.logger.info(auditEvent(start, answer), "audit");
  }
}
