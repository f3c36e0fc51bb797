/**
 * An admin's settings change of several keys is one change (issue 12): one transaction on the
 * server, so a key that fails leaves the earlier ones unwritten, and one group in the feed, which
 * a pull never splits across pages. Real databases (PGlite; PostgreSQL when CAREDESK_TEST_DATABASE_URL is set).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HospitalSettingsView } from '../../shared/admin/hospitalSettings';
import type { PullResponse } from '../../shared/sync/wire';
import { dbVariants } from '../test-support/databases';
import { demo, TestHospital, type Workstation } from '../test-support/hospital';

for (const { kind, skip } of dbVariants) {
  describe(`settings changed as one [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let admin: Workstation;
    let doctor: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 2 });
      admin = await hospital.admin();
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
    });
    after(() => hospital.stop());

    /** Everything a change could have touched: the settings, their feed rows, the admin's trail. */
    const footprint = async () => ({
      settings: (await hospital.request<HospitalSettingsView>('GET', '/admin/settings', { token: admin.token })).body,
      feed: (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE table_name = 'hospital_settings'`))[0]!.n,
      actions: (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM admin_actions WHERE action = 'setting.change'`))[0]!.n,
    });
    const change = (changes: unknown[]) => hospital.request<HospitalSettingsView & { error?: { code: string; message: string } }>('PUT', '/admin/settings', { token: admin.token, body: { changes } });

    test('a second key that fails inside the transaction leaves the first unwritten: nothing changed', async () => {
      const before = await footprint();
      // The retention is valid and written first; the review change then fails its own rule (amber before red).
      const refused = await change([{ key: 'audit', value: { clinicalRecordYears: 20, processRecordYears: 5 } }, { key: 'review', value: { amberMs: 5 * 60 * 60_000 } }]);
      assert.equal(refused.status, 400);
      assert.deepEqual([refused.body.error?.code, refused.body.error?.message], ['INVALID_REQUEST', 'the amber wait must be shorter than the red one']);
      assert.deepEqual(await footprint(), before);

      const invalid = await change([{ key: 'review', value: { leaseMs: 5 * 60_000 } }, { key: 'face', value: { threshold: 'high' } }]);
      assert.equal(invalid.status, 400);
      assert.deepEqual(await footprint(), before, 'a second key that fails validation: nothing either');
      assert.equal((await change([{ key: 'review', value: { leaseMs: 5 * 60_000 } }, { key: 'review', value: { leaseMs: 6 * 60_000 } }])).status, 400, 'a key twice is refused');
    });

    test('both keys are applied together, each recorded, and a pull hands them to a workstation in one page', async () => {
      const first = await hospital.request<PullResponse>('GET', '/sync/pull?cursor=0&limit=1000&tables=hospital_settings', { token: doctor.token });
      const { scopeEpoch, nextCursor: start } = first.body;
      // One single-key change, then the two-key one: a page of 2 would end inside the second.
      assert.equal((await hospital.request('PUT', '/admin/settings/review', { token: admin.token, body: { leaseMs: 7 * 60_000 } })).status, 200);
      const done = await change([{ key: 'review', value: { leaseMs: 5 * 60_000 } }, { key: 'audit', value: { clinicalRecordYears: 30, processRecordYears: 4 } }]);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual([done.body.review.value.leaseMs, done.body.audit.value], [5 * 60_000, { clinicalRecordYears: 30, processRecordYears: 4 }]);
      const recorded = await hospital.db.query<{ subject: string }>(`SELECT subject FROM admin_actions WHERE action = 'setting.change' ORDER BY seq DESC LIMIT 2`);
      assert.deepEqual(recorded.map((r) => r.subject).sort(), ['setting:audit', 'setting:review']);

      const pull = (cursor: number) => hospital.request<PullResponse>('GET', `/sync/pull?cursor=${cursor}&limit=2&tables=hospital_settings&scopeEpoch=${scopeEpoch}`, { token: doctor.token });
      const page1 = (await pull(start)).body;
      assert.deepEqual([page1.changes.length, page1.hasMore], [1, true], 'the page ends before the group rather than inside it');
      const page2 = (await pull(page1.nextCursor)).body;
      assert.deepEqual(page2.changes.map((c) => (c.row as { id: string }).id).sort(), ['audit', 'review'], 'the two keys come together');
      assert.equal(page2.hasMore, false);
    });
  });
}
