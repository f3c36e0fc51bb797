import { AppFailure } from '../../../shared/result';
import type { HandlerGroup } from '../dispatch';

const notYet = (): never => {
  throw new AppFailure('NOT_IMPLEMENTED', 'Face verification is not wired yet.');
};

/** Face channels (shared/ipc/faceChannels.ts); stubs until the session integration lands. */
export const faceHandlers = () =>
  ({
    'auth:openReadOnly': notYet,
    'face:begin': notYet,
    'face:frame': notYet,
    'face:finish': notYet,
    'face:cancel': notYet,
    'face:status': notYet,
    'face:withdraw': notYet,
    'face:enrollment:list': notYet,
    'face:policy:get': notYet,
    'face:policy:set': notYet,
  }) satisfies HandlerGroup<
    | 'auth:openReadOnly'
    | 'face:begin'
    | 'face:frame'
    | 'face:finish'
    | 'face:cancel'
    | 'face:status'
    | 'face:withdraw'
    | 'face:enrollment:list'
    | 'face:policy:get'
    | 'face:policy:set'
  >;
