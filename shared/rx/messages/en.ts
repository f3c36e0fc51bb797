import type { RxMessages } from './types';

const control = { narcotic: 'a narcotic drug', 'psychotropic-1': 'a class I psychotropic drug', 'psychotropic-2': 'a class II psychotropic drug', toxic: 'a toxic drug for medical use', radioactive: 'a radioactive drug' } as const;

/** Ages under a year read in months ("6 months"), as labels write them. */
function ageEn(years: number): string {
  if (years < 1) {
    const months = Math.round(years * 12);
    return `${months} month${months === 1 ? '' : 's'}`;
  }
  return `${years} year${years === 1 ? '' : 's'}`;
}

const populationAction = { contraindicated: 'contraindicated', avoid: 'avoid', reduce: 'reduce the dose', caution: 'use with caution' } as const;

export const en: RxMessages = {
  lang: 'en',
  highAlert: (drug, tier, category) => `${drug} is a high-alert medication (tier ${tier}, ${category}); signing needs a fresh verification.`,
  allergy: (drug, matches) =>
    `${drug} and the patient's allergies: ` +
    matches
      .map((m) =>
        m.kind === 'drug'
          ? `allergic to ${m.allergen}`
          : m.kind === 'class'
            ? `allergic to ${m.allergen}; ${drug} is one of the ${m.className}`
            : `allergic to ${m.allergen} (${m.fromClass}), possible cross-reactivity with ${m.toClass}: ${m.note}`,
      )
      .join('; ') +
    '.',
  allergyNotRecorded: () => 'Allergy history not recorded: ask and record it before prescribing.',
  allergyUnknown: (allergen) => `Allergen "${allergen}" is not recognised: check the prescription against it manually.`,
  interaction: (a, b, severity, mechanism, withActive) => `${a} with ${withActive ? 'active medication ' : ''}${b}: ${severity} interaction. ${mechanism}`,
  duplicate: (a, b, className, withActive) => `${a} duplicates ${withActive ? 'active medication ' : ''}${b} (both ${className}).`,
  doseSingle: (drug, dose, max) => `${drug}: single dose ${dose} is above the maximum single dose ${max}.`,
  doseDaily: (drug, daily, max) => `${drug}: daily dose ${daily} is above the maximum daily dose ${max}.`,
  doseWeekly: (drug, weekly, max) => `${drug}: weekly dose ${weekly} is above the maximum weekly dose ${max}.`,
  doseCourse: (drug, total, max, days) => `${drug}: ${total} over ${days} days is above the maximum of ${max} per course.`,
  frequencyWeekly: (drug, frequency) => `${drug} is taken once weekly, not "${frequency}": daily use by mistake has caused fatal toxicity.`,
  pediatricNoWeight: (drugs) => `Child's weight missing: needed for weight-based dosing (${drugs}).`,
  ageBand: (from, to) => (to === undefined ? `from ${ageEn(from)}` : `${ageEn(from)} to under ${ageEn(to)}`),
  pediatricMinAge: (drug, minAge, words) => `${drug} is contraindicated under ${ageEn(minAge)}. Label: "${words}"`,
  pediatricNotEstablished: (drug, below, words) => `${drug}: use under ${ageEn(below)} is not established; state why it is needed. Label: "${words}"`,
  pediatricPerDose: (drug, v, max, ages) => `${drug}: ${v} mg/kg per dose is above the pediatric maximum of ${max} mg/kg (${ages}).`,
  pediatricPerDay: (drug, v, max, ages) => `${drug}: ${v} mg/kg per day is above the pediatric maximum of ${max} mg/kg/day (${ages}).`,
  pediatricCapDose: (drug, dose, cap, ages) => `${drug}: ${dose} per dose is above the pediatric maximum of ${cap} per dose (${ages}).`,
  pediatricCapDay: (drug, daily, cap, ages) => `${drug}: ${daily} per day is above the pediatric maximum of ${cap} per day (${ages}).`,
  renal: (drug, eGFR, below, action, note) => `eGFR ${eGFR} (below ${below}): ${{ avoid: 'avoid', reduce: 'reduce the dose of', caution: 'use with caution:' }[action]} ${drug}. ${note}`,
  renalMissing: (drugs) => `eGFR missing: renal dosing cannot be checked (${drugs}).`,
  pregnancy: (drug, level) => `${drug} is ${level === 'contraindicated' ? 'contraindicated' : 'to be avoided'} in pregnancy.`,
  lactation: (drug, level) => `${drug} is ${level === 'contraindicated' ? 'contraindicated' : 'to be avoided'} during breastfeeding.`,
  controlled: (drug, category) => `${drug} is ${control[category]} and may not be prescribed online.`,
  guardian: (age) => `Child aged ${age} (under 6): an online prescription needs a guardian present.`,
  duration: (drug, days, limit, reason) =>
    ({
      general: `${drug}: ${days} days is above the general limit of ${limit} days.`,
      emergency: `${drug}: ${days} days is above the emergency limit of ${limit} days.`,
      antibiotic: `${drug} is an antimicrobial and cannot be a long prescription: ${days} days is above ${limit}.`,
      controlled: `${drug} is a controlled drug and cannot be a long prescription: ${days} days is above ${limit}.`,
      'chronic-long': `${drug}: long prescription of ${days} days (over 4 weeks); confirm the condition is stable.`,
      'chronic-too-long': `${drug}: ${days} days is above the long-prescription maximum of ${limit} days.`,
    })[reason],
  itemCount: (count) => `${count} drugs on one prescription: at most 5 are allowed; split it into two prescriptions.`,
  notFollowUp: (category, drugs) => `No prior in-person diagnosis in ${category} for ${drugs}: online prescribing is for follow-up only.`,
  unknownDrug: (name) => `"${name}" is not in the formulary.`,
  withdrawnDrug: (name, reason) => `${name} is not on this hospital's formulary (withdrawn: ${reason}).`,
  elderly: (drug, age, action, note, condition) =>
    `${drug} in a patient aged ${age}${condition ? ` with ${condition}` : ''}: ${populationAction[action]}. ${note}`,
  hepatic: (drug, childPugh, basis, action, note) => `Hepatic impairment, Child-Pugh ${childPugh} (${basis}): ${drug}: ${populationAction[action]}. ${note}`,
  hepaticClassUnknown: (drug, basis, guidance) => `Hepatic impairment (${basis}) without a recorded Child-Pugh class: check ${drug} against the label. ${guidance}`,
  hepaticGuidance: (classes, action, note) => `Child-Pugh ${classes}: ${populationAction[action]} (${note})`,
};
