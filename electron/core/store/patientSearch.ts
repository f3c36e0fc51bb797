import type { PatientListItem } from '../../../shared/domain/patient';
import type { ReadDb } from './database';

/** Highest code point: a prefix range `[q, q + top)` covers every string that starts with q. */
const top = '\u{10FFFF}';

export type SearchKind = 'all' | 'pinyin' | 'name' | 'digits' | 'record' | 'idNumber';

/**
 * Decides how a search text is matched: Latin letters are pinyin (initials or spelled out), CJK a
 * name, `MR` and digits a medical record number, digits a phone (its start, or its last four), a
 * record number's digits or the visible start of an ID number, and text with `*` a masked ID number
 * as printed.
 */
export function classifySearch(query: string): { kind: SearchKind; text: string } {
  const text = query.trim().toLowerCase();
  if (text === '') return { kind: 'all', text };
  if (/^[a-z\s']+$/.test(text)) return { kind: 'pinyin', text: text.replace(/[\s']/g, '') };
  if (/^mr\s*\d+$/.test(text)) return { kind: 'record', text: text.replace(/\s/g, '').toUpperCase() };
  if (/^[\d\s-]+$/.test(text)) return { kind: 'digits', text: text.replace(/[\s-]/g, '') };
  if (/^[\d*x]+$/.test(text) && text.includes('*')) return { kind: 'idNumber', text: text.toUpperCase() };
  return { kind: 'name', text: text.replace(/\s/g, '') };
}

const listColumns = `p.id, p.name, p.name_pinyin, p.name_pinyin_compact, p.name_initials, p.sex, p.birth_date,
  p.id_number_masked, p.phone, p.department, p.record_number`;

interface SearchRow {
  id: string;
  name: string;
  name_pinyin: string;
  name_pinyin_compact: string;
  name_initials: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_number_masked: string;
  phone: string;
  department: string;
  record_number: string;
}

export const toListItem = (row: SearchRow): PatientListItem => ({
  id: row.id,
  name: row.name,
  namePinyin: row.name_pinyin,
  sex: row.sex,
  birthDate: row.birth_date,
  idNumberMasked: row.id_number_masked,
  phone: row.phone,
  department: row.department,
  recordNumber: row.record_number,
});

/** The same match as the SQL below, for the few patients put first (today's and recently opened). */
function matches(row: SearchRow, kind: SearchKind, text: string): boolean {
  switch (kind) {
    case 'all': return true;
    case 'pinyin': return row.name_initials.toLowerCase().startsWith(text) || row.name_pinyin_compact.toLowerCase().startsWith(text);
    case 'name': return row.name.startsWith(text);
    case 'record': return row.record_number.startsWith(text);
    case 'idNumber': return row.id_number_masked.startsWith(text);
    case 'digits':
      return row.phone.startsWith(text) || (text.length === 4 && row.phone.endsWith(text))
        || row.id_number_masked.startsWith(text) || row.record_number.startsWith(`MR${text}`);
  }
}

/**
 * Every search walks one index in its own order and stops at the limit (see the EXPLAIN QUERY PLAN
 * test), so it stays fast at 100,000 patients; user text is only ever a bound parameter. A kind that
 * can mean several keys (digits) runs one such walk per key and merges them, each bounded.
 */
const inScope = `(@scopeUser IS NULL OR p.id IN (SELECT patient_id FROM patient_scope WHERE user_id = @scopeUser))`;
const range = (column: string) => `${column} >= @low AND ${column} < @high AND ${inScope} ORDER BY ${column} LIMIT @limit`;
export const searchSql = {
  all: `SELECT ${listColumns} FROM patients p WHERE ${inScope} ORDER BY p.name_pinyin_compact LIMIT @limit`,
  initials: `SELECT ${listColumns} FROM patients p WHERE p.name_initials >= @low AND p.name_initials < @high AND ${inScope}
             ORDER BY p.name_initials, p.name_pinyin_compact LIMIT @limit`,
  pinyin: `SELECT ${listColumns} FROM patients p WHERE ${range('p.name_pinyin_compact')}`,
  name: `SELECT ${listColumns} FROM patients p WHERE ${range('p.name')}`,
  phone: `SELECT ${listColumns} FROM patients p WHERE ${range('p.phone')}`,
  phoneLast4: `SELECT ${listColumns} FROM patients p WHERE substr(p.phone, -4) = @text AND ${inScope} LIMIT @limit`,
  record: `SELECT ${listColumns} FROM patients p WHERE ${range('p.record_number')}`,
  idNumber: `SELECT ${listColumns} FROM patients p WHERE ${range('p.id_number_masked')}`,
  /** Put first: the user's recently opened patients, newest first, then patients with a visit today. */
  recent: `SELECT ${listColumns} FROM recent_patients r JOIN patients p ON p.id = r.patient_id
            WHERE r.user_id = @user AND ${inScope} ORDER BY r.opened_at DESC LIMIT 30`,
  today: `SELECT ${listColumns} FROM patients p WHERE p.id IN (SELECT patient_id FROM encounters WHERE date = @today)
            AND ${inScope} LIMIT 50`,
} as const;

export interface SearchOptions {
  /** Limit to what this user's server scope delivered (null: no limit). */
  scopeUser: string | null;
  /** Whose recently opened patients come first. */
  userId: string | null;
  /** The local day (YYYY-MM-DD) whose visits come first. */
  today: string;
}

/** No scope, nobody's recent patients: what the service's own tests and raw benches ask. */
const noPriority = (): SearchOptions => ({ scopeUser: null, userId: null, today: new Date().toISOString().slice(0, 10) });

export function patientSearch(db: ReadDb) {
  const statements = Object.fromEntries(
    Object.entries(searchSql).map(([name, sql]) => [name, db.prepare<[Record<string, unknown>], SearchRow>(sql)]),
  ) as Record<keyof typeof searchSql, ReturnType<typeof db.prepare<[Record<string, unknown>], SearchRow>>>;

  const byIndex = (kind: SearchKind, text: string, limit: number, scopeUser: string | null): SearchRow[] => {
    const params = { low: text, high: text + top, text, limit, scopeUser };
    switch (kind) {
      case 'all': return statements.all.all(params);
      case 'pinyin': return [...statements.initials.all(params), ...statements.pinyin.all(params)];
      case 'digits': {
        const recordDigits = { ...params, low: `MR${text}`, high: `MR${text}${top}` };
        return [
          ...(text.length === 4 ? statements.phoneLast4.all(params) : []),
          ...statements.phone.all(params),
          ...statements.record.all(recordDigits),
          ...(text.length >= 6 ? statements.idNumber.all(params) : []),
        ];
      }
      default: return statements[kind].all(params);
    }
  };

  return {
    /**
     * Up to `limit` matches, and whether there are more (the UI asks to refine rather than page).
     * Recently opened and today's patients that match come first, then the rest in index order.
     */
    search(query: string, limit: number, options: SearchOptions = noPriority()): { patients: PatientListItem[]; more: boolean } {
      const { kind, text } = classifySearch(query);
      const { scopeUser } = options;
      const first = [
        ...(options.userId ? statements.recent.all({ user: options.userId, scopeUser }) : []),
        ...statements.today.all({ today: options.today, scopeUser }),
      ].filter((row) => matches(row, kind, text));
      const seen = new Set<string>();
      const rows = [...first, ...byIndex(kind, text, limit + 1, scopeUser)].filter((row) => !seen.has(row.id) && seen.add(row.id));
      return { patients: rows.slice(0, limit).map(toListItem), more: rows.length > limit };
    },
  };
}
export type PatientSearch = ReturnType<typeof patientSearch>;
