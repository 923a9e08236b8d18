// The Azure SDK logs to stderr when AZURE_LOG_LEVEL is set, which would write raw lines over
// the full-screen UI. kvx takes the level from its settings (the CLI removes the variable
// before the SDK loads) and sends the SDK's lines to the --log file, or nowhere.
import { format } from 'node:util';
import { AzureLogger, setLogLevel } from '@azure/logger';
import type { AzureLogLevel } from '@azure/logger';

export const AZURE_LOG_LEVELS: readonly AzureLogLevel[] = ['verbose', 'info', 'warning', 'error'];

export function routeSdkLog(level: string | undefined, write: ((line: string) => void) | undefined): void {
  AzureLogger.log = (...args: unknown[]) => {
    if (write) write(`sdk ${format(...args)}`);
  };
  setLogLevel(write && level && (AZURE_LOG_LEVELS as readonly string[]).includes(level) ? (level as AzureLogLevel) : undefined);
}
