// Checks every response the SDK clients receive against keys.json (OpenAPI 2.0, 2025-07-01):
// the operation is found from method + path, the body validated against that operation's
// response schema (or KeyVaultError for errors). Object schemas are closed (no extra
// properties), so a misspelt field fails too.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

const SPEC_PATH = '/work/shared/keyvault-rest-spec/keys.json';

interface Operation {
  method: string;
  regex: RegExp;
  literals: number;
  operationId: string;
  responses: Record<string, { schema?: { $ref: string } }>;
}

type Json = Record<string, unknown>;

/**
 * Closes every object schema that lists its properties and says nothing about others. Also
 * lets `nextLink` be null: the service ends every list with `"nextLink": null`, which
 * OpenAPI 2.0 cannot express.
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
  Object.values(obj).forEach(closeObjects);
}

export interface KeysValidator {
  /** Problems with one response; empty when it matches the spec. */
  check(method: string, url: string, status: number, body: unknown): string[];
}

export function createKeysValidator(): KeysValidator {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
  const definitions = spec.definitions as Json;
  closeObjects(definitions);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('base64url', /^[A-Za-z0-9_-]*$/);
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ definitions }, 'keys.json');
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (ref: string): ValidateFunction => {
    let v = validators.get(ref);
    if (!v) {
      v = ajv.compile({ $ref: `keys.json${ref}` });
      validators.set(ref, v);
    }
    return v;
  };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (method === 'parameters') continue;
      const segments = path.split('/').slice(1);
      const pattern = segments.map((s) => (s.startsWith('{') ? '[^/]*' : s.toLowerCase())).join('/');
      operations.push({
        method: method.toUpperCase(),
        regex: new RegExp(`^/${pattern}/?$`),
        literals: segments.filter((s) => !s.startsWith('{')).length,
        operationId: (op as Json).operationId as string,
        responses: (op as Json).responses as Operation['responses'],
      });
    }
  }
  operations.sort((a, b) => b.literals - a.literals);

  return {
    check(method, url, status, body) {
      const path = new URL(url).pathname.toLowerCase();
      const op = operations.find((o) => o.method === method && o.regex.test(path));
      if (!op) return [`${method} ${path}: no operation in keys.json`];
      const response = op.responses[String(status)] ?? (status >= 400 ? op.responses.default : undefined);
      if (!response) return [`${op.operationId}: status ${status} is not a documented response`];
      if (!response.schema) {
        return body === undefined ? [] : [`${op.operationId}: status ${status} should have no body`];
      }
      const validate = validatorFor(response.schema.$ref);
      if (validate(body)) return [];
      return (validate.errors ?? []).map((e) => `${op.operationId} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
  };
}

/**
 * A pipeline policy that validates each response of a keys client and records problems in
 * `failures` (the test asserts it is empty), so every SDK call in a test is checked.
 */
export function validationPolicy(validator: KeysValidator, failures: string[]): PipelinePolicy {
  return {
    name: 'kvxKeysOpenApiValidation',
    async sendRequest(request, next) {
      const response = await next(request);
      let body: unknown = undefined;
      if (response.bodyAsText) {
        try {
          body = JSON.parse(response.bodyAsText);
        } catch {
          failures.push(`${request.method} ${request.url}: body is not JSON`);
          return response;
        }
      }
      failures.push(...validator.check(request.method, request.url, response.status, body));
      return response;
    },
  };
}
