/**
 * The printed prescription (issue 13): the signed document, the patient's identifying lines and
 * the leaflet of each high-alert item. A print is patient data leaving the screen, so each one is
 * an audit entry naming the prescription and its patient.
 */
import { subjectOf } from '../../../shared/audit/subjects';
import type { SignedRisk } from '../../../shared/ipc/rxRisk';
import type { Letterhead } from '../../../shared/print/letterhead';
import type { Leaflet, LeafletBook } from '../../../shared/rx/leaflets';
import { AppFailure } from '../../../shared/result';
import { mutationPayloads } from '../../../shared/sync/wire';
import type { Actor } from '../store/audit';
import { auditLog } from '../store/audit';
import type { Db } from '../store/database';
import type { RxStore } from './rxService';

/** What was signed about risk, or nothing for history signed before issue 13. */
export function signedRiskOf(signedPayload: unknown): SignedRisk {
  const parsed = mutationPayloads['prescription.submit'].safeParse(signedPayload);
  return { patientInformed: parsed.success ? (parsed.data.patientInformed ?? null) : null, longSupply: parsed.success ? (parsed.data.longSupply ?? null) : null };
}

/** Who signed, as the signed document names them (null for history signed before it did). */
function prescriberOf(signedPayload: unknown): { name: string; licenceNo: string } | null {
  const parsed = mutationPayloads['prescription.submit'].safeParse(signedPayload);
  const prescriber = parsed.success ? parsed.data.prescriber : undefined;
  return prescriber ? { name: prescriber.name, licenceNo: prescriber.licenceNo } : null;
}

/** The leaflets a signed prescription names, as shipped now at the version it names (a later version is not what the patient was told). */
export function leafletsOf(risk: SignedRisk, book: LeafletBook): Leaflet[] {
  return (risk.patientInformed?.leaflets ?? []).flatMap((l) => {
    const leaflet = l.leafletId ? book.byId(l.leafletId) : null;
    return leaflet && leaflet.version === l.leafletVersion ? [leaflet] : [];
  });
}

/** Each distinct indication of the items, named by the patient's diagnosis of that code (or the code it refines). */
export function printedDiagnoses(items: readonly { indication?: string | undefined }[], diagnoses: readonly { icd10: string; label: string }[]) {
  const codes = [...new Set(items.flatMap((i) => (i.indication ? [i.indication] : [])))];
  return codes.map((code) => ({ code, label: diagnoses.find((d) => d.icd10 === code)?.label ?? diagnoses.find((d) => code.startsWith(d.icd10) || d.icd10.startsWith(code))?.label ?? null }));
}

export function rxPrint(deps: { db: Db; now: () => number; store: RxStore; leaflets: () => LeafletBook; letterhead: Letterhead }) {
  const audit = auditLog(deps.db, deps.now);
  return {
    /** The printable prescription; the print is in the audit log in the same transaction that read it. */
    print: (prescriptionId: string, actor: Actor) =>
      deps.db.transaction(() => {
        const record = deps.store.prescriptions.get(prescriptionId);
        if (!record) throw new AppFailure('NOT_FOUND', 'No prescription with that id is stored on this workstation.');
        if (record.signedPayload === null) throw new AppFailure('CONFLICT', 'Only a signed prescription prints.');
        const summary = deps.store.summaryOf(record.patientId);
        const { patient } = summary;
        const risk = signedRiskOf(record.signedPayload);
        const leaflets = leafletsOf(risk, deps.leaflets());
        const prescription = deps.store.viewOf(record);
        audit.append(actor, 'prescription.print', subjectOf.prescription(prescriptionId), { leaflets: leaflets.map((l) => `${l.id}@${l.version}`) }, [subjectOf.patient(record.patientId)]);
        return {
          hospital: deps.letterhead,
          prescription,
          prescriber: prescriberOf(record.signedPayload),
          patient: { name: patient.name, sex: patient.sex, birthDate: patient.birthDate, recordNumber: patient.recordNumber },
          diagnoses: printedDiagnoses(prescription.items, summary.diagnoses),
          risk,
          leaflets,
          printedAt: new Date(deps.now()).toISOString(),
        };
      })(),
    leaflets: (ids: readonly string[]) => ({ leaflets: ids.flatMap((id) => deps.leaflets().byId(id) ?? []) }),
  };
}
