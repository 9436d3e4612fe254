import { Caption1, Combobox, Dropdown, Input, Option, SpinButton, Subtitle2, Switch } from "@fluentui/react-components";
import { ApplicationPackagesEditor } from "../components/ApplicationPackagesEditor";
import { IssueField } from "./IssueField";
import { leftoverIssues } from "./leftover";
import { changedField, StartTaskFields } from "./StartTaskFields";
import { StepIssues } from "./StepIssues";
import { useStepStyles } from "./BasicsStep";
import { useWizard } from "./WizardContext";

const ST = "startTask";

export function StartTaskStep() {
  const styles = useStepStyles();
  const { account, spec, set, update, issues } = useWizard();
  const st = spec.startTask;
  const prefetch = (spec.container?.prefetchImages ?? []).filter((i) => i.trim() !== "");
  return (
    <div className={styles.form}>
      <Switch
        label="Run a start task on every node as it joins the pool"
        checked={!!st}
        onChange={(_, d) => set([ST], d.checked ? { commandLine: "", elevated: false, waitForSuccess: true, maxRetries: 0, env: [] } : undefined)}
      />
      {!st && <Caption1>No start task: nodes are ready for tasks as soon as they boot and have pulled the prefetched images.</Caption1>}
      {st && (
        <>
          <StartTaskFields
            value={st}
            onChange={(patch) => {
              const name = changedField(patch);
              update((s) => ({ ...s, startTask: { ...st, ...patch } }), name && [ST, name]);
            }}
            field={(name, props, control) => (
              <IssueField path={[ST, name]} {...props}>
                {control}
              </IssueField>
            )}
            headingLevel="h2"
          >
            <IssueField path={[ST, "maxRetries"]} label="Retries" hint="-1 retries forever.">
              <SpinButton min={-1} max={100} value={Number(st.maxRetries ?? 0)} onChange={(_, d) => set([ST, "maxRetries"], Number(d.value ?? d.displayValue) || 0)} />
            </IssueField>
          </StartTaskFields>
          <Switch
            label="Run the start task in a container"
            checked={!!st.containerSettings}
            onChange={(_, d) => set([ST, "containerSettings"], d.checked ? { imageName: prefetch[0] ?? "", runOptions: "", workingDirectory: "taskWorkingDirectory" } : undefined)}
          />
          {st.containerSettings && (
            <>
              <IssueField path={[ST, "containerSettings", "imageName"]} label="Image" hint="Suggestions come from the prefetched images.">
                <Combobox
                  freeform
                  value={st.containerSettings.imageName}
                  selectedOptions={[st.containerSettings.imageName]}
                  onOptionSelect={(_, d) => d.optionValue && set([ST, "containerSettings", "imageName"], d.optionValue)}
                  onChange={(e) => set([ST, "containerSettings", "imageName"], e.target.value)}
                >
                  {prefetch.map((p) => (
                    <Option key={p}>{p}</Option>
                  ))}
                </Combobox>
              </IssueField>
              <IssueField path={[ST, "containerSettings", "runOptions"]} label="Container run options" hint="Extra docker create arguments, e.g. --rm.">
                <Input value={st.containerSettings.runOptions ?? ""} onChange={(_, d) => set([ST, "containerSettings", "runOptions"], d.value)} />
              </IssueField>
              <IssueField path={[ST, "containerSettings", "workingDirectory"]} label="Working directory">
                <Dropdown
                  value={st.containerSettings.workingDirectory === "containerImageDefault" ? "The image's WORKDIR" : "The task's working directory"}
                  selectedOptions={[st.containerSettings.workingDirectory ?? "taskWorkingDirectory"]}
                  onOptionSelect={(_, d) =>
                    set([ST, "containerSettings", "workingDirectory"], d.optionValue === "containerImageDefault" ? "containerImageDefault" : "taskWorkingDirectory")
                  }
                >
                  <Option value="taskWorkingDirectory">The task's working directory</Option>
                  <Option value="containerImageDefault">The image's WORKDIR</Option>
                </Dropdown>
              </IssueField>
            </>
          )}
        </>
      )}
      <Subtitle2 as="h2">Application packages</Subtitle2>
      <Caption1>Installed on every node as it joins the pool, before the start task runs; every task on the pool can use them.</Caption1>
      <ApplicationPackagesEditor
        account={account}
        value={spec.applicationPackages ?? []}
        issues={issues}
        onChange={(applicationPackages, touched) =>
          update(
            (s) => ({ ...s, applicationPackages: applicationPackages.length > 0 ? applicationPackages : undefined }),
            touched && ["applicationPackages", touched.row, touched.field],
          )
        }
      />
      <StepIssues
        issues={leftoverIssues(issues, "startTask", [
          [ST, "commandLine"],
          [ST, "elevated"],
          [ST, "waitForSuccess"],
          [ST, "maxRetries"],
          [ST, "containerSettings", "imageName"],
          [ST, "containerSettings", "runOptions"],
          [ST, "containerSettings", "workingDirectory"],
          ["applicationPackages", "*", "applicationId"],
          ["applicationPackages", "*", "version"],
        ])}
        showPath
      />
    </div>
  );
}
