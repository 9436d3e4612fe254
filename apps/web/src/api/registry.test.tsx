import { describe, expect, it } from "vitest";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import type { ImageInspectRequest, ImageInspection } from "@batch-studio/shared";
import { AppProviders, createQueryClient } from "../app/providers";
import { fakeApi } from "../test/fakeApi";
import { useImageInspection } from "./registry";
import { secretVersion } from "./secretVersion";

const RIGHT = "right-Pa55";

function setup() {
  const api = fakeApi({
    "POST /api/registry/inspect": ({ body }) => {
      const req = body as ImageInspectRequest;
      const answer: ImageInspection = { reference: req.reference, status: req.registry?.password === RIGHT ? "found" : "unauthorized" };
      return answer;
    },
  });
  const queryClient = createQueryClient();
  const auth = { api, user: { name: "Ada", username: "ada@example.com" }, signOut: async () => {} };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppProviders auth={auth} queryClient={queryClient}>
      {children}
    </AppProviders>
  );
  return { api, queryClient, wrapper };
}

describe("useImageInspection", () => {
  it("re-checks as soon as the password changes, and never puts the password in the cache key", async () => {
    const { api, queryClient, wrapper } = setup();
    const { result, rerender } = renderHook(({ password }) => useImageInspection("reg.example/app:1", { server: "reg.example", username: "u", password }), {
      wrapper,
      initialProps: { password: "wrong-Pa55" },
    });
    await waitFor(() => expect(result.current.data?.status).toBe("unauthorized"));
    rerender({ password: RIGHT });
    await waitFor(() => expect(result.current.data?.status).toBe("found"));
    expect(api.calls.filter((c) => c.startsWith("POST"))).toHaveLength(2);
    const keys = JSON.stringify(queryClient.getQueryCache().getAll().map((q) => q.queryKey));
    expect(keys).not.toContain("Pa55");
  });
});

describe("secretVersion", () => {
  it("gives equal secrets the same number and different secrets different ones", () => {
    expect(secretVersion(undefined)).toBe(0);
    expect(secretVersion("a")).toBe(secretVersion("a"));
    expect(secretVersion("a")).not.toBe(secretVersion("b"));
  });
});
