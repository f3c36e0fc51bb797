/**
 * The pharmacist's review on the workstation (issue 10): the shared queue, leases and signed
 * decisions, all held by the hospital server and reached through it (reviewServer.ts). Offline the
 * last fetched queue is shown read-only, and nothing is claimed or decided: a lease is the
 * server's, so a decision made without it could contradict another pharmacist's.
 */
import type { ReviewDetailView, ReviewQueueView } from '../../../shared/ipc/reviewChannels';
import { subjectOf } from '../../../shared/audit/subjects';
import { canonicalJson } from '../../../shared/domain/canonical';
import { AppFailure } from '../../../shared/result';
import { DecisionResponse, ReviewDecision, ReviewDecisionDocument, ReviewQueueResponse, type ReviewQueueQuery, type ReviewStatsQuery } from '../../../shared/review/wire';
import { spendRequestProof, verifyRequestProof } from '../face/requestVerification';
import type { SigningProofs } from '../face/signingProofs';
import type { Session, SessionService } from '../session/sessionService';
import type { DeviceSyncFacts } from '../session/signingFreshness';
import type { Signer } from '../signing/signer';
import type { Actor } from '../store/audit';
import { auditLog } from '../store/audit';
import type { Db } from '../store/database';
import { certificatesTable } from '../store/certificates';
import { patientsTable } from '../store/patients';
import { prescriptionsTable } from '../store/prescriptions';
import { readOnly } from '../store/database';
import { reviewTables } from '../store/reviewTables';
import { buildReviewDetail } from './reviewDetail';
import { ReviewUnreachable, type ReviewServer } from './reviewServer';

export interface ReviewDeps {
  db: Db;
  now: () => number;
  server: ReviewServer;
  sessions: SessionService;
  signer: Signer;
  faceProofs: SigningProofs;
  deviceSync: () => DeviceSyncFacts;
}

export interface DecideRequest {
  decisionId: string;
  prescriptionId: string;
  decision: 'approve' | 'return' | 'intervene';
  reasons: string[];
  note: string;
  intervention: { recommendation: string; physicianResponse: 'accepted' | 'declined' | 'pending' } | null;
  password?: string | undefined;
  faceAttemptId?: string | undefined;
}

