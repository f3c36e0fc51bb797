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
  close(): Promise<void>;
}

export async function startFlakyLink(target: { host: string; port: number }): Promise<FlakyLink> {
  let online = true;
  let cutAfter: number | null = null;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    track(client);
    if (!online) return void client.destroy();
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
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
