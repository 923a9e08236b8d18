// A form as data: fields with their typed text, which one has the focus and where the text
// cursor is in it, and problems per field. Text fields edit like a shell line: ←/→/Home/End
// move, ^U clears, ^W deletes the word before the cursor. Editing is a pure reducer so keys
// can be tested without a terminal; what is typed is never thrown away — a problem or a
// service rejection only adds a message.

export type FieldKind = 'text' | 'secret' | 'choice' | 'toggle';

export interface FieldSpec {
  id: string;
  label: string;
  kind: FieldKind;
  /** choice: the allowed values, cycled with ←/→. */
  options?: readonly string[];
  /** A short hint shown after the label (what is allowed); `{command}` becomes that command's key. */
  hint?: string;
  /** secret fields can be edited in $EDITOR (input.editor, ^E by default) for multi-line values. */
  editor?: boolean;
}

/** A line shown under a field that does not come from the form's own checks. */
export interface FieldNote {
  text: string;
  tone: 'muted' | 'ok' | 'error';
}

export interface FormState {
  fields: readonly FieldSpec[];
  values: Readonly<Record<string, string>>;
  /** What the form opened with: Esc asks before discarding anything that differs. */
  initial: Readonly<Record<string, string>>;
  focus: number;
  /** Where the text cursor is in the focused field, in characters (code points). */
  cursor: number;
  /** Problems by field id, from the checks before sending. */
  problems: Readonly<Record<string, string>>;
  /** The service's (or the store's) answer that is not about one field. */
  error?: string;
  /** Waiting for the service to accept it. */
  sending: boolean;
}

export function createForm(fields: readonly FieldSpec[], values: Record<string, string>): FormState {
  const filled: Record<string, string> = {};
  for (const f of fields) filled[f.id] = values[f.id] ?? (f.kind === 'choice' ? (f.options?.[0] ?? '') : f.kind === 'toggle' ? 'yes' : '');
  return { fields, values: filled, initial: filled, focus: 0, cursor: [...(filled[fields[0]?.id] ?? '')].length, problems: {}, sending: false };
}

/** Whether anything differs from what the form opened with. */
export function isChanged(state: FormState): boolean {
  return state.fields.some((f) => state.values[f.id] !== state.initial[f.id]);
}

const chars = (text: string) => [...text];

export type FormAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'deleteForward' }
  | { type: 'cursor'; to: 'left' | 'right' | 'home' | 'end' }
  | { type: 'clear' }
  | { type: 'deleteWord' }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'toggle' }
  | { type: 'set'; id: string; value: string }
  | { type: 'problems'; problems: Record<string, string>; error?: string }
  | { type: 'sending'; sending: boolean; error?: string };

function current(state: FormState): FieldSpec {
  return state.fields[state.focus];
}

function setValue(state: FormState, id: string, value: string, cursor = state.cursor): FormState {
  if (state.values[id] === value) return cursor === state.cursor ? state : { ...state, cursor };
  const { [id]: _cleared, ...problems } = state.problems;
  return { ...state, values: { ...state.values, [id]: value }, problems, cursor };
}

/** Focus on field `focus`, the cursor at the end of its text. */
function focusOn(state: FormState, focus: number): FormState {
  return { ...state, focus, cursor: chars(state.values[state.fields[focus].id] ?? '').length };
}

function isText(field: FieldSpec): boolean {
  return field.kind === 'text' || field.kind === 'secret';
}

/** Where ^W cuts to: back over spaces, then over the word before them. */
function wordStart(text: readonly string[], at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  while (i > 0 && !/\s/.test(text[i - 1])) i--;
  return i;
}

