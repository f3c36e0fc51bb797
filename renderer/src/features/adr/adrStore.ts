import { create } from 'zustand';
import type { AdrDrug, AdrReportFields } from '../../../../shared/adr/report';
import type { AdrReportView } from '../../../../shared/ipc/adrChannels';
import type { PrescriptionView } from '../../../../shared/ipc/rxChannels';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';

/** The form's state: the drugs it starts with (from a prescription), or a report it follows up. */
export interface AdrFormSeed {
  drugs: AdrDrug[];
  followUp: AdrReportView | null;
}

/** An allergy the user chose to record from a report: it only fills the allergy form. */
export interface AllergyPrefill {
  allergen: string;
  reaction: string;
  /** Changes on every offer, so offering the same text again fills the form again. */
  nonce: number;
}

interface AdrState {
  patientId: string | null;
  reports: AdrReportView[];
  error: AppError | null;
  /** Lists received so far: what an end-to-end test waits on instead of sleeping. */
  loads: number;
  form: AdrFormSeed | null;
  allergyPrefill: AllergyPrefill | null;
  load: (patientId: string) => Promise<void>;
  open: (seed: AdrFormSeed) => void;
  close: () => void;
  record: (patientId: string, report: AdrReportFields, correctionReason: string | null) => Promise<AppError | null>;
  offerAllergy: (report: AdrReportView) => void;
}

/** The suspected drugs of a prescription, as the report form starts them. */
export function drugsOf(p: PrescriptionView): AdrDrug[] {
  return p.items.map((item) => ({
    role: 'suspected', drugCode: item.drugCode ?? null, name: item.drugNameZh ?? item.drug, dose: item.dose, route: item.route ?? '',
    frequency: item.frequency, startedOn: p.issuedOn, stoppedOn: null, indication: item.indication ?? '', prescriptionId: p.id,
  }));
}

let nonce = 0;

export const useAdr = create<AdrState>((set, get) => ({
  patientId: null,
  reports: [],
  error: null,
  loads: 0,
  form: null,
  allergyPrefill: null,
  async load(patientId) {
    if (get().patientId !== patientId) set({ patientId, reports: [], error: null, form: null, allergyPrefill: null });
    const result = await invoke('adr:list', { patientId });
    if (get().patientId !== patientId) return;
    set((s) => ({ ...(result.ok ? { reports: result.value.reports, error: null } : { error: result.error }), loads: s.loads + 1 }));
  },
  open: (form) => set({ form }),
  close: () => set({ form: null }),
  async record(patientId, report, correctionReason) {
    const followUp = get().form?.followUp ?? null;
    const result = await invoke('adr:record', { patientId, previousId: followUp?.id ?? null, correctionReason: followUp ? correctionReason : null, report });
    if (!result.ok) return result.error;
    set({ form: null });
    await get().load(patientId);
    return null;
  },
  offerAllergy(report) {
    const suspected = report.report.drugs.filter((d) => d.role === 'suspected').map((d) => d.name);
    set({ allergyPrefill: { allergen: suspected.join('、').slice(0, 120), reaction: (report.report.term ?? report.report.reaction).slice(0, 200), nonce: ++nonce } });
  },
}));
