import { RecordDocument } from '../../../shared/emr/record';
import { signedRecordJson } from '../../../shared/sync/emrWire';
import type { PrescriptionSignature } from '../../../shared/sync/wire';
import type { Db } from './database';

export interface SignedRecord {
  document: RecordDocument;
  /** SM3 of the document's canonical JSON, hex. */
  digest: string;
  signature: PrescriptionSignature;
}

export interface EmrRecordRow extends SignedRecord {
  feedSeq: number | null;
  /** The date of the record's visit in this cache; null while its encounter is not here (the timeline lists it by date). */
  visitDate: string | null;
}

interface Row {
  signed_document: string;
  digest: string;
  feed_seq: number | null;
  visit_date: string | null;
}

const toRecord = (r: Row): EmrRecordRow => {
  const stored = JSON.parse(r.signed_document) as { document: unknown; signature: PrescriptionSignature };
  return { document: RecordDocument.parse(stored.document), signature: stored.signature, digest: r.digest, feedSeq: r.feed_seq, visitDate: r.visit_date };
};

/** Signed records: insert-only (the migration's triggers refuse UPDATE of content and DELETE). */
export function emrRecordsTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO emr_records (id, patient_id, encounter_id, template_url, template_version, version, previous_id, amend_reason, author_id, signed_at, digest, signed_document, feed_seq)
     VALUES (@id, @patientId, @encounterId, @templateUrl, @templateVersion, @version, @previousId, @reason, @authorId, @signedAt, @digest, @signedDocument, @feedSeq)
     ON CONFLICT (id) DO NOTHING`,
  );
  const columns = `r.signed_document, r.digest, r.feed_seq, e.date AS visit_date FROM emr_records r LEFT JOIN encounters e ON e.id = r.encounter_id`;
  const byId = db.prepare<[string], Row>(`SELECT ${columns} WHERE r.id = ?`);
  const byPatient = db.prepare<[string], Row>(`SELECT ${columns} WHERE r.patient_id = ? ORDER BY r.signed_at DESC, r.version DESC`);
  const amendmentOf = db.prepare<[string], { id: string }>(`SELECT id FROM emr_records WHERE previous_id = ? LIMIT 1`);
  const setFeedSeq = db.prepare<[number, string]>(`UPDATE emr_records SET feed_seq = ? WHERE id = ? AND feed_seq IS NULL`);

  return {
    /** False when a record with this id is already stored (a feed copy of one signed here). */
    insert(record: SignedRecord, feedSeq: number | null = null): boolean {
      const d = record.document;
      return (
        insert.run({
          id: d.id,
          patientId: d.patientId,
          encounterId: d.encounterId,
          templateUrl: d.template.url,
          templateVersion: d.template.version,
          version: d.version,
          previousId: d.previousId,
          reason: d.reason,
          authorId: d.author.id,
          signedAt: d.signedAt,
          digest: record.digest,
          signedDocument: signedRecordJson(record),
          feedSeq,
        }).changes === 1
      );
    },
    setFeedSeq: (id: string, seq: number): void => void setFeedSeq.run(seq, id),
    get: (id: string): EmrRecordRow | null => {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },
    /** Every version of the patient's records, newest first. */
    ofPatient: (patientId: string): EmrRecordRow[] => byPatient.all(patientId).map(toRecord),
    amendedBy: (id: string): string | null => amendmentOf.get(id)?.id ?? null,
  };
}
export type EmrRecordsTable = ReturnType<typeof emrRecordsTable>;
