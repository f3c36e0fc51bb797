import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, signedHeaders, TestHospital, type Workstation } from '../test-support/hospital';
import { review, signDecision } from '../test-support/review';
import { signAs } from '../test-support/prescriptions';
import type { SubmitPayload } from '../../shared/rx/document';
import type { Mutation } from '../../shared/sync/wire';
import type { ReviewStats } from '../../shared/review/wire';

const ok = (answer: { status: number; body: unknown }) => assert.equal(answer.status, 200, JSON.stringify(answer.body));
const refused = (answer: { status: number; body: unknown }, status: number, code: string) =>
  assert.deepEqual([answer.status, (answer.body as { error?: { code: string } }).error?.code], [status, code], JSON.stringify(answer.body));
const count = async (hospital: TestHospital, sql: string, params: string[] = []) =>
  (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params))[0]!.n;

/** Pharmacist review on the server (issue 10): the queue, leases, signed decisions, each applied once. */
for (const { kind, skip } of dbVariants) {
  describe(`pharmacist review [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    let pharmacist: Workstation;
    let pharmacist2: Workstation;
    let patientId: string;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 10 });
      // 10:00 in Beijing on the demo day, so prescriptions issued that day are valid.
      hospital.clock = Date.parse('2026-01-15T02:00:00Z');
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      pharmacist = await hospital.workstation(demo.pharmacist.account, demo.pharmacist.password);
      pharmacist2 = await hospital.workstation('pharmacist2', 'pharmacist2-demo-2026');
      patientId = (await patientOf(hospital.db, 'cardiology')).id;
    });
    after(() => hospital.stop());

    async function submitted(): Promise<string> {
      const encounterId = randomUUID();
      const rx = m.submitRx(doctor, patientId, encounterId);
      const answer = await hospital.push(doctor, [m.addEncounter(patientId, encounterId), rx]);
      assert.deepEqual(answer.body.results.map((r) => r.status), ['applied', 'applied'], JSON.stringify(answer.body));
      return (rx.payload as { id: string }).id;
    }

    test('a submitted prescription waits in the shared queue; nothing approves it but a person', async () => {
      const id = await submitted();
      const queue = await review.queue(hospital, pharmacist);
      ok(queue);
      const item = queue.body.items.find((i) => i.prescriptionId === id);
      assert.ok(item, 'in the queue');
      assert.equal(item.claim, null);
      assert.equal(item.prescriber.id, doctor.userId);
      assert.equal(queue.body.mayClaim, true);
      const [{ status }] = (await hospital.db.query<{ status: string }>(`SELECT status FROM prescriptions WHERE id = $1`, [id])) as [{ status: string }];
      assert.equal(status, 'submitted', 'an engine-clean prescription still waits');
      refused(await review.queue(hospital, doctor), 403, 'FORBIDDEN');
    });

    test('one claim wins: the other pharmacist is told who holds it, and a lapsed lease frees the item', async () => {
      const id = await submitted();
      ok(await review.claim(hospital, pharmacist, id));
      const taken = await review.claim(hospital, pharmacist2, id);
      refused(taken, 409, 'CLAIMED');
      assert.match(taken.body.error!.message, /陈静/);
      const queue = await review.queue(hospital, pharmacist2);
      assert.equal(queue.body.items.find((i) => i.prescriptionId === id)?.claim?.pharmacistId, pharmacist.userId, 'the queue shows the holder');

      hospital.clock += 11 * 60_000; // past the 10-minute lease, never renewed
      ok(await review.claim(hospital, pharmacist2, id));
      refused(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: id, decision: 'approve' })), 409, 'CLAIMED');
    });

    test('a decision replayed is applied once; a second decision on a decided prescription is refused', async () => {
      const id = await submitted();
      ok(await review.claim(hospital, pharmacist, id));
      const seqBefore = (await hospital.db.query<{ last_seq: number }>(`SELECT last_seq FROM change_counter`))[0]!.last_seq;
      const decision = signDecision(pharmacist, { prescriptionId: id, decision: 'approve' });
      const first = await review.decide(hospital, pharmacist, decision);
      const again = await review.decide(hospital, pharmacist, decision);
      ok(first);
      ok(again);
      assert.deepEqual(again.body, first.body, 'the replay gets the first answer');
      assert.equal(first.body.status, 'approved');
      assert.equal(await count(hospital, `SELECT 1 FROM review_decisions WHERE prescription_id = $1`, [id]), 1);
      assert.equal(await count(hospital, `SELECT 1 FROM changes WHERE table_name = 'prescriptions' AND row_id = $1 AND seq > $2`, [id, String(seqBefore)]), 1, 'fed once');
      refused(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: id, decision: 'return', reasons: ['inappropriate.dose-or-frequency'], note: 'x' })), 409, 'NOT_REVIEWABLE');
      refused(await review.decide(hospital, pharmacist2, decision), 409, 'CONFLICT');
    });

    test('a return carries structured reasons and a note; the exchange so far is on the record', async () => {
      const id = await submitted();
      ok(await review.claim(hospital, pharmacist, id));
      refused(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: id, decision: 'return', reasons: [], note: '' })), 400, 'INVALID_REQUEST');
      refused(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: id, decision: 'return', reasons: ['made-up.reason'], note: 'x' })), 400, 'INVALID_REQUEST');
      ok(await review.decide(hospital, pharmacist, signDecision(pharmacist, {
        prescriptionId: id, decision: 'intervene', intervention: { recommendation: '建议改为每日一次', physicianResponse: 'declined' },
      })));
      const returned = await review.decide(hospital, pharmacist, signDecision(pharmacist, {
        prescriptionId: id, decision: 'return', reasons: ['inappropriate.dose-or-frequency'], note: '剂量偏高，请核对',
      }));
      ok(returned);
      assert.equal(returned.body.status, 'returned');
      const detail = await hospital.request<{ decisions: { decision: string; reasons: string[] }[] }>('GET', `/review/prescriptions/${id}`, { token: pharmacist2.token });
      assert.deepEqual(detail.body.decisions.map((d) => [d.decision, d.reasons]), [['intervene', []], ['return', ['inappropriate.dose-or-frequency']]]);
    });

    test('a forged or missing signature, or one in another name, is refused and writes nothing', async () => {
      const id = await submitted();
      ok(await review.claim(hospital, pharmacist, id));
      const genuine = signDecision(pharmacist, { prescriptionId: id, decision: 'approve' });
      const tampered = { ...genuine, document: { ...genuine.document, decision: 'return', reasons: ['inappropriate.other'], note: 'x' } };
      const { signature: _, ...unsigned } = genuine;
      const inAnotherName = signDecision(pharmacist2, { prescriptionId: id, decision: 'approve' });
      // In the caller's name, but signed with another pharmacist's registered key (and certificate):
      // the signature verifies over the document, the registry says whose key it is (issue 8, item 11).
      const withAnothersKey = signDecision(pharmacist2, { prescriptionId: id, decision: 'approve', reviewer: { id: pharmacist.userId, name: pharmacist.account } });
      const withoutCertificate = signDecision({ userId: pharmacist.userId }, { prescriptionId: id, decision: 'approve' });
      for (const forged of [withAnothersKey, withoutCertificate]) {
        const answer = await review.decide(hospital, pharmacist, forged);
        refused(answer, 400, 'BAD_SIGNATURE');
        assert.equal(answer.body.error?.message, 'signature not verified: unregistered key');
      }
      refused(await review.decide(hospital, pharmacist, tampered), 400, 'BAD_SIGNATURE');
      refused(await review.decide(hospital, pharmacist, unsigned), 400, 'INVALID_REQUEST');
      refused(await review.decide(hospital, pharmacist, inAnotherName), 403, 'FORBIDDEN');
      assert.equal(await count(hospital, `SELECT 1 FROM review_decisions WHERE prescription_id = $1`, [id]), 0);
      assert.equal(await count(hospital, `SELECT 1 FROM review_requests WHERE kind = 'decision' AND request #>> '{document,prescriptionId}' = $1`, [id]), 0);
      const [{ status }] = (await hospital.db.query<{ status: string }>(`SELECT status FROM prescriptions WHERE id = $1`, [id])) as [{ status: string }];
      assert.equal(status, 'submitted');
    });

    test('nobody reviews their own prescription; an unqualified pharmacist reads the queue but cannot claim', async () => {
      const both = await hospital.createAccount('dual', ['physician', 'pharmacist'], 'cardiology');
      const admin = await hospital.admin();
      ok(await hospital.request('PUT', `/admin/accounts/${both}/reviewer`, { token: admin.token, body: { reviewer: { title: 'pharmacist', dispensingYears: 5, trainingPassed: true } } }));
      const dual = await hospital.workstation('dual', 'dual-password');
      const encounterId = randomUUID();
      const own = m.submitRx(dual, patientId, encounterId);
      assert.deepEqual((await hospital.push(dual, [m.addEncounter(patientId, encounterId), own])).body.results.map((r) => r.status), ['applied', 'applied']);
      refused(await review.claim(hospital, dual, (own.payload as { id: string }).id), 403, 'SELF_REVIEW');

      await hospital.createAccount('trainee', ['pharmacist'], 'pharmacy');
      const trainee = await hospital.workstation('trainee', 'trainee-password');
      const queue = await review.queue(hospital, trainee);
      ok(queue);
      assert.equal(queue.body.mayClaim, false);
      refused(await review.claim(hospital, trainee, (own.payload as { id: string }).id), 403, 'NOT_QUALIFIED');
      const twoYears = await hospital.request('PUT', `/admin/accounts/${trainee.userId}/reviewer`, {
        token: admin.token, body: { reviewer: { title: 'pharmacist', dispensingYears: 2, trainingPassed: true } },
      });
      ok(twoYears);
      refused(await review.claim(hospital, trainee, (own.payload as { id: string }).id), 403, 'NOT_QUALIFIED');
      refused(await hospital.request('PUT', `/admin/accounts/${trainee.userId}/reviewer`, { token: pharmacist.token, body: { reviewer: null } }), 403, 'FORBIDDEN');
    });

    test('a prescription past its valid day shows as expired and can be returned, never approved', async () => {
      // Issued two days ago, valid on its day of issue only.
      const encounterId = randomUUID();
      const old = m.submitRx(doctor, patientId, encounterId);
      const { signature: _, prescriber: __, signedAt: ___, ...unsigned } = old.payload as SubmitPayload;
      const stale = { ...old, payload: signAs(doctor, { ...unsigned, issuedOn: '2026-01-13' }) } as Mutation;
      assert.deepEqual((await hospital.push(doctor, [m.addEncounter(patientId, encounterId), stale])).body.results.map((r) => r.status), ['applied', 'applied']);
      const id = (stale.payload as { id: string }).id;
      const item = (await review.queue(hospital, pharmacist)).body.items.find((i) => i.prescriptionId === id);
      assert.equal(item?.expired, true);
      ok(await review.claim(hospital, pharmacist, id));
      refused(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: id, decision: 'approve' })), 409, 'EXPIRED');
      ok(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: id, decision: 'return', reasons: ['non-standard.incomplete'], note: '处方已过有效期，请重新开具' })));
    });

    test('the queue puts emergencies first, then alerts the prescriber overrode, then the longest wait', async () => {
      const signedWith = async (extra: Partial<SubmitPayload>) => {
        const encounterId = randomUUID();
        const base = m.submitRx(doctor, patientId, encounterId);
        const { signature: _, prescriber: __, signedAt: ___, ...unsigned } = base.payload as SubmitPayload;
        const rx = { ...base, payload: signAs(doctor, { ...unsigned, ...extra }) } as Mutation;
        await hospital.push(doctor, [m.addEncounter(patientId, encounterId), rx]);
        hospital.clock += 60_000;
        return (rx.payload as { id: string }).id;
      };
      const visit = { kind: 'follow-up' as const, guardianPresent: null, department: 'cardiology' };
      const facts = { weightKg: null, pregnant: null, lactating: null };
      const plain = await signedWith({});
      const overridden = await signedWith({ overrides: [{ code: 'INTERACTION', key: 'INTERACTION:x', reason: '已告知患者并监测', drugs: ['amlodipine'] }] });
      const emergency = await signedWith({ checkedWith: { visit: { ...visit, emergency: true }, patientFacts: facts } });
      const order = (await review.queue(hospital, pharmacist)).body.items.map((i) => i.prescriptionId).filter((id) => [plain, overridden, emergency].includes(id));
      assert.deepEqual(order, [emergency, overridden, plain]);
      const whole = (await review.queue(hospital, pharmacist)).body;
      const firstPage = (await review.queue(hospital, pharmacist, '?limit=1')).body;
      assert.deepEqual([firstPage.items.map((i) => i.prescriptionId), firstPage.counts], [[whole.items[0]!.prescriptionId], whole.counts], 'a page is the most urgent; counts cover the whole queue');
      const filtered = await review.queue(hospital, pharmacist, `?physicianId=${doctor.userId}&department=endocrinology`);
      assert.deepEqual(filtered.body.items, [], 'filters narrow the queue');
    });

    test("the pharmacy lead's figures: turnaround, return and intervention rates by department and reason, as JSON and CSV", async () => {
      const statsOf = async () => (await hospital.request<ReviewStats>('GET', '/review/stats?from=2026-01-15&to=2026-01-15', { token: pharmacist2.token })).body;
      const before = await statsOf();
      const approved = await submitted();
      const returned = await submitted();
      hospital.clock += 20 * 60_000;
      for (const id of [approved, returned]) ok(await review.claim(hospital, pharmacist, id));
      ok(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: approved, decision: 'approve' })));
      ok(await review.decide(hospital, pharmacist, signDecision(pharmacist, {
        prescriptionId: returned, decision: 'intervene', intervention: { recommendation: '建议减量', physicianResponse: 'accepted' },
      })));
      ok(await review.decide(hospital, pharmacist, signDecision(pharmacist, { prescriptionId: returned, decision: 'return', reasons: ['inappropriate.duplicate'], note: '重复用药' })));
      const after = await statsOf();
      const cardiology = (s: ReviewStats) => s.byDepartment.find((d) => d.department === 'cardiology');
      assert.equal(cardiology(after)!.decided - (cardiology(before)?.decided ?? 0), 2);
      assert.equal(cardiology(after)!.returned - (cardiology(before)?.returned ?? 0), 1);
      assert.equal(after.total.interventionsAccepted - before.total.interventionsAccepted, 1);
      const duplicate = (s: ReviewStats) => s.byReason.find((r) => r.code === 'inappropriate.duplicate')?.returns ?? 0;
      assert.equal(duplicate(after) - duplicate(before), 1);

      const csvPath = '/review/stats.csv?from=2026-01-15&to=2026-01-15';
      const csv = await hospital.app.inject({ method: 'GET', url: csvPath, headers: signedHeaders(pharmacist2, 'GET', csvPath, '', hospital.clock) });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const [header, ...lines] = csv.body.split('\r\n');
      assert.equal(header, 'department,decided,approved,returned,return_rate,interventions,intervention_rate,interventions_accepted,median_turnaround_min,p90_turnaround_min');
      assert.ok(lines.some((l) => l.startsWith(`cardiology,${cardiology(after)!.decided},`)));
      assert.ok(lines.includes(`inappropriate.duplicate,重复给药,${duplicate(after)}`));
      refused(await hospital.request('GET', '/review/stats?from=2026-01-16&to=2026-01-15', { token: pharmacist2.token }), 400, 'INVALID_REQUEST');
      refused(await hospital.request('GET', '/review/stats?from=2026-01-15&to=2026-01-15', { token: doctor.token }), 403, 'FORBIDDEN');
    });

    test('a claim replayed with its id is applied once; the id cannot be reused for another request', async () => {
      const id = await submitted();
      const requestId = randomUUID();
      const first = await review.claim(hospital, pharmacist, id, requestId);
      hospital.clock += 60_000;
      const again = await review.claim(hospital, pharmacist, id, requestId);
      ok(first);
      assert.deepEqual(again.body, first.body, 'the same lease, not a renewal');
      refused(await review.claim(hospital, pharmacist, await submitted(), requestId), 409, 'CONFLICT');
    });
  });
}

