/** Review shapes the renderer sees (shared/ipc/reviewOutcome.ts), built from cached decisions. */
import { z } from 'zod';
import { Intervention, type ReasonLabel, type ReviewDecisionView, type ReviewOutcome } from '../../../shared/ipc/reviewOutcome';
import { returnReason } from '../../../shared/review/reasons';
import type { ReviewDecisionRecord } from '../store/reviewTables';

/** A reason code with both labels from the reasons file; a code this version does not know shows as itself. */
export function reasonLabel(code: string): ReasonLabel {
  const reason = returnReason(code);
  return { code, zh: reason?.zh ?? code, en: reason?.en ?? code };
}

const Codes = z.array(z.string());

export function decisionView(d: ReviewDecisionRecord): ReviewDecisionView {
  return {
    decisionId: d.id,
    prescriptionId: d.prescription_id,
    decision: d.decision,
    reviewer: { id: d.reviewer_id, name: d.reviewer_name },
    reasons: Codes.catch([]).parse(JSON.parse(d.reasons)).map(reasonLabel),
    note: d.note,
    intervention: d.intervention === null ? null : Intervention.nullable().catch(null).parse(JSON.parse(d.intervention)),
    decidedAt: d.decided_at,
  };
}

/**
 * The outcome on one prescription version: the last approve or return decides it; interventions
 * alone mean a pharmacist is at work on it; no decision at all, it waits. Null when nothing
 * reached this device (a prescription not yet sent, or history from before review).
 */
export function reviewOutcome(decisions: readonly ReviewDecisionRecord[]): ReviewOutcome | null {
  if (decisions.length === 0) return null;
  const views = decisions.map(decisionView);
  const final = views.filter((d) => d.decision !== 'intervene').at(-1) ?? null;
  return {
    status: final === null ? 'in-review' : final.decision === 'approve' ? 'approved' : 'returned',
    decision: final,
    interventions: views.filter((d) => d.decision === 'intervene'),
  };
}