export function formReducer(state: FormState, action: FormAction): FormState {
  if (state.sending && action.type !== 'sending' && action.type !== 'problems') return state;
  const field = current(state);
  const text = chars(state.values[field.id] ?? '');
  const at = Math.min(state.cursor, text.length);
  switch (action.type) {
    case 'next':
      return focusOn(state, (state.focus + 1) % state.fields.length);
    case 'prev':
      return focusOn(state, (state.focus - 1 + state.fields.length) % state.fields.length);
    case 'type': {
      if (!isText(field)) return state;
      const typed = chars(action.text);
      return setValue(state, field.id, [...text.slice(0, at), ...typed, ...text.slice(at)].join(''), at + typed.length);
    }
    case 'backspace':
      if (!isText(field) || at === 0) return state;
      return setValue(state, field.id, [...text.slice(0, at - 1), ...text.slice(at)].join(''), at - 1);
    case 'deleteForward':
      if (!isText(field) || at >= text.length) return state;
      return setValue(state, field.id, [...text.slice(0, at), ...text.slice(at + 1)].join(''), at);
    case 'cursor': {
      if (!isText(field)) return state;
      const to = { left: Math.max(0, at - 1), right: Math.min(text.length, at + 1), home: 0, end: text.length }[action.to];
      return to === state.cursor ? state : { ...state, cursor: to };
    }
    case 'clear':
      if (!isText(field)) return state;
      return setValue(state, field.id, '', 0);
    case 'deleteWord': {
      if (!isText(field)) return state;
      const from = wordStart(text, at);
      return setValue(state, field.id, [...text.slice(0, from), ...text.slice(at)].join(''), from);
    }
    case 'cycle': {
      if (field.kind === 'toggle') return setValue(state, field.id, state.values[field.id] === 'yes' ? 'no' : 'yes');
      if (field.kind !== 'choice' || !field.options?.length) return state;
      const i = field.options.indexOf(state.values[field.id]);
      const next = field.options[(i + action.delta + field.options.length) % field.options.length];
      return setValue(state, field.id, next);
    }
    case 'toggle':
      if (field.kind !== 'toggle') return state;
      return setValue(state, field.id, state.values[field.id] === 'yes' ? 'no' : 'yes');
    case 'set':
      return setValue(state, action.id, action.value, action.id === field.id ? chars(action.value).length : state.cursor);
    case 'problems': {
      const first = state.fields.findIndex((f) => action.problems[f.id] !== undefined);
      // A problem named after no field of this form (a check that calls the size "keySize")
      // still has to be seen: it joins the message at the top.
      const unplaced = Object.entries(action.problems)
        .filter(([id]) => !state.fields.some((f) => f.id === id))
        .map(([, message]) => message);
      const error = [action.error, ...unplaced].filter(Boolean).join(' ') || undefined;
      const moved = first >= 0 && first !== state.focus ? focusOn(state, first) : state;
      return { ...moved, problems: action.problems, error, sending: false };
    }
    case 'sending':
      return { ...state, sending: action.sending, error: action.error };
  }
}

/** Maps a key name (as the keymap spells it) to a form action; undefined for keys the form does not use. */
export function formKey(name: string, input: string, field: FieldSpec): FormAction | undefined {
  if (name === 'tab' || name === 'down') return { type: 'next' };
  if (name === 'shift+tab' || name === 'up') return { type: 'prev' };
  if (name === 'backspace') return { type: 'backspace' };
  if (isText(field)) {
    if (name === 'delete') return { type: 'deleteForward' };
    if (name === 'left' || name === 'right' || name === 'home' || name === 'end') return { type: 'cursor', to: name };
    if (name === 'ctrl+u') return { type: 'clear' };
    if (name === 'ctrl+w') return { type: 'deleteWord' };
  }
  if (name === 'left') return { type: 'cycle', delta: -1 };
  if (name === 'right') return { type: 'cycle', delta: 1 };
  if (name === ' ' && field.kind === 'toggle') return { type: 'toggle' };
  // eslint-disable-next-line no-control-regex -- typed text must not carry control characters
  const text = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  if (text && !name.startsWith('ctrl+') && !name.startsWith('meta+')) return { type: 'type', text };
  return undefined;
}
