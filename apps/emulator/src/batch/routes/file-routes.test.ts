/**
 * Hostile task files through the real @azure/batch 10.2.0 client: a task links its working folder
 * to the host (`ln -s / rootlink`, `ln -s /etc/hostname x.txt`, `ln -s /etc etcdir`, a link to a
 * folder outside the node holding a victim file) and replaces a task folder by a link to `/`. The
 * file API must serve no host file, delete nothing outside, list without following links, in
 * bounded pages, and keep answering. Runs with the process runtime, and with the docker runtime
 * when the container lab is present (skipped without it, failing with REQUIRE_DOCKER=1).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchServiceModels } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerRuntime } from "../runtime/docker";
import { describeWithLab } from "../runtime/docker/lab-env";
import { createProcessRuntime } from "../runtime/process";
import {
  CONTAINER_IMAGE,
  failure,
  PLAIN_VM,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "../testing/account-harness";

/** More entries than one listing request visits (LIST_BUDGET.entries), so paging must carry on. */
const MANY = 6000;

const linkScript = (victimDir: string) =>
  [
    `cd $AZ_BATCH_TASK_WORKING_DIR`,
    `ln -s / rootlink`,
    `ln -s /etc/hostname x.txt`,
    `ln -s /etc etcdir`,
    `ln -s ${victimDir} victimdir`,
    `ln -s ${victimDir}/victim.txt victim.txt`,
    `ln -s . self`,
    `mkdir many`,
    `cd many`,
    `seq 1 ${MANY} | xargs touch`,
    `cd ..`,
    `echo kept > keep.txt`,
  ].join(" && ");

const HIJACK = `mv $AZ_BATCH_TASK_DIR $AZ_BATCH_TASK_DIR.moved && ln -s / $AZ_BATCH_TASK_DIR`;

type Page = BatchServiceModels.NodeFile[] & { odatanextLink?: string };

/** Every page of a listing, following odata.nextLink (bounded, so a listing that never ends fails). */
async function allPages(first: Promise<Page>, next: (link: string) => Promise<Page>): Promise<Page[]> {
  const pages = [await first];
  while (pages[pages.length - 1]!.odatanextLink) {
    if (pages.length > 200) throw new Error("the listing did not end after 200 pages");
    pages.push(await next(pages[pages.length - 1]!.odatanextLink!));
  }
  return pages;
}

interface Setup {
  acct: TestAccount;
  poolId: string;
  jobId: string;
  victimDir: string;
  /** Options for the tasks' containers (docker runtime), none for host processes. */
  containerSettings?: BatchServiceModels.TaskContainerSettings;
}

