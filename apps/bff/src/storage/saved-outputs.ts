/**
 * A task's saved outputs: the blobs its output files went to, read from Storage on behalf of the
 * operator, so they stay readable after the container and the node are gone. Each destination
 * is read with its own SAS when that grants reading, else with the auto-storage account's key
 * when the container is that account's; a read is confined to the blobs the destination's pattern
 * can have produced, so a task cannot be used to read the rest of a container.
 */
import { Readable } from "node:stream";
import type { BatchServiceModels } from "@azure/batch";
import { ContainerClient, RestError } from "@azure/storage-blob";
import picomatch from "picomatch";
import { fromOutputFile, problemCodes, type NodeFile, type SavedOutput, type SavedOutputDestination } from "@batch-studio/shared";
import type { FileSource } from "../gateways/batch-gateway";
import { problem, type HttpProblem } from "../http/problem";
import type { AccountStorage } from "./account-storage";

/** A destination is listed up to this many blobs: the portal shows them, it does not export. */
export const MAX_LISTED_BLOBS = 5_000;

/** Which blob names one output file can have produced (emulator and Batch: `path` + the file below the pattern's literal folder). */
export interface BlobScope {
  /** List under this prefix ("" for the whole container). */
  prefix: string;
  matches(name: string): boolean;
}

export const blobScopeOf = (filePattern: string, path: string | undefined): BlobScope => {
  const folder = path?.replace(/\/+$/, "");
  const scan = picomatch.scan(filePattern);
  if (!scan.isGlob) {
    // A single file goes to the blob `path`, or to its own name without one.
    const exact = folder || filePattern.split("/").pop() || filePattern;
    return { prefix: exact, matches: (name) => name === exact };
  }
  const prefix = folder ? `${folder}/` : "";
  const below = picomatch(scan.glob, { dot: false });
  return { prefix, matches: (name) => name.startsWith(prefix) && below(name.slice(prefix.length)) };
};

/** What the auto-storage account gives the reader: the account, or why it cannot be used. */
export type AutoStorageAccess = { storage: AccountStorage } | { reason: string; denied: boolean };

export interface ResolvedDestination {
  info: SavedOutputDestination;
  scope: BlobScope;
  container?: ContainerClient;
  /** Unreadable because Azure refused the user the storage keys (a 403 then, not a conflict). */
  denied?: true;
}

/** Whether a SAS URL is not expired and grants every permission letter in `needs`. */
export const sasGrants = (url: string, needs: string, now = new Date()): boolean => {
  if (!URL.canParse(url)) return false;
  const q = new URL(url).searchParams;
  const sp = q.get("sp");
  const se = q.get("se");
  if (!q.get("sig") || sp === null) return false;
  if (se !== null && !(new Date(se).getTime() > now.getTime())) return false;
  return [...needs].every((p) => sp.includes(p));
};

/**
 * How each of the task's output files can be read. The auto-storage account is asked for only
 * when a destination needs it (reading its key is an ARM call and a permission of its own).
 */
export const resolveDestinations = async (files: readonly BatchServiceModels.OutputFile[], autoStorage: () => Promise<AutoStorageAccess>): Promise<ResolvedDestination[]> => {
  let auto: Promise<AutoStorageAccess> | undefined;
  return Promise.all(
    files.map(async (file, index): Promise<ResolvedDestination> => {
      const spec = fromOutputFile(file);
      const containerUrl = spec.destination.kind === "container" ? spec.destination.containerUrl : "";
      const path = spec.destination.path;
      const scope = blobScopeOf(file.filePattern, path);
      const base = { index, filePattern: spec.filePattern, uploadCondition: spec.uploadCondition, containerUrl, ...(path !== undefined ? { path } : {}) };
      const signed = file.destination.container?.containerUrl ?? "";
      if (signed && sasGrants(signed, picomatch.scan(file.filePattern).isGlob ? "rl" : "r"))
        return { info: { ...base, access: "sas" }, scope, container: new ContainerClient(signed) };
      const access = await (auto ??= autoStorage());
      if ("reason" in access) return { info: { ...base, access: "none", reason: access.reason }, scope, ...(access.denied ? { denied: true as const } : {}) };
      const name = access.storage.containerOf(containerUrl);
      if (name === undefined)
        return {
          info: { ...base, access: "none", reason: "The destination's SAS does not grant reading (sp=r, and l for a pattern) and the container is not in the Batch account's auto-storage account, so the portal cannot read it. Open it with a SAS that can, e.g. in Azure Storage Explorer." },
          scope,
        };
      return { info: { ...base, access: "accountKey" }, scope, container: access.storage.container(name) };
    }),
  );
};

