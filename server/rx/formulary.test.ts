import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { drugRecordOf, findDrug, searchFormulary } from '../../shared/rx';
import { FormularyRow } from '../../shared/sync/rows';
import { dbVariants } from '../test-support/databases';
import { openDatabase } from '../db/open';
import { seedDemoHospital } from '../demo/seed';
import { demo, TestHospital, testHashParams, type Workstation } from '../test-support/hospital';
import { compileWithHospital, hospitalFormularyEntries, shippedKnowledgeFiles } from './knowledge';

/** The shipped record of `code`, as a hospital would start its own from it. */
function shippedRecord(code: string): Record<string, unknown> {
  const record = drugRecordOf(shippedKnowledgeFiles(), code);
  if (!record) throw new Error(`no shipped record for ${code}`);
  return record;
}

/** Amlodipine as a hospital that stocks only the 5 mg tablet and caps the day at 5 mg (its own policy). */
function hospitalAmlodipine() {
  const record = shippedRecord('amlodipine') as { forms: { strengths: unknown[]; doses: { maxSingle: unknown; maxDaily: unknown }[] }[]; sources: string[] };
  record.forms[0]!.strengths = [{ value: 5, unit: 'mg' }];
  record.forms[0]!.doses[0]!.maxSingle = { value: 5, unit: 'mg' };
  record.forms[0]!.doses[0]!.maxDaily = { value: 5, unit: 'mg' };
  record.sources = [...record.sources, 'Test hospital P&T committee decision (test fixture)'];
  return record;
}

const errorOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;

