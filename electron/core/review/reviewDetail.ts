/**
 * The review screen's content (issue 10, "The review screen"): the server's record of the
 * prescription (as signed, its arrival check, the exchange so far) joined with the patient's
 * context from this workstation's cache, every alert with how the prescriber answered it, and
 * what changed from the returned version a revision corrects.
 */
import type { FieldChange, ReviewAlertView, ReviewDetailView, ReviewPatientContext } from '../../../shared/ipc/reviewChannels';
import type { ReviewDetailResponse } from '../../../shared/review/wire';
import { hospitalDay, lastValidDay } from '../../../shared/rx/lifecycle';
import { activeMedications } from '../../../shared/rx/patientRecord';
import { ageInYears } from '../../../shared/rx/checks/context';
import type { SubmitPayload } from '../../../shared/rx/document';
import { mutationPayloads } from '../../../shared/sync/wire';
import { prescriptionSignatureCheck } from '../signing/signatureCheck';
import type { CertificatesTable } from '../store/certificates';
import type { PatientsTable } from '../store/patients';
import type { PulledDecision } from '../store/reviewTables';
import type { PrescriptionsTable } from '../store/prescriptions';
import { decisionSignatureCheck } from './reviewSignatures';
import { reasonLabel } from './reviewViews';

const signedOf = (signed: unknown): SubmitPayload | null => {
  const parsed = mutationPayloads['prescription.submit'].safeParse(signed);
  return parsed.success ? parsed.data : null;
};

/** Labs a reviewer checks doses against: the latest of each test, newest first. */
const recentLabCount = 8;

export function buildReviewDetail(
  server: ReviewDetailResponse,
  local: { patients: PatientsTable; prescriptions: PrescriptionsTable; certificates: CertificatesTable; pulledDecision: (id: string) => PulledDecision | undefined; nowMs: number; viewerId: string },
): ReviewDetailView {
  const rx = server.prescription;
  const signed = signedOf(rx.signed);
  const issuedOn = signed?.issuedOn ?? '';
  const validityDays = signed?.validityDays ?? 1;
  return {
    prescription: {
      id: rx.id,
      patientId: rx.patientId,
      status: rx.status,
      issuedOn,
      lastValidDay: issuedOn ? lastValidDay(issuedOn, validityDays) : '',
      validityDays,
      items: signed?.items ?? [],
      prescriber: signed?.prescriber ?? null,
      signedAt: signed?.signedAt ?? null,
      previousId: rx.previousId,
      revisionReason: signed?.reason ?? null,
      voidedAt: rx.voidedAt,
      voidReason: rx.voidReason,
      risk: { patientInformed: signed?.patientInformed ?? null, longSupply: signed?.longSupply ?? null },
    },
    signature: {
      state: rx.signatureVerifiedAt !== null && signed?.signature ? 'verified' : 'unsigned',
      verifiedAt: rx.signatureVerifiedAt,
      check: prescriptionSignatureCheck(rx.signed ?? null, rx.authorId, local.certificates) ?? { verified: false, reason: 'bad-signature' },
    },
    patient: patientContextOf(rx.patientId, signed, local),
    alerts: alertsOf(server, signed),
    changes: server.previous ? changesBetween(signedOf(server.previous.signed), signed) : [],
    exchange: server.decisions.map((d) => ({
      decisionId: d.id,
      prescriptionId: d.prescriptionId,
      decision: d.decision,
      reviewer: { id: d.pharmacistId, name: d.pharmacistName },
      reasons: d.reasons.map(reasonLabel),
      note: d.note,
      intervention: d.intervention,
      decidedAt: d.decidedAt || d.recordedAt,
      signatureCheck: decisionSignatureCheck(d, local.pulledDecision(d.id), local.certificates),
    })),
    claim: server.claim,
    notDecidableReason: rx.authorId === local.viewerId ? 'You wrote this prescription: another pharmacist must review it.' : null,
  };
}

