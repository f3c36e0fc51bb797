/**
 * The printed outpatient record (issue 11): a signed version with the patient's identifying lines
 * under the hospital's letterhead. A print is patient data leaving the screen (issue 12), so the
 * audit entry (`emr.record.print`, the record as subject, its patient related) is written in the
 * same transaction that reads what prints.
 */
import { subjectOf } from '../../../shared/audit/subjects';
import type { Letterhead, PrintedPatient } from '../../../shared/print/letterhead';
import { AppFailure } from '../../../shared/result';
import { auditLog, type Actor } from '../store/audit';
import type { Db } from '../store/database';
import type { EmrStore } from './emrService';

export function emrPrint(deps: { db: Db; now: () => number; store: EmrStore; letterhead: Letterhead }) {
  const audit = auditLog(deps.db, deps.now);
  const patientOf = deps.db.prepare<[string], { name: string; sex: PrintedPatient['sex']; birth_date: string; record_number: string }>(
    `SELECT name, sex, birth_date, record_number FROM patients WHERE id = ?`,
  );
  return {
    /** `seeing` refuses a patient outside the caller's scope before anything is read for print. */
    print: (recordId: string, actor: Actor, seeing: (patientId: string) => void) =>
      deps.db.transaction(() => {
        const row = deps.store.records.get(recordId);
        if (!row) throw new AppFailure('NOT_FOUND', 'No signed record with that id is stored on this workstation.');
        seeing(row.document.patientId);
        const patient = patientOf.get(row.document.patientId);
        if (!patient) throw new AppFailure('NOT_FOUND', 'The record\'s patient is not stored on this workstation.');
        const record = deps.store.recordView(row);
        // Identifiers only: audit details never hold clinical content.
        audit.append(actor, 'emr.record.print', subjectOf.record(recordId), { version: record.version, template: record.templateUrl }, [subjectOf.patient(record.patientId)]);
        return {
          hospital: deps.letterhead,
          record,
          patient: { name: patient.name, sex: patient.sex, birthDate: patient.birth_date, recordNumber: patient.record_number },
          printedAt: new Date(deps.now()).toISOString(),
        };
      })(),
  };
}
