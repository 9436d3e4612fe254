import { describe, expect, it } from "vitest";
import type { SubscriptionFact, ValidationContext } from "../../validation-context";
import { pool, poolIssues } from "../test-support";

const ACCOUNT_SUB = "5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d";
const IMAGE_SUB = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "33e01921-4d64-4f8c-a055-5bdaffd5e33d";
const imageIdIn = (sub: string) =>
  `/subscriptions/${sub}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/shared/images/ubuntu/versions/1.0.0`;
const sig = (sub = IMAGE_SUB) => pool((p) => void (p.image = { kind: "gallery", imageId: imageIdIn(sub) }));
const facts = (
  image: Partial<SubscriptionFact> = {},
  accountTenant: string | null = TENANT,
): ValidationContext => ({
  accountSubscription: accountTenant
    ? { subscriptionId: ACCOUNT_SUB, tenantId: accountTenant }
    : { subscriptionId: ACCOUNT_SUB },
  galleryImageSubscription: {
    subscriptionId: IMAGE_SUB,
    tenantId: TENANT,
    batchProviderState: "Registered",
    ...image,
  },
});

const PROVIDER = "image.gallery.batchProviderNotRegistered";
const TENANT_CODE = "image.gallery.otherTenant";

describe("gallery image in another subscription", () => {
  it(`${PROVIDER}: error naming the command when Microsoft.Batch is not registered there`, () => {
    expect(poolIssues(PROVIDER, sig(), facts({ batchProviderState: "NotRegistered" }))).toEqual([
      {
        path: ["image", "imageId"],
        level: "error",
        code: PROVIDER,
        message: expect.stringContaining(
          `Microsoft.Batch resource provider is NotRegistered there; Batch cannot use the image until it is registered: az provider register -n Microsoft.Batch --subscription ${IMAGE_SUB}`,
        ),
      },
    ]);
    expect(poolIssues(PROVIDER, sig(), facts({ batchProviderState: "Registering" }))).toHaveLength(1);
  });
  it(`${PROVIDER}: silent when registered (any case), same subscription, or facts unknown`, () => {
    expect(poolIssues(PROVIDER, sig(), facts())).toEqual([]);
    expect(poolIssues(PROVIDER, sig(), facts({ batchProviderState: "registered" }))).toEqual([]);
    // Same subscription as the account, in another spelling: no cross-subscription rule applies.
    const same = facts({ subscriptionId: ACCOUNT_SUB, batchProviderState: "NotRegistered" });
    expect(poolIssues(PROVIDER, sig(ACCOUNT_SUB.toUpperCase()), same)).toEqual([]);
    expect(poolIssues(PROVIDER, sig(), {})).toEqual([]);
    expect(
      poolIssues(PROVIDER, sig(), {
        galleryImageSubscription: { subscriptionId: IMAGE_SUB, batchProviderState: "NotRegistered" },
      }),
    ).toEqual([]);
    expect(poolIssues(PROVIDER, sig(), facts({ batchProviderState: undefined }))).toEqual([]);
    // Facts about the subscription the id named before the operator edited it are ignored.
    expect(
      poolIssues(
        PROVIDER,
        sig("11111111-2222-4333-8444-555555555555"),
        facts({ batchProviderState: "NotRegistered" }),
      ),
    ).toEqual([]);
    // Marketplace pools have no gallery image.
    expect(poolIssues(PROVIDER, pool(), facts({ batchProviderState: "NotRegistered" }))).toEqual([]);
  });
  it(`${TENANT_CODE}: error when the two subscriptions are in different tenants`, () => {
    const [issue, ...rest] = poolIssues(TENANT_CODE, sig(), facts({ tenantId: OTHER_TENANT }));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: ["image", "imageId"], level: "error" });
    expect(issue?.message).toContain(`tenant ${OTHER_TENANT}`);
    expect(issue?.message).toContain(`subscription to ${TENANT}`);
  });
  it(`${TENANT_CODE}: silent for the same tenant (any case), the same subscription or unknown tenants`, () => {
    expect(poolIssues(TENANT_CODE, sig(), facts())).toEqual([]);
    expect(poolIssues(TENANT_CODE, sig(), facts({ tenantId: TENANT.toUpperCase() }))).toEqual([]);
    expect(
      poolIssues(
        TENANT_CODE,
        sig(ACCOUNT_SUB),
        facts({ subscriptionId: ACCOUNT_SUB, tenantId: OTHER_TENANT }),
      ),
    ).toEqual([]);
    expect(poolIssues(TENANT_CODE, sig(), facts({ tenantId: undefined }))).toEqual([]);
    expect(poolIssues(TENANT_CODE, sig(), facts({ tenantId: OTHER_TENANT }, null))).toEqual([]);
  });
});
