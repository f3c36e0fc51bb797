import type { PrintOutput } from '../print/output';
import type { Result } from '../result';
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from './index';

/**
 * What the renderer sees as `window.caredesk`. Electron's preload and the loopback test host's
 * bridge both provide exactly this, so the renderer cannot tell them apart.
 */
export interface CareDeskBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Prints the page as its `@media print` rules lay it out. Electron's shell prints with
   * webContents.print / printToPDF (a save dialog for the PDF); the test host, a plain browser,
   * opens Chromium's print dialog, whose "Save as PDF" makes the file. `printed: false`: cancelled.
   */
  print(output: PrintOutput): Promise<Result<{ printed: boolean }>>;
}
