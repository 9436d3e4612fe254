import { Field, Input, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import type { DisableJobTasks } from "@batch-studio/shared";
import { useState } from "react";
import { useDeleteJob, useDisableJob, useEnableJob, useTerminateJob } from "../api/jobWrites";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { useNotify } from "../components/notify";
import { DISABLE_OPTIONS, JOB_ACTIONS, type JobAction } from "./jobActions";

const useStyles = makeStyles({
  option: { color: tokens.colorNeutralForeground3, marginLeft: "32px", marginTop: 0 },
});

/** Confirms one action on a job, says what Batch will do (for disable: to the running tasks, as chosen), and runs it. */
export function JobActionDialog(props: {
  account: string;
  job: string;
  action: JobAction;
  onClose(): void;
  onDone?(action: JobAction): void;
}) {
  const styles = useStyles();
  const notify = useNotify();
  const [reason, setReason] = useState("");
  const [disableTasks, setDisableTasks] = useState<DisableJobTasks>();
  const terminate = useTerminateJob(props.account, props.job);
  const remove = useDeleteJob(props.account, props.job);
  const disable = useDisableJob(props.account, props.job);
  const enable = useEnableJob(props.account, props.job);
  const a = JOB_ACTIONS[props.action];
  const callbacks = {
    onSuccess: () => {
      notify.success(a.done, props.job);
      props.onClose();
      props.onDone?.(props.action);
    },
    onError: (e: unknown) => notify.error(`${a.verb} failed`, e),
  };
  const confirm = () => {
    if (props.action === "terminate") terminate.mutate(reason.trim() || undefined, callbacks);
    else if (props.action === "delete") remove.mutate(undefined, callbacks);
    else if (props.action === "enable") enable.mutate(undefined, callbacks);
    else if (disableTasks) disable.mutate({ disableTasks }, callbacks);
  };
  return (
    <ConfirmDialog
      title={`${a.verb} job ${props.job}?`}
      confirmLabel={`${a.verb} job`}
      pending={terminate.isPending || remove.isPending || disable.isPending || enable.isPending}
      disabled={props.action === "disable" && !disableTasks}
      onConfirm={confirm}
      onClose={props.onClose}
    >
      <p>{a.what}</p>
      {props.action === "terminate" && (
        <Field label="Reason (optional)" hint="Shown as the job's terminate reason.">
          <Input value={reason} maxLength={200} onChange={(_, d) => setReason(d.value)} />
        </Field>
      )}
      {props.action === "disable" && (
        <Field label="Running tasks" required>
          <RadioGroup
            value={disableTasks ?? ""}
            onChange={(_, d) => setDisableTasks(DISABLE_OPTIONS.find((o) => o.value === d.value)?.value)}
          >
            {DISABLE_OPTIONS.map((o) => (
              <div key={o.value}>
                <Radio value={o.value} label={o.label} aria-describedby={`disable-${o.value}`} />
                <p id={`disable-${o.value}`} className={styles.option}>
                  {o.what}
                </p>
              </div>
            ))}
          </RadioGroup>
        </Field>
      )}
    </ConfirmDialog>
  );
}
