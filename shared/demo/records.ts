/**
 * Signed outpatient records for the demo patients' past visits (issue 11): the general outpatient
 * template filled from each visit's own rows (complaint, diagnosis, allergy, blood pressure, the
 * prescription), checked by the same validation a physician's record passes, and SM2-signed.
 *
 * Demo prescriptions carry no signature at all (they are history rows), so there is no demo signing
 * to copy. The honest equivalent used here: each demo physician has a fixed demo key pair derived
 * from their id, every record is really signed with it over the record's canonical JSON (the bytes
 * the one signer covers), and the signature names no certificate (`certificateId: null`). A verifier
 * therefore finds the signature intact and says the key is not registered with the hospital CA,
 * which is the truth for seeded data.
 *
 * A record costs a few ms (validation runs FHIRPath, then an SM2 signature), and nearly every test
 * seeds a store, so only the first `demoRecordPatients` patients have a record for every visit, and
 * the 200-visit patient for its newest `longHistoryRecords` visits: enough for every screen and test,
 * while a 100,000-patient seed stays quick.
 */
import type { Questionnaire, ValueSet } from 'fhir/r4';
import { sm2, sm3 } from 'sm-crypto-v2';
import { compileTemplate, type Template } from '../emr/template';
import { RecordDocument } from '../emr/record';
import { questionnaireResponse } from '../emr/response';
import { checkRecord } from '../emr/validation';
import type { Answers } from '../emr/answers';
import { signatureAlgorithm, signedBytes } from '../signing/documentSignature';
import { defaultSm2UserId, sm2SignWith, type Sm2KeyPair } from '../signing/sm2';
import type { PrescriptionSignature } from '../sync/wire';
import { demoUsers } from './users';
import outpatientGeneral from '../../resources/templates/outpatient-general.json' with { type: 'json' };
import icd10ValueSet from '../../resources/templates/icd10-outpatient.valueset.json' with { type: 'json' };

export interface DemoSignedRecord {
  document: RecordDocument;
  /** SM3 of the document's canonical JSON, hex. */
  digest: string;
  signature: PrescriptionSignature;
}

/** Patients (by index) whose past visits have signed records. */
export const demoRecordPatients = 40;
/** Visits of the long-history patient (the newest) that have signed records. */
export const longHistoryRecords = 20;

interface DemoPhysician {
  id: string;
  name: string;
  licenceNo: string;
}

/** The physicians named on demo encounters: two are demo accounts; the other two exist only in the history. */
const demoPhysicians: Record<string, DemoPhysician> = Object.fromEntries(
  [
    ...demoUsers.filter((u) => u.roles.includes('physician')).map((u) => ({ id: u.id, name: u.displayName, licenceNo: u.licenceNo })),
    { id: '00000000-0000-4000-8000-0000000000a1', name: '王芳', licenceNo: '110110000003' },
    { id: '00000000-0000-4000-8000-0000000000a2', name: '刘强', licenceNo: '110110000004' },
  ].map((p) => [p.name, p]),
);

const curveOrder = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const keys = new Map<string, Sm2KeyPair>();

/** A fixed key per demo physician: SM3 of a label with their id, reduced into [1, n-1]. Demo only. */
function demoKeyOf(physicianId: string): Sm2KeyPair {
  let key = keys.get(physicianId);
  if (!key) {
    const scalar = (BigInt(`0x${sm3(`caredesk demo signing key ${physicianId}`)}`) % (curveOrder - 1n)) + 1n;
    const privateKey = scalar.toString(16).padStart(64, '0');
    key = { privateKey, publicKey: sm2.getPublicKeyFromPrivateKey(privateKey) };
    keys.set(physicianId, key);
  }
  return key;
}

/**
 * Deterministic nonces (in the spirit of RFC 6979: from the private key and the message), so the
 * same seed gives the same records byte for byte. Never used outside demo data.
 */
function nonceStream(key: Sm2KeyPair, digest: string): (bytes: number) => string {
  let counter = 0;
  return (bytes) => {
    let hex = '';
    while (hex.length < bytes * 2) hex += sm3(`${key.privateKey}:${digest}:${counter++}`);
    return hex.slice(0, bytes * 2);
  };
}

let template: Template | null = null;
const generalTemplate = (): Template =>
  (template ??= compileTemplate(outpatientGeneral as unknown as Questionnaire, [icd10ValueSet as unknown as ValueSet]));

/** A UUID-shaped id derived from a visit's id, so a visit's record id never changes between seeds. */
function recordIdOf(encounterId: string): string {
  const h = sm3(`record:${encounterId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface DemoVisitFacts {
  patientId: string;
  encounter: { id: string; date: string; channel: 'in-person' | 'online'; physician_name: string; chief_complaint: string };
  diagnosis: { icd10: string; label: string };
  allergy: { allergen: string; reaction: string } | null;
  bloodPressure: string | null;
  regimen: readonly { drug: string; dose: string; frequency: string }[];
}

function answersOf(visit: DemoVisitFacts): Answers {
  const answers: Answers = {
    'chief-complaint': [visit.encounter.chief_complaint],
    hpi: [`${visit.diagnosis.label}规律随访，${visit.encounter.channel === 'online' ? '线上复诊' : '门诊就诊'}，近期无新发不适。`],
    'past-history': [`${visit.diagnosis.label}病史。`],
    'has-allergy': [visit.allergy !== null],
    diagnosis: [visit.diagnosis.icd10],
    plan: [`继续当前方案：${visit.regimen.map((r) => `${r.drug} ${r.dose} ${r.frequency}`).join('；')}，28天。`],
    'follow-up-days': [28],
  };
  if (visit.allergy) answers['allergy-detail'] = [`${visit.allergy.allergen}：${visit.allergy.reaction}`];
  const [sbp, dbp] = (visit.bloodPressure ?? '').split('/').map(Number);
  if (sbp && dbp) {
    answers.sbp = [sbp];
    answers.dbp = [dbp];
  }
  return answers;
}

/** The visit's signed record, authored by the physician named on the encounter. */
export function demoRecordOf(visit: DemoVisitFacts): DemoSignedRecord {
  const form = generalTemplate();
  const checked = checkRecord(form, answersOf(visit), 'zh');
  if (checked.errors.length > 0) throw new Error(`demo record for ${visit.encounter.id} does not validate: ${checked.errors[0]!.linkId} ${checked.errors[0]!.code}`);
  const physician = demoPhysicians[visit.encounter.physician_name];
  if (!physician) throw new Error(`no demo physician named ${visit.encounter.physician_name}`);
  const id = recordIdOf(visit.encounter.id);
  // Signed at the end of the visit's morning clinic, hospital time.
  const signedAt = `${visit.encounter.date}T11:30:00+08:00`;
  const document = RecordDocument.parse({
    id,
    patientId: visit.patientId,
    encounterId: visit.encounter.id,
    template: { url: form.url, version: form.version },
    version: 1,
    previousId: null,
    reason: null,
    author: physician,
    signedAt,
    response: questionnaireResponse(form, checked.answers, (linkId) => checked.enabled.has(linkId), {
      id, status: 'completed', patientId: visit.patientId, encounterId: visit.encounter.id, authorId: physician.id, authored: signedAt,
    }),
  });
  const bytes = signedBytes(document);
  const digest = sm3(bytes);
  const key = demoKeyOf(physician.id);
  return {
    document,
    digest,
    signature: {
      algorithm: signatureAlgorithm,
      signerUid: defaultSm2UserId,
      publicKey: key.publicKey,
      certificateId: null,
      value: sm2SignWith(nonceStream(key, digest), bytes, key, defaultSm2UserId),
    },
  };
}
