// Conformance: checks response bodies against Microsoft's published OpenAPI 2.0 description
// of the Key Vault data plane (secrets.json, keys.json, certificates.json in
// ../shared/keyvault-rest-spec/ beside the repo). The operation is found from method + path
// (the most literal path template wins), the body is validated against that operation's
// schema for the status (or its `default`, KeyVaultError). Object schemas are closed, so an
// undocumented or misspelt field fails too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

type Json = Record<string, unknown>;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** CI clones the repo with `shared/` beside it, exactly like /work/shared beside /work/main. */
export const SPEC_DIR = path.resolve(REPO_ROOT, '../shared/keyvault-rest-spec');

const SPEC_FILES = ['secrets.json', 'keys.json', 'certificates.json'] as const;

interface Operation {
  file: string;
  method: string;
  template: string;
  regex: RegExp;
  literals: number;
  operationId: string;
  responses: Record<string, { schema?: { $ref?: string } } | undefined>;
}

export interface ResponseRecord {
  method: string;
  url: string;
  status: number;
  /** Raw body text ('' when empty). */
  body: string;
}

export interface CheckResult {
  operationId?: string;
  problems: string[];
}

/**
 * Closes object schemas that list their properties, and lets `nextLink` be null: the service
 * ends every list with `"nextLink": null`, which OpenAPI 2.0 cannot say.
 */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Json;
  if (obj.properties && obj.additionalProperties === undefined) obj.additionalProperties = false;
  const nextLink = (obj.properties as Json | undefined)?.nextLink as Json | undefined;
  if (nextLink?.type === 'string') nextLink.type = ['string', 'null'];
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith('x-ms-')) delete obj[key];
    else closeObjects(value);
  }
}

function templateRegex(template: string): { regex: RegExp; literals: number } {
  let literals = 0;
  const parts = template
    .split('/')
    .slice(1)
    .map((seg) => {
      if (/^\{.+\}$/.test(seg)) return '[^/]*';
      literals++;
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
  return { regex: new RegExp(`^/${parts.join('/')}/?$`, 'i'), literals };
}

export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(specDir = SPEC_DIR) {
    if (!existsSync(specDir)) throw new Error(`The Key Vault REST spec is missing: expected it in ${specDir}.`);
    this.ajv.addFormat('base64url', /^[A-Za-z0-9_-]*$/);
    this.ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
    this.ajv.addFormat('uri', { validate: (s: string) => URL.canParse(s) });
    this.ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
    for (const file of SPEC_FILES) {
      const spec = JSON.parse(readFileSync(path.join(specDir, file), 'utf8')) as Json;
      const definitions = spec.definitions as Json;
      closeObjects(definitions);
      this.ajv.addSchema({ definitions }, file);
      for (const [template, item] of Object.entries(spec.paths as Json)) {
        const { regex, literals } = templateRegex(template);
        for (const [method, op] of Object.entries(item as Json)) {
          if (method === 'parameters') continue;
          const operation = op as Json;
          this.operations.push({
            file,
            method: method.toUpperCase(),
            template,
            regex,
            literals,
            operationId: String(operation.operationId),
            responses: operation.responses as Operation['responses'],
          });
        }
      }
    }
  }

  /** The documented operation for a request, or undefined. */
  operationFor(method: string, pathname: string): Operation | undefined {
    let best: Operation | undefined;
    for (const op of this.operations) {
      if (op.method !== method.toUpperCase() || !op.regex.test(pathname)) continue;
      if (!best || op.literals > best.literals) best = op;
    }
    return best;
  }

  check(record: ResponseRecord): CheckResult {
    const url = new URL(record.url);
    const where = `${record.method} ${url.pathname} → ${record.status}`;
    const op = this.operationFor(record.method, url.pathname);
    if (!op) return { problems: [`${where}: no operation in the spec matches this request`] };
    const response = op.responses[String(record.status)] ?? (record.status >= 400 ? op.responses.default : undefined);
    if (!response) return { operationId: op.operationId, problems: [`${where}: status ${record.status} is not documented for ${op.operationId}`] };
    const ref = response.schema?.$ref;
    if (!ref) {
      return {
        operationId: op.operationId,
        problems: record.body === '' ? [] : [`${where}: ${op.operationId} documents no body for ${record.status}, got one`],
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      return { operationId: op.operationId, problems: [`${where}: body is not JSON`] };
    }
    const key = `${op.file}${ref}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: key });
      this.compiled.set(key, validate);
    }
    if (validate(body)) return { operationId: op.operationId, problems: [] };
    return {
      operationId: op.operationId,
      problems: (validate.errors ?? []).map(
        (e) => `${where} (${op.operationId}, ${ref.split('/').pop()}): ${e.instancePath || '/'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`,
      ),
    };
  }
}