function linkAttacks(setup: () => Setup, timeoutMs: number): void {
  let nodeId: string;
  let s: Setup;
  const completed = (id: string) =>
    waitFor(
      () => s.acct.client.task.get(s.jobId, id),
      (t) => t.state === "completed",
      timeoutMs,
      `${id} completed`,
    );

  beforeAll(async () => {
    s = setup();
    const { client } = s.acct;
    const cs = s.containerSettings ? { containerSettings: s.containerSettings } : {};
    await client.task.add(s.jobId, {
      id: "links",
      commandLine: `/bin/sh -c "${linkScript(s.victimDir)}"`,
      ...cs,
    });
    await client.task.add(s.jobId, { id: "hijack", commandLine: `/bin/sh -c "${HIJACK}"`, ...cs });
    for (const id of ["links", "hijack"]) {
      const t = await completed(id);
      expect(t.executionInfo, `${id} ran`).toMatchObject({ exitCode: 0 });
      nodeId = t.nodeInfo!.nodeId!;
    }
  }, timeoutMs + 30_000);

  const taskPages = (filter?: string) =>
    allPages(
      s.acct.client.file.listFromTask(s.jobId, "links", {
        recursive: true,
        fileListFromTaskOptions: { maxResults: 1000, ...(filter ? { filter } : {}) },
      }),
      (link) => s.acct.client.file.listFromTaskNext(link),
    );

  it("lists links as file entries and never walks through them, in bounded pages", async () => {
    const pages = await taskPages();
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(1000);
    const names = pages.flat().map((f) => f.name!);
    expect(new Set(names).size).toBe(names.length);
    const many = names.filter((n) => n.startsWith("wd/many/"));
    expect(many).toHaveLength(MANY);
    for (const link of ["rootlink", "x.txt", "etcdir", "victimdir", "victim.txt", "self"]) {
      const entry = pages.flat().find((f) => f.name === `wd/${link}`);
      expect(entry, link).toMatchObject({ isDirectory: false });
      expect(entry!.properties!.fileMode).toBe("0o120777");
      expect(names.filter((n) => n.startsWith(`wd/${link}/`))).toEqual([]);
    }
    expect(names).toEqual(expect.arrayContaining(["stdout.txt", "stderr.txt", "wd", "wd/keep.txt"]));
  });

  it("stops a request after a bounded number of entries and continues where it stopped", async () => {
    const pages = await taskPages("startswith(name,'zzz')");
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual([]);
    const some = await taskPages("startswith(name,'wd/many/59')");
    // 59, 590–599 and 5900–5999, spread over pages that each stopped at the entry budget.
    expect(some.flat().map((f) => f.name)).toHaveLength(111);
    // A continuation token of another list is refused, not taken as a position.
    const seqToken = Buffer.from("seq:5").toString("base64url");
    const foreign = pages[0]!.odatanextLink!.replace(/\$skiptoken=[^&]+/, `$skiptoken=${seqToken}`);
    expect(await failure(s.acct.client.file.listFromTaskNext(foreign))).toMatchObject({
      statusCode: 400,
      code: "InvalidQueryParameterValue",
    });
  });

  it("lists the whole node recursively without leaving it, several listings at once", async () => {
    const nodePages = () =>
      allPages(
        s.acct.client.file.listFromComputeNode(s.poolId, nodeId, {
          recursive: true,
          fileListFromComputeNodeOptions: { maxResults: 1000 },
        }),
        (link) => s.acct.client.file.listFromComputeNodeNext(link),
      );
    const [pages, ...others] = await Promise.all([nodePages(), nodePages(), nodePages(), nodePages()]);
    const names = pages!.flat().map((f) => f.name!);
    for (const other of others) expect(other.flat().map((f) => f.name)).toEqual(names);
    const task = `workitems/${s.jobId}/job-1/links`;
    expect(names).toContain(`${task}/wd/rootlink`);
    expect(names).toContain(`workitems/${s.jobId}/job-1/hijack`);
    expect(names.filter((n) => n.startsWith(`${task}/wd/many/`))).toHaveLength(MANY);
    expect(names.filter((n) => /\/(rootlink|etcdir|victimdir|self|hijack)\//.test(n))).toEqual([]);
  });

  it("serves no host file through a link: 404 FileNotFound for reads, ranges and properties", async () => {
    const { file } = s.acct.client;
    const task = `workitems/${s.jobId}/job-1/links`;
    for (const path of [
      "wd/x.txt",
      "wd/rootlink/etc/hostname",
      "wd/etcdir/hostname",
      "wd/victim.txt",
      "wd/victimdir/victim.txt",
      "wd/self/x.txt",
    ]) {
      // The SDK reads no error body for streamed operations: the status is what it reports.
      expect((await failure(file.getFromTask(s.jobId, "links", path))).statusCode, path).toBe(404);
      const ranged = file.getFromTask(s.jobId, "links", path, {
        fileGetFromTaskOptions: { ocpRange: "bytes=0-3" },
      });
      expect((await failure(ranged)).statusCode, path).toBe(404);
      expect((await failure(file.getPropertiesFromTask(s.jobId, "links", path))).statusCode).toBe(404);
      const viaNode = file.getFromComputeNode(s.poolId, nodeId, `${task}/${path}`);
      expect((await failure(viaNode)).statusCode, path).toBe(404);
    }
    // A link that stays inside the task folder is followed.
    const kept = await file.getFromTask(s.jobId, "links", "wd/self/self/keep.txt");
    expect(await streamText(kept.readableStreamBody)).toBe("kept\n");
  });

  it("serves nothing of a task folder replaced by a link to /", async () => {
    const { file } = s.acct.client;
    expect((await failure(file.getFromTask(s.jobId, "hijack", "etc/hostname"))).statusCode).toBe(404);
    expect(await failure(file.deleteFromTask(s.jobId, "hijack", "etc"))).toMatchObject({
      statusCode: 404,
      code: "FileNotFound",
    });
    expect([...(await file.listFromTask(s.jobId, "hijack", { recursive: true }))]).toEqual([]);
    const viaNode = file.getFromComputeNode(
      s.poolId,
      nodeId,
      `workitems/${s.jobId}/job-1/hijack/etc/hostname`,
    );
    expect((await failure(viaNode)).statusCode).toBe(404);
  });

  it("deletes a link itself, never what it points to", async () => {
    const { file } = s.acct.client;
    const victim = join(s.victimDir, "victim.txt");
    expect(await failure(file.deleteFromTask(s.jobId, "links", "wd/victimdir/victim.txt"))).toMatchObject({
      statusCode: 404,
      code: "FileNotFound",
    });
    expect((await failure(file.deleteFromTask(s.jobId, "hijack", "etc/hostname"))).statusCode).toBe(404);
    await file.deleteFromTask(s.jobId, "links", "wd/victimdir", { recursive: true });
    await file.deleteFromTask(s.jobId, "links", "wd/victim.txt");
    expect(await readFile(victim, "utf8")).toBe("precious\n");
    const props = (path: string) => failure(file.getPropertiesFromTask(s.jobId, "links", path));
    expect((await props("wd/victimdir")).statusCode).toBe(404);
    expect((await props("wd/victim.txt")).statusCode).toBe(404);
    // Deleting the folder holding links removes the links and leaves their targets alone.
    await file.deleteFromTask(s.jobId, "links", "wd", { recursive: true });
    expect(await readFile(victim, "utf8")).toBe("precious\n");
    expect(await readFile("/etc/hostname", "utf8")).not.toBe("");
    expect((await props("wd")).statusCode).toBe(404);
  });

  it("still answers afterwards", async () => {
    expect((await s.acct.client.pool.get(s.poolId)).id).toBe(s.poolId);
    const out = await s.acct.client.file.getPropertiesFromTask(s.jobId, "links", "stdout.txt");
    expect(out.ocpBatchFileIsdirectory).toBe(false);
  });
}

async function makeVictim(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "batch-victim-"));
  await writeFile(join(dir, "victim.txt"), "precious\n");
  return dir;
}

