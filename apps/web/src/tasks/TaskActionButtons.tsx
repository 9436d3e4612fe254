import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwiseRegular, DeleteRegular, DismissCircleRegular } from "@fluentui/react-icons";
import type { ReactElement } from "react";
import { TASK_ACTIONS, taskActionAvailability, type Availability, type TaskAction } from "./taskActions";
import type { TaskSummary } from "@batch-studio/shared";

const useStyles = makeStyles({
  reasons: { display: "flex", flexDirection: "column", flexBasis: "100%", color: tokens.colorNeutralForeground3 },
});

const ICONS: Record<TaskAction, ReactElement> = {
  terminate: <DismissCircleRegular />,
  delete: <DeleteRegular />,
  reactivate: <ArrowClockwiseRegular />,
};

export const TASK_ACTION_ORDER: TaskAction[] = ["reactivate", "terminate", "delete"];

/** Every action of one task, each with why it is unavailable when it is. */
export function taskActionStates(task: TaskSummary, jobState?: string): { action: TaskAction; availability: Availability }[] {
  return TASK_ACTION_ORDER.map((action) => ({ action, availability: taskActionAvailability(action, task, jobState) }));
}

/**
 * The task page's action buttons. An unavailable one stays focusable and is described by the
 * reason beneath, so keyboard and screen-reader users learn why too.
 */
export function TaskActionButtons({ task, jobState, onAction }: { task: TaskSummary; jobState?: string; onAction(a: TaskAction): void }) {
  const styles = useStyles();
  const states = taskActionStates(task, jobState);
  return (
    <>
      {states.map(({ action, availability }) => (
        <Button
          key={action}
          icon={ICONS[action]}
          disabledFocusable={!availability.ok}
          aria-describedby={availability.ok ? undefined : `why-${action}`}
          onClick={() => onAction(action)}
        >
          {TASK_ACTIONS[action].verb}
        </Button>
      ))}
      <div className={styles.reasons}>
        {states.map(({ action, availability }) =>
          availability.ok ? null : (
            <Caption1 key={action} id={`why-${action}`}>
              {TASK_ACTIONS[action].verb}: {availability.reason}
            </Caption1>
          ),
        )}
      </div>
    </>
  );
}
