/**
 * Reading request bodies field by field, failing the way Batch does: MissingRequiredProperty or
 * InvalidPropertyValue naming the property (dotted path) and the reason.
 */
import { batchError, invalidProperty, missingProperty } from "../http/batch-error";
import { parseDuration } from "../model/duration";
import type { NameValue } from "../model/types";

export type Obj = Record<string, unknown>;

const BATCH_ID = /^[A-Za-z0-9_-]+$/;

export function bodyObject(body: unknown): Obj {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw batchError(400, "InvalidRequestBody", [
      { key: "Reason", value: "The request body must be a JSON object." },
    ]);
  return body as Obj;
}

const at = (path: string, name: string) => (path ? `${path}.${name}` : name);

export function objectField(o: Obj, name: string, path = ""): Obj | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v))
    throw invalidProperty(at(path, name), "Expected a JSON object.");
  return v as Obj;
}

export function requiredObject(o: Obj, name: string, path = ""): Obj {
  const v = objectField(o, name, path);
  if (!v) throw missingProperty(at(path, name));
  return v;
}

export function stringField(o: Obj, name: string, path = ""): string | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw invalidProperty(at(path, name), "Expected a string.", JSON.stringify(v));
  return v;
}

export function requiredString(o: Obj, name: string, path = "", allowEmpty = false): string {
  const v = stringField(o, name, path);
  if (v === undefined || (!allowEmpty && v.trim() === "")) throw missingProperty(at(path, name));
  return v;
}

export function intField(
  o: Obj,
  name: string,
  path = "",
  min = -2147483648,
  max = 2147483647,
): number | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v))
    throw invalidProperty(at(path, name), "Expected an integer.", JSON.stringify(v));
  if (v < min || v > max)
    throw invalidProperty(at(path, name), `The value must be between ${min} and ${max}.`, String(v));
  return v;
}

export function boolField(o: Obj, name: string, path = ""): boolean | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean")
    throw invalidProperty(at(path, name), "Expected true or false.", JSON.stringify(v));
  return v;
}

export function enumField<T extends string>(
  o: Obj,
  name: string,
  allowed: readonly T[],
  path = "",
): T | undefined {
  const v = stringField(o, name, path);
  if (v === undefined) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!match) throw invalidProperty(at(path, name), `Expected one of: ${allowed.join(", ")}.`, v);
  return match;
}

export function arrayField(o: Obj, name: string, path = ""): unknown[] | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidProperty(at(path, name), "Expected a JSON array.");
  return v;
}

/** A Batch id: letters, digits, '-' and '_', at most 64 characters. */
export function idField(o: Obj, name = "id", path = ""): string {
  const id = requiredString(o, name, path);
  if (id.length > 64) throw invalidProperty(at(path, name), "The id can contain at most 64 characters.", id);
  if (!BATCH_ID.test(id))
    throw invalidProperty(
      at(path, name),
      "The id can contain only letters, digits, hyphens and underscores.",
      id,
    );
  return id;
}

export function displayNameField(o: Obj, path = ""): string | undefined {
  const v = stringField(o, "displayName", path);
  if (v !== undefined && v.length > 1024)
    throw invalidProperty(at(path, "displayName"), "The displayName can contain at most 1024 characters.");
  return v;
}

/** An ISO-8601 duration, at least `minMs` when given. */
export function durationField(o: Obj, name: string, path = "", minMs = 0): string | undefined {
  const v = stringField(o, name, path);
  if (v === undefined) return undefined;
  const ms = parseDuration(v);
  if (ms === undefined)
    throw invalidProperty(at(path, name), "Expected an ISO-8601 duration such as PT15M.", v);
  if (ms < minMs)
    throw invalidProperty(at(path, name), `The value must be at least ${minMs / 60_000} minutes.`, v);
  return v;
}

export function nameValueList(o: Obj, name: string, path = ""): NameValue[] | undefined {
  const list = arrayField(o, name, path);
  if (!list) return undefined;
  return list.map((item, i) => {
    const p = `${at(path, name)}[${i}]`;
    const entry = bodyObjectAt(item, p);
    return { name: requiredString(entry, "name", p), value: stringField(entry, "value", p) ?? "" };
  });
}

export function bodyObjectAt(v: unknown, path: string): Obj {
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw invalidProperty(path, "Expected a JSON object.");
  return v as Obj;
}
