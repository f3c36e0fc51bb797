import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayStatuses, storedStatuses } from '../../shared/rx/lifecycle';
import en from '../../renderer/src/i18n/en.json';
import zhCN from '../../renderer/src/i18n/zh-CN.json';

// Here rather than beside the renderer: renderer/ may not import Node (node:test) even in tests.

test('every prescription status, shown or stored (the server\'s included), has a label in both languages', () => {
  for (const [lang, messages] of [['zh-CN', zhCN], ['en', en]] as const) {
    const labels: Record<string, string> = messages.rx.status;
    for (const status of [...displayStatuses, ...storedStatuses]) {
      assert.ok(labels[status]?.trim(), `${lang}: rx.status.${status}`);
    }
  }
});
