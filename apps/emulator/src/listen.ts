import type { RequestListener, Server } from "node:http";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";

/** PEM certificate and key; when given, the listener speaks https. */
export interface TlsFiles {
  cert: string;
  key: string;
}

/** Thrown when a listener cannot bind; the message names the service and the port. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `${service}: port ${port} on ${host} is already in use. Stop what uses it, or choose another port (see apps/emulator/README.md for the environment variables).`,
    );
    this.name = "PortInUseError";
  }
}

/** Starts an HTTP(S) server and resolves once it listens; a busy port rejects with PortInUseError. */
export function listen(
  handler: RequestListener,
  port: number,
  host: string,
  service: string,
  tls?: TlsFiles,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server: Server = tls
      ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler)
      : createServer(handler);
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(err.code === "EADDRINUSE" ? new PortInUseError(service, host, port) : err);
    });
    server.listen(port, host, () => resolve(server));
  });
}