export function reviewService(deps: ReviewDeps) {
  const tables = reviewTables(deps.db);
  const prescriptions = prescriptionsTable(deps.db);
  const patients = patientsTable(readOnly(deps.db));
  const certificates = certificatesTable(readOnly(deps.db));
  const audit = auditLog(deps.db, deps.now);
  const isoNow = () => new Date(deps.now()).toISOString();

  /** Nobody reviews a prescription they wrote: said here too, before the server is asked. */
  function refuseOwn(prescriptionId: string, session: Session): void {
    if (prescriptions.get(prescriptionId)?.authorId === session.userId) {
      throw new AppFailure('SELF_REVIEW', 'You wrote this prescription: another pharmacist must review it.');
    }
  }

  async function queue(query: ReviewQueueQuery, session: Session): Promise<ReviewQueueView> {
    try {
      const fresh = await deps.server.queue(session.userId, query);
      const fetchedAt = isoNow();
      tables.cacheQueue(session.userId, JSON.stringify(query), JSON.stringify(fresh), fetchedAt);
      return { ...fresh, readOnly: false, readOnlyReason: null, fetchedAt };
    } catch (error) {
      if (!(error instanceof ReviewUnreachable)) throw error;
      return cachedQueue(query, session, error.message);
    }
  }

  /** The last queue this user fetched here, narrowed to the filters asked for, read-only. */
  function cachedQueue(query: ReviewQueueQuery, session: Session, why: string): ReviewQueueView {
    const cached = tables.cachedQueue(session.userId);
    const parsed = cached ? ReviewQueueResponse.safeParse(JSON.parse(cached.response)) : null;
    if (!cached || !parsed?.success) {
      return {
        items: [], counts: { waiting: 0, inReview: 0, amber: 0, red: 0, expired: 0 }, facets: { departments: [], physicians: [], alerts: [] },
        limits: { amberMs: 0, redMs: 0 }, mayClaim: false,
        readOnly: true, readOnlyReason: `${why} No queue has been fetched on this workstation yet.`, fetchedAt: isoNow(),
      };
    }
    const items = parsed.data.items.filter(
      (i) => (!query.department || i.department === query.department) && (!query.physicianId || i.prescriber.id === query.physicianId) && (!query.alert || i.alerts.includes(query.alert)),
    );
    return { ...parsed.data, items: query.limit === undefined ? items : items.slice(0, query.limit), mayClaim: false, readOnly: true, readOnlyReason: `${why} Showing the queue as fetched at ${cached.fetched_at}.`, fetchedAt: cached.fetched_at };
  }

  async function claim(request: { requestId: string; prescriptionId: string }, session: Session) {
    refuseOwn(request.prescriptionId, session);
    return deps.server.claim(session.userId, request);
  }

  async function detail(prescriptionId: string, session: Session): Promise<ReviewDetailView> {
    const server = await deps.server.detail(session.userId, prescriptionId);
    return buildReviewDetail(server, { patients, prescriptions, certificates, pulledDecision: tables.pulledDecision, nowMs: deps.now(), viewerId: session.userId });
  }

  /**
   * Signs the decision document with the pharmacist's own key after a fresh verification (the
   * session service's signing rule, the same as a prescriber's), and sends it. The signed decision
   * is stored with its id before it is sent: a replayed call, or one whose answer was lost, sends
   * the same signed bytes again and gets the server's first answer, so it is applied once.
   */
  async function decide(request: DecideRequest, session: Session, connectionId: string, actor: Actor): Promise<DecisionResponse> {
    const { password, faceAttemptId, ...asked } = request;
    const requestJson = canonicalJson(asked);
    const earlier = tables.send(request.decisionId);
    if (earlier) {
      if (earlier.user_id !== session.userId || earlier.request !== requestJson) {
        throw new AppFailure('CONFLICT', 'This decision id was already used for another decision.');
      }
      if (earlier.answer !== null) return DecisionResponse.parse(JSON.parse(earlier.answer));
      return send(request.decisionId, ReviewDecision.parse(JSON.parse(earlier.decision)), session);
    }
    refuseOwn(request.prescriptionId, session);
    // A review decision, like a high-alert signature, needs a verification made for this request
    // (issue 9): an accepted face check, or the password where the site's policy allows it.
    const verifiedInRequest = (await verifyRequestProof(deps, { faceAttemptId, password }, connectionId, session.userId)) !== null;
    const allowed = deps.sessions.maySign(session, { kind: 'review-decision' }, { verifiedInRequest, device: deps.deviceSync() });
    if (!allowed.ok) throw new AppFailure(allowed.code, allowed.message);
    spendRequestProof(deps, { faceAttemptId }, session.userId);
    const parsed = ReviewDecisionDocument.safeParse({
      decisionId: request.decisionId,
      prescriptionId: request.prescriptionId,
      decision: request.decision,
      reasons: request.decision === 'return' ? request.reasons : [],
      note: request.note,
      intervention: request.decision === 'intervene' ? request.intervention : null,
      reviewer: { id: session.userId, name: session.displayName },
      decidedAt: isoNow(),
    });
    if (!parsed.success) throw new AppFailure('INVALID_REQUEST', parsed.error.issues.map((i) => i.message).join('; '));
    const document = parsed.data;
    const decision: ReviewDecision = { document, signature: deps.signer.sign(session.userId, document) };
    deps.db.transaction(() => {
      tables.recordSend(document.decisionId, session.userId, requestJson, JSON.stringify(decision), document.decidedAt);
      // Ids and codes only: the note is clinical free text.
      audit.append(actor, 'review.decide', subjectOf.prescription(document.prescriptionId), { decisionId: document.decisionId, decision: document.decision, reasons: document.reasons, verifiedInRequest });
    })();
    return send(document.decisionId, decision, session);
  }

  async function send(decisionId: string, decision: ReviewDecision, session: Session): Promise<DecisionResponse> {
    const answer = await deps.server.decide(session.userId, decision);
    tables.recordAnswer(decisionId, JSON.stringify(answer));
    return answer;
  }

  return {
    queue,
    claim,
    stats: (query: ReviewStatsQuery, session: Session) => deps.server.stats(session.userId, query),
    release: (request: { requestId: string; prescriptionId: string }, session: Session) => deps.server.release(session.userId, request),
    detail,
    decide,
  };
}
export type ReviewService = ReturnType<typeof reviewService>;
