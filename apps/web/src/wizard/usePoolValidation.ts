import { apiPaths, type PoolSpecInput, type ValidationContext, type ValidationIssue, type ValidationResponse } from "@batch-studio/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useApi } from "../auth/AuthContext";
import { isApiError } from "../auth/apiError";
import { completeForCheck, keepOwnAnswers, mergeIssues, validateDraft } from "./poolValidation";

export const ASYNC_DEBOUNCE_MS = 400;

export interface PoolValidation {
  issues: ValidationIssue[];
  facts: ValidationContext;
  /** An async check is waiting for the debounce or in flight. */
  checking: boolean;
  /** Runs the async checks again for the same spec (after something outside it changed, e.g. replicas). */
  recheck(): void;
}

/**
 * Sync rules on every keystroke; async checks (POST validate/pool) 400 ms after typing stops. Each
 * new input aborts the check in flight, so only the newest answer is ever applied. The checks run
 * from the first step on: fields not chosen yet are sent as placeholders and whatever the BFF says
 * about them is dropped, so e.g. rejected registry credentials block Containers before a VM size
 * is picked.
 */
export function usePoolValidation(account: string, spec: PoolSpecInput): PoolValidation {
  const api = useApi();
  const [facts, setFacts] = useState<ValidationContext>({});
  const [asyncIssues, setAsyncIssues] = useState<ValidationIssue[]>([]);
  const [checked, setChecked] = useState<PoolSpecInput | undefined>();
  const [checking, setChecking] = useState(false);
  // Bumped by recheck(): the effect below runs again although the spec did not change.
  const [round, setRound] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    const checkable = completeForCheck(spec);
    if (!checkable) {
      setChecking(false);
      return;
    }
    setChecking(true);
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await api.json<ValidationResponse>(apiPaths.validatePool(account), { method: "POST", body: checkable.spec, signal: controller.signal });
        if (mine !== generation.current) return;
        const own = keepOwnAnswers(res, checkable.filled);
        setFacts((prev) => ({ ...prev, ...own.facts }));
        setAsyncIssues(own.issues);
        setChecked(spec);
      } catch (e) {
        if (controller.signal.aborted || mine !== generation.current) return;
        // A 400 from the BFF carries the issues it found; anything else leaves the sync result alone.
        if (isApiError(e) && e.problem.issues) {
          setAsyncIssues(keepOwnAnswers({ issues: e.problem.issues, facts: {} }, checkable.filled).issues);
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
  }, [api, account, spec, round]);

  const issues = useMemo(() => {
    const sync = validateDraft(spec, facts, checked);
    return checked === spec ? mergeIssues(sync, asyncIssues) : sync;
  }, [spec, facts, checked, asyncIssues]);

  const recheck = useCallback(() => setRound((r) => r + 1), []);
  return { issues, facts, checking, recheck };
}
