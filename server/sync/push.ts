import type { Outcome, PushRequest, PushResponse, PushResult } from '../../shared/sync/wire';
import type { Database, Queryable } from '../db/types';
import { DEADLOCK_DETECTED, LOCK_NOT_AVAILABLE, SERIALIZATION_FAILURE, sqlState } from '../db/types';
import { HttpError } from '../http/errors';
import type { Authenticated } from '../auth/tokens';
import { deferFeedNumbering, numberStagedChanges } from '../feed/staged';
import { answerStored, applyMutation, claimMutations, mutationSavepoint, type Claim, type MutationServices, type Pending, type StoredMutation } from './mutation';

/**
 * Mutations per transaction. On PostgreSQL a commit (its WAL flush) is most of the cost of a short
 * mutation, so a group shares one; PGlite does not flush, and gains only the statements saved.
 * Each mutation's savepoint is a subtransaction, and PostgreSQL keeps only 64 of a transaction's
 * subtransaction ids in shared memory (PGPROC_MAX_CACHED_SUBXIDS, src/include/storage/proc.h);
 * past that every other session's snapshot has to look them up in pg_subtrans, which slows the
 * whole server. A mutation keeps at most one (a savepoint rolled back drops its id), so 50 stays
 * clear of the limit. Groups of 10, 25 and 50 measured within noise of each other here; the
 * slower a disk flushes, the more the larger group saves.
 */
const groupSize = 50;

/** How long a group that already holds locks may wait for another (see pushBatch). */
const heldLockWait = '10ms';

/**
 * Applies a batch in order, in groups of up to `groupSize` mutations per transaction, each mutation
 * in a savepoint of its own (mutation.ts). A refused mutation rolls back to its savepoint alone,
 * and the group goes on. The group's ids are claimed in one statement at its end, with their
 * outcomes, just before its feed entries are numbered: one statement per group instead of one per
 * mutation. An id found taken there (a replay that committed since the batch's first read) rolls
 * the group back, and the group runs again with that id answered from the stored outcome. A group
 * commits whole or not at all, ids and outcomes with the writes, so a crash mid-batch leaves every mutation either fully applied (and recorded)
 * or not at all: re-pushing the batch then finishes the job without duplicates.
 *
 * A group numbers its feed entries at its end, all at once (feed/staged.ts): the feed counter
 * (feed/append.ts) is locked from that one statement to the group's commit, so concurrent pushes
 * overlap in everything else (handlers, signature checks, claims) and take turns only for the
 * numbering. Seq order stays commit order (a group's changes become visible together, at its
 * commit), and a mutation rolled back to its savepoint takes its staged entries with it, so seqs
 * stay gapless.
 *
 * What groups do weaken is the lock order that keeps single mutations from deadlocking (patient
 * row first, feed counter last: context.ts). From its second mutation on, a group takes new locks
 * while holding earlier mutations' ones (patient rows, inserted ids), and another
 * writer may hold the new one while it waits for one of ours. So from the second mutation on, a
 * group waits for no lock longer than `heldLockWait` (lock_timeout): past that, the mutation is
 * rolled back to its savepoint, the group commits what it has, and the mutation opens the next
 * group, where it waits as long as it must, holding nothing. A group's first mutation takes the
 * locks a transaction of that one mutation would, in the same order, so any cycle would need a
 * waiter in a later mutation, which gives up within `heldLockWait`: no cycle lasts until the
 * deadlock detector (deadlock_timeout, 1 s by default). Under heavy contention groups shrink
 * towards one mutation, never below. (PGlite is one connection: nothing there ever waits for a
 * lock; a push holds that connection for one group at a time, and other requests take their turn
 * between groups.)
 *
 * A serialization failure or deadlock still ends the group's transaction, with nothing of it
 * committed, so the whole group is retried. Any other error goes up to the route (503 when the
 * database is unavailable); groups already committed stay, and the client resends the batch.
 */
export async function pushBatch(db: Database, auth: Authenticated, request: PushRequest, now: () => Date, services: MutationServices): Promise<PushResponse> {
  if (request.deviceId !== auth.deviceId) {
    throw new HttpError(403, 'DEVICE_MISMATCH', 'deviceId is not the device this token was issued to');
  }
  const stored = await storedMutations(db, request.batch.map((m) => m.mutationId));
  const results: PushResult[] = [];
  while (results.length < request.batch.length) {
    const known = stored.get(request.batch[results.length]!.mutationId);
    if (known) {
      results.push(answerStored(known, auth, known.id));
      continue;
    }
    // A group stops before the next id already known (answered above, without running its handler).
    const rest = request.batch.slice(results.length, results.length + groupSize);
    const end = rest.findIndex((mutation) => stored.has(mutation.mutationId));
    const group = (end === -1 ? rest : rest.slice(0, end)).map((mutation) => ({ mutation, now: now() }));
    const committed = await commitGroup(db, auth, group, services);
    if ('taken' in committed) {
      // Replays committed since the first read: the group was rolled back; they are answered from
      // what is stored now, and the group runs again without them.
      const taken = await storedMutations(db, committed.taken);
      if (taken.size !== committed.taken.length) throw new Error('push: a claimed mutation id is not stored');
      for (const [id, row] of taken) stored.set(id, row);
      continue;
    }
    results.push(...committed.results);
    // A later copy of one of these ids in this batch is a replay of what just committed.
    for (const claim of committed.claimed) stored.set(claim.id, claim);
  }
  return { results };
}

