/** A hypertension follow-up with every required field answered, as a physician would fill it in (tests only). */
export const completeHypertensionFollowUp = {
  'chief-complaint': ['血压复查'],
  sbp: [152],
  dbp: [94],
  weight: [70],
  height: [175],
  adherence: ['regular'],
  'adverse-reaction': [false],
  'visit-class': ['uncontrolled'],
  diagnosis: ['I10'],
  plan: ['继续氨氯地平 5 mg qd'],
};
