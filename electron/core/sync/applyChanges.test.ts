import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { Change } from '../../../shared/sync/wire';
import { openDatabase } from '../store/database';
import { freshDataDir } from '../testing/fixtures';
import { changeApplier, withoutForeignKeys } from './applyChanges';

const db = openDatabase(join(freshDataDir(), 'store.db'), randomBytes(32));
const apply = changeApplier(db);

/** A prescription row as a server without the signed-document columns (or not yet told of the void) sends it. */
const pulled = (status: string, extra: Record<string, unknown> = {}, seq = 1) =>
  Change.parse({
    seq, clientTime: null, clockSkewed: false, table: 'prescriptions',
    row: { id: 'rx-1', patient_id: 'p-1', encounter_id: null, issued_on: '2026-11-26', status, items: '[]', previous_id: null, author_id: 'u-1', ...extra },
  });

test('a pulled prescription row updates the status but never empties what this workstation signed or voided', () => {
  withoutForeignKeys(db, () => db.prepare(
    `INSERT INTO prescriptions (id, patient_id, encounter_id, issued_on, status, items, signed_at, signed_payload, validity_days, voided_at, voided_by, void_reason, voided_from_status)
     VALUES ('rx-1', 'p-1', NULL, '2026-11-26', 'queued', '[]', '2026-11-26T01:00:00Z', '{"signed":true}', 2, '2026-11-26T02:00:00Z', 'u-1', '重复开具', 'queued')`,
  ).run());
  withoutForeignKeys(db, () => db.transaction(() => apply([pulled('submitted', { validity_days: 2 })]))());
  const row = db.prepare(`SELECT status, signed_at, signed_payload, voided_at, void_reason FROM prescriptions WHERE id = 'rx-1'`).get();
  assert.deepEqual(row, { status: 'submitted', signed_at: '2026-11-26T01:00:00Z', signed_payload: '{"signed":true}', voided_at: '2026-11-26T02:00:00Z', void_reason: '重复开具' });

  // The server's own values, once it has them, are written (the same facts, in the server's time).
  withoutForeignKeys(db, () => db.transaction(() => apply([pulled('voided', { voided_at: '2026-11-26T02:00:05Z', void_reason: '重复开具' }, 2)]))());
  assert.deepEqual(db.prepare(`SELECT status, voided_at FROM prescriptions WHERE id = 'rx-1'`).get(), { status: 'voided', voided_at: '2026-11-26T02:00:05Z' });
});
