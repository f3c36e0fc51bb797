import { isQualifiedReviewer, queuePageSize, type ReviewQueueItem, type ReviewQueueQuery, type ReviewQueueResponse } from '../../shared/review/wire';
import type { AccountRecord } from '../auth/accounts';
import type { Queryable } from '../db/types';
import { qualificationOf } from './qualification';
import { hospitalDate, reviewSettings } from './settings';

interface PageRow {
  id: string;
  department: string;
  author_id: string | null;
  author_name: string | null;
  age: number;
  waiting_ms: number;
  expired: boolean;
  emergency: boolean;
  high_alert: boolean;
  overridden: boolean;
  unacknowledged: number;
  /** The arrival check's alert codes, as many times as the check raised each. */
  alerts: string[];
  claimed_by: string | null;
  claimed_by_name: string | null;
  claim_expires_at: string | null;
}

interface QueueAnswer {
  items: PageRow[];
  counts: ReviewQueueResponse['counts'];
  facets: { departments: string[]; physicians: { id: string; name: string }[]; alerts: string[] };
}

/**
 * The hospital's one review queue: every prescription waiting for review, claimed or not, in one
 * statement (one snapshot), so the page, its counts and the filter choices agree. The database
 * orders and pages it: a busy hospital has thousands waiting and a screen shows a page. The order
 * is the review standard's idea of urgency: emergency prescriptions, then high-alert drugs, then
 * children and the elderly, then alerts the prescriber overrode or never saw (the server's arrival
 * check), then the longest wait. Counts follow the filters; the filter choices (departments,
 * physicians, alert types) cover the whole queue, so a filter never hides its own options.
 */
export async function reviewQueue(q: Queryable, user: AccountRecord, query: ReviewQueueQuery, now: Date): Promise<ReviewQueueResponse> {
  const settings = await reviewSettings(q);
  const today = hospitalDate(now, settings.timeZone);
  const [answer] = await q.query<{ answer: QueueAnswer }>(
    `WITH queue AS (
       SELECT r.id, coalesce(e.department, p.department) AS department, r.author_id,
              date_part('year', age($5::date, p.birth_date::date))::int AS age,
              greatest(0, extract(epoch FROM $1::timestamptz - coalesce(r.submitted_at, r.issued_on::date::timestamptz)) * 1000)::bigint AS waiting_ms,
              -- 《处方管理办法》第十八条: valid on the day of issue and the validity days after it.
              r.issued_on::date + r.validity_days - 1 < $5::date AS expired,
              r.queue_emergency AS emergency, r.queue_overridden AS overridden,
              coalesce(r.arrival_unacknowledged, 0) AS unacknowledged, r.queue_alerts AS alerts,
              c.pharmacist_id AS claimed_by, c.expires_at AS claim_expires_at
         FROM prescriptions r
         JOIN patients p ON p.id = r.patient_id
         LEFT JOIN encounters e ON e.id = r.encounter_id
         LEFT JOIN review_claims c ON c.prescription_id = r.id AND c.expires_at > $1
        WHERE r.status = 'submitted'),
     filtered AS (
       SELECT * FROM queue
        WHERE ($2::text IS NULL OR department = $2) AND ($3::text IS NULL OR author_id = $3) AND ($4::text IS NULL OR alerts ? $4)),
     page AS (
       SELECT f.*, f.alerts ? 'HIGH_ALERT' AS high_alert, u.display_name AS author_name, cu.display_name AS claimed_by_name
         FROM filtered f
         LEFT JOIN users u ON u.id = f.author_id
         LEFT JOIN users cu ON cu.id = f.claimed_by
        ORDER BY f.emergency DESC, f.alerts ? 'HIGH_ALERT' DESC, (f.age < $6 OR f.age >= $7) DESC,
                 (f.overridden OR f.unacknowledged > 0) DESC, f.waiting_ms DESC, f.id COLLATE "C"
        LIMIT $10)
     SELECT json_build_object(
       'items', (SELECT coalesce(json_agg(page), '[]') FROM page),
       'counts', (SELECT json_build_object(
                    'waiting', count(*) FILTER (WHERE claimed_by IS NULL), 'inReview', count(*) FILTER (WHERE claimed_by IS NOT NULL),
                    'amber', count(*) FILTER (WHERE waiting_ms >= $8 AND waiting_ms < $9), 'red', count(*) FILTER (WHERE waiting_ms >= $9),
                    'expired', count(*) FILTER (WHERE expired)) FROM filtered),
       'facets', json_build_object(
         'departments', (SELECT coalesce(json_agg(DISTINCT department ORDER BY department), '[]') FROM queue),
         'physicians', (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.display_name) ORDER BY u.display_name, u.id), '[]')
                          FROM users u WHERE u.id IN (SELECT author_id FROM queue)),
         'alerts', (SELECT coalesce(json_agg(DISTINCT a ORDER BY a), '[]') FROM queue, jsonb_array_elements_text(queue.alerts) a))) AS answer`,
    [now, query.department ?? null, query.physicianId ?? null, query.alert ?? null, today, settings.childUnderYears, settings.elderlyFromYears,
      settings.amberMs, settings.redMs, query.limit ?? queuePageSize],
  );
  const { items, counts, facets } = answer!.answer;
  return {
    items: items.map((row) => itemOf(row, settings)),
    counts,
    facets,
    limits: { amberMs: settings.amberMs, redMs: settings.redMs },
    mayClaim: user.roles.includes('pharmacist') && isQualifiedReviewer(await qualificationOf(q, user.id)),
  };
}

function itemOf(row: PageRow, settings: { amberMs: number; redMs: number; childUnderYears: number; elderlyFromYears: number }): ReviewQueueItem {
  const waitingMs = Number(row.waiting_ms);
  return {
    prescriptionId: row.id,
    patientAge: Math.max(0, row.age),
    department: row.department,
    prescriber: { id: row.author_id ?? '', name: row.author_name ?? '' },
    waitingMs,
    clock: waitingMs >= settings.redMs ? 'red' : waitingMs >= settings.amberMs ? 'amber' : 'green',
    expired: row.expired,
    urgency: {
      emergency: row.emergency,
      highAlert: row.high_alert,
      child: row.age < settings.childUnderYears,
      elderly: row.age >= settings.elderlyFromYears,
      overridden: row.overridden,
      unacknowledged: row.unacknowledged,
    },
    alerts: [...new Set(row.alerts)].sort(),
    claim: row.claimed_by && row.claim_expires_at
      ? { pharmacistId: row.claimed_by, pharmacistName: row.claimed_by_name ?? '', expiresAt: new Date(row.claim_expires_at).toISOString() }
      : null,
  };
}
