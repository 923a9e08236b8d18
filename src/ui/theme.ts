// Semantic colours: components ask for `theme.error`, never `red`, so a palette change (or
// NO_COLOR) happens in one place.

export interface Theme {
  accent: string;
  muted: string;
  text: string;
  error: string;
  warning: string;
  success: string;
  focusBorder: string;
  border: string;
  selectionBg: string;
  selectionFg: string;
  match: string;
  title: string;
  /** False when colours are off: components then mark selection with inverse/underline. */
  colors: boolean;
}

export const darkTheme: Theme = {
  accent: 'cyan',
  muted: 'gray',
  text: 'white',
  error: 'red',
  warning: 'yellow',
  success: 'green',
  focusBorder: 'cyan',
  border: 'gray',
  selectionBg: 'blue',
  selectionFg: 'white',
  match: 'magenta',
  title: 'cyanBright',
  colors: true,
};

/** With no colours Ink gets `undefined`, which means the terminal's default. */
export const plainTheme: Theme = {
  accent: '',
  muted: '',
  text: '',
  error: '',
  warning: '',
  success: '',
  focusBorder: '',
  border: '',
  selectionBg: '',
  selectionFg: '',
  match: '',
  title: '',
  colors: false,
};

/** Colour for an Ink `color` prop: undefined when the theme has colours off. */
export function color(value: string): string | undefined {
  return value === '' ? undefined : value;
}

export function chooseTheme(env: NodeJS.ProcessEnv, noColorFlag: boolean): Theme {
  // https://no-color.org: any non-empty NO_COLOR turns colours off.
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return plainTheme;
  return darkTheme;
}
