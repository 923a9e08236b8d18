import { useEffect } from 'react';
import type { StatusMessage } from './navigation.js';

/** How long an info message ("deleting secret x — o shows the operations panel") stays. */
export const INFO_MESSAGE_MS = 6000;

/**
 * Clears an info message after a while, so the status line goes back to key hints instead
 * of reporting an operation that has long finished. Warnings and errors stay until the
 * next message or key that clears them: they ask for attention.
 */
export function useFadingMessage(message: StatusMessage | undefined, clear: () => void, ms = INFO_MESSAGE_MS): void {
  useEffect(() => {
    if (!message || message.tone !== 'info') return;
    const timer = setTimeout(clear, ms);
    return () => clearTimeout(timer);
  }, [message, clear, ms]);
}
