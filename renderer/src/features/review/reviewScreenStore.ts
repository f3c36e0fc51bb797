import { create } from 'zustand';
import type { ReviewDetailView } from '../../../../shared/ipc/reviewChannels';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { useReviewQueue } from './reviewQueueStore';

export type DecisionKind = 'approve' | 'return' | 'intervene';

/** The decision being prepared: what the pharmacist chose, before the step-up confirms it. */
export interface DecisionDraft {
  decision: DecisionKind | null;
  reasons: string[];
  note: string;
  recommendation: string;
  physicianResponse: 'accepted' | 'declined' | 'pending';
  /** Made when the draft starts: a retried confirmation is the same decision, applied once by the server. */
  decisionId: string;
  /** The step-up is open: the decision waits for the password. */
  confirming: boolean;
}

interface ReviewScreenState {
  openId: string | null;
  detail: ReviewDetailView | null;
  detailError: AppError | null;
  claiming: string | null;
  claimError: { prescriptionId: string; error: AppError } | null;
  draft: DecisionDraft;
  deciding: boolean;
  decideError: AppError | null;
  /** The last decision that went through, for a one-line confirmation. */
  decided: { prescriptionId: string; decision: DecisionKind } | null;
  open: (prescriptionId: string) => Promise<void>;
  claim: (prescriptionId: string) => Promise<void>;
  release: () => Promise<void>;
  close: () => void;
  edit: (change: Partial<DecisionDraft>) => void;
  /** The verification made for this decision: a face check, or the password where policy allows it. */
  decide: (proof: { password: string } | { faceAttemptId: string }) => Promise<void>;
  reset: () => void;
}

const freshDraft = (): DecisionDraft => ({
  decision: null, reasons: [], note: '', recommendation: '', physicianResponse: 'pending', decisionId: crypto.randomUUID(), confirming: false,
});

/** The prescription under review: its detail (an online read), the lease, and the decision. */
export const useReviewScreen = create<ReviewScreenState>((set, get) => ({
  openId: null,
  detail: null,
  detailError: null,
  claiming: null,
  claimError: null,
  draft: freshDraft(),
  deciding: false,
  decideError: null,
  decided: null,

  async open(prescriptionId) {
    if (get().openId !== prescriptionId) set({ openId: prescriptionId, detail: null, draft: freshDraft(), decideError: null });
    set({ detailError: null });
    const result = await invoke('review:detail', { prescriptionId });
    if (get().openId !== prescriptionId) return;
    set(result.ok ? { detail: result.value } : { detailError: result.error });
  },
  async claim(prescriptionId) {
    set({ claiming: prescriptionId, claimError: null });
    const result = await invoke('review:claim', { requestId: crypto.randomUUID(), prescriptionId });
    set({ claiming: null });
    // Whoever won, the queue now says who holds it.
    void useReviewQueue.getState().load();
    if (!result.ok) return set({ claimError: { prescriptionId, error: result.error } });
    set({ decided: null });
    await get().open(prescriptionId);
  },
  async release() {
    const { openId } = get();
    if (!openId) return;
    await invoke('review:release', { requestId: crypto.randomUUID(), prescriptionId: openId });
    get().close();
    await useReviewQueue.getState().load();
  },
  close() {
    set({ openId: null, detail: null, detailError: null, draft: freshDraft(), decideError: null });
  },
  edit(change) {
    // A changed decision is another request: a new id, so the server never refuses it as a reuse.
    const changesContent = Object.keys(change).some((key) => key !== 'confirming');
    set({ draft: { ...get().draft, ...change, ...(changesContent ? { decisionId: crypto.randomUUID() } : {}) }, decideError: null });
  },
  async decide(proof) {
    const { openId, draft } = get();
    if (!openId || !draft.decision) return;
    set({ deciding: true, decideError: null });
    const result = await invoke('review:decide', {
      decisionId: draft.decisionId,
      prescriptionId: openId,
      decision: draft.decision,
      reasons: draft.decision === 'return' ? draft.reasons : [],
      note: draft.note.trim(),
      intervention: draft.decision === 'intervene' ? { recommendation: draft.recommendation.trim(), physicianResponse: draft.physicianResponse } : null,
      ...proof,
    });
    set({ deciding: false });
    if (!result.ok) return set({ decideError: result.error });
    const decision = draft.decision;
    // An intervention keeps the review open; approve and return end it and free the screen.
    if (decision === 'intervene') {
      set({ draft: freshDraft(), decided: { prescriptionId: openId, decision } });
      await get().open(openId);
    } else {
      get().close();
      set({ decided: { prescriptionId: openId, decision } });
    }
    await useReviewQueue.getState().load();
  },
  reset() {
    set({ openId: null, detail: null, detailError: null, claiming: null, claimError: null, draft: freshDraft(), deciding: false, decideError: null, decided: null });
  },
}));
