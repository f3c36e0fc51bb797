// The review screen's pure rules, beside the other renderer rules tested here (rxStatusLabels.test.ts): renderer/ itself may not import node:test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorCodes } from '../../shared/result';
import en from '../../renderer/src/i18n/en.json';
import zhCN from '../../renderer/src/i18n/zh-CN.json';
import { missingForDecision } from '../../renderer/src/features/review/decisionRules';
import { clockColour, waitingText } from '../../renderer/src/features/review/waitingClock';

const limits = { amberMs: 30 * 60_000, redMs: 60 * 60_000 };

test('the waiting clock turns amber and red exactly at the configured limits', () => {
  assert.equal(clockColour(30 * 60_000 - 1, limits), 'green');
  assert.equal(clockColour(30 * 60_000, limits), 'amber');
  assert.equal(clockColour(60 * 60_000 - 1, limits), 'amber');
  assert.equal(clockColour(60 * 60_000, limits), 'red');
});

test('the waiting time reads in whole minutes, with hours past the hour', () => {
  const t = (key: string, o: Record<string, unknown>) => `${key}:${JSON.stringify(o)}`;
  assert.equal(waitingText(59_999, t), 'review.queue.minutes:{"count":0}');
  assert.equal(waitingText(65 * 60_000, t), 'review.queue.hoursMinutes:{"hours":1,"minutes":"05"}');
});

test('a decision is not offered for signing until it is complete; an expired prescription is never approved', () => {
  const draft = { decision: null, reasons: [], note: '', recommendation: '' };
  assert.equal(missingForDecision(draft, false), 'choose');
  assert.equal(missingForDecision({ ...draft, decision: 'approve' }, false), null, 'an approval needs nothing more');
  assert.equal(missingForDecision({ ...draft, decision: 'approve' }, true), 'expired');
  assert.equal(missingForDecision({ ...draft, decision: 'return', note: '减量' }, false), 'reasons');
  assert.equal(missingForDecision({ ...draft, decision: 'return', reasons: ['inappropriate.dose-or-frequency'], note: '  ' }, false), 'note');
  assert.equal(missingForDecision({ ...draft, decision: 'return', reasons: ['inappropriate.dose-or-frequency'], note: '减量' }, false), null);
  assert.equal(missingForDecision({ ...draft, decision: 'intervene' }, false), 'recommendation');
  assert.equal(missingForDecision({ ...draft, decision: 'intervene', recommendation: '监测血钾' }, false), null);
});

test('every error code, the review ones included, reads as a sentence in both languages', () => {
  for (const [lang, messages] of [['zh-CN', zhCN], ['en', en]] as const) {
    const labels: Record<string, string> = messages.errors;
    for (const code of errorCodes) assert.ok(labels[code], `${lang} has no label for ${code}`);
  }
});
