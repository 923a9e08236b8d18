// Every failure the store sees becomes one ClassifiedError: a class the UI can act on and one
// escaped line for people. Service text is untrusted (it can echo names from the vault), so
// it is made single-line and its control characters escaped here, once.
import type { ClassifiedError, CollectionKind, CredentialReason, FailedRequest } from './types.js';
import { escapeControl } from '../text/escape-control.js';
import { errorBodyFor } from './error-body-policy.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const COLLECTIONS: readonly CollectionKind[] = ['keys', 'secrets', 'certificates'];
const MAX_MESSAGE = 240;

/** One line, control characters escaped, long text cut. */
export function oneLine(text: string, max = MAX_MESSAGE): string {
  const flat = escapeControl(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  details?: unknown;
  request?: { url?: string; method?: string };
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null };
  errors?: unknown[];
  cause?: unknown;
}

interface ServiceErrorBody {
  code?: string;
  message?: string;
  innerCode?: string;
}

/** The service's `{"error": {code, message, innererror}}`, from the deserialized details or the raw body. */
function serviceErrorOf(err: ErrorLike): ServiceErrorBody {
  const read = (body: unknown): ServiceErrorBody | undefined => {
    const error = (body as { error?: { code?: unknown; message?: unknown; innerError?: { code?: unknown }; innererror?: { code?: unknown } } } | undefined)
      ?.error;
    if (!error || typeof error !== 'object') return undefined;
    const inner = error.innerError?.code ?? error.innererror?.code;
    const out: ServiceErrorBody = {};
    if (typeof error.code === 'string') out.code = error.code;
    if (typeof error.message === 'string') out.message = error.message;
    if (typeof inner === 'string') out.innerCode = inner;
    return out;
  };
  const fromDetails = read(err.details);
  if (fromDetails) return fromDetails;
  const text = err.response?.bodyAsText ?? errorBodyFor(err.request);
  if (typeof text === 'string' && text.trimStart().startsWith('{')) {
    try {
      return read(JSON.parse(text)) ?? {};
    } catch {
      return {};
    }
  }
  return {};
}

/** Retry delay from `retry-after-ms` / `x-ms-retry-after-ms` (ms) or `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: { get(name: string): string | undefined } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name));
    if (headers.get(name) !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const raw = headers.get('retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (raw.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Who was refused and which permission is missing, from the service's 403 text. Two wordings:
 * access policies ("The user, group or application 'appid=…;oid=…' does not have secrets list
 * permission on key vault '…'") and RBAC ("Caller: appid=…;oid=…" … "Action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'").
 */
export function parseForbidden(message: string): { permission?: { action: string; collection: CollectionKind }; caller?: string } {
  const out: { permission?: { action: string; collection: CollectionKind }; caller?: string } = {};
  const policy = /application '([^']*)' does not have (\w+) (\w+) permission/i.exec(message);
  if (policy) {
    const collection = policy[2].toLowerCase() as CollectionKind;
    if (COLLECTIONS.includes(collection)) out.permission = { action: policy[3].toLowerCase(), collection };
    out.caller = simplifyCaller(policy[1]);
    return out;
  }
  const caller = /Caller:\s*([^\r\n]+)/i.exec(message);
  if (caller) out.caller = simplifyCaller(caller[1].trim());
  const action = /Action:\s*'?Microsoft\.KeyVault\/vaults\/(\w+)\/([\w/]+?)\/action'?/i.exec(message);
  if (action) {
    const collection = action[1].toLowerCase() as CollectionKind;
    const rbac: Record<string, string> = { readmetadata: 'list', getsecret: 'get' };
    if (COLLECTIONS.includes(collection)) out.permission = { action: rbac[action[2].toLowerCase()] ?? action[2], collection };
  }
  return out;
}

/** `appid=…;oid=…;iss=…` → `appid=…;oid=…` (the issuer says nothing to people). */
function simplifyCaller(caller: string): string {
  return caller
    .split(';')
    .filter((part) => !/^iss=/i.test(part.trim()))
    .join(';');
}

