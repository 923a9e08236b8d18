// A certificate's policy (CertificatePolicy in certificates.json), kept in its wire shape
// (snake_case) so it goes back out as it came in: parsing checks every field and fills the
// service's defaults; an update merges into the current policy field by field.
import { isIP } from 'node:net';
import { distinguishedNameProblem } from '../../text/distinguished-name.js';
import { badParameter } from '../errors.js';
import type { JsonObject } from '../request-validation.js';
import { printable, requireObject } from '../request-validation.js';
import { describe, quoteList, RSA_KEY_SIZES } from '../keys/key-material.js';
import type { KeyUsage } from '../x509/index.js';
import { KEY_USAGES } from '../x509/index.js';

export const PKCS12 = 'application/x-pkcs12';
export const PEM = 'application/x-pem-file';
export const CONTENT_TYPES = [PKCS12, PEM] as const;
export type SecretContentType = (typeof CONTENT_TYPES)[number];

export const CERT_KEY_TYPES = ['RSA', 'RSA-HSM', 'EC', 'EC-HSM'] as const;
export type CertKeyType = (typeof CERT_KEY_TYPES)[number];
export const CERT_CURVES = ['P-256', 'P-384', 'P-521', 'P-256K'] as const;
export type CertCurve = (typeof CERT_CURVES)[number];
const ACTION_TYPES = ['AutoRenew', 'EmailContacts'] as const;

export interface KeyProps {
  exportable: boolean;
  kty: CertKeyType;
  key_size?: number;
  crv?: CertCurve;
  reuse_key: boolean;
}

export interface Sans {
  dns_names?: string[];
  emails?: string[];
  upns?: string[];
  ipAddresses?: string[];
}

export interface X509Props {
  subject: string;
  sans?: Sans;
  ekus: string[];
  key_usage: KeyUsage[];
  validity_months: number;
}

export interface LifetimeAction {
  trigger: { lifetime_percentage?: number; days_before_expiry?: number };
  action: { action_type: (typeof ACTION_TYPES)[number] };
}

export interface IssuerParams {
  name: string;
  cty?: string;
  cert_transparency?: boolean;
}

export interface StoredPolicy {
  key_props: KeyProps;
  secret_props: { contentType: SecretContentType };
  x509_props: X509Props;
  lifetime_actions: LifetimeAction[];
  issuer: IssuerParams;
  attributes: { enabled: boolean; created: number; updated: number };
}

const EKU_OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;

function optionalObject(obj: JsonObject, field: string): JsonObject | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  return requireObject(value, `'${field}'`);
}

function stringList(obj: JsonObject, field: string, where: string): string[] | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw badParameter(`'${where}.${field}' must be an array of strings.`);
  }
  return value as string[];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badParameter(`Unsupported ${field} ${describe(value)}. Supported values are ${quoteList(allowed)}.`);
  }
  return value as T;
}

function optionalBool(obj: JsonObject, field: string, where: string): boolean | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badParameter(`'${where}.${field}' must be true or false.`);
  return value;
}

function optionalInt(obj: JsonObject, field: string, where: string, min: number, max: number): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badParameter(`'${where}.${field}' must be an integer from ${min} to ${max}, got ${describe(value)}.`);
  }
  return value;
}

const CURVE_BITS: Record<CertCurve, number> = { 'P-256': 256, 'P-384': 384, 'P-521': 521, 'P-256K': 256 };

function parseKeyProps(input: JsonObject | undefined, base: KeyProps | undefined): KeyProps {
  const kp = input ?? {};
  const kty = kp.kty === undefined || kp.kty === null ? (base?.kty ?? 'RSA') : oneOf(kp.kty, CERT_KEY_TYPES, "key type 'key_props.kty'");
  const ec = kty.startsWith('EC');
  const sameFamily = base !== undefined && base.kty.startsWith('EC') === ec;
  const out: KeyProps = {
    kty,
    exportable: optionalBool(kp, 'exportable', 'key_props') ?? base?.exportable ?? !kty.endsWith('-HSM'),
    reuse_key: optionalBool(kp, 'reuse_key', 'key_props') ?? base?.reuse_key ?? false,
  };
  if (out.exportable && kty.endsWith('-HSM')) {
    throw badParameter(`An ${kty} key cannot be exportable: set 'key_props.exportable' to false or use ${kty.slice(0, -4)}.`);
  }
  const size = kp.key_size === undefined || kp.key_size === null ? undefined : kp.key_size;
  if (ec) {
    const crv =
      kp.crv === undefined || kp.crv === null
        ? ((sameFamily ? base?.crv : undefined) ?? (size === 384 ? 'P-384' : size === 521 ? 'P-521' : 'P-256'))
        : oneOf(kp.crv, CERT_CURVES, "curve 'key_props.crv'");
    if (size !== undefined && size !== CURVE_BITS[crv]) {
      throw badParameter(`'key_props.key_size' ${describe(size)} does not match curve ${crv} (${CURVE_BITS[crv]} bits).`);
    }
    out.crv = crv;
    out.key_size = CURVE_BITS[crv];
  } else {
    if (kp.crv !== undefined && kp.crv !== null) throw badParameter(`'key_props.crv' is only for EC keys; this policy's key type is ${kty}.`);
    const keySize = size ?? (sameFamily ? base?.key_size : undefined) ?? 2048;
    if (!(RSA_KEY_SIZES as readonly unknown[]).includes(keySize)) {
      throw badParameter(`Unsupported RSA key size ${describe(keySize)}. Supported values are ${RSA_KEY_SIZES.join(', ')}.`);
    }
    out.key_size = keySize as number;
  }
  return out;
}

