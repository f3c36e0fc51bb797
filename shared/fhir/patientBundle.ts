/**
 * A patient's signed history as one FHIR R4 Bundle (issue 11, "Headless contract"): Patient,
 * Encounter, Condition, AllergyIntolerance, Observation, MedicationRequest, the signed
 * QuestionnaireResponses exactly as signed, and a Provenance per signature. Pure, so the CLI and
 * any later server export build the same document.
 *
 * Every entry's fullUrl is `<base><type>/<id>`, so the relative references the signed records
 * already hold (`Patient/<id>`, FHIR R4 Bundle "Resolving references in Bundles") resolve inside
 * the Bundle without changing a signed byte.
 */
import type {
  AllergyIntolerance, Bundle, BundleEntry, CodeableConcept, Condition, Encounter, FhirResource, MedicationRequest, Observation, Patient, Provenance,
  QuestionnaireResponse,
} from 'fhir/r4';
import type { PrescriptionSignature } from '../sync/wire';

export const fhirBase = 'https://caredesk.example.cn/fhir/';
export const recordNumberSystem = 'https://caredesk.example.cn/fhir/sid/record-number';
export const sm2SignatureExtension = 'https://caredesk.example.cn/fhir/StructureDefinition/sm2-signature';

export interface HistoryPatient {
  id: string; name: string; name_pinyin: string; sex: 'male' | 'female'; birth_date: string; phone: string; address: string; record_number: string;
}
export interface HistoryEncounter {
  id: string; date: string; kind: 'first-visit' | 'follow-up'; channel: 'in-person' | 'online'; department: string; physician_name: string; chief_complaint: string;
}
export interface HistoryDiagnosis {
  id: string; encounter_id: string | null; icd10: string; label: string; setting: 'in-person' | 'online'; diagnosed_on: string;
  status: 'active' | 'remission' | 'resolved' | 'refuted'; author_id: string | null;
}
export interface HistoryAllergy {
  id: string; allergen: string; reaction: string; status: 'active' | 'removed'; recorded_on: string; status_reason: string | null;
}
export interface HistoryLab {
  id: string; taken_on: string; test: string; value: string; unit: string; flag: 'normal' | 'high' | 'low';
}
export interface HistoryPrescriptionItem {
  drug: string; drugNameZh?: string | undefined; dose: string; frequency: string; days: number;
}
export interface HistoryPrescription {
  id: string; encounter_id: string | null; issued_on: string; status: string; author_id: string | null; items: HistoryPrescriptionItem[];
  /** The prescriber's signature, when the prescription was signed on a workstation. */
  signature: { signedAt: string; value: PrescriptionSignature } | null;
}
export interface HistoryRecord {
  document: {
    id: string; version: number; previousId: string | null; reason: string | null; signedAt: string;
    author: { id: string; name: string; licenceNo: string };
    response: { resourceType: 'QuestionnaireResponse' } & Record<string, unknown>;
  };
  digest: string;
  signature: PrescriptionSignature;
}

export interface PatientHistory {
  patient: HistoryPatient;
  encounters: readonly HistoryEncounter[];
  diagnoses: readonly HistoryDiagnosis[];
  allergies: readonly HistoryAllergy[];
  labs: readonly HistoryLab[];
  prescriptions: readonly HistoryPrescription[];
  records: readonly HistoryRecord[];
}

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });
const concept = (system: string, code: string, display?: string): CodeableConcept => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });
const terminology = 'http://terminology.hl7.org/CodeSystem/';
const loinc = 'http://loinc.org';

function patientResource(p: HistoryPatient): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: p.record_number ? [{ use: 'usual', type: concept(`${terminology}v2-0203`, 'MR', 'Medical record number'), system: recordNumberSystem, value: p.record_number }] : [],
    name: [{ use: 'official', text: p.name }, { use: 'usual', text: p.name_pinyin }],
    gender: p.sex,
    birthDate: p.birth_date,
    telecom: p.phone ? [{ system: 'phone', value: p.phone, use: 'mobile' }] : [],
    address: p.address ? [{ text: p.address }] : [],
  };
}

function encounterResource(patientId: string, e: HistoryEncounter): Encounter {
  return {
    resourceType: 'Encounter',
    id: e.id,
    status: 'finished',
    // v3 ActCode: AMB ambulatory (in person), VR virtual (online).
    class: e.channel === 'online' ? { system: `${terminology}v3-ActCode`, code: 'VR', display: 'virtual' } : { system: `${terminology}v3-ActCode`, code: 'AMB', display: 'ambulatory' },
    type: [{ text: e.kind === 'first-visit' ? '初诊' : '复诊' }],
    serviceType: { text: e.department },
    subject: ref('Patient', patientId),
    participant: [{ individual: { display: e.physician_name } }],
    period: { start: e.date },
    reasonCode: e.chief_complaint ? [{ text: e.chief_complaint }] : [],
  };
}

