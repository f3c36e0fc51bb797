import type { Role } from '../../shared/domain/roles';
import type { RejectReason } from '../../shared/sync/wire';
import type { AccountRecord } from '../auth/accounts';
import type { Queryable } from '../db/types';
import type { ChangeMeta } from '../feed/append';
import type { FaceTemplateKey } from '../face/templateKey';

/** What a mutation handler gets: the open transaction, who is writing, and the feed metadata. */
export interface MutationContext {
  tx: Queryable;
  user: AccountRecord;
  deviceId: string;
  now: Date;
  meta: ChangeMeta;
  /** Patients this mutation newly brought into the writer's scope: their chart is backfilled (feed/backfill.ts). */
  scopeGrown: string[];
  /** The key roaming face templates are sealed with; null on a server configured without one. */
  faceTemplateKey: FaceTemplateKey | null;
}

/** Thrown by a handler to refuse a mutation; anything it wrote is rolled back to a savepoint. */
export class Rejected extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'Rejected';
  }
}

export function requireRole(user: AccountRecord, allowed: readonly Role[], action: string): void {
  if (!user.roles.some((role) => allowed.includes(role))) {
    throw new Rejected('FORBIDDEN', `${action} needs one of the roles ${allowed.join(', ')}`);
  }
}

export interface LockedPatient {
  id: string;
  department: string;
  version: number;
  phone: string;
  address: string;
}

/**
 * Locks the patient a mutation is about, and checks the writer may touch them. Every handler locks
 * exactly one patient row first and the feed counter last, so two single mutations can never wait
 * on each other in a cycle (a group of them in one transaction also bounds its later lock waits:
 * sync/push.ts). FOR NO KEY UPDATE does not block inserts of rows that reference the patient.
 * Write scope mirrors read scope (server/feed/pull.ts): a physician writes for their department's
 * patients and those they already wrote about; a pharmacist for patients in the review queue.
 *
 * `grant: true` also records the writer's access (grantAccess) in the same statement, one round
 * trip fewer per mutation. That is safe before the handler has decided anything because a handler
 * that refuses rolls the whole mutation back (sync/push.ts); a write that changes nothing still
 * counts as writing about the patient.
 */
export async function lockPatient(ctx: MutationContext, patientId: string, options: { grant?: boolean } = {}): Promise<LockedPatient> {
  const grant = options.grant
    ? `, granted AS (INSERT INTO patient_access (user_id, patient_id) SELECT $4, id FROM locked WHERE "inScope" ON CONFLICT DO NOTHING RETURNING patient_id)`
    : '';
  const [patient] = await ctx.tx.query<LockedPatient & { inScope: boolean; inDepartment: boolean; newGrant: boolean }>(
    `WITH locked AS (
       SELECT p.id, p.department, p.version, p.phone, p.address,
              ($2 AND p.department = $3) AS "inDepartment",
              ($2 AND p.department = $3)
              OR EXISTS (SELECT 1 FROM patient_access a WHERE a.user_id = $4 AND a.patient_id = p.id)
              OR ($5 AND EXISTS (SELECT 1 FROM prescriptions r WHERE r.patient_id = p.id AND r.status = 'submitted')) AS "inScope"
         FROM patients p WHERE p.id = $1 FOR NO KEY UPDATE OF p)${grant}
     SELECT *, ${options.grant ? 'EXISTS (SELECT 1 FROM granted)' : 'false'} AS "newGrant" FROM locked`,
    [patientId, ctx.user.roles.includes('physician'), ctx.user.department, ctx.user.id, ctx.user.roles.includes('pharmacist')],
  );
  if (!patient) throw new Rejected('NOT_FOUND', 'no such patient');
  if (!patient.inScope) throw new Rejected('FORBIDDEN', 'the patient is outside your scope');
  if (patient.newGrant) scopeGrew(ctx, patient);
  const { inScope: _s, inDepartment: _d, newGrant: _g, ...locked } = patient;
  return locked;
}

/** Whoever writes about a patient keeps them in scope, even after moving department. */
export async function grantAccess(ctx: MutationContext, patientId: string): Promise<void> {
  const granted = await ctx.tx.query<{ department: string }>(
    `INSERT INTO patient_access (user_id, patient_id) VALUES ($1, $2) ON CONFLICT DO NOTHING
     RETURNING (SELECT department FROM patients WHERE id = $2) AS department`,
    [ctx.user.id, patientId],
  );
  if (granted[0]) scopeGrew(ctx, { id: patientId, inDepartment: ctx.user.roles.includes('physician') && granted[0].department === ctx.user.department });
}

/**
 * A new access grant brings the patient's whole chart into the writer's scope, and their devices
 * that pulled past its earlier rows would never see them: the mutation backfills it for them at its
 * end (sync/mutation.ts). Not when the patient was already in scope by department, whose changes
 * the user's devices received all along.
 */
function scopeGrew(ctx: MutationContext, patient: { id: string; inDepartment: boolean }): void {
  if (!patient.inDepartment && !ctx.scopeGrown.includes(patient.id)) ctx.scopeGrown.push(patient.id);
}
