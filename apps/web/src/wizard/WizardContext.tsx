import { createContext, useContext } from "react";
import type { AccountSummary, PoolSpecInput, ValidationContext, ValidationFix, ValidationIssue } from "@batch-studio/shared";
import type { SpecForm } from "../forms/useSpecForm";

export interface WizardState {
  account: string;
  accountInfo?: AccountSummary;
  spec: PoolSpecInput;
  /** The issues to show now (errors once their field was touched or Next pressed). */
  issues: ValidationIssue[];
  facts: ValidationContext;
  checking: boolean;
  set: SpecForm<PoolSpecInput, ValidationContext>["set"];
  update: SpecForm<PoolSpecInput, ValidationContext>["update"];
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
