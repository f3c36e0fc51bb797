import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { appendChanges, serverMeta } from '../../../server/feed/append';
import { dbVariants } from '../../../server/test-support/databases';
import type { CoreEvent } from '../core';
import { caller, item } from '../rx/rxTestKit';
import { demo, startClinic, type TestWorkstation } from '../sync/testing/clinic';
import { cardiacPatient, signAmlodipine } from './reviewTestKit';

/**
 * Pharmacist review through the real server and the real sync engine (issue 10): the workstation's
 * service layer on both sides, a decision travelling to the prescriber through the feed.
 */
for (const { kind, skip } of dbVariants) {
  describe(`review on the workstation [${kind}]`, { skip }, () => {
    const started = skip ? null : startClinic(kind, 120);
    const clinic = async () => started!;

    const reason = 'inappropriate.dose-or-frequency';
    const decide = (ws: TestWorkstation, prescriptionId: string, fields: { decision: 'approve' | 'return' | 'intervene'; reasons?: string[]; note?: string; decisionId?: string }) =>
      caller(ws.core, ws.connection).ok('review:decide', { decisionId: fields.decisionId ?? randomUUID(), prescriptionId, password: demo.pharmacist.password, ...fields });
    const claim = (ws: TestWorkstation, prescriptionId: string) => ws.call('review:claim', { requestId: randomUUID(), prescriptionId });
    const codeOf = (answer: unknown) => (answer as { ok: boolean; error?: { code: string; message: string } }).error ?? { code: 'ok', message: '' };
    const decisionsOn = (ws: TestWorkstation, prescriptionId: string) => ws.query<{ id: string; decision: string }>(`SELECT id, decision FROM review_decisions WHERE prescription_id = ?`, prescriptionId);
    const events = (ws: TestWorkstation) => {
      const seen: CoreEvent[] = [];
      ws.core.onEvent((e) => seen.push(e));
      return seen;
    };

    test('a return reaches the prescriber once, with its reasons in both languages and a notice; acknowledged, the notice goes', async () => {
      const { workstation } = await clinic();
      const doctor = await workstation(demo.doctor);
      const pharmacist = await workstation(demo.pharmacist);
      const heard = events(doctor);
      const id = await signAmlodipine(doctor, cardiacPatient(doctor, 0));
      await doctor.sync();
      await pharmacist.sync();

      const queue = await caller(pharmacist.core, pharmacist.connection).ok('review:queue', {});
      assert.equal(queue.readOnly, false);
      assert.ok(queue.items.some((i) => i.prescriptionId === id), 'the pharmacist sees it in the queue');
      assert.equal(codeOf(await claim(pharmacist, id)).code, 'ok');
      await decide(pharmacist, id, { decision: 'return', reasons: [reason], note: '剂量请再核对' });

      await doctor.sync();
      const shown = (await caller(doctor.core, doctor.connection).ok('rx:list', { patientId: cardiacPatient(doctor, 0).id })).prescriptions.find((p) => p.id === id);
      assert.equal(shown?.status, 'returned');
      assert.equal(shown?.review?.status, 'returned');
      assert.equal(shown?.review?.decision?.note, '剂量请再核对');
      const [label] = shown?.review?.decision?.reasons ?? [];
      assert.equal(label?.code, reason);
      assert.ok(label && label.zh !== label.code && label.en !== label.code, 'labelled from the reasons file in both languages');
      assert.deepEqual(heard.filter((e) => e.event === 'review:returned').map((e) => [e.connectionId, e.payload]), [[doctor.connection, { prescriptionIds: [id] }]]);

      // Pulled again from the start (a replayed pull): still one decision, one notice, no second event.
      doctor.core.db.prepare(`DELETE FROM sync_state WHERE key LIKE 'pull.%'`).run();
      await doctor.sync();
      await pharmacist.sync();
      assert.equal(decisionsOn(doctor, id).length, 1, 'the prescriber holds the decision once');
      assert.equal(decisionsOn(pharmacist, id).length, 1, 'and so does the pharmacist');
      assert.equal(heard.filter((e) => e.event === 'review:returned').length, 1);
      const notices = await caller(doctor.core, doctor.connection).ok('review:notices', {});
      assert.deepEqual(notices.notices.map((n) => [n.kind, n.prescriptionId, n.decision.note]), [['returned', id, '剂量请再核对']]);

      assert.deepEqual(await caller(doctor.core, doctor.connection).ok('review:acknowledge', { kind: 'returned', prescriptionId: id }), { acknowledged: true });
      assert.deepEqual((await caller(doctor.core, doctor.connection).ok('review:notices', {})).notices, []);
    });

    test('the revision links the returned version; the pharmacist sees what changed, the exchange so far, overrides and what the server found unanswered', async () => {
      const { workstation } = await clinic();
      const doctor = await workstation(demo.doctor);
      const other = await workstation(demo.doctor);
      const pharmacist = await workstation(demo.pharmacist);
      const patient = cardiacPatient(doctor, 1);
      const first = await signAmlodipine(doctor, patient);
      await doctor.sync();
      await pharmacist.sync();
      await claim(pharmacist, first);
      await decide(pharmacist, first, { decision: 'return', reasons: [reason], note: '请调整剂量' });
      await doctor.sync();

      // The revision is signed offline at 20 mg (an override with its reason) while another device records an allergy.
      const doc = caller(doctor.core, doctor.connection);
      const visit = await doc.ok('rx:revise', { prescriptionId: first, reason: '按药师意见调整' });
      const draft = visit.drafts.find((d) => d.previousId === first)!;
      const content = { ...draft.content, items: [item('amlodipine', 20, 'mg', 'qd', 28, patient.icd10)] };
      const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content });
      const overrides = Object.fromEntries(saved.check.alerts.filter((a) => a.severity === 'override').map((a) => [a.key, '患者既往耐受此剂量']));
      await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...content, overrides } });
      doctor.link.setOnline(false);
      const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
      const revised = (await doc.ok('rx:sign', { draftId: draft.id, digest: preview.digest })).id;
      await caller(other.core, other.connection).ok('allergies:add', { patientId: patient.id, allergen: 'amlodipine', reaction: '血管性水肿' });
      await other.sync();
      doctor.link.setOnline(true);
      await doctor.sync();
      await pharmacist.sync();

      const detail = await caller(pharmacist.core, pharmacist.connection).ok('review:detail', { prescriptionId: revised });
      assert.equal(detail.prescription.previousId, first);
      assert.equal(detail.prescription.revisionReason, '按药师意见调整');
      assert.equal(detail.signature.state, 'verified');
      assert.deepEqual(detail.changes.filter((c) => c.field === 'items[0].dose'), [{ field: 'items[0].dose', before: '5 mg', after: '20 mg' }]);
      assert.deepEqual(detail.exchange.map((d) => [d.prescriptionId, d.decision, d.note, d.reasons.map((r) => r.code)]), [[first, 'return', '请调整剂量', [reason]]]);
      const overridden = detail.alerts.find((a) => a.code === 'DOSE_SINGLE_MAX');
      assert.deepEqual([overridden?.overridden, overridden?.overrideReason, overridden?.unanswered], [true, '患者既往耐受此剂量', false]);
      const allergy = detail.alerts.find((a) => a.code === 'ALLERGY');
      assert.deepEqual([allergy?.overridden, allergy?.unanswered], [false, true], 'the server found it; the prescriber never saw it');
      assert.ok(detail.patient, 'the patient is in the pharmacist\'s cache');
      assert.ok(detail.patient.allergies.includes('amlodipine'));
      assert.ok(detail.patient.ageYears >= 18);
      assert.ok(detail.patient.diagnoses.some((d) => d.code === patient.icd10));
      assert.equal(detail.notDecidableReason, null);
    });

    test('a replayed review:decide is applied once: one decision on the server and on every device; a void after approval is shown to the approver', async () => {
      const { workstation, hospital } = await clinic();
      const doctor = await workstation(demo.doctor);
      const pharmacist = await workstation(demo.pharmacist);
      const id = await signAmlodipine(doctor, cardiacPatient(doctor, 2));
      await doctor.sync();
      await claim(pharmacist, id);
      const decisionId = randomUUID();
      const once = await decide(pharmacist, id, { decision: 'approve', decisionId });
      const twice = await decide(pharmacist, id, { decision: 'approve', decisionId });
      assert.deepEqual(twice, once);
      assert.equal(once.status, 'approved');
      const rows = await hospital.db.query<{ id: string }>(`SELECT id FROM review_decisions WHERE prescription_id = $1`, [id]);
      assert.deepEqual(rows.map((r) => r.id), [decisionId]);
      const other = codeOf(await pharmacist.call('review:decide', { decisionId, prescriptionId: id, decision: 'return', reasons: [reason], note: 'x' }));
      assert.equal(other.code, 'CONFLICT', 'the id cannot carry another decision');
      await doctor.sync();
      assert.deepEqual(decisionsOn(doctor, id), [{ id: decisionId, decision: 'approve' }]);
      const shown = (await caller(doctor.core, doctor.connection).ok('rx:list', { patientId: cardiacPatient(doctor, 2).id })).prescriptions.find((p) => p.id === id);
      assert.equal(shown?.review?.status, 'approved');

      // The prescriber withdraws it after approval: the pharmacist who approved it is told.
      const heard = events(pharmacist);
      await caller(doctor.core, doctor.connection).ok('rx:void', { prescriptionId: id, reason: '患者已在线下取药' });
      await doctor.sync();
      await pharmacist.sync();
      const notices = (await caller(pharmacist.core, pharmacist.connection).ok('review:notices', {})).notices;
      assert.deepEqual(notices.map((n) => [n.kind, n.prescriptionId, n.voidReason, n.decision.decisionId]), [['voided-after-approval', id, '患者已在线下取药', decisionId]]);
      assert.deepEqual(heard.filter((e) => e.event === 'review:voidedAfterApproval').map((e) => e.payload), [{ prescriptionIds: [id] }]);
    });

    test('the review screen shows its own signature verdicts: a decision forged on its way through the feed is "not verified"', async () => {
      const { workstation, hospital } = await clinic();
      const doctor = await workstation(demo.doctor);
      const pharmacist = await workstation(demo.pharmacist);
      const id = await signAmlodipine(doctor, cardiacPatient(doctor, 6));
      await doctor.sync();
      assert.equal(codeOf(await claim(pharmacist, id)).code, 'ok');
      const genuine = await caller(pharmacist.core, pharmacist.connection).ok('review:decide', {
        decisionId: randomUUID(), prescriptionId: id, decision: 'intervene', password: demo.pharmacist.password,
        intervention: { recommendation: '建议减量至 2.5 mg', physicianResponse: 'pending' },
      });
      const forged = await caller(pharmacist.core, pharmacist.connection).ok('review:decide', {
        decisionId: randomUUID(), prescriptionId: id, decision: 'intervene', password: demo.pharmacist.password,
        intervention: { recommendation: '建议复查血钾', physicianResponse: 'pending' },
      });
      const detail = () => caller(pharmacist.core, pharmacist.connection).ok('review:detail', { prescriptionId: id });
      const verdicts = async () => Object.fromEntries((await detail()).exchange.map((d) => [d.decisionId, d.signatureCheck && (d.signatureCheck.verified ? 'verified' : d.signatureCheck.reason)]));
      assert.deepEqual(await verdicts(), { [genuine.decisionId]: null, [forged.decisionId]: null }, 'not judged before the feed brings them here');

      await pharmacist.sync();
      assert.deepEqual(await verdicts(), { [genuine.decisionId]: 'verified', [forged.decisionId]: 'verified' });
      assert.equal((await detail()).signature.check?.verified, true, 'the prescription verified here against the prescriber\'s certificate');

      // The server's row is altered after signing (say, by someone with database access) and fed to the workstations.
      await hospital.db.transaction(async (tx) => {
        await tx.query(`UPDATE review_decisions SET intervention = $2 WHERE id = $1`, [forged.decisionId, JSON.stringify({ recommendation: '同意原剂量', physicianResponse: 'accepted' })]);
        await appendChanges(tx, 'review_decisions', [forged.decisionId], serverMeta);
      });
      await pharmacist.sync();
      const shown = await detail();
      assert.equal(shown.exchange.find((d) => d.decisionId === forged.decisionId)?.intervention?.recommendation, '同意原剂量', 'the altered text is what the server says');
      assert.deepEqual(await verdicts(), { [genuine.decisionId]: 'verified', [forged.decisionId]: 'bad-signature' });
    });

    test('offline the queue is the last one fetched, read-only with the reason; claiming is refused with SERVER_UNREACHABLE', async () => {
      const { workstation } = await clinic();
      const doctor = await workstation(demo.doctor);
      const pharmacist = await workstation(demo.pharmacist);
      const id = await signAmlodipine(doctor, cardiacPatient(doctor, 3));
      await doctor.sync();
      const online = await caller(pharmacist.core, pharmacist.connection).ok('review:queue', {});
      assert.ok(online.items.some((i) => i.prescriptionId === id));
      pharmacist.link.setOnline(false);
      const offline = await caller(pharmacist.core, pharmacist.connection).ok('review:queue', {});
      assert.equal(offline.readOnly, true);
      assert.equal(offline.mayClaim, false);
      assert.match(offline.readOnlyReason ?? '', /cannot be reached/);
      assert.equal(offline.fetchedAt, online.fetchedAt);
      assert.ok(offline.items.some((i) => i.prescriptionId === id), 'the cached queue is shown');
      const refused = codeOf(await claim(pharmacist, id));
      assert.equal(refused.code, 'SERVER_UNREACHABLE');
      assert.match(refused.message, /Claims and decisions need it/);
      assert.equal(codeOf(await pharmacist.call('review:decide', { decisionId: randomUUID(), prescriptionId: id, decision: 'approve', password: demo.pharmacist.password })).code, 'SERVER_UNREACHABLE');
      pharmacist.link.setOnline(true);
    });

    test('nobody reviews their own prescription: the workstation says so before asking the server', async () => {
      const { workstation, hospital } = await clinic();
      await hospital.createAccount('dual-role', ['physician', 'pharmacist'], 'cardiology');
      const both = await workstation({ account: 'dual-role', password: 'dual-role-password' });
      const id = await signAmlodipine(both, cardiacPatient(both, 4));
      await both.sync();
      both.link.setOnline(false);
      const refused = codeOf(await claim(both, id));
      assert.equal(refused.code, 'SELF_REVIEW', 'refused here, not merely for want of the server');
      assert.match(refused.message, /another pharmacist/);
      both.link.setOnline(true);
      assert.equal(codeOf(await claim(both, id)).code, 'SELF_REVIEW');
    });

    test('an unqualified pharmacist reads the queue but cannot claim, with a clear reason', async () => {
      const { workstation, hospital } = await clinic();
      const doctor = await workstation(demo.doctor);
      const id = await signAmlodipine(doctor, cardiacPatient(doctor, 5));
      await doctor.sync();
      await hospital.createAccount('trainee-pharmacist', ['pharmacist'], 'pharmacy');
      const trainee = await workstation({ account: 'trainee-pharmacist', password: 'trainee-pharmacist-password' });
      const queue = await caller(trainee.core, trainee.connection).ok('review:queue', {});
      assert.equal(queue.mayClaim, false);
      assert.ok(queue.items.some((i) => i.prescriptionId === id));
      const refused = codeOf(await claim(trainee, id));
      assert.equal(refused.code, 'REVIEWER_NOT_QUALIFIED');
      assert.match(refused.message, /qualified prescription reviewer/);
    });
  });
}
