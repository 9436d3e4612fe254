import { DeleteRegular, DismissCircleRegular, PauseRegular, PlayRegular } from "@fluentui/react-icons";
import { bothAllow, type RouteGate } from "../api/permissions";
import { ActionButtons } from "../components/ActionButtons";
import { JOB_ACTIONS, jobActionAvailability, type JobAction } from "./jobActions";

const ICONS = {
  disable: <PauseRegular />,
  enable: <PlayRegular />,
  terminate: <DismissCircleRegular />,
  delete: <DeleteRegular />,
};

/** The job's actions: disable or enable (whichever its state allows), terminate, delete. */
export function JobActionButtons({ state, gate, onAction }: { state: string; gate: RouteGate; onAction(a: JobAction): void }) {
  const toggle: JobAction = jobActionAvailability("enable", state).ok ? "enable" : "disable";
  const actions = ([toggle, "terminate", "delete"] as const).map((action) => ({
    action,
    label: JOB_ACTIONS[action].verb,
    icon: ICONS[action],
    availability: bothAllow(gate(JOB_ACTIONS[action].route), jobActionAvailability(action, state)),
  }));
  return <ActionButtons idPrefix="job" actions={actions} onAction={onAction} />;
}
