// The container lab itself (scripts/container-lab.sh), through the engine the docker runtime uses:
// the private registry needs credentials for push and pull, and both lab images run.
import Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { describeWithLab } from "./lab-env";
import { enginePull, enginePush, labAuth, pushFreshCopy } from "./lab-registry";

const TIMEOUT = 120_000;

/** The stdout frames of the engine's multiplexed log format: [stream, 0, 0, 0, size (u32 BE)] + payload. */
function stdoutFrames(buffer: Buffer): string {
  let text = "";
  for (let at = 0; at + 8 <= buffer.length;) {
    const size = buffer.readUInt32BE(at + 4);
    if (buffer[at] === 1) text += buffer.subarray(at + 8, at + 8 + size).toString();
    at += 8 + size;
  }
  return text;
}

/** Runs a container to its end and returns its exit code and stdout (the container is removed). */
async function runContainer(
  docker: Docker,
  image: string,
  cmd?: string[],
): Promise<{ exitCode: number; stdout: string }> {
  const container = await docker.createContainer({ Image: image, ...(cmd ? { Cmd: cmd } : {}), Tty: false });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: false, follow: false });
    return { exitCode: StatusCode, stdout: stdoutFrames(logs) };
  } finally {
    await container.remove({ force: true });
  }
}

describeWithLab("container lab", (lab) => {
  const docker = new Docker();

  it("registry API: GET /v2/ is 401 with Basic auth without credentials and 200 with them", async () => {
    const url = `http://${lab().registry}/v2/`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    const basic = Buffer.from(`${lab().user}:${lab().password}`).toString("base64");
    expect((await fetch(url, { headers: { authorization: `Basic ${basic}` } })).status).toBe(200);
    const wrong = Buffer.from(`${lab().user}:not-the-password`).toString("base64");
    expect((await fetch(url, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
  });

  it(
    "pull is refused without credentials and with a wrong password, and works with the lab's",
    async () => {
      expect(await enginePull(docker, lab().imagePlain)).toMatch(/no basic auth credentials/);
      expect(await enginePull(docker, lab().imagePlain, labAuth(lab(), "wrong-password"))).toMatch(
        /unauthorized/,
      );
      expect(await enginePull(docker, lab().imagePlain, labAuth(lab()))).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    "push needs credentials, and a pushed image pulls back only with them",
    async () => {
      const pulled = await enginePull(docker, lab().imagePlain, labAuth(lab()));
      expect(pulled).toBeUndefined();
      const repo = `${lab().registry}/lab/push-check-${Date.now().toString(36)}`;
      await docker.getImage(lab().imagePlain).tag({ repo, tag: "t1" });
      const ref = `${repo}:t1`;
      try {
        expect(await enginePush(docker, ref)).toMatch(/no basic auth credentials|unauthorized/);
        expect(await enginePush(docker, ref, labAuth(lab()))).toBeUndefined();
      } finally {
        await docker.getImage(ref).remove();
      }
      // Gone from the engine: the pull below really goes to the registry.
      await expect(docker.getImage(ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect(await enginePull(docker, ref)).toMatch(/no basic auth credentials/);
      expect(await enginePull(docker, ref, labAuth(lab()))).toBeUndefined();
      expect((await docker.getImage(ref).inspect()).RepoTags).toContain(ref);
      await docker.getImage(ref).remove();
    },
    TIMEOUT,
  );

  it(
    "pushFreshCopy leaves an image that exists only in the registry",
    async () => {
      const ref = await pushFreshCopy(docker, lab(), lab().imagePlain);
      await expect(docker.getImage(ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect(await enginePull(docker, ref, labAuth(lab()))).toBeUndefined();
      await docker.getImage(ref).remove();
    },
    TIMEOUT,
  );

  describe("lab images", () => {
    beforeAll(async () => {
      for (const image of [lab().imagePlain, lab().imageEntrypoint]) {
        const error = await enginePull(docker, image, labAuth(lab()));
        if (error) throw new Error(`pulling ${image}: ${error}`);
      }
    }, TIMEOUT);

    it(
      "plain image: has no ENTRYPOINT or WORKDIR, and runs a command",
      async () => {
        const config = (await docker.getImage(lab().imagePlain).inspect()).Config;
        expect(config.Entrypoint ?? null).toBeNull();
        expect(config.WorkingDir).toBe("");
        const result = await runContainer(docker, lab().imagePlain, [
          "/bin/sh",
          "-c",
          "echo plain says hi from $(pwd)",
        ]);
        expect(result).toEqual({ exitCode: 0, stdout: "plain says hi from /\n" });
      },
      TIMEOUT,
    );

    it(
      "entrypoint image: with no command its ENTRYPOINT runs in WORKDIR /app; with one it runs it after",
      async () => {
        const config = (await docker.getImage(lab().imageEntrypoint).inspect()).Config;
        expect(config.Entrypoint).toEqual(["/usr/local/bin/lab-entrypoint"]);
        expect(config.WorkingDir).toBe("/app");
        expect(await runContainer(docker, lab().imageEntrypoint)).toEqual({
          exitCode: 0,
          stdout: "entrypoint ran in /app\n",
        });
        expect(
          await runContainer(docker, lab().imageEntrypoint, [
            "/bin/sh",
            "-c",
            "echo and then the command; exit 3",
          ]),
        ).toEqual({
          exitCode: 3,
          stdout: "entrypoint ran in /app\nand then the command\n",
        });
      },
      TIMEOUT,
    );
  });
});
