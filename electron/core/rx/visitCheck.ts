/**
 * Runs the safety engine over a whole visit: every open draft and every prescription of the visit
 * already signed, together, so interactions and duplicates across prescriptions are found (issue 4:
 * "checks run across all prescriptions of the visit"). Alerts are mapped back from engine indexes
 * to prescription ids and draft item uids, so the UI can show each one next to its item.
 */
import type { VisitAlert, VisitCheck } from '../../../shared/ipc/rxChannels';
import { checkVisit, findDrug, parseRxVisitInput, type Lang, type RxItem, type RxKnowledge, type RxPatient, type RxVisit } from '../../../shared/rx';
import { toRxItem, type DraftItem, type DraftVisit } from '../../../shared/rx/draft';
import { selectForms } from '../../../shared/rx/resolve';

export interface VisitPrescription {
  prescriptionId: string;
  /** Draft items (with uids) or, for a signed one, its engine items. */
  draftItems?: readonly DraftItem[];
  signedItems?: readonly RxItem[];
}

export function engineVisit(visit: DraftVisit, department: string): RxVisit {
  return {
    kind: visit.kind,
    // CareDesk prescribes in online consultations: CONTROLLED, GUARDIAN and NOT_FOLLOW_UP apply.
    channel: 'online',
    department,
    emergency: visit.emergency,
    ...(visit.guardianPresent === null ? {} : { guardianPresent: visit.guardianPresent }),
  };
}

export function runVisitCheck(
  knowledge: RxKnowledge,
  input: { date: string; patient: RxPatient; visit: RxVisit; prescriptions: readonly VisitPrescription[]; lang: Lang },
): VisitCheck {
  const incomplete: VisitCheck['incomplete'] = [];
  const problems: string[] = [];
  const mapped = input.prescriptions.map((p) => {
    const uids: (string | null)[] = [];
    const items: RxItem[] = [];
    for (const item of p.signedItems ?? []) {
      uids.push(null);
      items.push(item);
    }
    for (const draft of p.draftItems ?? []) {
      const r = toRxItem(draft);
      if (!r.ok) {
        incomplete.push({ prescriptionId: p.prescriptionId, uid: draft.uid, missing: r.missing });
        continue;
      }
      const drug = findDrug(knowledge, r.item.drug);
      const selection = drug ? selectForms(drug, r.item) : null;
      if (selection && !selection.ok) {
        incomplete.push({ prescriptionId: p.prescriptionId, uid: draft.uid, missing: [selection.field === 'dose.unit' ? 'dose' : selection.field] });
        problems.push(selection.message);
        continue;
      }
      uids.push(draft.uid);
      items.push(r.item);
    }
    return { prescriptionId: p.prescriptionId, uids, items };
  });
  const withItems = mapped.filter((m) => m.items.length > 0);
  if (withItems.length === 0) return { alerts: [], incomplete, invalid: problems[0] ?? null };
  const parsed = parseRxVisitInput(
    { date: input.date, patient: input.patient, visit: input.visit, prescriptions: withItems.map((m) => ({ id: m.prescriptionId, items: m.items })) },
    knowledge,
  );
  if (!parsed.ok) return { alerts: [], incomplete, invalid: parsed.error };
  const { alerts } = checkVisit(parsed.value, knowledge, { lang: input.lang });
  return {
    alerts: alerts.map((a): VisitAlert => ({
      code: a.code,
      severity: a.severity,
      key: a.key,
      message: a.message,
      source: a.source,
      items: a.items.map((ref) => {
        const m = withItems[ref.prescription]!;
        return { prescriptionId: m.prescriptionId, item: ref.item, uid: m.uids[ref.item] ?? null };
      }),
    })),
    incomplete,
    invalid: problems[0] ?? null,
  };
}

/** Alerts that concern a prescription: those naming one of its items, and patient-level ones. */
export function alertsFor(check: VisitCheck, prescriptionId: string): VisitAlert[] {
  return check.alerts.filter((a) => a.items.length === 0 || a.items.some((r) => r.prescriptionId === prescriptionId));
}