describe('pharmacist review under contention [postgres]', { skip: dbVariants.find((v) => v.kind === 'postgres')!.skip }, () => {
  test('50 pharmacists claim one prescription at once over loopback: exactly one wins', async () => {
    const hospital = await TestHospital.start('postgres', { patients: 5 });
    try {
      hospital.clock = Date.parse('2026-01-15T02:00:00Z');
      const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      const patientId = (await patientOf(hospital.db, 'cardiology')).id;
      const encounterId = randomUUID();
      const rx = m.submitRx(doctor, patientId, encounterId);
      await hospital.push(doctor, [m.addEncounter(patientId, encounterId), rx]);
      const admin = await hospital.admin();
      const pharmacists: Workstation[] = [];
      for (let i = 0; i < 50; i++) {
        const id = await hospital.createAccount(`reviewer${i}`, ['pharmacist'], 'pharmacy');
        await hospital.request('PUT', `/admin/accounts/${id}/reviewer`, { token: admin.token, body: { reviewer: { title: 'pharmacist', dispensingYears: 3, trainingPassed: true } } });
        pharmacists.push(await hospital.workstation(`reviewer${i}`, `reviewer${i}-password`));
      }
      const address = await hospital.app.listen({ port: 0, host: '127.0.0.1' });
      // Make the race certain: hold the claims table until every connection of the server's pool
      // is inside a claim and waiting, then let them all go at once.
      const blocker = new pg.Client({ connectionString: hospital.testDb.url });
      await blocker.connect();
      await blocker.query('BEGIN; LOCK TABLE review_claims IN ACCESS EXCLUSIVE MODE');
      const racing = Promise.all(pharmacists.map(async (ws) => {
        const body = JSON.stringify({ requestId: randomUUID(), prescriptionId: (rx.payload as { id: string }).id });
        const r = await fetch(`${address}/review/claims`, { method: 'POST', headers: signedHeaders(ws, 'POST', '/review/claims', body, hospital.clock), body });
        return { status: r.status, body: (await r.json()) as { pharmacistId?: string; error?: { code: string } } };
      }));
      for (;;) {
        // Inside a transaction pg_stat_activity is a snapshot taken once: clear it each time.
        await blocker.query('SELECT pg_stat_clear_snapshot()');
        const [{ n }] = (await blocker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows as [{ n: number }];
        if (n >= 10) break; // the server's pool (server/db/postgres.ts) holds 10 connections
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await blocker.query('COMMIT');
      await blocker.end();
      const answers = await racing;
      const winners = answers.filter((a) => a.status === 200);
      assert.equal(winners.length, 1, JSON.stringify(answers.map((a) => a.status)));
      assert.ok(answers.filter((a) => a.status !== 200).every((a) => a.status === 409 && a.body.error?.code === 'CLAIMED'));
      const held = await hospital.db.query<{ pharmacist_id: string }>(`SELECT pharmacist_id FROM review_claims`);
      assert.deepEqual(held, [{ pharmacist_id: winners[0]!.body.pharmacistId }]);
    } finally {
      await hospital.stop();
    }
  });
});
