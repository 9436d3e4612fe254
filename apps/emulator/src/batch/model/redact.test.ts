import { describe, expect, it } from "vitest";
import { mapSecrets, withoutSecrets, withUsedSecretsOnly } from "./redact";

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

describe("the secret fields of the Batch model", () => {
  const pool = {
    id: "p",
    userAccounts: [
      { name: "a", password: "ua-pw", linuxUserConfiguration: { uid: 1, sshPrivateKey: "ua-key" } },
      { name: "b", password: "ub-pw" },
    ],
    mountConfiguration: [
      { azureFileShareConfiguration: { accountName: "s", accountKey: "afs-key" } },
      { azureBlobFileSystemConfiguration: { accountName: "s", accountKey: "blob-key", sasKey: "blob-sas" } },
      { cifsMountConfiguration: { username: "u", password: "cifs-pw" } },
    ],
    virtualMachineConfiguration: {
      containerConfiguration: {
        containerRegistries: [{ registryServer: "r.io", username: "u", password: "reg-pw" }],
      },
    },
  };
  const job = {
    id: "j",
    jobManagerTask: { containerSettings: { registry: { username: "u", password: "jm-pw" } } },
    jobPreparationTask: { containerSettings: { registry: { username: "u", password: "jp-pw" } } },
    jobReleaseTask: { containerSettings: { registry: { username: "u", password: "jr-pw" } } },
    poolInfo: { autoPoolSpecification: { pool: { userAccounts: [{ name: "a", password: "auto-pw" }] } } },
  };

  it("hides every one of them on reads and keeps the rest of the entity", () => {
    const shown = JSON.stringify([withoutSecrets(pool), withoutSecrets(job)]);
    for (const secret of ["ua-pw", "ua-key", "ub-pw", "afs-key", "blob-key", "blob-sas", "cifs-pw", "reg-pw"])
      expect(shown).not.toContain(secret);
    for (const secret of ["jm-pw", "jp-pw", "jr-pw", "auto-pw"]) expect(shown).not.toContain(secret);
    expect(withoutSecrets(pool).userAccounts[0]).toEqual({ name: "a", linuxUserConfiguration: { uid: 1 } });
    expect(withoutSecrets(pool).mountConfiguration[1]).toEqual({
      azureBlobFileSystemConfiguration: { accountName: "s" },
    });
  });

  it("keeps only registry passwords, which later pulls need", () => {
    const kept = JSON.stringify(withUsedSecretsOnly(pool));
    expect(kept).toContain("reg-pw");
    for (const secret of ["ua-pw", "ua-key", "ub-pw", "afs-key", "blob-key", "blob-sas", "cifs-pw"])
      expect(kept).not.toContain(secret);
    expect(JSON.stringify(withUsedSecretsOnly(job))).toMatch(/jm-pw.*jp-pw.*jr-pw/);
  });

  it("maps each secret through the given change and copies only what changes", () => {
    const sealed = mapSecrets(pool, (v) => `sealed(${v})`);
    expect(sealed.virtualMachineConfiguration.containerConfiguration.containerRegistries[0]!.password).toBe(
      "sealed(reg-pw)",
    );
    expect(sealed.userAccounts[1]!.password).toBe("sealed(ub-pw)");
    expect(pool.userAccounts[1]!.password).toBe("ub-pw");
    const same = mapSecrets(pool, (v) => v);
    expect(same).toBe(pool);
  });
});

describe("resource and output file URLs", () => {
  const task = {
    id: "t",
    resourceFiles: [
      { httpUrl: "http://h/a?sig=one", filePath: "a" },
      { storageContainerUrl: "http://h/c?sig=two" },
    ],
    outputFiles: [{ filePattern: "*", destination: { container: { containerUrl: "http://h/o?sig=three" } } }],
    startTask: { commandLine: "x", resourceFiles: [{ httpUrl: "http://h/s?sig=four", filePath: "s" }] },
  };

  it("are sealed at rest, every one of them", () => {
    const sealed = JSON.stringify(mapSecrets(task, (v) => `sealed(${v.length})`));
    expect(sealed).not.toMatch(/sig=/);
    expect(sealed.match(/sealed\(/g)).toHaveLength(4);
  });

  it("are shown as given by reads and kept for the node", () => {
    expect(withoutSecrets(task)).toBe(task);
    expect(withUsedSecretsOnly(task)).toBe(task);
  });
});
