import { applyPatches, type SpecPath, type ValidationFix, type ValidationIssue } from "@batch-studio/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { samePath, startsWith, type Path, type PathValue } from "./paths";

export const CHECK_DEBOUNCE_MS = 400;

/** What an async check answers: its issues and the facts it learned (for the sync rules to use). */
export interface CheckAnswer<F> {
  issues: ValidationIssue[];
  facts: F;
}

export interface SpecFormOptions<T, F> {
  initial: T | (() => T);
  /**
   * The sync layer, run on every change: the shared schema and rules, with the facts of the last
   * async answer and the value that answer was about (facts about one input, such as "this pool id
   * is taken", must not judge a newly typed one).
   */
  validate(value: T, facts: F | undefined, checked: T | undefined): ValidationIssue[];
  /**
   * The async layer: runs once input has rested for `debounceMs`, and the signal aborts it when
   * newer input arrives, so only the answer about the current value is ever applied. A rejection
   * leaves the sync result alone.
   */
  check?(value: T, signal: AbortSignal): Promise<CheckAnswer<F>>;
  debounceMs?: number;
}

export interface SpecForm<T, F> {
  value: T;
  /** Changes one field and marks it touched. */
  set<P extends Path<T>>(path: P, value: PathValue<T, P>): void;
  /** Changes several fields at once (adding, removing list entries); `touched` marks where. */
  update(fn: (value: T) => T, touched?: Path<T>): void;
  /** Applies a rule's one-click fix; the fields it patches count as touched. */
  applyFix(fix: ValidationFix): void;
  /** Every issue: sync, the current async answer, and the server's refusal of the last submit. */
  issues: ValidationIssue[];
  /** What to show now: warnings and hints always, errors once their field was touched or revealed. */
  shown: ValidationIssue[];
  /** The shown issues at exactly this path. */
  at(path: SpecPath): ValidationIssue[];
  /** Any error at all, shown or not: the form cannot be submitted. */
  blocked: boolean;
  /** Shows the errors under these paths (a wizard's Next reveals its step's fields); none = all. */
  reveal(heads?: readonly SpecPath[]): void;
  /** Reveals every error, then runs `onValid` with the value when there is none. */
  submit(onValid: (value: T) => void): void;
  /** Issues the server answered a submit with; they stay until the next change. */
  reject(issues: ValidationIssue[]): void;
  facts: F | undefined;
  /** An async check waits for its debounce or is in flight. */
  checking: boolean;
  /** Runs the async check again for the unchanged value (after something outside it changed). */
  recheck(): void;
}

/** Async issues the sync rules did not reproduce (same code at the same path = the same issue). */
export function mergeIssues(sync: readonly ValidationIssue[], async: readonly ValidationIssue[]): ValidationIssue[] {
  const extra = async.filter((a) => !sync.some((s) => s.code === a.code && samePath(s.path, a.path)));
  return [...sync, ...extra];
}

/** A field counts as revealed for an issue on it, below it (a list's entry) or above it (the entry of a field). */
const covers = (heads: readonly SpecPath[], path: SpecPath) =>
  heads.some((h) => startsWith(path, h) || (path.length > 0 && startsWith(h, path)));

/**
 * The one form engine: a typed value, typed field paths, the sync rules on every change, the async
 * check debounced and cancelled by newer input, and errors shown only once the operator touched
 * their field or asked to go on (Next, Submit). Forms own their layout and their submit mutation;
 * this hook owns the state every form used to rebuild by hand.
 */
export function useSpecForm<T, F = undefined>(options: SpecFormOptions<T, F>): SpecForm<T, F> {
  const { validate, check, debounceMs = CHECK_DEBOUNCE_MS } = options;
  const [value, setValue] = useState<T>(options.initial);
  const [touched, setTouched] = useState<readonly SpecPath[]>([]);
  const [revealedAll, setRevealedAll] = useState(false);
  const [rejected, setRejected] = useState<ValidationIssue[]>([]);
  const [answer, setAnswer] = useState<{ for: T; answer: CheckAnswer<F> } | undefined>();
  const [checking, setChecking] = useState(check !== undefined);
  const [round, setRound] = useState(0);
  // The latest check function, so a form passing an inline function does not restart the check.
  const checkRef = useRef(check);
  checkRef.current = check;

  const markTouched = useCallback((paths: readonly SpecPath[]) => setTouched((t) => [...t, ...paths]), []);
  const change = useCallback(
    (fn: (v: T) => T, paths: readonly SpecPath[]) => {
      setValue(fn);
      markTouched(paths);
      setRejected([]);
    },
    [markTouched],
  );
  const set = useCallback(
    <P extends Path<T>>(path: P, v: PathValue<T, P>) => change((cur) => applyPatches(cur, [{ path, value: v }]), [path]),
    [change],
  );
  const update = useCallback((fn: (v: T) => T, at?: Path<T>) => change(fn, at ? [at] : []), [change]);
  const applyFix = useCallback(
    (fix: ValidationFix) => change((cur) => applyPatches(cur, fix.patch), fix.patch.map((p) => p.path)),
    [change],
  );

  useEffect(() => {
    const run = checkRef.current;
    if (!run) return;
    setChecking(true);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      run(value, controller.signal).then(
        (a) => {
          if (controller.signal.aborted) return;
          setAnswer({ for: value, answer: a });
          setChecking(false);
        },
        () => {
          if (!controller.signal.aborted) setChecking(false);
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, round, debounceMs]);

  const facts = answer?.answer.facts;
  const issues = useMemo(() => {
    const sync = validate(value, facts, answer?.for);
    const current = answer?.for === value ? mergeIssues(sync, answer.answer.issues) : sync;
    return rejected.length > 0 ? mergeIssues(current, rejected) : current;
  }, [validate, value, facts, answer, rejected]);

  const shown = useMemo(
    () => issues.filter((i) => i.level !== "error" || revealedAll || covers(touched, i.path)),
    [issues, revealedAll, touched],
  );
  const at = useCallback((path: SpecPath) => shown.filter((i) => samePath(i.path, path)), [shown]);
  const blocked = issues.some((i) => i.level === "error");

  const reveal = useCallback(
    (heads?: readonly SpecPath[]) => (heads ? markTouched(heads) : setRevealedAll(true)),
    [markTouched],
  );
  const submit = (onValid: (v: T) => void) => {
    setRevealedAll(true);
    if (!blocked) onValid(value);
  };
  const recheck = useCallback(() => setRound((r) => r + 1), []);

  return { value, set, update, applyFix, issues, shown, at, blocked, reveal, submit, reject: setRejected, facts, checking, recheck };
}
