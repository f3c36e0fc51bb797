import { create } from 'zustand';
import type { PrescriptionView } from '../../../../shared/ipc/rxChannels';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { useRx } from './rxStore';

/** The inline form open under one prescription of the list: a void or a revision, with its reason. */
export interface RowAction {
  prescriptionId: string;
  kind: 'void' | 'revise';
  reason: string;
  busy: boolean;
  error: AppError | null;
}

interface PatientRxState {
  patientId: string | null;
  prescriptions: PrescriptionView[];
  error: AppError | null;
  /** Lists received so far: what an end-to-end test waits on instead of sleeping. */
  loads: number;
  action: RowAction | null;
  load: (patientId: string) => Promise<void>;
  begin: (prescriptionId: string, kind: RowAction['kind']) => void;
  setReason: (reason: string) => void;
  cancel: () => void;
  confirm: () => Promise<void>;
}

/** The patient's prescriptions as main shows them (display statuses), and the void / revise forms. */
export const usePatientRx = create<PatientRxState>((set, get) => ({
  patientId: null,
  prescriptions: [],
  error: null,
  loads: 0,
  action: null,
  async load(patientId) {
    if (get().patientId !== patientId) set({ patientId, prescriptions: [], error: null, action: null });
    const result = await invoke('rx:list', { patientId });
    if (get().patientId !== patientId) return;
    set(result.ok ? { prescriptions: result.value.prescriptions, error: null, loads: get().loads + 1 } : { error: result.error, loads: get().loads + 1 });
  },
  begin(prescriptionId, kind) {
    set({ action: { prescriptionId, kind, reason: '', busy: false, error: null } });
  },
  setReason(reason) {
    const { action } = get();
    if (action) set({ action: { ...action, reason } });
  },
  cancel() {
    set({ action: null });
  },
  async confirm() {
    const { action, patientId } = get();
    if (!action || !patientId || !action.reason.trim()) return;
    set({ action: { ...action, busy: true, error: null } });
    const request = { prescriptionId: action.prescriptionId, reason: action.reason.trim() };
    if (action.kind === 'void') {
      const result = await invoke('rx:void', request);
      if (!result.ok) return set({ action: { ...action, busy: false, error: result.error } });
      set({ action: null });
      return get().load(patientId);
    }
    const result = await invoke('rx:revise', request);
    if (!result.ok) return set({ action: { ...action, busy: false, error: result.error } });
    set({ action: null });
    useRx.getState().show(result.value);
  },
}));
