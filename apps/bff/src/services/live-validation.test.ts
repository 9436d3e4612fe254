import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEED, LOCAL_TENANT_ID, type LocalAzureSeed } from "@batch-studio/emulator";
import {
  apiUrl,
  type AccountsResponse,
  type PoolSpecInput,
  type ValidationResponse,
} from "@batch-studio/shared";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * Live validation's ARM facts for gallery images, through the real local stack (emulator ARM, the
 * BFF's ArmGateway and @azure/arm-compute): the image subscription's tenant and Microsoft.Batch
 * registration, and the version's replication state in the account's region.
 */
const REGISTERED_SUB = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const UNREGISTERED_SUB = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const FOREIGN_SUB = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const FOREIGN_TENANT = "33e01921-4d64-4f8c-a055-5bdaffd5e33d";
const WINDOWS_IMAGE = "windows2022-containers";

const seed: LocalAzureSeed = {
  ...DEFAULT_SEED,
  otherSubscriptions: [
    {
      subscriptionId: REGISTERED_SUB,
      displayName: "Shared images",
      tenantId: LOCAL_TENANT_ID,
      state: "Enabled",
      resourceProviders: { "Microsoft.Batch": "Registered" },
    },
    {
      subscriptionId: UNREGISTERED_SUB,
      displayName: "Team images",
      tenantId: LOCAL_TENANT_ID,
      state: "Enabled",
      resourceProviders: { "Microsoft.Compute": "Registered" },
    },
    {
      subscriptionId: FOREIGN_SUB,
      displayName: "Partner",
      tenantId: FOREIGN_TENANT,
      state: "Enabled",
      resourceProviders: { "Microsoft.Batch": "Registered" },
    },
  ],
  // The Windows version is still replicating to East US (the contosoeus account's region).
  galleries: DEFAULT_SEED.galleries.map((g) => ({
    ...g,
    images: g.images.map((i) =>
      i.name === WINDOWS_IMAGE
        ? {
            ...i,
            versions: i.versions.map((v) => ({ ...v, replicationState: { eastus: "Replicating" as const } })),
          }
        : i,
    ),
  })),
};

describe("live validation of gallery images through the local stack", () => {
  let stack: LocalStack;
  let token: string;
  const accounts = new Map<string, { id: string; subscriptionId: string }>();

  const validate = async (accountName: string, spec: PoolSpecInput): Promise<ValidationResponse> => {
    const res = await fetch(`${stack.bffUrl}${apiUrl("validatePool", { account: accounts.get(accountName)!.id })}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(spec),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`validate → ${res.status} ${text}`);
    return JSON.parse(text) as ValidationResponse;
  };
  const imageId = (subscription: string, image = "ubuntu2004-batch-container", version = "1.1.0") =>
    `/subscriptions/${subscription}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages/images/${image}/versions/${version}`;
  const galleryPool = (id: string, nodeAgentSkuId = "batch.node.ubuntu 20.04"): PoolSpecInput => ({
    id: "sig-pool",
    vmSize: "standard_d2s_v3",
    image: { kind: "gallery", imageId: id },
    nodeAgentSkuId,
    scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
  });
  const codes = (r: ValidationResponse) => r.issues.map((i) => i.code);

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process", seed });
    token = await stack.signIn();
    const res = await fetch(`${stack.bffUrl}${apiUrl("accounts", {})}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as AccountsResponse;
    for (const a of body.subscriptions.flatMap((s) => s.accounts)) accounts.set(a.name, a);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("asks nothing more for an image in the account's own subscription", async () => {
    const home = accounts.get("contosoweu")!.subscriptionId;
    const result = await validate("contosoweu", galleryPool(imageId(home)));
    expect(result.facts.accountSubscription).toEqual({ subscriptionId: home });
    expect(result.facts.galleryImageSubscription).toBeUndefined();
    expect(codes(result)).not.toContain("image.gallery.batchProviderNotRegistered");
  });

  it("blocks an image whose subscription has not registered Microsoft.Batch, naming the command", async () => {
    const result = await validate("contosoweu", galleryPool(imageId(UNREGISTERED_SUB)));
    expect(result.facts.galleryImageSubscription).toEqual({
      subscriptionId: UNREGISTERED_SUB,
      tenantId: LOCAL_TENANT_ID,
      batchProviderState: "NotRegistered",
    });
    expect(result.facts.accountSubscription).toEqual({
      subscriptionId: accounts.get("contosoweu")!.subscriptionId,
      tenantId: LOCAL_TENANT_ID,
    });
    const issue = result.issues.find((i) => i.code === "image.gallery.batchProviderNotRegistered");
    expect(issue).toMatchObject({ path: ["image", "imageId"], level: "error" });
    expect(issue?.message).toContain(
      `az provider register -n Microsoft.Batch --subscription ${UNREGISTERED_SUB}`,
    );
    expect(result.ok).toBe(false);
  });

  it("is silent about the provider and tenant when the image's subscription is registered in the same tenant", async () => {
    const result = await validate("contosoweu", galleryPool(imageId(REGISTERED_SUB)));
    expect(result.facts.galleryImageSubscription).toMatchObject({
      batchProviderState: "Registered",
      tenantId: LOCAL_TENANT_ID,
    });
    expect(codes(result)).not.toContain("image.gallery.batchProviderNotRegistered");
    expect(codes(result)).not.toContain("image.gallery.otherTenant");
  });

  it("learns another tenant's id from ARM's 401 and reports the tenants differ", async () => {
    const result = await validate("contosoweu", galleryPool(imageId(FOREIGN_SUB)));
    // ARM refuses this tenant's token there, so the provider's state stays unknown.
    expect(result.facts.galleryImageSubscription).toEqual({
      subscriptionId: FOREIGN_SUB,
      tenantId: FOREIGN_TENANT,
    });
    const issue = result.issues.find((i) => i.code === "image.gallery.otherTenant");
    expect(issue?.level).toBe("error");
    expect(issue?.message).toContain(FOREIGN_TENANT);
    expect(codes(result)).not.toContain("image.gallery.batchProviderNotRegistered");
  });

  it("reads the version's replication state in the account's region ($expand=ReplicationStatus)", async () => {
    const windows = (account: string) =>
      validate(
        account,
        galleryPool(
          imageId(accounts.get(account)!.subscriptionId, WINDOWS_IMAGE, "2026.10.0"),
          "batch.node.windows amd64",
        ),
      );
    const eus = await windows("contosoeus");
    expect(eus.facts.galleryImage?.replicas).toEqual([
      { region: "West Europe", count: 1, state: "Completed" },
      { region: "East US", count: 1, state: "Replicating" },
    ]);
    expect(eus.issues.find((i) => i.code === "image.gallery.versionNotReady")).toMatchObject({
      path: ["image", "imageId"],
      level: "warning",
      message: expect.stringContaining("replica in eastus is Replicating, not Completed"),
    });
    expect(codes(await windows("contosoweu"))).not.toContain("image.gallery.versionNotReady");
  });
});
