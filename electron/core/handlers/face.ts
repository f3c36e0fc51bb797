import { sessionOf, type HandlerGroup } from '../dispatch';
import type { HospitalAdmin } from '../admin/hospitalAdmin';
import type { FaceVerification } from '../face/faceVerification';
import type { SessionService } from '../session/sessionService';

/**
 * Face channels (shared/ipc/faceChannels.ts). begin/frame/finish/cancel/status are public because a
 * sign-in and an unlock happen without a usable session; faceVerification.ts decides per purpose
 * who may go on (the pending sign-in, the locked session's own user, the session, an admin).
 */
export const faceHandlers = (face: FaceVerification, sessions: SessionService, settings: HospitalAdmin) =>
  ({
    'auth:openReadOnly': (_request, { connectionId }) => sessions.openReadOnly(connectionId),
    'face:begin': (request, { connectionId }) => face.begin(connectionId, request),
    'face:frame': ({ attemptId, jpeg }, { connectionId }) => face.frame(connectionId, attemptId, jpeg),
    'face:finish': ({ attemptId }, { connectionId }) => face.finish(connectionId, attemptId),
    'face:cancel': ({ attemptId }, { connectionId }) => face.cancel(connectionId, attemptId),
    'face:status': (_request, { connectionId }) => face.status(connectionId),
    'face:withdraw': ({ userId }, call) => face.withdraw(sessionOf(call), userId),
    'face:roaming:get': ({ userId }, call) => face.roamingStatus(sessionOf(call), userId),
    'face:roaming:set': ({ userId, consent }, call) => face.setRoaming(sessionOf(call), userId, consent),
    'face:enrollment:list': () => face.enrollmentList(),
    'face:policy:get': () => face.policy(),
    // The hospital's policy where a server is configured (issue 12), else this workstation's.
    'face:policy:set': ({ policy }, call) => settings.setFacePolicy(sessions.actorOf(sessionOf(call)), policy),
  }) satisfies HandlerGroup<
    | 'auth:openReadOnly'
    | 'face:begin'
    | 'face:frame'
    | 'face:finish'
    | 'face:cancel'
    | 'face:status'
    | 'face:withdraw'
    | 'face:roaming:get'
    | 'face:roaming:set'
    | 'face:enrollment:list'
    | 'face:policy:get'
    | 'face:policy:set'
  >;
