/**
 * The safety checks again, on the server, when a signed prescription arrives (issue 4: "the same
 * in the UI, in main, and on the server"). Same engine, same knowledge merge, but the server's
 * record of the patient: a prescription signed offline may meet an allergy recorded meanwhile on
 * another device, or a drug the hospital withdrew. A signed document is never refused for what the
 * checks find (it is the prescriber's act, and immutable); the findings are stored with it, and
 * those the prescriber did not answer are counted for the pharmacist's review.
 */
import { isAcknowledged, concernedDrugs } from '../../shared/rx/acknowledgement';
import { signedRxItems, type SubmitPayload } from '../../shared/rx/document';
import { checkVisit, parseRxVisitInput, type RxItem } from '../../shared/rx';
import { activeMedications, isStanding, latestEGFR, rxPatientOf, type HistoryPrescription } from '../../shared/rx/patientRecord';
import { sqlState, type Queryable } from '../db/types';
import { DatabaseUnavailable } from '../db/unavailable';
import { currentKnowledge } from './knowledge';

export interface ArrivalCheck {
  checkedAt: string;
  alerts: { code: string; severity: string; message: string; drugs: string[]; acknowledged: boolean }[];
  /** Input the engine refused (e.g. a route the drug no longer has in the hospital's formulary). */
  invalid: string | null;
}

interface HistoryRow {
  id: string;
  encounter_id: string | null;
  status: string;
  voided_at: string | null;
  issued_on: string;
  validity_days: number;
  items: string;
  signed_payload: string | null;
}

/** Reads the record inside the arriving prescription's transaction (its patient row is locked). */
async function recordOf(tx: Queryable, payload: SubmitPayload) {
  const today = payload.issuedOn;
  const [patient] = await tx.query<{ birth_date: string; sex: 'male' | 'female' }>(`SELECT birth_date, sex FROM patients WHERE id = $1`, [payload.patientId]);
  const [encounter] = await tx.query<{ kind: 'first-visit' | 'follow-up'; channel: 'online' | 'in-person'; department: string }>(
    `SELECT kind, channel, department FROM encounters WHERE id = $1`, [payload.encounterId],
  );
  const allergies = await tx.query<{ allergen: string }>(`SELECT allergen FROM allergies WHERE patient_id = $1 AND status = 'active' ORDER BY id`, [payload.patientId]);
  const diagnoses = await tx.query<{ icd10: string; diagnosed_on: string; setting: 'in-person' | 'online' }>(
    `SELECT icd10, diagnosed_on, setting FROM diagnoses WHERE patient_id = $1 AND diagnosed_on <= $2 ORDER BY diagnosed_on DESC, id`, [payload.patientId, today],
  );
  const labs = await tx.query<{ test: string; value: string; taken_on: string }>(
    `SELECT test, value, taken_on FROM labs WHERE patient_id = $1 AND taken_on <= $2 ORDER BY taken_on DESC, id`, [payload.patientId, today],
  );
  const history = await tx.query<HistoryRow>(
    `SELECT id, encounter_id, status, voided_at, issued_on, validity_days, items, signed_payload
       FROM prescriptions WHERE patient_id = $1 AND id <> $2 ORDER BY issued_on DESC, id`,
    [payload.patientId, payload.id],
  );
  return { patient, encounter, allergies, diagnoses, labs, history, today };
}

const asHistory = (r: HistoryRow): HistoryPrescription => ({
  encounterId: r.encounter_id, status: r.status, voidedAt: r.voided_at, outbox: null, issuedOn: r.issued_on, validityDays: r.validity_days, items: JSON.parse(r.items) as unknown[],
});

/**
 * A failure of the checks themselves (a bug, knowledge that no longer compiles) is recorded as
 * such rather than refusing the prescription: a refusal would hold the device's outbox forever.
 * Database errors still fail the mutation (it is retried; nothing was committed).
 */
export async function checkOnArrival(tx: Queryable, payload: SubmitPayload, now: Date): Promise<ArrivalCheck> {
  const checkedAt = now.toISOString();
  try {
    return await runChecks(tx, payload, checkedAt);
  } catch (error) {
    if (sqlState(error) !== undefined || error instanceof DatabaseUnavailable) throw error;
    return { checkedAt, alerts: [], invalid: `the checks could not run: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function runChecks(tx: Queryable, payload: SubmitPayload, checkedAt: string): Promise<ArrivalCheck> {
  const knowledge = await currentKnowledge(tx);
  const { patient, encounter, allergies, diagnoses, labs, history, today } = await recordOf(tx, payload);
  if (!patient || !encounter) return { checkedAt, alerts: [], invalid: 'the patient or visit is not on the server' };
  const past = history.map((row) => ({ row, prescription: asHistory(row) }));
  const eGFR = latestEGFR(labs.map((l) => ({ test: l.test, value: l.value, takenOn: l.taken_on })));
  const rxPatient = rxPatientOf(
    {
      birthDate: patient.birth_date,
      sex: patient.sex,
      allergens: allergies.map((a) => a.allergen),
      diagnoses: diagnoses.map((d) => ({ code: d.icd10, since: d.diagnosed_on, setting: d.setting })),
      activeMedications: activeMedications(past.map((p) => p.prescription), today, payload.encounterId),
      eGFR: eGFR?.value ?? null,
    },
    payload.checkedWith?.patientFacts ?? null,
  );
  const declared = payload.checkedWith?.visit;
  const visit = {
    kind: declared?.kind ?? encounter.kind,
    channel: encounter.channel,
    department: declared?.department ?? encounter.department,
    emergency: declared?.emergency ?? false,
    ...(declared?.guardianPresent === null || declared?.guardianPresent === undefined ? {} : { guardianPresent: declared.guardianPresent }),
  };
  // The visit's other standing prescriptions are checked with it, as the prescriber's visit was.
  const sameVisit = past.flatMap(({ row, prescription }) =>
    row.encounter_id === payload.encounterId && row.signed_payload !== null && isStanding(prescription, today) ? [JSON.parse(row.signed_payload) as SubmitPayload] : [],
  );
  const prescriptions: RxItem[][] = [signedRxItems(payload), ...sameVisit.map(signedRxItems)];
  const parsed = parseRxVisitInput({ date: today, patient: rxPatient, visit, prescriptions: prescriptions.map((items) => ({ items })) }, knowledge);
  if (!parsed.ok) return { checkedAt, alerts: [], invalid: parsed.error };
  const { alerts } = checkVisit(parsed.value, knowledge, { lang: 'zh' });
  const overrides = payload.overrides ?? [];
  return {
    checkedAt,
    alerts: alerts.map((a) => {
      const drugs = concernedDrugs(a.items.map((ref) => prescriptions[ref.prescription]?.[ref.item]?.drug));
      return { code: a.code, severity: a.severity, message: a.message, drugs, acknowledged: isAcknowledged({ code: a.code, severity: a.severity, drugs }, overrides) };
    }),
    invalid: null,
  };
}
