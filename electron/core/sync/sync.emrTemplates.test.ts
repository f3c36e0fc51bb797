import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defaultTemplatesDir } from '../../../common/emr/templateFiles';
import { postgresUrl } from '../../../server/test-support/databases';
import { completeHypertensionFollowUp } from '../emr/emrTestKit';
import { caller } from '../rx/rxTestKit';
import { demo, startClinic } from './testing/clinic';

/**
 * The template feed (issue 11): a template version the admin imports from the console reaches a
 * physician's workstation, a new record there is written in it, and the server validates the
 * record against that version. A bad file or a changed version is refused (TEMPLATE_INVALID) and
 * changes nothing.
 */
const clinics = [
  { kind: 'pglite', clinic: await startClinic('pglite', 20) },
  ...(postgresUrl ? [{ kind: 'postgres', clinic: await startClinic('postgres', 20) }] : []),
] as const;

const shipped = JSON.parse(readFileSync(join(defaultTemplatesDir, 'hypertension-follow-up.json'), 'utf8')) as { url: string; version: string; item: { linkId: string }[] };
/** The hospital's version 2: the shipped one with an optional home blood-pressure note. */
const hospitalVersion = {
  ...shipped,
  version: '2',
  item: [...shipped.item, { linkId: 'home-bp-note', text: '家庭自测血压情况', type: 'string', maxLength: 200 }],
};

for (const { kind, clinic } of clinics) {
  describe(`template feed on ${kind}`, () => {
    test('an imported version reaches the workstation, new records use it, and the server validates them against it', async () => {
      const desk = await clinic.workstation(demo.admin);
      const admin = caller(desk.core, desk.connection);
      const heldBefore = async () => Number((await clinic.hospital.db.query<{ n: number }>(`SELECT count(*) AS n FROM emr_templates`))[0]!.n);

      assert.equal(await admin.code('admin:templates:import', { fileName: 'htn.json', content: '{ not json' }), 'INVALID_FILE');
      assert.equal(await admin.code('admin:templates:import', { fileName: 'htn.json', content: JSON.stringify({ resourceType: 'Patient' }) }), 'TEMPLATE_INVALID');
      const broken = { ...hospitalVersion, version: '3', item: [{ linkId: 'x', type: 'attachment', text: '附件' }] };
      assert.equal(await admin.code('admin:templates:import', { fileName: 'htn.json', content: JSON.stringify(broken) }), 'TEMPLATE_INVALID', 'an item type CareDesk does not render');
      const sameVersionChanged = { ...shipped, item: shipped.item.slice(1) };
      assert.equal(await admin.code('admin:templates:import', { fileName: 'htn.json', content: JSON.stringify(sameVersionChanged) }), 'TEMPLATE_INVALID', 'a shipped version never changes');
      assert.equal(await heldBefore(), 0, 'nothing kept from the refused files');

      const summary = await admin.ok('admin:templates:import', { fileName: 'htn-v2.json', content: JSON.stringify(hospitalVersion) });
      assert.deepEqual(summary, { imported: [{ resourceType: 'Questionnaire', url: shipped.url, version: '2' }], unchanged: 0 });
      const again = await admin.ok('admin:templates:import', { fileName: 'htn-v2.json', content: JSON.stringify(hospitalVersion) });
      assert.deepEqual(again, { imported: [], unchanged: 1 }, 'importing the same version again changes nothing');
      const [action] = await clinic.hospital.db.query<{ action: string }>(`SELECT action FROM admin_actions WHERE action = 'template.import' ORDER BY seq LIMIT 1`);
      assert.equal(action?.action, 'template.import', 'the import is recorded with its admin');

      const ws = await clinic.workstation(demo.doctor);
      const doc = caller(ws.core, ws.connection);
      const { resources } = await doc.ok('emr:templates', {});
      assert.ok(resources.some((r) => r.url === shipped.url && r.version === '2'), 'the hospital version arrived by sync');
      const { patients } = await doc.ok('patients:search', { query: '', limit: 1 });
      const draft = await doc.ok('emr:draft:start', { patientId: patients[0]!.id, templateUrl: shipped.url });
      assert.equal(draft.templateVersion, '2', "a new record uses the hospital's newest version");
      await doc.ok('emr:draft:save', { draftId: draft.id, answers: { ...completeHypertensionFollowUp, 'home-bp-note': ['早晚各测一次，均在 140/90 左右'] } });
      const record = await doc.ok('emr:sign', { draftId: draft.id, password: demo.doctor.password });
      await ws.sync();
      const [onServer] = await clinic.hospital.db.query<{ template_version: string }>(`SELECT template_version FROM emr_records WHERE id = $1`, [record.id]);
      assert.equal(onServer?.template_version, '2', 'accepted by the server, validated against version 2');
      assert.equal(ws.query(`SELECT 1 FROM outbox`).length, 0, 'nothing held back');
    });
  });
}
