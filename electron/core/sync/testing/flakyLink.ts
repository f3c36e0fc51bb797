import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { httpFramer, type HttpMessage, type Piece } from './httpFrames';

/**
 * A loopback TCP proxy between a workstation and the hospital server that tests can break: take
 * the link down and up, cut a request part-way through its body (the server never gets all of it)
 * or a response part-way through its body (the server committed, the answer is lost), hold an
 * answer until the test lets it go (so it can kill the client in between), or send a request twice
 * at once (a resend racing its original). Each fault is counted when it really happens, so a test
 * can prove its faults landed where it meant them to.
 */
export type Side = 'request' | 'response';

export interface CutPlan {
  /** Which requests (and their answers) to cut, by path, e.g. /^\/sync\/push/. */
  path: RegExp;
  /** Let this many matching messages pass first. */
  skip?: number;
  /** Where to cut, in bytes into a body of `bodyLength` bytes (0 <= at < bodyLength). */
  at: (bodyLength: number) => number;
}

export interface FaultCounts {
  /** Cuts that landed inside a body (after its first byte, before its last), per side. */
  midBody: Record<Side, number>;
  /** Cuts that landed on a body's first byte (nothing of the body passed). */
  atBodyStart: Record<Side, number>;
  /** Answers held and then released or dropped. */
  held: number;
  /** Requests sent a second time, concurrently, whose copy the server answered. */
  raced: number;
  /** Per-mutation statuses in the /sync/push answers the server gave (delivered or not). */
  pushResults: Record<string, number>;
}

export interface HeldAnswer {
  /** The request line of the held answer's request. */
  path: string;
  release(): void;
  /** Drop the connection instead: the client never hears the answer. */
  drop(): void;
}

export interface FlakyLink {
  url: string;
  setOnline(online: boolean): void;
  /** Cut every connection once this many response bytes have passed; null to stop cutting. */
  cutResponsesAfter(bytes: number | null): void;
  /** Answer every request with the server's 503 DATABASE_UNAVAILABLE (its database restarting). */
  setDatabaseDown(down: boolean): void;
  /** Answer every request with this status and JSON body (a server of another version); null to stop. */
  answerEvery(answer: { status: number; body: unknown } | null): void;
  /** Cut the next matching message on `side` at a body offset the plan picks. */
  cutNext(side: Side, plan: CutPlan): void;
  /** Hold the next answer to a matching request once all of it has come from the server. */
  holdNextResponse(path: RegExp): Promise<HeldAnswer>;
  /**
   * Race the next matching request against its resend: it is withheld and the client's connection
   * dropped; when the client sends it again (a new request, with a fresh proof), both reach the
   * server at once. The original's answer is read and counted, never delivered.
   */
  raceNextRequest(path: RegExp): void;
  /** Forget every planned fault that has not happened yet. */
  clearPlans(): void;
  readonly faults: FaultCounts;
  close(): Promise<void>;
}

// What server/http/errors.ts answers while the database is unreachable.
const databaseDownBody = JSON.stringify({ error: { code: 'DATABASE_UNAVAILABLE', message: 'the hospital database is unavailable (restarting?); retry shortly' } });
const databaseDownAnswer = `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 2\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(databaseDownBody)}\r\n\r\n${databaseDownBody}`;

const pathOf = (message: HttpMessage) => message.startLine.split(' ')[1] ?? '';

interface Plans {
  cuts: { side: Side; plan: CutPlan; skipped: number }[];
  holds: { path: RegExp; resolve: (held: HeldAnswer) => void }[];
  races: RegExp[];
}

