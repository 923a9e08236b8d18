// The SDK's list iterators turn a failed page into "Pagination failed with unexpected
// statusCode 403", dropping the service's error body (which says which permission is missing,
// or the inner code). This policy keeps the text of error bodies per request, so the error
// classifier can read them from the RestError's request.
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

const bodies = new WeakMap<PipelineRequest, string>();
/** Key Vault error bodies are small; anything longer is not worth keeping. */
const MAX_BODY = 16 * 1024;

export const errorBodyPolicy: PipelinePolicy = {
  name: 'kvxErrorBody',
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status >= 400 && typeof response.bodyAsText === 'string') bodies.set(request, response.bodyAsText.slice(0, MAX_BODY));
    return response;
  },
};

/** The error body answered to this request, if the policy saw one. */
export function errorBodyFor(request: unknown): string | undefined {
  return request !== null && typeof request === 'object' ? bodies.get(request as PipelineRequest) : undefined;
}
