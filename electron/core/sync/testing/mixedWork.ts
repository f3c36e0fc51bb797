import assert from 'node:assert/strict';
import type { Core } from '../../core';
import { caller, item } from '../../rx/rxTestKit';

/**
 * A clinician's work on a workstation, through the core's own channels, made of the mutation kinds
 * that are unsafe to replay: a phone edit (a replay would turn into a conflict with itself), an
 * allergy added, removed and reinstated (a replayed removal would remove it again),
 * a prescription signed and a previous one voided (a replayed submit or void would be a second
 * signed document or a second void). The tests assert nothing about the phone's final value: two
 * edits of one field between syncs are issue 8's item 1, fixed elsewhere; the feed shows a replay.
 */
export interface Clinician {
  /** One step of mixed work, queued in the outbox. */
  step(): Promise<void>;
}

/** What each department's physician prescribes, for which in-person diagnosis (server/demo/clinical.ts). */
const regimens: Record<string, { icd10: string; drug: string; dose: number; unit: 'mg'; frequency: 'qd' | 'tid' }> = {
  cardiology: { icd10: 'I', drug: 'amlodipine', dose: 5, unit: 'mg', frequency: 'qd' },
  endocrinology: { icd10: 'E', drug: 'metformin', dose: 500, unit: 'mg', frequency: 'tid' },
};

// Every edit sets a phone number no patient had before, so none is a no-op.
let phoneNumbers = 0;

/** `startAt` spreads workstations of one physician over different patients (the bench runs four). */
export function clinician(core: Core, connection: string, department: string, label: string, startAt = 0): Clinician {
  const doc = caller(core, connection);
  const regimen = regimens[department];
  assert.ok(regimen, `no regimen for ${department}`);
  const patients = core.db
    .prepare<[string], { id: string }>(`SELECT id FROM patients WHERE department = ? ORDER BY id`)
    .all(department)
    .map((p) => p.id);
  const prescribable = core.db
    .prepare<[string, string], { id: string; icd10: string }>(
      `SELECT p.id, min(d.icd10) AS icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id
        WHERE p.department = ? AND d.icd10 LIKE ? || '%' AND d.setting = 'in-person' AND p.birth_date < '2000-01-01'
        GROUP BY p.id ORDER BY p.id DESC`,
    )
    .all(department, regimen.icd10);
  assert.ok(patients.length > 4 && prescribable.length >= 2, `the ${department} scope is big enough`);
  let step = startAt;
  let lastPrescription: string | null = null;

  async function sign(patient: { id: string; icd10: string }): Promise<string> {
    const visit = await doc.ok('rx:visit:open', { patientId: patient.id });
    const draft = visit.drafts[0]!;
    const content = { ...draft.content, items: [item(regimen!.drug, regimen!.dose, regimen!.unit, regimen!.frequency, 28, patient.icd10)] };
    const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content });
    const overrides = Object.fromEntries(saved.check.alerts.filter((a) => a.severity === 'override').map((a) => [a.key, '患者既往耐受此剂量']));
    if (Object.keys(overrides).length > 0) await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...content, overrides } });
    const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
    assert.deepEqual(preview.problems, []);
    return (await doc.ok('rx:sign', { draftId: draft.id, digest: preview.digest })).id;
  }

  return {
    async step() {
      const i = step++;
      const patientId = patients[i % patients.length]!;
      // A number typed, then corrected: a replay of the first after the second would undo it.
      for (let k = 0; k < 2; k++) {
        await doc.ok('patients:setContact', { patientId, field: 'phone', value: `139${String(phoneNumbers++).padStart(8, '0')}` });
      }
      // An allergy added, removed by mistake, reinstated: a replayed removal would remove it again.
      const { allergyId } = await doc.ok('allergies:add', { patientId, allergen: `fault-${label}-${i}`, reaction: '皮疹' });
      await doc.ok('allergies:setStatus', { allergyId, status: 'removed', reason: `误删 ${label}-${i}` });
      await doc.ok('allergies:setStatus', { allergyId, status: 'active', reason: `恢复 ${label}-${i}` });
      if (i % 2 === 0) {
        if (lastPrescription) {
          await doc.ok('rx:void', { prescriptionId: lastPrescription, reason: `重复开具 ${label}-${i}` });
          }
        const patient = prescribable[(i / 2) % prescribable.length]!;
        lastPrescription = await sign(patient);
      }
    },
  };
}
