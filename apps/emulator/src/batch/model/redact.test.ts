import { describe, expect, it } from "vitest";
import { withoutSecrets } from "./redact";

describe("withoutSecrets", () => {
  it("drops registry passwords from pools, start tasks and tasks, leaving the stored object intact", () => {
    const pool = {
      id: "p",
      virtualMachineConfiguration: {
        containerConfiguration: {
          containerRegistries: [{ registryServer: "r.io", username: "u", password: "pw" }],
        },
      },
      startTask: {
        commandLine: "x",
        containerSettings: {
          imageName: "i",
          registry: { registryServer: "r.io", username: "u", password: "pw2" },
        },
      },
    };
    const shown = withoutSecrets(pool);
    expect(JSON.stringify(shown)).not.toMatch(/pw/);
    expect(shown.virtualMachineConfiguration.containerConfiguration.containerRegistries[0]).toMatchObject({
      registryServer: "r.io",
      username: "u",
    });
    expect(pool.virtualMachineConfiguration.containerConfiguration.containerRegistries[0]!.password).toBe(
      "pw",
    );
    const task = {
      id: "t",
      containerSettings: { imageName: "i", registry: { username: "u", password: "secret" } },
    };
    expect(JSON.stringify(withoutSecrets(task))).not.toContain("secret");
  });

  it("returns the same object when there is nothing to hide", () => {
    const task = { id: "t", containerSettings: { imageName: "i" } };
    expect(withoutSecrets(task)).toBe(task);
  });
});
