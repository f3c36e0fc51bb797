import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fail } from '../../shared/result';
import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';
import type { CoreClient } from '../core/coreClient';

export interface LoopbackHost {
  /** The address to open, with the token in the fragment so it never reaches a log or a Referer. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const maxBody = 1024 * 1024;
const securityHeaders = {
  // The header, unlike Electron's meta tag, can also forbid framing the page.
  'Content-Security-Policy': `${contentSecurityPolicy('loopback')}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The second transport of the IPC contract: the real renderer and the real core over HTTP on
 * 127.0.0.1, for browsers (and Playwright) on machines without the Electron binary. Every call
 * needs the per-run token and must come from the host's own origin; the core validates the rest.
 */
export async function startLoopbackHost(core: CoreClient, rendererDir: string, port = 0): Promise<LoopbackHost> {
  const token = randomBytes(24).toString('base64url');
  const streams = new Map<string, Set<ServerResponse>>();
  core.onEvent(({ connectionId, event, payload }) => {
    const targets = connectionId === null ? [...streams.values()].flatMap((s) => [...s]) : [...(streams.get(connectionId) ?? [])];
    for (const response of targets) response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, fail('INTERNAL', 'The loopback host failed.'));
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/api/invoke' && request.method === 'POST') return invoke(request, response);
    if (url.pathname === '/api/events' && request.method === 'GET') return subscribe(url, response);
    if (request.method === 'GET' || request.method === 'HEAD') return serveFile(url.pathname, response);
    sendJson(response, 405, fail('INVALID_REQUEST', 'Method not allowed.'));
  }

  async function invoke(request: IncomingMessage, response: ServerResponse) {
    if (!sameOrigin(request) || !tokenMatches(bearer(request))) {
      return sendJson(response, 403, fail('FORBIDDEN', 'This host only answers its own page.'));
    }
    const body = await readBody(request);
    if (body === null) return sendJson(response, 413, fail('INVALID_REQUEST', 'The request is larger than 1 MiB.'));
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      return sendJson(response, 400, fail('INVALID_REQUEST', 'The request is not valid JSON.'));
    }
    const { channel, payload, connection } = (message ?? {}) as Record<string, unknown>;
    if (typeof connection !== 'string' || !/^[\w-]{8,64}$/.test(connection)) {
      return sendJson(response, 400, fail('INVALID_REQUEST', 'A connection id is required.'));
    }
    sendJson(response, 200, await core.dispatch(channel, payload, `host:${connection}`));
  }

  function subscribe(url: URL, response: ServerResponse) {
    const connection = url.searchParams.get('connection') ?? '';
    // EventSource cannot send headers, so this one route takes the token as a parameter.
    if (!tokenMatches(url.searchParams.get('token')) || !/^[\w-]{8,64}$/.test(connection)) {
      return sendJson(response, 403, fail('FORBIDDEN', 'This host only answers its own page.'));
    }
    const id = `host:${connection}`;
    response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    const set = streams.get(id) ?? new Set();
    streams.set(id, set.add(response));
    response.on('close', () => {
      set.delete(response);
      if (set.size === 0) streams.delete(id);
    });
  }

  function serveFile(pathname: string, response: ServerResponse) {
    const relative = pathname === '/' ? 'host.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = normalize(join(rendererDir, relative));
    if (!file.startsWith(normalize(rendererDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, securityHeaders).end('not found');
      return;
    }
    response.writeHead(200, { ...securityHeaders, 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  }

  const sameOrigin = (request: IncomingMessage) => request.headers.origin === origin;
  const bearer = (request: IncomingMessage) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
  const tokenMatches = (candidate: string | null) =>
    candidate !== null && candidate.length === token.length && timingSafeEqual(Buffer.from(candidate), Buffer.from(token));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise((resolve) => {
        for (const set of streams.values()) for (const response of set) response.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        resolve(null);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
