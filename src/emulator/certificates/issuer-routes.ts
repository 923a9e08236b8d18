// Certificate issuers (/certificates/issuers) and contacts (/certificates/contacts).
import { badParameter, ServiceError } from '../errors.js';
import { paginate, sortedArrayCursor } from '../paging.js';
import type { JsonObject } from '../request-validation.js';
import { checkObjectName, optionalBoolean, optionalString, printable, requireObject, requireString } from '../request-validation.js';
import type { Route, RouteRequest, RouteResponse } from '../router.js';
import type { AdminDetails, Contact, Issuer } from './issuer-store.js';
import { findIssuer, issuersOf } from './issuer-store.js';

/** Names Key Vault reserves for its own issuance paths. */
const RESERVED = ['self', 'unknown'];

function issuerName(req: RouteRequest): string {
  return checkObjectName(req.params.issuer, 'Issuer');
}

function issuerNotFound(name: string): ServiceError {
  return new ServiceError(404, 'CertificateIssuerNotFound', `Issuer not found: ${printable(name)}`);
}

function issuerJson(url: string, issuer: Issuer): Record<string, unknown> {
  const out: Record<string, unknown> = { id: `${url}/certificates/issuers/${issuer.name}`, provider: issuer.provider };
  if (issuer.accountId !== undefined) out.credentials = { account_id: issuer.accountId };
  if (issuer.orgId !== undefined || issuer.adminDetails !== undefined) {
    const org: Record<string, unknown> = {};
    if (issuer.orgId !== undefined) org.id = issuer.orgId;
    if (issuer.adminDetails !== undefined) org.admin_details = issuer.adminDetails.map((a) => ({ ...a }));
    out.org_details = org;
  }
  out.attributes = { enabled: issuer.enabled, created: issuer.created, updated: issuer.updated };
  return out;
}

function stringFields<T extends object>(raw: unknown, fields: readonly (keyof T & string)[], what: string): T {
  const obj = requireObject(raw, what);
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = optionalString(obj, field);
    if (value !== undefined) out[field] = value;
  }
  return out as T;
}

/** Applies a set/update body to an issuer; `provider` is required when setting. */
function applyIssuerBody(target: Issuer, body: JsonObject, setting: boolean): void {
  const provider = setting ? requireString(body, 'provider') : optionalString(body, 'provider');
  if (provider !== undefined) {
    if (provider.trim() === '' || provider.length > 64) throw badParameter(`'provider' must be 1 to 64 characters, e.g. "DigiCert" or "GlobalSign".`);
    target.provider = provider;
  }
  if (body.credentials !== undefined && body.credentials !== null) {
    const creds = requireObject(body.credentials, "'credentials'");
    const account = optionalString(creds, 'account_id');
    const pwd = optionalString(creds, 'pwd');
    if (account !== undefined) target.accountId = account;
    if (pwd !== undefined) target.password = pwd;
  }
  if (body.org_details !== undefined && body.org_details !== null) {
    const org = requireObject(body.org_details, "'org_details'");
    const id = optionalString(org, 'id');
    if (id !== undefined) target.orgId = id;
    if (org.admin_details !== undefined && org.admin_details !== null) {
      if (!Array.isArray(org.admin_details)) throw badParameter(`'org_details.admin_details' must be an array.`);
      target.adminDetails = org.admin_details.map((a) =>
        stringFields<AdminDetails>(a, ['first_name', 'last_name', 'email', 'phone'], "an 'admin_details' entry"),
      );
    }
  }
  if (body.attributes !== undefined && body.attributes !== null) {
    const enabled = optionalBoolean(requireObject(body.attributes, "'attributes'"), 'enabled');
    if (enabled !== undefined) target.enabled = enabled;
  }
}

function setIssuer(req: RouteRequest): RouteResponse {
  const name = issuerName(req);
  if (RESERVED.includes(name.toLowerCase())) {
    throw badParameter(`'${name}' is reserved for Key Vault's own issuance; choose another issuer name.`);
  }
  const body = requireObject(req.body, 'setting a certificate issuer');
  const now = Math.floor(req.vault.clock() / 1000);
  const existing = findIssuer(req.vault, name);
  const issuer: Issuer = { name: existing?.name ?? name, provider: '', enabled: true, created: existing?.created ?? now, updated: now };
  applyIssuerBody(issuer, body, true);
  issuersOf(req.vault).issuers.set(name.toLowerCase(), issuer);
  return { status: 200, body: issuerJson(req.vault.url, issuer) };
}

