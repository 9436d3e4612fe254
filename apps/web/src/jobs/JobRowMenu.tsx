import { bothAllow, type RouteGate } from "../api/permissions";
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from "@fluentui/react-components";
import { MoreHorizontalRegular } from "@fluentui/react-icons";
import { JOB_ACTIONS, jobActionAvailability, type JobAction } from "./jobActions";

const ORDER: JobAction[] = ["disable", "enable", "terminate", "delete"];

/** A job row's actions; those the job's state rules out are disabled, their reason as the item's description. */
export function JobRowMenu({
  job,
  state,
  gate,
  onAction,
}: {
  job: string;
  state: string;
  gate: RouteGate;
  onAction(a: JobAction): void;
}) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          size="small"
          appearance="subtle"
          icon={<MoreHorizontalRegular />}
          aria-label={`Actions for job ${job}`}
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {ORDER.map((action) => {
            const availability = bothAllow(gate(JOB_ACTIONS[action].route), jobActionAvailability(action, state));
            return (
              <MenuItem
                key={action}
                disabled={!availability.ok}
                secondaryContent={availability.ok ? undefined : availability.reason}
                onClick={() => onAction(action)}
              >
                {JOB_ACTIONS[action].verb}
              </MenuItem>
            );
          })}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