function parseSans(input: JsonObject | undefined, base: Sans | undefined): Sans | undefined {
  if (input === undefined) return base;
  const out: Sans = {};
  const dns = stringList(input, 'dns_names', 'x509_props.sans');
  const emails = stringList(input, 'emails', 'x509_props.sans');
  const upns = stringList(input, 'upns', 'x509_props.sans');
  const ips = stringList(input, 'ipAddresses', 'x509_props.sans');
  const uris = stringList(input, 'uris', 'x509_props.sans');
  if (uris?.length) throw badParameter(`'x509_props.sans.uris' is not supported by this emulator; use dns_names, emails, upns or ipAddresses.`);
  for (const name of dns ?? []) {
    if (!/^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/.test(name)) {
      throw badParameter(`'${printable(name)}' in 'x509_props.sans.dns_names' is not a DNS name.`);
    }
  }
  for (const email of [...(emails ?? []), ...(upns ?? [])]) {
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badParameter(`'${printable(email)}' in 'x509_props.sans' is not of the form user@domain.`);
  }
  for (const ip of ips ?? []) {
    if (isIP(ip) === 0) throw badParameter(`'${printable(ip)}' in 'x509_props.sans.ipAddresses' is not an IPv4 or IPv6 address.`);
  }
  if (dns?.length) out.dns_names = dns;
  if (emails?.length) out.emails = emails;
  if (upns?.length) out.upns = upns;
  if (ips?.length) out.ipAddresses = ips;
  return Object.keys(out).length > 0 ? out : undefined;
}

function parseX509(input: JsonObject | undefined, base: X509Props | undefined): X509Props {
  const x = input ?? {};
  const subjectValue = x.subject;
  if (subjectValue !== undefined && subjectValue !== null && typeof subjectValue !== 'string') {
    throw badParameter(`'x509_props.subject' must be a string such as "CN=api.contoso.com".`);
  }
  // The whole subject is checked here, before any key or secret is made: a subject that fails
  // later (at signing) would leave a disabled certificate and orphan key versions behind.
  const subjectProblem = typeof subjectValue === 'string' ? distinguishedNameProblem(subjectValue) : null;
  if (subjectProblem !== null) {
    throw badParameter(`'x509_props.subject' is not a distinguished name like "CN=api.contoso.com, O=Contoso": ${subjectProblem}.`);
  }
  const ekus = stringList(x, 'ekus', 'x509_props') ?? base?.ekus ?? [];
  for (const eku of ekus) {
    if (!EKU_OID.test(eku)) throw badParameter(`'${printable(eku)}' in 'x509_props.ekus' is not an OID such as 1.3.6.1.5.5.7.3.1.`);
  }
  const usages = stringList(x, 'key_usage', 'x509_props') ?? base?.key_usage ?? [];
  const unknown = usages.filter((u) => !(KEY_USAGES as readonly string[]).includes(u));
  if (unknown.length) {
    throw badParameter(`Unsupported key usage(s) ${quoteList(unknown)}. Supported values are ${quoteList(KEY_USAGES)}.`);
  }
  const out: X509Props = {
    subject: typeof subjectValue === 'string' ? subjectValue : (base?.subject ?? ''),
    ekus: [...ekus],
    key_usage: [...new Set(usages)] as KeyUsage[],
    validity_months: optionalInt(x, 'validity_months', 'x509_props', 1, 1200) ?? base?.validity_months ?? 12,
  };
  const sans = parseSans(optionalObject(x, 'sans'), base?.sans);
  if (sans) out.sans = sans;
  return out;
}

