// While another program (the editor) owns the terminal, kvx must not read it. Leaving raw mode
// and removing the input listener (what Ink's suspendTerminal does) is not enough: the stream
// reads again as soon as anything asks it to (it did within a millisecond of letting go), and
// then kvx and the editor race for every key. On a loaded machine kvx won some: an Enter typed
// in vim never reached vim, and once vim exited it arrived in kvx's form and sent it. So
// while held the stream may not start a read, and the handle stops reading: keys stay in the
// terminal for the editor. Node has no public call for this; `_read`, and the handle's
// readStop/readStart with its `reading` flag, are what net.Socket itself uses.

interface ReadingHandle {
  reading?: boolean;
  readStop?(): number;
  readStart?(): number;
}

type Readish = NodeJS.ReadStream & { _read(size: number): void; _handle?: ReadingHandle };

/** Stops reading `input` until the returned function is called. Does nothing for a stream that is not handle-backed. */
export function holdTerminalInput(input: NodeJS.ReadStream = process.stdin): () => void {
  const stream = input as Readish;
  const handle = stream._handle;
  if (!handle?.readStop || !handle.readStart) return () => {};
  const ownRead = Object.prototype.hasOwnProperty.call(stream, '_read');
  const original = stream._read;
  // A read asked for while held: the stream then waits for data, so it must get some later.
  let asked = false;
  stream._read = () => {
    asked = true;
  };
  const wasReading = Boolean(handle.reading);
  if (wasReading) {
    handle.reading = false;
    handle.readStop();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (ownRead) stream._read = original;
    else delete (stream as Partial<Readish>)._read;
    if (stream.destroyed || handle.reading || !(wasReading || asked)) return;
    handle.reading = true;
    handle.readStart?.();
  };
}
