import type { Database, Queryable } from '../db/types';
import { createAccount } from '../auth/accounts';
import { hashPassword } from '../../common/auth/password';
import { appendChanges, serverMeta } from '../feed/append';
import { generateDemoPatients, type DemoOptions, type DemoPatientRows } from '../../shared/demo/generate';
import { demoUsers } from '../../shared/demo/users';
import { importFormulary } from '../rx/formulary';
import demoHospitalFormulary from './hospital-formulary.json' with { type: 'json' };

/**
 * Fills an empty hospital with the demo accounts, the demo hospital formulary and `patientCount`
 * demo patients. Rows go through
 * appendChanges like every other write, so each gets a feed seq and workstations pull them. The
 * seed is server-made (no mutation id, no device): it never appears in any outbox.
 * Returns false (and writes nothing) if the database already has users or patients.
 */
export async function seedDemoHospital(
  db: Database,
  patientCount: number,
  options: DemoOptions & { hashParams?: Parameters<typeof hashPassword>[1]; chunk?: number } = {},
): Promise<boolean> {
  const [counts] = await db.query<{ n: number }>(`SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM patients) AS n`);
  if ((counts?.n ?? 0) > 0) return false;
  const hashes = await Promise.all(demoUsers.map((user) => hashPassword(user.password, options.hashParams)));
  const adminId = await db.transaction(async (tx) => {
    const ids = [];
    for (const [i, { password: _, ...user }] of demoUsers.entries()) ids.push(await createAccount(tx, { ...user, passwordHash: hashes[i]! }));
    return ids[demoUsers.findIndex((u) => u.roles.includes('admin'))]!;
  });
  await importFormulary(db, demoHospitalFormulary, adminId, new Date());
  const chunk = options.chunk ?? 500;
  let rows: DemoPatientRows[] = [];
  for (const patient of generateDemoPatients(patientCount, options)) {
    rows.push(patient);
    if (rows.length === chunk) {
      const batch = rows;
      await db.transaction((tx) => writeChunk(tx, batch));
      rows = [];
    }
  }
  if (rows.length > 0) await db.transaction((tx) => writeChunk(tx, rows));
  return true;
}

type Table = 'patients' | 'encounters' | 'diagnoses' | 'allergies' | 'prescriptions' | 'labs';

/** One statement per table for a chunk of patients: JSON in, rows out, parameters bound. */
async function writeChunk(tx: Queryable, chunk: readonly DemoPatientRows[]): Promise<void> {
  const tables: [Table, object[]][] = [
    ['patients', chunk.map((r) => r.patient)],
    ['encounters', chunk.flatMap((r) => r.encounters)],
    ['diagnoses', chunk.flatMap((r) => r.diagnoses)],
    ['allergies', chunk.flatMap((r) => r.allergies)],
    ['prescriptions', chunk.flatMap((r) => r.prescriptions)],
    ['labs', chunk.flatMap((r) => r.labs)],
  ];
  for (const [table, rows] of tables) {
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]!).join(', ');
    await tx.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
  }
  // Feed entries after all rows (counter last), parents before children.
  for (const [table, rows] of tables) {
    if (rows.length > 0) await appendChanges(tx, table, rows.map((r) => (r as { id: string }).id), serverMeta);
  }
}
