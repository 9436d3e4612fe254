import { useTaskAction } from "../api/jobWrites";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { useNotify } from "../components/notify";
import { TASK_ACTIONS, type TaskAction } from "./taskActions";

const ROUTE = { terminate: "terminateTask", delete: "deleteTask", reactivate: "reactivateTask" } as const;

/** Confirms one action on one task, says what Batch will do, and runs it through its route. */
export function TaskActionDialog(props: {
  account: string;
  job: string;
  task: string;
  action: TaskAction;
  onClose(): void;
  onDone?(action: TaskAction): void;
}) {
  const notify = useNotify();
  const run = useTaskAction(props.account, props.job, ROUTE[props.action]);
  const a = TASK_ACTIONS[props.action];
  const confirm = () =>
    run.mutate(props.task, {
      onSuccess: () => {
        notify.success(`Task ${a.done}`, props.task);
        props.onClose();
        props.onDone?.(props.action);
      },
      onError: (e) => notify.error(`${a.verb} failed`, e),
    });
  return (
    <ConfirmDialog
      title={`${a.verb} task ${props.task}?`}
      confirmLabel={`${a.verb} task`}
      pending={run.isPending}
      onConfirm={confirm}
      onClose={props.onClose}
    >
      <p>{a.what}</p>
    </ConfirmDialog>
  );
}
