import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optionsFromEnv, CliConfigError } from "./cli-config";
import { startLocalAzure } from "./local-azure";
import { PortInUseError } from "./listen";

describe("emulator CLI settings", () => {
  it("uses the documented defaults", () => {
    expect(optionsFromEnv({}, "/repo")).toMatchObject({
      dataDir: "/repo/.data",
      host: "127.0.0.1",
      ports: { identity: 4400, arm: 4401, batch: [4410, 4411] },
      runtime: "auto",
      spaOrigins: ["http://localhost:4300", "http://localhost:5173"],
      demo: false,
    });
  });

  it("reads overrides", () => {
    const o = optionsFromEnv(
      {
        BATCH_STUDIO_DATA_DIR: "/tmp/x",
        BATCH_STUDIO_IDENTITY_PORT: "5400",
        BATCH_STUDIO_BATCH_PORTS: "5410, 5411",
        BATCH_STUDIO_RUNTIME: "process",
        BATCH_STUDIO_SPA_ORIGINS: "http://localhost:9000/",
        BATCH_STUDIO_BFF_CLIENT_SECRET: "s",
        BATCH_STUDIO_DEMO: "1",
      },
      "/repo",
    );
    expect(o).toMatchObject({
      dataDir: "/tmp/x",
      ports: { identity: 5400, batch: [5410, 5411] },
      runtime: "process",
      spaOrigins: ["http://localhost:9000"],
      bffClientSecret: "s",
      demo: true,
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => optionsFromEnv({ BATCH_STUDIO_ARM_PORT: "http" }, "/")).toThrow(
      new CliConfigError('BATCH_STUDIO_ARM_PORT: "http" is not a port number (0–65535).'),
    );
    expect(() => optionsFromEnv({ BATCH_STUDIO_RUNTIME: "podman" }, "/")).toThrow(/BATCH_STUDIO_RUNTIME/);
    expect(() => optionsFromEnv({ BATCH_STUDIO_IDENTITY_TLS_CERT: "/x.pem" }, "/")).toThrow(
      /BATCH_STUDIO_IDENTITY_TLS_KEY/,
    );
    expect(() =>
      optionsFromEnv(
        { BATCH_STUDIO_IDENTITY_TLS_CERT: "/nope.pem", BATCH_STUDIO_IDENTITY_TLS_KEY: "/nope-key.pem" },
        "/",
      ),
    ).toThrow('BATCH_STUDIO_IDENTITY_TLS_CERT: cannot read "/nope.pem".');
    expect(() => optionsFromEnv({ BATCH_STUDIO_SPA_ORIGINS: "localhost:4300" }, "/")).toThrow(
      /BATCH_STUDIO_SPA_ORIGINS/,
    );
  });

  it("reports a busy port by service and number, and leaves nothing running", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const busy = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), "bs-busy-"));
    try {
      const err = await startLocalAzure({
        dataDir,
        ports: { identity: 0, arm: busy, batch: [0, 0] },
        runtime: "process",
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect((err as Error).message).toContain(`arm: port ${busy} on 127.0.0.1 is already in use`);
      // The identity started before ARM failed was closed: its store in the same folder opens again.
      const again = await startLocalAzure({
        dataDir,
        ports: { identity: 0, arm: 0, batch: [0, 0] },
        runtime: "process",
      });
      await again.close();
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
