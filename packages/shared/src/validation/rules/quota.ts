import type { PoolFacts } from "../pool-facts";
import { setFix, type Rule } from "../rule";

const remaining = (limit: number, used: number | undefined) => limit - (used ?? 0);

export const dedicatedCoreQuota: Rule<PoolFacts> = {
  code: "quota.dedicatedCores",
  area: "quota",
  level: "error",
  summary:
    "dedicated nodes x vCPUs fits the remaining dedicated core quota (per VM family when the account enforces it).",
  source: "operator experience (Batch fails the resize with an AccountCoreQuotaReached resize error)",
  check: ({ spec, context, vmSize }, emit) => {
    const quota = context.quota;
    if (!quota || !vmSize || spec.scale.dedicated === 0) return;
    const need = spec.scale.dedicated * vmSize.vCpus;
    const familyLimit = quota.perFamilyDedicatedCores?.[vmSize.family];
    const [left, scope] =
      familyLimit === undefined
        ? [remaining(quota.dedicatedCores, quota.usedDedicatedCores), "dedicated core quota"]
        : [
            remaining(familyLimit, quota.usedPerFamilyDedicatedCores?.[vmSize.family]),
            `${vmSize.family} dedicated core quota`,
          ];
    if (need <= left) return;
    const fit = Math.max(0, Math.floor(left / vmSize.vCpus));
    emit(
      ["scale", "dedicated"],
      `${spec.scale.dedicated} x ${vmSize.name} need ${need} cores but the ${scope} has ${left} left; use at most ${fit} dedicated nodes or request more quota.`,
      {
        fix: setFix(`Use ${fit} dedicated nodes`, ["scale", "dedicated"], fit),
      },
    );
  },
};

export const spotCoreQuota: Rule<PoolFacts> = {
  code: "quota.spotCores",
  area: "quota",
  level: "error",
  summary: "spot nodes x vCPUs fits the remaining low-priority (spot) core quota.",
  source:
    "operator experience (Batch fails the resize with an AccountLowPriorityCoreQuotaReached resize error)",
  check: ({ spec, context, vmSize }, emit) => {
    const quota = context.quota;
    if (!quota || !vmSize || spec.scale.spot === 0) return;
    const need = spec.scale.spot * vmSize.vCpus;
    const left = remaining(quota.lowPriorityCores, quota.usedLowPriorityCores);
    if (need <= left) return;
    const fit = Math.max(0, Math.floor(left / vmSize.vCpus));
    emit(
      ["scale", "spot"],
      `${spec.scale.spot} spot x ${vmSize.name} need ${need} cores but the spot core quota has ${left} left; use at most ${fit} spot nodes or request more quota.`,
      {
        fix: setFix(`Use ${fit} spot nodes`, ["scale", "spot"], fit),
      },
    );
  },
};

export const poolQuota: Rule<PoolFacts> = {
  code: "quota.pools",
  area: "quota",
  level: "error",
  summary: "The account has not reached its pool quota.",
  source: "operator experience (Batch rejects the add with PoolQuotaReached)",
  check: ({ context }, emit) => {
    const quota = context.quota;
    if (quota?.poolQuota === undefined || quota.poolCount === undefined || quota.poolCount < quota.poolQuota)
      return;
    emit(
      ["id"],
      `The account already has ${quota.poolCount} of ${quota.poolQuota} allowed pools; delete a pool or request a higher pool quota.`,
    );
  },
};

export const quotaRules = [dedicatedCoreQuota, spotCoreQuota, poolQuota];
