import { genesis, verifyChain, type AuditEntry, type AuditUploadRequest, type AuditUploadResponse, type ChainHead } from '../../shared/audit/chain';
import { subjectsNamedBy } from '../../shared/audit/subjects';
import { canonicalJson } from '../../shared/domain/canonical';
import { deviceStatusError, type DeviceStatus } from '../auth/devices';
import { sha256, type Authenticated } from '../auth/tokens';
import type { Database, Queryable } from '../db/types';
import { HttpError } from '../http/errors';

const chainBroken = (message: string) => new HttpError(409, 'AUDIT_CHAIN_BROKEN', message);

/**
 * Keeps the uploading device's copy of its workstation's audit chain (DESIGN.md "Trust": the
 * server verifies the log on upload). Every hash is recomputed and the batch must continue the
 * chain held for the device; entries already held must come back with the same hash (a replay,
 * answered as the first time). Any problem refuses the whole batch: it is checked before anything
 * is written, in one transaction that holds the device's row, so two uploads from one device take
 * turns and a revocation cannot slip between the check and the write.
 */
export async function uploadAuditEntries(db: Database, auth: Authenticated, request: AuditUploadRequest, now: Date): Promise<AuditUploadResponse> {
  if (request.deviceId !== auth.deviceId) {
    throw new HttpError(403, 'DEVICE_MISMATCH', 'deviceId is not the device this token was issued to');
  }
  const { entries } = request;
  const installationId = entries[0]!.deviceId;
  if (entries.some((entry) => entry.deviceId !== installationId)) {
    throw new HttpError(403, 'DEVICE_MISMATCH', 'every entry of one device must carry the same deviceId');
  }
  return db.transaction(async (tx) => {
    await lockLiveDevice(tx, auth.deviceId);
    const held = await heldHead(tx, auth.deviceId);
    await checkInstallation(tx, auth.deviceId, installationId, held);
    const first = entries[0]!.seq;
    const heldSeq = held?.seq ?? 0;
    if (first > heldSeq + 1) throw chainBroken(`audit entry ${heldSeq + 1} is missing: the server holds this device's chain through entry ${heldSeq}`);
    const problem = verifyChain(entries, await headBefore(tx, auth.deviceId, first), sha256);
    if (problem) throw chainBroken(`audit entry ${problem.seq}: ${problem.reason}`);
    await checkReplayed(tx, auth.deviceId, entries.filter((entry) => entry.seq <= heldSeq));
    await insertEntries(tx, auth, entries.filter((entry) => entry.seq > heldSeq), now);
    return { storedThrough: entries[entries.length - 1]!.seq };
  });
}

/** Re-checks the device inside the transaction and holds its row until commit. */
async function lockLiveDevice(tx: Queryable, deviceId: string): Promise<void> {
  // NO KEY UPDATE: sign-ins (tokens reference the row) need not wait for an upload.
  const [device] = await tx.query<{ status: DeviceStatus }>(`SELECT status FROM devices WHERE id = $1 FOR NO KEY UPDATE`, [deviceId]);
  if (!device) throw new HttpError(404, 'NOT_FOUND', 'no such device');
  const refusal = deviceStatusError(device.status);
  if (refusal) throw refusal;
}

async function heldHead(tx: Queryable, deviceId: string): Promise<(ChainHead & { installationId: string }) | null> {
  const [row] = await tx.query<ChainHead & { installationId: string }>(
    `SELECT seq, hash, installation_id AS "installationId" FROM audit_entries WHERE device_id = $1 ORDER BY seq DESC LIMIT 1`,
    [deviceId],
  );
  return row ?? null;
}

/**
 * A workstation's chain belongs to one live device. Its installation id (the entries' deviceId)
 * was fixed before it registered, so it cannot equal the server's device id; instead the first
 * upload binds it. A device revoked and registered again (deviceAdmin re-registration) comes back
 * with a new device id and uploads its chain again from entry 1, so a revoked holder does not count.
 */
async function checkInstallation(tx: Queryable, deviceId: string, installationId: string, held: { installationId: string } | null) {
  if (held) {
    if (held.installationId !== installationId) throw new HttpError(403, 'DEVICE_MISMATCH', "these entries belong to another workstation's audit chain");
    return;
  }
  const [other] = await tx.query(
    `SELECT 1 FROM audit_entries a JOIN devices d ON d.id = a.device_id
      WHERE a.seq = 1 AND a.installation_id = $1 AND a.device_id <> $2 AND d.status <> 'revoked' LIMIT 1`,
    [installationId, deviceId],
  );
  if (other) throw new HttpError(403, 'DEVICE_MISMATCH', "these entries belong to another device's audit chain");
}

/** The held entry just before `seq` (the genesis head before entry 1). */
async function headBefore(tx: Queryable, deviceId: string, seq: number): Promise<ChainHead> {
  if (seq === 1) return genesis;
  const [row] = await tx.query<ChainHead>(`SELECT seq, hash FROM audit_entries WHERE device_id = $1 AND seq = $2`, [deviceId, seq - 1]);
  if (!row) throw new Error(`audit entry ${seq - 1} of device ${deviceId} vanished`); // insert-only: cannot happen
  return row;
}

/** A re-sent entry must be the one held: the same seq with another hash is a rewritten history. */
async function checkReplayed(tx: Queryable, deviceId: string, replayed: readonly AuditEntry[]): Promise<void> {
  if (replayed.length === 0) return;
  const heldHashes = new Map(
    (await tx.query<ChainHead>(`SELECT seq, hash FROM audit_entries WHERE device_id = $1 AND seq = ANY($2::int[])`, [deviceId, replayed.map((e) => e.seq)]))
      .map((row) => [row.seq, row.hash]),
  );
  const differing = replayed.find((entry) => heldHashes.get(entry.seq) !== entry.hash);
  if (differing) throw chainBroken(`audit entry ${differing.seq} differs from the one the server already holds`);
}

async function insertEntries(tx: Queryable, auth: Authenticated, entries: readonly AuditEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  const column = <T>(pick: (entry: AuditEntry) => T) => entries.map(pick);
  await tx.query(
    `INSERT INTO audit_entries (device_id, seq, at, user_id, session_id, installation_id, action, subject, detail, prev_hash, hash, received_at, received_from)
     SELECT $1, u.seq, u.at, u.user_id, u.session_id, u.installation_id, u.action, u.subject, u.detail, u.prev_hash, u.hash, $2, $3
       FROM unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS u(seq, at, user_id, session_id, installation_id, action, subject, detail, prev_hash, hash)`,
    [
      auth.deviceId, now, auth.user.id,
      column((e) => e.seq), column((e) => e.at), column((e) => e.userId), column((e) => e.sessionId), column((e) => e.deviceId),
      column((e) => e.action), column((e) => e.subject), column((e) => canonicalJson(e.detail)), column((e) => e.prevHash), column((e) => e.hash),
    ],
  );
  // Every subject an entry names, indexed in the same transaction (the admin's query by patient).
  const named = entries.flatMap((entry) => subjectsNamedBy(entry).map((subject) => ({ seq: entry.seq, subject })));
  if (named.length === 0) return;
  await tx.query(
    `INSERT INTO audit_subjects (device_id, seq, subject) SELECT $1, u.seq, u.subject FROM unnest($2::int[], $3::text[]) AS u(seq, subject)`,
    [auth.deviceId, named.map((n) => n.seq), named.map((n) => n.subject)],
  );
}
