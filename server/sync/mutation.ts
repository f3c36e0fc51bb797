import type { Mutation, Outcome, PushResult } from '../../shared/sync/wire';
import { clockSkew } from '../../shared/sync/merge';
import type { Queryable } from '../db/types';
import { backfillChart } from '../feed/backfill';
import type { Authenticated } from '../auth/tokens';
import { Rejected, type MutationContext } from './context';
import { setPatientField } from './handlers/patient';
import { addAllergy, setAllergyStatus } from './handlers/allergy';
import { addDiagnosis, addEncounter } from './handlers/clinical';
import { setDiagnosisStatus } from './handlers/diagnosisStatus';
import { storeSignedRecord } from './handlers/emrRecord';
import { submitPrescription } from './handlers/prescription';
import { voidPrescription } from './handlers/prescriptionVoid';

type Handler<K extends Mutation['kind']> = (ctx: MutationContext, m: Extract<Mutation, { kind: K }>) => Promise<Outcome>;
const handlers: { [K in Mutation['kind']]: Handler<K> } = {
  'patient.field.set': setPatientField,
  'allergy.add': addAllergy,
  'allergy.status.set': setAllergyStatus,
  'encounter.add': addEncounter,
  'diagnosis.add': addDiagnosis,
  'diagnosis.status.set': setDiagnosisStatus,
  'prescription.submit': submitPrescription,
  'prescription.void': voidPrescription,
  'emr.record.sign': storeSignedRecord,
  'emr.record.amend': storeSignedRecord,
};

/** A mutation of the batch with the server time it is applied at (kept when its group is retried). */
export interface Pending {
  mutation: Mutation;
  now: Date;
}

/** The savepoint each mutation runs in; the caller (push.ts) opens it before `applyMutation`. */
export const mutationSavepoint = 'mutation';
const rollBackMutation = `ROLLBACK TO SAVEPOINT ${mutationSavepoint}`;

/**
 * One mutation, inside its group's transaction, after the caller opened `mutationSavepoint`.
 *
 * The happy path, in as few statements as the guarantees allow (each statement is a round trip,
 * and on PGlite a parse and plan too): the handler's own statements, then ONE insert that claims
 * the mutation id and stores its outcome. At most once rests on the unique index on that id, and
 * on the claim coming last: a replay (from an earlier batch, from earlier in this very group, or a
 * second copy racing the first) runs its handler, then finds the id taken; everything since the
 * savepoint is rolled back (so its handler's writes, feed entries and counter increment vanish)
 * and the stored outcome is answered. A claim waiting on another transaction's uncommitted claim
 * cannot close a cycle: that transaction is either about to commit, or is in a later mutation of
 * its group, where it waits for no lock for more than a moment (push.ts).
 *
 * A handler that refuses throws `Rejected`: its writes are rolled back to the savepoint, and the
 * refusal is recorded in the same transaction. Any other error goes up to the caller, which ends
 * the group.
 */
export async function applyMutation(tx: Queryable, auth: Authenticated, { mutation, now }: Pending): Promise<PushResult> {
  const skew = clockSkew(mutation.clientTime, now);
  const ctx: MutationContext = {
    tx, user: auth.user, deviceId: auth.deviceId, now, scopeGrown: [],
    meta: { mutationId: mutation.mutationId, authorId: auth.user.id, deviceId: auth.deviceId, clientTime: mutation.clientTime, clockSkewed: skew.flagged },
  };
  let outcome: Outcome;
  try {
    outcome = await (handlers[mutation.kind] as Handler<Mutation['kind']>)(ctx, mutation);
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    await tx.exec(rollBackMutation);
    return recordRejection(tx, auth, mutation, skew, error);
  }
  // Reads only, then appends: after the handler's own appends, as the feed's lock order asks.
  for (const patientId of ctx.scopeGrown) await backfillChart(tx, patientId, auth.user.id);
  if (await claim(tx, auth, mutation, skew, outcome)) return { mutationId: mutation.mutationId, ...outcome };
  await tx.exec(rollBackMutation);
  return previousAnswer(tx, auth, mutation);
}

/**
 * A refusal, after the handler's writes were rolled back. If the id was used already (a replay),
 * the stored outcome is the answer. A retryable refusal (its dependency is in a later batch) is
 * not recorded, so the same mutation may apply later; a final one is stored with its id.
 */
async function recordRejection(tx: Queryable, auth: Authenticated, mutation: Mutation, skew: ReturnType<typeof clockSkew>, error: Rejected): Promise<PushResult> {
  const outcome: Outcome = { status: 'rejected', reason: error.reason, message: error.message, retryable: error.retryable };
  if (error.retryable) {
    const [used] = await tx.query(`SELECT 1 FROM mutations WHERE id = $1`, [mutation.mutationId]);
    return used ? previousAnswer(tx, auth, mutation) : { mutationId: mutation.mutationId, ...outcome };
  }
  if (await claim(tx, auth, mutation, skew, outcome)) return { mutationId: mutation.mutationId, ...outcome };
  return previousAnswer(tx, auth, mutation);
}

/** Records the id with its outcome; false if the id was taken (by a commit this one waited for, or earlier in this group). */
async function claim(tx: Queryable, auth: Authenticated, mutation: Mutation, skew: ReturnType<typeof clockSkew>, outcome: Outcome): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO mutations (id, device_id, user_id, kind, client_time, clock_skew_ms, clock_skewed, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [mutation.mutationId, auth.deviceId, auth.user.id, mutation.kind, mutation.clientTime, Number.isFinite(skew.skewMs) ? skew.skewMs : null, skew.flagged,
      JSON.stringify(outcome)],
  );
  return claimed.length > 0;
}

/** A mutation the server already holds, as `answerStored` reads it. */
export interface StoredMutation {
  id: string;
  user_id: string;
  outcome: Outcome;
}

/** The answer for an id already used: its stored outcome, or nothing about another author's. */
async function previousAnswer(tx: Queryable, auth: Authenticated, mutation: Mutation): Promise<PushResult> {
  const [previous] = await tx.query<StoredMutation>(`SELECT id, user_id, outcome FROM mutations WHERE id = $1`, [mutation.mutationId]);
  return answerStored(previous, auth, mutation.mutationId);
}

/**
 * What a replay of a stored mutation is told (push.ts answers known ids with it up front). A
 * mutation is its author's: the same id from the same account is the same mutation whatever device
 * row carries it, so a workstation that registered again (a new server device id) and resends what
 * it never heard back about gets the original outcome, not a refusal that a person might "fix" by
 * entering the change again (issue 8, item 7).
 */
export function answerStored(previous: StoredMutation | undefined, auth: Authenticated, mutationId: string): PushResult {
  if (!previous || previous.user_id !== auth.user.id) {
    // Another author's id: say nothing about its outcome, record nothing.
    return { mutationId, status: 'rejected', reason: 'ID_TAKEN', message: 'this mutation id was used by another author', retryable: false };
  }
  return { mutationId, status: 'duplicate', original: previous.outcome };
}