/**
 * The batch's mutations the server already holds, read once before any group. A resend (its
 * answer was lost, or the client timed out waiting) is answered from the stored outcome without
 * running its handler again: a replayed prescription would otherwise verify its SM2 signature and
 * run the arrival checks once more, for nothing, so a batch slow enough to time out would be as
 * slow on every retry. The answer is the one the claim path gives (mutation.ts answerStored); an
 * id that commits after this read still goes through its handler and finds the claim taken.
 */
async function storedMutations(db: Database, ids: readonly string[]): Promise<Map<string, StoredMutation>> {
  const rows = await db.query<StoredMutation>(`SELECT id, user_id, outcome FROM mutations WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.id, row]));
}

/** A committed group's answers in order and the ids it stored; or the ids found taken when it claimed them (nothing committed). */
type GroupOutcome = { results: PushResult[]; claimed: StoredMutation[] } | { taken: string[] };

/** Signals, through the transaction, that the group must roll back: some of its ids were taken. */
class ClaimsTaken extends Error {
  constructor(readonly ids: string[]) {
    super(`push: ${ids.length} mutation id(s) claimed meanwhile`);
  }
}

/** Commits the group, or its first few mutations (at least one), and returns their results in order. */
async function commitGroup(db: Database, auth: Authenticated, group: readonly Pending[], services: MutationServices): Promise<GroupOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => applyGroup(tx, auth, group, services));
    } catch (error) {
      if (error instanceof ClaimsTaken) return { taken: error.ids };
      const state = sqlState(error);
      // Unlikely (see pushBatch), but always safe to retry: nothing of the group committed.
      if ((state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED) && attempt < 5) continue;
      throw error;
    }
  }
}

async function applyGroup(tx: Queryable, auth: Authenticated, group: readonly Pending[], services: MutationServices): Promise<GroupOutcome> {
  const results: PushResult[] = [];
  const claims: Claim[] = [];
  // Ids claimed earlier in this group: a second copy is a replay of the first, answered with its outcome.
  const claimedHere = new Map<string, Claim>();
  deferFeedNumbering(tx);
  let savepoints = 0;
  for (const pending of group) {
    const earlier = claimedHere.get(pending.mutation.mutationId);
    if (earlier) {
      results.push({ mutationId: pending.mutation.mutationId, status: 'duplicate', original: earlier.outcome });
      continue;
    }
    await tx.exec(openSavepoint(savepoints++));
    try {
      const { result, claim } = await applyMutation(tx, auth, pending, services);
      results.push(result);
      if (claim) {
        claims.push(claim);
        claimedHere.set(claim.mutation.mutationId, claim);
      }
    } catch (error) {
      // The group's first mutation (its first savepoint) holds nothing yet: it waits as long as it must.
      if (savepoints === 1 || sqlState(error) !== LOCK_NOT_AVAILABLE) throw error;
      // It would wait while the group holds locks: commit the group so far; it opens the next one.
      await tx.exec(`ROLLBACK TO SAVEPOINT ${mutationSavepoint}`);
      break;
    }
  }
  // The claims and the numbering wait as long as they must: whoever holds a claimed id or the
  // counter is at its own group's end, committing.
  if (savepoints > 1) await tx.exec(`SET LOCAL lock_timeout TO DEFAULT`);
  const taken = await claimMutations(tx, auth, claims);
  if (taken.length > 0) throw new ClaimsTaken(taken);
  const seqs = await numberStagedChanges(tx);
  const answered = results.map((result) => withFeedSeq(result, seqs));
  const byId = new Map(answered.filter((result) => result.status !== 'duplicate').map((result) => [result.mutationId, result]));
  const claimed = claims.map((claim): StoredMutation => {
    const { mutationId: _, ...outcome } = byId.get(claim.mutation.mutationId) as PushResult & Outcome;
    return { id: claim.mutation.mutationId, user_id: auth.user.id, outcome };
  });
  return { results: answered, claimed };
}

/**
 * A result as the client is told it: a provisional (negative) seq, its own or that of the original
 * it replays from earlier in this group, replaced by the one the group took.
 */
function withFeedSeq(result: PushResult, seqs: ReadonlyMap<number, number>): PushResult {
  if (result.status === 'duplicate') return { ...result, original: numbered(result.original, seqs) };
  return { ...numbered(result, seqs), mutationId: result.mutationId };
}

function numbered<T extends Outcome>(outcome: T, seqs: ReadonlyMap<number, number>): T {
  if ((outcome.status !== 'applied' && outcome.status !== 'conflict') || outcome.seq === null || outcome.seq > 0) return outcome;
  const seq = seqs.get(outcome.seq);
  if (seq === undefined) throw new Error(`push: no feed entry numbered for provisional seq ${outcome.seq}`);
  return { ...outcome, seq };
}

/** One round trip before each mutation: release the previous mutation's savepoint, open its own. */
function openSavepoint(index: number): string {
  if (index === 0) return `SAVEPOINT ${mutationSavepoint}`;
  // Between savepoints, so that no rollback to one undoes it; it ends with the transaction.
  const limitWaits = index === 1 ? `SET LOCAL lock_timeout = '${heldLockWait}'; ` : '';
  return `RELEASE SAVEPOINT ${mutationSavepoint}; ${limitWaits}SAVEPOINT ${mutationSavepoint}`;
}
