import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy between a workstation and the hospital server that tests can break: take
 * the link down and up, or cut the connection after a number of bytes have come back from the
 * server (so a request reaches the server but its answer does not).
 */
export interface FlakyLink {
  url: string;
  setOnline(online: boolean): void;
  /** Cut every connection once this many response bytes have passed; null to stop cutting. */
  cutResponsesAfter(bytes: number | null): void;
  /** Answer every request with the server's 503 DATABASE_UNAVAILABLE (its database restarting). */
  setDatabaseDown(down: boolean): void;
  /** Answer every request with this status and JSON body (a server of another version); null to stop. */
  answerEvery(answer: { status: number; body: unknown } | null): void;
  close(): Promise<void>;
}

// What server/http/errors.ts answers while the database is unreachable.
const databaseDownBody = JSON.stringify({ error: { code: 'DATABASE_UNAVAILABLE', message: 'the hospital database is unavailable (restarting?); retry shortly' } });
const databaseDownAnswer = `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 2\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(databaseDownBody)}\r\n\r\n${databaseDownBody}`;

export async function startFlakyLink(target: { host: string; port: number }): Promise<FlakyLink> {
  let online = true;
  let cutAfter: number | null = null;
  let databaseDown = false;
  let fixedAnswer: string | null = null;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    track(client);
    if (!online) return void client.destroy();
    if (databaseDown) return void client.end(databaseDownAnswer);
    if (fixedAnswer !== null) return void client.end(fixedAnswer);
    const upstream = createConnection(target);
    track(upstream);
    let returned = 0;
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (cutAfter !== null && returned + chunk.length > cutAfter) {
        client.write(chunk.subarray(0, Math.max(0, cutAfter - returned)));
        client.destroy();
        upstream.destroy();
        return;
      }
      returned += chunk.length;
      client.write(chunk);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setOnline(next) {
      online = next;
      if (!next) for (const socket of sockets) socket.destroy();
    },
    cutResponsesAfter(bytes) {
      cutAfter = bytes;
    },
    setDatabaseDown(down) {
      databaseDown = down;
      // Kept-alive connections would still reach the server: make the next request open a new one.
      if (down) for (const socket of sockets) socket.destroy();
    },
    answerEvery(answer) {
      const body = answer && JSON.stringify(answer.body);
      fixedAnswer = answer && `HTTP/1.1 ${answer.status} Answer\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body!)}\r\n\r\n${body}`;
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
