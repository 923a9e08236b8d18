// A classified store error as the lines a pane shows in place: what happened, what is
// missing and for whom, and what the user can do. Never a stack trace.
import type { ClassifiedError } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { withAdvice } from './advice.js';
import type { Binding } from './keymap.js';
import { defaultKeymap, keyFor } from './keymap.js';

export interface ErrorText {
  title: string;
  detail?: string;
  hint?: string;
  tone: 'error' | 'warning';
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** `keymap`: the user's, for the keys named in hints ("R retries"). */
export function describeError(error: ClassifiedError, keymap: readonly Binding[] = defaultKeymap): ErrorText {
  const message = escapeControl(withAdvice(error, keymap));
  const refresh = keyFor(keymap, 'refresh');
  switch (error.class) {
    case 'forbidden': {
      if (error.innerCode === 'SecretDisabled' || error.code === 'SecretDisabled') {
        return { title: '403: this secret version is disabled', detail: message, hint: 'enable it to read its value', tone: 'error' };
      }
      const who = error.caller ? ` for ${escapeControl(error.caller)}` : '';
      const title = error.permission
        ? `403 forbidden: missing '${error.permission.action}' permission on ${error.permission.collection}${who}`
        : `403 forbidden${who}`;
      return {
        title,
        detail: message,
        hint: error.permission
          ? `grant '${error.permission.action}' on ${error.permission.collection} (access policy or RBAC role); other panes keep working`
          : 'other panes keep working',
        tone: 'error',
      };
    }
    case 'throttled':
      // retryAfterMs is set only while a retry is scheduled; without it kvx has stopped.
      if (error.retryAfterMs !== undefined) return { title: `throttled, retrying in ${seconds(error.retryAfterMs)}s`, detail: message, tone: 'warning' };
      return { title: 'throttled: kvx stopped retrying', detail: message, hint: `${refresh} retries`, tone: 'warning' };
    case 'network':
      return { title: `network error: ${message}`, hint: `${refresh} retries`, tone: 'error' };
    case 'auth':
      return {
        title: `sign-in failed${error.credential ? ` (${escapeControl(error.credential)})` : ''}`,
        detail: message,
        hint: `${refresh} retries`,
        tone: 'error',
      };
    case 'notFound':
      return { title: 'not found', detail: message, hint: `${refresh} refreshes`, tone: 'warning' };
    case 'conflict':
      return { title: 'conflict', detail: message, tone: 'warning' };
    case 'invalid':
      return { title: 'rejected by the service', detail: message, tone: 'error' };
    case 'readOnly':
      return { title: 'read-only mode', detail: message, tone: 'warning' };
    default:
      return { title: `error${error.status ? ` ${error.status}` : ''}`, detail: message, hint: `${refresh} retries`, tone: 'error' };
  }
}
