import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demo, startClinic } from './testing/clinic';
import { faultDice } from './testing/faultSeed';

/**
 * Issue 8, item 1, under a fault: two edits of one phone on one workstation between syncs carry the
 * same base version; the second must come next, not conflict, even when the first push's answer is
 * lost and the batch is sent again.
 */
const clinic = await startClinic('pglite', 60);

test('a phone typo corrected before it synced: the correction wins, with no conflict, even when answers are lost', async (t) => {
  const dice = faultDice();
  t.diagnostic(`fault seed ${dice.seed}`);
  const ws = await clinic.workstation(demo.doctor);
  const patients = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 5`).map((r) => r.id);
  for (const [i, patientId] of patients.entries()) {
    await ws.call('patients:setContact', { patientId, field: 'phone', value: `1380000${String(i).padStart(4, '0')}` });
    await ws.call('patients:setContact', { patientId, field: 'phone', value: `1390000${String(i).padStart(4, '0')}` });
  }
  ws.link.cutNext('response', { path: /^\/sync\/push/, at: (n) => dice.below(n) });
  await ws.sync();
  await ws.sync();
  assert.equal(ws.link.faults.midBody.response + ws.link.faults.atBodyStart.response, 1, 'the first answer was lost');
  const onServer = await clinic.hospital.db.query<{ phone: string }>(`SELECT phone FROM patients WHERE id = ANY($1::text[]) ORDER BY id`, [patients]);
  assert.deepEqual(onServer.map((r) => r.phone), patients.map((_, i) => `1390000${String(i).padStart(4, '0')}`));
  const conflicts = await clinic.hospital.db.query(`SELECT 1 FROM conflicts WHERE entity_id = ANY($1::text[])`, [patients]);
  assert.equal(conflicts.length, 0, 'one author on one device edits sequentially: no conflict');
});
