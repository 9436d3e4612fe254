import { z } from "zod";

export const HealthResponse = z.object({ status: z.literal("ok"), version: z.string() });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** GET /api/emulator: present only when the backend is the local emulator. */
export const EmulatorNote = z.object({
  emulator: z.literal(true),
  /** How tasks run: "docker" (real containers) or "process" (host processes, no isolation). */
  runtime: z.string().optional(),
  message: z.string(),
});
export type EmulatorNote = z.infer<typeof EmulatorNote>;
