import { Subtitle2, Switch, Textarea, type FieldProps } from "@fluentui/react-components";
import type { ReactElement, ReactNode } from "react";
import { EnvVarsEditor, type EnvVar } from "../components/EnvVarsEditor";

/** The start task settings a new pool (the wizard) and an existing one (the pool page's dialog) share. */
export interface StartTaskBasics {
  commandLine: string;
  elevated?: boolean;
  waitForSuccess?: boolean;
  env?: EnvVar[];
}

const BASICS: readonly (keyof StartTaskBasics)[] = ["commandLine", "elevated", "waitForSuccess", "env"];

/** The field a change from these controls edits (each control changes one), to mark it touched. */
export const changedField = (patch: Partial<StartTaskBasics>): keyof StartTaskBasics | undefined =>
  BASICS.find((name) => name in patch);

/** Which field of the start task a control edits: the tail of its spec path under `startTask`. */
export type StartTaskField = "commandLine" | "elevated" | "waitForSuccess";

/**
 * Command line, elevation, wait for success and environment variables, with the same controls and
 * words wherever a start task is edited. `field` wraps each control in its Fluent Field with the
 * issues at that path: the wizard's IssueField, or the dialog's own (which shows the BFF's too).
 */
export function StartTaskFields({
  value,
  onChange,
  field,
  headingLevel,
  children,
}: {
  value: StartTaskBasics;
  onChange(patch: Partial<StartTaskBasics>): void;
  field(
    name: StartTaskField,
    props: Pick<FieldProps, "label" | "required" | "hint">,
    control: ReactElement,
  ): ReactElement;
  /** The environment variables heading, one level under the surrounding one. */
  headingLevel: "h2" | "h3";
  /** Settings of the caller's own, shown before the environment variables. */
  children?: ReactNode;
}) {
  return (
    <>
      {field(
        "commandLine",
        {
          label: "Command line",
          required: true,
          hint: "Not run through a shell: use /bin/sh -c '…' for pipes and variables.",
        },
        <Textarea
          value={value.commandLine}
          onChange={(_, d) => onChange({ commandLine: d.value })}
          resize="vertical"
        />,
      )}
      {field(
        "elevated",
        {},
        <Switch
          label="Run elevated (administrator)"
          checked={!!value.elevated}
          onChange={(_, d) => onChange({ elevated: d.checked })}
        />,
      )}
      {field(
        "waitForSuccess",
        {},
        <Switch
          label="Wait for success before the node takes tasks"
          checked={value.waitForSuccess ?? true}
          onChange={(_, d) => onChange({ waitForSuccess: d.checked })}
        />,
      )}
      {children}
      <Subtitle2 as={headingLevel}>Environment variables</Subtitle2>
      <EnvVarsEditor
        label="Start task environment variables"
        value={value.env ?? []}
        onChange={(env) => onChange({ env })}
      />
    </>
  );
}
