import { randomUUID } from 'node:crypto';
import { subjectOf } from '../../../shared/audit/subjects';
import { AppFailure } from '../../../shared/result';
import type { DiagnosisStatus } from '../../../shared/sync/chartWire';
import type { Actor } from '../store/audit';
import { auditLog } from '../store/audit';
import type { Db } from '../store/database';
import { outboxTable } from '../store/outbox';

/**
 * Changes to a patient's shared facts, each written the one way DESIGN.md asks: the row, its
 * outbox mutation and its audit entry in one local transaction, so the change is visible at once,
 * reaches the server when the link allows, and is traceable either way.
 */
export function clinicalWrites(
  db: Db,
  access: { assertVisible(userId: string, patientId: string): void },
  now: () => number = Date.now,
) {
  const outbox = outboxTable(db, now);
  const audit = auditLog(db, now);
  const today = () => new Date(now()).toISOString().slice(0, 10);
  const patient = db.prepare<[string], { id: string; version: number }>('SELECT id, version FROM patients WHERE id = ?');
  const allergy = db.prepare<[string], { patient_id: string; status: string }>('SELECT patient_id, status FROM allergies WHERE id = ?');
  const insertAllergy = db.prepare(
    `INSERT INTO allergies (id, patient_id, allergen, reaction, status, recorded_on, recorded_by)
     VALUES (@id, @patientId, @allergen, @reaction, 'active', @recordedOn, @recordedBy)`,
  );
  const updateAllergy = db.prepare(
    `UPDATE allergies SET status = @status, status_changed_by = @userId, status_reason = @reason WHERE id = @allergyId`,
  );
  const diagnosis = db.prepare<[string], { patient_id: string }>('SELECT patient_id FROM diagnoses WHERE id = ?');
  const updateDiagnosis = db.prepare(
    `UPDATE diagnoses SET status = @status, status_changed_by = @userId, status_reason = @reason WHERE id = @diagnosisId`,
  );
  const updateField = {
    phone: db.prepare<[string, string]>('UPDATE patients SET phone = ? WHERE id = ?'),
    address: db.prepare<[string, string]>('UPDATE patients SET address = ? WHERE id = ?'),
  };

  const requirePatient = (actor: Actor, patientId: string) => {
    access.assertVisible(actor.userId, patientId);
    const row = patient.get(patientId);
    if (!row) throw new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');
    return row;
  };

  return {
    /** Adds always win: two offline adds of the same allergen become two rows, never one lost. */
    addAllergy: (actor: Actor, input: { patientId: string; allergen: string; reaction: string }) =>
      db.transaction(() => {
        requirePatient(actor, input.patientId);
        const row = { id: randomUUID(), ...input, recordedOn: today(), recordedBy: actor.userId };
        insertAllergy.run(row);
        outbox.enqueue(actor.userId, 'allergy.add', {
          id: row.id,
          patientId: row.patientId,
          allergen: row.allergen,
          reaction: row.reaction,
          recordedOn: row.recordedOn,
        });
        audit.append(actor, 'allergy.add', subjectOf.patient(input.patientId), { allergyId: row.id });
        return { allergyId: row.id };
      })(),

    /** Removing an allergy is a status change with its author and reason; nothing is deleted. */
    setAllergyStatus: (actor: Actor, input: { allergyId: string; status: 'active' | 'removed'; reason: string }) =>
      db.transaction(() => {
        const current = allergy.get(input.allergyId);
        if (!current) throw new AppFailure('NOT_FOUND', 'No allergy with that id is stored on this workstation.');
        access.assertVisible(actor.userId, current.patient_id);
        updateAllergy.run({ ...input, userId: actor.userId });
        outbox.enqueue(actor.userId, 'allergy.status.set', input);
        audit.append(actor, 'allergy.status', subjectOf.patient(current.patient_id), { allergyId: input.allergyId, status: input.status });
        return { allergyId: input.allergyId };
      })(),

    /** Resolving, refuting or reactivating a problem is a status change with its author and reason. */
    setDiagnosisStatus: (actor: Actor, input: { diagnosisId: string; status: DiagnosisStatus; reason: string }) =>
      db.transaction(() => {
        const current = diagnosis.get(input.diagnosisId);
        if (!current) throw new AppFailure('NOT_FOUND', 'No diagnosis with that id is stored on this workstation.');
        access.assertVisible(actor.userId, current.patient_id);
        updateDiagnosis.run({ ...input, userId: actor.userId });
        outbox.enqueue(actor.userId, 'diagnosis.status.set', input);
        audit.append(actor, 'diagnosis.status', subjectOf.patient(current.patient_id), { diagnosisId: input.diagnosisId, status: input.status });
        return { diagnosisId: input.diagnosisId };
      })(),

    /**
     * A contact field changes at once on this workstation; the server orders it against other
     * edits by the version this one was based on, and keeps both values if someone else got there
     * first (then the conflict arrives through the feed for a person to resolve).
     */
    setContactField: (actor: Actor, input: { patientId: string; field: 'phone' | 'address'; value: string }) =>
      db.transaction(() => {
        const { version } = requirePatient(actor, input.patientId);
        updateField[input.field].run(input.value, input.patientId);
        outbox.enqueue(actor.userId, 'patient.field.set', input, version);
        audit.append(actor, 'patient.field', subjectOf.patient(input.patientId), { field: input.field, baseVersion: version });
        return { patientId: input.patientId };
      })(),
  };
}
export type ClinicalWrites = ReturnType<typeof clinicalWrites>;
