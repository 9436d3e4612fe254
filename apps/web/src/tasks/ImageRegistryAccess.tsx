import { Button, Caption1, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { ImageInspection, ValidationIssue } from "@batch-studio/shared";
import type { KeyboardEvent } from "react";
import { fieldState } from "../components/fieldState";
import type { ImageConfig } from "./useImageConfig";

const useStyles = makeStyles({
  access: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1, minWidth: "240px" },
  // Lines the button up with the input: a vertical Field's label is one line plus XXS padding
  // above and below and an XXS margin (Fluent's useFieldStyles).
  read: { marginTop: `calc(${tokens.lineHeightBase300} + 3 * ${tokens.spacingVerticalXXS})` },
});

/** The login a task carries for a registry that is not one of its pool's. */
export interface TaskLogin {
  username: string;
  password: string;
}

const fmt = (v: string[] | null | undefined) => (v && v.length ? v.map((s) => (/\s/.test(s) ? JSON.stringify(s) : s)).join(" ") : "(none)");

function describe(inspection: ImageInspection): string {
  return inspection.status === "found"
    ? `ENTRYPOINT ${fmt(inspection.entrypoint)} · CMD ${fmt(inspection.cmd)} · WORKDIR ${inspection.workingDir || "(none)"}`
    : `Registry says: ${inspection.status}${inspection.message ? ` — ${inspection.message}` : ""}`;
}

const onEnter = (action: () => void) => (e: KeyboardEvent) => {
  if (e.key === "Enter") action();
};

/**
 * Under the image field: whose login the image is pulled with, what the registry says about the
 * image, and — when the registry refuses an anonymous read — the password that reads it.
 */
export function ImageRegistryAccess(props: {
  config: ImageConfig;
  taskLogin: TaskLogin | undefined;
  onTaskLogin: (login: TaskLogin | undefined) => void;
  issues: ValidationIssue[];
}) {
  const styles = useStyles();
  const { config, taskLogin, onTaskLogin, issues } = props;
  const { registry, inspection, reading } = config;
  const setTaskLogin = (patch: Partial<TaskLogin>) => {
    const next = { username: "", password: "", ...taskLogin, ...patch };
    // Both empty means "no login of its own": the task then sends no registry at all.
    onTaskLogin(next.username || next.password ? next : undefined);
  };
  const readTaskLogin = () => {
    if (registry?.kind === "taskOwn" && taskLogin?.username && taskLogin.password) config.read({ server: registry.server, ...taskLogin });
  };
  return (
    <div className={styles.access}>
      {registry?.kind === "poolPassword" && (
        <Caption1>
          Registry: {registry.server} as {registry.username}
        </Caption1>
      )}
      {registry?.kind === "poolIdentity" && <Caption1>Registry: {registry.server} with the pool&apos;s managed identity</Caption1>}
      <div aria-live="polite">
        {config.identityOnly && registry ? (
          <Caption1>
            The portal can&apos;t read images from {registry.server} with a managed identity, so their ENTRYPOINT and WORKDIR are not shown here. The
            nodes pull the image with the pool&apos;s identity, so the ENTRYPOINT switch still works.
          </Caption1>
        ) : (
          inspection && <Caption1 className={styles.mono}>{describe(inspection)}</Caption1>
        )}
      </div>
      {config.askPoolPassword && registry?.kind === "poolPassword" && (
        <div className={styles.row}>
          <Field className={styles.grow} label={`Password for ${registry.server}`} hint="Used once to read the image's ENTRYPOINT and WORKDIR; it is not stored.">
            <Input type="password" autoComplete="off" value={config.draft} onChange={(_, d) => config.setDraft(d.value)} onKeyDown={onEnter(() => config.read())} />
          </Field>
          <Button className={styles.read} disabled={!config.draft || reading} onClick={() => config.read()}>
            {reading ? "Reading…" : "Read image"}
          </Button>
        </div>
      )}
      {config.askTaskLogin && registry?.kind === "taskOwn" && (
        <>
          <Caption1>
            The pool has no login for {registry.server}. If the image is private, the task logs in with these itself; they are sent with the task.
          </Caption1>
          <div className={styles.row}>
            <Field className={styles.grow} label={`User name for ${registry.server}`} {...fieldState(issues, "containerSettings.registry.auth.username")}>
              <Input autoComplete="off" value={taskLogin?.username ?? ""} onChange={(_, d) => setTaskLogin({ username: d.value })} />
            </Field>
            <Field className={styles.grow} label={`Password for ${registry.server}`} {...fieldState(issues, "containerSettings.registry.auth.password")}>
              <Input
                type="password"
                autoComplete="new-password"
                value={taskLogin?.password ?? ""}
                onChange={(_, d) => setTaskLogin({ password: d.value })}
                onKeyDown={onEnter(readTaskLogin)}
              />
            </Field>
            <Button className={styles.read} disabled={!taskLogin?.username || !taskLogin.password || reading} onClick={readTaskLogin}>
              {reading ? "Reading…" : "Read image"}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
