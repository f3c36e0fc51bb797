import { canonicalJson } from '../../shared/domain/canonical';
import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';

/**
 * Review calls carry a client-made id and are applied once: the answer is stored with the id in
 * the transaction that did the work, and a replay gets the stored answer. The caller locks the
 * prescription row first, so two copies of one call are serialised and the second finds the
 * first's answer. A refusal is not stored: asked again, the call is judged afresh.
 */
export async function storedAnswer<T>(tx: Queryable, id: string, userId: string, request: unknown): Promise<T | null> {
  const [row] = await tx.query<{ user_id: string; request: unknown; answer: T }>(`SELECT user_id, request, answer FROM review_requests WHERE id = $1`, [id]);
  if (!row) return null;
  if (row.user_id !== userId) throw new HttpError(409, 'CONFLICT', 'this request id was used by another account');
  if (canonicalJson(row.request) !== canonicalJson(request)) throw new HttpError(409, 'CONFLICT', 'this request id was used for another request');
  return row.answer;
}

export async function storeAnswer(tx: Queryable, id: string, userId: string, kind: 'claim' | 'release' | 'decision', request: unknown, answer: unknown, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO review_requests (id, user_id, kind, request, answer, received_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, userId, kind, JSON.stringify(request), JSON.stringify(answer), now],
  );
}
