import { generateDemoPatients, type DemoOptions, type DemoPatientRows } from '../../../shared/demo/generate';
import { demoUsers } from '../../../shared/demo/users';
import { makeOfflineVerifier } from '../../../common/auth/offlineVerifier';
import { deviceIdentity } from '../device/deviceIdentity';
import { emrRecordsTable } from './emrRecords';
import { offlineVerifiersTable } from './offlineVerifiers';
import type { Db } from './database';
import { usersTable } from './users';

/**
 * Writes demo accounts and patients straight into the local store, in one transaction. Seeded rows
 * are not changes anyone made, so they never enter the sync outbox.
 *
 * A seeded store has no hospital server to sign in with, so the seed writes this device's offline
 * verifiers for the demo accounts as if each had signed in here online (issue 8, item 9), the
 * admin's too only because there is no server to ask. Connected to a server later, the first
 * round deletes every verifier the server does not name (sync/offlineVerifierRefresh.ts).
 */
export async function seedLocalStore(db: Db, patientCount: number, options: DemoOptions = {}): Promise<void> {
  const { localId } = deviceIdentity(db);
  const verifiers = await Promise.all(demoUsers.map((user) => makeOfflineVerifier({ deviceLocalId: localId, userId: user.id }, user.password)));
  const offline = offlineVerifiersTable(db, Date.now);
  const records = emrRecordsTable(db);
  const insert = {
    patient: insertInto(db, 'patients', ['id', 'name', 'name_pinyin', 'name_pinyin_compact', 'name_initials', 'sex', 'birth_date', 'id_number_masked', 'phone', 'department', 'record_number']),
    encounter: insertInto(db, 'encounters', ['id', 'patient_id', 'date', 'kind', 'channel', 'department', 'physician_name', 'chief_complaint']),
    diagnosis: insertInto(db, 'diagnoses', ['id', 'patient_id', 'encounter_id', 'icd10', 'label', 'setting', 'diagnosed_on']),
    allergy: insertInto(db, 'allergies', ['id', 'patient_id', 'allergen', 'reaction', 'status', 'recorded_on']),
    prescription: insertInto(db, 'prescriptions', ['id', 'patient_id', 'encounter_id', 'issued_on', 'status', 'items']),
    lab: insertInto(db, 'labs', ['id', 'patient_id', 'taken_on', 'test', 'value', 'unit', 'flag']),
    record: (record: DemoPatientRows['records'][number]) => void records.insert(record),
  };
  const users = usersTable(db);
  // Random UUID keys scatter inserts across the B-trees: a large page cache keeps each encrypted
  // page from being written out many times during a big seed.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -524288');
  db.transaction(() => {
    demoUsers.forEach(({ password: _, reviewer: __, ...user }, i) => {
      users.upsert({ ...user, suspended: false });
      offline.put(user.id, verifiers[i]!);
    });
    for (const rows of generateDemoPatients(patientCount, options)) writePatient(insert, rows);
  })();
  db.pragma(`cache_size = ${cacheSize}`);
}

type Inserts = Record<'patient' | 'encounter' | 'diagnosis' | 'allergy' | 'prescription' | 'lab', (row: object) => void> & {
  record: (record: DemoPatientRows['records'][number]) => void;
};

function writePatient(insert: Inserts, rows: DemoPatientRows) {
  insert.patient(rows.patient);
  rows.encounters.forEach(insert.encounter);
  rows.diagnoses.forEach(insert.diagnosis);
  rows.allergies.forEach(insert.allergy);
  rows.prescriptions.forEach(insert.prescription);
  rows.labs.forEach(insert.lab);
  rows.records.forEach(insert.record);
}

function insertInto(db: Db, table: string, columns: readonly string[]): (row: object) => void {
  const statement = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  return (row) => void statement.run(row);
}
