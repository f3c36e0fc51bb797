import type { Change, PullQuery, PullResponse } from '../../shared/sync/wire';
import type { Role } from '../../shared/domain/roles';
import { globalTables } from '../../shared/sync/rows';
import type { Queryable } from '../db/types';
import type { FaceTemplateKey } from '../face/templateKey';
import { deliverFaceTemplates, deviceAudience } from './faceTemplates';
import { keptPatients, reviewScopePatients, scopeDigest } from './reviewScope';

export interface PullScope {
  userId: string;
  /** The device pulling: it also receives changes addressed to it (`device:<id>`, feed/faceTemplates.ts). */
  deviceId: string;
  roles: readonly Role[];
  department: string;
  scopeEpoch: number;
  /** The server's clock: a pharmacist's window of reviewed prescriptions ends with it (reviewScope.ts). */
  now: Date;
}

/**
 * The changes after a cursor that a user may see, in seq order. Scope (DESIGN.md):
 *  - everyone: the global tables: users (accounts as shown; no password hashes, item 9) and the
 *    hospital formulary;
 *  - physician: every change to a patient of their department, and to any patient they have
 *    written about (patient_access), so their own work follows them after a move;
 *  - pharmacist: changes flagged `review` (prescriptions sent for review, and their patient's
 *    context, re-sent when a prescription is submitted) of the patients in their review scope
 *    (waiting for review, or reviewed by them within the window: reviewScope.ts), plus patients
 *    they wrote about. A patient leaving that scope is named by its absence from `keptPatients`;
 *  - a change with an `audience` goes to that user only, whatever the rules above: the chart of a
 *    patient whose access the user just gained (feed/backfill.ts), the user's roaming face
 *    template (feed/faceTemplates.ts); one with the audience `device:<id>` goes to every user
 *    pulling on that device (a withdrawn template's tombstone for the device that enrolled it).
 * Scope is decided on the current department, so a move takes effect at the next pull; the epoch
 * tells the client to restart from 0 (see wire.ts).
 * One statement: it sees one snapshot, and because seq order is commit order a change can only
 * ever appear after the highest seq already returned.
 */
export async function pullChanges(db: Queryable, scope: PullScope, query: PullQuery, faceTemplateKey: FaceTemplateKey | null): Promise<PullResponse> {
  const reset = query.scopeEpoch !== scope.scopeEpoch;
  const cursor = reset ? 0 : query.cursor;
  const physicianDepartment = scope.roles.includes('physician') ? scope.department : null;
  const pharmacist = scope.roles.includes('pharmacist');
  const reviewScope = pharmacist ? await reviewScopePatients(db, scope.userId, scope.now) : [];
  const rows = await db.query<{ seq: number; table_name: string; row: unknown; client_time: string | null; clock_skewed: boolean; mutation_id: string | null }>(
    `SELECT c.seq, c.table_name, c.row, c.client_time, c.clock_skewed, c.mutation_id
       FROM changes c
      WHERE c.seq > $1
        AND ((c.audience IS NULL
              AND (c.table_name = ANY($6::text[])
                OR c.patient_id IN (SELECT id FROM patients WHERE department = $2::text)
                OR c.patient_id IN (SELECT patient_id FROM patient_access WHERE user_id = $3)
                OR ($4 AND c.review AND c.patient_id IN (SELECT unnest($8::text[])))))
          OR c.audience = $3 OR c.audience = $9)
        AND ($7::text[] IS NULL OR c.table_name = ANY($7::text[]))
      ORDER BY c.seq
      LIMIT $5`,
    [cursor, physicianDepartment, scope.userId, pharmacist, query.limit + 1, globalTables, query.tables ?? null, reviewScope, deviceAudience(scope.deviceId)],
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? keepGroupsWhole(rows.slice(0, query.limit), rows[query.limit]!) : rows;
  // The feed only holds rows built from wire schemas (projection.ts), so this shape is trusted.
  const fromFeed = page.map((r) => ({ seq: r.seq, table: r.table_name, row: r.row, clientTime: r.client_time, clockSkewed: r.clock_skewed }) as Change);
  // Roaming templates are decrypted into the answer, never kept in the feed (faceTemplates.ts).
  const changes = await deliverFaceTemplates(db, scope.userId, fromFeed, faceTemplateKey, scope.now);
  const nextCursor = page.at(-1)?.seq ?? cursor;
  // The feed's newest seq (its primary key, so an index lookup): the far end of a progress bar,
  // and with the identity and the marks, how a client notices a feed that went back in time.
  // The mark is of the cursor the client sent, even on a reset: a restored feed resets scopes too.
  const [feed] = await db.query<{ latest: number; feed_id: string; cursor_mark: string | null; next_mark: string | null }>(
    `SELECT coalesce((SELECT max(seq) FROM changes), 0) AS latest, (SELECT feed_id FROM feed_identity) AS feed_id,
            (SELECT ${changeMark} FROM changes WHERE seq = $1) AS cursor_mark,
            (SELECT ${changeMark} FROM changes WHERE seq = $2) AS next_mark`,
    [query.cursor, nextCursor],
  );
  // Read after the page, so it is never below a seq the page returned.
  const latestSeq = Math.max(feed?.latest ?? 0, nextCursor);
  // A physician's department is too large to list: a pharmacist who is also a physician keeps it
  // by name, on top of the listed patients (wire.ts, keptPatients.department).
  const kept = !hasMore && pharmacist && query.keptDigest !== undefined
    ? await keptPatients(db, scope.userId, reviewScope)
    : null;
  const keptDigest = kept && scopeDigest(kept, physicianDepartment);
  return {
    scopeEpoch: scope.scopeEpoch, reset, changes, nextCursor, hasMore, latestSeq,
    ...(feed ? { feedId: feed.feed_id, cursorMark: feed.cursor_mark, nextMark: feed.next_mark } : {}),
    ...(kept && keptDigest
      ? { keptPatients: { digest: keptDigest, ...(physicianDepartment === null ? {} : { department: physicianDepartment }), ...(keptDigest === query.keptDigest ? {} : { patients: kept }) } }
      : {}),
  };
}

/**
 * The rows of one mutation (a push, a settings change of several keys) share its id and follow
 * each other in the feed: a page that would end inside such a group ends before it, so the client
 * applies the group in one transaction (its page) or not yet. A group longer than the whole page
 * cannot be kept whole and is split as before.
 */
function keepGroupsWhole<T extends { mutation_id: string | null }>(page: T[], next: T): T[] {
  const group = next.mutation_id;
  if (group === null || page.at(-1)?.mutation_id !== group) return page;
  let end = page.length;
  while (end > 0 && page[end - 1]!.mutation_id === group) end -= 1;
  return end === 0 ? page : page.slice(0, end);
}

/**
 * A change's fingerprint: what a seq held when the client read it. A feed restored from an
 * earlier backup hands the same seq to another change, with another row, mutation or commit time.
 * Microseconds since the epoch, not timestamptz text, so the session's time zone plays no part.
 */
const changeMark = `left(encode(sha256(convert_to(concat_ws('/', seq, row_id, coalesce(mutation_id, ''), (extract(epoch FROM committed_at) * 1000000)::bigint), 'UTF8')), 'hex'), 32)`;
