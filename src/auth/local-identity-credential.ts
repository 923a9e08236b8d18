// Tokens from a loopback managed-identity endpoint in the App Service style (the demo's
// emulator): GET {endpoint}?api-version=2019-08-01&resource=… with X-IDENTITY-HEADER. Used
// instead of ManagedIdentityCredential because that one reads the endpoint from process-wide
// environment variables, and the demo must not change the environment of the process.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { isLoopbackHost } from '../config/vault-address.js';

export interface LocalIdentityOptions {
  /** e.g. http://127.0.0.1:41234/msi/token */
  endpoint: string;
  identityHeader: string;
  /** A user-assigned identity's client id. */
  clientId?: string;
  /** Per request; default 5 s. */
  timeoutMs?: number;
}

export class LocalIdentityCredential implements TokenCredential {
  private readonly endpoint: URL;

  constructor(private readonly options: LocalIdentityOptions) {
    this.endpoint = new URL(options.endpoint);
    // The header is a secret: never send it off this machine.
    if (!isLoopbackHost(this.endpoint.hostname)) throw new Error(`LocalIdentityCredential: ${this.endpoint.host} is not a loopback address`);
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes[0] : scopes;
    const url = new URL(this.endpoint);
    url.searchParams.set('api-version', '2019-08-01');
    url.searchParams.set('resource', scope.replace(/\/\.default$/, ''));
    if (this.options.clientId) url.searchParams.set('client_id', this.options.clientId);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timed out')), this.options.timeoutMs ?? 5000);
    const onAbort = () => controller.abort(new Error('cancelled'));
    options?.abortSignal?.addEventListener('abort', onAbort);
    const signal = controller.signal;
    let response: Response;
    try {
      response = await fetch(url, { headers: { 'X-IDENTITY-HEADER': this.options.identityHeader }, signal });
    } catch (error) {
      const reason = signal.aborted ? (signal.reason as Error).message : (error as Error).message;
      throw new Error(`LocalIdentityCredential: no answer from ${this.endpoint.host} (${reason})`, { cause: error });
    } finally {
      clearTimeout(timer);
      options?.abortSignal?.removeEventListener('abort', onAbort);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
      throw new Error(`LocalIdentityCredential: ${reason}`);
    }
    const expiresOn = Number(body.expires_on);
    return { token: body.access_token, expiresOnTimestamp: Number.isFinite(expiresOn) ? expiresOn * 1000 : Date.now() + 300_000, tokenType: 'Bearer' };
  }
}
