import type { PatientListItem, PatientSummary } from '../../../shared/domain/patient';
import type { ReadDb } from './database';

/** Highest code point: a prefix range `[q, q + top)` covers every string that starts with q. */
const top = '\u{10FFFF}';

/** Decides how a search text is matched: Latin letters are pinyin, CJK is a name, digits a phone. */
export function classifySearch(query: string): { kind: 'all' | 'pinyin' | 'name' | 'phone'; text: string } {
  const text = query.trim().toLowerCase();
  if (text === '') return { kind: 'all', text };
  if (/^[a-z\s']+$/.test(text)) return { kind: 'pinyin', text: text.replace(/[\s']/g, '') };
  if (/^[\d\s-]+$/.test(text)) return { kind: 'phone', text: text.replace(/[\s-]/g, '') };
  return { kind: 'name', text: text.replace(/\s/g, '') };
}

const listColumns = `id, name, name_pinyin, sex, birth_date, id_number_masked, phone, department`;

/**
 * Every search walks one index in its own order and stops at the limit (see the EXPLAIN QUERY PLAN
 * test), so it stays fast at 100,000 patients; user text is only ever a bound parameter. Latin
 * text matches initials first ("zw" finds 张伟 before 张宛...), then the spelled-out pinyin.
 */
const inScope = `(@scopeUser IS NULL OR id IN (SELECT patient_id FROM patient_scope WHERE user_id = @scopeUser))`;
const searchSql = {
  all: `SELECT ${listColumns} FROM patients WHERE ${inScope} ORDER BY name_pinyin_compact LIMIT @limit`,
  initials: `SELECT ${listColumns} FROM patients WHERE name_initials >= @low AND name_initials < @high AND ${inScope}
             ORDER BY name_initials, name_pinyin_compact LIMIT @limit`,
  pinyin: `SELECT ${listColumns} FROM patients WHERE name_pinyin_compact >= @low AND name_pinyin_compact < @high AND ${inScope}
           ORDER BY name_pinyin_compact LIMIT @limit`,
  name: `SELECT ${listColumns} FROM patients WHERE name >= @low AND name < @high AND ${inScope} ORDER BY name LIMIT @limit`,
  phone: `SELECT ${listColumns} FROM patients WHERE phone >= @low AND phone < @high AND ${inScope} ORDER BY phone LIMIT @limit`,
};

interface PatientRow {
  id: string;
  name: string;
  name_pinyin: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_number_masked: string;
  phone: string;
  department: string;
}

const toListItem = (row: PatientRow): PatientListItem => ({
  id: row.id,
  name: row.name,
  namePinyin: row.name_pinyin,
  sex: row.sex,
  birthDate: row.birth_date,
  idNumberMasked: row.id_number_masked,
  phone: row.phone,
  department: row.department,
});

export function patientsTable(db: ReadDb) {
  const search = mapValues(searchSql, (sql) => db.prepare<[Record<string, unknown>], PatientRow>(sql));
  const byId = db.prepare<[string], PatientRow & { address: string }>(`SELECT ${listColumns}, address FROM patients WHERE id = ?`);
  const conflicts = db.prepare<[string], { id: string; field: string | null; server_value: string | null; client_value: string | null; created_at: string }>(
    `SELECT id, field, server_value, client_value, created_at FROM conflicts WHERE patient_id = ? AND status = 'open' ORDER BY created_at`,
  );
  const encounters = db.prepare<[string], Record<string, string>>(
    `SELECT id, date, kind, channel, department, physician_name, chief_complaint
       FROM encounters WHERE patient_id = ? ORDER BY date DESC, id`,
  );
  const diagnoses = db.prepare<[string], Record<string, string>>(
    `SELECT id, icd10, label, setting, diagnosed_on FROM diagnoses WHERE patient_id = ? ORDER BY diagnosed_on DESC, id`,
  );
  const allergies = db.prepare<[string], Record<string, string>>(
    `SELECT id, allergen, reaction, status, recorded_on FROM allergies WHERE patient_id = ?
      ORDER BY status, recorded_on DESC, id`,
  );
  const prescriptions = db.prepare<[string], Record<string, string>>(
    `SELECT id, issued_on, status, items FROM prescriptions WHERE patient_id = ? ORDER BY issued_on DESC, id`,
  );
  const labs = db.prepare<[string], Record<string, string>>(
    `SELECT id, taken_on, test, value, unit, flag FROM labs WHERE patient_id = ? ORDER BY taken_on DESC, id LIMIT 100`,
  );

  return {
    /**
     * Up to `limit` matches, and whether there are more (the UI asks to refine rather than page).
     * `scopeUser` limits them to what that user's server scope delivered (null: no limit).
     */
    search(query: string, limit: number, scopeUser: string | null = null): { patients: PatientListItem[]; more: boolean } {
      const { kind, text } = classifySearch(query);
      const params = { low: text, high: text + top, limit: limit + 1, scopeUser };
      let rows: PatientRow[];
      if (kind === 'all') rows = search.all.all({ limit: limit + 1, scopeUser });
      else if (kind === 'pinyin') {
        const seen = new Set<string>();
        rows = [...search.initials.all(params), ...search.pinyin.all(params)].filter(
          (row) => !seen.has(row.id) && seen.add(row.id),
        );
      } else rows = search[kind].all(params);
      return { patients: rows.slice(0, limit).map(toListItem), more: rows.length > limit };
    },

    summary(patientId: string): PatientSummary | null {
      const patient = byId.get(patientId);
      if (!patient) return null;
      return {
        patient: { ...toListItem(patient), address: patient.address },
        conflicts: conflicts.all(patientId).map((r) => ({
          id: r.id,
          field: r.field,
          serverValue: r.server_value,
          clientValue: r.client_value,
          createdAt: r.created_at,
        })),
        encounters: encounters.all(patientId).map((r) => ({
          id: r.id!,
          date: r.date!,
          kind: r.kind as 'first-visit' | 'follow-up',
          channel: r.channel as 'in-person' | 'online',
          department: r.department!,
          physicianName: r.physician_name!,
          chiefComplaint: r.chief_complaint!,
        })),
        diagnoses: diagnoses.all(patientId).map((r) => ({
          id: r.id!,
          icd10: r.icd10!,
          label: r.label!,
          setting: r.setting as 'in-person' | 'online',
          diagnosedOn: r.diagnosed_on!,
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
      };
    },
  };
}
export type PatientsTable = ReturnType<typeof patientsTable>;

function mapValues<K extends string, A, B>(record: Record<K, A>, f: (a: A) => B): Record<K, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v as A)])) as Record<K, B>;
}
