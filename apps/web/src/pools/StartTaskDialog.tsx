import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  fromZodIssues,
  SetStartTaskRequest,
  validateStartTaskUpdate,
  type PoolDetails,
  type SetStartTaskRequestInput,
  type StartTaskSpec,
  type ValidationIssue,
} from "@batch-studio/shared";
import { useCallback, useState } from "react";
import { isApiError } from "../auth/apiError";
import { useRebootNodes, useSetPoolStartTask } from "../api/pools";
import { fieldState } from "../components/fieldState";
import { useNotify } from "../components/notify";
import { useSpecForm } from "../forms/useSpecForm";
import { changedField, StartTaskFields } from "../wizard/StartTaskFields";

type Form = SetStartTaskRequestInput;
type StartTaskInput = Form["startTask"];

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  fix: { alignSelf: "flex-start" },
});

const key = (path: readonly (string | number)[]) => path.join(".");

/** The dialog's starting point: the pool's start task as it is (a password is never returned, so it starts blank). */
export function initialStartTask(pool: PoolDetails): Form {
  const t = pool.startTask;
  if (!t)
    return {
      startTask: {
        commandLine: pool.startTaskCommandLine ?? "",
        elevated: false,
        waitForSuccess: true,
        maxRetries: 0,
        env: [],
      },
    };
  const startTask: StartTaskInput = {
    commandLine: t.commandLine,
    elevated: t.elevated,
    waitForSuccess: t.waitForSuccess,
    maxRetries: t.maxRetries,
    env: t.env.map((v) => ({ ...v })),
  };
  const c = t.containerSettings;
  if (c) {
    startTask.containerSettings = {
      imageName: c.imageName,
      runOptions: c.runOptions,
      workingDirectory: c.workingDirectory,
    };
    const r = c.registry;
    if (r)
      startTask.containerSettings.registry = r.identityResourceId
        ? { server: r.server, auth: { kind: "identity", identityResourceId: r.identityResourceId } }
        : { server: r.server, auth: { kind: "password", username: r.username ?? "", password: "" } };
  }
  return { startTask };
}

/**
 * The shared schema (required fields) and the wizard's start task rules for this pool, as the BFF
 * runs them. The rules also run while the schema still fails (e.g. an empty command line), so the
 * other advice does not vanish while one field is being retyped; one issue per field, schema first.
 */
export function checkStartTask(form: Form, pool: PoolDetails): ValidationIssue[] {
  const parsed = SetStartTaskRequest.safeParse(form);
  const target =
    pool.nodeAgentSkuId === undefined
      ? { isContainerPool: pool.isContainerPool }
      : { isContainerPool: pool.isContainerPool, nodeAgentSkuId: pool.nodeAgentSkuId };
  if (parsed.success) return validateStartTaskUpdate(parsed.data.startTask, target);
  const schemaIssues = fromZodIssues(parsed.error.issues);
  // The rules read commandLine, elevated, waitForSuccess and containerSettings.imageName only; defaults fill the rest.
  const bestEffort = {
    elevated: false,
    waitForSuccess: true,
    maxRetries: 0,
    env: [],
    ...form.startTask,
  } as StartTaskSpec;
  const taken = new Set(schemaIssues.map((i) => key(i.path)));
  return [
    ...schemaIssues,
    ...validateStartTaskUpdate(bestEffort, target).filter((i) => !taken.has(key(i.path))),
  ];
}

const PASSWORD = "startTask.containerSettings.registry.auth.password";
/** Issue paths shown at a field; any other issue is listed under the form so none is hidden. */
const FIELD_PATHS = [
  "startTask.commandLine",
  "startTask.elevated",
  "startTask.waitForSuccess",
  "startTask.containerSettings",
  "startTask.containerSettings.imageName",
  PASSWORD,
];

/**
 * Edits an existing pool's start task in place (PUT …/start-task → Batch PATCH), instead of
 * cloning the pool. Nodes pick the new start task up when they join, reboot or are reimaged, so
 * after saving the dialog offers to reboot the nodes whose start task failed.
 */
