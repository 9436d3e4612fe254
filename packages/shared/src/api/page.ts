import { z } from "zod";

/** A page of results; pass `nextCursor` back as `cursor` for the next one. Absent = last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
