import { returnReasons } from '../../../shared/review/reasons';
import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';
import type { ReviewNotices } from '../review/reviewNotices';
import type { ReviewService } from '../review/reviewService';
import type { Actor } from '../store/audit';

export type ReviewChannel =
  | 'review:queue'
  | 'review:claim'
  | 'review:release'
  | 'review:detail'
  | 'review:decide'
  | 'review:stats'
  | 'review:reasons'
  | 'review:notices'
  | 'review:acknowledge';

/** The return reasons as the form lists them: codes, both labels and the clause each cites. */
const reasonsView = {
  categories: returnReasons.categories.map((c) => ({ code: c.code, zh: c.zh, en: c.en, source: c.source, reasons: c.reasons.map(({ code, zh, en, source }) => ({ code, zh, en, source })) })),
};

export const reviewHandlers = (service: ReviewService, notices: ReviewNotices, actorOf: (call: CallContext) => Actor) =>
  ({
    'review:queue': (query, call) => service.queue(query, sessionOf(call)),
    'review:claim': (request, call) => service.claim(request, sessionOf(call)),
    'review:release': (request, call) => service.release(request, sessionOf(call)),
    'review:detail': ({ prescriptionId }, call) => service.detail(prescriptionId, sessionOf(call)),
    'review:decide': (request, call) => service.decide(request, sessionOf(call), call.connectionId, actorOf(call)),
    'review:stats': (query, call) => service.stats(query, sessionOf(call)),
    'review:reasons': () => reasonsView,
    'review:notices': (_request, call) => ({ notices: notices.list(sessionOf(call)) }),
    'review:acknowledge': ({ kind, prescriptionId }, call) => notices.acknowledge(sessionOf(call), kind, prescriptionId),
  }) satisfies HandlerGroup<ReviewChannel>;
