import { describe, expect, it } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TaskSpec as TaskSpecSchema, type ApplicationInfo, type ImageInspectRequest, type ImageInspection, type JobSummary, type PoolDetails, type TaskSpec } from "@batch-studio/shared";
import NewTaskPage from "./NewTaskPage";
import { fakeApi, type Handler } from "../test/fakeApi";
import { poolDetails } from "../test/fixtures";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";
import { findButtonIn, findDialog } from "../test/dialogs";

const A = "/api/accounts/acct";
const IMAGE = "127.0.0.1:5000/lab/entrypoint:1";
const pool = poolDetails({ prefetchImages: [IMAGE], registries: [{ server: "127.0.0.1:5000", username: "lab" }] });

/** ffmpeg has a default version, blender none, so a reference to blender must name one. */
const APPLICATIONS: ApplicationInfo[] = [
  { id: "ffmpeg", displayName: "FFmpeg", versions: ["6.0", "6.1"], defaultVersion: "6.1" },
  { id: "blender", versions: ["4.1", "4.2"], defaultVersion: null },
];

const PASSWORD = "lab-Secret-9";
/** The fake BFF's check says a pool runs Windows when its id says so. */
const osOf = (p: PoolDetails) => (p.id.includes("windows") ? ("windows" as const) : ("linux" as const));
const FOUND: Omit<ImageInspection, "reference"> = { status: "found", entrypoint: ["/bin/greet"], cmd: ["--loud"], workingDir: "/app" };
const UNAUTHORIZED: Omit<ImageInspection, "reference"> = { status: "unauthorized", message: "the registry requires a user name and password" };

/** The page on job j1 of `p`, with the registry answering through `inspect`; collects what it sends. */
function renderNewTask(p: PoolDetails, inspect: (req: ImageInspectRequest) => Omit<ImageInspection, "reference">, job: Partial<JobSummary> = {}) {
  const sent = { inspections: [] as ImageInspectRequest[], added: undefined as unknown, addedJson: "", checks: 0 };
  const addTask: Handler = ({ body }) => {
    sent.added = body;
    sent.addedJson = JSON.stringify(body);
    return { ...(body as object), state: "active", env: [] };
  };
  const api = fakeApi({
    [`GET ${A}/jobs/j1`]: () => ({ id: "j1", state: "active", poolId: p.id, ...job }),
    [`GET ${A}/pools/${p.id}`]: () => p,
    [`GET ${A}/applications`]: () => ({ items: APPLICATIONS }),
    "POST /api/registry/inspect": ({ body }) => {
      const req = body as ImageInspectRequest;
      sent.inspections.push(req);
      return { reference: req.reference, ...inspect(req) };
    },
    [`POST ${A}/jobs/j1/tasks`]: addTask,
    // The BFF's debounced check; it knows the pool's OS from its node agent.
    [`POST ${A}/validate/task`]: () => {
      sent.checks++;
      return { issues: [], facts: { pool: { poolId: p.id, isContainerPool: p.isContainerPool, prefetchImages: p.prefetchImages, registryServers: [], osType: osOf(p) } }, ok: true };
    },
  });
  const page = renderPage({
    api,
    pattern: "/a/:account/jobs/:job/tasks/new",
    url: "/a/acct/jobs/j1/tasks/new",
    element: <NewTaskPage />,
    extraRoutes: [{ path: "/a/:account/jobs/:job/tasks/:task", element: <p>task page</p> }],
  });
  return { ...page, api, sent };
}

async function chooseImage(image: string, fromSuggestions = true) {
  const box = screen.getByRole("combobox", { name: /Container image/ });
  if (fromSuggestions) {
    await userEvent.click(box);
    await userEvent.click(await screen.findByRole("option", { name: image }));
  } else {
    await userEvent.clear(box);
    await userEvent.type(box, image);
  }
}

async function pick(dropdown: RegExp, option: string) {
  await userEvent.click(screen.getByRole("combobox", { name: dropdown }));
  await userEvent.click(await screen.findByRole("option", { name: option }));
}

