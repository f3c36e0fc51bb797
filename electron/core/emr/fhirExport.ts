/**
 * `caredesk export fhir` on the workstation store (issue 11, "Headless contract"): a patient's
 * signed history read from the local cache and built into one FHIR R4 Bundle by the shared builder.
 * Patient data leaves the store here, so every export is audited (action `export`, the patient as
 * subject) in the same transaction that reads it.
 */
import { z } from 'zod';
import { subjectOf } from '../../../shared/audit/subjects';
import { patientBundle, type HistoryPrescriptionItem, type PatientHistory } from '../../../shared/fhir/patientBundle';
import { PrescriptionItem, mutationPayloads } from '../../../shared/sync/wire';
import { AppFailure } from '../../../shared/result';
import type { Bundle } from 'fhir/r4';
import { auditLog, type Actor } from '../store/audit';
import type { Db } from '../store/database';
import { emrRecordsTable } from '../store/emrRecords';

type Row<T> = T & Record<string, unknown>;

export function fhirExporter(db: Db, now: () => number = Date.now) {
  const audit = auditLog(db, now);
  const records = emrRecordsTable(db);
  const q = {
    patient: db.prepare<[string], PatientHistory['patient']>(`SELECT id, name, name_pinyin, sex, birth_date, phone, address, record_number FROM patients WHERE id = ?`),
    allIds: db.prepare<[], { id: string }>(`SELECT id FROM patients ORDER BY record_number, id`),
    encounters: db.prepare<[string], PatientHistory['encounters'][number]>(
      `SELECT id, date, kind, channel, department, physician_name, chief_complaint FROM encounters WHERE patient_id = ? ORDER BY date, id`,
    ),
    diagnoses: db.prepare<[string], PatientHistory['diagnoses'][number]>(
      `SELECT id, encounter_id, icd10, label, setting, diagnosed_on, status, author_id FROM diagnoses WHERE patient_id = ? ORDER BY diagnosed_on, id`,
    ),
    allergies: db.prepare<[string], PatientHistory['allergies'][number]>(
      `SELECT id, allergen, reaction, status, recorded_on, status_reason FROM allergies WHERE patient_id = ? ORDER BY recorded_on, id`,
    ),
    labs: db.prepare<[string], PatientHistory['labs'][number]>(`SELECT id, taken_on, test, value, unit, flag FROM labs WHERE patient_id = ? ORDER BY taken_on, test, id`),
    prescriptions: db.prepare<[string], Row<{ id: string; encounter_id: string | null; issued_on: string; status: string; author_id: string | null; items: string; signed_at: string | null; signed_payload: string | null }>>(
      `SELECT id, encounter_id, issued_on, status, author_id, items, signed_at, signed_payload FROM prescriptions WHERE patient_id = ? ORDER BY issued_on, id`,
    ),
  };

  const items = (json: string): HistoryPrescriptionItem[] => {
    const parsed = z.array(PrescriptionItem).safeParse(JSON.parse(json));
    // A row the cache accepted always parses; an unreadable one is exported with no items rather than guessed.
    return parsed.success ? parsed.data.map(({ drug, drugNameZh, dose, frequency, days }) => ({ drug, drugNameZh, dose, frequency, days })) : [];
  };

  function history(patientId: string): PatientHistory {
    const patient = q.patient.get(patientId);
    if (!patient) throw new AppFailure('NOT_FOUND', `No patient ${patientId} in this store.`);
    return {
      patient,
      encounters: q.encounters.all(patientId),
      diagnoses: q.diagnoses.all(patientId),
      allergies: q.allergies.all(patientId),
      labs: q.labs.all(patientId),
      prescriptions: q.prescriptions.all(patientId).map((rx) => {
        const signed = rx.signed_payload === null ? null : mutationPayloads['prescription.submit'].safeParse(JSON.parse(rx.signed_payload));
        const signature = signed?.success && signed.data.signature && rx.signed_at ? { signedAt: rx.signed_at, value: signed.data.signature } : null;
        return { id: rx.id, encounter_id: rx.encounter_id, issued_on: rx.issued_on, status: rx.status, author_id: rx.author_id, items: items(rx.items), signature };
      }),
      // Oldest first, each version in turn, as the history happened.
      records: records.ofPatient(patientId).reverse(),
    };
  }

  return {
    patientIds: (): string[] => q.allIds.all().map((r) => r.id),
    /** The patient's Bundle; the export is in the audit log before the Bundle is returned. */
    exportPatient(patientId: string, actor: Actor): Bundle {
      return db.transaction(() => {
        const bundle = patientBundle(history(patientId), new Date(now()).toISOString());
        // Counts only: audit details never hold clinical content.
        audit.append(actor, 'export', subjectOf.patient(patientId), { format: 'fhir-r4-bundle', entries: bundle.entry?.length ?? 0 });
        return bundle;
      })();
    },
  };
}
