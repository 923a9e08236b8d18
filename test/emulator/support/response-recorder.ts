// Records every response an SDK client receives (challenge 401s and retries included) as a
// pipeline policy, so tests can validate them all against the REST spec afterwards.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { CheckResult, ResponseRecord } from './openapi-validator.js';
import { OpenApiValidator } from './openapi-validator.js';

let sharedValidator: OpenApiValidator | undefined;

export class ResponseRecorder {
  readonly records: ResponseRecord[] = [];

  /** Goes in `additionalPolicies` with position 'perRetry', after the auth policy, so it sees every response. */
  policy(): PipelinePolicy {
    return {
      name: 'kvxResponseRecorder',
      sendRequest: async (request, next) => {
        const response = await next(request);
        const url = new URL(request.url);
        if (!url.pathname.startsWith('/_emulator/')) {
          this.records.push({ method: request.method, url: request.url, status: response.status, body: response.bodyAsText ?? '' });
        }
        return response;
      },
    };
  }

  /** Every recorded response checked against the spec; returns the problems (empty when all conform). */
  validate(): { checked: number; operations: Set<string>; problems: string[] } {
    sharedValidator ??= new OpenApiValidator();
    const operations = new Set<string>();
    const problems: string[] = [];
    for (const record of this.records) {
      const result: CheckResult = sharedValidator.check(record);
      if (result.operationId) operations.add(`${result.operationId} ${record.status}`);
      problems.push(...result.problems);
    }
    return { checked: this.records.length, operations, problems };
  }
}
