/**
 * How a document leaves the screen through the bridge's `print` (shared/ipc/bridge.ts): to a
 * printer, or to a PDF file the user saves. Electron's shell answers on its own IPC channel,
 * outside the core's contract: printing is the window's business, not the core's.
 */
import { z } from 'zod';

export const PrintOutput = z.enum(['paper', 'pdf']);
export type PrintOutput = z.infer<typeof PrintOutput>;

export const printChannel = 'caredesk-shell:print';

/** Error codes of printing (spread into shared/result.ts). */
export const printErrorCodes = [
  /** The printer or the PDF file refused the document (not a cancel, which is `printed: false`). */
  'PRINT_FAILED',
] as const;
