// A pipeline policy on every vault client: one line per request sent — method, path, status,
// duration and the service's x-ms-request-id — for `--log FILE`. It reads no body and no
// header but the request id, so tokens and values cannot reach the log. Placed per retry, so a
// retried request shows every attempt.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${decodeURIComponent(parsed.pathname)}`;
  } catch {
    return url.split('?')[0];
  }
}

export function requestLogPolicy(write: (line: string) => void, now: () => number = Date.now): PipelinePolicy {
  return {
    name: 'kvxRequestLog',
    async sendRequest(request, next) {
      const started = now();
      const what = `${request.method} ${pathOf(request.url)}`;
      try {
        const response = await next(request);
        const id = response.headers.get('x-ms-request-id');
        write(`request ${what} ${response.status} ${now() - started}ms${id ? ` x-ms-request-id=${id}` : ''}`);
        return response;
      } catch (error) {
        const e = error as { code?: string; statusCode?: number; name?: string };
        write(`request ${what} failed (${e.statusCode ?? e.code ?? e.name ?? 'error'}) ${now() - started}ms`);
        throw error;
      }
    },
  };
}
