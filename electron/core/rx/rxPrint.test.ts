/** What the printed prescription names as the diagnosis: each indication once, with the patient's label for it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printedDiagnoses } from './rxPrint';

const diagnoses = [
  { icd10: 'I48', label: '心房颤动' },
  { icd10: 'E11.9', label: '2型糖尿病' },
];

test('each indication prints once, in item order, named by the diagnosis of that code or the code it refines', () => {
  const items = [{ indication: 'I48' }, { indication: 'E11' }, { indication: 'I48' }, {}];
  assert.deepEqual(printedDiagnoses(items, diagnoses), [
    { code: 'I48', label: '心房颤动' },
    { code: 'E11', label: '2型糖尿病' },
  ]);
});

test('an indication the patient has no diagnosis for prints as its code alone', () => {
  assert.deepEqual(printedDiagnoses([{ indication: 'J06' }], diagnoses), [{ code: 'J06', label: null }]);
  assert.deepEqual(printedDiagnoses([{}], diagnoses), []);
});
