import { fileHeaders } from "@batch-studio/shared";

/**
 * For tests: the BFF's file content route over an in-memory file. An inclusive `start`/`end` range
 * (clamped to the end) or the last `tail` bytes (shared's FileContentQuery), answered 206 with
 * Content-Range and x-file-size, or 200 with x-file-size 0 for an empty file.
 */
export function contentAnswer(file: Uint8Array, url: URL): Response {
  const tail = url.searchParams.get("tail");
  const start = tail !== null ? Math.max(0, file.length - Number(tail)) : Number(url.searchParams.get("start"));
  const end = tail !== null ? file.length - 1 : Math.min(Number(url.searchParams.get("end")), file.length - 1);
  if (file.length === 0) return new Response(new Uint8Array(0), { status: 200, headers: { [fileHeaders.totalSize]: "0" } });
  const headers = { [fileHeaders.totalSize]: String(file.length), [fileHeaders.contentRange]: `bytes ${start}-${end}/${file.length}` };
  return new Response(file.slice(start, end + 1), { status: 206, headers });
}

/** How a test's log names a read: `tail=N`, or `start-end` as asked. */
export function describeRead(url: URL): string {
  const tail = url.searchParams.get("tail");
  return tail !== null ? `tail=${tail}` : `${url.searchParams.get("start")}-${url.searchParams.get("end")}`;
}

const foldAscii = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);

/**
 * For tests: the BFF's whole-file search over an in-memory file (the slow obvious way), looking
 * at no more than `budget` match starts per request so tests see continuations as with a 1 GiB
 * file. Answers as shared's FileSearchResult (fakeApi checks it against the route's schema).
 */
export function searchAnswer(file: Uint8Array, url: URL, budget = Number.MAX_SAFE_INTEGER) {
  const q = url.searchParams;
  const fold = q.get("caseSensitive") !== "true";
  const needle = new TextEncoder().encode(q.get("q") ?? "").map((b) => (fold ? foldAscii(b) : b));
  const size = file.length;
  const at = (i: number) => needle.every((b, j) => (fold ? foldAscii(file[i + j]!) : file[i + j]) === b);
  const lastStart = size - needle.length;
  if (q.get("direction") === "backward") {
    const to = Math.min(size, Number(q.get("from") ?? size));
    const stop = Math.max(0, to - budget);
    for (let i = Math.min(to - 1, lastStart); i >= stop; i--) {
      if (at(i)) return { match: { offset: i, length: needle.length }, scannedFrom: i, scannedTo: to, size, complete: true };
    }
    return { match: null, scannedFrom: stop, scannedTo: to, size, complete: stop === 0 };
  }
  const from = Math.min(size, Number(q.get("from") ?? 0));
  const stop = Math.min(size, from + budget);
  for (let i = from; i < stop && i <= lastStart; i++) {
    if (at(i)) return { match: { offset: i, length: needle.length }, scannedFrom: from, scannedTo: i + 1, size, complete: true };
  }
  // Past the last place a match can start, the rest is searched too.
  const complete = stop > lastStart;
  return { match: null, scannedFrom: from, scannedTo: complete ? size : stop, size, complete };
}