async function addTaskRunningEntrypoint() {
  await userEvent.click(screen.getByRole("switch", { name: /Use the image ENTRYPOINT/ }));
  await waitFor(() => expect(screen.getByRole("button", { name: "Add task" }).hasAttribute("disabled")).toBe(false));
  await userEvent.click(screen.getByRole("button", { name: "Add task" }));
  expect(await screen.findByText("task page")).toBeTruthy();
}

describe("NewTaskPage", () => {
  it("shows no error before a field is touched; Add task reveals them and sends nothing", async () => {
    const { sent } = renderNewTask(pool, () => FOUND);
    const id = await screen.findByRole("textbox", { name: /Task id/ });
    expect(screen.queryByText(/is required/i)).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    expect(await screen.findByText(/Task id is required/i)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add task" }).hasAttribute("disabled")).toBe(true);
    expect(sent.added).toBeUndefined();
    // Typing the id clears its error and leaves the others shown.
    await userEvent.type(id, "t1");
    await waitFor(() => expect(screen.queryByText(/Task id is required/i)).toBeNull());
  });

  it("on a direct load asks for the job's pool only once the job says which pool (never …/pools/)", async () => {
    const { api } = renderNewTask(pool, () => FOUND);
    await screen.findByRole("combobox", { name: /Container image/ });
    await waitFor(() => expect(api.calls).toContain(`GET ${A}/pools/p1`));
    expect(api.calls.filter((c) => c.endsWith("/pools/"))).toEqual([]);
  });

  it("suggests the pool's images, shows the image's ENTRYPOINT and WORKDIR, and adds a task that runs it", async () => {
    let added: TaskSpec | undefined;
    const inspection: ImageInspection = { reference: IMAGE, status: "found", entrypoint: ["/bin/greet"], cmd: ["--loud"], workingDir: "/app" };
    const api = fakeApi({
      [`GET ${A}/jobs/j1`]: () => ({ id: "j1", state: "active", poolId: "p1" }),
      [`GET ${A}/pools/p1`]: () => pool,
      "POST /api/registry/inspect": () => inspection,
      [`POST ${A}/jobs/j1/tasks`]: ({ body }) => {
        added = body as TaskSpec;
        return { ...(body as object), state: "active", env: [] };
      },
      [`POST ${A}/validate/task`]: () => ({ issues: [], facts: {}, ok: true }),
    });
    const { container } = renderPage({
      api,
      pattern: "/a/:account/jobs/:job/tasks/new",
      url: "/a/acct/jobs/j1/tasks/new",
      element: <NewTaskPage />,
      extraRoutes: [{ path: "/a/:account/jobs/:job/tasks/:task", element: <p>task page</p> }],
    });
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "greet-1");
    await userEvent.click(screen.getByRole("combobox", { name: /Container image/ }));
    await userEvent.click(await screen.findByRole("option", { name: IMAGE }));
    expect(await screen.findByText(/ENTRYPOINT \/bin\/greet · CMD --loud · WORKDIR \/app/)).toBeTruthy();
    await userEvent.click(screen.getByRole("switch", { name: /Use the image ENTRYPOINT/ }));
    expect(screen.queryByRole("textbox", { name: /Command line/ })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
    await waitFor(() => expect(screen.getByRole("button", { name: "Add task" }).hasAttribute("disabled")).toBe(false));
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    await waitFor(() => expect(added).toBeDefined());
    expect(added).toMatchObject({ id: "greet-1", commandLine: "", containerSettings: { imageName: IMAGE } });
    expect(await screen.findByText("task page")).toBeTruthy();
  });

  it("asks for the pool registry's password when the registry refuses, reads the image with it, and never sends it with the task", async () => {
    const { container, sent, queryClient } = renderNewTask(pool, (req) => (req.registry?.password === PASSWORD ? FOUND : UNAUTHORIZED));
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "greet-2");
    await chooseImage(IMAGE);
    expect(await screen.findByText("Registry: 127.0.0.1:5000 as lab")).toBeTruthy();
    expect(await screen.findByText(/Registry says: unauthorized — the registry requires a user name and password/)).toBeTruthy();
    const password = await screen.findByLabelText(/Password for 127\.0\.0\.1:5000/);
    expect(screen.getByText("Used once to read the image's ENTRYPOINT and WORKDIR; it is not stored.")).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);

    // A wrong password: the registry still refuses, and the field stays for another try.
    await userEvent.type(password, "wrong-pass");
    await userEvent.click(screen.getByRole("button", { name: "Read image" }));
    await waitFor(() => expect(sent.inspections.some((r) => r.registry?.password === "wrong-pass")).toBe(true));
    expect(await screen.findByText(/Registry says: unauthorized/)).toBeTruthy();
    await userEvent.clear(screen.getByLabelText(/Password for 127\.0\.0\.1:5000/));
    await userEvent.type(screen.getByLabelText(/Password for 127\.0\.0\.1:5000/), `${PASSWORD}{Enter}`);

    expect(await screen.findByText(/ENTRYPOINT \/bin\/greet · CMD --loud · WORKDIR \/app/)).toBeTruthy();
    expect(screen.queryByLabelText(/Password for/)).toBeNull();
    // The credentialed read is the wizard's: the pool registry's server and user, the typed password.
    expect(sent.inspections.at(-1)).toEqual({ reference: IMAGE, registry: { server: "127.0.0.1:5000", username: "lab", password: PASSWORD } });
    expect(await axeViolations(container)).toEqual([]);

    await addTaskRunningEntrypoint();
    expect(sent.added).toMatchObject({ id: "greet-2", commandLine: "", containerSettings: { imageName: IMAGE } });
    expect((sent.added as TaskSpec).containerSettings?.registry).toBeUndefined();
    expect(sent.addedJson).not.toContain(PASSWORD);
    const kept = JSON.stringify([queryClient.getQueryCache().getAll().map((q) => q.queryKey), { ...window.localStorage }, { ...window.sessionStorage }, window.location.href]);
    expect(kept).not.toContain(PASSWORD);
  });

  it("drops the password when the image changes", async () => {
    const other = `${IMAGE}-b`;
    const { sent } = renderNewTask({ ...pool, prefetchImages: [IMAGE, other] }, (req) => (req.registry?.password === PASSWORD ? FOUND : UNAUTHORIZED));
    await chooseImage(IMAGE);
    await userEvent.type(await screen.findByLabelText(/Password for 127\.0\.0\.1:5000/), PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "Read image" }));
    expect(await screen.findByText(/ENTRYPOINT \/bin\/greet/)).toBeTruthy();

    await chooseImage(other);
    expect(await screen.findByLabelText(/Password for 127\.0\.0\.1:5000/)).toHaveProperty("value", "");
    expect(sent.inspections.filter((r) => r.reference === other).every((r) => r.registry === undefined)).toBe(true);
    // Back on the first image, it is refused again: nothing remembered the password.
    await chooseImage(IMAGE);
    expect(await screen.findByLabelText(/Password for 127\.0\.0\.1:5000/)).toHaveProperty("value", "");
    expect(screen.queryByText(/ENTRYPOINT \/bin\/greet/)).toBeNull();
  });

  it("says a managed-identity registry cannot be read from the portal, and still adds an ENTRYPOINT task", async () => {
    const image = "contosoacr.azurecr.io/tools/app:1";
    const { container, sent } = renderNewTask({ ...pool, prefetchImages: [image], registries: [{ server: "ContosoAcr.azurecr.io" }] }, () => UNAUTHORIZED);
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "id-1");
    await chooseImage(image);
    expect(await screen.findByText(/can't read images from ContosoAcr\.azurecr\.io with a managed identity/)).toBeTruthy();
    expect(screen.getByText("Registry: ContosoAcr.azurecr.io with the pool's managed identity")).toBeTruthy();
    expect(screen.queryByLabelText(/Password for/)).toBeNull();
    expect(screen.queryByText(/Registry says/)).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
    await addTaskRunningEntrypoint();
    expect(sent.added).toMatchObject({ id: "id-1", commandLine: "", containerSettings: { imageName: image } });
    expect((sent.added as TaskSpec).containerSettings?.registry).toBeUndefined();
  });

  it("sends a login with the task only for a registry the pool has none for", async () => {
    const image = "reg.example.com/app:2";
    const { container, sent } = renderNewTask({ ...pool, prefetchImages: [] }, (req) =>
      req.registry?.username === "robot" && req.registry.password === PASSWORD ? FOUND : UNAUTHORIZED,
    );
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "own-1");
    await chooseImage(image, false);
    const user = await screen.findByRole("textbox", { name: /User name for reg\.example\.com/ });
    expect(screen.queryByText(/Registry: /)).toBeNull();
    // Half a login is refused by TaskSpec's RegistrySpec, at the missing field.
    await userEvent.type(user, "robot");
    expect(await screen.findByText("password is required")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add task" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Read image" }).hasAttribute("disabled")).toBe(true);
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.type(screen.getByLabelText(/Password for reg\.example\.com/), PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "Read image" }));
    expect(await screen.findByText(/ENTRYPOINT \/bin\/greet/)).toBeTruthy();
    expect(sent.inspections.at(-1)?.registry).toEqual({ server: "reg.example.com", username: "robot", password: PASSWORD });
    await addTaskRunningEntrypoint();
    expect((sent.added as TaskSpec).containerSettings?.registry).toEqual({ server: "reg.example.com", auth: { kind: "password", username: "robot", password: PASSWORD } });
  });
});

