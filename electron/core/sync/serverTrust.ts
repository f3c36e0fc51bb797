import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';

/**
 * How the workstation trusts the hospital server's TLS certificate. Both narrow trust; neither
 * ever widens it (no `rejectUnauthorized: false`):
 *  - `ca`: PEM of the certificate (or private CA) to trust *instead of* the system's CAs. For a
 *    hospital's self-signed server certificate this is the certificate itself.
 *  - `pinSha256`: after the chain and host name check out, the leaf must also match this pin:
 *    either `sha256/<base64>` of its SubjectPublicKeyInfo (RFC 7469's pin-sha256, which survives
 *    a renewal that keeps the key), or the certificate's SHA-256 fingerprint in hex, as
 *    `openssl x509 -noout -fingerprint -sha256` prints it.
 */
export interface ServerTrust {
  ca?: string | Buffer;
  pinSha256?: string;
}

/** The server presented a certificate this workstation does not trust. Never retried over HTTP. */
export class UntrustedCertificate extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntrustedCertificate';
  }
}

interface Pin {
  kind: 'spki' | 'certificate';
  digest: Buffer;
}

export function parsePin(pin: string): Pin {
  const trimmed = pin.trim();
  const hex = trimmed.replace(/:/g, '');
  if (/^[0-9a-fA-F]{64}$/.test(hex)) return { kind: 'certificate', digest: Buffer.from(hex, 'hex') };
  const base64 = trimmed.replace(/^sha256\//, '');
  const digest = Buffer.from(base64, 'base64');
  if (/^[A-Za-z0-9+/]{43}=$/.test(base64) && digest.length === 32) return { kind: 'spki', digest };
  throw new Error('a pin is sha256/<base64 of the SPKI SHA-256> or a 64-hex-digit certificate SHA-256 fingerprint');
}

function formatPin(pin: Pin): string {
  return pin.kind === 'spki'
    ? `sha256/${pin.digest.toString('base64')}`
    : (pin.digest.toString('hex').toUpperCase().match(/../g) ?? []).join(':');
}

/** The pin of a DER certificate, in the same form as `like`. */
export function pinOf(certificateDer: Buffer, like: Pin['kind']): string {
  const digest = like === 'spki'
    ? createHash('sha256').update(new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' })).digest()
    : createHash('sha256').update(certificateDer).digest();
  return formatPin({ kind: like, digest });
}

/** A minimal answer: all the server client reads of a response. */
export interface TransportResponse {
  status: number;
  ok: boolean;
  /** The answer's `date` header (the server's clock, for request proofs: serverClient.ts). */
  date?: string | null;
  json(): Promise<unknown>;
}
export type Transport = (
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<TransportResponse>;

/**
 * HTTPS with the trust above, over node:https (Node's bundled fetch takes no TLS options, and the
 * `undici` package is not a dependency of the app). Keep-alive sockets are unref'd by the agent,
 * so an idle client holds no process open.
 */
export function pinnedTransport(trust: ServerTrust): Transport {
  const pin = trust.pinSha256 === undefined ? undefined : parsePin(trust.pinSha256);
  const agent = new Agent({
    keepAlive: true,
    ...(trust.ca === undefined ? {} : { ca: trust.ca }),
    // Runs only once the chain verified: the pin is an extra condition, never a substitute.
    checkServerIdentity(host: string, certificate: PeerCertificate) {
      const hostError = checkServerIdentity(host, certificate);
      if (hostError || !pin) return hostError;
      const received = pinOf(certificate.raw, pin.kind);
      if (received === formatPin(pin)) return undefined;
      return new UntrustedCertificate(
        `the hospital server's certificate does not match the pinned one: expected ${formatPin(pin)}, received ${received}`,
      );
    },
  });
  return (url, init) =>
    new Promise<TransportResponse>((resolve, reject) => {
      if (url.protocol !== 'https:') return reject(new UntrustedCertificate(`a pinned certificate needs an https:// server, not ${url.protocol}`));
      const req = request(url, { method: init.method, headers: init.headers, agent, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        const body = new Promise<string>((done, fail) => {
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
          res.on('error', fail);
          res.on('aborted', () => fail(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' })));
        });
        // Read at once so a cut answer surfaces; json() only parses.
        body.catch(() => undefined);
        const status = res.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, date: res.headers.date ?? null, json: async () => JSON.parse(await body) as unknown });
      });
      req.on('error', reject);
      req.end(init.body);
    });
}

/** The certificate error in a failed request, if that is why it failed. */
export function certificateProblem(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof UntrustedCertificate) return e.message;
    const code = 'code' in e ? String(e.code) : '';
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT_ALTNAME/.test(code)) {
      return `the hospital server's certificate is not trusted (${code}: ${e.message})`;
    }
  }
  return null;
}

/**
 * Trust as a deployment states it (the `caredesk sync` flags, the installer's environment):
 * a certificate file to trust exactly (a self-signed hospital server), and/or a pin checked on
 * top of the chain. A pin that cannot be parsed or a file that cannot be read throws here, at
 * start, instead of looking like an offline server later.
 */
export function configuredTrust(options: { certFile?: string | undefined; pin?: string | undefined }): ServerTrust | undefined {
  if (!options.certFile && !options.pin) return undefined;
  if (options.pin) parsePin(options.pin);
  return {
    ...(options.certFile ? { ca: readFileSync(options.certFile, 'utf8') } : {}),
    ...(options.pin ? { pinSha256: options.pin } : {}),
  };
}
