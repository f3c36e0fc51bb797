import { randomBytes, randomUUID } from 'node:crypto';
import type { ReviewDecision, ReviewDecisionDocument, ReviewQueueResponse } from '../../shared/review/wire';
import { signatureAlgorithm, signedBytes } from '../../shared/signing/documentSignature';
import { defaultSm2UserId, sm2SignWith } from '../../shared/signing/sm2';
import { testSigningKey, type TestSigner } from './prescriptions';
import type { TestHospital, Workstation } from './hospital';

const random = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A decision document by `reviewer`, signed with their test key (and its certificate) as the workstation's signer would. */
export function signDecision(reviewer: TestSigner, fields: Partial<ReviewDecisionDocument> & Pick<ReviewDecisionDocument, 'prescriptionId' | 'decision'>): ReviewDecision {
  const document: ReviewDecisionDocument = {
    decisionId: randomUUID(), reasons: [], note: '', intervention: null,
    reviewer: { id: reviewer.userId, name: reviewer.userId }, decidedAt: new Date().toISOString(), ...fields,
  };
  const key = testSigningKey(reviewer.userId);
  return { document, signature: { algorithm: signatureAlgorithm, signerUid: defaultSm2UserId, publicKey: key.publicKey, certificateId: reviewer.certificateId ?? null, value: sm2SignWith(random, signedBytes(document), key) } };
}

/** A review route's answer: its body on success, `error` on a refusal. */
type Reply = Record<string, unknown> & { error?: { code: string; message: string } };

/** The review routes, as a pharmacist's workstation calls them. */
export const review = {
  claim: (hospital: TestHospital, ws: Workstation, prescriptionId: string, requestId = randomUUID()) =>
    hospital.request<Reply>('POST', '/review/claims', { token: ws.token, body: { requestId, prescriptionId } }),
  release: (hospital: TestHospital, ws: Workstation, prescriptionId: string, requestId = randomUUID()) =>
    hospital.request('POST', '/review/claims/release', { token: ws.token, body: { requestId, prescriptionId } }),
  decide: (hospital: TestHospital, ws: Workstation, decision: unknown) => hospital.request<Reply>('POST', '/review/decisions', { token: ws.token, body: decision }),
  queue: (hospital: TestHospital, ws: Workstation, query = '') => hospital.request<ReviewQueueResponse>('GET', `/review/queue${query}`, { token: ws.token }),
};
