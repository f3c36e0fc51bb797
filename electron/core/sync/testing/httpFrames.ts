/**
 * Splits one direction of an HTTP/1.1 byte stream into messages (RFC 9112 section 6: a head ending
 * in an empty line, then a body of `content-length` bytes), so the flaky link can cut a chosen
 * message at a chosen byte of its body. Our client (undici) sends string bodies with a length and
 * Fastify answers JSON with one; a chunked body is passed through with an unknown length.
 */
export interface HttpMessage {
  /** `POST /sync/push HTTP/1.1` for a request, `HTTP/1.1 200 OK` for a response. */
  startLine: string;
  headLength: number;
  /** null for a chunked body (never cut by offset). */
  bodyLength: number | null;
}

export interface Piece {
  message: HttpMessage;
  bytes: Buffer;
  /** Offset of `bytes` in the whole message (head included). */
  start: number;
  /** The message's last byte is in this piece. */
  last: boolean;
}

const headEnd = Buffer.from('\r\n\r\n');

export function httpFramer() {
  let head = Buffer.alloc(0);
  let current: HttpMessage | null = null;
  let sent = 0;

  function openMessage(): { message: HttpMessage; headBytes: Buffer } | null {
    const end = head.indexOf(headEnd);
    if (end === -1) return null;
    const headBytes = head.subarray(0, end + headEnd.length);
    head = head.subarray(end + headEnd.length);
    const lines = headBytes.toString('latin1').split('\r\n');
    const header = (name: string) => lines.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
    const chunked = /chunked/i.test(header('transfer-encoding') ?? '');
    const message = { startLine: lines[0] ?? '', headLength: headBytes.length, bodyLength: chunked ? null : Number(header('content-length') ?? 0) };
    return { message, headBytes };
  }

  /** The pieces of `chunk`, each within one message; a head is held back until it is complete. */
  return function* pieces(chunk: Buffer): Generator<Piece> {
    let rest = chunk;
    for (;;) {
      if (!current) {
        head = Buffer.concat([head, rest]);
        rest = Buffer.alloc(0);
        const opened = openMessage();
        if (!opened) return;
        current = opened.message;
        sent = 0;
        rest = Buffer.concat([opened.headBytes, head]);
        head = Buffer.alloc(0);
      }
      if (rest.length === 0) return;
      const total = current.bodyLength === null ? Infinity : current.headLength + current.bodyLength;
      const take = Math.min(rest.length, total - sent);
      const piece: Piece = { message: current, bytes: rest.subarray(0, take), start: sent, last: sent + take === total };
      sent += take;
      rest = rest.subarray(take);
      if (piece.last) current = null;
      yield piece;
    }
  };
}
