/**
 * The review outcome as both sides see it (issue 10): the physician on a prescription view
 * (rxChannels.ts), the pharmacist in the exchange of the review screen (reviewChannels.ts).
 */
import { z } from 'zod';

/** A return reason as shown: its code and both labels (resources/review/return-reasons.json). */
export const ReasonLabel = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type ReasonLabel = z.infer<typeof ReasonLabel>;

export const Intervention = z.object({ recommendation: z.string(), physicianResponse: z.enum(['accepted', 'declined', 'pending']) });

/** One decision of the exchange, as every party sees it. */
export const ReviewDecisionView = z.object({
  decisionId: z.string(),
  prescriptionId: z.string(),
  decision: z.enum(['approve', 'return', 'intervene']),
  reviewer: z.object({ id: z.string(), name: z.string() }),
  reasons: z.array(ReasonLabel),
  note: z.string(),
  intervention: Intervention.nullable(),
  decidedAt: z.string(),
});
export type ReviewDecisionView = z.infer<typeof ReviewDecisionView>;

/** The review outcome on a prescription view: the status the pharmacist gave it and why. */
export const ReviewOutcome = z.object({
  status: z.enum(['waiting', 'in-review', 'approved', 'returned']),
  /** The last approve/return decision, if any (carries the return reasons and note). */
  decision: ReviewDecisionView.nullable(),
  /** Interventions recorded on this version, oldest first. */
  interventions: z.array(ReviewDecisionView),
});
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

