// Certificate issuers and contacts of one vault. Not versioned and not soft-deleted, so they
// live beside the object stores. A configured issuer issues from an emulated CA of its own
// (a real chain: leaf signed by "CN=<provider> CA (kvx emulator)"), since no provider is reachable.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import type { VaultState } from '../vault-state.js';
import { createCertificate } from '../x509/index.js';

export interface AdminDetails {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
}

export interface Issuer {
  /** As first set; lookups ignore case. */
  name: string;
  provider: string;
  accountId?: string;
  /** Kept to behave like the service; never sent back. */
  password?: string;
  orgId?: string;
  adminDetails?: AdminDetails[];
  enabled: boolean;
  created: number;
  updated: number;
}

export interface Contact {
  email?: string;
  name?: string;
  phone?: string;
}

interface VaultIssuers {
  issuers: Map<string, Issuer>;
  contacts?: Contact[];
  /** Promises, so two requests at once for a new issuer share one CA. */
  cas: Map<string, Promise<IssuerCa>>;
}

const byVault = new WeakMap<VaultState, VaultIssuers>();

export function issuersOf(vault: VaultState): VaultIssuers {
  let entry = byVault.get(vault);
  if (!entry) {
    entry = { issuers: new Map(), cas: new Map() };
    byVault.set(vault, entry);
  }
  return entry;
}

export function findIssuer(vault: VaultState, name: string): Issuer | undefined {
  return issuersOf(vault).issuers.get(name.toLowerCase());
}

export interface IssuerCa {
  certificate: Buffer;
  privateKey: KeyObject;
}

async function createIssuerCa(issuer: Issuer, now: number): Promise<IssuerCa> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const notBefore = new Date(now - 86_400_000);
  const { der } = await createCertificate({
    subject: `CN=${issuer.provider} CA (kvx emulator), O=kvx emulator`,
    privateKey,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 10 * 365 * 86_400_000),
    isCA: true,
    pathLen: 0,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return { certificate: der, privateKey };
}

/** The emulated CA that signs for a configured issuer, made on first use. */
export function issuerCa(vault: VaultState, issuer: Issuer, now: number): Promise<IssuerCa> {
  const cas = issuersOf(vault).cas;
  const key = `${issuer.name.toLowerCase()}:${issuer.provider}`;
  let ca = cas.get(key);
  if (!ca) {
    ca = createIssuerCa(issuer, now);
    cas.set(key, ca);
  }
  return ca;
}
