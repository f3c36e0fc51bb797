import { eventNames, type CareDeskBridge, type Channel, type EventName, type EventPayload, type RequestOf, type ResponseOf } from '../../../shared/ipc';
import { fail, ok, type Result } from '../../../shared/result';

/**
 * `window.caredesk` for the loopback test host: the same interface Electron's preload provides,
 * carried over HTTP to 127.0.0.1. The token comes from the URL fragment and is kept for the tab.
 */
function readToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('caredesk.token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  return fromHash ?? sessionStorage.getItem('caredesk.token') ?? '';
}

function connectionId(): string {
  const existing = sessionStorage.getItem('caredesk.connection');
  if (existing) return existing;
  const id = crypto.randomUUID();
  sessionStorage.setItem('caredesk.connection', id);
  return id;
}

export function installHttpBridge(): void {
  window.caredesk = createHttpBridge(readToken(), connectionId());
}

function createHttpBridge(token: string, connection: string): CareDeskBridge {
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}&connection=${connection}`);
for (const name of eventNames) {
  source.addEventListener(name, (message) => {
    const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
    listeners.get(name)?.forEach((listener) => listener(payload));
  });
}

return {
  async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    try {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel, payload: request, connection }),
      });
      // The host answers with the core's Result; main validated it against the response schema.
      return (await response.json()) as Result<ResponseOf<C>>;
    } catch {
      return fail('STORE_UNAVAILABLE', 'CareDesk is not reachable.');
    }
  },
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set.add(listener as (payload: unknown) => void));
    return () => void set.delete(listener as (payload: unknown) => void);
  },
  // A plain browser has one print path: Chromium's dialog, which also saves as PDF.
  print() {
    window.print();
    return Promise.resolve(ok({ printed: true }));
  },
};
}
