import { createContext, useContext } from "react";
import type { AccountSummary, PoolSpecInput, SpecPath, ValidationContext, ValidationFix, ValidationIssue } from "@batch-studio/shared";

export interface WizardState {
  account: string;
  accountInfo?: AccountSummary;
  spec: PoolSpecInput;
  issues: ValidationIssue[];
  facts: ValidationContext;
  checking: boolean;
  set(path: SpecPath, value: unknown): void;
  update(fn: (spec: PoolSpecInput) => PoolSpecInput): void;
  applyFix(fix: ValidationFix): void;
  /** Runs the live checks again for the unchanged spec (after an action changed Azure). */
  recheck(): void;
}

export const WizardContext = createContext<WizardState | undefined>(undefined);

export function useWizard(): WizardState {
  const w = useContext(WizardContext);
  if (!w) throw new Error("useWizard outside the pool wizard");
  return w;
}
