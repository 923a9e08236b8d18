// Pane geometry per terminal size. Wide terminals (≥120 columns) show vaults, items and
// details side by side; medium ones keep a narrow vaults column and show details in place of
// the list; at 80 columns the vaults become a one-line strip. Heights always add up to the
// terminal's, so a frame is never taller than the screen.

export type LayoutMode = 'wide' | 'medium' | 'narrow';

export interface Rect {
  width: number;
  height: number;
}

export interface Layout {
  mode: LayoutMode;
  /** Rows between the title bar and the status line. */
  body: number;
  /** The vaults pane, or undefined when vaults are a one-line strip. */
  vaults?: Rect;
  /** One-line vault strip (narrow mode). */
  strip: boolean;
  items?: Rect;
  details?: Rect;
}

export const WIDE = 120;
export const MEDIUM = 90;

export function computeLayout(columns: number, rows: number, detailsOpen: boolean): Layout {
  const body = Math.max(1, rows - 2);
  if (columns >= WIDE) {
    const vaults = Math.min(28, Math.max(20, Math.floor(columns * 0.15)));
    const details = Math.floor((columns - vaults) * 0.4);
    return {
      mode: 'wide',
      body,
      strip: false,
      vaults: { width: vaults, height: body },
      items: { width: columns - vaults - details, height: body },
      details: { width: details, height: body },
    };
  }
  if (columns >= MEDIUM) {
    const vaults = 20;
    const main = { width: columns - vaults, height: body };
    return {
      mode: 'medium',
      body,
      strip: false,
      vaults: { width: vaults, height: body },
      items: detailsOpen ? undefined : main,
      details: detailsOpen ? main : undefined,
    };
  }
  const main = { width: columns, height: Math.max(1, body - 1) };
  return {
    mode: 'narrow',
    body,
    strip: true,
    items: detailsOpen ? undefined : main,
    details: detailsOpen ? main : undefined,
  };
}
