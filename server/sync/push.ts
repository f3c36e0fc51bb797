import type { Mutation, Outcome, PushRequest, PushResponse, PushResult } from '../../shared/sync/wire';
import { clockSkew } from '../../shared/sync/merge';
import type { Database, Queryable } from '../db/types';
import { DEADLOCK_DETECTED, SERIALIZATION_FAILURE, sqlState } from '../db/types';
import { HttpError } from '../http/errors';
import type { Authenticated } from '../auth/tokens';
import { Rejected, type MutationContext } from './context';
import { setPatientField } from './handlers/patient';
import { addAllergy, setAllergyStatus } from './handlers/allergy';
import { addDiagnosis, addEncounter } from './handlers/clinical';
import { submitPrescription } from './handlers/prescription';
import { voidPrescription } from './handlers/prescriptionVoid';

type Handler<K extends Mutation['kind']> = (ctx: MutationContext, m: Extract<Mutation, { kind: K }>) => Promise<Outcome>;
const handlers: { [K in Mutation['kind']]: Handler<K> } = {
  'patient.field.set': setPatientField,
  'allergy.add': addAllergy,
  'allergy.status.set': setAllergyStatus,
  'encounter.add': addEncounter,
  'diagnosis.add': addDiagnosis,
  'prescription.submit': submitPrescription,
  'prescription.void': voidPrescription,
};

/**
 * Applies a batch in order, each mutation in its own transaction, so one refused mutation does
 * not hold back the others and a crash mid-batch leaves every mutation either fully applied (and
 * recorded) or not at all: re-pushing the batch then finishes the job without duplicates.
 */
export async function pushBatch(db: Database, auth: Authenticated, request: PushRequest, now: () => Date): Promise<PushResponse> {
  if (request.deviceId !== auth.deviceId) {
    throw new HttpError(403, 'DEVICE_MISMATCH', 'deviceId is not the device this token was issued to');
  }
  const results: PushResult[] = [];
  for (const mutation of request.batch) results.push(await applyWithRetry(db, auth, mutation, now()));
  return { results };
}

/** Ends the mutation's transaction without committing, with the answer to give instead. */
class Answered extends Error {
  constructor(readonly result: PushResult) {
    super('answered without committing');
  }
}

async function applyWithRetry(db: Database, auth: Authenticated, mutation: Mutation, now: Date): Promise<PushResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(db, auth, mutation, now);
    } catch (error) {
      if (error instanceof Answered) return error.result;
      if (error instanceof Rejected) return recordRejection(db, auth, mutation, now, error);
      const state = sqlState(error);
      // Lock ordering makes these unlikely, but they are always safe to retry: nothing committed.
      if ((state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED) && attempt < 5) continue;
      throw error;
    }
  }
}

/**
 * The happy path, in as few statements as the guarantees allow (each statement is a round trip,
 * and on PGlite a parse and plan too): the handler's own statements, then ONE insert that claims
 * the mutation id and stores its outcome. At most once rests on the unique index on that id, and
 * on the claim coming last: a replay, or a second copy racing the first, runs its handler inside a
 * transaction whose claim then finds the id taken; that whole transaction is rolled back (so its
 * handler's writes vanish) and the stored outcome is answered. A claim waiting on another
 * transaction's uncommitted claim never holds what that one still needs: claims are the last
 * statement, after the feed counter, so there is no cycle. A handler that refuses throws
 * `Rejected`, which rolls everything back; `recordRejection` then stores the refusal.
 */
async function applyOnce(db: Database, auth: Authenticated, mutation: Mutation, now: Date): Promise<PushResult> {
  const skew = clockSkew(mutation.clientTime, now);
  return db.transaction(async (tx) => {
    const ctx: MutationContext = {
      tx, user: auth.user, deviceId: auth.deviceId, now,
      meta: { mutationId: mutation.mutationId, authorId: auth.user.id, deviceId: auth.deviceId, clientTime: mutation.clientTime, clockSkewed: skew.flagged },
    };
    const outcome = await (handlers[mutation.kind] as Handler<Mutation['kind']>)(ctx, mutation);
    if (!(await claim(tx, auth, mutation, skew, outcome))) throw new Answered(await previousAnswer(tx, auth, mutation));
    return { mutationId: mutation.mutationId, ...outcome };
  });
}

/**
 * A refusal, after the handler's transaction rolled back. If the id was used already (a replay),
 * the stored outcome is the answer. A retryable refusal (its dependency is in a later batch) is
 * not recorded, so the same mutation may apply later; a final one is stored with its id.
 */
async function recordRejection(db: Database, auth: Authenticated, mutation: Mutation, now: Date, error: Rejected): Promise<PushResult> {
  const outcome: Outcome = { status: 'rejected', reason: error.reason, message: error.message, retryable: error.retryable };
  return db.transaction(async (tx) => {
    if (error.retryable) {
      const [used] = await tx.query(`SELECT 1 FROM mutations WHERE id = $1`, [mutation.mutationId]);
      return used ? previousAnswer(tx, auth, mutation) : { mutationId: mutation.mutationId, ...outcome };
    }
    if (await claim(tx, auth, mutation, clockSkew(mutation.clientTime, now), outcome)) return { mutationId: mutation.mutationId, ...outcome };
    return previousAnswer(tx, auth, mutation);
  });
}

/** Records the id with its outcome; false if the id was taken (by a commit this one waited for). */
async function claim(tx: Queryable, auth: Authenticated, mutation: Mutation, skew: ReturnType<typeof clockSkew>, outcome: Outcome): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO mutations (id, device_id, user_id, kind, client_time, clock_skew_ms, clock_skewed, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [mutation.mutationId, auth.deviceId, auth.user.id, mutation.kind, mutation.clientTime, Number.isFinite(skew.skewMs) ? skew.skewMs : null, skew.flagged,
      JSON.stringify(outcome)],
  );
  return claimed.length > 0;
}

/** The answer for an id already used: its stored outcome, or nothing about another device's. */
async function previousAnswer(tx: Queryable, auth: Authenticated, mutation: Mutation): Promise<PushResult> {
  const [previous] = await tx.query<{ device_id: string; outcome: Outcome }>(`SELECT device_id, outcome FROM mutations WHERE id = $1`, [mutation.mutationId]);
  if (!previous || previous.device_id !== auth.deviceId) {
    // Another device's id: say nothing about its outcome, record nothing.
    return { mutationId: mutation.mutationId, status: 'rejected', reason: 'ID_TAKEN', message: 'this mutation id was used by another device', retryable: false };
  }
  return { mutationId: mutation.mutationId, status: 'duplicate', original: previous.outcome };
}
