import { poolFactOf } from "../jobs/usePoolContext";
import {
  Button,
  Caption1,
  Card,
  Combobox,
  Dropdown,
  Field,
  Input,
  Option,
  Subtitle2,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  dependsOnText,
  explainTaskFailure,
  parseDependsOnText,
  nextTaskId,
  parseTaskSpec,
  taskJobFact,
  validateTask,
  type PoolDetails,
  type SpecPath,
  type TaskSpecInput,
  type ValidationContext,
} from "@batch-studio/shared";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "../router";
import { useJob, useTask } from "../api/jobs";
import { usePool } from "../api/pools";
import { useAddTask } from "../api/jobWrites";
import { useTaskSpec } from "../api/taskSpec";
import { ErrorState } from "../components/ErrorState";
import { TableSkeleton } from "../components/Skeletons";
import { useApplications } from "../api/applications";
import { ApplicationPackagesEditor, applicationPackagePaths } from "../components/ApplicationPackagesEditor";
import { paths } from "../router/paths";
import { isApiError } from "../auth/apiError";
import { EnvVarsEditor } from "../components/EnvVarsEditor";
import { useNotify } from "../components/notify";
import { OtherIssues } from "../components/OtherIssues";
import { PageHeader } from "../components/PageHeader";
import { useDebounced } from "../components/useDebounced";
import { fieldState } from "../components/fieldState";
import { useSpecForm } from "../forms/useSpecForm";
import { imageRegistry, taskForPool } from "./imageRegistry";
import { ImageRegistryAccess, type TaskLogin } from "./ImageRegistryAccess";
import { useImageConfig } from "./useImageConfig";
import { OutputFilesEditor, outputFilePaths } from "./OutputFilesEditor";
import { TaskLimitsFields } from "./TaskLimitsFields";
import { ResourceFilesEditor, resourceFilePaths } from "./ResourceFilesEditor";
import { ExitConditionsEditor, exitConditionPaths } from "./ExitConditionsEditor";
import { ImportTaskJsonDialog } from "./ImportTaskJsonDialog";
import { taskExports } from "./taskExports";
import { useAccountInfo } from "../api/accountInfo";
import { ExportSection } from "../components/ExportFiles";
import { callRoute } from "../api/callRoute";
import { useApi } from "../auth/AuthContext";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "760px",
    padding: tokens.spacingHorizontalXL,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

const NO_REGISTRIES: PoolDetails["registries"] = [];
const TASK_LOGIN_FIELDS = [
  "containerSettings.registry.auth.username",
  "containerSettings.registry.auth.password",
];
type ContainerSpec = NonNullable<TaskSpecInput["containerSettings"]>;
const WORKING_DIRECTORIES = ["taskWorkingDirectory", "containerImageDefault"] as const;
const isWorkingDirectory = (v: string | undefined): v is ContainerSpec["workingDirectory"] & string =>
  WORKING_DIRECTORIES.some((w) => w === v);
/** A task's dependencies as the "Runs after" field writes them. */
const dependsOnTextOf = ({ dependsOn: d }: TaskSpecInput) => dependsOnText(d ? { taskIds: d.taskIds ?? [], taskIdRanges: d.taskIdRanges ?? [] } : undefined);

const INITIAL: TaskSpecInput = {
  id: "",
  commandLine: "",
  containerSettings: { imageName: "", runOptions: "--rm", workingDirectory: "taskWorkingDirectory" },
  env: [],
};

/**
 * Add a container task — or add one again: `?from=<task>` starts from that task's spec under a new
 * id, and `&fix=<code>` applies the fix its failure explanation offers (explainTaskFailure).
 */
export default function NewTaskPage() {
  const { account, job } = useParams() as { account: string; job: string };
  const [search] = useSearchParams();
  const from = search.get("from") ?? undefined;
  const source = useTaskSpec(account, job, from);
  const details = useTask(account, job, from ?? "");
  if (!from) return <TaskForm account={account} job={job} initial={INITIAL} />;
  if (source.isPending || (details.isPending && search.get("fix"))) return <TableSkeleton label={`Loading task ${from}`} />;
  if (source.isError) return <ErrorState what={`task ${from}`} error={source.error} onRetry={() => source.refetch()} />;
  const explanation = details.data ? explainTaskFailure(details.data) : undefined;
  const fixed = search.get("fix") && explanation?.code === search.get("fix") && explanation.fix ? explanation.fix.apply(source.data.spec) : source.data.spec;
  return <TaskForm account={account} job={job} initial={{ ...fixed, id: nextTaskId(fixed.id) }} fromTask={from} atFault={explanation?.field} />;
}

