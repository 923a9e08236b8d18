// Checks for names and JSON request bodies shared by every collection. Each failure is a
// 400 whose message says what is wrong and what is allowed.
import { badParameter } from './errors.js';

const OBJECT_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const VERSION_ID = /^[0-9a-fA-F]{32}$/;
export const MAX_TAGS = 15;
const MAX_TAG_NAME = 512;
const MAX_TAG_VALUE = 256;

export function checkObjectName(name: string, label: string): string {
  if (!OBJECT_NAME.test(name)) {
    throw badParameter(
      `The ${label.toLowerCase()} name '${printable(name)}' is invalid: names are 1 to 127 characters of 0-9, a-z, A-Z and '-'.`,
    );
  }
  return name;
}

export function isVersionId(version: string): boolean {
  return VERSION_ID.test(version);
}

/** Shows untrusted text in an error message without control characters. */
export function printable(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export type JsonObject = Record<string, unknown>;

export function requireObject(body: unknown, what: string): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badParameter(`The request body for ${what} must be a JSON object.`);
  }
  return body as JsonObject;
}

export function optionalString(obj: JsonObject, field: string): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badParameter(`'${field}' must be a string.`);
  return value;
}

export function requireString(obj: JsonObject, field: string): string {
  const value = optionalString(obj, field);
  if (value === undefined) throw badParameter(`'${field}' is required and must be a string.`);
  return value;
}

export function optionalBoolean(obj: JsonObject, field: string): boolean | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badParameter(`'${field}' must be true or false.`);
  return value;
}

/** Epoch seconds (the wire format of nbf/exp). */
export function optionalEpochSeconds(obj: JsonObject, field: string): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw badParameter(`'${field}' must be a non-negative integer number of seconds since 1970-01-01 UTC.`);
  }
  return value;
}

export function optionalTags(obj: JsonObject): Record<string, string> | undefined {
  const value = obj.tags;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badParameter(`'tags' must be an object of string names to string values.`);
  }
  const entries = Object.entries(value as JsonObject);
  if (entries.length > MAX_TAGS) {
    throw badParameter(`Too many tags: ${entries.length}; at most ${MAX_TAGS} tags are allowed.`);
  }
  const tags: Record<string, string> = {};
  for (const [name, tagValue] of entries) {
    if (typeof tagValue !== 'string') throw badParameter(`Tag '${printable(name)}' must have a string value.`);
    if (name.length === 0 || name.length > MAX_TAG_NAME) {
      throw badParameter(`Tag names must be 1 to ${MAX_TAG_NAME} characters; '${printable(name)}' is not.`);
    }
    if (tagValue.length > MAX_TAG_VALUE) {
      throw badParameter(`Tag '${printable(name)}' has a value longer than ${MAX_TAG_VALUE} characters.`);
    }
    tags[name] = tagValue;
  }
  return tags;
}

/** The writable part of `attributes`: enabled, nbf, exp. Read-only fields are ignored, like the service does. */
export interface AttributesInput {
  enabled?: boolean;
  nbf?: number;
  exp?: number;
}

export function optionalAttributes(obj: JsonObject): AttributesInput | undefined {
  const value = obj.attributes;
  if (value === undefined || value === null) return undefined;
  const attrs = requireObject(value, "'attributes'");
  const out: AttributesInput = {};
  const enabled = optionalBoolean(attrs, 'enabled');
  const nbf = optionalEpochSeconds(attrs, 'nbf');
  const exp = optionalEpochSeconds(attrs, 'exp');
  if (enabled !== undefined) out.enabled = enabled;
  if (nbf !== undefined) out.nbf = nbf;
  if (exp !== undefined) out.exp = exp;
  if (out.nbf !== undefined && out.exp !== undefined && out.nbf > out.exp) {
    throw badParameter(`'nbf' (not before) must not be later than 'exp' (expires).`);
  }
  return out;
}
