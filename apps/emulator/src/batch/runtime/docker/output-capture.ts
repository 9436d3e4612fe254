/**
 * A task container's stdout and stderr, appended to stdout.txt and stderr.txt as the container writes
 * them (attached before start, so nothing is missed), so the file API can serve them mid-run.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import type Docker from "dockerode";
import { openOutput } from "../../files/confined-writes";

export interface OutputCapture {
  /** Resolves when the engine has closed the output and both files are flushed and closed. */
  finished(graceMs: number): Promise<void>;
}

export async function captureOutput(
  docker: Docker,
  container: Docker.Container,
  nodeRootDir: string,
  stdoutPath: string,
  stderrPath: string,
): Promise<OutputCapture> {
  // Open both files first so a missing task directory is an error here, not an unhandled stream event.
  const [outFile, errFile] = await Promise.all([
    openOutput(nodeRootDir, stdoutPath),
    openOutput(nodeRootDir, stderrPath),
  ]);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await container.attach({ stream: true, stdout: true, stderr: true, logs: false });
  } catch (e) {
    await Promise.all([outFile.close(), errFile.close()]);
    throw e;
  }
  const out = createWriteStream("", { fd: outFile });
  const err = createWriteStream("", { fd: errFile });
  // A write error (disk full) must not crash the emulator; the task's own result still counts.
  out.on("error", () => undefined);
  err.on("error", () => undefined);
  docker.modem.demuxStream(stream, out, err);
  const ended = new Promise<void>((resolve) => {
    stream.once("end", resolve);
    stream.once("close", resolve);
    stream.once("error", () => resolve());
  });
  return {
    async finished(graceMs: number) {
      // The engine closes the attach stream when the container stops; bound the wait in case it does not.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      await Promise.all([close(out), close(err)]);
    },
  };
}

function close(file: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (file.closed) return resolve();
    file.once("close", () => resolve());
    file.once("error", () => resolve());
    file.end();
  });
}