function updateIssuer(req: RouteRequest): RouteResponse {
  const name = issuerName(req);
  const issuer = findIssuer(req.vault, name);
  if (!issuer) throw issuerNotFound(name);
  const next: Issuer = { ...issuer };
  applyIssuerBody(next, requireObject(req.body ?? {}, 'updating a certificate issuer'), false);
  next.updated = Math.max(issuer.created, Math.floor(req.vault.clock() / 1000));
  issuersOf(req.vault).issuers.set(name.toLowerCase(), next);
  return { status: 200, body: issuerJson(req.vault.url, next) };
}

function getIssuer(req: RouteRequest): RouteResponse {
  const name = issuerName(req);
  const issuer = findIssuer(req.vault, name);
  if (!issuer) throw issuerNotFound(name);
  return { status: 200, body: issuerJson(req.vault.url, issuer) };
}

function deleteIssuer(req: RouteRequest): RouteResponse {
  const name = issuerName(req);
  const issuer = findIssuer(req.vault, name);
  if (!issuer) throw issuerNotFound(name);
  issuersOf(req.vault).issuers.delete(name.toLowerCase());
  return { status: 200, body: issuerJson(req.vault.url, issuer) };
}

function listIssuers(req: RouteRequest): RouteResponse {
  const url = req.vault.url;
  const all = [...issuersOf(req.vault).issuers.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  return {
    status: 200,
    body: paginate(
      sortedArrayCursor(all, (i) => i.name.toLowerCase()),
      (i) => ({ id: `${url}/certificates/issuers/${i.name}`, provider: i.provider }),
      { query: req.query, vaultUrl: url, path: '/certificates/issuers', apiVersion: req.apiVersion },
    ),
  };
}

function contactsJson(url: string, contacts: Contact[]): Record<string, unknown> {
  return { id: `${url}/certificates/contacts`, contacts: contacts.map((c) => ({ ...c })) };
}

function contactsNotFound(): ServiceError {
  return new ServiceError(404, 'ContactsNotFound', 'Contacts not found: no certificate contacts are set in this vault.');
}

function setContacts(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'setting certificate contacts');
  if (!Array.isArray(body.contacts) || body.contacts.length === 0) {
    throw badParameter(`'contacts' must be a non-empty array of {email, name?, phone?}.`);
  }
  const contacts = body.contacts.map((c) => {
    const contact = stringFields<Contact>(c, ['email', 'name', 'phone'], "a 'contacts' entry");
    if (contact.email === undefined || !/^[^@\s]+@[^@\s]+$/.test(contact.email)) {
      throw badParameter(`Each contact needs an 'email' of the form user@domain.`);
    }
    return contact;
  });
  issuersOf(req.vault).contacts = contacts;
  return { status: 200, body: contactsJson(req.vault.url, contacts) };
}

function getContacts(req: RouteRequest): RouteResponse {
  const contacts = issuersOf(req.vault).contacts;
  if (!contacts) throw contactsNotFound();
  return { status: 200, body: contactsJson(req.vault.url, contacts) };
}

function deleteContacts(req: RouteRequest): RouteResponse {
  const state = issuersOf(req.vault);
  if (!state.contacts) throw contactsNotFound();
  const contacts = state.contacts;
  state.contacts = undefined;
  return { status: 200, body: contactsJson(req.vault.url, contacts) };
}

export const issuerRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/certificates/issuers', permission: 'certificates/listissuers', handler: listIssuers },
  { method: 'GET', pattern: '/certificates/issuers/{issuer}', permission: 'certificates/getissuers', handler: getIssuer },
  { method: 'PUT', pattern: '/certificates/issuers/{issuer}', permission: 'certificates/setissuers', handler: setIssuer },
  { method: 'PATCH', pattern: '/certificates/issuers/{issuer}', permission: 'certificates/setissuers', handler: updateIssuer },
  { method: 'DELETE', pattern: '/certificates/issuers/{issuer}', permission: 'certificates/deleteissuers', handler: deleteIssuer },
  { method: 'GET', pattern: '/certificates/contacts', permission: 'certificates/managecontacts', handler: getContacts },
  { method: 'PUT', pattern: '/certificates/contacts', permission: 'certificates/managecontacts', handler: setContacts },
  { method: 'DELETE', pattern: '/certificates/contacts', permission: 'certificates/managecontacts', handler: deleteContacts },
];