describe("NewTaskPage output files", () => {
  it("sends an output file to the account's storage without a SAS; its empty pattern shows an error only once touched", async () => {
    const { sent } = renderNewTask(pool, () => FOUND);
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "render-1");
    await chooseImage(IMAGE);
    await userEvent.click(screen.getByRole("button", { name: "Add output file" }));
    const pattern = screen.getByRole("textbox", { name: /Output 1 files/ });
    // A new row is not an error yet: the operator has not typed in it.
    expect(screen.queryByText(/file pattern is required/)).toBeNull();
    await userEvent.type(pattern, "x");
    await userEvent.clear(pattern);
    expect(await screen.findByText(/file pattern is required/)).toBeTruthy();
    await userEvent.type(pattern, "out/*.png");
    expect(screen.getByRole("textbox", { name: /Output 1 container/ })).toHaveProperty("value", "results");
    await userEvent.type(screen.getByRole("textbox", { name: /Output 1 blob path/ }), "frames");
    await addTaskRunningEntrypoint();
    expect((sent.added as TaskSpec).outputFiles).toEqual([
      { filePattern: "out/*.png", destination: { kind: "accountStorage", containerName: "results", path: "frames" }, uploadCondition: "taskSuccess" },
    ]);
  });

  it("a container name Storage would refuse is an error at its field", async () => {
    renderNewTask(pool, () => FOUND);
    await userEvent.click(await screen.findByRole("button", { name: "Add output file" }));
    const container = screen.getByRole("textbox", { name: /Output 1 container/ });
    await userEvent.clear(container);
    await userEvent.type(container, "Results_2026");
    expect(await screen.findByText(/container names are 3-63 lower-case letters/)).toBeTruthy();
  });

  it("adds application packages from the account's applications: Default when the application has one, else a version", async () => {
    const { sent } = renderNewTask(pool, () => FOUND);
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "encode-1");
    await chooseImage(IMAGE);
    const add = screen.getByRole("button", { name: "Add application package" });
    await userEvent.click(add);
    await userEvent.click(add);
    await userEvent.click(screen.getByRole("combobox", { name: /Package 1 application/ }));
    await userEvent.click(await screen.findByRole("option", { name: "ffmpeg (FFmpeg)" }));
    expect(screen.getByRole("combobox", { name: /Package 1 version/ }).textContent).toContain("Default (6.1)");
    // blender has no default: choosing it picks its first version, one Batch accepts.
    await userEvent.click(screen.getByRole("combobox", { name: /Package 2 application/ }));
    await userEvent.click(await screen.findByRole("option", { name: "blender" }));
    const version2 = screen.getByRole("combobox", { name: /Package 2 version/ });
    expect(version2.textContent).toContain("4.1");
    await userEvent.click(version2);
    expect(screen.queryByRole("option", { name: /Default/ })).toBeNull();
    await userEvent.click(await screen.findByRole("option", { name: "4.2" }));
    await addTaskRunningEntrypoint();
    expect((sent.added as TaskSpec).applicationPackages).toEqual([{ applicationId: "ffmpeg" }, { applicationId: "blender", version: "4.2" }]);
  });

  it("shows a package row's missing application only on Add task, at the row, and sends nothing", async () => {
    const { sent } = renderNewTask(pool, () => FOUND);
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "encode-2");
    await chooseImage(IMAGE);
    await userEvent.click(screen.getByRole("button", { name: "Add application package" }));
    expect(screen.queryByText(/Application id is required/)).toBeNull();
    await userEvent.click(screen.getByRole("switch", { name: /Use the image ENTRYPOINT/ }));
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    expect(await screen.findByText(/Application id is required/)).toBeTruthy();
    expect(sent.added).toBeUndefined();
    await userEvent.click(screen.getByRole("button", { name: "Remove package 1" }));
    expect(screen.queryByText(/Application id is required/)).toBeNull();
  });
});

