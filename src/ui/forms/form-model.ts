// A form as data: fields with their typed text, which one has the cursor, and problems per
// field. Editing is a pure reducer so keys can be tested without a terminal; what is typed is
// never thrown away — a problem or a service rejection only adds a message.

export type FieldKind = 'text' | 'secret' | 'choice' | 'toggle';

export interface FieldSpec {
  id: string;
  label: string;
  kind: FieldKind;
  /** choice: the allowed values, cycled with ←/→. */
  options?: readonly string[];
  /** A short hint shown after the label (what is allowed). */
  hint?: string;
  /** secret fields can be edited in $EDITOR (Ctrl-E) for multi-line values. */
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
  focus: number;
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
  return { fields, values: filled, focus: 0, problems: {}, sending: false };
}

export type FormAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'toggle' }
  | { type: 'set'; id: string; value: string }
  | { type: 'problems'; problems: Record<string, string>; error?: string }
  | { type: 'sending'; sending: boolean; error?: string };

function current(state: FormState): FieldSpec {
  return state.fields[state.focus];
}

function setValue(state: FormState, id: string, value: string): FormState {
  if (state.values[id] === value) return state;
  const { [id]: _cleared, ...problems } = state.problems;
  return { ...state, values: { ...state.values, [id]: value }, problems };
}

export function formReducer(state: FormState, action: FormAction): FormState {
  if (state.sending && action.type !== 'sending' && action.type !== 'problems') return state;
  const field = current(state);
  switch (action.type) {
    case 'next':
      return { ...state, focus: (state.focus + 1) % state.fields.length };
    case 'prev':
      return { ...state, focus: (state.focus - 1 + state.fields.length) % state.fields.length };
    case 'type':
      if (field.kind === 'choice' || field.kind === 'toggle') return state;
      return setValue(state, field.id, state.values[field.id] + action.text);
    case 'backspace':
      if (field.kind === 'choice' || field.kind === 'toggle') return state;
      return setValue(state, field.id, [...state.values[field.id]].slice(0, -1).join(''));
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
      return setValue(state, action.id, action.value);
    case 'problems': {
      const first = state.fields.findIndex((f) => action.problems[f.id] !== undefined);
      // A problem named after no field of this form (a check that calls the size "keySize")
      // still has to be seen: it joins the message at the top.
      const unplaced = Object.entries(action.problems)
        .filter(([id]) => !state.fields.some((f) => f.id === id))
        .map(([, message]) => message);
      const error = [action.error, ...unplaced].filter(Boolean).join(' ') || undefined;
      return { ...state, problems: action.problems, error, sending: false, focus: first >= 0 ? first : state.focus };
    }
    case 'sending':
      return { ...state, sending: action.sending, error: action.error };
  }
}

/** Maps a key name (as the keymap spells it) to a form action; undefined for keys the form does not use. */
export function formKey(name: string, input: string, field: FieldSpec): FormAction | undefined {
  if (name === 'tab' || name === 'down') return { type: 'next' };
  if (name === 'shift+tab' || name === 'up') return { type: 'prev' };
  if (name === 'backspace' || name === 'delete') return { type: 'backspace' };
  if (name === 'left') return { type: 'cycle', delta: -1 };
  if (name === 'right') return { type: 'cycle', delta: 1 };
  if (name === ' ' && field.kind === 'toggle') return { type: 'toggle' };
  // eslint-disable-next-line no-control-regex -- typed text must not carry control characters
  const text = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  if (text && !name.startsWith('ctrl+') && !name.startsWith('meta+')) return { type: 'type', text };
  return undefined;
}
