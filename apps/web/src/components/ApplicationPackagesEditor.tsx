import { Button, Caption1, Dropdown, Field, Option, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import { sameBatchId, type ApplicationInfo, type ApplicationPackageReferenceSpec, type ValidationIssue } from "@batch-studio/shared";
import { useApplications } from "../api/applications";
import { fieldState } from "./fieldState";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr) auto",
    gap: tokens.spacingHorizontalS,
    alignItems: "start",
  },
  remove: { marginBlockStart: "22px" },
});

/** Which part of a row changed, so only that field counts as touched. */
export type ApplicationPackageField = "applicationId" | "version";

/** The version dropdown's value for "no version": Batch then installs the application's default. */
const DEFAULT = "";

const defaultLabel = (app: ApplicationInfo | undefined) =>
  typeof app?.defaultVersion === "string" ? `Default (${app.defaultVersion})` : "Default";

/**
 * A reference to another application: its default when it has one (or may have: ARM did not say),
 * else its first activated version, so a fresh choice is one Batch accepts.
 */
const referenceTo = (app: ApplicationInfo): ApplicationPackageReferenceSpec => {
  const first = app.versions[0];
  return app.defaultVersion === null && first !== undefined ? { applicationId: app.id, version: first } : { applicationId: app.id };
};

const withVersion = ({ applicationId }: ApplicationPackageReferenceSpec, version: string): ApplicationPackageReferenceSpec =>
  version === DEFAULT ? { applicationId } : { applicationId, version };

/** The dotted paths the editor shows issues at, for a form's list of the rest. */
export const applicationPackagePaths = (at: readonly string[], refs: readonly unknown[] | undefined): string[] =>
  (refs ?? []).flatMap((_, i) => ["applicationId", "version"].map((f) => [...at, "applicationPackages", i, f].join(".")));

/**
 * Application packages a task or pool installs on its nodes: one row per package, the application
 * from the account's list, the version from that application's activated ones ("Default" when it
 * has a default version). Issues show at the row's fields (`at` is the list's path in the spec).
 */
export function ApplicationPackagesEditor({
  account,
  value,
  issues,
  at = ["applicationPackages"],
  onChange,
}: {
  account: string;
  value: ApplicationPackageReferenceSpec[];
  issues: ValidationIssue[];
  at?: (string | number)[];
  /** `touched` names the field the operator changed; adding or removing a row touches none. */
  onChange(next: ApplicationPackageReferenceSpec[], touched?: { row: number; field: ApplicationPackageField }): void;
}) {
  const styles = useStyles();
  const applications = useApplications(account);
  const apps = applications.data?.items ?? [];
  const appOf = (id: string) => apps.find((a) => sameBatchId(a.id, id));
  const setRow = (i: number, field: ApplicationPackageField, row: ApplicationPackageReferenceSpec) =>
    onChange(value.map((r, k) => (k === i ? row : r)), { row: i, field });
  const path = (i: number, field: ApplicationPackageField) => [...at, i, field].join(".");

  return (
    <div className={styles.list} role="group" aria-label="Application packages">
      {applications.isSuccess && apps.length === 0 && (
        <Caption1>The account has no applications yet. Add one and upload its package in the Batch account&apos;s Applications.</Caption1>
      )}
      {value.map((row, i) => {
        const n = i + 1;
        const app = appOf(row.applicationId);
        // A version the list no longer has (or an application it lacks) still shows what the spec says.
        const versions = app?.versions ?? [];
        const offersDefault = app?.defaultVersion !== null;
        return (
          <div key={i} className={styles.row}>
            <Field label={`Package ${n} application`} {...fieldState(issues, path(i, "applicationId"))}>
              <Dropdown
                placeholder={applications.isPending ? "Loading applications…" : "Choose an application"}
                value={row.applicationId}
                selectedOptions={row.applicationId ? [row.applicationId] : []}
                onOptionSelect={(_, e) => {
                  const chosen = e.optionValue === undefined ? undefined : appOf(e.optionValue);
                  if (chosen) setRow(i, "applicationId", referenceTo(chosen));
                }}
              >
                {apps.map((a) => (
                  <Option key={a.id} value={a.id} text={a.id}>
                    {a.displayName ? `${a.id} (${a.displayName})` : a.id}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label={`Package ${n} version`} {...fieldState(issues, path(i, "version"))}>
              <Dropdown
                disabled={!row.applicationId}
                placeholder="Choose a version"
                value={row.version ?? (offersDefault ? defaultLabel(app) : "")}
                selectedOptions={[row.version ?? DEFAULT]}
                onOptionSelect={(_, e) => e.optionValue !== undefined && setRow(i, "version", withVersion(row, e.optionValue))}
              >
                {offersDefault && (
                  <Option value={DEFAULT} text={defaultLabel(app)}>
                    {defaultLabel(app)}
                  </Option>
                )}
                {versions.map((v) => (
                  <Option key={v} value={v}>
                    {v}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Button className={styles.remove} appearance="subtle" icon={<DeleteRegular />} onClick={() => onChange(value.filter((_, k) => k !== i))}>
              Remove package {n}
            </Button>
          </div>
        );
      })}
      <div>
        <Button
          icon={<AddRegular />}
          disabled={applications.isSuccess && apps.length === 0}
          onClick={() => onChange([...value, { applicationId: "" }])}
        >
          Add application package
        </Button>
      </div>
    </div>
  );
}
