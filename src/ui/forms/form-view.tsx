// Draws a form: title, one line per field (label, value, hint), a problem under the field it
// belongs to, the service's answer at the top, and the keys. Secret values show as dots.
import { Box, Text } from 'ink';
import { escapeControl } from '../../text/escape-control.js';
import type { Theme } from '../theme.js';
import { color } from '../theme.js';
import type { FieldNote, FormState } from './form-model.js';
import { describeBinding, keyFor, keysFor } from '../keymap.js';
import { useKeymap } from '../keymap-context.js';

function EditLine({ before, at, after }: { before: string; at: string; after: string }) {
  return (
    <Text wrap="truncate-end">
      {before}
      <Text inverse>{at}</Text>
      {after}
    </Text>
  );
}

interface Props {
  title: string;
  form: FormState;
  /** Esc on a changed form: asking whether to throw the changes away. */
  confirmDiscard?: boolean;
  width: number;
  height: number;
  theme: Theme;
  notes?: Readonly<Record<string, FieldNote>>;
}

/** A hidden value shows at most this many dots (its size is said in bytes). */
const SECRET_DOTS = 13;

/** "(28 bytes, 3 lines)": what a hidden value holds. */
function secretSize(value: string): string {
  const lines = value.split('\n').length;
  return `(${Buffer.byteLength(value, 'utf8')} bytes${lines > 1 ? `, ${lines} lines` : ''})`;
}

function shown(kind: string, value: string, width: number): string {
  if (kind === 'secret') return value === '' ? '' : `${'•'.repeat(Math.min(12, value.length))} ${secretSize(value)}`;
  if (kind === 'choice') return `‹ ${value} ›`;
  if (kind === 'toggle') return value === 'yes' ? '[x]' : '[ ]';
  const text = escapeControl(value);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/**
 * The focused text field: before the cursor, the character under it (drawn inverse; a space at
 * the end), and after it, scrolled so the cursor stays in view. Each character is escaped on
 * its own so the cursor lands where it is on screen. Secret text is drawn as dots.
 */
export function editLine(kind: string, value: string, cursor: number, width: number): { before: string; at: string; after: string } {
  const glyphs = [...value].map((ch) => (kind === 'secret' ? '•' : escapeControl(ch)));
  const at = Math.min(cursor, glyphs.length);
  const start = Math.max(0, Math.min(at - width + 2, glyphs.length - width + 1));
  const view = glyphs.slice(start, start + width - 1);
  const pos = at - start;
  return {
    before: (start > 0 ? '…' : '') + view.slice(start > 0 ? 1 : 0, pos).join(''),
    at: view[pos] ?? ' ',
    after: view.slice(pos + 1).join('') + (start + width - 1 < glyphs.length ? '…' : ''),
  };
}

export function FormView({ title, form, confirmDiscard, width, height, theme, notes }: Props) {
  const keymap = useKeymap();
  const labelWidth = Math.max(...form.fields.map((f) => f.label.length)) + 1;
  const valueWidth = Math.max(8, width - labelWidth - 8);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.focusBorder)} width={width} height={height} paddingX={1} overflow="hidden">
      <Text bold color={color(theme.title)} wrap="truncate">
        {title}
        {form.sending ? '  sending…' : ''}
      </Text>
      {confirmDiscard ? (
        <Text color={color(theme.warning)} wrap="wrap">
          Discard what you changed? {keysFor(keymap, 'dialog.yes')} discard  {keysFor(keymap, 'dialog.no')} keep editing
        </Text>
      ) : null}
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
              {focused && (f.kind === 'text' || f.kind === 'secret') ? (
                <EditLine {...editLine(f.kind, form.values[f.id], form.cursor, f.kind === 'secret' ? Math.min(valueWidth, SECRET_DOTS) : valueWidth)} />
              ) : (
                <Text wrap="truncate-end">{shown(f.kind, form.values[f.id], valueWidth)}</Text>
              )}
              {focused && f.kind === 'secret' && form.values[f.id] !== '' ? <Text color={color(theme.muted)}> {secretSize(form.values[f.id])}</Text> : null}
              {f.hint && focused ? (
                <Text color={color(theme.muted)} wrap="truncate-end">
                  {'  '}
                  {describeBinding(keymap, { description: f.hint })}
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
        Tab/↑↓ field  ←→ move/choose  ^U clear  ^W word  Space toggle{form.fields.some((f) => f.editor) ? `  ${keyFor(keymap, 'input.editor')} $EDITOR` : ''}  {keysFor(keymap, 'input.send')} send  {keysFor(keymap, 'input.cancel')} cancel
      </Text>
    </Box>
  );
}
