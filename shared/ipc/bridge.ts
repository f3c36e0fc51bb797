import type { Result } from '../result';
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from './index';

/**
 * What the renderer sees as `window.caredesk`. Electron's preload and the loopback test host's
 * bridge both provide exactly this, so the renderer cannot tell them apart.
 */
export interface CareDeskBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