for (const { kind, skip } of dbVariants) {
  describe(`hospital formulary [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let admin: Workstation;
    let doctor: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 4 });
      admin = await hospital.admin();
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
    });
    after(() => hospital.stop());

    const put = (body: unknown, token = admin.token) => hospital.request<Record<string, unknown>>('PUT', '/admin/formulary', { token, body });
    const feedRows = async () =>
      (await hospital.pullAll(doctor)).changes.filter((c) => c.table === 'formulary').map((c) => FormularyRow.parse(c.row));

    test('the demo hospital lists bilastine and withdrew glibenclamide; every device receives both', async () => {
      const rows = await feedRows();
      assert.deepEqual(rows.map((r) => [r.id, r.status]).sort(), [['bilastine', 'listed'], ['glibenclamide', 'withdrawn']]);
      const knowledge = compileWithHospital(await hospitalFormularyEntries(hospital.db));
      assert.equal(findDrug(knowledge, 'Bilaxten')?.code, 'bilastine');
      assert.match(knowledge.withdrawn.get('glibenclamide') ?? '', /格列齐特/);
      assert.deepEqual(searchFormulary(knowledge.search, 'glibenclamide'), [], 'a withdrawn drug is not offered');
    });

    test('an import replaces a shipped record, changes only what differs, and a replay changes nothing', async () => {
      const file = { drugs: [hospitalAmlodipine()], withdrawn: [{ code: 'glibenclamide', reason: '本院不再采购，请改用格列齐特或格列美脲 (demo)' }] };
      const first = await put(file);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual(first.body, { changed: ['amlodipine'], unchanged: 1, listed: 2, withdrawn: 1 });
      const rows = await feedRows();
      const amlodipine = rows.filter((r) => r.id === 'amlodipine');
      assert.equal(amlodipine.length, 1);
      assert.equal(amlodipine[0]!.version, 1);
      const knowledge = compileWithHospital(await hospitalFormularyEntries(hospital.db));
      assert.deepEqual(findDrug(knowledge, 'amlodipine')?.forms[0]?.doses[0]?.maxDaily, { value: 5, unit: 'mg' });

      const [before] = await hospital.db.query<{ n: number }>(`SELECT max(seq) AS n FROM changes`);
      assert.deepEqual((await put(file)).body, { changed: [], unchanged: 2, listed: 2, withdrawn: 1 });
      const [afterReplay] = await hospital.db.query<{ n: number }>(`SELECT max(seq) AS n FROM changes`);
      assert.equal(afterReplay!.n, before!.n, 'an unchanged import adds nothing to the feed');
    });

    test('withdrawing a replaced drug keeps its hospital record; listing it again comes back as a new version', async () => {
      assert.deepEqual((await put({ withdrawn: [{ code: 'amlodipine', reason: 'shortage' }] })).body, { changed: ['amlodipine'], unchanged: 0, listed: 1, withdrawn: 2 });
      const entries = await hospitalFormularyEntries(hospital.db);
      const amlodipine = entries.find((e) => e.code === 'amlodipine');
      assert.equal(amlodipine?.status, 'withdrawn');
      assert.notEqual(amlodipine?.drug, null);
      assert.equal((await put({ drugs: [hospitalAmlodipine()] })).status, 200);
      const [row] = await hospital.db.query<{ version: number; status: string }>(`SELECT version, status FROM formulary WHERE id = 'amlodipine'`);
      assert.deepEqual(row, { version: 3, status: 'listed' });
    });

    test('a file that does not fit is refused with the reason, and nothing is written', async () => {
      const [before] = await hospital.db.query<{ n: number; v: number }>(`SELECT (SELECT max(seq) FROM changes) AS n, (SELECT sum(version) FROM formulary) AS v`);
      const bilastine = (await hospitalFormularyEntries(hospital.db)).find((e) => e.code === 'bilastine')?.drug as Record<string, unknown>;
      const cases: [unknown, RegExp][] = [
        [{ drugs: [{ ...hospitalAmlodipine(), atc: 'nope' }] }, /drug amlodipine: atc: expected an ATC code/],
        [{ drugs: [{ ...bilastine, code: 'bilastine-20', synonyms: ['amlodipine'] }] }, /name "amlodipine" is also a name of amlodipine/],
        [{ withdrawn: [{ code: 'unobtainium', reason: 'x' }] }, /withdrawn drug "unobtainium" is not in the formulary/],
        [{ withdrawn: [{ code: 'amlodipine', reason: '' }] }, /withdrawn\.0\.reason/],
        [{ drugs: [hospitalAmlodipine()], withdrawn: [{ code: 'amlodipine', reason: 'x' }] }, /both listed and withdrawn/],
        [{ drugs: [hospitalAmlodipine(), hospitalAmlodipine()] }, /listed twice/],
        [{ drug: [] }, /Unrecognized key/],
      ];
      for (const [body, message] of cases) {
        const answer = await put(body);
        assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
        assert.match(errorOf(answer.body).message, message);
      }
      const [afterBad] = await hospital.db.query<{ n: number; v: number }>(`SELECT (SELECT max(seq) FROM changes) AS n, (SELECT sum(version) FROM formulary) AS v`);
      assert.deepEqual(afterBad, before);
    });

    test('only an admin may read or import it', async () => {
      assert.equal((await put({ drugs: [] }, doctor.token)).status, 403);
      assert.equal((await put({ drugs: [] }, 'not-a-token')).status, 401);
      assert.equal((await hospital.request('GET', '/admin/formulary', { token: doctor.token })).status, 403);
      const list = await hospital.request<{ entries: { code: string; status: string; hospitalRecord: boolean }[] }>('GET', '/admin/formulary', { token: admin.token });
      assert.deepEqual(list.body.entries.map((e) => [e.code, e.status, e.hospitalRecord]), [['amlodipine', 'listed', true], ['bilastine', 'listed', true], ['glibenclamide', 'withdrawn', false]]);
    });
  });
}

test('caredesk server import-formulary imports a file as a named admin, and refuses anyone else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-formulary-cli-'));
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', 'server', ...args], { encoding: 'utf8' }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  try {
    const data = join(dir, 'db');
    const file = join(dir, 'formulary.json');
    writeFileSync(file, JSON.stringify({ drugs: [hospitalAmlodipine()] }));
    assert.equal((await run('import-formulary', file, '--as', 'admin', '--data-dir', data)).code, 2, 'no admin account exists yet');
    const db = await openDatabase({ dataDir: data });
    await seedDemoHospital(db, 1, { hashParams: testHashParams });
    await db.close();
    const refused = await run('import-formulary', file, '--as', 'doctor', '--data-dir', data);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /doctor is not an active admin account/);
    const imported = await run('import-formulary', file, '--as', 'admin', '--data-dir', data);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /1 changed, 0 unchanged; 2 listed, 1 withdrawn/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
