import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { amoxicillinRashBefore } from '../../../shared/adr/adrTestKit';
import { AdrReportFields } from '../../../shared/adr/report';
import { adrReportJson } from '../../../shared/sync/adrWire';
import type { Mutation } from '../../../shared/sync/wire';
import { postgresUrl } from '../../../server/test-support/databases';
import { signedHeaders } from '../../../server/test-support/hospital';
import { caller } from '../rx/rxTestKit';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

/**
 * Adverse drug reaction reports through the real server and the real sync engine (issue 13):
 * recorded offline on one workstation, kept once on the server when the link returns, shown on a
 * second, and in the admin's CSV in the national form's fields; a follow-up links to the report it
 * corrects; bad reports are refused with their codes and leave nothing anywhere; no allergy
 * appears from a report. On PostgreSQL as well as PGlite.
 */
const clinics = [
  { kind: 'pglite', clinic: await startClinic('pglite', 30) },
  ...(postgresUrl ? [{ kind: 'postgres', clinic: await startClinic('postgres', 30) }] : []),
] as const;

async function patientAt(ws: TestWorkstation, skip: number): Promise<string> {
  const { patients } = await caller(ws.core, ws.connection).ok('patients:search', { query: '', limit: skip + 1 });
  const patient = patients[skip];
  assert.ok(patient, 'the doctor has patients in scope');
  return patient.id;
}

