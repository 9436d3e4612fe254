import { afterEach, describe, expect, it, vi } from "vitest";
import { TaskSpec } from "../task-spec";
import { jsonPathText, parseTaskJson } from "./task-json";

const SAS = "sv=2022-11-02&sp=rl&sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D";
const found = (text: string) => parseTaskJson(text).issues.map((i) => [jsonPathText(i.path), i.level, i.code]);

/** A task as `az batch task create --json-file` takes it (Batch REST wire names). */
const REST_TASK = {
  id: "render-7",
  displayName: "Render frame 7",
  commandLine: "/app/render --frame 7",
  containerSettings: {
    imageName: "myacr.azurecr.io/render:2",
    containerRunOptions: "--rm",
    workingDirectory: "containerImageDefault",
    registry: { registryServer: "myacr.azurecr.io", userName: "puller" },
  },
  resourceFiles: [{ httpUrl: `https://acct.blob.core.windows.net/in/scene.blend?${SAS}`, filePath: "scene.blend" }],
  outputFiles: [
    {
      filePattern: "out/*.png",
      destination: { container: { containerUrl: `https://acct.blob.core.windows.net/out?${SAS}`, path: "frames" } },
      uploadOptions: { uploadCondition: "taskSuccess" },
    },
  ],
  environmentSettings: [{ name: "FRAME", value: "7" }],
  constraints: { maxWallClockTime: "PT1H", maxTaskRetryCount: 2 },
  requiredSlots: 2,
  userIdentity: { autoUser: { scope: "task", elevationLevel: "admin" } },
  dependsOn: { taskIds: ["prepare"], taskIdRanges: [{ start: 1, end: 6 }] },
  applicationPackageReferences: [{ applicationId: "ffmpeg", version: "6.1" }],
  exitConditions: { exitCodes: [{ code: 3, exitOptions: { dependencyAction: "satisfy" } }], default: { dependencyAction: "block" } },
};

describe("parseTaskJson", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads a REST task into a spec the schema takes, URLs with their SAS as pasted", () => {
    const { spec, issues } = parseTaskJson(JSON.stringify(REST_TASK));
    expect(issues.map((i) => [jsonPathText(i.path), i.code])).toEqual([["containerSettings.registry", "json.notCarried"]]);
    expect(TaskSpec.parse(spec)).toEqual({
      id: "render-7",
      displayName: "Render frame 7",
      commandLine: "/app/render --frame 7",
      containerSettings: {
        imageName: "myacr.azurecr.io/render:2",
        runOptions: "--rm",
        workingDirectory: "containerImageDefault",
      },
      resourceFiles: [{ source: { kind: "http", url: `https://acct.blob.core.windows.net/in/scene.blend?${SAS}` }, filePath: "scene.blend" }],
      outputFiles: [
        { filePattern: "out/*.png", destination: { kind: "container", containerUrl: `https://acct.blob.core.windows.net/out?${SAS}`, path: "frames" }, uploadCondition: "taskSuccess" },
      ],
      env: [{ name: "FRAME", value: "7" }],
      constraints: { maxWallClockTime: "PT1H", maxTaskRetryCount: 2 },
      elevated: true,
      requiredSlots: 2,
      dependsOn: { taskIds: ["prepare"], taskIdRanges: [{ start: 1, end: 6 }] },
      applicationPackages: [{ applicationId: "ffmpeg", version: "6.1" }],
      exitConditions: { exitCodes: [{ code: 3, exitOptions: { dependencyAction: "satisfy" } }], exitCodeRanges: [], default: { dependencyAction: "block" } },
    });
  });

  it("answers text that is not JSON, or not an object, without quoting it (it may hold a SAS)", () => {
    const broken = parseTaskJson(`{"id": "t", "commandLine": "x", "resourceFiles": [{"httpUrl": "https://a/b?${SAS}"}`);
    expect(broken.spec).toBeUndefined();
    expect(broken.issues.map((i) => i.code)).toEqual(["json.syntax"]);
    expect(broken.issues[0]?.message).not.toContain("sig=");
    expect(found("[1, 2]")).toEqual([["(the whole task)", "error", "json.notATask"]]);
  });

  it("leaves out wrong-typed fields with an error at their JSON path, and fills the rest", () => {
    const { spec, issues } = parseTaskJson(JSON.stringify({ id: "t", commandLine: 7, requiredSlots: "two", resourceFiles: [{ filePath: "x" }], constraints: { maxTaskRetryCount: 1.5 } }));
    expect(issues.map((i) => [jsonPathText(i.path), i.level])).toEqual([
      ["commandLine", "error"],
      ["resourceFiles[0]", "error"],
      ["constraints.maxTaskRetryCount", "error"],
      ["requiredSlots", "error"],
    ]);
    expect(issues.every((i) => i.message.endsWith("the field is left out."))).toBe(true);
    expect(spec).toMatchObject({ id: "t", commandLine: "" });
  });

  it("warns of unknown fields and of Batch fields the form does not carry; a registry password is never read", () => {
    const task = {
      id: "t",
      commandLine: "run",
      color: "blue",
      affinityInfo: { affinityId: "node-1" },
      containerSettings: { imageName: "busybox", registry: { registryServer: "r.io", userName: "u", password: "hunter2" }, pullPolicy: "always" },
      outputFiles: [{ filePattern: "*.txt", destination: { container: { containerUrl: "https://a/c", uploadHeaders: [] } }, uploadOptions: { uploadCondition: "TaskCompletion" } }],
    };
    const { spec, issues } = parseTaskJson(JSON.stringify(task));
    expect(issues.map((i) => [jsonPathText(i.path), i.level, i.code])).toEqual([
      ["color", "warning", "json.unknownField"],
      ["affinityInfo", "warning", "json.notCarried"],
      ["containerSettings.registry.password", "warning", "json.notCarried"],
      ["containerSettings.pullPolicy", "warning", "json.unknownField"],
      ["outputFiles[0].destination.container.uploadHeaders", "warning", "json.notCarried"],
      ["containerSettings.registry", "warning", "json.notCarried"],
    ]);
    expect(JSON.stringify(spec)).not.toContain("hunter2");
    expect(JSON.stringify(issues)).not.toContain("hunter2");
    expect(spec?.outputFiles?.[0]?.uploadCondition).toBe("taskCompletion");
  });

  it("fills a task without an id, leaving the id to type; logs nothing of what it reads", () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m));
    const { spec, issues } = parseTaskJson(JSON.stringify({ commandLine: "run", resourceFiles: [{ storageContainerUrl: `https://a/c?${SAS}` }] }));
    expect(spec?.id).toBe("");
    expect(spec?.resourceFiles?.[0]?.source).toEqual({ kind: "container", containerUrl: `https://a/c?${SAS}` });
    expect(issues.map((i) => [jsonPathText(i.path), i.code])).toEqual([["id", "schema.invalid_type"]]);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("never throws, whatever JSON it is given", () => {
    for (const text of ["null", "3", '"x"', "{}", '{"id":{}}', '{"exitConditions":{"exitCodes":[null]}}', '{"outputFiles":[{"destination":1}]}', '{"userIdentity":{"autoUser":{"scope":"pool"}}}'])
      expect(() => parseTaskJson(text)).not.toThrow();
    expect(found('{"id":"t","userIdentity":{"autoUser":{"scope":"pool"}}}')).toEqual([["userIdentity.autoUser.scope", "warning", "json.notCarried"]]);
  });
});
