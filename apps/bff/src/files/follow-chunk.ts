import type { FollowChunk } from "@batch-studio/shared";

const decoder = new TextDecoder("utf-8", { fatal: true });

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * Turns bytes read at `offset` into a follow event. Text goes as UTF-8; a multi-byte character
 * cut by the read boundary is held back (up to 3 bytes, `length` says how many were used) so the
 * next chunk starts with it whole. Anything that isn't UTF-8 goes as base64, byte-exact.
 */
export const toFollowChunk = (offset: number, bytes: Uint8Array, moreMayFollow: boolean): FollowChunk => {
  if (isUtf8(bytes)) return { offset, length: bytes.length, encoding: "utf8", data: Buffer.from(bytes).toString("utf8") };
  if (moreMayFollow) {
    for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
      const head = bytes.subarray(0, bytes.length - cut);
      if (isUtf8(head)) return { offset, length: head.length, encoding: "utf8", data: Buffer.from(head).toString("utf8") };
    }
  }
  return { offset, length: bytes.length, encoding: "base64", data: Buffer.from(bytes).toString("base64") };
};
