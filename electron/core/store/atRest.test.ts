import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDataDir, seededCore } from '../testing/fixtures';
import { faceTemplatesTable } from './faceTemplates';

/** Every file the workstation keeps in its data directory, read as raw bytes. */
function rawFilesOf(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name))]));
}

/** The secrets among `secrets` found in any of `files`, with the file they were found in. */
function leaks(files: Map<string, Buffer>, secrets: { label: string; bytes: Buffer }[]): string[] {
  return secrets.flatMap(({ label, bytes }) => [...files].filter(([, content]) => content.includes(bytes)).map(([file]) => `${label} in ${file}`));
}

test('the store file, its WAL and a cached face template hold no plaintext patient name, identifier or template', async () => {
  const core = await seededCore(60);
  const patients = core.db
    .prepare<[], { id: string; name: string; phone: string; id_number_masked: string }>(`SELECT id, name, phone, id_number_masked FROM patients ORDER BY id LIMIT 20`)
    .all();
  // A change after seeding lands in the WAL, not yet in the main file.
  const correctedPhone = '13987654321';
  core.db.prepare(`UPDATE patients SET phone = ? WHERE id = ?`).run(correctedPhone, patients[0]!.id);
  const descriptor = Array.from({ length: 1024 }, (_, i) => Math.sin(i + 0.5));
  faceTemplatesTable(core.db).enroll({
    userId: 'u-doctor', modelId: 'faceres', descriptor, captures: 5, consentVersion: 'v1', enrolledBy: 'u-admin', enrolledAt: '2026-12-02T04:00:00Z',
  });
  const wal = readdirSync(core.dataDir, { recursive: true }).map(String).find((name) => name.endsWith('-wal'));
  assert.ok(wal && statSync(join(core.dataDir, wal)).size > 0, 'the write is in a WAL file that the scan reads');

  const secrets = [
    ...patients.flatMap((p) => [
      { label: `name of ${p.id}`, bytes: Buffer.from(p.name) },
      { label: `masked ID of ${p.id}`, bytes: Buffer.from(p.id_number_masked) },
    ]),
    ...patients.slice(1).map((p) => ({ label: `phone of ${p.id}`, bytes: Buffer.from(p.phone) })),
    { label: 'the corrected phone', bytes: Buffer.from(correctedPhone) },
    { label: 'the face template', bytes: Buffer.from(Float32Array.from(descriptor.slice(0, 16)).buffer) },
  ];
  assert.deepEqual(leaks(rawFilesOf(core.dataDir), secrets), []);

  // The same scan over a plaintext copy of the same tables finds every one of them: it can see a leak.
  const plainDir = freshDataDir('caredesk-plain');
  core.db.exec(`ATTACH DATABASE '${join(plainDir, 'plain.db')}' AS plain KEY ''`);
  core.db.exec(`CREATE TABLE plain.patients AS SELECT * FROM main.patients; CREATE TABLE plain.face_templates AS SELECT * FROM main.face_templates`);
  core.db.exec(`DETACH DATABASE plain`);
  const found = leaks(rawFilesOf(plainDir), secrets);
  assert.equal(found.length, secrets.length, `a plaintext copy shows all ${secrets.length} secrets (found ${found.length})`);
});
