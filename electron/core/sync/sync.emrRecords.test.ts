import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Answers } from '../../../shared/emr/answers';
import { RecordDocument } from '../../../shared/emr/record';
import { postgresUrl } from '../../../server/test-support/databases';
import { completeHypertensionFollowUp } from '../emr/emrTestKit';
import { caller } from '../rx/rxTestKit';
import { createSigner } from '../signing/signer';
import { emrRecordsTable } from '../store/emrRecords';
import { outboxTable } from '../store/outbox';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

/**
 * Outpatient records through the real server and the real sync engine (issue 11): signed offline
 * on one workstation, uploaded once when the link returns, shown on a second; the amendment
 * follows; a replay is applied once; a forged signature and an invalid response are refused with
 * their own codes and leave nothing behind. On PostgreSQL as well as PGlite.
 */
const clinics = [
  { kind: 'pglite', clinic: await startClinic('pglite', 30) },
  ...(postgresUrl ? [{ kind: 'postgres', clinic: await startClinic('postgres', 30) }] : []),
] as const;

const htnUrl = 'https://caredesk.example.cn/fhir/Questionnaire/hypertension-follow-up';
const push = /^\/sync\/push/;

async function firstPatient(ws: TestWorkstation, skip: number): Promise<string> {
  const { patients } = await caller(ws.core, ws.connection).ok('patients:search', { query: '', limit: skip + 1 });
  const patient = patients[skip];
  assert.ok(patient, 'the doctor has patients in scope');
  return patient.id;
}

async function signRecord(ws: TestWorkstation, patientId: string, answers: Answers = completeHypertensionFollowUp) {
  const doc = caller(ws.core, ws.connection);
  const draft = await doc.ok('emr:draft:start', { patientId, templateUrl: htnUrl });
  await doc.ok('emr:draft:save', { draftId: draft.id, answers });
  return doc.ok('emr:sign', { draftId: draft.id, password: demo.doctor.password });
}

