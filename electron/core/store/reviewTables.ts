import type { Db } from './database';

export interface ReviewDecisionRecord {
  id: string;
  prescription_id: string;
  patient_id: string;
  reviewer_id: string;
  reviewer_name: string;
  decision: 'approve' | 'return' | 'intervene';
  reasons: string;
  note: string;
  intervention: string | null;
  decided_at: string;
  recorded_at: string;
}

/** A decision as pulled, with the signed document it came with (canonical JSON of a ReviewDecision). */
export interface PulledDecision extends ReviewDecisionRecord {
  signed_document: string;
}

export interface NoticeCandidate extends ReviewDecisionRecord {
  issued_on: string;
  void_reason: string | null;
  voided_at: string | null;
}

const decisionColumns = `d.id, d.prescription_id, d.patient_id, d.reviewer_id, d.reviewer_name, d.decision, d.reasons, d.note, d.intervention, d.decided_at, d.recorded_at`;

/** The workstation's review tables (migration 010): cached decisions, notice acknowledgements, sends, the queue cache. */
export function reviewTables(db: Db) {
  const byPrescription = db.prepare<[string], ReviewDecisionRecord>(
    `SELECT ${decisionColumns} FROM review_decisions d WHERE d.prescription_id = ? ORDER BY d.recorded_at, d.feed_seq`,
  );
  const pulled = db.prepare<[string], PulledDecision>(`SELECT ${decisionColumns}, d.signed_document FROM review_decisions d WHERE d.id = ?`);
  // A physician's returned prescriptions with no newer version and no acknowledgement on this device.
  const returned = db.prepare<[string, string], NoticeCandidate>(
    `SELECT ${decisionColumns}, p.issued_on, p.void_reason, p.voided_at FROM review_decisions d JOIN prescriptions p ON p.id = d.prescription_id
      WHERE p.author_id = ? AND p.status = 'returned' AND d.decision = 'return'
        AND NOT EXISTS (SELECT 1 FROM prescriptions n WHERE n.previous_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM review_notice_acks a WHERE a.user_id = ? AND a.kind = 'returned' AND a.prescription_id = p.id)
        AND d.recorded_at = (SELECT max(x.recorded_at) FROM review_decisions x WHERE x.prescription_id = p.id AND x.decision = 'return')
      ORDER BY d.recorded_at DESC`,
  );
  // A pharmacist's approvals voided afterwards (the prescriber withdrew an approved prescription).
  const voidedAfterApproval = db.prepare<[string, string], NoticeCandidate>(
    `SELECT ${decisionColumns}, p.issued_on, p.void_reason, p.voided_at FROM review_decisions d JOIN prescriptions p ON p.id = d.prescription_id
      WHERE d.reviewer_id = ? AND d.decision = 'approve' AND p.voided_at IS NOT NULL AND p.voided_from_status IN ('approved', 'dispensed')
        AND NOT EXISTS (SELECT 1 FROM review_notice_acks a WHERE a.user_id = ? AND a.kind = 'voided-after-approval' AND a.prescription_id = p.id)
      ORDER BY p.voided_at DESC`,
  );
  const acknowledge = db.prepare<[string, string, string, string]>(
    `INSERT OR IGNORE INTO review_notice_acks (user_id, kind, prescription_id, acknowledged_at) VALUES (?, ?, ?, ?)`,
  );
  const send = db.prepare<[string], { user_id: string; request: string; decision: string; answer: string | null }>(
    `SELECT user_id, request, decision, answer FROM review_decision_sends WHERE decision_id = ?`,
  );
  const insertSend = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO review_decision_sends (decision_id, user_id, request, decision, signed_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const answerSend = db.prepare<[string, string]>(`UPDATE review_decision_sends SET answer = ? WHERE decision_id = ?`);
  const queue = db.prepare<[string], { query: string; response: string; fetched_at: string }>(`SELECT query, response, fetched_at FROM review_queue_cache WHERE user_id = ?`);
  const putQueue = db.prepare<[string, string, string, string]>(
    `INSERT INTO review_queue_cache (user_id, query, response, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET query = excluded.query, response = excluded.response, fetched_at = excluded.fetched_at`,
  );
  return {
    decisionsOf: (prescriptionId: string) => byPrescription.all(prescriptionId),
    pulledDecision: (decisionId: string) => pulled.get(decisionId),
    returnedNotices: (userId: string) => returned.all(userId, userId),
    voidNotices: (userId: string) => voidedAfterApproval.all(userId, userId),
    acknowledge: (userId: string, kind: 'returned' | 'voided-after-approval', prescriptionId: string, at: string) =>
      acknowledge.run(userId, kind, prescriptionId, at).changes === 1,
    send: (decisionId: string) => send.get(decisionId) ?? null,
    recordSend: (decisionId: string, userId: string, request: string, decision: string, at: string) => void insertSend.run(decisionId, userId, request, decision, at),
    recordAnswer: (decisionId: string, answer: string) => void answerSend.run(answer, decisionId),
    cachedQueue: (userId: string) => queue.get(userId) ?? null,
    cacheQueue: (userId: string, query: string, response: string, at: string) => void putQueue.run(userId, query, response, at),
  };
}
export type ReviewTables = ReturnType<typeof reviewTables>;