function hostOf(err: ErrorLike): string | undefined {
  const url = err.request?.url;
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** The request a RestError carries: method, path (no query), host, status and the service's request id. */
export function failedRequestOf(err: ErrorLike): FailedRequest | undefined {
  const url = err.request?.url;
  if (!url) return undefined;
  const out: FailedRequest = { method: escapeControl(err.request?.method ?? 'GET'), path: '' };
  try {
    const parsed = new URL(url);
    out.path = escapeControl(decodeURIComponent(parsed.pathname)).slice(0, 300);
    out.host = escapeControl(parsed.host);
  } catch {
    out.path = oneLine(url.split('?')[0], 300);
  }
  if (err.statusCode !== undefined) out.status = err.statusCode;
  const requestId = err.response?.headers?.get('x-ms-request-id');
  if (requestId) out.requestId = oneLine(requestId, 100);
  return out;
}

/** The credentials a chain names by what they say rather than by class name. */
const CREDENTIAL_WORDS: readonly [RegExp, string][] = [
  [/Visual Studio Code/i, 'VisualStudioCodeCredential'],
  [/Azure Developer CLI/i, 'AzureDeveloperCliCredential'],
  [/Azure CLI/i, 'AzureCliCredential'],
  [/PowerShell/i, 'AzurePowerShellCredential'],
  [/workload identity/i, 'WorkloadIdentityCredential'],
  [/managed identity/i, 'ManagedIdentityCredential'],
  [/environment/i, 'EnvironmentCredential'],
];

/** Each credential of a chain (AggregateAuthenticationError.errors) with its whole reason, one line each. */
export function credentialReasons(err: ErrorLike): CredentialReason[] {
  const parts = Array.isArray(err.errors) && err.errors.length > 0 ? (err.errors as ErrorLike[]) : [err];
  return parts.map((e, i) => {
    const text = (e.message ?? String(e)).replace(/\s*(To troubleshoot|For more information|See the troubleshooting)[^.]*\.?/gi, ' ');
    const named = credentialNamed(text.trim());
    const credential = named ?? CREDENTIAL_WORDS.find(([re]) => re.test(text))?.[1] ?? (parts.length > 1 ? `credential ${i + 1}` : (e.name ?? 'credential'));
    const reason = oneLine(named ? text.trim().slice(named.length).replace(/^[\s:]+/, '') : text, 1000);
    return { credential, reason: reason || 'failed' };
  });
}

/** The first line of each credential's complaint, as "Name: reason". */
function authReason(err: ErrorLike): string {
  const parts = Array.isArray(err.errors) && err.errors.length > 0 ? (err.errors as ErrorLike[]) : [err];
  return parts
    .map((e) => (e.message ?? String(e)).split(/\r?\n/).find((l) => l.trim() !== '') ?? '')
    .map((l) => l.replace(/\s*(To troubleshoot|For more information|See the troubleshooting).*$/i, '').trim())
    .filter((l) => l !== '')
    // Several credentials each explain themselves: keep every one short so all fit.
    .map((l) => (l.length > 100 ? `${l.slice(0, 99)}…` : l))
    .join('; ');
}

const AUTH_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError', 'AuthenticationRequiredError']);

/** Adds what is known of the request, and the service's (or the error's) own whole text. */
function withRequest(out: ClassifiedError, err: ErrorLike, whole?: string): ClassifiedError {
  const request = failedRequestOf(err);
  if (request) out.request = request;
  if (whole !== undefined && out.fullMessage === undefined) out.fullMessage = oneLine(whole, Infinity);
  return out;
}

export function classifyError(error: unknown, context: { credential?: string; now?: number } = {}): ClassifiedError {
  if (error !== null && typeof error === 'object') {
    const err = error as ErrorLike;
    const classified = classifyOnce(err, context);
    // The service's whole message, for the error view, when the line shown is shorter.
    return classified.class === 'auth' ? classified : withRequest(classified, err, body(err));
  }
  return classifyOnce(error, context);
}

function body(err: ErrorLike): string | undefined {
  const text = serviceErrorOf(err).message ?? err.message;
  return text ? text : undefined;
}

function classifyOnce(error: unknown, context: { credential?: string; now?: number }): ClassifiedError {
  if (error === null || typeof error !== 'object') {
    return { class: 'unknown', message: oneLine(String(error)) };
  }
  const err = error as ErrorLike;
  const name = err.name ?? '';
  const body = serviceErrorOf(err);
  // The service's own words beat the SDK's ("Pagination failed with unexpected statusCode 403").
  const serviceMessage = body.message ?? err.message ?? '';

  if (AUTH_ERRORS.has(name) || /^(ManagedIdentity|DefaultAzure|AzureCli|Environment|Workload|LocalIdentity)\w*Credential/.test(serviceMessage)) {
    const credential = context.credential ?? credentialNamed(serviceMessage) ?? 'credential';
    const text = `sign-in failed (${credential}): ${authReason(err)}`;
    return withRequest({ class: 'auth', credential, message: oneLine(text), fullMessage: oneLine(text, Infinity), reasons: credentialReasons(err) }, err);
  }
  if (/challenge resource .* does not match/i.test(serviceMessage)) {
    return { class: 'auth', message: oneLine(`sign-in refused: ${serviceMessage}`) };
  }

  const status = err.statusCode;
  const code = typeof err.code === 'string' ? err.code : body.code;
  const innerCode = body.innerCode;
  const base: Pick<ClassifiedError, 'status' | 'code' | 'innerCode'> = {};
  if (status !== undefined) base.status = status;
  if (code !== undefined) base.code = code;
  if (innerCode !== undefined) base.innerCode = innerCode;

  if (status === undefined) {
    const netCode = code ?? (err.cause as { code?: string } | undefined)?.code;
    const host = hostOf(err);
    const where = host ? `cannot reach ${host}` : 'cannot reach the vault';
    if (netCode && TLS_CODES.has(netCode)) {
      return { ...base, class: 'network', message: oneLine(`network: ${where}: its TLS certificate is not trusted (${netCode}); for a local emulator pass --ca-file`) };
    }
    if ((netCode && NETWORK_CODES.has(netCode)) || code === 'REQUEST_SEND_ERROR' || name === 'TimeoutError' || /socket hang up|timed? ?out/i.test(serviceMessage)) {
      return { ...base, class: 'network', message: oneLine(`network: ${where} (${netCode ?? serviceMessage})`) };
    }
    if (name === 'AbortError') return { ...base, class: 'unknown', message: 'cancelled' };
    return { ...base, class: 'unknown', message: oneLine(serviceMessage || name || 'unknown error') };
  }

  switch (status) {
    case 403: {
      const { permission, caller } = parseForbidden(serviceMessage);
      const out: ClassifiedError = { ...base, class: 'forbidden', message: '' };
      if (permission) out.permission = permission;
      if (caller) out.caller = oneLine(caller, 120);
      // ARM words it as "does not have authorization to perform action 'Microsoft.X/y/read' over scope …".
      const armAction = /perform action '([^']{1,120})'/.exec(serviceMessage)?.[1];
      const what = permission
        ? `no ${permission.action} permission on ${permission.collection}`
        : armAction
          ? `no authorization for ${armAction}`
          : `access denied${innerCode ? ` (${innerCode})` : ''}`;
      out.message = oneLine(`forbidden: ${what}${caller ? ` for ${caller}` : ''}`);
      return out;
    }
    case 404:
      return { ...base, class: 'notFound', message: oneLine(`not found: ${serviceMessage}`) };
    case 409: {
      if (innerCode === 'ObjectIsDeletedButRecoverable') {
        return { ...base, class: 'conflict', message: 'conflict: a deleted item with this name exists; recover or purge it first', next: ['recover', 'purge'] };
      }
      if (innerCode === 'ObjectIsBeingDeleted') {
        return { ...base, class: 'conflict', message: 'conflict: the item is still being deleted; try again in a moment', next: ['retryLater'] };
      }
      return { ...base, class: 'conflict', message: oneLine(`conflict: ${serviceMessage}`) };
    }
    case 429: {
      const delay = retryAfterMs(err.response?.headers, context.now) ?? 1000;
      return { ...base, class: 'throttled', retryAfterMs: delay, message: `throttled, retrying in ${Math.max(1, Math.ceil(delay / 1000))}s` };
    }
    case 401:
      return { ...base, class: 'auth', message: oneLine(`not signed in: ${serviceMessage}`) };
    case 400:
      return { ...base, class: 'invalid', message: oneLine(`rejected: ${serviceMessage}`) };
    default:
      return { ...base, class: 'unknown', message: oneLine(`${status}${code ? ` ${code}` : ''}: ${serviceMessage}`) };
  }
}

function credentialNamed(message: string): string | undefined {
  return /^(\w+Credential)\b/.exec(message)?.[1];
}