describe("task files that link out of the node, process runtime", () => {
  let acct: TestAccount;
  let victimDir: string;
  beforeAll(async () => {
    victimDir = await makeVictim();
    acct = await startTestAccount();
    await acct.client.pool.add({
      id: "links",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 1,
    });
    await acct.client.job.add({ id: "lj", poolInfo: { poolId: "links" } });
  });
  afterAll(async () => {
    await acct?.dispose();
    await rm(victimDir, { recursive: true, force: true });
  });
  linkAttacks(() => ({ acct, poolId: "links", jobId: "lj", victimDir }), 30_000);
});

describeWithLab("task files that link out of the node, docker runtime", (lab) => {
  let acct: TestAccount;
  let victimDir: string;
  beforeAll(async () => {
    victimDir = await makeVictim();
    acct = await startTestAccount();
    await acct.restart({
      runtime: createDockerRuntime({
        hostRuntime: createProcessRuntime({ stateDir: join(acct.dir, "host-runtime") }),
      }),
    });
    const { registry, user, password, imagePlain } = lab();
    await acct.client.pool.add({
      id: "links",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {
          containerImageNames: [imagePlain],
          containerRegistries: [{ registryServer: registry, userName: user, password }],
        },
      },
      targetDedicatedNodes: 1,
    });
    await acct.client.job.add({ id: "lj", poolInfo: { poolId: "links" } });
  }, 60_000);
  afterAll(async () => {
    await acct?.dispose();
    await rm(victimDir, { recursive: true, force: true });
  }, 60_000);
  linkAttacks(
    () => ({
      acct,
      poolId: "links",
      jobId: "lj",
      victimDir,
      containerSettings: { imageName: lab().imagePlain, containerRunOptions: "--rm" },
    }),
    150_000,
  );
});
