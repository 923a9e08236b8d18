// Windowing for long lists: only the rows in view are rendered, so 10,000 items cost the
// same as 20. The offset moves only when the cursor would leave the window (like less/vim).

export type MoveCommand = 'move.down' | 'move.up' | 'move.top' | 'move.bottom' | 'move.pageUp' | 'move.pageDown';

export function isMoveCommand(command: string): command is MoveCommand {
  return command.startsWith('move.');
}

/** The cursor after a move in a list of `count` rows with `page` rows in view; -1 stays -1 only when empty. */
export function moveCursor(cursor: number, command: MoveCommand, count: number, page: number): number {
  if (count <= 0) return 0;
  const step = Math.max(1, page - 1);
  let next = cursor;
  switch (command) {
    case 'move.down':
      next = cursor + 1;
      break;
    case 'move.up':
      next = cursor - 1;
      break;
    case 'move.top':
      next = 0;
      break;
    case 'move.bottom':
      next = count - 1;
      break;
    case 'move.pageDown':
      next = cursor + step;
      break;
    case 'move.pageUp':
      next = cursor - step;
      break;
  }
  return clamp(next, 0, count - 1);
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/**
 * The first row in view: the previous offset, moved just enough to show the cursor, and
 * never leaving blank rows at the bottom while there are rows above.
 */
export function scrollOffset(previous: number, cursor: number, count: number, height: number): number {
  if (height <= 0 || count <= height) return 0;
  let offset = previous;
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + height) offset = cursor - height + 1;
  return clamp(offset, 0, count - height);
}

/** Half-open [start, end) range of rows to render. */
export function visibleRange(offset: number, count: number, height: number): { start: number; end: number } {
  const start = clamp(offset, 0, Math.max(0, count - 1));
  return { start, end: Math.min(count, start + Math.max(0, height)) };
}
