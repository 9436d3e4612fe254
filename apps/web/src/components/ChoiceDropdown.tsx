import { Dropdown, Option, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  // Fluent's Dropdown keeps a 250px minimum, wider than a column of a form's row.
  fill: { minWidth: 0, width: "100%" },
});

/** A dropdown over a fixed set of values, each with its words: picks only one of them. */
export function ChoiceDropdown<K extends string>({ choices, value, onPick }: { choices: Readonly<Record<K, string>>; value: K; onPick(next: K): void }) {
  const styles = useStyles();
  const keys = Object.keys(choices).filter((k): k is K => k in choices);
  return (
    <Dropdown
      className={styles.fill}
      value={choices[value]}
      selectedOptions={[value]}
      onOptionSelect={(_, d) => {
        const picked = keys.find((k) => k === d.optionValue);
        if (picked !== undefined) onPick(picked);
      }}
    >
      {keys.map((k) => (
        <Option key={k} value={k}>
          {choices[k]}
        </Option>
      ))}
    </Dropdown>
  );
}
