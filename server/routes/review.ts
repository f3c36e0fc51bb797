import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ClaimRequest, ReviewDecision, ReviewQueueQuery, ReviewStatsQuery, ReviewerQualification } from '../../shared/review/wire';
import { IdParams } from '../../shared/sync/admin';
import { recordAdminAction } from '../admin/adminActions';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { parse } from '../http/errors';
import { claim, release } from '../review/claims';
import { decide } from '../review/decisions';
import { reviewDetail } from '../review/detail';
import { setQualification } from '../review/qualification';
import { reviewQueue } from '../review/queue';
import { reviewStatsCsv } from '../../shared/review/statsCsv';
import { reviewStats } from '../review/stats';

const QualificationBody = z.object({ reviewer: ReviewerQualification.nullable() }).strict();

/** Pharmacist review (shared/review/wire.ts); online calls, each applied once by its client id. */
export function reviewRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/review/queue', async (request) => {
    const { user } = authOf(request);
    return reviewQueue(deps.db, user, parse(ReviewQueueQuery, request.query, 'query'), deps.now());
  });

  app.get('/review/prescriptions/:id', async (request) => {
    const { id } = parse(IdParams, request.params, 'path');
    return reviewDetail(deps.db, id, deps.now());
  });

  app.post('/review/claims', async (request) => {
    const { user } = authOf(request);
    return claim(deps.db, user, parse(ClaimRequest, request.body, 'body'), deps.now());
  });

  app.post('/review/claims/release', async (request) => {
    const { user } = authOf(request);
    return release(deps.db, user, parse(ClaimRequest, request.body, 'body'), deps.now());
  });

  app.post('/review/decisions', async (request) => {
    const auth = authOf(request);
    return decide(deps.db, auth, parse(ReviewDecision, request.body, 'body'), deps.now());
  });

  // The pharmacy lead's view: turnaround, return and intervention rates; JSON, or CSV to export.
  app.get('/review/stats', async (request) => {
    return reviewStats(deps.db, parse(ReviewStatsQuery, request.query, 'query'));
  });
  app.get('/review/stats.csv', async (request, reply) => {
    const query = parse(ReviewStatsQuery, request.query, 'query');
    const csv = reviewStatsCsv(await reviewStats(deps.db, query));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="review-${query.from}-${query.to}.csv"`)
      .send(csv);
  });

  // 《医疗机构处方审核规范》第五条: an administrator records who is qualified to review.
  app.put('/admin/accounts/:id/reviewer', async (request) => {
    const auth = authOf(request);
    const { id } = parse(IdParams, request.params, 'path');
    const { reviewer } = parse(QualificationBody, request.body, 'body');
    await deps.db.transaction(async (tx) => {
      await setQualification(tx, id, reviewer);
      await recordAdminAction(tx, auth, deps.now(), 'account.reviewer', `user:${id}`, { reviewer });
    });
    return { id, reviewer };
  });
}
