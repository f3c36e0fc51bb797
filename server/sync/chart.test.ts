import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WireRow } from '../../shared/sync/rows';
import type { Mutation, Outcome, PushResult } from '../../shared/sync/wire';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, TestHospital, type Workstation } from '../test-support/hospital';

const outcome = (r: PushResult | undefined): Outcome => {
  assert.ok(r);
  if (r.status === 'duplicate') return r.original;
  const { mutationId: _, ...rest } = r;
  return rest;
};
const setStatus = (diagnosisId: string, status: 'active' | 'resolved' | 'refuted', reason: string): Mutation => ({
  mutationId: randomUUID(), kind: 'diagnosis.status.set', clientTime: m.time(), payload: { diagnosisId, status, reason },
});

/** The problem list on the server (issue 11): a status change with author and reason, never a deletion. */
for (const { kind, skip } of dbVariants) {
  describe(`chart problem list [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    let pharmacist: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 30 });
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'ws-chart-doctor');
      pharmacist = await hospital.workstation(demo.pharmacist.account, demo.pharmacist.password, 'ws-chart-pharmacist');
    });
    after(() => hospital.stop());

    test('resolving a diagnosis reaches every device with its author and reason, and the row stays', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const [diagnosis] = await hospital.db.query<{ id: string }>(`SELECT id FROM diagnoses WHERE patient_id = $1 LIMIT 1`, [patient.id]);
      assert.ok(diagnosis);
      const first = await hospital.push(doctor, [setStatus(diagnosis.id, 'resolved', '血压达标三年，停药随访')]);
      assert.equal(outcome(first.body.results[0]).status, 'applied');
      const rows = (await hospital.pullAll(doctor)).changes
        .filter((c) => c.table === 'diagnoses' && c.row.id === diagnosis.id)
        .map((c) => c.row as WireRow<'diagnoses'>);
      const latest = rows.at(-1)!;
      assert.deepEqual([latest.status, latest.status_changed_by, latest.status_reason], ['resolved', doctor.userId, '血压达标三年，停药随访']);
      const [{ n }] = (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM diagnoses WHERE id = $1`, [diagnosis.id])) as [{ n: number }];
      assert.equal(n, 1, 'never deleted');
      // The same status again changes nothing and writes nothing to the feed.
      assert.deepEqual(outcome((await hospital.push(doctor, [setStatus(diagnosis.id, 'resolved', 'again')])).body.results[0]), { status: 'applied', seq: null });
    });

    test('only a physician changes a diagnosis; an unknown one waits for its add', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const [diagnosis] = await hospital.db.query<{ id: string }>(`SELECT id FROM diagnoses WHERE patient_id = $1 LIMIT 1`, [patient.id]);
      const refused = outcome((await hospital.push(pharmacist, [setStatus(diagnosis!.id, 'refuted', 'not mine to change')])).body.results[0]);
      assert.equal(refused.status === 'rejected' && refused.reason, 'FORBIDDEN');
      const waiting = outcome((await hospital.push(doctor, [setStatus(randomUUID(), 'resolved', 'later')])).body.results[0]);
      assert.deepEqual(waiting.status === 'rejected' && [waiting.reason, waiting.retryable], ['DEPENDENCY_MISSING', true]);
    });
  });
}