function parseLifetimeActions(value: unknown, issuerName: string, base: LifetimeAction[] | undefined): LifetimeAction[] {
  if (value === undefined || value === null) {
    return base ?? [{ trigger: { lifetime_percentage: 80 }, action: { action_type: issuerName === 'Unknown' ? 'EmailContacts' : 'AutoRenew' } }];
  }
  if (!Array.isArray(value)) throw badParameter(`'lifetime_actions' must be an array.`);
  if (value.length > 1) throw badParameter(`A policy has at most one lifetime action, got ${value.length}.`);
  return value.map((raw) => {
    const item = requireObject(raw, "a 'lifetime_actions' entry");
    const trigger = optionalObject(item, 'trigger') ?? {};
    const action = optionalObject(item, 'action') ?? {};
    const pct = optionalInt(trigger, 'lifetime_percentage', 'lifetime_actions.trigger', 1, 99);
    const days = optionalInt(trigger, 'days_before_expiry', 'lifetime_actions.trigger', 1, 36500);
    if ((pct === undefined) === (days === undefined)) {
      throw badParameter(`A lifetime action's trigger needs exactly one of 'lifetime_percentage' (1-99) or 'days_before_expiry'.`);
    }
    const type = oneOf(action.action_type, ACTION_TYPES, "lifetime action 'action_type'");
    if (type === 'AutoRenew' && issuerName === 'Unknown') {
      throw badParameter(`'AutoRenew' needs an issuer that can issue; with issuer 'Unknown' use 'EmailContacts'.`);
    }
    return { trigger: pct !== undefined ? { lifetime_percentage: pct } : { days_before_expiry: days }, action: { action_type: type } };
  });
}

function parseIssuer(input: JsonObject | undefined, base: IssuerParams | undefined): IssuerParams {
  const i = input ?? {};
  const name = i.name === undefined || i.name === null ? (base?.name ?? 'Unknown') : i.name;
  if (typeof name !== 'string' || !/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
    throw badParameter(`'issuer.name' must be 'Self', 'Unknown' or the name of a configured issuer (1-127 of 0-9, a-z, A-Z, '-'), got ${describe(name)}.`);
  }
  const out: IssuerParams = { name };
  const cty = i.cty === undefined || i.cty === null ? base?.cty : i.cty;
  if (cty !== undefined) {
    if (typeof cty !== 'string') throw badParameter(`'issuer.cty' must be a string.`);
    out.cty = cty;
  }
  const ct = optionalBool(i, 'cert_transparency', 'issuer') ?? base?.cert_transparency;
  if (ct !== undefined) out.cert_transparency = ct;
  return out;
}

/**
 * A policy from a request body's `policy` (create, import, update policy). `base` is the
 * current policy: absent fields keep its values. `requireSubject` for policies that issue.
 */
export function parsePolicy(value: unknown, base: StoredPolicy | undefined, nowS: number, requireSubject: boolean): StoredPolicy {
  const p = value === undefined || value === null ? {} : requireObject(value, "'policy'");
  const issuer = parseIssuer(optionalObject(p, 'issuer'), base?.issuer);
  const secretProps = optionalObject(p, 'secret_props');
  const contentType =
    secretProps?.contentType === undefined || secretProps.contentType === null
      ? (base?.secret_props.contentType ?? PKCS12)
      : oneOf(secretProps.contentType, CONTENT_TYPES, "content type 'secret_props.contentType'");
  const x509 = parseX509(optionalObject(p, 'x509_props'), base?.x509_props);
  if (requireSubject && x509.subject.trim() === '' && !x509.sans) {
    throw badParameter(`The policy needs 'x509_props.subject' (e.g. "CN=api.contoso.com") or at least one subject alternative name.`);
  }
  const attrs = optionalObject(p, 'attributes') ?? {};
  const enabled = optionalBool(attrs, 'enabled', 'policy.attributes') ?? base?.attributes.enabled ?? true;
  return {
    key_props: parseKeyProps(optionalObject(p, 'key_props'), base?.key_props),
    secret_props: { contentType },
    x509_props: x509,
    lifetime_actions: parseLifetimeActions(p.lifetime_actions, issuer.name, base?.lifetime_actions),
    issuer,
    attributes: { enabled, created: base?.attributes.created ?? nowS, updated: nowS },
  };
}

/** The policy as the service returns it, with its id. */
export function policyJson(certificateUrl: string, policy: StoredPolicy): Record<string, unknown> {
  const x: Record<string, unknown> = { subject: policy.x509_props.subject };
  if (policy.x509_props.sans) x.sans = structuredClone(policy.x509_props.sans);
  x.ekus = [...policy.x509_props.ekus];
  x.key_usage = [...policy.x509_props.key_usage];
  x.validity_months = policy.x509_props.validity_months;
  return {
    id: `${certificateUrl}/policy`,
    key_props: { ...policy.key_props },
    secret_props: { ...policy.secret_props },
    x509_props: x,
    lifetime_actions: structuredClone(policy.lifetime_actions),
    issuer: { ...policy.issuer },
    attributes: { ...policy.attributes },
  };
}
