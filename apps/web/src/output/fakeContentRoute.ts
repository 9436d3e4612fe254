/**
 * For tests: the BFF's file content route over an in-memory file. An inclusive `start`/`end` range
 * (clamped to the end) or the last `tail` bytes (shared's FileContentQuery), answered 206 with
 * Content-Range and x-file-size, or 200 with x-file-size 0 for an empty file.
 */
export function contentAnswer(file: Uint8Array, url: URL): Response {
  const tail = url.searchParams.get("tail");
  const start = tail !== null ? Math.max(0, file.length - Number(tail)) : Number(url.searchParams.get("start"));
  const end = tail !== null ? file.length - 1 : Math.min(Number(url.searchParams.get("end")), file.length - 1);
  if (file.length === 0) return new Response(new Uint8Array(0), { status: 200, headers: { "x-file-size": "0" } });
  const headers = { "x-file-size": String(file.length), "content-range": `bytes ${start}-${end}/${file.length}` };
  return new Response(file.slice(start, end + 1), { status: 206, headers });
}

/** How a test's log names a read: `tail=N`, or `start-end` as asked. */
export function describeRead(url: URL): string {
  const tail = url.searchParams.get("tail");
  return tail !== null ? `tail=${tail}` : `${url.searchParams.get("start")}-${url.searchParams.get("end")}`;
}
