import type { Mutation, Outcome, PushRequest, PushResponse, PushResult } from '../../shared/sync/wire';
import { clockSkew } from '../../shared/sync/merge';
import type { Database } from '../db/types';
import { DEADLOCK_DETECTED, SERIALIZATION_FAILURE, sqlState } from '../db/types';
import { HttpError } from '../http/errors';
import type { Authenticated } from '../auth/tokens';
import { Rejected, type MutationContext } from './context';
import { setPatientField } from './handlers/patient';
import { addAllergy, setAllergyStatus } from './handlers/allergy';
import { addDiagnosis, addEncounter } from './handlers/clinical';
import { submitPrescription } from './handlers/prescription';

type Handler<K extends Mutation['kind']> = (ctx: MutationContext, m: Extract<Mutation, { kind: K }>) => Promise<Outcome>;
const handlers: { [K in Mutation['kind']]: Handler<K> } = {
  'patient.field.set': setPatientField,
  'allergy.add': addAllergy,
  'allergy.status.set': setAllergyStatus,
  'encounter.add': addEncounter,
  'diagnosis.add': addDiagnosis,
  'prescription.submit': submitPrescription,
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

class RetryLater extends Error {
  constructor(readonly outcome: Outcome) {
    super('retry later');
  }
}

async function applyWithRetry(db: Database, auth: Authenticated, mutation: Mutation, now: Date): Promise<PushResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(db, auth, mutation, now);
    } catch (error) {
      if (error instanceof RetryLater) return { mutationId: mutation.mutationId, ...error.outcome };
      const state = sqlState(error);
      // Lock ordering makes these unlikely, but they are always safe to retry: nothing committed.
      if ((state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED) && attempt < 5) continue;
      throw error;
    }
  }
}

async function applyOnce(db: Database, auth: Authenticated, mutation: Mutation, now: Date): Promise<PushResult> {
  const skew = clockSkew(mutation.clientTime, now);
  return db.transaction(async (tx) => {
    // Claim the id first. A concurrent push of the same id waits here on the unique index until
    // the first commits, then finds it: at most once, whatever the timing.
    const claimed = await tx.query(
      `INSERT INTO mutations (id, device_id, user_id, kind, client_time, clock_skew_ms, clock_skewed)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [mutation.mutationId, auth.deviceId, auth.user.id, mutation.kind, mutation.clientTime, Number.isFinite(skew.skewMs) ? skew.skewMs : null, skew.flagged],
    );
    if (claimed.length === 0) {
      const [previous] = await tx.query<{ device_id: string; outcome: Outcome }>(`SELECT device_id, outcome FROM mutations WHERE id = $1`, [mutation.mutationId]);
      if (!previous || previous.device_id !== auth.deviceId) {
        // Another device's id: say nothing about its outcome, record nothing.
        throw new RetryLater({ status: 'rejected', reason: 'ID_TAKEN', message: 'this mutation id was used by another device', retryable: false });
      }
      return { mutationId: mutation.mutationId, status: 'duplicate', original: previous.outcome };
    }
    const ctx: MutationContext = {
      tx, user: auth.user, deviceId: auth.deviceId, now,
      meta: { mutationId: mutation.mutationId, authorId: auth.user.id, deviceId: auth.deviceId, clientTime: mutation.clientTime, clockSkewed: skew.flagged },
    };
    let outcome: Outcome;
    await tx.query(`SAVEPOINT mutation`);
    try {
      outcome = await (handlers[mutation.kind] as Handler<Mutation['kind']>)(ctx, mutation);
      await tx.query(`RELEASE SAVEPOINT mutation`);
    } catch (error) {
      if (!(error instanceof Rejected)) throw error;
      await tx.query(`ROLLBACK TO SAVEPOINT mutation`);
      outcome = { status: 'rejected', reason: error.reason, message: error.message, retryable: error.retryable };
      // Not recorded: the same mutation may apply once what it depends on arrives.
      if (error.retryable) throw new RetryLater(outcome);
    }
    await tx.query(`UPDATE mutations SET outcome = $2 WHERE id = $1`, [mutation.mutationId, JSON.stringify(outcome)]);
    return { mutationId: mutation.mutationId, ...outcome };
  });
}
