/**
 * The printed prescription (issue 13): the signed document, the patient's identifying lines and
 * the leaflet of each high-alert item. A print is patient data leaving the screen, so each one is
 * an audit entry naming the prescription and its patient.
 */
import { subjectOf } from '../../../shared/audit/subjects';
import type { SignedRisk } from '../../../shared/ipc/rxRisk';
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

/** The leaflets a signed prescription names, as shipped now at the version it names (a later version is not what the patient was told). */
export function leafletsOf(risk: SignedRisk, book: LeafletBook): Leaflet[] {
  return (risk.patientInformed?.leaflets ?? []).flatMap((l) => {
    const leaflet = l.leafletId ? book.byId(l.leafletId) : null;
    return leaflet && leaflet.version === l.leafletVersion ? [leaflet] : [];
  });
}

export function rxPrint(deps: { db: Db; now: () => number; store: RxStore; leaflets: () => LeafletBook }) {
  const audit = auditLog(deps.db, deps.now);
  return {
    print(prescriptionId: string, actor: Actor) {
      const record = deps.store.prescriptions.get(prescriptionId);
      if (!record) throw new AppFailure('NOT_FOUND', 'No prescription with that id is stored on this workstation.');
      if (record.signedPayload === null) throw new AppFailure('CONFLICT', 'Only a signed prescription prints.');
      const patient = deps.store.summaryOf(record.patientId).patient;
      const risk = signedRiskOf(record.signedPayload);
      const printedAt = new Date(deps.now()).toISOString();
      audit.append(actor, 'prescription.print', subjectOf.prescription(prescriptionId), { leaflets: leafletsOf(risk, deps.leaflets()).map((l) => `${l.id}@${l.version}`) }, [subjectOf.patient(record.patientId)]);
      return {
        prescription: deps.store.viewOf(record),
        patient: { name: patient.name, sex: patient.sex, birthDate: patient.birthDate, recordNumber: patient.recordNumber },
        risk,
        leaflets: leafletsOf(risk, deps.leaflets()),
        printedAt,
      };
    },
    leaflets: (ids: readonly string[]) => ({ leaflets: ids.flatMap((id) => deps.leaflets().byId(id) ?? []) }),
  };
}
