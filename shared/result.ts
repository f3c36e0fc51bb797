import { adminErrorCodes } from './admin/errors';
import { adrErrorCodes } from './adr/errors';
import { emrErrorCodes } from './emr/errors';
import { faceErrorCodes } from './face/errors';
import { printErrorCodes } from './print/output';
import { rxRiskErrorCodes } from './rx/riskErrors';

/**
 * Results cross every boundary (IPC, the loopback host, the worker) as data, because Electron's
 * `invoke` carries only an error's message, not its type.
 */
export const errorCodes = [
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_CREDENTIALS',
  'ACCOUNT_SUSPENDED',
  'DEVICE_NOT_APPROVED',
  /** The account has no offline verifier on this workstation (an admin, or never signed in here online). */
  'SERVER_REQUIRED',
  'STORE_UNAVAILABLE',
  /** Signing needs the identity proven again (password re-prompt until face sign-in exists). */
  'STEP_UP_REQUIRED',
  /** The workstation has not synced recently enough to sign (DESIGN.md "Trust"). */
  'SYNC_REQUIRED',
  /** A prescription still has blocking alerts, or overrides without a reason. */
  'CHECKS_UNRESOLVED',
  /** The user's signing key has no certificate from the hospital CA yet: sign in online once. */
  'SIGNING_KEY_NOT_CERTIFIED',
  /** An online-only call (review claims and decisions) while the hospital server cannot be reached. */
  'SERVER_UNREACHABLE',
  /** The hospital server refused an online call for a reason the workstation has no code of its own for (its code is in the message). */
  'SERVER_REFUSED',
  /** The pharmacist is not recorded as a qualified prescription reviewer (《医疗机构处方审核规范》第五条). */
  'REVIEWER_NOT_QUALIFIED',
  /** Nobody reviews a prescription they wrote. */
  'SELF_REVIEW',
  /** Another pharmacist holds the review lease. */
  'CLAIMED_BY_OTHER',
  /** The decision needs this pharmacist's own lease, which they do not hold (expired or never taken). */
  'NOT_CLAIMED',
  /** Past its last valid day: it can be returned, not approved. */
  'EXPIRED',
  /** The prescription is no longer waiting for review (decided, voided or superseded). */
  'NOT_REVIEWABLE',
  ...faceErrorCodes,
  ...emrErrorCodes,
  ...adminErrorCodes,
  ...rxRiskErrorCodes,
  ...printErrorCodes,
  ...adrErrorCodes,
  /** The hospital revoked the user's signing key: the next online sign-in registers a new one. */
  'SIGNING_KEY_REVOKED',
  /** An imported file (the console's formulary import) is not what it should be: nothing changed. */
  'INVALID_FILE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** Thrown inside services; the dispatcher turns it into a failed Result. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
