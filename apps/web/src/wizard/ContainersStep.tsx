import {
  Badge,
  Button,
  Caption1,
  Input,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, DeleteRegular, PlugConnectedRegular } from "@fluentui/react-icons";
import { normalizeRegistryHost, registryHostOf, type RegistrySpec, type ValidationIssue } from "@batch-studio/shared";
import { probeCredentials, useRegistryTest } from "../api/registry";
import { ImageCheck } from "./ImageCheck";
import { IssueField } from "./IssueField";
import { leftoverIssues } from "./leftover";
import { StepIssues } from "./StepIssues";
import { issuesAt } from "./steps";
import { useStepStyles } from "./BasicsStep";
import { useWizard } from "./WizardContext";

const useStyles = makeStyles({
  imageRow: { display: "grid", gridTemplateColumns: "1fr auto auto auto", gap: tokens.spacingHorizontalS, alignItems: "center" },
  registry: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  pair: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

const DOCKER_HUB = "docker.io";
const hostOf = (ref: string) => registryHostOf(ref.trim()) ?? DOCKER_HUB;

function RegistryEditor({ index, registry }: { index: number; registry: RegistrySpec }) {
  const styles = useStyles();
  const { set, update } = useWizard();
  const test = useRegistryTest();
  const base = ["container", "registries", index] as const;
  const auth = registry.auth;
  // A result speaks for the login it tested: once the server, user or password changes, it is gone.
  const login = probeCredentials(registry)!;
  const tested = test.variables;
  const current = !!tested && tested.server === login.server && tested.username === login.username && tested.password === login.password;
  return (
    <section className={styles.registry} aria-label={`Registry ${index + 1}`}>
      <IssueField path={[...base, "server"]} label="Registry server" hint="The login server host name, e.g. myacr.azurecr.io (no https://).">
        <Input value={registry.server} onChange={(_, d) => set([...base, "server"], d.value)} />
      </IssueField>
      <RadioGroup
        layout="horizontal"
        aria-label="Authentication"
        value={auth.kind}
        onChange={(_, d) =>
          set([...base, "auth"], d.value === "identity" ? { kind: "identity", identityResourceId: "" } : { kind: "password", username: "", password: "" })
        }
      >
        <Radio value="password" label="User name and password" />
        <Radio value="identity" label="Managed identity" />
      </RadioGroup>
      {auth.kind === "password" ? (
        <div className={styles.pair}>
          <IssueField path={[...base, "auth", "username"]} label="User name">
            <Input value={auth.username} onChange={(_, d) => set([...base, "auth", "username"], d.value)} autoComplete="off" />
          </IssueField>
          <IssueField path={[...base, "auth", "password"]} label="Password">
            <Input type="password" value={auth.password} onChange={(_, d) => set([...base, "auth", "password"], d.value)} autoComplete="new-password" />
          </IssueField>
        </div>
      ) : (
        <IssueField path={[...base, "auth", "identityResourceId"]} label="User-assigned managed identity resource id">
          <Input value={auth.identityResourceId} onChange={(_, d) => set([...base, "auth", "identityResourceId"], d.value)} />
        </IssueField>
      )}
      <div className={styles.actions}>
        <Button
          icon={<PlugConnectedRegular />}
          disabled={!registry.server || auth.kind === "identity" || test.isPending}
          onClick={() => test.mutate(login)}
        >
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
        {auth.kind === "identity" && <Caption1>Managed identities sign in from the nodes; the portal cannot test them.</Caption1>}
        <span role="status">
          {current && test.data && (
            <Badge color={test.data.status === "ok" ? "success" : "danger"} appearance="tint">
              {test.data.status === "ok" ? "Connected" : `${test.data.status}${test.data.message ? `: ${test.data.message}` : ""}`}
            </Badge>
          )}
          {current && test.isError && <Badge color="danger">Test failed: {String((test.error as Error).message)}</Badge>}
        </span>
        <span style={{ flexGrow: 1 }} />
        <Button
          appearance="subtle"
          icon={<DeleteRegular />}
          aria-label={`Remove registry ${registry.server || index + 1}`}
          onClick={() => update((s) => ({ ...s, container: { ...s.container, registries: (s.container?.registries ?? []).filter((_, i) => i !== index) } }))}
        />
      </div>
    </section>
  );
}

export function ContainersStep() {
  const styles = useStepStyles();
  const own = useStyles();
  const { spec, set, update, issues } = useWizard();
  const images = spec.container?.prefetchImages ?? [];
  const registries = (spec.container?.registries ?? []) as RegistrySpec[];
  // As Batch and the shared rules match them: case-blind, Docker Hub's aliases as one host.
  const registryFor = (ref: string) => registries.find((r) => normalizeRegistryHost(r.server.trim()) === normalizeRegistryHost(hostOf(ref)));
  const rowIssues = (i: number): ValidationIssue[] => issuesAt(issues, ["container", "prefetchImages", i]);

  return (
    <div className={styles.form}>
      <Caption1>
        Every node pulls these images when it starts, so the first task does not wait for a download. The pool gets a container configuration
        even with no images listed.
      </Caption1>
      <Subtitle2 as="h2">Prefetched images</Subtitle2>
      {images.map((ref, i) => {
        const registry = registryFor(ref);
        return (
          <IssueField key={i} path={["container", "prefetchImages", i]} label={`Image ${i + 1}`}>
            <div className={own.imageRow}>
              <Input value={ref} placeholder="myacr.azurecr.io/team/app:1.0" onChange={(_, d) => set(["container", "prefetchImages", i], d.value)} />
              <ImageCheck reference={ref} grammarOk={!rowIssues(i).some((x) => x.level === "error" && x.code === "container.imageReference")} registry={probeCredentials(registry)} />
              <Caption1>{ref.trim() ? (registry ? `via ${registry.server}` : hostOf(ref) === DOCKER_HUB ? "Docker Hub (anonymous)" : `${hostOf(ref)} (no credentials)`) : ""}</Caption1>
              <Button
                appearance="subtle"
                icon={<DeleteRegular />}
                aria-label={`Remove image ${i + 1}`}
                onClick={() => update((s) => ({ ...s, container: { ...s.container, prefetchImages: images.filter((_, k) => k !== i) } }))}
              />
            </div>
          </IssueField>
        );
      })}
      <Button className={styles.add} icon={<AddRegular />} onClick={() => set(["container", "prefetchImages", images.length], "")}>
        Add image
      </Button>

      <Subtitle2 as="h2">Private registries</Subtitle2>
      {registries.map((r, i) => (
        <RegistryEditor key={i} index={i} registry={r} />
      ))}
      <Button
        className={styles.add}
        icon={<AddRegular />}
        onClick={() => set(["container", "registries", registries.length], { server: "", auth: { kind: "password", username: "", password: "" } })}
      >
        Add registry
      </Button>
      <StepIssues
        issues={leftoverIssues(issues, "containers", [
          ["container", "prefetchImages", "*"],
          ["container", "registries", "*", "server"],
          ["container", "registries", "*", "auth", "username"],
          ["container", "registries", "*", "auth", "password"],
          ["container", "registries", "*", "auth", "identityResourceId"],
        ])}
        showPath
      />
    </div>
  );
}
