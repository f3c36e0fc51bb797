import { create } from 'zustand';
import type { ResponseOf } from '../../../../shared/ipc';
import type { PrintOutput } from '../../../../shared/print/output';
import type { AppError } from '../../../../shared/result';
import { invoke, printPage } from '../../api';

/** The document open for print: main read it for print (and audited that) before it is shown. */
export type PrintDocument =
  | { kind: 'prescription'; id: string; doc: ResponseOf<'rx:print'> }
  | { kind: 'record'; id: string; doc: ResponseOf<'emr:record:print'> };

interface PrintState {
  open: PrintDocument | null;
  /** The document being read, so its button can say so. */
  loading: string | null;
  error: AppError | null;
  /** The document main refused to read for print, so only its button shows why. */
  refusedId: string | null;
  printPrescription: (prescriptionId: string) => Promise<void>;
  printRecord: (recordId: string) => Promise<void>;
  /** Sends the open document to the printer or a PDF through the bridge (Electron or the browser). */
  output: (output: PrintOutput) => Promise<void>;
  close: () => void;
}

export const usePrint = create<PrintState>((set) => ({
  open: null,
  loading: null,
  error: null,
  refusedId: null,
  async printPrescription(prescriptionId) {
    set({ loading: prescriptionId, error: null, refusedId: null });
    const result = await invoke('rx:print', { prescriptionId });
    set(result.ok ? { open: { kind: 'prescription', id: prescriptionId, doc: result.value }, loading: null } : { error: result.error, refusedId: prescriptionId, loading: null });
  },
  async printRecord(recordId) {
    set({ loading: recordId, error: null, refusedId: null });
    const result = await invoke('emr:record:print', { recordId });
    set(result.ok ? { open: { kind: 'record', id: recordId, doc: result.value }, loading: null } : { error: result.error, refusedId: recordId, loading: null });
  },
  async output(output) {
    const result = await printPage(output);
    if (!result.ok) set({ error: result.error });
  },
  close: () => set({ open: null, error: null, refusedId: null }),
}));
