/**
 * Files of a task (relative to its directory) and of a node (relative to its root): list, get,
 * properties, delete. Everything below goes through files/node-files.ts, which keeps every path inside
 * its folder whatever links the task made.
 */
import { join, relative } from "node:path";
import { conflict, invalidQuery, notFound } from "../http/batch-error";
import { checkConditions } from "../http/conditions";
import type { Reply, RequestContext } from "../http/context";
import { cursorListReply } from "../http/odata-query";
import type { Router } from "../http/router";
import { nodeRoot } from "../scheduler/node-layout";
import {
  contentTypeOf,
  deleteFile,
  fileMode,
  filesBase,
  listFiles,
  openFile,
  parseRange,
  type FileStats,
  type NodeFileEntry,
} from "../files/node-files";
import { findJob, findNode, findPool, findTask, lower } from "./common";
import type { Services } from "./services";

interface FileBase {
  /** The directory the paths are relative to, below the data folder; undefined when the task has not run yet. */
  dir?: string;
  /** URL prefix of the files collection, e.g. …/jobs/j/tasks/t/files */
  url: string;
}

const encodePath = (p: string) => p.split("/").map(encodeURIComponent).join("/");

/** A stable ETag for a file version: derived from its size and modification time (in µs). */
const fileETag = (s: FileStats) => `0x${(s.mtimeNs / 1000n + s.size).toString(16).toUpperCase()}`;

function recursiveFlag(ctx: RequestContext): boolean {
  const v = ctx.query.get("recursive");
  if (v === null) return false;
  if (v !== "true" && v !== "false") throw invalidQuery("recursive", v, "Expected true or false.");
  return v === "true";
}

function fileHeaders(base: FileBase, name: string, stats: FileStats): Record<string, string | number> {
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

  /** The checked folder of the request; undefined when there is none (not run yet, gone, or a link). */
  const folder = (base: FileBase) =>
    base.dir ? filesBase(engine.config.dataDir, relative(engine.config.dataDir, base.dir)) : undefined;

  const list = (baseOf: (ctx: RequestContext) => FileBase) => async (ctx: RequestContext) => {
    const base = baseOf(ctx);
    const recursive = recursiveFlag(ctx);
    const dir = await folder(base);
    const render = (e: NodeFileEntry) => ({
      name: e.name,
      url: `${base.url}/${encodePath(e.name)}`,
      isDirectory: e.isDirectory,
      properties: {
        creationTime: e.stats.birthtime.toISOString(),
        lastModified: e.stats.mtime.toISOString(),
        contentLength: e.isDirectory ? 0 : Number(e.stats.size),
        contentType: contentTypeOf(e.name),
        fileMode: fileMode(e.stats),
      },
    });
    const source = {
      page: (after: string | undefined, limit: number, keep: (e: NodeFileEntry) => boolean) =>
        dir
          ? listFiles(dir, { recursive, after, limit, keep })
          : Promise.resolve({ items: [], next: undefined }),
    };
    return cursorListReply(ctx, source, render, "files");
  };

  const read =
    (baseOf: (ctx: RequestContext) => FileBase, withBody: boolean) =>
    async (ctx: RequestContext): Promise<Reply> => {
      const base = baseOf(ctx);
      const name = ctx.params.filePath!;
      const dir = await folder(base);
      if (!dir) throw notFound("FileNotFound");
      const { handle, resolved } = await openFile(dir, name);
      let streaming = false;
      try {
        const { stats } = resolved;
        const size = Number(stats.size);
        const headers = fileHeaders(base, name, stats);
        const version = { eTag: String(headers.ETag), lastModified: stats.mtime.toISOString() };
        if (checkConditions(ctx, version, true) === "not-modified") return { status: 304, headers };
        if (stats.isDirectory()) {
          if (withBody)
            throw conflict("OperationInvalidForCurrentState", "The path is a directory; list it instead.");
          return { status: 200, headers: { ...headers, "Content-Length": 0 } };
        }
        if (!withBody) return { status: 200, headers: { ...headers, "Content-Length": size } };
        const rangeHeader = ctx.headers["ocp-range"];
        const range = parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, size);
        const length = range ? range.end - range.start + 1 : size;
        // The stream reads the checked descriptor (and closes it), never the path again.
        const stream = handle.createReadStream(range ?? {});
        streaming = true;
        // Always 200, never 206: the SDK accepts only 200 for file reads.
        return { status: 200, headers: { ...headers, "Content-Length": length }, stream };
      } finally {
        if (!streaming) await handle.close();
      }
    };

  const remove =
    (baseOf: (ctx: RequestContext) => FileBase) =>
    async (ctx: RequestContext): Promise<Reply> => {
      const dir = await folder(baseOf(ctx));
      if (!dir) throw notFound("FileNotFound");
      await deleteFile(dir, ctx.params.filePath!, recursiveFlag(ctx));
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
