import { AppFailure } from '../../../shared/result';
import type { HandlerGroup } from '../dispatch';

export type ReviewChannel =
  | 'review:queue'
  | 'review:claim'
  | 'review:release'
  | 'review:detail'
  | 'review:decide'
  | 'review:reasons'
  | 'review:notices'
  | 'review:acknowledge';

const notYet = (): never => {
  throw new AppFailure('NOT_IMPLEMENTED', 'Pharmacist review is not available on this workstation yet.');
};

export const reviewHandlers = () =>
  ({
    'review:queue': notYet,
    'review:claim': notYet,
    'review:release': notYet,
    'review:detail': notYet,
    'review:decide': notYet,
    'review:reasons': notYet,
    'review:notices': notYet,
    'review:acknowledge': notYet,
  }) satisfies HandlerGroup<ReviewChannel>;
