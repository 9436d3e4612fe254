import type { RequestHandler } from "express";
import { DOWNLOAD_TICKET_PATTERN } from "@batch-studio/shared";
import type { Operator } from "../auth/token-verifier";
import { problem } from "../http/problem";
import { fileTargetOf, type DownloadTickets } from "./download-tickets";

/**
 * Authorises a ticket-download request by its ticket instead of a bearer token: the ticket is
 * spent and its operator becomes the request's operator. A bearer token sent along (API clients
 * might) must belong to the same user. The ticket sits in the query string, which the request
 * log never records.
 */
export const ticketAuth =
  (tickets: DownloadTickets, verify: (authorization: string | undefined) => Promise<Operator>): RequestHandler =>
  async (req, res, next) => {
    try {
      const ticket = typeof req.query.ticket === "string" ? req.query.ticket : "";
      const path = typeof req.query.path === "string" ? req.query.path : "";
      if (!DOWNLOAD_TICKET_PATTERN.test(ticket)) {
        throw problem(401, "invalid_ticket", "A download ticket is required", { detail: "Ask for a download link first (POST …/files/download-ticket)." });
      }
      const presentedBy = req.headers.authorization ? await verify(req.headers.authorization) : undefined;
      const operator = tickets.redeem(ticket, fileTargetOf(req.params as Record<string, string>, path), presentedBy);
      res.locals.operator = operator;
      res.locals.oid = operator.oid;
      next();
    } catch (err) {
      next(err);
    }
  };
