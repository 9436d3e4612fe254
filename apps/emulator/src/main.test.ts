import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const tsxCli = resolve(import.meta.dirname, "../../../node_modules/tsx/dist/cli.mjs");

describe("batch-emulator CLI", () => {
  it("starts from the environment, writes endpoints.json, answers health checks and stops on SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "bs-cli-"));
    const child = spawn(process.execPath, [tsxCli, resolve(import.meta.dirname, "main.ts")], {
      env: {
        ...process.env,
        BATCH_STUDIO_DATA_DIR: dataDir,
        BATCH_STUDIO_IDENTITY_PORT: "0",
        BATCH_STUDIO_ARM_PORT: "0",
        BATCH_STUDIO_BATCH_PORTS: "0,0",
        BATCH_STUDIO_RUNTIME: "process",
        BATCH_STUDIO_DEMO: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      const file = join(dataDir, "endpoints.json");
      for (let i = 0; i < 600 && !existsSync(file) && child.exitCode === null; i++)
        await new Promise((r) => setTimeout(r, 100));
      if (!existsSync(file))
        throw new Error(`the emulator did not write endpoints.json; its output:\n${output}`);
      const endpoints = JSON.parse(readFileSync(file, "utf8")) as {
        identity: { url: string };
        arm: { url: string };
        accounts: { url: string; key: string }[];
      };
      expect((await fetch(`${endpoints.identity.url}/health`)).status).toBe(200);
      expect((await fetch(`${endpoints.arm.url}/health`)).status).toBe(200);
      expect(endpoints.accounts).toHaveLength(2);
      expect(output).toContain("Batch Studio local Azure is running");
      expect(output).toContain(endpoints.accounts[0]!.key);
    } finally {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it("exits with a message naming a bad setting", async () => {
    const child = spawn(process.execPath, [tsxCli, resolve(import.meta.dirname, "main.ts")], {
      env: { ...process.env, BATCH_STUDIO_ARM_PORT: "abc" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('BATCH_STUDIO_ARM_PORT: "abc" is not a port number');
  }, 30_000);
});
