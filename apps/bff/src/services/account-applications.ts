import type { ApplicationFact } from "@batch-studio/shared";
import type { Logger } from "pino";
import type { OperatorScope } from "./operator-scope";

/**
 * The account's applications as pickers and the application package rules read them: ids and
 * activated versions from Batch, default versions from ARM when the portal finds accounts through
 * ARM. A failed ARM call leaves `defaultVersion` out (unknown), so the rule that needs it stays
 * silent rather than refusing a reference Batch would take.
 */
export async function accountApplications(scope: OperatorScope, accountId: string, logger: Logger = scope.logger): Promise<ApplicationFact[]> {
  const account = await scope.account(accountId);
  const batch = await scope.batch(accountId);
  const viaArm = scope.services.config.accounts.discovery === "arm";
  const [summaries, defaults] = await Promise.all([
    batch.listApplications(),
    viaArm
      ? scope
          .arm()
          .listApplicationDefaults(account.subscriptionId, account.resourceGroup, account.name)
          .catch((err: unknown) => {
            logger.debug({ err }, "application default versions not read");
            return undefined;
          })
      : undefined,
  ]);
  return summaries.map((a) => {
    const fact: ApplicationFact = { id: a.id, versions: [...a.versions] };
    if (a.displayName && a.displayName !== a.id) fact.displayName = a.displayName;
    const defaultVersion = defaults?.get(a.id.toLowerCase());
    if (defaultVersion !== undefined) fact.defaultVersion = defaultVersion;
    return fact;
  });
}
