import {
  Button,
  Card,
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Subtitle2,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  apiPaths,
  parseTaskSpec,
  validateTask,
  type TaskDetails,
  type PoolDetails,
  type TaskSpecInput,
  type ValidationContext,
  type ValidationIssue,
} from "@batch-studio/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "../router";
import { useJob, usePool } from "../api/hooks";
import { jobKeys } from "../api/keys";
import { paths } from "../router/paths";
import { useApi } from "../auth/AuthContext";
import { isApiError } from "../auth/apiError";
import { EnvVarsEditor } from "../components/EnvVarsEditor";
import { useNotify } from "../components/notify";
import { PageHeader } from "../components/PageHeader";
import { useDebounced } from "../components/useDebounced";
import { fieldState } from "../components/fieldState";
import { imageRegistry, taskForPool } from "./imageRegistry";
import { ImageRegistryAccess, type TaskLogin } from "./ImageRegistryAccess";
import { useImageConfig } from "./useImageConfig";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px", padding: tokens.spacingHorizontalXL },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

const NO_REGISTRIES: PoolDetails["registries"] = [];
const TASK_LOGIN_FIELDS = ["containerSettings.registry.auth.username", "containerSettings.registry.auth.password"];

/** Add a container task: image suggestions from the pool's prefetch list, ENTRYPOINT/WORKDIR read from the registry. */
export default function NewTaskPage() {
  const styles = useStyles();
  const { account, job } = useParams() as { account: string; job: string };
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const jobInfo = useJob(account, job);
  const pool = usePool(account, jobInfo.data?.poolId);
  const prefetch = pool.data?.prefetchImages ?? [];
  const [spec, setSpec] = useState<TaskSpecInput>({ id: "", commandLine: "", containerSettings: { imageName: "", runOptions: "--rm", workingDirectory: "taskWorkingDirectory" }, env: [] });
  const [useEntrypoint, setUseEntrypoint] = useState(false);
  const [serverIssues, setServerIssues] = useState<ValidationIssue[]>([]);
  const image = spec.containerSettings?.imageName ?? "";
  const settledImage = useDebounced(image.trim(), 400);
  const poolRegistries = pool.data?.registries ?? NO_REGISTRIES;
  const imageConfig = useImageConfig(image, settledImage, pool.data?.registries);
  const inspection = imageConfig.inspection;

  const context: ValidationContext = useMemo(
    () => ({
      ...(pool.data
        ? { pool: { poolId: pool.data.id, isContainerPool: pool.data.isContainerPool, prefetchImages: pool.data.prefetchImages, registryServers: pool.data.registries.map((r) => r.server) } }
        : {}),
      ...(inspection ? { images: [inspection] } : {}),
    }),
    [pool.data, inspection],
  );
  const issues = useMemo(() => {
    const parsed = parseTaskSpec(spec);
    return parsed.ok ? [...validateTask(parsed.value, context), ...serverIssues] : parsed.issues;
  }, [spec, context, serverIssues]);
  const blocked = issues.some((i) => i.level === "error");
  const setContainer = (patch: Partial<NonNullable<TaskSpecInput["containerSettings"]>>) =>
    setSpec((s) => {
      const { registry, ...rest } = { imageName: "", ...s.containerSettings, ...patch };
      // A registry login belongs to the image it was typed for: another image drops it.
      const sameImage = patch.imageName === undefined || patch.imageName === s.containerSettings?.imageName;
      return { ...s, containerSettings: registry && sameImage ? { ...rest, registry } : rest };
    });
  const taskRegistry = spec.containerSettings?.registry;
  const taskLogin: TaskLogin | undefined = taskRegistry?.auth.kind === "password" ? { username: taskRegistry.auth.username, password: taskRegistry.auth.password } : undefined;
  const setTaskLogin = (login: TaskLogin | undefined) => {
    const server = imageConfig.registry?.kind === "taskOwn" ? imageConfig.registry.server : undefined;
    setContainer({ registry: login && server ? { server, auth: { kind: "password", ...login } } : undefined });
  };

  const add = useMutation({
    mutationFn: () => {
      const parsed = parseTaskSpec(spec);
      if (!parsed.ok) throw new Error("The task is not complete yet.");
      const body = taskForPool(parsed.value, imageRegistry(parsed.value.containerSettings?.imageName ?? "", poolRegistries));
      return api.json<TaskDetails>(apiPaths.tasks(account, job), { method: "POST", body });
    },
    onSuccess: (task) => {
      notify.success("Task added", task.id);
      void queryClient.invalidateQueries({ queryKey: jobKeys.detail(account, job) });
      navigate(paths.task(account, job, task.id));
    },
    onError: (e) => {
      if (isApiError(e) && e.problem.issues) setServerIssues(e.problem.issues);
      notify.error("Add task failed", e);
    },
  });

  const shownAtFields = ["id", "commandLine", "containerSettings.imageName", "containerSettings.runOptions", ...(imageConfig.askTaskLogin ? TASK_LOGIN_FIELDS : [])];
  const leftovers = issues.filter((i) => !shownAtFields.includes(i.path.join(".")));

  return (
    <>
      <PageHeader title={`Add a container task to ${job}`} />
      <Card className={styles.form}>
        <Field label="Task id" required {...fieldState(issues, "id")}>
          <Input value={spec.id} onChange={(_, d) => setSpec({ ...spec, id: d.value })} />
        </Field>
        <Field label="Container image" required hint={prefetch.length ? "Suggestions are the images the pool prefetches." : undefined} {...fieldState(issues, "containerSettings.imageName")}>
          <Combobox
            freeform
            value={image}
            selectedOptions={image ? [image] : []}
            onOptionSelect={(_, d) => d.optionValue && setContainer({ imageName: d.optionValue })}
            onChange={(e) => setContainer({ imageName: e.target.value })}
          >
            {prefetch.map((p) => (
              <Option key={p}>{p}</Option>
            ))}
          </Combobox>
        </Field>
        <ImageRegistryAccess config={imageConfig} taskLogin={taskLogin} onTaskLogin={setTaskLogin} issues={issues} />
        <Field label="Container run options" hint="Extra docker create arguments, e.g. --rm." {...fieldState(issues, "containerSettings.runOptions")}>
          <Input value={spec.containerSettings?.runOptions ?? ""} onChange={(_, d) => setContainer({ runOptions: d.value })} />
        </Field>
        <Field label="Working directory">
          <Dropdown
            value={spec.containerSettings?.workingDirectory === "containerImageDefault" ? "The image's WORKDIR" : "The task's working directory"}
            selectedOptions={[spec.containerSettings?.workingDirectory ?? "taskWorkingDirectory"]}
            onOptionSelect={(_, d) => setContainer({ workingDirectory: d.optionValue as "taskWorkingDirectory" | "containerImageDefault" })}
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
            if (d.checked) setSpec((s) => ({ ...s, commandLine: "" }));
          }}
        />
        {!useEntrypoint && (
          <Field label="Command line" hint="Runs as the container's command; not through a shell." {...fieldState(issues, "commandLine")}>
            <Textarea className={styles.mono} value={spec.commandLine ?? ""} onChange={(_, d) => setSpec({ ...spec, commandLine: d.value })} resize="vertical" />
          </Field>
        )}
        <Subtitle2 as="h2">Environment variables</Subtitle2>
        <EnvVarsEditor label="Task environment variables" value={spec.env ?? []} onChange={(env) => setSpec({ ...spec, env })} />
        {leftovers.map((i, k) => (
          <MessageBar key={k} intent={i.level === "error" ? "error" : i.level === "warning" ? "warning" : "info"}>
            <MessageBarBody>{i.message}</MessageBarBody>
          </MessageBar>
        ))}
        <div className={styles.actions}>
          <Button appearance="primary" disabled={blocked || add.isPending} onClick={() => add.mutate()}>
            {add.isPending ? "Adding…" : "Add task"}
          </Button>
          <Button onClick={() => navigate(paths.job(account, job))}>Cancel</Button>
        </div>
      </Card>
    </>
  );
}