function conditionResource(patientId: string, d: HistoryDiagnosis): Condition {
  const refuted = d.status === 'refuted';
  return {
    resourceType: 'Condition',
    id: d.id,
    // A refuted diagnosis has no clinical status (R4 invariant con-5).
    ...(refuted ? {} : { clinicalStatus: concept(`${terminology}condition-clinical`, d.status) }),
    verificationStatus: concept(`${terminology}condition-ver-status`, refuted ? 'refuted' : 'confirmed'),
    category: [concept(`${terminology}condition-category`, 'encounter-diagnosis', 'Encounter Diagnosis')],
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: d.icd10, display: d.label }], text: d.label },
    subject: ref('Patient', patientId),
    ...(d.encounter_id ? { encounter: ref('Encounter', d.encounter_id) } : {}),
    recordedDate: d.diagnosed_on,
    ...(d.author_id ? { recorder: ref('Practitioner', d.author_id) } : {}),
  };
}

function allergyResource(patientId: string, a: HistoryAllergy): AllergyIntolerance {
  const active = a.status === 'active';
  return {
    resourceType: 'AllergyIntolerance',
    id: a.id,
    clinicalStatus: concept(`${terminology}allergyintolerance-clinical`, active ? 'active' : 'inactive'),
    verificationStatus: concept(`${terminology}allergyintolerance-verification`, 'confirmed'),
    code: { text: a.allergen },
    patient: ref('Patient', patientId),
    recordedDate: a.recorded_on,
    reaction: a.reaction ? [{ manifestation: [{ text: a.reaction }] }] : [],
    ...(!active && a.status_reason ? { note: [{ text: a.status_reason }] } : {}),
  };
}

const interpretation = { high: 'H', low: 'L', normal: 'N' } as const;

function observationResource(patientId: string, lab: HistoryLab): Observation {
  const base: Observation = {
    resourceType: 'Observation',
    id: lab.id,
    status: 'final',
    code: { text: lab.test },
    subject: ref('Patient', patientId),
    effectiveDateTime: lab.taken_on,
    interpretation: [concept(`${terminology}v3-ObservationInterpretation`, interpretation[lab.flag])],
  };
  const bp = /^(\d+)\/(\d+)$/.exec(lab.value);
  if (bp) {
    const mmHg = (value: number) => ({ value, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });
    return {
      ...base,
      category: [concept(`${terminology}observation-category`, 'vital-signs', 'Vital Signs')],
      code: { coding: [{ system: loinc, code: '85354-9', display: 'Blood pressure panel with all children optional' }], text: lab.test },
      component: [
        { code: concept(loinc, '8480-6', 'Systolic blood pressure'), valueQuantity: mmHg(Number(bp[1])) },
        { code: concept(loinc, '8462-4', 'Diastolic blood pressure'), valueQuantity: mmHg(Number(bp[2])) },
      ],
    };
  }
  const value = Number(lab.value);
  const category = [concept(`${terminology}observation-category`, 'laboratory', 'Laboratory')];
  if (lab.value.trim() !== '' && Number.isFinite(value)) {
    return { ...base, category, valueQuantity: { value, ...(lab.unit ? { unit: lab.unit } : {}) } };
  }
  return { ...base, category, valueString: lab.value };
}

/** Stored prescription status -> MedicationRequest.status (R4 medicationrequest-status, required). */
function medicationStatus(status: string): MedicationRequest['status'] {
  switch (status) {
    case 'dispensed':
      return 'completed';
    case 'voided':
      return 'cancelled';
    case 'superseded':
    case 'expired':
      return 'stopped';
    case 'returned':
    case 'queued':
      return 'on-hold';
    case 'submitted':
    case 'in-review':
    case 'approved':
      return 'active';
    default:
      return 'unknown';
  }
}