for (const { kind, clinic } of clinics) {
  const serverCount = async (table: string, column: string, id: string) =>
    Number((await clinic.hospital.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [id]))[0]!.n);
  const feedCopies = async (id: string) =>
    Number((await clinic.hospital.db.query<{ n: number }>(`SELECT count(*) AS n FROM changes WHERE table_name = 'emr_records' AND row_id = $1 AND audience IS NULL`, [id]))[0]!.n);
  const localCount = (ws: TestWorkstation, id: string) => ws.query<{ n: number }>(`SELECT count(*) AS n FROM emr_records WHERE id = ?`, id)[0]!.n;

  describe(`records on ${kind}`, () => {
    test('signed offline on A, uploaded once when the link returns, shown on B; the amendment follows', async () => {
      const a = await clinic.workstation(demo.doctor);
      const b = await clinic.workstation(demo.doctor);
      const patientId = await firstPatient(a, 0);

      a.link.setOnline(false);
      const first = await signRecord(a, patientId);
      await a.sync();
      assert.equal(first.uploaded, false);
      assert.equal(await serverCount('emr_records', 'id', first.id), 0, 'still waiting in the outbox');

      a.link.setOnline(true);
      await a.sync();
      assert.equal(await serverCount('emr_records', 'id', first.id), 1, 'on the server once');
      assert.equal(await feedCopies(first.id), 1, 'one feed entry');
      const onA = await caller(a.core, a.connection).ok('emr:records', { patientId });
      assert.equal(onA.records.find((r) => r.id === first.id)?.uploaded, true, 'A sees it uploaded (its echo came back)');

      await b.sync();
      const onB = await caller(b.core, b.connection).ok('emr:records', { patientId });
      const pulled = onB.records.find((r) => r.id === first.id);
      assert.ok(pulled, 'B shows the record signed on A');
      assert.deepEqual(pulled.answers.sbp, [152]);
      assert.equal(pulled.signature.verified, true, 'B verifies the signature against the registered certificate');
      assert.equal(pulled.digest, first.digest);
      // B remembers its verdict (chart opens judge every record again), keyed on the certificate as stored:
      // a revocation dated before the signing shows at the next reading, and its withdrawal too.
      const judged = async () => (await caller(b.core, b.connection).ok('emr:records', { patientId })).records.find((r) => r.id === first.id)!.signature;
      const serial = pulled.signature.verified ? pulled.signature.serial : '';
      b.core.db.prepare(`UPDATE signing_certificates SET revoked_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`).run(serial);
      assert.deepEqual(await judged(), { verified: false, reason: 'revoked' });
      b.core.db.prepare(`UPDATE signing_certificates SET revoked_at = NULL WHERE id = ?`).run(serial);
      assert.equal((await judged()).verified, true);

      // The amendment, written on B this time, while B is offline.
      b.link.setOnline(false);
      const draft = await caller(b.core, b.connection).ok('emr:amend', { recordId: first.id, reason: '收缩压录入错误' });
      await caller(b.core, b.connection).ok('emr:draft:save', { draftId: draft.id, answers: { ...completeHypertensionFollowUp, sbp: [142] } });
      const second = await caller(b.core, b.connection).ok('emr:sign', { draftId: draft.id, password: demo.doctor.password });
      assert.equal(b.query<{ kind: string }>(`SELECT kind FROM outbox ORDER BY seq`).at(-1)?.kind, 'emr.record.amend');
      b.link.setOnline(true);
      await b.sync();
      await a.sync();
      const [serverAmendment] = await clinic.hospital.db.query<{ previous_id: string; version: number; amend_reason: string }>(
        `SELECT previous_id, version, amend_reason FROM emr_records WHERE id = $1`, [second.id],
      );
      assert.deepEqual({ ...serverAmendment, version: Number(serverAmendment?.version) }, { previous_id: first.id, version: 2, amend_reason: '收缩压录入错误' });
      const both = (await caller(a.core, a.connection).ok('emr:records', { patientId })).records;
      assert.equal(both.find((r) => r.id === first.id)?.amendedBy, second.id, 'A shows the first version amended');
      assert.deepEqual(both.find((r) => r.id === second.id)?.answers.sbp, [142], 'and the new version beside it');
      assert.equal(a.query(`SELECT 1 FROM outbox`).length + b.query(`SELECT 1 FROM outbox`).length, 0, 'both outboxes drained');
    });

    test('a push whose answer was lost is sent again and applied once (rows counted on both sides)', async () => {
      const a = await clinic.workstation(demo.doctor);
      const patientId = await firstPatient(a, 1);
      a.link.setOnline(false);
      const record = await signRecord(a, patientId);
      a.link.setOnline(true);
      const held = a.link.holdNextResponse(push);
      const round = a.sync();
      (await held).drop();
      await round;
      await a.sync();
      assert.equal(await serverCount('emr_records', 'id', record.id), 1, 'one row on the server');
      assert.equal(await feedCopies(record.id), 1, 'one feed entry');
      assert.ok((a.link.faults.pushResults.duplicate ?? 0) > 0, 'the resend was answered "duplicate"');
      assert.equal(localCount(a, record.id), 1, 'one row on the workstation');
      assert.equal(a.query(`SELECT 1 FROM outbox`).length, 0);
    });

    test('a forged signature and a response its template refuses are refused with their codes and write nothing', async () => {
      const a = await clinic.workstation(demo.doctor);
      const patientId = await firstPatient(a, 2);
      a.link.setOnline(false);
      const genuine = await signRecord(a, patientId);
      const stored = emrRecordsTable(a.core.db).get(genuine.id)!;
      const userId = stored.document.author.id;
      const outbox = outboxTable(a.core.db);

      // The genuine record's signature on other content: its answers emptied after signing.
      const forged = RecordDocument.parse({ ...stored.document, id: crypto.randomUUID(), response: { ...stored.document.response, item: [] } });
      outbox.enqueue(userId, 'emr.record.sign', { document: forged, signature: stored.signature });
      // Properly signed, but the chief complaint (required) is missing from the response.
      const items = (stored.document.response.item as { linkId: string }[]).filter((i) => i.linkId !== 'chief-complaint');
      const incompleteId = crypto.randomUUID();
      const incomplete = RecordDocument.parse({ ...stored.document, id: incompleteId, response: { ...stored.document.response, id: incompleteId, item: items } });
      outbox.enqueue(userId, 'emr.record.sign', { document: incomplete, signature: createSigner(a.core.db).sign(userId, incomplete) });

      a.link.setOnline(true);
      await a.sync();
      const held = a.query<{ kind: string; state: string; last_error: string }>(`SELECT kind, state, last_error FROM outbox ORDER BY seq`);
      assert.deepEqual(held.map((h) => [h.state, h.last_error.split(':')[0]]), [['held', 'SIGNATURE_INVALID'], ['held', 'RECORD_INVALID']]);
      assert.match(held[1]!.last_error, /chief-complaint \(required\)/, 'the refusal names the field');
      for (const id of [forged.id, incomplete.id]) {
        assert.equal(await serverCount('emr_records', 'id', id), 0, 'nothing stored');
        assert.equal(await serverCount('changes', 'row_id', id), 0, 'nothing in the feed');
      }
      assert.equal(await serverCount('emr_records', 'id', genuine.id), 1, 'the genuine record went through');
    });
  });
}
