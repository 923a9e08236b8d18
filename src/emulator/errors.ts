// Service errors as Key Vault sends them: `{"error":{"code","message","innererror":{"code"}}}`.
// Route handlers and stores throw these; the server turns them into the response.

export interface ServiceErrorBody {
  error: { code: string; message: string; innererror?: { code: string } };
}

export class ServiceError extends Error {
  readonly status: number;
  readonly code: string;
  readonly innerCode: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, innerCode?: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ServiceError';
    this.status = status;
    this.code = code;
    this.innerCode = innerCode;
    this.headers = headers;
  }

  toBody(): ServiceErrorBody {
    const error: ServiceErrorBody['error'] = { code: this.code, message: this.message };
    if (this.innerCode !== undefined) error.innererror = { code: this.innerCode };
    return { error };
  }
}

/** 400 for input the service would reject; the message says what is wrong and what is allowed. */
export function badParameter(message: string): ServiceError {
  return new ServiceError(400, 'BadParameter', message);
}

/** 404 with the collection's code, e.g. `SecretNotFound`, `KeyNotFound`. */
export function notFound(label: string, message: string): ServiceError {
  return new ServiceError(404, `${label}NotFound`, message);
}

export function conflict(message: string, innerCode?: string): ServiceError {
  return new ServiceError(409, 'Conflict', message, innerCode);
}

export function forbidden(message: string, innerCode?: string): ServiceError {
  return new ServiceError(403, 'Forbidden', message, innerCode);
}
