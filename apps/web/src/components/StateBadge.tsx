import { Badge, type BadgeProps } from "@fluentui/react-components";

type Color = NonNullable<BadgeProps["color"]>;

/** Batch states (pool, allocation, node, job, task) mapped to a badge colour by what they mean. */
const COLORS: Record<string, Color> = {
  active: "success",
  steady: "success",
  idle: "success",
  succeeded: "success",
  completed: "informative",
  running: "brand",
  resizing: "brand",
  starting: "warning",
  waitingforstarttask: "warning",
  preparing: "warning",
  creating: "warning",
  rebooting: "warning",
  reimaging: "warning",
  stopping: "warning",
  leavingpool: "warning",
  deleting: "subtle",
  offline: "subtle",
  disabled: "subtle",
  terminating: "warning",
  starttaskfailed: "danger",
  unusable: "danger",
  unknown: "danger",
  failed: "danger",
  failure: "danger",
  preempted: "severe",
};

export function StateBadge({ state }: { state: string }) {
  return (
    <Badge appearance="tint" color={COLORS[state.toLowerCase()] ?? "informative"}>
      {state}
    </Badge>
  );
}
