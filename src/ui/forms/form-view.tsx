// Draws a form: title, one line per field (label, value, hint), a problem under the field it
// belongs to, the service's answer at the top, and the keys. Secret values show as dots.
import { Box, Text } from 'ink';
import { escapeControl } from '../../text/escape-control.js';
import type { Theme } from '../theme.js';
import { color } from '../theme.js';
import type { FieldNote, FormState } from './form-model.js';

interface Props {
  title: string;
  form: FormState;
  width: number;
  height: number;
  theme: Theme;
  notes?: Readonly<Record<string, FieldNote>>;
}

function shown(kind: string, value: string, width: number): string {
  if (kind === 'secret') {
    const lines = value.split('\n').length;
    const bytes = Buffer.byteLength(value, 'utf8');
    return value === '' ? '' : `${'•'.repeat(Math.min(12, value.length))} (${bytes} bytes${lines > 1 ? `, ${lines} lines` : ''})`;
  }
  if (kind === 'choice') return `‹ ${value} ›`;
  if (kind === 'toggle') return value === 'yes' ? '[x]' : '[ ]';
  const text = escapeControl(value);
  // Keep the end of long text in view: that is where the cursor is.
  return text.length > width ? `…${text.slice(text.length - width + 1)}` : text;
}

export function FormView({ title, form, width, height, theme, notes }: Props) {
  const labelWidth = Math.max(...form.fields.map((f) => f.label.length)) + 1;
  const valueWidth = Math.max(8, width - labelWidth - 8);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.focusBorder)} width={width} height={height} paddingX={1} overflow="hidden">
      <Text bold color={color(theme.title)} wrap="truncate">
        {title}
        {form.sending ? '  sending…' : ''}
      </Text>
      {form.error ? (
        <Text color={color(theme.error)} wrap="wrap">
          {escapeControl(form.error)}
        </Text>
      ) : null}
      {form.fields.map((f, i) => {
        const focused = i === form.focus;
        const problem = form.problems[f.id];
        return (
          <Box key={f.id} flexDirection="column">
            <Box>
              <Text color={color(focused ? theme.accent : theme.muted)}>{focused ? '▸ ' : '  '}</Text>
              <Text color={color(problem ? theme.error : theme.text)}>{f.label.padEnd(labelWidth)}</Text>
              <Text inverse={focused && f.kind !== 'choice' && f.kind !== 'toggle'} wrap="truncate-end">
                {shown(f.kind, form.values[f.id], valueWidth)}
                {focused && (f.kind === 'text' || f.kind === 'secret') ? ' ' : ''}
              </Text>
              {f.hint && focused ? (
                <Text color={color(theme.muted)} wrap="truncate-end">
                  {'  '}
                  {f.hint}
                </Text>
              ) : null}
            </Box>
            {problem ? (
              <Text color={color(theme.error)} wrap="wrap">
                {'    '}
                {escapeControl(problem)}
              </Text>
            ) : notes?.[f.id] ? (
              <Text color={color(notes[f.id].tone === 'error' ? theme.error : notes[f.id].tone === 'ok' ? theme.success : theme.muted)} wrap="wrap">
                {'    '}
                {escapeControl(notes[f.id].text)}
              </Text>
            ) : null}
          </Box>
        );
      })}
      <Text color={color(theme.muted)} wrap="truncate">
        Tab/↑↓ field  ←→ choose  Space toggle{form.fields.some((f) => f.editor) ? '  ^E $EDITOR' : ''}  Enter send  Esc cancel
      </Text>
    </Box>
  );
}
