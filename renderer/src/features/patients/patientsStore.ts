import { create } from 'zustand';
import type { PatientListItem, PatientSummary } from '../../../../shared/domain/patient';
import type { AppError } from '../../../../shared/result';
import { invoke, subscribe } from '../../api';

interface PatientsState {
  query: string;
  results: PatientListItem[];
  more: boolean;
  searchError: AppError | null;
  selectedId: string | null;
  summary: PatientSummary | null;
  summaryError: AppError | null;
  search: (query: string) => Promise<void>;
  select: (patientId: string) => Promise<void>;
  /** Reads the open chart again, keeping it on screen meanwhile (a visit was just written here). */
  refresh: () => Promise<void>;
  reset: () => void;
}

let latestSearch = 0;

export const usePatients = create<PatientsState>((set, get) => ({
  query: '',
  results: [],
  more: false,
  searchError: null,
  selectedId: null,
  summary: null,
  summaryError: null,
  async search(query) {
    const ticket = ++latestSearch;
    set({ query });
    const result = await invoke('patients:search', { query, limit: 50 });
    if (ticket !== latestSearch) return; // a newer keystroke already asked
    if (result.ok) set({ results: result.value.patients, more: result.value.more, searchError: null });
    else set({ results: [], more: false, searchError: result.error });
  },
  async select(patientId) {
    set({ selectedId: patientId, summary: null, summaryError: null });
    const result = await invoke('patients:summary', { patientId });
    if (get().selectedId !== patientId) return;
    set(result.ok ? { summary: result.value } : { summaryError: result.error });
  },
  async refresh() {
    const patientId = get().selectedId;
    if (!patientId) return;
    const result = await invoke('patients:summary', { patientId });
    if (get().selectedId === patientId && result.ok) set({ summary: result.value });
  },
  reset() {
    set({ query: '', results: [], more: false, searchError: null, selectedId: null, summary: null, summaryError: null });
  },
}));

/** Data read from main is a cache: refresh it when a sync brings new rows. Called once at start. */
export function followPatientEvents(): void {
  subscribe('sync:applied', ({ tables }) => {
    const { query, selectedId, search, select } = usePatients.getState();
    if (tables.includes('patients')) void search(query);
    if (selectedId && tables.some((t) => t !== 'users')) void select(selectedId);
  });
}
