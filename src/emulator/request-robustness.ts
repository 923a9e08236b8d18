// What every server of the emulator (vaults, identity, ARM) does with a request it cannot
// parse: answer 400 in its own error shape and stay up. (Servers are created with
// `requireHostHeader: false`: Node's own 400 for a missing Host has no body; ours does.) `new URL(req.url, base)` throws on
// targets like `//`, `//[` or `http://[`, and Node's HTTP parser refuses bad methods or
// headers before any handler runs; neither may take the process down.
import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { escapeControl } from '../text/escape-control.js';

/**
 * The request target as a URL on `origin`, or null when it is not a path (origin-form:
 * starts with one `/`). `//x` is kept as the path `//x`, never read as an authority.
 */
export function parseRequestTarget(target: string | undefined, origin: string): URL | null {
  if (target === undefined || !target.startsWith('/')) return null;
  try {
    const url = new URL(origin + target);
    return url.origin === new URL(origin).origin ? url : null;
  } catch {
    return null;
  }
}

/** A short, escaped quote of a client's request target, for error messages and logs. */
export function quoteTarget(target: string | undefined): string {
  const text = target ?? '';
  return `'${escapeControl(text.length > 100 ? `${text.slice(0, 100)}…` : text)}'`;
}

export const BAD_TARGET_MESSAGE = 'The request target must be a path starting with a single /, e.g. /secrets?api-version=2025-07-01';

/**
 * Answers requests Node's parser rejects (bad method, header, chunking) and CONNECT with a
 * 400 carrying `body` (the service's error shape); a socket already gone is just closed.
 */
export function answerUnparseable(server: HttpServer | HttpsServer, body: (message: string) => unknown): void {
  const reject = (socket: Socket, status: number, message: string): void => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const text = JSON.stringify(body(message));
    const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  };
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.destroy();
      return;
    }
    const answer = () =>
      err.code === 'HPE_HEADER_OVERFLOW'
        ? reject(socket, 431, 'The request headers are too large.')
        : reject(
            socket,
            400,
            'The request could not be parsed as HTTP/1.1: check the method, the target (a path starting with a single /), the headers and the body framing.',
          );
    // Garbage pipelined after a good request (e.g. a body sent without Content-Length) must not
    // cut into that request's answer: Node keeps the pending response on the socket (internal
    // `_httpMessage`, which its own default handler reads too); answer after it is sent.
    const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    // (A request whose own body is malformed is answered at once: it will never complete.)
    if (pending && !pending.writableFinished && pending.req.complete) pending.once('finish', answer);
    else answer();
  });
  server.on('connect', (_req, socket: Socket) => {
    reject(socket, 400, 'CONNECT is not supported: this is not a proxy.');
  });
}
