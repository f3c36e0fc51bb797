import { ageOn } from '../../shared/domain/age';
import { isQualifiedReviewer, type ReviewQueueItem, type ReviewQueueQuery, type ReviewQueueResponse } from '../../shared/review/wire';
import type { AccountRecord } from '../auth/accounts';
import type { Queryable } from '../db/types';
import { qualificationOf } from './qualification';
import { hospitalDate, lastValidDay, reviewSettings, type ReviewSettings } from './settings';

interface QueueRow {
  id: string;
  patient_id: string;
  birth_date: string;
  department: string;
  author_id: string | null;
  author_name: string | null;
  submitted_at: Date | string;
  issued_on: string;
  validity_days: number;
  emergency: boolean;
  overridden: boolean;
  unacknowledged: number;
  alerts: string[];
  claimed_by: string | null;
  claimed_by_name: string | null;
  claim_expires_at: Date | string | null;
}

/**
 * The hospital's one review queue: every prescription waiting for review, claimed or not, in one
 * statement (one snapshot). Filters narrow it; the order is the review standard's idea of urgency:
 * emergency prescriptions, then high-alert drugs, then children and the elderly, then alerts the
 * prescriber overrode or never saw (the server's arrival check), then the longest wait.
 */
export async function reviewQueue(q: Queryable, user: AccountRecord, query: ReviewQueueQuery, now: Date): Promise<ReviewQueueResponse> {
  const settings = await reviewSettings(q);
  const rows = await q.query<QueueRow>(
    `SELECT r.id, r.patient_id, p.birth_date, coalesce(e.department, p.department) AS department,
            r.author_id, u.display_name AS author_name, coalesce(r.submitted_at, r.issued_on::date::timestamptz) AS submitted_at,
            r.issued_on, r.validity_days,
            coalesce((r.signed_payload::jsonb #>> '{checkedWith,visit,emergency}')::boolean, false) AS emergency,
            coalesce(jsonb_array_length(r.overrides::jsonb), 0) > 0 AS overridden,
            coalesce(r.arrival_unacknowledged, 0) AS unacknowledged,
            coalesce((SELECT array_agg(DISTINCT a ->> 'code') FROM jsonb_array_elements(r.arrival_check::jsonb -> 'alerts') a), '{}') AS alerts,
            c.pharmacist_id AS claimed_by, cu.display_name AS claimed_by_name, c.expires_at AS claim_expires_at
       FROM prescriptions r
       JOIN patients p ON p.id = r.patient_id
       LEFT JOIN encounters e ON e.id = r.encounter_id
       LEFT JOIN users u ON u.id = r.author_id
       LEFT JOIN review_claims c ON c.prescription_id = r.id AND c.expires_at > $1
       LEFT JOIN users cu ON cu.id = c.pharmacist_id
      WHERE r.status = 'submitted'
        AND ($2::text IS NULL OR coalesce(e.department, p.department) = $2)
        AND ($3::text IS NULL OR r.author_id = $3)`,
    [now, query.department ?? null, query.physicianId ?? null],
  );
  const today = hospitalDate(now, settings.timeZone);
  const items = rows
    .map((row) => itemOf(row, now, today, settings))
    .filter((item) => !query.alert || item.alerts.includes(query.alert))
    .sort(byUrgency);
  const counts = { waiting: 0, inReview: 0, amber: 0, red: 0, expired: 0 };
  for (const item of items) {
    counts[item.claim ? 'inReview' : 'waiting']++;
    if (item.clock !== 'green') counts[item.clock]++;
    if (item.expired) counts.expired++;
  }
  return {
    items: query.limit === undefined ? items : items.slice(0, query.limit), counts, limits: { amberMs: settings.amberMs, redMs: settings.redMs },
    mayClaim: user.roles.includes('pharmacist') && isQualifiedReviewer(await qualificationOf(q, user.id)),
  };
}

function itemOf(row: QueueRow, now: Date, today: string, settings: ReviewSettings): ReviewQueueItem {
  // ageOn reads a local date: noon of the hospital day, as local time, is that day everywhere.
  const age = ageOn(row.birth_date, new Date(`${today}T12:00:00`));
  const waitingMs = Math.max(0, now.getTime() - new Date(row.submitted_at).getTime());
  return {
    prescriptionId: row.id,
    patientId: row.patient_id,
    patientAge: age,
    department: row.department,
    prescriber: { id: row.author_id ?? '', name: row.author_name ?? '' },
    submittedAt: new Date(row.submitted_at).toISOString(),
    waitingMs,
    clock: waitingMs >= settings.redMs ? 'red' : waitingMs >= settings.amberMs ? 'amber' : 'green',
    expired: lastValidDay(row.issued_on, row.validity_days) < today,
    urgency: {
      emergency: row.emergency,
      highAlert: row.alerts.includes('HIGH_ALERT'),
      child: age < settings.childUnderYears,
      elderly: age >= settings.elderlyFromYears,
      overridden: row.overridden,
      unacknowledged: row.unacknowledged,
    },
    alerts: row.alerts,
    claim: row.claimed_by && row.claim_expires_at
      ? { pharmacistId: row.claimed_by, pharmacistName: row.claimed_by_name ?? '', expiresAt: new Date(row.claim_expires_at).toISOString() }
      : null,
  };
}

/** Most urgent first; ties by the longest wait, then by id so the order is stable. */
function byUrgency(a: ReviewQueueItem, b: ReviewQueueItem): number {
  const rank = (i: ReviewQueueItem) => [
    i.urgency.emergency, i.urgency.highAlert, i.urgency.child || i.urgency.elderly, i.urgency.overridden || i.urgency.unacknowledged > 0,
  ].map((flag) => (flag ? 0 : 1));
  const [ra, rb] = [rank(a), rank(b)];
  for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k]! - rb[k]!;
  return b.waitingMs - a.waitingMs || (a.prescriptionId < b.prescriptionId ? -1 : 1);
}
