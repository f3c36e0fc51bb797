import { create } from 'zustand';
import type { InformedConfirmation, SignRisk } from '../../../../shared/ipc/rxRisk';
import type { LongSupply } from '../../../../shared/sync/rxRiskWire';

export type LongSupplyCategory = LongSupply['category'];
export interface SignRiskAnswers {
  informed?: InformedConfirmation;
  longSupply?: LongSupply;
}

/** The physician's answers in the sign step (issue 13); main decides whether they suffice. */
interface RiskStepState {
  /** Drug codes whose leaflet the physician confirms having explained. */
  told: readonly string[];
  category: LongSupplyCategory | null;
  note: string;
  setTold: (drugCode: string, told: boolean) => void;
  setCategory: (category: LongSupplyCategory | null) => void;
  setNote: (note: string) => void;
  reset: () => void;
}

export const useRiskStep = create<RiskStepState>((set) => ({
  told: [],
  category: null,
  note: '',
  setTold: (drugCode, told) => set((s) => ({ told: told ? [...new Set([...s.told, drugCode])] : s.told.filter((c) => c !== drugCode) })),
  setCategory: (category) => set({ category }),
  setNote: (note) => set({ note }),
  reset: () => set({ told: [], category: null, note: '' }),
}));

/** What the sign request carries, and whether the step is complete enough to offer signing. */
export function riskAnswers(risk: SignRisk, state: Pick<RiskStepState, 'told' | 'category' | 'note'>): { answers: SignRiskAnswers; complete: boolean } {
  const informed = risk.inform
    .filter((i) => state.told.includes(i.drugCode))
    .map((i) => ({ drugCode: i.drugCode, leafletId: i.leaflet?.id ?? null, leafletVersion: i.leaflet?.version ?? null }));
  const needsReason = risk.longSupply.items.length > 0;
  const note = state.note.trim();
  const longSupply = needsReason && state.category && note ? { category: state.category, note } : undefined;
  return {
    answers: { ...(informed.length ? { informed } : {}), ...(longSupply ? { longSupply } : {}) },
    complete: informed.length === risk.inform.length && (!needsReason || longSupply !== undefined),
  };
}