describe("NewTaskPage exit conditions", () => {
  it("a job action on a job that takes none is an error at its field once picked; the dependency action is sent", async () => {
    const { sent } = renderNewTask(pool, () => FOUND, { usesTaskDependencies: true });
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "score-1");
    await chooseImage(IMAGE);
    await userEvent.click(screen.getByRole("button", { name: "Add exit code" }));
    const code = screen.getByRole("textbox", { name: "Exit code 1" });
    await userEvent.clear(code);
    await userEvent.type(code, "3");
    await pick(/Exit code 1 job action/, "Terminate the job");
    expect(await screen.findByText(/Job "j1" takes no action when a task fails/)).toBeTruthy();
    await pick(/Exit code 1 job action/, "Batch's default");
    await pick(/Exit code 1 dependency action/, "Let dependent tasks run");
    await waitFor(() => expect(screen.queryByText(/takes no action when a task fails/)).toBeNull());
    await addTaskRunningEntrypoint();
    expect((sent.added as TaskSpec).exitConditions).toEqual({ exitCodes: [{ code: 3, exitOptions: { dependencyAction: "satisfy" } }], exitCodeRanges: [] });
  });
});

describe("NewTaskPage importing JSON", () => {
  const SAS = "sv=2022-11-02&sp=r&sig=c2VjcmV0";
  const REST = {
    id: "imported-1",
    commandLine: "/bin/greet --name batch",
    containerSettings: { imageName: IMAGE, containerRunOptions: "--rm" },
    resourceFiles: [{ httpUrl: `https://acct.blob.core.windows.net/in/a.txt?${SAS}`, filePath: "a.txt" }],
    constraints: { maxWallClockTime: "two hours" },
    colour: "blue",
  };

  async function importJson(text: string) {
    await userEvent.click(await screen.findByRole("button", { name: "Import JSON" }));
    const dialog = await findDialog("Import a task from JSON");
    await userEvent.click(screen.getByRole("textbox", { name: "Task JSON" }));
    await userEvent.paste(text);
    return dialog;
  }

  it("lists what it leaves out at its JSON path, fills the form, shows its errors at once and sends the SAS as pasted", async () => {
    const { sent } = renderNewTask(pool, () => FOUND);
    const dialog = await importJson(JSON.stringify(REST));
    expect(await screen.findByText(/"colour" is not a field Batch takes here/)).toBeTruthy();
    await userEvent.click(await findButtonIn(dialog, "Fill the form"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // Fluent's modalizer hands the page back over a few ticks after the dialog closes.
    await waitFor(() => expect(screen.getByRole("textbox", { name: /Task id/ })).toHaveProperty("value", "imported-1"));
    expect(screen.getByRole("combobox", { name: /Container image/ })).toHaveProperty("value", IMAGE);
    // Judged as if typed: the time limit's error shows without touching it.
    expect(await screen.findByText(/The time limit "two hours" is not an ISO-8601 duration/)).toBeTruthy();
    const limit = screen.getByRole("textbox", { name: /Time limit/ });
    await userEvent.clear(limit);
    await userEvent.type(limit, "PT2H");
    await waitFor(() => expect(screen.getByRole("button", { name: "Add task" }).hasAttribute("disabled")).toBe(false));
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    expect(await screen.findByText("task page")).toBeTruthy();
    expect((sent.added as TaskSpec).resourceFiles).toEqual([{ source: { kind: "http", url: `https://acct.blob.core.windows.net/in/a.txt?${SAS}` }, filePath: "a.txt" }]);
    expect((sent.added as TaskSpec).commandLine).toBe("/bin/greet --name batch");
  });

  it("reads a picked JSON file as if pasted", async () => {
    renderNewTask(pool, () => FOUND);
    await userEvent.click(await screen.findByRole("button", { name: "Import JSON" }));
    const dialog = await findDialog("Import a task from JSON");
    const file = new File([JSON.stringify({ id: "from-file", commandLine: "run" })], "task.json", { type: "application/json" });
    await userEvent.upload(screen.getByLabelText(/Or choose a JSON file/), file);
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Task JSON" })).toHaveProperty("value", expect.stringContaining("from-file")));
    await userEvent.click(await findButtonIn(dialog, "Fill the form"));
    await waitFor(() => expect(screen.getByRole("textbox", { name: /Task id/ })).toHaveProperty("value", "from-file"));
  });

  it("text that is not JSON fills nothing and says so", async () => {
    renderNewTask(pool, () => FOUND);
    const dialog = await importJson('{"id": "x",');
    expect(await screen.findByText(/This is not JSON/)).toBeTruthy();
    expect((await findButtonIn(dialog, "Fill the form")).hasAttribute("disabled")).toBe(true);
  });
});

describe("NewTaskPage exports", () => {
  it("exports the task it would add as REST JSON, az CLI, Python and C#, exit conditions included", async () => {
    renderNewTask(pool, () => FOUND, { onTaskFailure: "performexitoptionsjobaction" });
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "export-1");
    await chooseImage(IMAGE);
    await userEvent.click(screen.getByRole("button", { name: "Add exit code" }));
    await pick(/Exit code 1 job action/, "Terminate the job");
    await userEvent.click(screen.getByRole("button", { name: /Export as REST JSON/ }));
    const rest = await screen.findByRole("region", { name: "export-1.json" });
    expect(JSON.parse(rest.querySelector("pre")?.textContent ?? "")).toMatchObject({
      id: "export-1",
      containerSettings: { imageName: IMAGE },
      exitConditions: { exitCodes: [{ code: 1, exitOptions: { jobAction: "terminate" } }] },
    });
    await userEvent.click(screen.getByRole("tab", { name: "Python" }));
    expect((await screen.findByRole("region", { name: "create_task.py" })).textContent).toContain("client.task.add(\"j1\", model)");
  });
});

describe("NewTaskPage limits and identity", () => {
  it("on a Windows pool a container task must run elevated: the BFF's facts say Windows, Add task shows why, the switch fixes it", async () => {
    const { sent } = renderNewTask({ ...pool, id: "windows-pool" }, () => FOUND);
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "render-1");
    await chooseImage(IMAGE);
    await userEvent.type(screen.getByRole("textbox", { name: /Time limit/ }), "PT2H");
    await userEvent.type(screen.getByRole("textbox", { name: /Runs after/ }), "prepare, 1-10");
    await userEvent.click(screen.getByRole("switch", { name: /Use the image ENTRYPOINT/ }));
    // The check answers after its debounce; then Add task reveals the error.
    await waitFor(() => expect(sent.checks).toBeGreaterThan(0));
    await act(async () => {});
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    expect(await screen.findByText(/runs Windows, where Batch starts a container only for an administrator/)).toBeTruthy();
    expect(sent.added).toBeUndefined();
    await userEvent.click(screen.getByRole("switch", { name: "Run elevated (as an administrator)" }));
    await waitFor(() => expect(screen.queryByText(/only for an administrator/)).toBeNull());
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    expect(await screen.findByText("task page")).toBeTruthy();
    expect(sent.added).toMatchObject({ elevated: true, constraints: { maxWallClockTime: "PT2H" }, dependsOn: { taskIds: ["prepare"], taskIdRanges: [{ start: 1, end: 10 }] } });
  });

  it("a time limit that is not a duration is an error at its field once typed", async () => {
    renderNewTask(pool, () => FOUND);
    // The task rules judge a task once its shape parses: an id and an image first.
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "t1");
    await chooseImage(IMAGE);
    await userEvent.type(screen.getByRole("textbox", { name: /Time limit/ }), "2 hours");
    expect(await screen.findByText(/The time limit "2 hours" is not an ISO-8601 duration/)).toBeTruthy();
  });
});

