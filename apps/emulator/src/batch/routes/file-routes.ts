/** Files of a task (relative to its directory) and of a node (relative to its root): list, get, properties, delete. */
import { join } from "node:path";
import type { Stats } from "node:fs";
import { conflict, invalidQuery, notFound } from "../http/batch-error";
import { checkConditions } from "../http/conditions";
import type { Reply, RequestContext } from "../http/context";
import { arraySource, listReply } from "../http/odata-query";
import type { Router } from "../http/router";
import { nodeRoot } from "../scheduler/node-layout";
import {
  contentTypeOf,
  deleteFile,
  fileMode,
  listFiles,
  parseRange,
  readFileRange,
  statFile,
  type NodeFileEntry,
} from "../files/node-files";
import { findJob, findNode, findPool, findTask, lower } from "./common";
import type { Services } from "./services";

interface FileBase {
  /** Absolute directory the paths are relative to; undefined when the task has not run yet. */
  dir?: string;
  /** URL prefix of the files collection, e.g. …/jobs/j/tasks/t/files */
  url: string;
}

const encodePath = (p: string) => p.split("/").map(encodeURIComponent).join("/");

/** A stable ETag for a file version: derived from its size and modification time. */
const fileETag = (s: Stats) =>
  `0x${Math.round(s.mtimeMs * 1000 + s.size)
    .toString(16)
    .toUpperCase()}`;

function recursiveFlag(ctx: RequestContext): boolean {
  const v = ctx.query.get("recursive");
  if (v === null) return false;
  if (v !== "true" && v !== "false") throw invalidQuery("recursive", v, "Expected true or false.");
  return v === "true";
}

function fileHeaders(base: FileBase, name: string, stats: Stats): Record<string, string | number> {
  return {
    "ocp-creation-time": stats.birthtime.toUTCString(),
    "ocp-batch-file-isdirectory": String(stats.isDirectory()),
    "ocp-batch-file-url": `${base.url}/${encodePath(name)}`,
    "ocp-batch-file-mode": fileMode(stats),
    "Content-Type": contentTypeOf(name),
    ETag: fileETag(stats),
    "Last-Modified": stats.mtime.toUTCString(),
  };
}

export function registerFileRoutes(router: Router, s: Services): void {
  const { engine } = s;

  const taskBase = (ctx: RequestContext): FileBase => {
    const job = findJob(engine, ctx.params.jobId!);
    const task = findTask(engine, job, ctx.params.taskId!);
    const info = task.wire.nodeInfo;
    const url = `${task.wire.url}/files`;
    if (!info) return { url };
    return {
      url,
      dir: join(nodeRoot(engine.config.dataDir, lower(info.poolId), info.nodeId), info.taskRootDirectory),
    };
  };

  const nodeBase = (ctx: RequestContext): FileBase => {
    const pool = findPool(engine, ctx.params.poolId!);
    const node = findNode(engine, pool, ctx.params.nodeId!);
    return {
      url: `${node.wire.url}/files`,
      dir: nodeRoot(engine.config.dataDir, lower(pool.wire.id), node.wire.id),
    };
  };

  const list = (baseOf: (ctx: RequestContext) => FileBase) => async (ctx: RequestContext) => {
    const base = baseOf(ctx);
    const entries = base.dir ? await listFiles(base.dir, recursiveFlag(ctx)) : [];
    const render = ({ value: e }: { value: NodeFileEntry }) => ({
      name: e.name,
      url: `${base.url}/${encodePath(e.name)}`,
      isDirectory: e.isDirectory,
      properties: {
        creationTime: e.stats.birthtime.toISOString(),
        lastModified: e.stats.mtime.toISOString(),
        contentLength: e.isDirectory ? 0 : e.stats.size,
        contentType: contentTypeOf(e.name),
        fileMode: fileMode(e.stats),
      },
    });
    return listReply(ctx, arraySource(entries), render, "files");
  };

  const read =
    (baseOf: (ctx: RequestContext) => FileBase, withBody: boolean) =>
    async (ctx: RequestContext): Promise<Reply> => {
      const base = baseOf(ctx);
      const name = ctx.params.filePath!;
      if (!base.dir) throw notFound("FileNotFound");
      const { abs, stats } = await statFile(base.dir, name);
      const headers = fileHeaders(base, name, stats);
      const version = { eTag: String(headers.ETag), lastModified: stats.mtime.toISOString() };
      if (checkConditions(ctx, version, true) === "not-modified") return { status: 304, headers };
      if (stats.isDirectory()) {
        if (withBody)
          throw conflict("OperationInvalidForCurrentState", "The path is a directory; list it instead.");
        return { status: 200, headers: { ...headers, "Content-Length": 0 } };
      }
      if (!withBody) return { status: 200, headers: { ...headers, "Content-Length": stats.size } };
      const rangeHeader = ctx.headers["ocp-range"];
      const range = parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, stats.size);
      const length = range ? range.end - range.start + 1 : stats.size;
      // Always 200, never 206: the SDK accepts only 200 for file reads.
      return {
        status: 200,
        headers: { ...headers, "Content-Length": length },
        stream: readFileRange(abs, range),
      };
    };

  const remove =
    (baseOf: (ctx: RequestContext) => FileBase) =>
    async (ctx: RequestContext): Promise<Reply> => {
      const base = baseOf(ctx);
      if (!base.dir) throw notFound("FileNotFound");
      await deleteFile(base.dir, ctx.params.filePath!, recursiveFlag(ctx));
      return { status: 200 };
    };

  router.on("GET", "/jobs/:jobId/tasks/:taskId/files", list(taskBase));
  router.on("GET", "/jobs/:jobId/tasks/:taskId/files/*filePath", read(taskBase, true));
  router.on("HEAD", "/jobs/:jobId/tasks/:taskId/files/*filePath", read(taskBase, false));
  router.on("DELETE", "/jobs/:jobId/tasks/:taskId/files/*filePath", remove(taskBase));
  router.on("GET", "/pools/:poolId/nodes/:nodeId/files", list(nodeBase));
  router.on("GET", "/pools/:poolId/nodes/:nodeId/files/*filePath", read(nodeBase, true));
  router.on("HEAD", "/pools/:poolId/nodes/:nodeId/files/*filePath", read(nodeBase, false));
  router.on("DELETE", "/pools/:poolId/nodes/:nodeId/files/*filePath", remove(nodeBase));
}
