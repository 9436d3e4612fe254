import { Combobox, Field, Option, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { ValidationIssue } from "@batch-studio/shared";
import { fieldState } from "../components/fieldState";

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The part of a job manager, preparation or release task these fields edit. */
export interface JobTaskCommand {
  commandLine?: string;
  containerSettings?: { imageName: string };
}

/**
 * Image and command line of one of the job's own tasks, the same for all three. An empty image
 * runs the command on the node itself: Batch allows that for preparation and release tasks on a
 * container pool (its start, preparation and release tasks may run on the host), not for the
 * job manager, which the shared rules then flag at the image.
 */
export function JobTaskFields({
  label,
  at,
  value,
  issues,
  imageHint,
  prefetch,
  onChange,
}: {
  /** "Job manager", "Preparation", "Release": the start of every field's label. */
  label: string;
  at: string;
  value: JobTaskCommand;
  issues: ValidationIssue[];
  imageHint: string;
  prefetch: readonly string[];
  onChange(patch: JobTaskCommand, field: "commandLine" | "containerSettings"): void;
}) {
  const styles = useStyles();
  const image = value.containerSettings?.imageName ?? "";
  const setImage = (imageName: string) => onChange({ containerSettings: imageName ? { imageName } : undefined }, "containerSettings");
  return (
    <>
      <Field label={`${label} container image`} hint={imageHint} {...fieldState(issues, `${at}.containerSettings`)}>
        <Combobox
          freeform
          value={image}
          selectedOptions={image ? [image] : []}
          onOptionSelect={(_, d) => d.optionValue && setImage(d.optionValue)}
          onChange={(e) => setImage(e.target.value)}
        >
          {prefetch.map((p) => (
            <Option key={p}>{p}</Option>
          ))}
        </Combobox>
      </Field>
      <Field label={`${label} command line`} required hint="Not run through a shell: use /bin/sh -c '…' for pipes and variables." {...fieldState(issues, `${at}.commandLine`)}>
        <Textarea className={styles.mono} value={value.commandLine ?? ""} onChange={(_, d) => onChange({ commandLine: d.value }, "commandLine")} resize="vertical" />
      </Field>
    </>
  );
}
