/**
 * The renderer's Content Security Policy, one home for both transports (issue 12, hardening).
 *
 * Everything the app runs ships with it: scripts and styles come from its own origin only, no
 * plugin content (`object-src 'none'`), no `<base>` rewriting relative URLs, no form posting
 * anywhere. Inline styles stay allowed because React's `style` attributes and the chart library
 * use them; inline scripts never are. The camera preview needs `mediastream:`/`blob:`.
 *
 * `connect-src` is where the two transports differ: in Electron the renderer talks to main over
 * IPC only, so it may open no connection at all; under the loopback host its one connection is the
 * host's own origin (the HTTP bridge). A page can never reach the hospital server or anything
 * else directly: patient data leaves only through main's sync protocol.
 */
export type RendererTransport = 'electron' | 'loopback';

export function contentSecurityPolicy(transport: RendererTransport): string {
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'media-src': "'self' blob: mediastream:",
    'font-src': "'self'",
    'connect-src': transport === 'electron' ? "'none'" : "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'worker-src': "'none'",
    'frame-src': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
