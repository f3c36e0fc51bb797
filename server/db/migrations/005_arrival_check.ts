/**
 * The safety checks re-run by the server when a signed prescription arrives (server/rx/arrivalCheck.ts):
 * what they found with the server's record and formulary, and how many of those alerts the
 * prescriber's document did not answer, for the pharmacist to look at first. Null for prescriptions
 * that arrived before this (demo history) or were not checked.
 */
export const sql = `
ALTER TABLE prescriptions
  ADD COLUMN arrival_check text,              -- JSON { checkedAt, alerts: [{ code, severity, message, drugs, acknowledged }], invalid }
  ADD COLUMN arrival_unacknowledged integer;  -- alerts the prescriber did not see or answer

CREATE INDEX prescriptions_arrival_unacknowledged ON prescriptions (patient_id) WHERE arrival_unacknowledged > 0;
`;
