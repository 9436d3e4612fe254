/**
 * The one dockerode client per runtime, and the probe that decides whether the docker runtime can be
 * used at all. Without an explicit host the client follows DOCKER_HOST (and DOCKER_TLS_VERIFY /
 * DOCKER_CERT_PATH) like the docker CLI, else the default socket.
 */
import Docker from "dockerode";

export interface DockerClientOptions {
  /** "unix:///path/docker.sock", "tcp://host:2375" or "http://host:2375"; default: DOCKER_HOST or the default socket. */
  dockerHost?: string;
}

export function createDockerClient(options: DockerClientOptions = {}): Docker {
  const host = options.dockerHost;
  if (!host || host === process.env.DOCKER_HOST) return new Docker();
  if (host.startsWith("unix://")) return new Docker({ socketPath: host.slice("unix://".length) });
  const tcp = /^(?:tcp|http):\/\/([^:/]+|\[[^\]]+\]):(\d+)\/?$/.exec(host);
  if (tcp) return new Docker({ host: tcp[1]!, port: Number(tcp[2]), protocol: "http" });
  throw new Error(
    `unsupported Docker host "${host}": use unix:///path, tcp://host:port, or set DOCKER_HOST for TLS and ssh`,
  );
}

export interface DockerDetection {
  available: boolean;
  /** Engine version, e.g. "20.10.24+dfsg1". */
  version?: string;
  /** Why the engine is not usable, for the log line that says which runtime was chosen. */
  reason?: string;
}

/** Asks the engine for its version with a short timeout; never throws. */
export async function detectDocker(
  options: DockerClientOptions & { timeoutMs?: number } = {},
): Promise<DockerDetection> {
  const where = options.dockerHost ?? process.env.DOCKER_HOST ?? "the default Docker socket";
  let docker: Docker;
  try {
    docker = createDockerClient(options);
  } catch (e) {
    return { available: false, reason: e instanceof Error ? e.message : String(e) };
  }
  try {
    // dockerode passes { abortSignal } through to the request; its type definitions omit the parameter.
    const versionWithSignal = docker.version as unknown as (opts: {
      abortSignal: AbortSignal;
    }) => Promise<Docker.DockerVersion>;
    const version = await versionWithSignal.call(docker, {
      abortSignal: AbortSignal.timeout(options.timeoutMs ?? 2000),
    });
    return { available: true, version: version.Version };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no socket"
        : code === "ECONNREFUSED"
          ? "connection refused"
          : e instanceof Error && e.name === "AbortError"
            ? "no answer in time"
            : e instanceof Error
              ? e.message
              : String(e);
    return { available: false, reason: `no Docker Engine answers at ${where} (${why})` };
  }
}
