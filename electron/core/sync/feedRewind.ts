import type { RewindCode } from '../../../shared/ipc/adminChannels';
import type { AuditSubject } from '../../../shared/audit/subjects';
import { wireTables, type PullResponse } from '../../../shared/sync';
import type { Actor } from '../store/audit';
import type { auditLog } from '../store/audit';
import type { Db } from '../store/database';
import type { OutboxTable } from '../store/outbox';
import type { FeedRewind, PullPosition, SyncStateTable } from './syncState';

/**
 * How long a mutation the server confirmed is kept after it left the outbox, to be sent again if
 * the server goes back in time. A hospital restores from a backup within days of the loss, or
 * fails over to a replica within minutes; past a week the server's own durability is the record.
 */
export const settledRetentionMs = 7 * 24 * 60 * 60 * 1000;

/**
 * How the feed was found gone back in time: a code (with the positions) the admin screen shows in
 * the user's language, and the same in English for the log and the audit chain.
 */
export type Rewind = Pick<FeedRewind, 'code' | 'cursor' | 'latestSeq' | 'reason'> & { code: RewindCode };

/**
 * Why this page shows that the server's feed is not the one this workstation pulled from, or went
 * back in time (issue 8, item 6; the protocol: shared/sync/wire.ts), or null. A restored backup
 * has lost the last changes it confirmed: the cursor may be past its end, or, once new changes
 * have reused those seqs, the change at the cursor is another one.
 */
export function rewindOf(position: PullPosition, knownFeedId: string | null, page: PullResponse): Rewind | null {
  const { cursor } = position;
  if (page.feedId !== undefined && knownFeedId !== null && page.feedId !== knownFeedId) {
    return { code: 'other-feed', cursor, reason: 'the server answers from another feed' };
  }
  if (cursor > 0 && page.latestSeq !== undefined && cursor > page.latestSeq) {
    return { code: 'feed-behind-cursor', cursor, latestSeq: page.latestSeq, reason: `the feed ends at ${page.latestSeq}, before this workstation's cursor ${cursor}` };
  }
  if (position.mark && page.cursorMark !== undefined && page.cursorMark !== position.mark) {
    return { code: 'cursor-change-differs', cursor, reason: `the change at this workstation's cursor ${cursor} is not the one it read` };
  }
  return null;
}

/**
 * The server lost changes it had confirmed: in one transaction, every mutation settled within the
 * retention window goes back into the outbox, in the order made (the server answers `applied` for
 * what it lost and `duplicate` for what it kept); every user pulls again from 0, and every cached
 * row takes the next copy the feed sends (their seqs belong to the old timeline); the audit chain
 * is uploaded again from its start (what the server still holds is a harmless replay); and it is
 * recorded in the audit log and for the admin screen.
 */
export function recoverFromRewind(
  deps: { db: Db; outbox: OutboxTable; state: SyncStateTable; audit: ReturnType<typeof auditLog>; actor: Actor; subject: AuditSubject; now: () => number },
  found: Rewind,
  feedId: string | undefined,
): FeedRewind {
  const { db, outbox, state, audit } = deps;
  return db.transaction(() => {
    const resent = outbox.resendSettled();
    state.forgetPositions();
    state.forgetAuditUploaded();
    for (const table of wireTables) db.prepare(`UPDATE ${table} SET feed_seq = NULL WHERE feed_seq IS NOT NULL`).run();
    if (feedId !== undefined) state.setFeedId(feedId);
    const rewind: FeedRewind = { at: new Date(deps.now()).toISOString(), ...found, resent };
    state.setFeedRewind(rewind);
    audit.append(deps.actor, 'sync.feed-rewound', deps.subject, { reason: found.reason, resent });
    return rewind;
  })();
}
