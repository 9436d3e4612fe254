import { Button, Caption1, Card, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowLeftRegular, ArrowRightRegular, CheckmarkRegular } from "@fluentui/react-icons";
import { parsePoolSpec, type PoolSpecInput, type PoolSpecResponse, type ValidationContext, type ValidationFix } from "@batch-studio/shared";
import { useCallback, useMemo, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "../router";
import { useAccountInfo } from "../api/accountInfo";
import { useCreatePool, usePoolSpec } from "../api/pools";
import { paths } from "../router/paths";
import { useApi } from "../auth/AuthContext";
import { isApiError } from "../auth/apiError";
import { ErrorState } from "../components/ErrorState";
import { useNotify } from "../components/notify";
import { PageHeader } from "../components/PageHeader";
import { BasicsStep } from "./BasicsStep";
import { ContainersStep } from "./ContainersStep";
import { ImageStep } from "./ImageStep";
import { ReviewStep } from "./ReviewStep";
import { SizeScaleStep } from "./SizeScaleStep";
import { StartTaskStep } from "./StartTaskStep";
import { Stepper } from "./Stepper";
import { STEPS, emptyPoolSpec, firstBlockingStep, isStepId, summarizeSteps, type StepId } from "./steps";
import { poolCheck, validateDraft } from "./poolValidation";
import { useSpecForm } from "../forms/useSpecForm";
import { WizardContext, type WizardState } from "./WizardContext";

const useStyles = makeStyles({
  layout: { display: "grid", gridTemplateColumns: "220px minmax(0, 1fr)", gap: tokens.spacingHorizontalXL, alignItems: "start" },
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL },
  footer: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM },
  spacer: { flexGrow: 1 },
});

const STEP_VIEWS: Record<StepId, () => React.JSX.Element> = {
  basics: BasicsStep,
  image: ImageStep,
  containers: ContainersStep,
  size: SizeScaleStep,
  startTask: StartTaskStep,
  review: ReviewStep,
};

/** A cloned spec keeps everything but the id (ids are unique) and the passwords (never sent back). */
function cloneOf(spec: PoolSpecInput): PoolSpecInput {
  return { ...spec, id: `${spec.id}-copy` };
}

/** Which registry a re-entry path points at, named by its server so the operator knows where to type. */
function reentryTarget(spec: PoolSpecResponse["spec"], path: (string | number)[]): string {
  const [first, second, index] = path;
  if (first === "container" && second === "registries" && typeof index === "number")
    return `Password for ${spec.container?.registries?.[index]?.server ?? `registry ${index + 1}`}`;
  if (first === "startTask") return `Start task registry password (${spec.startTask?.containerSettings?.registry?.server ?? "registry"})`;
  return path.join(".");
}

