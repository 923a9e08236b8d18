// The app's last line of defence: a render that throws shows one classified line (no stack
// trace, nothing raw from the error) and how to leave; q (read by the app's input router,
// outside this boundary) quits and Ink restores the terminal. Without it Ink would print the
// stack trace over the screen.
import type { ReactNode } from 'react';
import { Component } from 'react';
import { Box, Text } from 'ink';
import { classifyError } from '../store/classify-error.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

interface Props {
  theme: Theme;
  width: number;
  height: number;
  /** Told once with the error (e.g. to write it to the --log file); never shown. */
  onError?(error: unknown): void;
  children: ReactNode;
}

interface State {
  message?: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { message: classifyError(error).message || 'unknown error' };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError?.(error);
  }

  override render(): ReactNode {
    const { message } = this.state;
    if (message === undefined) return this.props.children;
    const { theme, width, height } = this.props;
    return (
      <Box flexDirection="column" borderStyle="round" borderColor={color(theme.error)} width={width} height={height} paddingX={1} overflow="hidden">
        <Text bold color={color(theme.error)} wrap="wrap">
          ✗ kvx hit an internal error and stopped drawing this screen
        </Text>
        <Text wrap="wrap">{message}</Text>
        <Text color={color(theme.muted)} wrap="wrap">
          Operations already sent to the vault carry on there. q quits and restores the terminal.
        </Text>
      </Box>
    );
  }
}