/** The task form itself, from `initial`; `atFault` is revealed at once (the field a failure named). */
function TaskForm({ account, job, initial, fromTask, atFault }: { account: string; job: string; initial: TaskSpecInput; fromTask?: string; atFault?: SpecPath }) {
  const styles = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const jobInfo = useJob(account, job);
  const pool = usePool(account, jobInfo.data?.poolId);
  const prefetch = pool.data?.prefetchImages ?? [];
  // A task added again keeps running its image ENTRYPOINT if it did; a new one starts with a command line.
  const [useEntrypoint, setUseEntrypoint] = useState(fromTask !== undefined && initial.containerSettings !== undefined && !initial.commandLine);
  const [image, setImage] = useState(initial.containerSettings?.imageName ?? "");
  // As typed (commas, spaces); the spec holds the parsed ids and ranges.
  const [dependsOn, setDependsOn] = useState(dependsOnTextOf(initial));
  const settledImage = useDebounced(image.trim(), 400);
  const poolRegistries = pool.data?.registries ?? NO_REGISTRIES;
  const imageConfig = useImageConfig(image, settledImage, pool.data?.registries);
  const inspection = imageConfig.inspection;
  const applications = useApplications(account).data?.items;

  const context: ValidationContext = useMemo(
    () => ({
      ...(pool.data
        ? {
            pool: poolFactOf(pool.data),
          }
        : {}),
      ...(jobInfo.data ? { job: taskJobFact(jobInfo.data) } : {}),
      ...(inspection ? { images: [inspection] } : {}),
      ...(applications ? { applications } : {}),
    }),
    [pool.data, jobInfo.data, inspection, applications],
  );
  // The pool and the image's registry answer arrive through their own queries; the rules judge with
  // both, and with what the BFF's debounced check learned (the pool's OS, read from its node agent).
  const validate = useCallback(
    (task: TaskSpecInput, facts: ValidationContext | undefined) => {
      const parsed = parseTaskSpec(task);
      const pool = facts?.pool ?? context.pool;
      return parsed.ok ? validateTask(parsed.value, { ...facts, ...context, ...(pool ? { pool } : {}) }) : parsed.issues;
    },
    [context],
  );
  const api = useApi();
  const check = useCallback(
    async (task: TaskSpecInput, signal: AbortSignal) => {
      const answer = await callRoute(api, "validateTask", { account }, { body: { jobId: job, task }, signal });
      return { issues: answer.issues, facts: answer.facts };
    },
    [api, account, job],
  );
  const form = useSpecForm<TaskSpecInput, ValidationContext>({ initial, validate, check });
  const { reveal } = form;
  const [importing, setImporting] = useState(false);
  /** The form becomes the imported task, judged at once as if every field had been typed. */
  const fill = (task: TaskSpecInput) => {
    setImage(task.containerSettings?.imageName ?? "");
    setUseEntrypoint(task.containerSettings !== undefined && !task.commandLine);
    setDependsOn(dependsOnTextOf(task));
    form.update(() => task);
    reveal();
    setImporting(false);
  };
  // Re-adding after a failure: the field the failure named shows its issues at once.
  useEffect(() => {
    if (atFault) reveal([atFault]);
  }, [atFault, reveal]);
  const spec = form.value;
  const issues = form.shown;
  /** Changes one container setting; `field` is what the operator touched. */
  const setContainer = (field: keyof ContainerSpec, patch: Partial<ContainerSpec>) => {
    if (patch.imageName !== undefined) setImage(patch.imageName);
    form.update(
      (s) => {
        const { registry, ...rest } = { imageName: "", ...s.containerSettings, ...patch };
        // A registry login belongs to the image it was typed for: another image drops it.
        const sameImage = patch.imageName === undefined || patch.imageName === s.containerSettings?.imageName;
        return { ...s, containerSettings: registry && sameImage ? { ...rest, registry } : rest };
      },
      ["containerSettings", field],
    );
  };
  const taskRegistry = spec.containerSettings?.registry;
  const taskLogin: TaskLogin | undefined =
    taskRegistry?.auth.kind === "password"
      ? { username: taskRegistry.auth.username, password: taskRegistry.auth.password }
      : undefined;
  const setTaskLogin = (login: TaskLogin | undefined) => {
    const server = imageConfig.registry?.kind === "taskOwn" ? imageConfig.registry.server : undefined;
    setContainer("registry", {
      registry: login && server ? { server, auth: { kind: "password", ...login } } : undefined,
    });
  };

  const add = useAddTask(account, job);
  const accountInfo = useAccountInfo(account);
  /** What Add task sends: the spec with the registry login only where the pool has none. */
  const bodyOf = (task: TaskSpecInput) => {
    const parsed = parseTaskSpec(task);
    return parsed.ok ? taskForPool(parsed.value, imageRegistry(parsed.value.containerSettings?.imageName ?? "", poolRegistries)) : undefined;
  };
  const exported = bodyOf(spec);
  const submit = () =>
    form.submit((value) => {
      const body = bodyOf(value);
      if (!body) return;
      add.mutate(body, {
        onSuccess: (task) => {
          notify.success("Task added", task.id);
          navigate(paths.task(account, job, task.id));
        },
        onError: (e) => {
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error("Add task failed", e);
        },
      });
    });

  const shownAt = new Set([
    "id",
    "commandLine",
    "containerSettings.imageName",
    "containerSettings.runOptions",
    ...(imageConfig.askTaskLogin ? TASK_LOGIN_FIELDS : []),
    ...resourceFilePaths([], spec.resourceFiles),
    "dependsOn",
    "constraints.maxWallClockTime",
    "constraints.retentionTime",
    "constraints.maxTaskRetryCount",
    "requiredSlots",
    "elevated",
    ...outputFilePaths([], spec.outputFiles),
    ...exitConditionPaths(spec.exitConditions),
    ...applicationPackagePaths([], spec.applicationPackages),
  ]);

  return (
    <>
      <PageHeader title={fromTask ? `Add task ${fromTask} again to ${job}` : `Add a container task to ${job}`} />
      {importing && <ImportTaskJsonDialog onImport={fill} onClose={() => setImporting(false)} />}
      <Card className={styles.form}>
        <div className={styles.actions}>
          <Button onClick={() => setImporting(true)}>Import JSON</Button>
        </div>
        <Field label="Task id" required {...fieldState(issues, "id")}>
          <Input value={spec.id} onChange={(_, d) => form.set(["id"], d.value)} />
        </Field>
        <Field
          label="Container image"
          required
          hint={prefetch.length ? "Suggestions are the images the pool prefetches." : undefined}
          {...fieldState(issues, "containerSettings.imageName")}
        >
          <Combobox
            freeform
            value={image}
            selectedOptions={image ? [image] : []}
            onOptionSelect={(_, d) =>
              d.optionValue && setContainer("imageName", { imageName: d.optionValue })
            }
            onChange={(e) => setContainer("imageName", { imageName: e.target.value })}
          >
            {prefetch.map((p) => (
              <Option key={p}>{p}</Option>
            ))}
          </Combobox>
        </Field>
        <ImageRegistryAccess
          config={imageConfig}
          taskLogin={taskLogin}
          onTaskLogin={setTaskLogin}
          issues={issues}
        />
        <Field
          label="Container run options"
          hint="Extra docker create arguments, e.g. --rm."
          {...fieldState(issues, "containerSettings.runOptions")}
        >
          <Input
            value={spec.containerSettings?.runOptions ?? ""}
            onChange={(_, d) => setContainer("runOptions", { runOptions: d.value })}
          />
        </Field>
        <Field label="Working directory">
          <Dropdown
            value={
              spec.containerSettings?.workingDirectory === "containerImageDefault"
                ? "The image's WORKDIR"
                : "The task's working directory"
            }
            selectedOptions={[spec.containerSettings?.workingDirectory ?? "taskWorkingDirectory"]}
            onOptionSelect={(_, d) =>
              isWorkingDirectory(d.optionValue) &&
              setContainer("workingDirectory", { workingDirectory: d.optionValue })
            }
          >
            <Option value="taskWorkingDirectory">The task's working directory</Option>
            <Option value="containerImageDefault">The image's WORKDIR</Option>
          </Dropdown>
        </Field>
        <Switch
          label="Use the image ENTRYPOINT (empty command line)"
          checked={useEntrypoint}
          onChange={(_, d) => {
            setUseEntrypoint(d.checked);
            if (d.checked) form.set(["commandLine"], "");
          }}
        />
        {!useEntrypoint && (
          <Field
            label="Command line"
            hint="Runs as the container's command; not through a shell."
            {...fieldState(issues, "commandLine")}
          >
            <Textarea
              className={styles.mono}
              value={spec.commandLine ?? ""}
              onChange={(_, d) => form.set(["commandLine"], d.value)}
              resize="vertical"
            />
          </Field>
        )}
        <Subtitle2 as="h2">Environment variables</Subtitle2>
        <EnvVarsEditor
          label="Task environment variables"
          value={spec.env ?? []}
          onChange={(env) => form.set(["env"], env)}
        />
        <Subtitle2 as="h2">Input files</Subtitle2>
        <Caption1>Downloaded into the task&apos;s working directory before its command runs (resource files).</Caption1>
        <ResourceFilesEditor
          value={spec.resourceFiles ?? []}
          issues={issues}
          onChange={(resourceFiles, touched) => form.update((s) => ({ ...s, resourceFiles }), touched && ["resourceFiles", touched.row, touched.field])}
        />
        <Field
          label="Runs after"
          hint="Task ids and ranges of numeric ids it waits for, e.g. prepare, 1-10. The job must allow task dependencies."
          {...fieldState(issues, "dependsOn")}
        >
          <Input
            value={dependsOn}
            onChange={(_, d) => {
              setDependsOn(d.value);
              const deps = parseDependsOnText(d.value);
              form.update((s) => ({ ...s, dependsOn: deps.taskIds.length || deps.taskIdRanges.length ? deps : undefined }), ["dependsOn"]);
            }}
          />
        </Field>
        <Subtitle2 as="h2">Exit conditions</Subtitle2>
        <Caption1>
          What the task&apos;s ending does to the job and to the tasks that wait for it. A job action needs a job whose task failure
          action is to perform it (onTaskFailure performexitoptionsjobaction); a dependency action matters only when the job uses task
          dependencies. Batch&apos;s default: nothing for exit code 0; terminate the job and block dependent tasks otherwise.
        </Caption1>
        <ExitConditionsEditor
          value={spec.exitConditions}
          issues={issues}
          onChange={(exitConditions, touched) => form.update((s) => ({ ...s, exitConditions }), touched && ["exitConditions", ...touched])}
        />
        <Subtitle2 as="h2">Limits and identity</Subtitle2>
        <TaskLimitsFields
          value={spec}
          issues={issues}
          onChange={(next, field) =>
            form.update((s) => ({ ...s, constraints: next.constraints, elevated: next.elevated, requiredSlots: next.requiredSlots }), field === "elevated" || field === "requiredSlots" ? [field] : ["constraints", field])
          }
        />
        <Subtitle2 as="h2">Output files</Subtitle2>
        <Caption1>
          Uploaded to Blob Storage after the task&apos;s process exits, and kept there after the container and the node are gone. The
          account&apos;s storage needs no SAS: the portal signs a short-lived one that may only write.
        </Caption1>
        <OutputFilesEditor
          value={spec.outputFiles ?? []}
          issues={issues}
          onChange={(outputFiles, touched) =>
            form.update((s) => ({ ...s, outputFiles }), touched && ["outputFiles", touched.row, touched.field])
          }
        />
        <Subtitle2 as="h2">Application packages</Subtitle2>
        <Caption1>
          Installed on the node before the task starts; the task finds each under AZ_BATCH_APP_PACKAGE_&lt;application&gt;_&lt;version&gt; (and
          AZ_BATCH_APP_PACKAGE_&lt;application&gt; for a default version).
        </Caption1>
        <ApplicationPackagesEditor
          account={account}
          value={spec.applicationPackages ?? []}
          issues={issues}
          onChange={(applicationPackages, touched) =>
            form.update((s) => ({ ...s, applicationPackages }), touched && ["applicationPackages", touched.row, touched.field])
          }
        />
        <OtherIssues issues={issues} shownAt={shownAt} />
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={add.isPending || issues.some((i) => i.level === "error")}
            onClick={submit}
          >
            {add.isPending ? "Adding…" : "Add task"}
          </Button>
          <Button onClick={() => navigate(paths.job(account, job))}>Cancel</Button>
        </div>
        <ExportSection what="task" tabs={exported ? taskExports(job, exported, accountInfo) : undefined} />
      </Card>
    </>
  );
}
