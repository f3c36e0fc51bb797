/**
 * The review screen's own signature verdicts (DESIGN.md "Trust": everyone verifies a signed
 * document against the signer's registered certificate): the prescription as signed, and each
 * decision of the exchange as pulled from the feed, judged on this workstation with the cached
 * certificates, not taken on the server's word.
 */
import type { SignatureCheck } from '../../../shared/ipc/rxChannels';
import { canonicalJson } from '../../../shared/domain/canonical';
import { ReviewDecision, type ReviewDetailResponse } from '../../../shared/review/wire';
import { signedDocumentProblem } from '../../../shared/signing/signedDocument';
import { verdictOf } from '../signing/signatureCheck';
import type { CertificatesTable } from '../store/certificates';
import type { PulledDecision, ReviewDecisionRecord } from '../store/reviewTables';

type ServerDecision = ReviewDetailResponse['decisions'][number];

const badSignature: SignatureCheck = { verified: false, reason: 'bad-signature' };

function signedDecisionOf(record: PulledDecision): ReviewDecision | null {
  try {
    const parsed = ReviewDecision.safeParse(JSON.parse(record.signed_document));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A decision as the screen shows it stands only if the pulled copy's signature verifies by the
 * reviewer's registered key at the time it was made, and what is shown (the server's exchange and
 * the pulled row's own columns) is exactly what was signed. Null when the decision has not reached
 * this workstation yet: nothing here has judged it.
 */
export function decisionSignatureCheck(shown: ServerDecision, pulled: PulledDecision | undefined, certificates: CertificatesTable): SignatureCheck | null {
  if (!pulled) return null;
  const signed = signedDecisionOf(pulled);
  if (!signed || !sameAsSigned(signed.document, shown, pulled)) return badSignature;
  const { document, signature } = signed;
  const issued = signature.certificateId === null ? undefined : certificates.issued(signature.certificateId);
  return verdictOf(signedDocumentProblem(document, signature, pulled.reviewer_id, issued, new Date(document.decidedAt)), issued);
}

function sameAsSigned(document: ReviewDecision['document'], shown: ServerDecision, pulled: ReviewDecisionRecord): boolean {
  const asSigned = canonicalJson({
    id: document.decisionId, prescriptionId: document.prescriptionId, reviewerId: document.reviewer.id, decision: document.decision,
    reasons: document.reasons, note: document.note, intervention: document.intervention,
  });
  const onScreen = canonicalJson({
    id: shown.id, prescriptionId: shown.prescriptionId, reviewerId: shown.pharmacistId, decision: shown.decision,
    reasons: shown.reasons, note: shown.note, intervention: shown.intervention,
  });
  const json = (text: string | null): unknown => {
    try {
      return text === null ? null : JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const inRow = canonicalJson({
    id: pulled.id, prescriptionId: pulled.prescription_id, reviewerId: pulled.reviewer_id, decision: pulled.decision,
    reasons: json(pulled.reasons), note: pulled.note, intervention: json(pulled.intervention),
  });
  return asSigned === onScreen && asSigned === inRow;
}
