// The messages below are what Docker Engine 20.10 and the distribution registry answered in the lab
// (dockerode errors: "(HTTP code N) reason - message", statusCode, json).
import { describe, expect, it } from "vitest";
import { classifyCreateError, classifyPullError, classifyStartError, engineMessage } from "./engine-errors";

const REG = "127.0.0.1:5123";
const REF = `${REG}/lab/busybox:latest`;
const httpError = (statusCode: number, message: string, json: { message: string } | null = null) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message} `), { statusCode, json });

describe("engineMessage", () => {
  it("strips dockerode's prefix and prefers the JSON message", () => {
    expect(engineMessage(httpError(500, "boom"))).toBe("boom");
    expect(engineMessage(httpError(400, "ignored", { message: "from json" }))).toBe("from json");
    expect(engineMessage("plain")).toBe("plain");
  });
});

describe("classifyPullError", () => {
  const ctx = { ref: REF, registryHost: REG, password: "s3cret-pass" };

  it("wrong password -> ContainerInvalidRegistry naming the registry and reason", () => {
    const f = classifyPullError(httpError(500, "unauthorized: authentication required"), ctx);
    expect(f).toMatchObject({ category: "usererror", code: "ContainerInvalidRegistry" });
    expect(f.message).toContain(REG);
    expect(f.message).toContain("unauthorized: authentication required");
  });

  it("no credentials -> ContainerInvalidRegistry with the reason, not the URL", () => {
    const f = classifyPullError(
      httpError(500, `Head "http://${REG}/v2/lab/busybox/manifests/latest": no basic auth credentials`),
      ctx,
    );
    expect(f.code).toBe("ContainerInvalidRegistry");
    expect(f.message).toMatch(/\(no basic auth credentials\)$/);
  });

  it("missing tag or repository -> ContainerInvalidImage naming the image", () => {
    const msg = `manifest for ${REG}/lab/nothere:latest not found: manifest unknown: manifest unknown`;
    const f = classifyPullError(
      Object.assign(new Error(`(HTTP code 404) unexpected - ${msg} `), { statusCode: 404, json: null }),
      ctx,
    );
    expect(f).toMatchObject({ code: "ContainerInvalidImage", details: [{ name: "Message", value: msg }] });
    expect(f.message).toContain(REF);
  });

  it("Docker Hub's 'repository does not exist' names the image", () => {
    const f = classifyPullError(
      httpError(
        404,
        "pull access denied for nope/nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      ),
      ctx,
    );
    expect(f.code).toBe("ContainerInvalidImage");
  });

  it("unreachable registry -> ContainerInvalidRegistry", () => {
    for (const msg of [
      `Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused`,
      `Get "https://myacr.azurecr.io/v2/": dial tcp: lookup myacr.azurecr.io on 10.0.0.53:53: no such host`,
    ]) {
      const f = classifyPullError(httpError(500, msg), { ref: "x", registryHost: "myacr.azurecr.io" });
      expect(f.code, msg).toBe("ContainerInvalidRegistry");
      expect(f.message).toMatch(/cannot be reached/);
    }
  });

  it("never repeats the password, even if the engine echoes it", () => {
    const f = classifyPullError(httpError(500, "unauthorized: bad password s3cret-pass"), ctx);
    expect(JSON.stringify(f)).not.toContain("s3cret-pass");
  });
});

describe("classifyCreateError", () => {
  it("empty command line with no ENTRYPOINT/CMD -> CommandProgramNotFound", () => {
    const f = classifyCreateError(httpError(400, "x", { message: "No command specified" }), { ref: REF });
    expect(f.code).toBe("CommandProgramNotFound");
    expect(f.message).toMatch(/no ENTRYPOINT or CMD/);
  });

  it("a bad setting -> ContainerInvalidSettings with the engine's reason", () => {
    const f = classifyCreateError(httpError(404, "x", { message: "network nonet not found" }), { ref: REF });
    expect(f).toMatchObject({
      code: "ContainerInvalidSettings",
      details: [{ name: "Message", value: "network nonet not found" }],
    });
  });

  it("an engine failure is a server error", () => {
    expect(classifyCreateError(httpError(500, "disk on fire"), { ref: REF })).toMatchObject({
      category: "servererror",
      code: "ContainerMiscError",
    });
  });
});

describe("classifyStartError", () => {
  const ociError = (what: string) =>
    httpError(400, "x", {
      message: `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: ${what}: unknown`,
    });

  it("program not in the image -> CommandProgramNotFound", () => {
    expect(
      classifyStartError(ociError(`"nonexistent-prog": executable file not found in $PATH`), { ref: REF })
        .code,
    ).toBe("CommandProgramNotFound");
  });

  it("not executable -> CommandLaunchFailed", () => {
    expect(classifyStartError(ociError(`"/etc/passwd": permission denied`), { ref: REF }).code).toBe(
      "CommandLaunchFailed",
    );
  });

  it("unknown network (the engine checks it at start) -> ContainerInvalidSettings", () => {
    const f = classifyStartError(httpError(404, "x", { message: "network no-such-network not found" }), {
      ref: REF,
    });
    expect(f).toMatchObject({
      code: "ContainerInvalidSettings",
      message: "At least one value of specified task container settings is invalid",
    });
  });

  it("unknown user -> ContainerInvalidSettings", () => {
    const f = classifyStartError(
      httpError(500, "x", { message: "unable to find user nouser: no matching entries in passwd file" }),
      { ref: REF },
    );
    expect(f.code).toBe("ContainerInvalidSettings");
  });
});
