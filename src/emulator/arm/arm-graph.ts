// Azure Resource Graph's `resources` query endpoint for the one query shape kvx sends (Key
// Vault vaults across subscriptions, optionally projected), paged with $top/$skipToken.
// Other queries get the service's InvalidQuery error: this is not a KQL engine.
import { randomUUID } from 'node:crypto';
import type { ArmVault } from './arm-resources.js';
import { VAULT_TYPE, vaultResource } from './arm-resources.js';

export interface GraphAnswer {
  status: number;
  body: unknown;
}

const VAULTS_QUERY = /^resources\s*\|\s*where\s+type\s*(=~|==)\s*'microsoft\.keyvault\/vaults'\s*(\|\s*project\s+([a-z, ]+?))?\s*(\|\s*order\s+by\s+name\s+asc)?\s*$/i;
const PROJECTABLE = ['id', 'name', 'type', 'resourcegroup', 'location', 'subscriptionid', 'tenantid', 'tags', 'properties'];
const MAX_TOP = 1000;

function badRequest(detailCode: string, detail: string): GraphAnswer {
  return {
    status: 400,
    body: {
      error: {
        code: 'BadRequest',
        message: `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`,
        details: [
          { code: detailCode, message: detail },
        ],
      },
    },
  };
}

/** A row as Resource Graph returns it (objectArray format), all fields before projection. */
function row(vault: ArmVault, subscriptionId: string, tenantId: string): Record<string, unknown> {
  const resource = vaultResource(vault, subscriptionId, tenantId);
  return {
    id: resource.id,
    name: vault.name,
    type: VAULT_TYPE.toLowerCase(),
    tenantId,
    location: resource.location,
    resourceGroup: (vault.resourceGroup ?? '').toLowerCase() || String(resource.id).split('/')[4].toLowerCase(),
    subscriptionId,
    tags: resource.tags,
    properties: resource.properties,
  };
}

export interface GraphQueryInput {
  body: unknown;
  /** Every vault with its subscription. */
  vaults: readonly { vault: ArmVault; subscriptionId: string }[];
  subscriptionIds: readonly string[];
  tenantId: string;
}

export function answerGraphQuery(input: GraphQueryInput): GraphAnswer {
  const body = input.body as { query?: unknown; subscriptions?: unknown; options?: Record<string, unknown> } | undefined;
  if (!body || typeof body.query !== 'string') return badRequest('InvalidQuery', 'The request body must be {"query": "<KQL>", "subscriptions": [...]}.');
  const match = VAULTS_QUERY.exec(body.query.trim());
  if (!match) {
    return badRequest(
      'InvalidQuery',
      `Query is invalid. This emulated Resource Graph answers only: resources | where type =~ 'microsoft.keyvault/vaults' [| project fields] [| order by name asc].`,
    );
  }
  const fields = match[3] ? match[3].split(',').map((f) => f.trim()).filter(Boolean) : undefined;
  const unknown = fields?.find((f) => !PROJECTABLE.includes(f.toLowerCase()));
  if (unknown) return badRequest('InvalidQuery', `Query is invalid: unknown column '${unknown.slice(0, 40)}' in project; known: ${PROJECTABLE.join(', ')}.`);
  let scope = input.subscriptionIds.map((s) => s.toLowerCase());
  if (body.subscriptions !== undefined) {
    if (!Array.isArray(body.subscriptions) || body.subscriptions.some((s) => typeof s !== 'string')) {
      return badRequest('InvalidSubscriptions', '"subscriptions" must be a list of subscription ids.');
    }
    const asked = (body.subscriptions as string[]).map((s) => s.toLowerCase());
    scope = scope.filter((s) => asked.includes(s));
  }
  const options = body.options ?? {};
  const top = options.$top ?? 100;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > MAX_TOP) return badRequest('InvalidTop', `$top must be a whole number from 1 to ${MAX_TOP}.`);
  let offset = 0;
  if (options.$skipToken !== undefined) {
    const parsed = typeof options.$skipToken === 'string' ? Number(Buffer.from(options.$skipToken, 'base64url').toString('utf8')) : NaN;
    if (!Number.isInteger(parsed) || parsed < 0) return badRequest('InvalidSkipToken', 'The $skipToken is not valid: pass the one the previous page returned.');
    offset = parsed;
  }
  let rows = input.vaults.filter((v) => scope.includes(v.subscriptionId.toLowerCase())).map((v) => row(v.vault, v.subscriptionId, input.tenantId));
  if (match[4]) rows = rows.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const projected = fields ? rows.map((r) => Object.fromEntries(fields.map((f) => [Object.keys(r).find((k) => k.toLowerCase() === f.toLowerCase()) ?? f, r[Object.keys(r).find((k) => k.toLowerCase() === f.toLowerCase()) ?? f]]))) : rows;
  const data = projected.slice(offset, offset + top);
  const end = offset + data.length;
  return {
    status: 200,
    body: {
      totalRecords: projected.length,
      count: data.length,
      resultTruncated: 'false',
      ...(end < projected.length ? { $skipToken: Buffer.from(String(end)).toString('base64url') } : {}),
      data,
      facets: [],
    },
  };
}
