import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { TaskSummary } from "@batch-studio/shared";
import { bothAllow, type RouteGate } from "../api/permissions";
import { ActionButtons, type Availability } from "../components/ActionButtons";
import { TASK_ACTIONS, taskActionAvailability, type TaskAction } from "../tasks/taskActions";
import type { TaskFilter } from "../api/keys";
import type { BulkTarget } from "./BulkTaskDialog";
import { ArrowClockwiseRegular, DeleteRegular, DismissCircleRegular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorBrandBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const ICONS = {
  reactivate: <ArrowClockwiseRegular />,
  terminate: <DismissCircleRegular />,
  delete: <DeleteRegular />,
};

/** For ticked rows: an action none of them allows is unavailable, with the task's own reason when there is one task. */
const selectionAvailability = (action: TaskAction, tasks: TaskSummary[], jobState?: string): Availability => {
  const each = tasks.map((t) => taskActionAvailability(action, t, jobState));
  if (each.some((a) => a.ok)) return { ok: true };
  const only = each[0];
  if (each.length === 1 && only && !only.ok) return only;
  return { ok: false, reason: `Batch would refuse it for every selected task.` };
};

/** What is selected in the task list, and the actions that apply to all of it. */
export function TaskSelectionBar(props: {
  selected: TaskSummary[];
  allMatching: boolean;
  /** Tasks not loaded yet match the filter too (the list pages as it scrolls). */
  moreMatch: boolean;
  filter: TaskFilter;
  jobState?: string;
  onSelectAllMatching(): void;
  onClear(): void;
  onAction(action: TaskAction, target: BulkTarget): void;
  gate: RouteGate;
}) {
  const styles = useStyles();
  const actions = (["reactivate", "terminate", "delete"] as const).map((action) => ({
    action,
    label: action === "reactivate" ? "Rerun" : TASK_ACTIONS[action].verb,
    icon: ICONS[action],
    // Tasks beyond the loaded rows are judged when they are fetched; the run skips those Batch would refuse.
    availability: bothAllow(
      props.gate(TASK_ACTIONS[action].route),
      props.allMatching ? { ok: true } : selectionAvailability(action, props.selected, props.jobState),
    ),
  }));
  const target = (): BulkTarget =>
    props.allMatching
      ? { kind: "matching", filter: props.filter }
      : { kind: "selected", tasks: props.selected };
  const matchWord = Object.keys(props.filter).length > 0 ? "that match the filter" : "of the job";
  return (
    <div className={styles.bar} role="region" aria-label="Selected tasks">
      <Caption1>
        {props.allMatching ? `All tasks ${matchWord} are selected.` : `${props.selected.length} selected.`}
      </Caption1>
      {!props.allMatching && props.moreMatch && (
        <Button size="small" appearance="transparent" onClick={props.onSelectAllMatching}>
          Select all tasks {matchWord}
        </Button>
      )}
      <Button size="small" appearance="transparent" onClick={props.onClear}>
        Clear selection
      </Button>
      <ActionButtons idPrefix="selection" actions={actions} onAction={(a) => props.onAction(a, target())} />
    </div>
  );
}
