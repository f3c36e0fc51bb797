/**
 * The medication-safety engine of issue 4: pure, the same in the drafting UI, in main and on the
 * server. Input is already parsed (`parseRxCheckInput` / `parseRxVisitInput`); knowledge is compiled
 * once (`compileKnowledge`) and shared between calls.
 */
import { compareFindings, type Finding, type Lang, type RxAlert, type RxVisitAlert } from './alerts';
import { allergyCheck } from './checks/allergy';
import { ageInYears, type Check, type CheckContext } from './checks/context';
import { doseCheck } from './checks/dose';
import { controlledCheck, highAlertCheck, pregnancyCheck, unknownDrugCheck } from './checks/drugFacts';
import { duplicateCheck } from './checks/duplicate';
import { durationCheck } from './checks/duration';
import { interactionCheck } from './checks/interaction';
import { elderlyCheck } from './checks/elderly';
import { hepaticCheck } from './checks/hepatic';
import { pediatricCheck } from './checks/pediatric';
import { renalCheck } from './checks/renal';
import { guardianCheck, itemCountCheck, notFollowUpCheck } from './checks/regulatory';
import type { RxCheckInput, RxVisitInput } from './input';
import { findDrug, type RxKnowledge } from './knowledge/compile';
import type { Drug } from './knowledge/schema';
import { en } from './messages/en';
import type { RxMessages } from './messages/types';
import { zh } from './messages/zh';
import { resolveItem } from './resolve';

export interface CheckOptions {
  /** Chinese by default (issue 4). */
  lang?: Lang;
}

const checks: readonly Check[] = [
  unknownDrugCheck,
  highAlertCheck,
  allergyCheck,
  interactionCheck,
  duplicateCheck,
  doseCheck,
  pediatricCheck,
  renalCheck,
  hepaticCheck,
  elderlyCheck,
  pregnancyCheck,
  controlledCheck,
  guardianCheck,
  durationCheck,
  itemCountCheck,
  notFollowUpCheck,
];

const catalogues: Readonly<Record<Lang, RxMessages>> = { zh, en };

function findings(input: RxVisitInput, knowledge: RxKnowledge, options: CheckOptions): Finding[] {
  const prescriptions = input.prescriptions.map((rx, p) => rx.items.map((item, i) => resolveItem(knowledge, item, { prescription: p, item: i })));
  const active = new Map<string, Drug>();
  for (const m of input.patient.activeMedications) {
    // An active medication outside the formulary cannot be checked against; it is not the item's fault.
    const drug = findDrug(knowledge, m.drug);
    if (drug) active.set(drug.code, drug);
  }
  const ctx: CheckContext = {
    date: input.date,
    patient: input.patient,
    visit: input.visit,
    prescriptions,
    items: prescriptions.flat(),
    active: [...active.values()],
    knowledge,
    msg: catalogues[options.lang ?? 'zh'],
    ageYears: ageInYears(input.patient.birthDate, input.date),
  };
  return checks.flatMap((check) => check(ctx)).sort(compareFindings);
}

/** Checks all prescriptions of one visit together (interactions and duplicates across them). */
export function checkVisit(input: RxVisitInput, knowledge: RxKnowledge, options: CheckOptions = {}): { alerts: RxVisitAlert[] } {
  return {
    alerts: findings(input, knowledge, options).map((f) => ({ code: f.code, severity: f.severity, items: f.refs, message: f.message, source: f.source, key: f.key })),
  };
}

/** Checks one prescription: the `caredesk rx-check` contract. */
export function checkPrescription(input: RxCheckInput, knowledge: RxKnowledge, options: CheckOptions = {}): { alerts: RxAlert[] } {
  const { items, ...rest } = input;
  return {
    alerts: findings({ ...rest, prescriptions: [{ items }] }, knowledge, options).map((f) => ({
      code: f.code,
      severity: f.severity,
      items: f.refs.map((r) => r.item),
      message: f.message,
      source: f.source,
      key: f.key,
    })),
  };
}
