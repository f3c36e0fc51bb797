import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from '../../shared/ipc';
import type { PrintOutput } from '../../shared/print/output';
import type { Result } from '../../shared/result';

/** The renderer's only way to main: typed from the contract, one function per call shape. */
export function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return window.caredesk.invoke(channel, request);
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.caredesk.subscribe(event, listener);
}

/** Prints the page as its `@media print` rules lay it out (the shell's printer or PDF, or the browser's dialog). */
export function printPage(output: PrintOutput): Promise<Result<{ printed: boolean }>> {
  return window.caredesk.print(output);
}
