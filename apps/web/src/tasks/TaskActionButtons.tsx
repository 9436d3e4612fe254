import { ArrowClockwiseRegular, DeleteRegular, DismissCircleRegular } from "@fluentui/react-icons";
import type { TaskSummary } from "@batch-studio/shared";
import { bothAllow, type RouteGate } from "../api/permissions";
import { ActionButtons } from "../components/ActionButtons";
import { TASK_ACTIONS, taskActionAvailability, type TaskAction } from "./taskActions";

const ICONS = {
  reactivate: <ArrowClockwiseRegular />,
  terminate: <DismissCircleRegular />,
  delete: <DeleteRegular />,
};

/** The task page's actions: reactivate, terminate, delete, each unavailable with its reason when Batch would refuse it. */
export function TaskActionButtons({
  task,
  jobState,
  gate,
  onAction,
}: {
  task: TaskSummary;
  jobState?: string;
  gate: RouteGate;
  onAction(a: TaskAction): void;
}) {
  const actions = (["reactivate", "terminate", "delete"] as const).map((action) => ({
    action,
    label: TASK_ACTIONS[action].verb,
    icon: ICONS[action],
    availability: bothAllow(gate(TASK_ACTIONS[action].route), taskActionAvailability(action, task, jobState)),
  }));
  return <ActionButtons idPrefix="task" actions={actions} onAction={onAction} />;
}
