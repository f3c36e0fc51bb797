/** High-alert patient leaflets: every high-alert drug a prescription can carry has one, and bad files are refused. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KnowledgeError } from '../../../shared/rx';
import { compileLeaflets, reachableHighAlert } from '../../../shared/rx/leaflets';
import { loadRxKnowledge } from './loadKnowledge';
import { loadLeaflets } from './loadLeaflets';

const knowledge = loadRxKnowledge();
const book = loadLeaflets();
const good = book.all[0]!;

describe('high-alert patient leaflets', () => {
  test('every high-alert formulary drug, by every route it can be prescribed, has a leaflet in both languages with sources', () => {
    const pairs = reachableHighAlert(knowledge);
    assert.ok(pairs.length >= 30, `only ${pairs.length} high-alert drug/entry pairs`);
    const missing = pairs.filter((p) => !book.forDrug(p.entry, p.drug)).map((p) => `${p.drug} under ${p.entry}`);
    assert.deepEqual(missing, []);
    for (const l of book.all) {
      assert.ok(l.sources.length > 0, l.id);
      assert.match(l.zh.title, /[\u4e00-\u9fff]/, `${l.id} zh title is Chinese`);
      assert.doesNotMatch(l.en.title, /[\u4e00-\u9fff]/, `${l.id} en title is English`);
    }
  });

  test("a drug's own leaflet wins over its entry's: warfarin gets INR advice, rivaroxaban the general one", () => {
    assert.equal(book.forDrug('antithrombotics', 'warfarin')?.id, 'warfarin');
    assert.match(book.forDrug('antithrombotics', 'warfarin')!.en.howToTake.join(' '), /INR/);
    assert.equal(book.forDrug('antithrombotics', 'rivaroxaban')?.id, 'antithrombotics');
    assert.equal(book.forDrug('methotrexate-oral', 'methotrexate')?.id, 'methotrexate-oral');
    assert.match(book.forDrug('methotrexate-oral', 'methotrexate')!.zh.howToTake[0]!, /每周/);
  });

  test('an unknown field, an unknown entry, a drug outside its entry and a second leaflet are each refused by name', () => {
    const refused = (data: unknown, pattern: RegExp) =>
      assert.throws(() => compileLeaflets([{ file: 'x.json', data }], knowledge), (e: unknown) => e instanceof KnowledgeError && pattern.test(e.message));
    refused({ ...good, warnings: [] }, /x\.json.*warnings|Unrecognized key/);
    refused({ ...good, zh: { ...good.zh, avoid: [] } }, /x\.json: zh\.avoid/);
    refused({ ...good, highAlert: 'not-an-entry' }, /not a high-alert entry/);
    refused({ ...good, highAlert: 'antithrombotics', drugs: ['metformin'] }, /"metformin" is not under/);
    assert.throws(() => compileLeaflets([{ file: 'a.json', data: good }, { file: 'b.json', data: { ...good, id: 'other' } }], knowledge), /second leaflet/);
  });
});