describe("NewTaskPage input files", () => {
  it("downloads the blobs under a prefix of an account storage container into a folder; a SAS-less container URL is an error at its field", async () => {
    const { sent } = renderNewTask(pool, () => FOUND);
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "t-in");
    await chooseImage(IMAGE);
    await userEvent.click(screen.getByRole("button", { name: "Add input file" }));
    await userEvent.type(screen.getByRole("textbox", { name: /Input 1 container$/ }), "inputs");
    await userEvent.type(screen.getByRole("textbox", { name: /Input 1 blob prefix/ }), "run1/");
    await userEvent.type(screen.getByRole("textbox", { name: /Input 1 to/ }), "data");
    await userEvent.click(screen.getByRole("button", { name: "Add input file" }));
    await userEvent.click(screen.getByRole("combobox", { name: /Input 2 from/ }));
    await userEvent.click(await screen.findByRole("option", { name: "A container URL with a SAS" }));
    await userEvent.type(screen.getByRole("textbox", { name: /Input 2 container URL/ }), "https://acct.blob.core.windows.net/c");
    expect(await screen.findByText(/has no shared access signature \(no sig= in its query\)/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Remove input 2" }));
    await addTaskRunningEntrypoint();
    expect((sent.added as TaskSpec).resourceFiles).toEqual([{ source: { kind: "autoStorage", containerName: "inputs", blobPrefix: "run1/" }, filePath: "data" }]);
  });
});

describe("NewTaskPage re-adding a failed task", () => {
  it("starts from the task's spec under a new id, with the fix its failure offers applied", async () => {
    let added: TaskSpec | undefined;
    const failed = {
      id: "render",
      state: "completed",
      result: "failure",
      commandLine: "/bin/render --all",
      env: [],
      maxWallClockTime: "PT10M",
      failure: { category: "servererror", code: "TaskEnded", message: "Task Was Ended because it exceeded its maximum wall clock time" },
    };
    const spec: TaskSpec = TaskSpecSchema.parse({ id: "render", commandLine: "/bin/render --all", containerSettings: { imageName: IMAGE }, constraints: { maxWallClockTime: "PT10M" } });
    const api = fakeApi({
      [`GET ${A}/jobs/j1`]: () => ({ id: "j1", state: "active", poolId: "p1" }),
      [`GET ${A}/pools/p1`]: () => pool,
      [`GET ${A}/jobs/j1/tasks/render`]: () => failed,
      [`GET ${A}/jobs/j1/tasks/render/spec`]: () => ({ spec }),
      "POST /api/registry/inspect": ({ body }) => ({ reference: (body as ImageInspectRequest).reference, ...FOUND }),
      [`POST ${A}/validate/task`]: () => ({ issues: [], facts: {}, ok: true }),
      [`POST ${A}/jobs/j1/tasks`]: ({ body }) => {
        added = body as TaskSpec;
        return { ...(body as object), state: "active", env: [] };
      },
    });
    renderPage({
      api,
      pattern: "/a/:account/jobs/:job/tasks/new",
      url: "/a/acct/jobs/j1/tasks/new?from=render&fix=TaskEnded",
      element: <NewTaskPage />,
      extraRoutes: [{ path: "/a/:account/jobs/:job/tasks/:task", element: <p>task page</p> }],
    });
    expect(await screen.findByRole("heading", { name: "Add task render again to j1" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: /Task id/ })).toHaveProperty("value", "render-2");
    expect(screen.getByRole("textbox", { name: /Time limit/ })).toHaveProperty("value", "PT40M");
    expect(screen.getByRole("combobox", { name: /Container image/ })).toHaveProperty("value", IMAGE);
    await waitFor(() => expect(screen.getByRole("button", { name: "Add task" }).hasAttribute("disabled")).toBe(false));
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    expect(await screen.findByText("task page")).toBeTruthy();
    expect(added).toMatchObject({ id: "render-2", commandLine: "/bin/render --all", constraints: { maxWallClockTime: "PT40M" } });
  });
});
