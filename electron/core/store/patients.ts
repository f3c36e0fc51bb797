import { timelinePageSize, type TimelineCursor, type TimelinePage } from '../../../shared/domain/chart';
import type { PatientSummary } from '../../../shared/domain/patient';
import { buildTrends, trendTestNames } from '../../../shared/domain/trends';
import type { DiagnosisStatus } from '../../../shared/sync/chartWire';
import type { ReadDb } from './database';
import { patientSearch, toListItem, type SearchOptions } from './patientSearch';

export { classifySearch } from './patientSearch';

type Row = Record<string, string | null>;

/**
 * The chart, read from the local cache (offline too). Each list walks an index on patient_id; the
 * timeline pages newest first on (patient_id, date, id), so a patient with hundreds of visits opens
 * as fast as one with a few.
 */
export function patientsTable(db: ReadDb) {
  const searcher = patientSearch(db);
  const byId = db.prepare<[string], Parameters<typeof toListItem>[0] & { address: string }>(
    `SELECT id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, id_number_masked, phone, department, record_number, address
       FROM patients WHERE id = ?`,
  );
  const conflicts = db.prepare<[string], { id: string; field: string | null; server_value: string | null; client_value: string | null; created_at: string }>(
    `SELECT id, field, server_value, client_value, created_at FROM conflicts WHERE patient_id = ? AND status = 'open' ORDER BY created_at`,
  );
  const encounterColumns = `id, date, kind, channel, department, physician_name, chief_complaint`;
  const firstPage = db.prepare<[string, number], Row>(
    `SELECT ${encounterColumns} FROM encounters WHERE patient_id = ? ORDER BY date DESC, id DESC LIMIT ?`,
  );
  const pageAfter = db.prepare<[{ patientId: string; date: string; id: string; limit: number }], Row>(
    `SELECT ${encounterColumns} FROM encounters
      WHERE patient_id = @patientId AND (date < @date OR (date = @date AND id < @id))
      ORDER BY date DESC, id DESC LIMIT @limit`,
  );
  const encounterCount = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM encounters WHERE patient_id = ?`);
  const diagnoses = db.prepare<[string], Row>(
    `SELECT d.id, d.icd10, d.label, d.setting, d.diagnosed_on, d.status, d.status_reason,
            coalesce(author.display_name, e.physician_name) AS author_name, changer.display_name AS changed_by
       FROM diagnoses d
       LEFT JOIN users author ON author.id = d.author_id
       LEFT JOIN encounters e ON e.id = d.encounter_id
       LEFT JOIN users changer ON changer.id = d.status_changed_by
      WHERE d.patient_id = ? ORDER BY d.status = 'active' DESC, d.diagnosed_on DESC, d.id`,
  );
  const allergies = db.prepare<[string], Row>(
    `SELECT id, allergen, reaction, status, recorded_on FROM allergies WHERE patient_id = ?
      ORDER BY status, recorded_on DESC, id`,
  );
  const prescriptions = db.prepare<[string], Row>(
    `SELECT id, issued_on, status, items FROM prescriptions WHERE patient_id = ? ORDER BY issued_on DESC, id`,
  );
  const labs = db.prepare<[string], Row>(
    `SELECT id, taken_on, test, value, unit, flag FROM labs WHERE patient_id = ? ORDER BY taken_on DESC, id LIMIT 100`,
  );
  const trendLabs = db.prepare<[string, string], { taken_on: string; test: string; value: string; unit: string }>(
    `SELECT taken_on, test, value, unit FROM labs WHERE patient_id = ? AND test IN (SELECT value FROM json_each(?))`,
  );
  const lastSync = db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'last_success_at'`);
  // Everything unsent that names this patient, in any state (the same test as sync/scopeEviction.ts).
  const unsent = db.prepare<{ patient: string }, { n: number }>(
    `SELECT count(*) AS n FROM outbox o
      WHERE json_extract(o.payload, '$.patientId') = @patient
         OR json_extract(o.payload, '$.allergyId') IN (SELECT id FROM allergies WHERE patient_id = @patient)
         OR json_extract(o.payload, '$.diagnosisId') IN (SELECT id FROM diagnoses WHERE patient_id = @patient)
         OR json_extract(o.payload, '$.prescriptionId') IN (SELECT id FROM prescriptions WHERE patient_id = @patient)`,
  );

  const toEncounter = (r: Row): PatientSummary['encounters'][number] => ({
    id: r.id!,
    date: r.date!,
    kind: r.kind as 'first-visit' | 'follow-up',
    channel: r.channel as 'in-person' | 'online',
    department: r.department!,
    physicianName: r.physician_name!,
    chiefComplaint: r.chief_complaint!,
  });
  const nextCursor = (entries: PatientSummary['encounters'], limit: number): TimelineCursor | null => {
    const last = entries.at(-1);
    return entries.length === limit && last ? { date: last.date, id: last.id } : null;
  };

  return {
    search: (query: string, limit: number, options?: SearchOptions) => searcher.search(query, limit, options),

    exists: (patientId: string): boolean => byId.get(patientId) !== undefined,

    /** A page of the timeline after `after` (null: from the newest), newest first. */
    timeline(patientId: string, after: TimelineCursor | null, limit = timelinePageSize): TimelinePage {
      const rows = after ? pageAfter.all({ patientId, ...after, limit }) : firstPage.all(patientId, limit);
      const entries = rows.map(toEncounter);
      return { entries, next: nextCursor(entries, limit), total: encounterCount.get(patientId)?.n ?? 0 };
    },

    summary(patientId: string): PatientSummary | null {
      const patient = byId.get(patientId);
      if (!patient) return null;
      const timeline = this.timeline(patientId, null);
      return {
        patient: { ...toListItem(patient), address: patient.address },
        conflicts: conflicts.all(patientId).map((r) => ({
          id: r.id,
          field: r.field,
          serverValue: r.server_value,
          clientValue: r.client_value,
          createdAt: r.created_at,
        })),
        encounters: timeline.entries,
        encountersNext: timeline.next,
        encounterTotal: timeline.total,
        diagnoses: diagnoses.all(patientId).map((r) => ({
          id: r.id!,
          icd10: r.icd10!,
          label: r.label!,
          setting: r.setting as 'in-person' | 'online',
          diagnosedOn: r.diagnosed_on!,
          status: r.status as DiagnosisStatus,
          authorName: r.author_name ?? null,
          statusChangedBy: r.changed_by ?? null,
          statusReason: r.status_reason ?? null,
        })),
        allergies: allergies.all(patientId).map((r) => ({
          id: r.id!,
          allergen: r.allergen!,
          reaction: r.reaction!,
          status: r.status as 'active' | 'removed',
          recordedOn: r.recorded_on!,
        })),
        prescriptions: prescriptions.all(patientId).map((r) => ({
          id: r.id!,
          issuedOn: r.issued_on!,
          status: r.status!,
          items: JSON.parse(r.items!) as PatientSummary['prescriptions'][number]['items'],
        })),
        labs: labs.all(patientId).map((r) => ({
          id: r.id!,
          takenOn: r.taken_on!,
          test: r.test!,
          value: r.value!,
          unit: r.unit!,
          flag: r.flag as 'normal' | 'high' | 'low',
        })),
        trends: buildTrends(
          trendLabs.all(patientId, JSON.stringify(trendTestNames)).map((r) => ({ takenOn: r.taken_on, test: r.test, value: r.value, unit: r.unit })),
        ),
        sync: { lastSyncedAt: lastSync.get()?.value ?? null, unsent: unsent.get({ patient: patientId })?.n ?? 0 },
      };
    },
  };
}
export type PatientsTable = ReturnType<typeof patientsTable>;
