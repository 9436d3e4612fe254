/** Timestamps and ETags the way Batch shows them: ISO times in bodies, RFC 1123 in headers, 0x… ETags. */

/** .NET ticks at the Unix epoch: Batch ETags look like `0x8DAB1234567890A` (a FILETIME-ish tick count). */
const EPOCH_TICKS = 621355968000000000n;
let lastTicks = 0n;

/** A fresh, strictly increasing ETag (two updates in the same millisecond still differ). */
export function newETag(now = Date.now()): string {
  let ticks = BigInt(now) * 10000n + EPOCH_TICKS;
  if (ticks <= lastTicks) ticks = lastTicks + 1n;
  lastTicks = ticks;
  return "0x" + ticks.toString(16).toUpperCase();
}

export const isoNow = (): string => new Date().toISOString();

export const httpDate = (iso: string): string => new Date(iso).toUTCString();

/** Stamp an entity as modified: new ETag and lastModified. */
export function touch(wire: { eTag?: string; lastModified?: string }): void {
  wire.eTag = newETag();
  wire.lastModified = isoNow();
}
