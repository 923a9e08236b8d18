// Long-running ARM operations (vault create, purge) as clients poll them: the first answer
// carries `Azure-AsyncOperation` (a status resource: InProgress → Succeeded/Failed) and
// `Location` (202 while running, then 200), the headers core-lro follows.
import { randomUUID } from 'node:crypto';

export interface LongRunningOperation {
  id: string;
  name: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  startTime: Date;
  endTime?: Date;
  error?: { code: string; message: string };
}

export class ArmOperations {
  private readonly operations = new Map<string, LongRunningOperation>();

  /** Tracks `work`; the returned operation's status follows it. */
  start(name: string, work: Promise<unknown>): LongRunningOperation {
    const operation: LongRunningOperation = { id: randomUUID(), name, status: 'InProgress', startTime: new Date() };
    this.operations.set(operation.id, operation);
    work.then(
      () => {
        operation.status = 'Succeeded';
        operation.endTime = new Date();
      },
      (error: unknown) => {
        operation.status = 'Failed';
        operation.endTime = new Date();
        const e = error as { code?: string; message?: string };
        operation.error = { code: e.code ?? 'InternalServerError', message: e.message ?? String(error) };
      },
    );
    return operation;
  }

  get(id: string): LongRunningOperation | undefined {
    return this.operations.get(id.toLowerCase());
  }

  /** The headers of a 201/202 that started `operation`, under `base` (the ARM origin) and a subscription/location scope. */
  headers(operation: LongRunningOperation, base: string, subscriptionId: string, location: string): Record<string, string> {
    const scope = `${base}/subscriptions/${subscriptionId}/providers/Microsoft.KeyVault/locations/${location}`;
    return {
      'Azure-AsyncOperation': `${scope}/operationStatus/${operation.id}?api-version=2026-02-01`,
      Location: `${scope}/operationResults/${operation.id}?api-version=2026-02-01`,
      'Retry-After': '1',
    };
  }

  /** The status resource (Azure-AsyncOperation). */
  statusBody(operation: LongRunningOperation): Record<string, unknown> {
    return {
      id: operation.id,
      name: operation.name,
      status: operation.status,
      startTime: operation.startTime.toISOString(),
      ...(operation.endTime ? { endTime: operation.endTime.toISOString() } : {}),
      ...(operation.error ? { error: operation.error } : {}),
    };
  }
}
