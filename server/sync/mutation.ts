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
import { recordAdrReport } from './handlers/adrReport';
import { submitPrescription } from './handlers/prescription';
import { voidPrescription } from './handlers/prescriptionVoid';
import { changeRoamingConsent, roamTemplate } from './handlers/faceTemplate';
import type { FaceTemplateKey } from '../face/templateKey';

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
  'face.roaming.consent': changeRoamingConsent,
  'face.template.roam': roamTemplate,
  'emr.record.sign': storeSignedRecord,
  'emr.record.amend': storeSignedRecord,
  'adr.report.record': recordAdrReport,
};

/** A mutation of the batch with the server time it is applied at (kept when its group is retried). */
export interface Pending {
  mutation: Mutation;
  now: Date;
}

/** What the server's configuration gives the handlers. */
export interface MutationServices {
  faceTemplateKey: FaceTemplateKey | null;
}

/** The savepoint each mutation runs in; the caller (push.ts) opens it before `applyMutation`. */
export const mutationSavepoint = 'mutation';
const rollBackMutation = `ROLLBACK TO SAVEPOINT ${mutationSavepoint}`;

/** A mutation's id with the outcome to store: its group claims them all at once (claimMutations). */
export interface Claim {
  mutation: Mutation;
  skewMs: number | null;
  skewed: boolean;
  outcome: Outcome;
}

/** A mutation's answer, and what its group must claim for it (null: a retryable refusal, not recorded). */
export interface Applied {
  result: PushResult;
  claim: Claim | null;
}

/**
 * One mutation, inside its group's transaction, after the caller opened `mutationSavepoint`: the
 * handler's own statements and nothing else. The id is claimed with the group's other ids in one
 * statement at the group's end (claimMutations), before its feed entries are numbered.
 *
 * A handler that refuses throws `Rejected`: its writes are rolled back to the savepoint, and the
 * refusal is claimed with the group (a final one) or only answered (a retryable one: its
 * dependency is in a later batch, and the same mutation may apply later). Any other error goes up
 * to the caller, which ends the group.
 */
export async function applyMutation(tx: Queryable, auth: Authenticated, { mutation, now }: Pending, services: MutationServices): Promise<Applied> {
  const skew = clockSkew(mutation.clientTime, now);
  const ctx: MutationContext = {
    tx, user: auth.user, deviceId: auth.deviceId, now, scopeGrown: [], faceTemplateKey: services.faceTemplateKey,
    meta: { mutationId: mutation.mutationId, authorId: auth.user.id, deviceId: auth.deviceId, clientTime: mutation.clientTime, clockSkewed: skew.flagged },
  };
  const claimOf = (outcome: Outcome): Claim => ({ mutation, skewMs: Number.isFinite(skew.skewMs) ? skew.skewMs : null, skewed: skew.flagged, outcome });
  let outcome: Outcome;
  try {
    outcome = await (handlers[mutation.kind] as Handler<Mutation['kind']>)(ctx, mutation);
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    await tx.exec(rollBackMutation);
    const refusal: Outcome = { status: 'rejected', reason: error.reason, message: error.message, retryable: error.retryable };
    if (!error.retryable) return { result: { mutationId: mutation.mutationId, ...refusal }, claim: claimOf(refusal) };
    // Not recorded, unless the id was used meanwhile (a replay committed after the batch's first read).
    const [used] = await tx.query(`SELECT 1 FROM mutations WHERE id = $1`, [mutation.mutationId]);
    return { result: used ? await previousAnswer(tx, auth, mutation) : { mutationId: mutation.mutationId, ...refusal }, claim: null };
  }
  // Reads only, then appends: after the handler's own appends, as the feed's lock order asks.
  for (const patientId of ctx.scopeGrown) await backfillChart(tx, patientId, auth.user.id);
  return { result: { mutationId: mutation.mutationId, ...outcome }, claim: claimOf(outcome) };
}

/**
 * Records a group's ids with their outcomes, in one statement; returns the ids found taken. At
 * most once rests on the unique index on the id, and on the claim coming after the handlers: a
 * replay committed after the batch's first read (a second copy racing the first) ran its handler
 * here, then finds its id taken, and the caller rolls the whole group back (its writes, feed
 * entries and all) and answers that id from the stored outcome. Ids are claimed in id order, so two
 * groups claiming some of the same ids wait for each other in one direction only.
 */
export async function claimMutations(tx: Queryable, auth: Authenticated, claims: readonly Claim[]): Promise<string[]> {
  if (claims.length === 0) return [];
  const rows = claims.map((c) => ({
    id: c.mutation.mutationId, kind: c.mutation.kind, client_time: c.mutation.clientTime, clock_skew_ms: c.skewMs, clock_skewed: c.skewed, outcome: c.outcome,
  }));
  const claimed = await tx.query<{ id: string }>(
    `INSERT INTO mutations (id, device_id, user_id, kind, client_time, clock_skew_ms, clock_skewed, outcome)
     SELECT c.id, $2, $3, c.kind, c.client_time, c.clock_skew_ms, c.clock_skewed, c.outcome
       FROM jsonb_to_recordset($1::jsonb) AS c(id text, kind text, client_time text, clock_skew_ms bigint, clock_skewed boolean, outcome jsonb)
      ORDER BY c.id
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [JSON.stringify(rows), auth.deviceId, auth.user.id],
  );
  const won = new Set(claimed.map((row) => row.id));
  return rows.filter((row) => !won.has(row.id)).map((row) => row.id);
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
