import type { PatientListItem, PatientSummary } from '../../../shared/domain/patient';
import type { Db } from './database';

/** Highest code point: a prefix range `[q, q + top)` covers every string that starts with q. */
const top = '\u{10FFFF}';

export type SearchKind = 'all' | 'pinyin' | 'name' | 'phone';

/** Decides how a search text is matched: Latin letters are pinyin, CJK is a name, digits a phone. */
export function classifySearch(query: string): { kind: SearchKind; text: string } {
  const text = query.trim().toLowerCase();
  if (text === '') return { kind: 'all', text };
  if (/^[a-z\s']+$/.test(text)) return { kind: 'pinyin', text: text.replace(/[\s']/g, '') };
  if (/^[\d\s-]+$/.test(text)) return { kind: 'phone', text: text.replace(/[\s-]/g, '') };
  return { kind: 'name', text: text.replace(/\s/g, '') };
}

const listColumns = `id, name, name_pinyin, sex, birth_date, id_number_masked, phone, department`;

/**
 * Every search is one or two index range scans (see the EXPLAIN QUERY PLAN test), so it stays
 * fast at 100,000 patients; user text is only ever a bound parameter.
 */
const searchSql: Record<SearchKind, string> = {
  all: `SELECT ${listColumns} FROM patients ORDER BY name_pinyin_compact, id LIMIT @limit`,
  pinyin: `SELECT ${listColumns} FROM patients WHERE id IN (
             SELECT id FROM patients WHERE name_initials >= @low AND name_initials < @high
             UNION SELECT id FROM patients WHERE name_pinyin_compact >= @low AND name_pinyin_compact < @high)
           ORDER BY name_pinyin_compact, id LIMIT @limit`,
  name: `SELECT ${listColumns} FROM patients WHERE name >= @low AND name < @high
         ORDER BY name_pinyin_compact, id LIMIT @limit`,
  phone: `SELECT ${listColumns} FROM patients WHERE phone >= @low AND phone < @high
          ORDER BY name_pinyin_compact, id LIMIT @limit`,
};

const countSql: Record<SearchKind, string> = {
  all: `SELECT count(*) AS n FROM patients`,
  pinyin: `SELECT count(*) AS n FROM (
             SELECT id FROM patients WHERE name_initials >= @low AND name_initials < @high
             UNION SELECT id FROM patients WHERE name_pinyin_compact >= @low AND name_pinyin_compact < @high)`,
  name: `SELECT count(*) AS n FROM patients WHERE name >= @low AND name < @high`,
  phone: `SELECT count(*) AS n FROM patients WHERE phone >= @low AND phone < @high`,
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

export function patientsTable(db: Db) {
  const search = mapValues(searchSql, (sql) => db.prepare<[Record<string, unknown>], PatientRow>(sql));
  const count = mapValues(countSql, (sql) => db.prepare<[Record<string, unknown>], { n: number }>(sql));
  const byId = db.prepare<[string], PatientRow>(`SELECT ${listColumns} FROM patients WHERE id = ?`);
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
    search(query: string, limit: number): { patients: PatientListItem[]; total: number } {
      const { kind, text } = classifySearch(query);
      const params = { low: text, high: text + top, limit };
      const { limit: _, ...countParams } = params;
      return {
        patients: search[kind].all(kind === 'all' ? { limit } : params).map(toListItem),
        total: count[kind].get(kind === 'all' ? {} : countParams)?.n ?? 0,
      };
    },

    summary(patientId: string): PatientSummary | null {
      const patient = byId.get(patientId);
      if (!patient) return null;
      return {
        patient: toListItem(patient),
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
