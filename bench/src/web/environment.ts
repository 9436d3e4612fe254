import { cpus, loadavg } from "node:os";

/** The machine and how busy it was: the browser numbers depend on both (two shared cores). */
export const machineLine = (loadBefore: number[]): string => {
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  return `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}; load average (1/5/15 min) ${fmt(loadBefore)} at start, ${fmt(loadavg())} at end`;
};

export const today = () => new Date().toISOString().slice(0, 10);

/** Chromium's version as the browser reports it. */
export const chromiumLine = (version: string) => `Chromium ${version} (headless, /usr/bin/chromium via playwright-core)`;
