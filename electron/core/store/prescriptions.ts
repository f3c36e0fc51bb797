import type { OutboxPresence } from '../../../shared/rx/lifecycle';
import type { Db } from './database';

export interface PrescriptionRecord {
  id: string;
  patientId: string;
  encounterId: string | null;
  issuedOn: string;
  status: string;
  /** Parsed `items` JSON: structured for ones signed here, drug/dose/frequency/days for history. */
  items: unknown[];
  previousId: string | null;
  authorId: string | null;
  validityDays: number;
  validityReason: string | null;
  revisionReason: string | null;
  signedAt: string | null;
  signedPayload: unknown;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
  voidedFromStatus: string | null;
  /** Where its `prescription.submit` mutation is in the outbox; null when it has left (or never entered). */
  outbox: OutboxPresence;
  /** The newer version that corrects this one, if any. */
  revisedBy: string | null;
}

const columns = `p.id, p.patient_id, p.encounter_id, p.issued_on, p.status, p.items, p.previous_id, p.author_id,
  p.validity_days, p.validity_reason, p.revision_reason, p.signed_at, p.signed_payload, p.voided_at, p.voided_by,
  p.void_reason, p.voided_from_status,
  (SELECT o.state FROM outbox o WHERE o.kind = 'prescription.submit' AND json_extract(o.payload, '$.id') = p.id LIMIT 1) AS outbox_state,
  (SELECT n.id FROM prescriptions n WHERE n.previous_id = p.id ORDER BY n.id LIMIT 1) AS revised_by`;

type Row = Record<string, string | number | null>;

const str = (v: string | number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));

function toRecord(r: Row): PrescriptionRecord {
  return {
    id: String(r.id),
    patientId: String(r.patient_id),
    encounterId: str(r.encounter_id),
    issuedOn: String(r.issued_on),
    status: String(r.status),
    items: JSON.parse(String(r.items)) as unknown[],
    previousId: str(r.previous_id),
    authorId: str(r.author_id),
    validityDays: Number(r.validity_days ?? 1),
    validityReason: str(r.validity_reason),
    revisionReason: str(r.revision_reason),
    signedAt: str(r.signed_at),
    signedPayload: r.signed_payload === null || r.signed_payload === undefined ? null : (JSON.parse(String(r.signed_payload)) as unknown),
    voidedAt: str(r.voided_at),
    voidedBy: str(r.voided_by),
    voidReason: str(r.void_reason),
    voidedFromStatus: str(r.voided_from_status),
    outbox: (str(r.outbox_state) as OutboxPresence) ?? null,
    revisedBy: str(r.revised_by),
  };
}

export interface NewSignedPrescription {
  id: string;
  patientId: string;
  encounterId: string;
  issuedOn: string;
  items: string;
  previousId: string | null;
  authorId: string;
  validityDays: number;
  validityReason: string | null;
  revisionReason: string | null;
  signedAt: string;
  signedPayload: string;
}

/** Signed prescriptions and the encounters they belong to; queries use bound parameters only. */
export function prescriptionsTable(db: Db) {
  const byId = db.prepare<[string], Row>(`SELECT ${columns} FROM prescriptions p WHERE p.id = ?`);
  const byPatient = db.prepare<[string], Row>(`SELECT ${columns} FROM prescriptions p WHERE p.patient_id = ? ORDER BY p.issued_on DESC, p.signed_at DESC, p.id`);
  const byEncounter = db.prepare<[string], Row>(`SELECT ${columns} FROM prescriptions p WHERE p.encounter_id = ? ORDER BY p.signed_at, p.id`);
  const insert = db.prepare(
    `INSERT INTO prescriptions (id, patient_id, encounter_id, issued_on, status, items, previous_id, author_id,
       validity_days, validity_reason, revision_reason, signed_at, signed_payload)
     VALUES (@id, @patientId, @encounterId, @issuedOn, 'queued', @items, @previousId, @authorId,
       @validityDays, @validityReason, @revisionReason, @signedAt, @signedPayload)`,
  );
  const setVoid = db.prepare(
    `UPDATE prescriptions SET voided_at = @at, voided_by = @by, void_reason = @reason, voided_from_status = status
      WHERE id = @id AND voided_at IS NULL`,
  );
  const encounter = db.prepare<[string], { patient_id: string; chief_complaint: string }>(`SELECT patient_id, chief_complaint FROM encounters WHERE id = ?`);
  const insertEncounter = db.prepare(
    `INSERT INTO encounters (id, patient_id, date, kind, channel, department, physician_name, chief_complaint, author_id)
     VALUES (@id, @patientId, @date, @kind, 'online', @department, @physicianName, @chiefComplaint, @authorId)`,
  );

  return {
    get: (id: string): PrescriptionRecord | null => {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },
    forPatient: (patientId: string): PrescriptionRecord[] => byPatient.all(patientId).map(toRecord),
    inVisit: (encounterId: string): PrescriptionRecord[] => byEncounter.all(encounterId).map(toRecord),
    insertSigned: (p: NewSignedPrescription) => void insert.run(p),
    /** Records a void (with the status it had); false when it was already void. */
    void: (id: string, by: string, reason: string, at: string): boolean => setVoid.run({ id, by, reason, at }).changes === 1,
    encounter: (id: string) => encounter.get(id) ?? null,
    insertEncounter: (e: {
      id: string; patientId: string; date: string; kind: 'first-visit' | 'follow-up'; department: string; physicianName: string; chiefComplaint: string; authorId: string;
    }) => void insertEncounter.run(e),
  };
}
export type PrescriptionsTable = ReturnType<typeof prescriptionsTable>;