for (const { kind, clinic } of clinics) {
  const today = () => new Date(clinic.hospital.clock).toISOString().slice(0, 10);
  const report = (): AdrReportFields => amoxicillinRashBefore(today());
  const serverRows = async (patientId: string) =>
    clinic.hospital.db.query<{ id: string; report: string; previous_id: string | null; reporter_role: string }>(
      `SELECT id, report, previous_id, reporter_role FROM adr_reports WHERE patient_id = $1 ORDER BY recorded_at, id`, [patientId],
    );
  const count = (ws: TestWorkstation, sql: string, ...params: unknown[]) => ws.query<{ n: number }>(sql, ...params)[0]!.n;
  const exportCsv = async (path = '/admin/adr/reports.csv') => {
    const admin = await clinic.hospital.admin();
    const answer = await clinic.hospital.app.inject({ method: 'GET', url: path, headers: signedHeaders(admin, 'GET', path, '', clinic.hospital.clock) });
    return { status: answer.statusCode, type: String(answer.headers['content-type']), body: answer.body };
  };

  describe(`ADR reports on ${kind}`, () => {
    test('recorded offline on A, kept once on the server when the link returns, shown on B and in the export', async () => {
      const a = await clinic.workstation(demo.doctor);
      const b = await clinic.workstation(demo.doctor);
      const patientId = await patientAt(a, 0);
      const allergiesBefore = count(a, `SELECT count(*) AS n FROM allergies WHERE patient_id = ?`, patientId);

      a.link.setOnline(false);
      const { reportId } = await caller(a.core, a.connection).ok('adr:record', { patientId, report: report() });
      await a.sync();
      const [mine] = (await caller(a.core, a.connection).ok('adr:list', { patientId })).reports;
      assert.equal(mine?.id, reportId, 'visible in the chart at once');
      assert.equal(mine?.recordedAt, null, 'not yet received by the server');
      assert.equal((await serverRows(patientId)).length, 0, 'still waiting in the outbox');

      a.link.setOnline(true);
      await a.sync();
      await a.sync(); // a second round sends nothing again
      await b.sync();

      const kept = await serverRows(patientId);
      assert.deepEqual(kept.map((r) => r.id), [reportId], 'exactly once on the server');
      assert.equal(kept[0]!.report, adrReportJson(report()));
      assert.equal(kept[0]!.reporter_role, 'physician');
      const feedCopies = await clinic.hospital.db.query(`SELECT 1 FROM changes WHERE table_name = 'adr_reports' AND row_id = $1 AND audience IS NULL`, [reportId]);
      assert.equal(feedCopies.length, 1, 'one change in the feed');
      assert.equal(count(a, `SELECT count(*) AS n FROM outbox`), 0);

      const onB = (await caller(b.core, b.connection).ok('adr:list', { patientId })).reports;
      assert.deepEqual(onB.map((r) => [r.id, r.report.term, r.reporterRole]), [[reportId, '皮疹', 'physician']], 'the second workstation shows it');
      assert.ok(onB[0]!.recordedAt, 'with the server\'s receipt time');
      assert.deepEqual(onB[0]!.report, report());

      for (const ws of [a, b]) assert.equal(count(ws, `SELECT count(*) AS n FROM allergies WHERE patient_id = ?`, patientId), allergiesBefore, 'no allergy from a report');
      const serverAllergies = await clinic.hospital.db.query(`SELECT 1 FROM allergies WHERE patient_id = $1 AND recorded_by IS NOT NULL`, [patientId]);
      assert.equal(serverAllergies.length, 0, 'no allergy on the server either');

      const csv = await exportCsv();
      assert.equal(csv.status, 200);
      assert.match(csv.type, /^text\/csv/);
      const lines = csv.body.split('\r\n').filter((l) => l.includes(reportId));
      assert.equal(lines.length, 1, 'one line for its one drug');
      assert.match(lines[0]!, /"首次报告".*"一般".*"怀疑".*"amoxicillin".*"皮疹".*"好转"/);
      const [audited] = await clinic.hospital.db.query<{ detail: { ids: string[] } }>(
        `SELECT detail FROM admin_actions WHERE action = 'adr.export' ORDER BY seq DESC LIMIT 1`,
      );
      assert.ok(audited?.detail.ids.includes(reportId), 'the export is audited with what it held');
    });

    test('a follow-up report on B names the one it corrects, and A shows the link', async () => {
      const a = await clinic.workstation(demo.doctor);
      const b = await clinic.workstation(demo.doctor);
      const patientId = await patientAt(a, 1);
      const first = await caller(a.core, a.connection).ok('adr:record', { patientId, report: report() });
      await a.sync();
      await b.sync();
      const worse: AdrReportFields = { ...report(), outcome: 'not-recovered', serious: true, seriousCriteria: ['hospitalisation'] };
      const follow = await caller(b.core, b.connection).ok('adr:record', { patientId, previousId: first.reportId, correctionReason: 'admitted for the rash', report: worse });
      await b.sync();
      await a.sync();
      const onA = (await caller(a.core, a.connection).ok('adr:list', { patientId })).reports;
      assert.deepEqual(onA.find((r) => r.id === first.reportId)?.correctedBy, [follow.reportId]);
      assert.equal(onA.find((r) => r.id === follow.reportId)?.previousId, first.reportId);
      const kept = await serverRows(patientId);
      assert.equal(kept.find((r) => r.id === follow.reportId)?.previous_id, first.reportId);
      assert.equal(AdrReportFields.parse(JSON.parse(kept.find((r) => r.id === first.reportId)!.report)).outcome, 'improving', 'the first report stays as reported');

      const csv = await exportCsv(`/admin/adr/reports.csv?from=${today()}&to=${today()}`);
      assert.match(csv.body.split('\r\n').find((l) => l.includes(follow.reportId)) ?? '', new RegExp(`"跟踪报告","${first.reportId}".*"严重".*"导致住院或者住院时间延长"`));
      await assert.rejects(clinic.hospital.db.query(`UPDATE adr_reports SET report = '{}' WHERE id = $1`, [first.reportId]), /never changed or deleted/);
    });

    test('bad reports are refused with their own codes, and nothing is written anywhere', async () => {
      const a = await clinic.workstation(demo.doctor);
      const patientId = await patientAt(a, 2);
      const other = await patientAt(a, 3);
      const doc = caller(a.core, a.connection);
      const outboxBefore = count(a, `SELECT count(*) AS n FROM outbox`);
      const auditBefore = count(a, `SELECT count(*) AS n FROM audit_log`);
      const codes = [
        await doc.code('adr:record', { patientId, report: { ...report(), serious: true } }),
        await doc.code('adr:record', { patientId, report: { ...report(), onsetOn: '2999-01-01' } }),
        await doc.code('adr:record', { patientId, report: { ...report(), drugs: report().drugs.map((d) => ({ ...d, role: 'concomitant' })) } }),
        await doc.code('adr:record', { patientId, report: { ...report(), reaction: '' } }),
        await doc.code('adr:record', { patientId, previousId: randomUUID(), correctionReason: 'typo', report: report() }),
        await doc.code('adr:record', { patientId: other, previousId: null, report: report(), extra: true }),
      ];
      assert.deepEqual(codes, ['ADR_SERIOUS_CRITERIA_MISMATCH', 'ADR_ONSET_AFTER_REPORT', 'ADR_NO_SUSPECTED_DRUG', 'INVALID_REQUEST', 'ADR_CORRECTION_UNKNOWN', 'INVALID_REQUEST']);
      assert.equal(count(a, `SELECT count(*) AS n FROM adr_reports WHERE patient_id IN (?, ?)`, patientId, other), 0);
      assert.equal(count(a, `SELECT count(*) AS n FROM outbox`), outboxBefore);
      assert.equal(count(a, `SELECT count(*) AS n FROM audit_log`), auditBefore);

      // Straight at the server: a mutation breaking a rule fails the push whole; a follow-up of
      // another patient's report is refused; neither leaves a row.
      const ws = await clinic.hospital.workstation(demo.doctor.account, demo.doctor.password, 'raw-ws');
      const mutation = (payload: Partial<Extract<Mutation, { kind: 'adr.report.record' }>['payload']>): Mutation => ({
        mutationId: randomUUID(), kind: 'adr.report.record', clientTime: new Date(clinic.hospital.clock).toISOString(),
        payload: { id: randomUUID(), patientId, previousId: null, correctionReason: null, reportedOn: today(), report: report(), ...payload },
      });
      const broken = mutation({ report: { ...report(), outcome: 'death' } });
      const refused = await clinic.hospital.push(ws, [broken]);
      assert.equal(refused.status, 400);
      const first = mutation({ patientId: other });
      assert.equal((await clinic.hospital.push(ws, [first])).status, 200);
      const crossed = await clinic.hospital.push(ws, [mutation({ previousId: (first.payload as { id: string }).id, correctionReason: 'wrong patient' })]);
      assert.deepEqual(crossed.body.results.map((r) => 'reason' in r && r.reason), ['INVALID']);
      assert.equal((await serverRows(patientId)).length, 0);
      const replay = await clinic.hospital.push(ws, [{ ...first, mutationId: randomUUID() }]);
      assert.deepEqual(replay.body.results.map((r) => r.status), ['applied'], 'the same report resent under a new mutation id converges');
      assert.equal((await serverRows(other)).length, 1);
      const taken = await clinic.hospital.push(ws, [{ ...first, mutationId: randomUUID(), payload: { ...(first.payload as object), reportedOn: today(), report: { ...report(), term: '荨麻疹' } } } as Mutation]);
      assert.deepEqual(taken.body.results.map((r) => 'reason' in r && r.reason), ['ID_TAKEN'], 'an id never takes other content');
    });

    test('only an admin exports, and a bad range is refused', async () => {
      const doctor = await clinic.hospital.workstation(demo.doctor.account, demo.doctor.password, 'doctor-csv');
      const path = '/admin/adr/reports.csv';
      const asDoctor = await clinic.hospital.app.inject({ method: 'GET', url: path, headers: signedHeaders(doctor, 'GET', path, '', clinic.hospital.clock) });
      assert.equal(asDoctor.statusCode, 403);
      assert.equal((await exportCsv(`${path}?from=2026-12-02&to=2026-12-01`)).status, 400);
      assert.equal((await exportCsv(`${path}?from=yesterday`)).status, 400);
    });
  });
}
