/**
 * What signing asks beyond the checks (issue 13): for each high-alert drug, the physician's
 * confirmation that the patient was told its risks with the leaflet shown; for a supply beyond the
 * general limit, the reason 《处方管理办法》(2007) 第十九条 asks the physician to note. Both go into
 * the signed document, so the pharmacist reads them as signed.
 */
import type { SignRisk, InformedConfirmation } from '../../../shared/ipc/rxRisk';
import type { VisitAlert } from '../../../shared/ipc/rxChannels';
import { findDrug, type Lang, type RxKnowledge } from '../../../shared/rx';
import { EMERGENCY_MAX_DAYS, GENERAL_MAX_DAYS, LONG_SILENT_MAX_DAYS } from '../../../shared/rx/checks/duration';
import type { DocumentItem } from '../../../shared/rx/document';
import type { LeafletBook } from '../../../shared/rx/leaflets';
import { AppFailure } from '../../../shared/result';
import type { LongSupply, PatientInformed } from '../../../shared/sync/rxRiskWire';

/** HIGH_ALERT keys end with the high-alert entry id (shared/rx/checks/drugFacts.ts). */
const entryOfKey = (key: string): string => key.slice(key.lastIndexOf(':') + 1);

export function signRiskOf(
  alerts: readonly VisitAlert[],
  drugOf: (ref: VisitAlert['items'][number]) => string | undefined,
  items: readonly DocumentItem[],
  emergency: boolean,
  knowledge: RxKnowledge,
  leaflets: LeafletBook,
  lang: Lang,
): SignRisk {
  const inform: SignRisk['inform'] = [];
  for (const a of alerts.filter((x) => x.code === 'HIGH_ALERT')) {
    const code = a.items[0] ? drugOf(a.items[0]) : undefined;
    if (!code || inform.some((i) => i.drugCode === code)) continue;
    const drug = findDrug(knowledge, code);
    const highAlert = entryOfKey(a.key);
    inform.push({ drugCode: code, drugName: drug ? (lang === 'zh' ? drug.nameZh : drug.inn) : code, highAlert, leaflet: leaflets.forDrug(highAlert, code) });
  }
  const reasonBeyondDays = emergency ? EMERGENCY_MAX_DAYS : GENERAL_MAX_DAYS;
  const long = items.filter((i) => i.days > reasonBeyondDays && !coveredByChronicDiagnosis(i, emergency, knowledge));
  return { inform, longSupply: { reasonBeyondDays, items: long.map((i) => ({ drugName: (lang === 'zh' ? i.drugNameZh : undefined) ?? i.drug, days: i.days })) } };
}

/**
 * 《长期处方管理规范（试行）》(2021): a stable chronic condition of the cited list
 * (resources/rx/chronic-conditions.json) is itself the reason for up to 4 weeks, and the signed
 * item carries that diagnosis; beyond 4 weeks, or without it, the physician says why. Never for an
 * antimicrobial or a controlled drug, nor in an emergency.
 */
function coveredByChronicDiagnosis(item: DocumentItem, emergency: boolean, knowledge: RxKnowledge): boolean {
  const drug = item.drugCode ? knowledge.drugs.get(item.drugCode) : undefined;
  if (emergency || !drug || drug.antibiotic || drug.control !== null || !item.indication) return false;
  return knowledge.chronicCategories.has(item.indication.slice(0, 3)) && item.days <= LONG_SILENT_MAX_DAYS;
}

/**
 * The signed record of both, or a refusal with its own code. The confirmation must name exactly
 * the leaflets the sign step showed (a leaflet revised meanwhile must be shown again).
 */
export function confirmedRisk(
  risk: SignRisk,
  request: { informed?: InformedConfirmation | undefined; longSupply?: LongSupply | undefined },
  physician: { id: string; name: string },
  at: string,
): { patientInformed?: PatientInformed; longSupply?: LongSupply } {
  const confirmed = request.informed ?? [];
  const unconfirmed = risk.inform.filter(
    (i) => !confirmed.some((c) => c.drugCode === i.drugCode && c.leafletId === (i.leaflet?.id ?? null) && c.leafletVersion === (i.leaflet?.version ?? null)),
  );
  if (unconfirmed.length > 0)
    throw new AppFailure('PATIENT_NOT_INFORMED', `Confirm that the patient was told the risks of ${unconfirmed.map((i) => i.drugName).join(', ')}, with the leaflet shown.`);
  const needsReason = risk.longSupply.items.length > 0;
  if (needsReason && !request.longSupply) {
    const items = risk.longSupply.items.map((i) => `${i.drugName} ${i.days}`).join(', ');
    throw new AppFailure('LONG_SUPPLY_REASON_REQUIRED', `Days beyond ${risk.longSupply.reasonBeyondDays} (${items}) need the reason (《处方管理办法》第十九条).`);
  }
  return {
    ...(risk.inform.length > 0
      ? { patientInformed: { by: physician, at, leaflets: risk.inform.map((i) => ({ drugCode: i.drugCode, highAlert: i.highAlert, leafletId: i.leaflet?.id ?? null, leafletVersion: i.leaflet?.version ?? null })) } }
      : {}),
    // A reason sent for a supply that needs none is not signed: the document says only what the rules asked.
    ...(needsReason && request.longSupply ? { longSupply: { category: request.longSupply.category, note: request.longSupply.note.trim() } } : {}),
  };
}
