import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  ProgressBar,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { TaskSummary } from "@batch-studio/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useApi } from "../auth/AuthContext";
import { errorMessage } from "../auth/apiError";
import { callRoute } from "../api/callRoute";
import { jobKeys, type TaskFilter } from "../api/keys";
import { TASK_ACTIONS, isFailedTask, taskActionAvailability, type TaskAction } from "../tasks/taskActions";
import { collectTasks, inBulkRun, runBulk, BULK_CONCURRENCY, type BulkProgress } from "./bulk";

const useStyles = makeStyles({
  failures: { maxHeight: "200px", overflowY: "auto", margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Which tasks: rows the operator ticked, every task matching the list's filter, or the job's failed tasks. */
export type BulkTarget =
  { kind: "selected"; tasks: TaskSummary[] } | { kind: "matching"; filter: TaskFilter } | { kind: "failed" };

const ROUTE = { terminate: "terminateTask", delete: "deleteTask", reactivate: "reactivateTask" } as const;

type Phase =
  | { step: "confirm" }
  | { step: "finding" }
  | { step: "running"; progress: BulkProgress; skipped: number }
  | { step: "finished"; progress: BulkProgress; skipped: number }
  | { step: "error"; message: string };

const subject = (action: TaskAction, target: BulkTarget) => {
  const verb = action === "reactivate" && target.kind === "failed" ? "Rerun" : TASK_ACTIONS[action].verb;
  if (target.kind === "selected")
    return `${verb} ${target.tasks.length} selected task${target.tasks.length === 1 ? "" : "s"}?`;
  if (target.kind === "failed") return `${verb} the job's failed tasks?`;
  return `${verb} every task that matches the filter?`;
};

/**
 * One action on many tasks: confirm, find the tasks (for a filter, every page of it), then call
 * the action's route for each, BULK_CONCURRENCY at a time, with n of N, a cancel button and every
 * task's error listed. Tasks Batch would refuse the action for are skipped and counted.
 */
export function BulkTaskDialog(props: {
  account: string;
  job: string;
  jobState?: string;
  action: TaskAction;
  target: BulkTarget;
  onClose(): void;
}) {
  const styles = useStyles();
  const api = useApi();
  const client = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: "confirm" });
  const abort = useRef<AbortController>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const { account, job, action, target } = props;

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: "finding" });
    try {
      const candidates =
        target.kind === "selected"
          ? target.tasks
          : target.kind === "failed"
            ? (await collectTasks(api, account, job, { state: "completed" }, controller.signal)).filter(
                isFailedTask,
              )
            : await collectTasks(api, account, job, target.filter, controller.signal);
      const ids = candidates
        .filter((t) => taskActionAvailability(action, t, props.jobState).ok)
        .map((t) => t.id);
      const skipped = candidates.length - ids.length;
      const progress = await runBulk(ids, (task, run) => callRoute(inBulkRun(api, run), ROUTE[action], { account, job, task }), {
        signal: controller.signal,
        onProgress: (p) => setPhase({ step: "running", progress: p, skipped }),
      });
      setPhase({ step: "finished", progress, skipped });
    } catch (e) {
      setPhase(
        controller.signal.aborted
          ? { step: "finished", progress: { total: 0, done: 0, failures: [], cancelled: true }, skipped: 0 }
          : { step: "error", message: errorMessage(e) },
      );
    } finally {
      await client.invalidateQueries({ queryKey: jobKeys.detail(account, job) });
    }
  };

  const running = phase.step === "finding" || phase.step === "running";
  const a = TASK_ACTIONS[action];
  return (
    <Dialog
      open
      modalType={running ? "alert" : "modal"}
      onOpenChange={(_, d) => !d.open && !running && props.onClose()}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{subject(action, target)}</DialogTitle>
          <DialogContent>
            {phase.step === "confirm" && (
              <>
                <p>{a.what}</p>
                <p>
                  {target.kind === "failed"
                    ? "Failed tasks are those that completed with failure information or a non-zero exit code."
                    : `Tasks for which Batch would refuse to ${action} are skipped.`}{" "}
                  The portal sends {BULK_CONCURRENCY} requests at a time; you can cancel between them.
                </p>
              </>
            )}
            {phase.step === "finding" && (
              <Spinner size="small" label="Finding the tasks…" labelPosition="after" />
            )}
            {(phase.step === "running" || phase.step === "finished") && (
              <>
                <Field
                  label={`${a.verb}: ${phase.progress.done} of ${phase.progress.total}`}
                  validationState={phase.progress.failures.length > 0 ? "error" : "none"}
                  validationMessage={
                    phase.progress.failures.length > 0
                      ? `${phase.progress.failures.length} failed`
                      : undefined
                  }
                >
                  <ProgressBar
                    value={phase.progress.total === 0 ? 1 : phase.progress.done / phase.progress.total}
                  />
                </Field>
                {phase.step === "finished" && (
                  <p role="status">
                    {phase.progress.cancelled
                      ? `Cancelled after ${phase.progress.done} of ${phase.progress.total}.`
                      : `${phase.progress.done - phase.progress.failures.length} ${a.done}.`}
                    {phase.skipped > 0 && ` ${phase.skipped} skipped: Batch would refuse it for them.`}
                  </p>
                )}
                {phase.progress.failures.length > 0 && (
                  <ul className={styles.failures} aria-label="Errors">
                    {phase.progress.failures.map((f) => (
                      <li key={f.id}>
                        <strong>{f.id}</strong>: {f.message}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
            {phase.step === "error" && <p role="alert">Could not list the tasks: {phase.message}</p>}
          </DialogContent>
          <DialogActions>
            {phase.step === "confirm" && (
              <>
                <Button onClick={props.onClose}>Cancel</Button>
                <Button appearance="primary" onClick={() => void start()}>
                  {action === "reactivate" && target.kind === "failed" ? "Rerun" : a.verb}
                </Button>
              </>
            )}
            {running && <Button onClick={() => abort.current?.abort()}>Cancel the rest</Button>}
            {(phase.step === "finished" || phase.step === "error") && (
              <Button appearance="primary" onClick={props.onClose}>
                Close
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
