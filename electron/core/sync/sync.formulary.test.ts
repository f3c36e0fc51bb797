import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drugRecordOf } from '../../../shared/rx';
import { loadRxKnowledgeFiles } from '../rx/loadKnowledge';
import { caller, item, patientWith } from '../rx/rxTestKit';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

/** The demo hospital's formulary lists bilastine (not shipped) and withdrew glibenclamide (shipped). */
const clinic = await startClinic('pglite', 40);

async function alertsFor(ws: TestWorkstation, drug: string, dose: number) {
  const doc = caller(ws.core, ws.connection);
  const patient = patientWith(ws.core, 'E11');
  const visit = await doc.ok('rx:visit:open', { patientId: patient.id });
  const draft = visit.drafts[0]!;
  const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [item(drug, dose, 'mg', 'qd', 7, patient.icd10)] } });
  await doc.ok('rx:draft:discard', { draftId: draft.id });
  return saved.check.alerts.filter((a) => a.code === 'UNKNOWN_DRUG').map((a) => a.message);
}

const searchCodes = async (ws: TestWorkstation, query: string) =>
  (await caller(ws.core, ws.connection).ok('rx:search', { query, limit: 12 })).hits.map((h) => h.drug.code);

test("the hospital's formulary reaches the workstation with the first sync, and its list wins", async () => {
  const ws = await clinic.workstation(demo.doctor2);
  await ws.sync();
  assert.deepEqual(await searchCodes(ws, 'blst'), ['bilastine'], 'a drug only the hospital lists is offered');
  assert.deepEqual(await searchCodes(ws, 'glibenclamide'), [], 'a withdrawn drug is not offered');
  const [message, ...more] = await alertsFor(ws, 'glibenclamide', 2.5);
  assert.equal(more.length, 0);
  assert.match(message ?? '', /本院处方集撤出.*格列齐特/, 'the block names the hospital and its reason');
  assert.deepEqual(await alertsFor(ws, 'bilastine', 20), []);

  // The hospital lists it again: the next pull lifts the block, without a restart.
  const admin = await clinic.hospital.admin();
  const relisted = await clinic.hospital.request('PUT', '/admin/formulary', { token: admin.token, body: { drugs: [drugRecordOf(loadRxKnowledgeFiles(), 'glibenclamide')] } });
  assert.equal(relisted.status, 200, JSON.stringify(relisted.body));
  await ws.sync();
  assert.deepEqual(await alertsFor(ws, 'glibenclamide', 2.5), []);
  assert.deepEqual(await searchCodes(ws, 'glibenclamide'), ['glibenclamide']);
});

test('offline, the workstation keeps checking against the hospital formulary it last pulled', async () => {
  const ws = await clinic.workstation(demo.doctor2);
  await ws.sync();
  ws.link.setOnline(false);
  await ws.sync();
  assert.deepEqual(await searchCodes(ws, 'bilastine'), ['bilastine']);
});
