/**
 * DURATION. 《处方管理办法》第十九条: a prescription is for at most 7 days, 3 in an emergency.
 * 《长期处方管理规范(试行)》(2021): for a stable chronic condition a long prescription is usually
 * within 4 weeks and at most 12; antimicrobials and controlled (麻精毒放) drugs never get one.
 * 《处方管理办法》第二十三条 limits narcotic and class I psychotropic outpatient prescriptions further
 * (one dose for an injection, 3 days otherwise, 7 for controlled/extended release).
 */
import type { Finding } from '../alerts';
import type { DurationReason } from '../messages/types';
import { regulationSources } from '../sources';
import { drugName, knownItems, refKey, type Check, type KnownItem } from './context';

export const GENERAL_MAX_DAYS = 7;
export const EMERGENCY_MAX_DAYS = 3;
export const LONG_SILENT_MAX_DAYS = 28;
export const LONG_MAX_DAYS = 84;

function controlledLimit(i: KnownItem): number | null {
  const c = i.drug.control;
  if (c !== 'narcotic' && c !== 'psychotropic-1') return null;
  if (i.item.route === 'intravenous' || i.item.route === 'intramuscular' || i.item.route === 'subcutaneous') return 1;
  return i.forms.length > 0 && i.forms.every((f) => f.release === 'extended') ? 7 : 3;
}

export const durationCheck: Check = (ctx) =>
  knownItems(ctx).flatMap((i): Finding[] => {
    const days = i.item.days;
    const emergency = ctx.visit.emergency === true;
    const restricted = i.drug.antibiotic || i.drug.control !== null;
    const limit = Math.min(emergency ? EMERGENCY_MAX_DAYS : GENERAL_MAX_DAYS, controlledLimit(i) ?? Infinity);
    if (days <= limit) return [];
    const chronic = !emergency && !restricted && ctx.knowledge.chronicCategories.has(i.item.indication.slice(0, 3));
    let reason: DurationReason;
    let shownLimit = limit;
    let severity: 'info' | 'override' = 'override';
    if (chronic) {
      if (days <= LONG_SILENT_MAX_DAYS) return [];
      [reason, severity, shownLimit] = days <= LONG_MAX_DAYS ? ['chronic-long', 'info', LONG_SILENT_MAX_DAYS] : ['chronic-too-long', 'override', LONG_MAX_DAYS];
    } else if (i.drug.control !== null) reason = 'controlled';
    else if (i.drug.antibiotic) reason = 'antibiotic';
    else reason = emergency ? 'emergency' : 'general';
    return [
      {
        code: 'DURATION',
        severity,
        refs: [i.ref],
        key: `DURATION:${refKey(i.ref)}`,
        message: ctx.msg.duration(drugName(ctx, i.drug), days, shownLimit, reason),
        source: chronic || restricted ? `${regulationSources.prescriptionRules}; ${regulationSources.longPrescription}` : regulationSources.prescriptionRules,
      },
    ];
  });