export async function startFlakyLink(target: { host: string; port: number }): Promise<FlakyLink> {
  let online = true;
  let cutAfter: number | null = null;
  let databaseDown = false;
  let fixedAnswer: string | null = null;
  const plans: Plans = { cuts: [], holds: [], races: [] };
  /** A request withheld by `raceNextRequest`, sent when the client's resend of it starts. */
  let withheld: { path: string; bytes: Buffer } | null = null;
  const faults: FaultCounts = { midBody: { request: 0, response: 0 }, atBodyStart: { request: 0, response: 0 }, held: 0, raced: 0, pushResults: {} };
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  /** The body offset to cut a message at, if a plan wants this one (consuming the plan). */
  function cutFor(side: Side, path: string, message: HttpMessage): number | null {
    if (!message.bodyLength) return null;
    const index = plans.cuts.findIndex((c) => c.side === side && c.plan.path.test(path));
    if (index === -1) return null;
    const entry = plans.cuts[index]!;
    if (entry.skipped < (entry.plan.skip ?? 0)) {
      entry.skipped++;
      return null;
    }
    plans.cuts.splice(index, 1);
    return Math.min(Math.max(0, Math.trunc(entry.plan.at(message.bodyLength))), message.bodyLength - 1);
  }

  function countCut(side: Side, at: number) {
    if (at === 0) faults.atBodyStart[side]++;
    else faults.midBody[side]++;
  }

  function countPushAnswer(path: string, body: Buffer) {
    if (!/^\/sync\/push/.test(path)) return;
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { results?: { status: string }[] };
      for (const { status } of parsed.results ?? []) faults.pushResults[status] = (faults.pushResults[status] ?? 0) + 1;
    } catch {
      // An error answer (503 and the like) has no results to count.
    }
  }

  /** A copy of a whole request, sent on a connection of its own; its answer is counted, not delivered. */
  function race(path: string, request: Buffer) {
    const copy = createConnection(target);
    track(copy);
    const frames = httpFramer();
    const body: Buffer[] = [];
    copy.on('data', (chunk: Buffer) => {
      for (const piece of frames(chunk)) {
        body.push(piece.start === 0 ? piece.bytes.subarray(piece.message.headLength) : piece.bytes);
        if (piece.last) {
          faults.raced++;
          countPushAnswer(path, Buffer.concat(body));
          copy.destroy();
        }
      }
    });
    copy.write(request);
  }

  const server = createServer((client) => {
    track(client);
    if (!online) return void client.destroy();
    if (databaseDown) return void client.end(databaseDownAnswer);
    if (fixedAnswer !== null) return void client.end(fixedAnswer);
    const upstream = createConnection(target);
    track(upstream);
    const cutBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    const waitingPaths: string[] = [];

    // Requests, client to server.
    const requestFrames = httpFramer();
    let requestCut: number | null = null;
    let captured: Buffer[] | null = null;
    client.on('data', (chunk: Buffer) => {
      for (const piece of requestFrames(chunk)) {
        const path = pathOf(piece.message);
        if (piece.start === 0) {
          // The client's resend of a held original: both go to the server at once.
          if (withheld && withheld.path === path) {
            race(path, withheld.bytes);
            withheld = null;
          }
          requestCut = cutFor('request', path, piece.message);
          const raceIndex = plans.races.findIndex((p) => p.test(path));
          captured = raceIndex === -1 ? null : [];
          if (raceIndex !== -1) plans.races.splice(raceIndex, 1);
          if (!captured) waitingPaths.push(path);
        }
        if (captured) {
          // Withheld whole, never forwarded yet; the client's connection drops, so it resends
          // (signed afresh), and the original is let go beside that resend.
          captured.push(piece.bytes);
          if (piece.last) {
            withheld = { path, bytes: Buffer.concat(captured) };
            captured = null;
            upstream.destroy();
            client.destroy();
            return;
          }
          continue;
        }
        if (requestCut !== null) {
          const cutAt = piece.message.headLength + requestCut;
          if (piece.start + piece.bytes.length > cutAt) {
            countCut('request', requestCut);
            // end(), not destroy(): the bytes before the cut do reach the server, then the line drops.
            upstream.end(piece.bytes.subarray(0, cutAt - piece.start));
            client.destroy();
            return;
          }
        }
        upstream.write(piece.bytes);
      }
    });

    // Responses, server to client.
    const responseFrames = httpFramer();
    let returned = 0;
    let responseCut: number | null = null;
    let responsePath = '';
    let held: Buffer[] | null = null;
    let holder: Plans['holds'][number] | undefined;
    let pushBody: Buffer[] = [];
    const deliver = (piece: Piece) => {
      client.write(piece.bytes);
      pushBody.push(piece.start === 0 ? piece.bytes.subarray(piece.message.headLength) : piece.bytes);
      if (piece.last) {
        countPushAnswer(responsePath, Buffer.concat(pushBody));
        pushBody = [];
      }
    };
    upstream.on('data', (chunk: Buffer) => {
      if (cutAfter !== null && returned + chunk.length > cutAfter) {
        client.write(chunk.subarray(0, Math.max(0, cutAfter - returned)));
        return cutBoth();
      }
      returned += chunk.length;
      for (const piece of responseFrames(chunk)) {
        if (piece.start === 0) {
          responsePath = waitingPaths.shift() ?? '';
          responseCut = cutFor('response', responsePath, piece.message);
          const holdIndex = plans.holds.findIndex((h) => h.path.test(responsePath));
          holder = holdIndex === -1 ? undefined : plans.holds.splice(holdIndex, 1)[0];
          held = holder ? [] : null;
        }
        if (responseCut !== null) {
          const cutAt = piece.message.headLength + responseCut;
          if (piece.start + piece.bytes.length > cutAt) {
            countCut('response', responseCut);
            // The answer was complete at the server: count what it said, though the client never hears it.
            pushBody.push(piece.start === 0 ? piece.bytes.subarray(piece.message.headLength) : piece.bytes);
            if (piece.last) countPushAnswer(responsePath, Buffer.concat(pushBody));
            client.write(piece.bytes.subarray(0, cutAt - piece.start));
            return cutBoth();
          }
          deliver(piece);
          continue;
        }
        if (held && holder) {
          held.push(piece.bytes);
          if (piece.last) {
            faults.held++;
            const bytes = Buffer.concat(held);
            const path = responsePath;
            holder.resolve({ path, release: () => void (client.destroyed || client.write(bytes)), drop: cutBoth });
            countPushAnswer(path, bytes.subarray(piece.message.headLength));
            held = null;
          }
          continue;
        }
        deliver(piece);
      }
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    faults,
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
    cutNext(side, plan) {
      plans.cuts.push({ side, plan, skipped: 0 });
    },
    holdNextResponse: (path) => new Promise((resolve) => plans.holds.push({ path, resolve })),
    raceNextRequest(path) {
      plans.races.push(path);
    },
    clearPlans() {
      plans.cuts.length = 0;
      plans.races.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
