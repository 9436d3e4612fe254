import { sameBatchId } from "../../ids";
import type { ApplicationPackageReferenceSpec } from "../../application-package-spec";
import type { ApplicationFact } from "../../validation-context";
import type { SpecPath } from "../../validation-result";
import type { ApplicationPackageFacts } from "../application-package-facts";
import { liftRule, setFix, type Rule } from "../rule";

const SOURCE =
  'Microsoft Learn "Deploy applications to compute nodes with Batch application packages": a reference names an application of the account and one of its activated package versions, or none to take the application\'s default version.';

interface ResolvedReference {
  ref: ApplicationPackageReferenceSpec;
  path: SpecPath;
  /** The account's application of that id (ids compare case-insensitively), when there is one. */
  app: ApplicationFact | undefined;
}

/** Every reference with its field path and application; none while the account's applications are unknown. */
const referencesOf = ({ sets, applications }: ApplicationPackageFacts): ResolvedReference[] =>
  applications
    ? sets.flatMap(({ at, references }) =>
        (references ?? []).map((ref, i) => ({
          ref,
          path: [...at, "applicationPackages", i],
          app: applications.find((a) => sameBatchId(a.id, ref.applicationId)),
        })),
      )
    : [];

const listed = (versions: readonly string[]) => versions.map((v) => `"${v}"`).join(", ");

export const applicationPackageUnknownApplication: Rule<ApplicationPackageFacts> = {
  code: "applicationPackage.unknownApplication",
  area: "application packages",
  level: "error",
  summary: "An application package reference names an application of the Batch account.",
  source: SOURCE,
  check: (facts, emit) => {
    const known = (facts.applications ?? []).map((a) => a.id);
    for (const { ref, path, app } of referencesOf(facts)) {
      if (app) continue;
      emit(
        [...path, "applicationId"],
        known.length === 0
          ? `The account has no application "${ref.applicationId}" (it has no applications at all); add the application and upload a package in the Batch account's Applications first.`
          : `The account has no application "${ref.applicationId}"; its applications are ${listed(known)}.`,
      );
    }
  },
};

export const applicationPackageUnknownVersion: Rule<ApplicationPackageFacts> = {
  code: "applicationPackage.unknownVersion",
  area: "application packages",
  level: "error",
  summary: "A reference's version is an activated package version of its application.",
  source: SOURCE,
  check: (facts, emit) => {
    for (const { ref, path, app } of referencesOf(facts)) {
      const wanted = ref.version;
      // Batch looks versions up case-insensitively.
      if (!app || wanted === undefined || app.versions.some((v) => v.toLowerCase() === wanted.toLowerCase())) continue;
      const versionPath = [...path, "version"];
      const only = app.versions.length === 1 ? app.versions[0] : undefined;
      emit(
        versionPath,
        app.versions.length === 0
          ? `Application "${app.id}" has no activated version yet, so nodes cannot install "${wanted}"; upload and activate a package first.`
          : `Application "${app.id}" has no activated version "${wanted}"; it has ${listed(app.versions)}.`,
        only === undefined ? undefined : { fix: setFix(`Use version ${only}`, versionPath, only) },
      );
    }
  },
};

export const applicationPackageNoDefaultVersion: Rule<ApplicationPackageFacts> = {
  code: "applicationPackage.noDefaultVersion",
  area: "application packages",
  level: "error",
  summary: "A reference without a version names an application that has a default version.",
  source: SOURCE,
  check: (facts, emit) => {
    for (const { ref, path, app } of referencesOf(facts)) {
      // undefined = not known (ARM not asked or silent): only a known "none" is an error.
      if (!app || ref.version !== undefined || app.defaultVersion !== null) continue;
      emit(
        [...path, "version"],
        app.versions.length === 0
          ? `Application "${app.id}" has no default version and no activated version; upload and activate a package, then pick its version.`
          : `Application "${app.id}" has no default version, so Batch cannot tell which to install; pick one of ${listed(app.versions)}.`,
      );
    }
  },
};

const applicationPackageRuleList = [
  applicationPackageUnknownApplication,
  applicationPackageUnknownVersion,
  applicationPackageNoDefaultVersion,
];

/** The application package rules, over any validator's facts that hold references. */
export const applicationPackageRules = <Facts>(
  setsOf: (facts: Facts) => ApplicationPackageFacts,
): Rule<Facts>[] => applicationPackageRuleList.map((rule) => liftRule(rule, setsOf));
