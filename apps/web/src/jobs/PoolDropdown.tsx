import { Dropdown, Option } from "@fluentui/react-components";
import { usePools } from "../api/hooks";

/** The account's pools to run a job on (the new-job, schedule and edit-job forms). */
export function PoolDropdown({ account, value, onPick, disabled }: { account: string; value: string | undefined; onPick(poolId: string): void; disabled?: boolean }) {
  const pools = usePools(account);
  return (
    <Dropdown
      placeholder="Choose a pool"
      disabled={disabled}
      value={value ?? ""}
      selectedOptions={value ? [value] : []}
      onOptionSelect={(_, d) => onPick(d.optionValue ?? "")}
    >
      {(pools.data?.items ?? []).map((p) => (
        <Option key={p.id} value={p.id}>
          {p.id}
        </Option>
      ))}
    </Dropdown>
  );
}