function patientContextOf(
  patientId: string,
  signed: SubmitPayload | null,
  local: { patients: PatientsTable; prescriptions: PrescriptionsTable; nowMs: number },
): ReviewPatientContext | null {
  const summary = local.patients.summary(patientId);
  if (!summary) return null;
  const today = hospitalDay(local.nowMs);
  const latestByTest = new Map<string, (typeof summary.labs)[number]>();
  for (const lab of [...summary.labs].sort((a, b) => (a.takenOn < b.takenOn ? 1 : -1))) if (!latestByTest.has(lab.test)) latestByTest.set(lab.test, lab);
  const history = local.prescriptions.forPatient(patientId).filter((p) => p.id !== signed?.id);
  return {
    patientId,
    name: summary.patient.name,
    ageYears: ageInYears(summary.patient.birthDate, today),
    sex: summary.patient.sex,
    weightKg: signed?.checkedWith?.patientFacts.weightKg ?? null,
    allergies: summary.allergies.filter((a) => a.status === 'active').map((a) => a.allergen),
    diagnoses: summary.diagnoses.map((d) => ({ code: d.icd10, label: d.label })),
    activeMedications: activeMedications(history, today, signed?.encounterId ?? null),
    labs: [...latestByTest.values()].slice(0, recentLabCount).flatMap((lab) => {
      const value = Number(lab.value);
      return Number.isFinite(value) ? [{ code: lab.test, label: lab.test, value, unit: lab.unit, takenOn: lab.takenOn }] : [];
    }),
  };
}

/**
 * Every alert the server's check raised, with the prescriber's override reason where they gave
 * one (matched by code, and by the drugs when both name them); overrides the server's check no
 * longer raises are shown too: the pharmacist reads every reason the prescriber signed.
 */
function alertsOf(server: ReviewDetailResponse, signed: SubmitPayload | null): ReviewAlertView[] {
  const overrides = [...(signed?.overrides ?? [])];
  const sameDrugs = (a: readonly string[] | undefined, b: readonly string[]) => !a || a.length === 0 || b.length === 0 || a.some((d) => b.includes(d));
  const alerts: ReviewAlertView[] = (server.prescription.arrivalCheck?.alerts ?? []).map((alert) => {
    const at = overrides.findIndex((o) => o.code === alert.code && sameDrugs(o.drugs, alert.drugs));
    const override = at >= 0 ? overrides.splice(at, 1)[0] : undefined;
    return {
      code: alert.code,
      severity: alert.severity,
      message: alert.message,
      overridden: override !== undefined || alert.acknowledged,
      overrideReason: override?.reason ?? null,
      unanswered: !alert.acknowledged,
    };
  });
  for (const o of overrides) alerts.push({ code: o.code, severity: 'override', message: o.key, overridden: true, overrideReason: o.reason, unanswered: false });
  return alerts;
}

/** The fields a prescriber can change in a revision, item by item, as text. */
function fieldsOf(doc: SubmitPayload | null): Map<string, string> {
  const fields = new Map<string, string>();
  if (!doc) return fields;
  fields.set('validityDays', String(doc.validityDays ?? 1));
  if (doc.validityReason) fields.set('validityReason', doc.validityReason);
  doc.items.forEach((item, n) => {
    const text = { drug: item.drugCode ?? item.drug, dose: item.dose, frequency: item.frequency, days: String(item.days), route: item.route, quantity: item.quantity === undefined ? undefined : `${item.quantity} ${item.quantityUnit ?? ''}`.trim(), indication: item.indication };
    for (const [key, value] of Object.entries(text)) if (value !== undefined) fields.set(`items[${n}].${key}`, value);
  });
  return fields;
}

export function changesBetween(before: SubmitPayload | null, after: SubmitPayload | null): FieldChange[] {
  const [a, b] = [fieldsOf(before), fieldsOf(after)];
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.filter((k) => a.get(k) !== b.get(k)).map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }));
}