/** Storage's answer as the operator's: never the URL (it may carry a SAS), never a stack. */
const storageProblem = (err: unknown, blob: string): HttpProblem | unknown => {
  if (!(err instanceof RestError)) return err;
  if (err.statusCode === 404) return problem(404, problemCodes.notFound, `The saved output "${blob}" was not found`, { detail: "Its container or blob is gone, or the task has not uploaded it (yet)." });
  if (err.statusCode === 403) return problem(403, "storage_refused", "Storage refused to read the saved output", { detail: "The SAS in the task's destination expired or does not grant reading, or the account key changed." });
  return problem(502, problemCodes.upstreamUnavailable, "Storage could not be read", { detail: err.code ?? `HTTP ${err.statusCode ?? "error"}` });
};

const guarded = async <T>(blob: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    throw storageProblem(err, blob);
  }
};

/** The blobs of one readable destination, at most MAX_LISTED_BLOBS. */
export const listSavedOutputs = async (d: ResolvedDestination): Promise<SavedOutput[]> => {
  const container = d.container;
  if (!container) return [];
  return guarded(d.info.containerUrl, async () => {
    const out: SavedOutput[] = [];
    try {
      for await (const blob of container.listBlobsFlat({ prefix: d.scope.prefix })) {
        if (!d.scope.matches(blob.name)) continue;
        const item: SavedOutput = { path: `${d.info.index}/${blob.name}`, destination: d.info.index, name: blob.name, size: blob.properties.contentLength ?? 0 };
        if (blob.properties.lastModified) item.lastModified = blob.properties.lastModified.toISOString();
        if (blob.properties.contentType) item.contentType = blob.properties.contentType;
        out.push(item);
        if (out.length >= MAX_LISTED_BLOBS) break;
      }
    } catch (err) {
      // A container nothing was uploaded to yet holds no outputs; not an error to show.
      if (err instanceof RestError && err.statusCode === 404) return out;
      throw err;
    }
    return out;
  });
};

/** "3/run1/a.txt" → destination 3, blob "run1/a.txt" (the path grammar was checked by the route). */
const splitPath = (path: string): { index: number; blob: string } | undefined => {
  const m = /^(0|[1-9]\d{0,3})\/(.+)$/.exec(path);
  return m?.[1] && m[2] ? { index: Number(m[1]), blob: m[2] } : undefined;
};

/**
 * The task's saved outputs as one FileSource whose paths are "<output file index>/<blob name>", so
 * the output viewer's routes (ranges, search, download tickets) serve them unchanged. A blob the
 * destination's pattern cannot have produced answers 404, as a missing one does.
 */
export const savedOutputsSource = (destinations: readonly ResolvedDestination[]): FileSource => {
  const blob = (path: string) => {
    const at = splitPath(path);
    const d = at && destinations[at.index];
    if (!at || !d) throw problem(404, problemCodes.notFound, `The saved output "${path}" was not found`, { detail: "A saved output's path is the index of one of the task's output files, a slash, and the blob's name." });
    if (!d.container)
      throw d.denied
        ? problem(403, "AuthorizationFailed", "You may not read this saved output: reading it needs Microsoft.Storage/storageAccounts/listKeys/action on the account's storage", { detail: d.info.reason ?? "" })
        : problem(409, "saved_output_unreadable", "The portal cannot read this output file's destination", { detail: d.info.reason ?? "" });
    if (!d.scope.matches(at.blob)) throw problem(404, problemCodes.notFound, `The saved output "${path}" was not found`, { detail: `Output file ${d.info.index} (${d.info.filePattern}) does not write that blob.` });
    return { name: at.blob, client: d.container.getBlobClient(at.blob) };
  };
  return {
    list: async () =>
      (await Promise.all(destinations.map(listSavedOutputs))).flat().map((o): NodeFile => ({ name: o.path, isDirectory: false, size: o.size, ...(o.lastModified ? { lastModified: o.lastModified } : {}) })),
    properties: async (path) => {
      const b = blob(path);
      return guarded(b.name, async () => {
        const p = await b.client.getProperties();
        return { size: p.contentLength ?? 0, isDirectory: false, ...(p.lastModified ? { lastModified: p.lastModified } : {}), ...(p.contentType ? { contentType: p.contentType } : {}) };
      });
    },
    read: async (path, range) => {
      const b = blob(path);
      return guarded(b.name, async () => {
        const r = await b.client.download(range?.start ?? 0, range ? range.end - range.start + 1 : undefined);
        const stream = r.readableStreamBody;
        if (!(stream instanceof Readable)) throw problem(502, problemCodes.upstreamUnavailable, "Storage returned no blob body");
        const content = { size: r.contentLength ?? 0, isDirectory: false, stream };
        return { ...content, ...(r.lastModified ? { lastModified: r.lastModified } : {}), ...(r.contentType ? { contentType: r.contentType } : {}) };
      });
    },
  };
};
