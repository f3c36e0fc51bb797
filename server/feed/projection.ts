import { globalTables, wireColumns, type WireTable } from '../../shared/sync/rows';

/**
 * SQL that builds a table's wire row (shared/sync/rows.ts) from its server row, in the database,
 * so bulk writes (the demo seed) and single mutations produce feed rows the same way. Columns are
 * taken from the wire schema; only those whose server type differs are converted.
 */
const conversions: Partial<Record<string, string>> = {
  'users.roles': 'to_json(t.roles)::text',
  'users.suspended': '(t.suspended)::int',
  // Retired (issue 8, item 9): the column stays on the wire for old workstations, always empty.
  'users.password_hash': "''::text",
  'review_decisions.reviewer_id': 't.pharmacist_id',
  'review_decisions.reviewer_name': '(SELECT u.display_name FROM users u WHERE u.id = t.pharmacist_id)',
  'review_decisions.reasons': 't.reasons::text',
  'review_decisions.intervention': 't.intervention::text',
  'review_decisions.signature_certificate_id': "(t.signed_document::jsonb #>> '{signature,certificateId}')",
  'hospital_settings.value': 't.value::text',
  // Never in the feed: the pull decrypts a template into its answer (feed/faceTemplates.ts).
  'face_templates.descriptor': 'NULL::jsonb',
  'hospital_settings.updated_at': `to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

export function wireRowSql(table: WireTable): string {
  const pairs = (wireColumns[table] as string[]).map((column) => `'${column}', ${conversions[`${table}.${column}`] ?? `t.${column}`}`);
  return `jsonb_build_object(${pairs.join(', ')})`;
}

/** Which patient a row belongs to, for scoping pulls; null for global rows. */
export function patientIdSql(table: WireTable): string {
  if (globalTables.includes(table)) return 'NULL::text';
  if (table === 'patients') return 't.id';
  return 't.patient_id';
}
