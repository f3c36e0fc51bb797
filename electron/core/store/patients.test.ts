import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededCore } from '../testing/fixtures';
import { readOnly } from './database';
import { patientsTable } from './patients';

const core = await seededCore(2000);
const patients = patientsTable(readOnly(core.db));
const someone = core.db
  .prepare<[], { id: string; name: string; name_initials: string; name_pinyin_compact: string; phone: string }>(
    'SELECT id, name, name_initials, name_pinyin_compact, phone FROM patients ORDER BY id LIMIT 1',
  )
  .get()!;

test('pinyin initials find the patient, case-insensitively', () => {
  for (const query of [someone.name_initials, someone.name_initials.toUpperCase()]) {
    const { patients: found } = patients.search(query, 200);
    assert.ok(found.some((p) => p.id === someone.id), `"${query}" finds ${someone.name}`);
    const initials = (pinyin: string) => pinyin.split(' ').map((syllable) => syllable[0]).join('');
    const matches = (pinyin: string) =>
      initials(pinyin).startsWith(someone.name_initials) || pinyin.replace(/ /g, '').startsWith(someone.name_initials);
    assert.ok(found.every((p) => matches(p.namePinyin)), 'every hit matches by initials or spelled pinyin');
  }
});

test('full pinyin, the Chinese name and the phone number find the patient', () => {
  for (const query of [someone.name_pinyin_compact, someone.name, someone.phone]) {
    assert.ok(patients.search(query, 200).patients.some((p) => p.id === someone.id), `"${query}" finds the patient`);
  }
});

test('a search that matches more than the limit says there is more', () => {
  const { patients: found, more } = patients.search('', 10);
  assert.equal(found.length, 10);
  assert.equal(more, true);
});

test('SQL metacharacters are plain text: they match nothing and change nothing', () => {
  const count = () => core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM patients').get()!.n;
  const before = count();
  for (const query of ["'; DROP TABLE patients; --", '%', '_', "' OR 1=1 --", '\\']) {
    assert.deepEqual(patients.search(query, 50).patients, [], query);
  }
  assert.equal(count(), before);
});

test('every search walks an index, never the whole table', () => {
  const plans = [
    ['name_initials >= ? AND name_initials < ? ORDER BY name_initials, name_pinyin_compact', 'patients_by_initials'],
    ['name_pinyin_compact >= ? AND name_pinyin_compact < ? ORDER BY name_pinyin_compact', 'patients_by_pinyin'],
    ['name >= ? AND name < ? ORDER BY name', 'patients_by_name'],
    ['phone >= ? AND phone < ? ORDER BY phone', 'patients_by_phone'],
  ] as const;
  for (const [where, index] of plans) {
    const plan = core.db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM patients WHERE ${where} LIMIT 50`)
      .all('a', 'b') as { detail: string }[];
    const details = plan.map((row) => row.detail).join(' | ');
    assert.match(details, new RegExp(`USING (COVERING )?INDEX ${index}`), details);
    assert.doesNotMatch(details, /TEMP B-TREE/, `${index}: no sort step`);
  }
});

test('a summary holds the history seeded for the patient, newest first', () => {
  const summary = patients.summary(someone.id)!;
  assert.equal(summary.patient.name, someone.name);
  assert.ok(summary.encounters.length >= 1);
  assert.equal(summary.encounters.at(-1)!.kind, 'first-visit');
  const dates = summary.encounters.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.ok(summary.diagnoses.some((d) => d.setting === 'in-person'));
  assert.equal(patients.summary('no-such-patient'), null);
});
