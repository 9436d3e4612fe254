import { apiPaths, type PoolSpecInput, type ValidationContext, type ValidationIssue, type ValidationResponse } from "@batch-studio/shared";
import { useEffect, useMemo, useRef, useState } from "react";
import { useApi } from "../auth/AuthContext";
import { isApiError } from "../auth/apiError";
import { isCheckable, mergeIssues, validateDraft } from "./poolValidation";

export const ASYNC_DEBOUNCE_MS = 400;

export interface PoolValidation {
  issues: ValidationIssue[];
  facts: ValidationContext;
  /** An async check is waiting for the debounce or in flight. */
  checking: boolean;
}

/**
 * Sync rules on every keystroke; async checks (POST validate/pool) 400 ms after typing stops. Each
 * new input aborts the check in flight, so only the newest answer is ever applied.
 */
export function usePoolValidation(account: string, spec: PoolSpecInput): PoolValidation {
  const api = useApi();
  const [facts, setFacts] = useState<ValidationContext>({});
  const [asyncIssues, setAsyncIssues] = useState<ValidationIssue[]>([]);
  const [checked, setChecked] = useState<PoolSpecInput | undefined>();
  const [checking, setChecking] = useState(false);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    if (!isCheckable(spec)) {
      setChecking(false);
      return;
    }
    setChecking(true);
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await api.json<ValidationResponse>(apiPaths.validatePool(account), { method: "POST", body: spec, signal: controller.signal });
        if (mine !== generation.current) return;
        setFacts((prev) => ({ ...prev, ...res.facts }));
        setAsyncIssues(res.issues);
        setChecked(spec);
      } catch (e) {
        if (controller.signal.aborted || mine !== generation.current) return;
        // A 400 from the BFF carries the issues it found; anything else leaves the sync result alone.
        if (isApiError(e) && e.problem.issues) {
          setAsyncIssues(e.problem.issues);
          setChecked(spec);
        }
      } finally {
        if (mine === generation.current) setChecking(false);
      }
    }, ASYNC_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, account, spec]);

  const issues = useMemo(() => {
    const sync = validateDraft(spec, facts, checked);
    return checked === spec ? mergeIssues(sync, asyncIssues) : sync;
  }, [spec, facts, checked, asyncIssues]);

  return { issues, facts, checking };
}