export function StartTaskDialog({
  account,
  pool,
  failedNodeIds,
  onClose,
}: {
  account: string;
  pool: PoolDetails;
  /** Nodes in starttaskfailed now: offered a reboot once the new start task is saved. */
  failedNodeIds: string[];
  onClose(): void;
}) {
  const styles = useStyles();
  const notify = useNotify();
  const validate = useCallback((value: Form) => checkStartTask(value, pool), [pool]);
  const form = useSpecForm<Form>({ initial: () => initialStartTask(pool), validate });
  /** Set once saved while nodes had failed: the dialog then offers to reboot them. */
  const [toReboot, setToReboot] = useState<string[] | undefined>();
  const task = form.value.startTask;
  const shown = form.shown;
  const at = (path: string) => shown.find((i) => key(i.path) === path);
  const others = shown.filter((i) => !FIELD_PATHS.includes(key(i.path)));
  const registry = task.containerSettings?.registry;

  const edit = (next: Partial<StartTaskInput>) => {
    const name = changedField(next);
    form.update(
      (v) => ({ startTask: { ...v.startTask, ...next } }),
      name ? ["startTask", name] : ["startTask"],
    );
  };
  const setImage = (imageName: string) =>
    form.update(
      ({ startTask }) => {
        if (imageName !== "" || startTask.containerSettings?.registry)
          return {
            startTask: { ...startTask, containerSettings: { ...startTask.containerSettings, imageName } },
          };
        const { containerSettings: _dropped, ...onNode } = startTask;
        return { startTask: onNode };
      },
      ["startTask", "containerSettings", "imageName"],
    );
  const setPassword = (password: string) =>
    form.update(
      ({ startTask }) => {
        const c = startTask.containerSettings;
        if (!c?.registry || c.registry.auth.kind !== "password") return { startTask };
        const auth = { ...c.registry.auth, password };
        return {
          startTask: { ...startTask, containerSettings: { ...c, registry: { ...c.registry, auth } } },
        };
      },
      ["startTask", "containerSettings", "registry", "auth", "password"],
    );

  const fieldProps = (path: string) => fieldState(shown, path);
  const fixButton = (path: string) => {
    const fix = at(path)?.fix;
    if (!fix) return null;
    return (
      <Button size="small" className={styles.fix} onClick={() => form.applyFix(fix)}>
        {fix.label}
      </Button>
    );
  };

  const save = useSetPoolStartTask(account, pool.id);
  const rebootNodes = useRebootNodes(account, pool.id);
  const reboot = (nodeIds: string[]) =>
    rebootNodes.mutate(nodeIds, {
      onSuccess: ({ requested, failed }) => {
        if (requested > 0)
          notify.success(
            `Rebooting ${requested} node${requested === 1 ? "" : "s"}`,
            "They run the new start task when they come back.",
          );
        if (failed.length > 0)
          notify.error(`${failed.length} reboot${failed.length === 1 ? "" : "s"} failed`, failed[0]);
        onClose();
      },
    });

  const submit = () =>
    form.submit((body) =>
      save.mutate(body, {
        onSuccess: () => {
          notify.success(
            "Start task saved",
            `${pool.id}: nodes run it when they join, reboot or are reimaged`,
          );
          if (failedNodeIds.length > 0) setToReboot([...failedNodeIds]);
          else onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error("Saving the start task failed", e);
        },
      }),
    );

  if (toReboot)
    return (
      <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Start task saved</DialogTitle>
            <DialogContent>
              <Body1>
                {toReboot.length} node{toReboot.length === 1 ? "" : "s"} failed the old start task and stay
                {toReboot.length === 1 ? "s" : ""} unusable until rebooted. A reboot runs the new start task;
                tasks on other nodes are not affected.
              </Body1>
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>Not now</Button>
              <Button appearance="primary" disabled={rebootNodes.isPending} onClick={() => reboot(toReboot)}>
                {rebootNodes.isPending
                  ? "Rebooting…"
                  : `Reboot ${toReboot.length} failed node${toReboot.length === 1 ? "" : "s"}`}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    );

  const t = pool.startTask;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {t || pool.startTaskCommandLine !== undefined
              ? `Edit the start task of ${pool.id}`
              : `Add a start task to ${pool.id}`}
          </DialogTitle>
          <DialogContent className={styles.form}>
            <Body1>
              Saving changes this pool&apos;s start task in place. Nodes run it when they join the pool,
              reboot or are reimaged; nodes running now keep the old one until then. Removing a start task is
              not offered here.
            </Body1>
            {t?.userName && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  The start task runs as the user account &quot;{t.userName}&quot;. Saving here runs it as the
                  pool&apos;s auto-user
                  {task.elevated ? " with administrator rights" : ""} instead.
                </MessageBarBody>
              </MessageBar>
            )}
            {t !== undefined && t.resourceFileCount > 0 && (
              <Body1>
                Its {t.resourceFileCount} resource file{t.resourceFileCount === 1 ? "" : "s"} cannot be edited
                here and {t.resourceFileCount === 1 ? "is" : "are"} kept as{" "}
                {t.resourceFileCount === 1 ? "it is" : "they are"}.
              </Body1>
            )}
            <StartTaskFields
              value={task}
              onChange={edit}
              field={(name, props, control) => (
                <>
                  <Field {...props} {...fieldProps(`startTask.${name}`)}>
                    {control}
                  </Field>
                  {fixButton(`startTask.${name}`)}
                </>
              )}
              headingLevel="h3"
            />
            {(pool.isContainerPool || task.containerSettings) && (
              <>
                <Field
                  label="Container image (empty: run on the node)"
                  {...fieldProps("startTask.containerSettings.imageName")}
                  {...fieldProps("startTask.containerSettings")}
                >
                  <Input
                    value={task.containerSettings?.imageName ?? ""}
                    onChange={(_, d) => setImage(d.value)}
                  />
                </Field>
                {fixButton("startTask.containerSettings")}
              </>
            )}
            {registry?.auth.kind === "password" && (
              <Field
                label={`Password for ${registry.auth.username}@${registry.server} (Batch never returns it: enter it again)`}
                required
                {...fieldProps(PASSWORD)}
              >
                <Input
                  type="password"
                  value={registry.auth.password}
                  onChange={(_, d) => setPassword(d.value)}
                />
              </Field>
            )}
            {others.length > 0 && (
              <MessageBar
                intent={others.some((i) => i.level === "error") ? "error" : "warning"}
                layout="multiline"
              >
                <MessageBarBody>
                  <ul>
                    {others.map((i) => (
                      <li key={`${key(i.path)} ${i.code}`}>
                        {key(i.path).replace(/^startTask\./, "")}: {i.message}
                      </li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              appearance="primary"
              disabled={save.isPending || shown.some((i) => i.level === "error")}
              onClick={submit}
            >
              {save.isPending ? "Saving…" : "Save start task"}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