/** What a clone cannot copy: secrets Batch never returns, and settings the spec model does not express. */
function CloneNotes({ source, from }: { source: PoolSpecResponse; from: string }) {
  if (source.reentry.length === 0 && source.ignored.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Not copied from {from}</MessageBarTitle>
        <ul>
          {source.reentry.map((r) => (
            <li key={r.path.join(".")}>
              {reentryTarget(source.spec, r.path)}: {r.reason}
            </li>
          ))}
          {source.ignored.map((setting) => (
            <li key={setting}>{setting} is not part of a pool spec and is left out.</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

function Wizard({ account, initial, startStep }: { account: string; initial: PoolSpecInput; startStep: StepId }) {
  const styles = useStyles();
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const accountInfo = useAccountInfo(account);
  const check = useMemo(() => poolCheck(api, account), [api, account]);
  const form = useSpecForm<PoolSpecInput, ValidationContext>({
    initial,
    validate: (spec, facts, checked) => validateDraft(spec, facts ?? {}, checked),
    check,
  });
  const spec = form.value;
  const [step, setStep] = useState<StepId>(startStep);
  const [visited, setVisited] = useState<Set<StepId>>(() => new Set([startStep]));
  // The stepper and the footer count what is shown: a step nobody has touched is not red yet.
  const summary = useMemo(() => summarizeSteps(form.shown), [form.shown]);
  const index = STEPS.findIndex((s) => s.id === step);
  const blocking = firstBlockingStep(form.shown, step);

  const go = (next: StepId) => {
    setStep(next);
    setVisited((v) => new Set(v).add(next));
  };
  const reachable = (target: StepId) => {
    const i = STEPS.findIndex((s) => s.id === target);
    if (i <= index) return true;
    const before = STEPS[i - 1]!.id;
    return firstBlockingStep(form.issues, before) === undefined;
  };
  /** Next shows this step's errors, and moves on only when no step up to here has one. */
  const next = () => {
    form.reveal(STEPS[index]!.owns.map((head) => [head]));
    if (firstBlockingStep(form.issues, step) === undefined) go(STEPS[index + 1]!.id);
  };

  const { applyFix: applyFormFix } = form;
  const applyFix = useCallback(
    (fix: ValidationFix) => {
      applyFormFix(fix);
      notify.success("Fix applied", fix.label);
    },
    [applyFormFix, notify],
  );
  const state: WizardState = {
    account,
    accountInfo,
    spec,
    issues: form.shown,
    facts: form.facts ?? {},
    checking: form.checking,
    set: form.set,
    update: form.update,
    applyFix,
    recheck: form.recheck,
  };

  const create = useCreatePool(account);
  const submit = () =>
    form.submit((value) => {
      const parsed = parsePoolSpec(value);
      if (!parsed.ok) return;
      create.mutate(parsed.value, {
        onSuccess: (pool) => {
          notify.success("Pool created", `${pool.id}: nodes are being allocated.`);
          navigate(paths.pool(account, pool.id));
        },
        onError: (e) => {
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error(isApiError(e) && e.problem.issues ? `The BFF refused the pool (${e.problem.issues.length} issue(s))` : "Create failed", e);
        },
      });
    });

  const View = STEP_VIEWS[step];
  const isLast = index === STEPS.length - 1;

  return (
    <WizardContext.Provider value={state}>
      <div className={styles.layout}>
        <Stepper current={step} summary={summary} reachable={reachable} visited={visited} onSelect={go} />
        <Card className={styles.content}>
          <View />
          <div className={styles.footer}>
            <Button icon={<ArrowLeftRegular />} disabled={index === 0} onClick={() => go(STEPS[index - 1]!.id)}>
              Back
            </Button>
            <span className={styles.spacer} />
            <span role="status" aria-live="polite">
              {form.checking ? (
                <Spinner size="extra-tiny" label="Checking with Azure…" labelPosition="after" />
              ) : blocking ? (
                <Caption1>Fix the errors on “{STEPS.find((s) => s.id === blocking)!.title}” to continue.</Caption1>
              ) : null}
            </span>
            {isLast ? (
              <Button appearance="primary" icon={<CheckmarkRegular />} disabled={!!blocking || create.isPending} onClick={submit}>
                {create.isPending ? "Creating…" : "Create pool"}
              </Button>
            ) : (
              <Button appearance="primary" icon={<ArrowRightRegular />} iconPosition="after" disabled={!!blocking} onClick={next}>
                Next
              </Button>
            )}
          </div>
        </Card>
      </div>
    </WizardContext.Provider>
  );
}

/** /a/:account/pools/new[?clone=pool][&step=…] */
export default function PoolWizardPage() {
  const account = useParams().account!;
  const [search] = useSearchParams();
  const cloneFrom = search.get("clone") ?? undefined;
  const stepParam = search.get("step");
  const startStep: StepId = isStepId(stepParam) ? stepParam : "basics";
  const source = usePoolSpec(account, cloneFrom);

  return (
    <>
      <PageHeader title={cloneFrom ? `New pool from ${cloneFrom}` : "New container pool"} />
      {cloneFrom && source.isPending && <Spinner label={`Reading ${cloneFrom}…`} />}
      {cloneFrom && source.isError && <ErrorState what={`pool ${cloneFrom}`} error={source.error} onRetry={() => source.refetch()} />}
      {cloneFrom && source.data && <CloneNotes source={source.data} from={cloneFrom} />}
      {(!cloneFrom || source.data) && (
        <Wizard key={cloneFrom ?? "new"} account={account} initial={source.data ? cloneOf(source.data.spec) : emptyPoolSpec()} startStep={startStep} />
      )}
    </>
  );
}
