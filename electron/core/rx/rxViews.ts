/** Shapes the renderer sees, built from store rows. */
import type { ReviewOutcome } from '../../../shared/ipc/reviewOutcome';
import type { DraftView, PrescriptionView } from '../../../shared/ipc/rxChannels';
import { drugView, type DrugView } from '../../../shared/rx/dispense';
import { findDrug, type RxKnowledge } from '../../../shared/rx';
import { displayStatus, lastValidDay } from '../../../shared/rx/lifecycle';
import { mutationPayloads, PrescriptionItem } from '../../../shared/sync/wire';
import type { PrescriptionRecord } from '../store/prescriptions';
import type { DraftRow } from '../store/rxDrafts';

export function toDraftView(d: DraftRow): DraftView {
  return { id: d.id, patientId: d.patientId, encounterId: d.encounterId, previousId: d.previousId, revisionReason: d.revisionReason, content: d.content, updatedAt: d.updatedAt };
}

/** `review`: the pharmacist's outcome on this version (review/reviewViews.ts), when the caller has it. */
export function toPrescriptionView(p: PrescriptionRecord, today: string, review: ReviewOutcome | null = null): PrescriptionView {
  const payload = p.signedPayload === null ? null : mutationPayloads['prescription.submit'].safeParse(p.signedPayload);
  const signed = payload?.success ? payload.data : null;
  return {
    id: p.id,
    patientId: p.patientId,
    encounterId: p.encounterId,
    issuedOn: p.issuedOn,
    status: displayStatus({ status: p.status, voidedAt: p.voidedAt, outbox: p.outbox, issuedOn: p.issuedOn, validityDays: p.validityDays, today }),
    // History rows written before structured items carry only drug/dose/frequency/days.
    items: p.items.flatMap((raw) => {
      const r = PrescriptionItem.safeParse(raw);
      return r.success ? [r.data] : [];
    }),
    validityDays: p.validityDays,
    validityReason: p.validityReason,
    lastValidDay: lastValidDay(p.issuedOn, p.validityDays),
    previousId: p.previousId,
    revisionReason: p.revisionReason,
    revisedBy: p.revisedBy,
    authorId: p.authorId,
    signedAt: p.signedAt,
    voidedAt: p.voidedAt,
    voidReason: p.voidReason,
    voidedFromStatus: p.voidedFromStatus,
    overrides: signed?.overrides ?? [],
    signature: signed?.signature ?? null,
    review,
  };
}

/** Formulary views of every drug named on the drafts, so pickers work after a reload. */
export function drugsOf(knowledge: RxKnowledge, drafts: readonly DraftRow[]): DrugView[] {
  const codes = new Set(drafts.flatMap((d) => d.content.items.map((i) => i.drug)).filter(Boolean));
  return [...codes].flatMap((code) => {
    const drug = findDrug(knowledge, code);
    return drug ? [drugView(knowledge, drug)] : [];
  });
}
