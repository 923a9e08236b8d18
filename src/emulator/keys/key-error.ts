/**
 * An error a key operation answers with: an HTTP status, the Key Vault error code and a
 * message saying what was wrong and what is allowed. The routes turn it into the service's
 * `{"error":{"code","message","innererror"}}` body. Messages never carry key material or
 * plaintext.
 */
export class KeyError extends Error {
  readonly status: number;
  readonly code: string;
  readonly innerCode: string | undefined;

  constructor(status: number, code: string, message: string, innerCode?: string) {
    super(message);
    this.name = 'KeyError';
    this.status = status;
    this.code = code;
    this.innerCode = innerCode;
  }
}

/** 400 BadParameter: the request itself is wrong. */
export function badParameter(message: string): KeyError {
  return new KeyError(400, 'BadParameter', message);
}
