import type { DecisionDraft } from './reviewScreenStore';

export type MissingForDecision = 'choose' | 'expired' | 'reasons' | 'note' | 'recommendation';

/**
 * What the decision still lacks before it can be signed, or null. The same rules as the decision
 * document (shared/review/wire.ts, ReviewDecisionDocument) and the server's 409 EXPIRED, checked
 * here first so the pharmacist is told before the step-up, not after: a return needs at least one
 * reason and a note, an intervention its recommendation, and an expired prescription
 * (《处方管理办法》第十八条) is never approved.
 */
export function missingForDecision(draft: Pick<DecisionDraft, 'decision' | 'reasons' | 'note' | 'recommendation'>, expired: boolean): MissingForDecision | null {
  if (!draft.decision) return 'choose';
  if (draft.decision === 'approve' && expired) return 'expired';
  if (draft.decision === 'return' && draft.reasons.length === 0) return 'reasons';
  if (draft.decision === 'return' && !draft.note.trim()) return 'note';
  if (draft.decision === 'intervene' && !draft.recommendation.trim()) return 'recommendation';
  return null;
}
