/**
 * The life of a prescription (issue 4, "Lifecycle"): pure rules, the same on the workstation and
 * the server.
 *
 *   draft -> signed -> queued (in the outbox) -> submitted (accepted by the server) -> in review
 *         -> approved | returned
 *
 * A draft lives in `prescription_drafts` on its author's device. Signing and queueing happen in one
 * local transaction, so a stored prescription starts as `queued`. From `submitted` on, the status is
 * the server's (it arrives through the change feed and overwrites the synced `status` column).
 * The signed document and the void travel too (`prescription.void`; shared/sync/rows.ts), but a
 * pulled row only fills those columns, never empties them (`keepLocal`): a row pulled before the
 * server heard of a local void cannot erase it.
 *
 * Signed prescriptions are immutable and nothing is deleted (DESIGN.md "Offline rules"): a
 * correction is a new version pointing at the old one (`previous_id`) with a reason, and a void is
 * a status change with a reason, recorded even after approval.
 */

/**
 * Statuses stored in `prescriptions.status`. `dispensed`, `superseded` and `voided` come from the
 * server (`voided`: withdrawn by its prescriber before approval; after approval the status stays
 * and the void is recorded beside it).
 */
export const storedStatuses = ['queued', 'submitted', 'in-review', 'approved', 'returned', 'expired', 'superseded', 'dispensed', 'voided'] as const;
export type StoredStatus = (typeof storedStatuses)[number];

/** What a person is shown: the stored status, refined by local facts (outbox, void, expiry). */
export const displayStatuses = ['draft', 'signed', 'queued', 'held', 'submitted', 'in-review', 'approved', 'returned', 'expired', 'void', 'superseded', 'dispensed'] as const;
export type DisplayStatus = (typeof displayStatuses)[number];

/** Where the prescription's outbox mutation is; null once the server has answered for it. */
export type OutboxPresence = 'pending' | 'held' | 'quarantined' | null;

export interface StatusFacts {
  status: string;
  voidedAt: string | null;
  outbox: OutboxPresence;
  issuedOn: string;
  validityDays: number;
  /** The hospital's calendar day, YYYY-MM-DD. */
  today: string;
}

/**
 * A void wins over everything (it is what the physician said last); a queued prescription whose
 * mutation has left the outbox has been accepted (the feed will say `submitted` shortly); one that
 * waits for review past its validity is expired and can no longer be approved.
 */
export function displayStatus(facts: StatusFacts): DisplayStatus {
  if (facts.voidedAt !== null || facts.status === 'voided') return 'void';
  const status = facts.status as StoredStatus;
  if (status === 'queued') {
    if (facts.outbox === 'held' || facts.outbox === 'quarantined') return 'held';
    if (facts.outbox === 'pending') return 'queued';
    return 'submitted';
  }
  if ((status === 'submitted' || status === 'in-review') && isExpired(facts.issuedOn, facts.validityDays, facts.today)) return 'expired';
  return (displayStatuses as readonly string[]).includes(status) ? (status as DisplayStatus) : 'submitted';
}

// ---- validity ---------------------------------------------------------------------------------

/**
 * 《处方管理办法》第十八条: a prescription is valid on its day of issue; the prescriber may extend it
 * for a special need, to at most 3 days, noting why.
 */
export const maxValidityDays = 3;

export type ValidityProblem = 'too-long' | 'reason-required';

export function validityProblem(days: number, reason: string | null | undefined): ValidityProblem | null {
  if (!Number.isInteger(days) || days < 1 || days > maxValidityDays) return 'too-long';
  if (days > 1 && !reason?.trim()) return 'reason-required';
  return null;
}

/** The last day the prescription may be dispensed on (`validityDays` = 1 means the day of issue). */
export function lastValidDay(issuedOn: string, validityDays: number): string {
  return addDays(issuedOn, validityDays - 1);
}

/** One that reaches review after its last valid day is marked expired, not approvable. */
export function isExpired(issuedOn: string, validityDays: number, today: string): boolean {
  return today > lastValidDay(issuedOn, validityDays);
}

// ---- transitions ------------------------------------------------------------------------------

export type Refusal = { ok: false; reason: 'already-void' | 'not-returned' | 'reason-required' | 'superseded' };
export type Allowed = { ok: true };

/** A void needs a reason; any signed prescription may be voided, and a void after approval is recorded too. */
export function mayVoid(facts: { voidedAt: string | null }, reason: string): Allowed | Refusal {
  if (facts.voidedAt !== null) return { ok: false, reason: 'already-void' };
  if (!reason.trim()) return { ok: false, reason: 'reason-required' };
  return { ok: true };
}

/** Only a returned prescription is revised, once per version, and the revision says why. */
export function mayRevise(facts: { status: string; voidedAt: string | null; revisedBy: string | null }, reason: string): Allowed | Refusal {
  if (facts.voidedAt !== null) return { ok: false, reason: 'already-void' };
  if (facts.status !== 'returned') return { ok: false, reason: 'not-returned' };
  if (facts.revisedBy !== null) return { ok: false, reason: 'superseded' };
  if (!reason.trim()) return { ok: false, reason: 'reason-required' };
  return { ok: true };
}

// ---- days -------------------------------------------------------------------------------------

export function addDays(isoDay: string, days: number): string {
  const t = Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * China Standard Time has one offset all year (UTC+8, no daylight saving), so the hospital's
 * calendar day is a fixed shift of UTC; a workstation's own time zone setting is not trusted for it.
 */
export const hospitalUtcOffsetMinutes = 8 * 60;

export function hospitalDay(nowMs: number, offsetMinutes = hospitalUtcOffsetMinutes): string {
  return new Date(nowMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** An earlier prescription still being taken on `today`: issued no later than today, and its days not run out. */
export function coversDay(issuedOn: string, days: number, today: string): boolean {
  return issuedOn <= today && addDays(issuedOn, days) > today;
}