/** One MedicationRequest per item (a FHIR MedicationRequest names one medication), grouped by the prescription's id. */
function medicationRequests(patientId: string, rx: HistoryPrescription): MedicationRequest[] {
  return rx.items.map((item, i) => ({
    resourceType: 'MedicationRequest',
    id: `${rx.id}-${i + 1}`,
    groupIdentifier: { system: 'https://caredesk.example.cn/fhir/sid/prescription', value: rx.id },
    status: medicationStatus(rx.status),
    intent: 'order',
    medicationCodeableConcept: { text: item.drugNameZh ?? item.drug },
    subject: ref('Patient', patientId),
    ...(rx.encounter_id ? { encounter: ref('Encounter', rx.encounter_id) } : {}),
    authoredOn: rx.issued_on,
    ...(rx.author_id ? { requester: ref('Practitioner', rx.author_id) } : {}),
    dosageInstruction: [{ text: `${item.dose} ${item.frequency}` }],
    dispenseRequest: { expectedSupplyDuration: { value: item.days, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' } },
  }));
}

const hexToBase64 = (hex: string): string => {
  const bytes = hex.match(/../g)!.map((h) => String.fromCharCode(parseInt(h, 16))).join('');
  return btoa(bytes);
};

/**
 * A signature as FHIR Signature: the SM2 value (r || s) base64 in `data`; the algorithm, key,
 * certificate and digest in our extension, because R4 names no SM2 signature format.
 */
function signatureOf(signature: PrescriptionSignature, when: string, who: { id: string; name: string }, digest: string | null): NonNullable<Provenance['signature']>[number] {
  return {
    // ASTM E1762-95 signature types, the value set Signature.type is bound to (preferred).
    type: [{ system: 'urn:iso-astm:E1762-95:2013', code: '1.2.840.10065.1.12.1.1', display: "Author's Signature" }],
    when,
    who: { ...ref('Practitioner', who.id), display: who.name },
    targetFormat: 'application/json',
    sigFormat: 'application/octet-stream',
    data: hexToBase64(signature.value),
    extension: [
      {
        url: sm2SignatureExtension,
        extension: [
          { url: 'algorithm', valueCode: signature.algorithm },
          { url: 'publicKey', valueString: signature.publicKey },
          { url: 'signerUid', valueString: signature.signerUid },
          ...(signature.certificateId ? [{ url: 'certificate', valueString: signature.certificateId }] : []),
          ...(digest ? [{ url: 'sm3Digest', valueString: digest }] : []),
        ],
      },
    ],
  };
}

function recordProvenance(record: HistoryRecord): Provenance {
  const d = record.document;
  return {
    resourceType: 'Provenance',
    id: `${d.id}-signature`.slice(0, 64),
    target: [ref('QuestionnaireResponse', d.id)],
    recorded: d.signedAt,
    activity: d.previousId
      ? { coding: [{ system: `${terminology}v3-DataOperation`, code: 'UPDATE', display: 'revise' }], text: d.reason ?? undefined }
      : { coding: [{ system: `${terminology}v3-DataOperation`, code: 'CREATE', display: 'create' }] },
    agent: [{ type: concept(`${terminology}provenance-participant-type`, 'author', 'Author'), who: { ...ref('Practitioner', d.author.id), display: d.author.name } }],
    ...(d.previousId ? { entity: [{ role: 'revision', what: ref('QuestionnaireResponse', d.previousId) }] } : {}),
    signature: [signatureOf(record.signature, d.signedAt, d.author, record.digest)],
  };
}

function prescriptionProvenance(rx: HistoryPrescription, authorId: string, signed: NonNullable<HistoryPrescription['signature']>): Provenance {
  return {
    resourceType: 'Provenance',
    id: `${rx.id}-signature`.slice(0, 64),
    target: rx.items.map((_, i) => ref('MedicationRequest', `${rx.id}-${i + 1}`)),
    recorded: signed.signedAt,
    agent: [{ type: concept(`${terminology}provenance-participant-type`, 'author', 'Author'), who: ref('Practitioner', authorId) }],
    signature: [signatureOf(signed.value, signed.signedAt, { id: authorId, name: '' }, null)],
  };
}

/** The Bundle; `exportedAt` (an ISO instant) is its timestamp. Drafts are not history and never appear. */
export function patientBundle(history: PatientHistory, exportedAt: string): Bundle {
  const pid = history.patient.id;
  const resources: FhirResource[] = [
    patientResource(history.patient),
    ...history.encounters.map((e) => encounterResource(pid, e)),
    ...history.diagnoses.map((d) => conditionResource(pid, d)),
    ...history.allergies.map((a) => allergyResource(pid, a)),
    ...history.labs.map((l) => observationResource(pid, l)),
    ...history.prescriptions.flatMap((rx) => medicationRequests(pid, rx)),
    ...history.prescriptions.flatMap((rx) => (rx.signature && rx.author_id && rx.items.length > 0 ? [prescriptionProvenance(rx, rx.author_id, rx.signature)] : [])),
    // The response exactly as signed. The signature covers the whole signed document (the response
    // with its author, version and amendment reason); the Provenance carries the SM3 digest of it.
    ...history.records.map((r) => r.document.response as unknown as QuestionnaireResponse),
    ...history.records.map(recordProvenance),
  ];
  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: `${fhirBase}${resource.resourceType}/${resource.id}`, resource }));
  return {
    resourceType: 'Bundle',
    id: pid,
    identifier: { system: recordNumberSystem, value: history.patient.record_number || pid },
    type: 'collection',
    timestamp: exportedAt,
    entry,
  };
}
