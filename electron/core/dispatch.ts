import type { z } from 'zod';
import { contract, isChannel, requiresFreshVerification, requiresVerifiedSession, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc';
import { AppFailure, fail, ok, type Result } from '../../shared/result';
import type { Session, SessionService } from './session/sessionService';

export interface CallContext {
  connectionId: string;
  /** Present for every channel that is not public. */
  session: Session | null;
}

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  call: CallContext,
) => ResponseOf<C> | Promise<ResponseOf<C>>;
export type HandlerGroup<C extends Channel> = { [K in C]: Handler<K> };
export type Handlers = HandlerGroup<Channel>;

/** The session of a call to a non-public channel (the dispatcher has already authorised it). */
export function sessionOf({ session }: CallContext): Session {
  if (!session) throw new AppFailure('UNAUTHENTICATED', 'Sign in first.');
  return session;
}

export type Dispatch = (channel: unknown, payload: unknown, connectionId: string) => Promise<Result<unknown>>;

/**
 * The single gate between a transport and the services: an unknown channel, a missing session or a
 * wrong role, and a request that does not match its schema each get a typed error, in that order,
 * and no handler ever sees unvalidated input.
 */
export function createDispatch(handlers: Handlers, sessions: SessionService, log: (line: string) => void): Dispatch {
  return async (channel, payload, connectionId) => {
    if (!isChannel(channel)) {
      return fail('UNKNOWN_CHANNEL', `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    }
    const def = contract[channel];
    try {
      // The one gate for roles, locked screens, read-only sessions and fresh checks (SessionService.authorise),
      // before validation: a caller who may not use a channel learns nothing of its schema.
      const session =
        def.access === 'public'
          ? null
          : sessions.authorise(connectionId, def.access, { verifiedSession: requiresVerifiedSession(channel), freshVerification: requiresFreshVerification(channel) });
      const parsed = (def.request as z.ZodType).safeParse(payload ?? {});
      if (!parsed.success) return fail('INVALID_REQUEST', describeIssues(channel, parsed.error));
      const handler = handlers[channel] as Handler<Channel>;
      const value = await handler(parsed.data as ParsedRequestOf<Channel>, { connectionId, session });
      return ok((def.response as z.ZodType).parse(value));
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.code, error.message);
      // Only the error's kind and place are logged: messages may quote patient data.
      log(`internal error on ${channel}: ${stackWithoutMessage(error)}`);
      return fail('INTERNAL', 'Something went wrong inside CareDesk; the action was not completed.');
    }
  };
}

function describeIssues(channel: Channel, error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`);
  return `Invalid request for ${channel}: ${issues.join('; ')}.`;
}

/** The error's kind and frames, without its message (which may hold patient data). */
function stackWithoutMessage(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [error.name, ...frames.slice(0, 8)].join('\n');
}
