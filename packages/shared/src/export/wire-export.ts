import type { ContainerRegistry } from "../convert/batch-models";
import { azJsonFileCommand, type AzCliExport, type AzCliOptions } from "./az-cli";
import { csString, pyString } from "./code-writer";
import { toWireRegistry } from "./rest-json";

/**
 * Exports of a Batch resource that is sent as one REST body (a job, a task, a job schedule): the
 * body on the wire, and the az CLI, Python and C# that send exactly that body. Each of them reads
 * the same JSON, so they cannot drift from one another. What must not be written down (registry
 * passwords, write SAS URLs) is a `${NAME}` placeholder that each export fills from the
 * environment or a prompt.
 */
export interface WireResource {
  /** The noun of `az batch <noun> create`. */
  noun: "job" | "job-schedule" | "task";
  /** What the JSON file is called (and what the Python and C# read their body from). */
  fileName: string;
  /** The body as `@azure/batch` builds it; registries are turned into their wire names here. */
  body: object;
  /** The REST path the body is POSTed to, below the account URL. */
  restPath: string;
  /** Python: the azure-batch model the body is read into, and the call that sends it (`model` is the instance). */
  python: { model: string; add: string };
  /** Extra `az batch <noun> create` arguments, e.g. `--job-id`. */
  azArguments?: string;
}

/** The Batch data-plane version the exports speak (the one `@azure/batch` 10.2.0 and the BFF use). */
const API_VERSION = "2022-10-01.16.0";

const PLACEHOLDER = /^\$\{([A-Z][A-Z0-9_]*)\}$/;

const isRegistry = (value: object): value is ContainerRegistry =>
  "registryServer" in value && ("userName" in value || "password" in value || "identityReference" in value);

/** A JSON copy of the body with every container registry in its wire shape (`username`, password placeholder). */
const toWire = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (isRegistry(value)) return toWireRegistry(value);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, toWire(v)]),
  );
};

export const wireBody = (r: WireResource): Record<string, unknown> => toWire(r.body) as Record<string, unknown>;

/** The `${NAME}` placeholders a body holds, in first-use order: what an export must ask for. */
export const placeholdersIn = (body: unknown): string[] => {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      const m = PLACEHOLDER.exec(v);
      if (m) found.add(m[1]!);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(body);
  return [...found];
};

export const wireJson = (r: WireResource): string => `${JSON.stringify(wireBody(r), null, 2)}\n`;

/** `az batch <noun> create --json-file <file>`, with the file it reads. */
export const wireAzCli = (r: WireResource, options: AzCliOptions = {}): AzCliExport => {
  const json = wireJson(r);
  const command = azJsonFileCommand(r.noun, r.fileName, placeholdersIn(JSON.parse(json)), options, [], r.azArguments);
  return { fileName: r.fileName, fileContent: json, command };
};

/**
 * Python (azure-batch): the REST body read by the SDK's own model (msrest's `from_dict` takes the
 * wire names). Only strings that are exactly a `${NAME}` placeholder are filled from the
 * environment, so a command line's `$VAR` stays as it is.
 */
export const wirePython = (r: WireResource): string => {
  const body = wireBody(r);
  const usesEnv = placeholdersIn(body).length > 0;
  return [
    "import json",
    ...(usesEnv ? ["import os", "import re"] : []),
    "",
    "import azure.batch.models as batchmodels",
    "",
    "# client = azure.batch.BatchServiceClient(credentials, batch_url=...)  (sign in with Microsoft Entra ID)",
    "",
    `body = json.loads(${pyString(JSON.stringify(body))})`,
    ...(usesEnv
      ? [
          "",
          "# Registry passwords and write SAS URLs are read from the environment, never written in code.",
          "def from_environment(value):",
          "    if isinstance(value, dict):",
          "        return {k: from_environment(v) for k, v in value.items()}",
          "    if isinstance(value, list):",
          "        return [from_environment(v) for v in value]",
          "    placeholder = isinstance(value, str) and re.fullmatch(r'\\$\\{([A-Z][A-Z0-9_]*)\\}', value)",
          "    return os.environ[placeholder.group(1)] if placeholder else value",
          "",
          "body = from_environment(body)",
        ]
      : []),
    "",
    `model = batchmodels.${r.python.model}.from_dict(body)`,
    r.python.add,
    "",
  ].join("\n");
};

/**
 * C#: the same body POSTed to the Batch REST API with an Entra token from Azure.Identity. The REST
 * call needs no model classes, so the program sends exactly what the JSON export shows.
 */
export const wireCSharp = (r: WireResource): string => {
  const body = wireBody(r);
  const usesEnv = placeholdersIn(body).length > 0;
  return [
    "// dotnet add package Azure.Identity",
    "using System.Net.Http.Headers;",
    "using System.Text;",
    ...(usesEnv ? ["using System.Text.Json;", "using System.Text.RegularExpressions;"] : []),
    "using Azure.Core;",
    "using Azure.Identity;",
    "",
    'var accountUrl = Environment.GetEnvironmentVariable("BATCH_ACCOUNT_URL") ?? "https://<account>.<region>.batch.azure.com";',
    `var body = ${csString(JSON.stringify(body))};`,
    ...(usesEnv
      ? [
          "// Registry passwords and write SAS URLs are read from the environment, never written in code.",
          'body = Regex.Replace(body, "\\"\\\\$\\\\{([A-Z][A-Z0-9_]*)\\\\}\\"", m =>',
          '    JsonSerializer.Serialize(Environment.GetEnvironmentVariable(m.Groups[1].Value) ?? throw new InvalidOperationException($"Set {m.Groups[1].Value}")));',
        ]
      : []),
    "",
    "// Sign in with Microsoft Entra ID (az login, Visual Studio, a managed identity, …).",
    'var token = await new DefaultAzureCredential().GetTokenAsync(new TokenRequestContext(new[] { "https://batch.core.windows.net//.default" }));',
    "using var http = new HttpClient();",
    `using var request = new HttpRequestMessage(HttpMethod.Post, $"{accountUrl}${r.restPath}?api-version=${API_VERSION}")`,
    "{",
    '    Content = new StringContent(body, Encoding.UTF8, "application/json"),',
    "};",
    'request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; odata=minimalmetadata");',
    'request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);',
    "using var response = await http.SendAsync(request);",
    'Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");',
    "response.EnsureSuccessStatusCode();",
    "",
  ].join("\n");
};
