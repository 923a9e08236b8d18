// The HTTPS listeners behind one vault server: `localhost` answers on both loopback stacks,
// idle connections are kept as long as the service keeps them, and close() ends every
// connection at once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { badParameter } from './errors.js';
import { answerUnparseable } from './request-robustness.js';

export interface HttpsListeners {
  /** Listens on `host` (both 127.0.0.1 and ::1 for `localhost`); resolves with the port. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createHttpsListeners(
  tls: { key: string; cert: string },
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): HttpsListeners {
  const servers: https.Server[] = [];
  const listenOne = (port: number, address: string): Promise<number> => {
    const server = https.createServer({ key: tls.key, cert: tls.cert, requireHostHeader: false }, onRequest);
    answerUnparseable(server, (message) => badParameter(message).toBody());
    // Node closes an idle keep-alive connection after 5 s; a client that reuses it at that moment
    // (likely on a loaded machine) gets ECONNRESET. The service keeps idle connections for
    // minutes, so clients never meet that race there: neither should they here.
    server.keepAliveTimeout = 120_000;
    // Every connection, so close() can end them all at once: with long keep-alives, Node's
    // closeAllConnections() misses sockets still in TLS or parked idle, and close() would wait.
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    openSockets.set(server, sockets);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: address, exclusive: true }, () => {
        server.off('error', reject);
        servers.push(server);
        resolve((server.address() as AddressInfo).port);
      });
    });
  };
  return {
    async listen(port, host) {
      if (host !== 'localhost') return listenOne(port, host);
      // `localhost` may resolve to 127.0.0.1 or ::1 depending on the machine: answer on both,
      // same port, so https://localhost:PORT works everywhere. ::1 is best effort (no IPv6).
      for (let attempt = 0; ; attempt++) {
        const bound = await listenOne(port, '127.0.0.1');
        try {
          await listenOne(bound, '::1');
          return bound;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return bound;
          if (code !== 'EADDRINUSE' || port !== 0 || attempt >= 5) throw err;
          // Port 0 gave a port whose ::1 twin is taken: try another.
          await closeServer(servers.pop() as https.Server);
        }
      }
    },
    async close() {
      await Promise.all(servers.splice(0).map(closeServer));
    },
  };
}

const openSockets = new WeakMap<https.Server, Set<Socket>>();

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    for (const socket of openSockets.get(server) ?? []) socket.destroy();
  });
}
