import type { Role } from '../../../../shared/domain/roles';
import { useReviewNotices } from './reviewNoticesStore';
import { useReviewQueue } from './reviewQueueStore';
import { useReviewScreen } from './reviewScreenStore';

/**
 * A pharmacist's workspace is the review queue (issue 10); an account that also prescribes keeps
 * the physician's workspace, where the review outcomes of its prescriptions show.
 */
export const isPharmacistMode = (roles: readonly Role[]): boolean => roles.includes('pharmacist') && !roles.includes('physician');

/** Forgets the signed-out user's queue, open item and notices: the next user on this workstation sees none of it. */
export function resetReview(): void {
  useReviewQueue.getState().reset();
  useReviewScreen.getState().reset();
  useReviewNotices.getState().reset();
}
