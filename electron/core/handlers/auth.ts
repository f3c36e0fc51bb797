import type { SessionService } from '../session/sessionService';
import type { HandlerGroup } from '../dispatch';

export const authHandlers = (sessions: SessionService) =>
  ({
    'auth:signIn': ({ account, password }, { connectionId }) => sessions.signIn(connectionId, account, password),
    'auth:current': (_request, { connectionId }) => sessions.info(connectionId),
    'auth:signOut': (_request, { connectionId }) => ({ signedOut: sessions.signOut(connectionId) }),
  }) satisfies HandlerGroup<'auth:signIn' | 'auth:current' | 'auth:signOut'>;
