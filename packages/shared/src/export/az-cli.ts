import type { PoolSpec } from "../pool-spec";
import { exportRestJson } from "./rest-json";
import { passwordEnvVars } from "./secrets";

export interface AzCliExport {
  fileName: string;
  fileContent: string;
  /** A bash snippet: sign in, fill in passwords, create the pool. */
  command: string;
}

export interface AzCliOptions {
  accountName?: string;
  resourceGroup?: string;
}

/**
 * The bash snippet that creates a resource from its REST body: Entra sign-in, then the passwords
 * the body holds as `${…}` placeholders typed in (not echoed) and filled with envsubst.
 */
export const azJsonFileCommand = (
  noun: "pool" | "job" | "job-schedule" | "task",
  fileName: string,
  secrets: string[],
  options: AzCliOptions,
  notes: string[] = [],
  extraArguments?: string,
): string => {
  const account = options.accountName ?? "<batch-account>";
  const group = options.resourceGroup ?? "<resource-group>";
  const lines = [
    "# Sign in with Microsoft Entra ID; `az batch account login` without --shared-key-auth keeps the Entra token.",
    ...notes,
  ];
  lines.push("az login", `az batch account login --name ${account} --resource-group ${group}`, "");
  let file = fileName;
  if (secrets.length > 0) {
    lines.push(
      `# ${fileName} holds \${…} placeholders for secrets (registry passwords, write SAS URLs); type them (not echoed) and fill them in.`,
    );
    for (const name of secrets) lines.push(`read -rsp "${name}: " ${name} && echo && export ${name}`);
    file = fileName.replace(/\.json$/, ".filled.json");
    lines.push(`envsubst '${secrets.map((n) => `$${n}`).join(" ")}' < ${fileName} > ${file}`, "");
  }
  lines.push(`az batch ${noun} create${extraArguments ? ` ${extraArguments}` : ""} --json-file ${file}`);
  if (secrets.length > 0) lines.push(`rm ${file}`);
  return `${lines.join("\n")}\n`;
};

/** `az batch pool create --json-file pool.json` with the file it reads. */
export const exportAzCli = (spec: PoolSpec, options: AzCliOptions = {}): AzCliExport => {
  const fileName = "pool.json";
  const notes =
    spec.image.kind === "gallery"
      ? ["# Shared Image Gallery pools need Entra sign-in: Shared Key authentication fails for them."]
      : [];
  const command = azJsonFileCommand("pool", fileName, passwordEnvVars(spec), options, notes);
  return { fileName, fileContent: exportRestJson(spec), command };
};
