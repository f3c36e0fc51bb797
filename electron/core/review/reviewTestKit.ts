import assert from 'node:assert/strict';
import { caller, item } from '../rx/rxTestKit';
import type { TestWorkstation } from '../sync/testing/clinic';

/** An adult cardiac patient with no allergy, as synced to `ws`, `skipRows` into the list so tests do not share one. */
export function cardiacPatient(ws: TestWorkstation, skipRows: number): { id: string; icd10: string } {
  const [found] = ws.query<{ id: string; icd10: string }>(
    `SELECT p.id, d.icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id
      WHERE d.icd10 LIKE 'I%' AND d.setting = 'in-person' AND p.birth_date < '2000-01-01' AND p.id NOT IN (SELECT patient_id FROM allergies)
      ORDER BY p.id LIMIT 1 OFFSET ?`,
    skipRows,
  );
  assert.ok(found, 'the demo department has such a patient');
  return found;
}

/** Signs amlodipine for `patient` on `ws`, answering any override with a reason; the prescription's id. */
export async function signAmlodipine(ws: TestWorkstation, patient: { id: string; icd10: string }, doseMg = 5): Promise<string> {
  const doc = caller(ws.core, ws.connection);
  const visit = await doc.ok('rx:visit:open', { patientId: patient.id });
  const draft = visit.drafts[0]!;
  const content = { ...draft.content, items: [item('amlodipine', doseMg, 'mg', 'qd', 28, patient.icd10)] };
  const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content });
  const overrides = Object.fromEntries(saved.check.alerts.filter((a) => a.severity === 'override').map((a) => [a.key, '患者既往耐受此剂量']));
  if (Object.keys(overrides).length > 0) await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...content, overrides } });
  const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  assert.deepEqual(preview.problems, []);
  const signed = await doc.ok('rx:sign', { draftId: draft.id, digest: preview.digest });
  assert.equal(signed.status, 'queued');
  return signed.id;
}
