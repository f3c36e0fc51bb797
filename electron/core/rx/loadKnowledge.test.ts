/** The shipped knowledge: valid, complete for issue 4's required list, and strictly validated. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findDrug, KnowledgeError, searchFormulary } from '../../../shared/rx';
import { defaultRxResourcesDir, loadRxKnowledge } from './loadKnowledge';

const knowledge = loadRxKnowledge();

const required = `amlodipine nifedipine losartan valsartan enalapril metoprolol bisoprolol spironolactone hydrochlorothiazide furosemide
  isosorbide-mononitrate nitroglycerin digoxin amiodarone atorvastatin rosuvastatin simvastatin aspirin clopidogrel warfarin rivaroxaban
  metformin gliclazide glimepiride acarbose insulin-glargine insulin-aspart levothyroxine omeprazole pantoprazole amoxicillin
  amoxicillin-clavulanate cefuroxime cefixime azithromycin clarithromycin levofloxacin fluconazole ibuprofen diclofenac celecoxib
  paracetamol colchicine allopurinol azathioprine methotrexate prednisone montelukast salbutamol loratadine cetirizine sildenafil
  isotretinoin potassium-chloride morphine oxycodone tramadol diazepam alprazolam zolpidem sertraline`.split(/\s+/);

describe('shipped knowledge', () => {
  test('every drug issue 4 requires is present, with its sources', () => {
    for (const code of required) {
      const drug = knowledge.drugs.get(code);
      assert.ok(drug, code);
      assert.ok(drug.sources.length > 0);
    }
  });
  test('control categories from the Chinese catalogues', () => {
    assert.equal(knowledge.drugs.get('tramadol')?.control, 'psychotropic-2');
    assert.equal(knowledge.drugs.get('zolpidem')?.control, 'psychotropic-2');
    assert.equal(knowledge.drugs.get('morphine')?.control, 'narcotic');
    assert.equal(knowledge.drugs.get('sertraline')?.control, null);
  });
  test('at least 200 interaction rules, each with a mechanism and a source', () => {
    assert.ok(knowledge.interactions.length >= 200, String(knowledge.interactions.length));
    for (const r of knowledge.interactions) assert.ok(r.mechanism && r.mechanismZh && r.sources.length, r.id);
  });
  test('required allergy classes and chronic conditions', () => {
    for (const c of ['penicillins', 'cephalosporins', 'carbapenems', 'sulfonamides', 'nsaids', 'macrolides', 'fluoroquinolones', 'opioids']) assert.ok(knowledge.allergyClasses.has(c), c);
    for (const cat of ['I10', 'I15', 'E10', 'E14', 'E78', 'I20', 'I25', 'I48', 'I50', 'J44', 'J45', 'E03', 'E05', 'M10', 'M05', 'M06', 'M15', 'M19', 'F32', 'F33', 'G40', 'N18'])
      assert.ok(knowledge.chronicCategories.has(cat), cat);
    assert.equal(knowledge.chronicCategories.has('J02'), false);
    assert.equal(knowledge.pilotDepartments.size, 0);
  });
  test('synonyms resolve', () => {
    assert.equal(findDrug(knowledge, 'Acetaminophen')?.code, 'paracetamol');
    assert.equal(findDrug(knowledge, 'albuterol')?.code, 'salbutamol');
    assert.equal(findDrug(knowledge, 'co-amoxiclav')?.code, 'amoxicillin-clavulanate');
  });
});

describe('formulary search', () => {
  test('by pinyin initials, Chinese name, English name and synonym', () => {
    assert.equal(searchFormulary(knowledge.search, 'aldp')[0]?.code, 'amlodipine');
    assert.equal(searchFormulary(knowledge.search, '氨氯地平')[0]?.code, 'amlodipine');
    assert.equal(searchFormulary(knowledge.search, 'amlod')[0]?.code, 'amlodipine');
    assert.equal(searchFormulary(knowledge.search, 'tylenol')[0]?.code, 'paracetamol');
    assert.ok(searchFormulary(knowledge.search, '头孢').some((h) => h.code === 'cefuroxime'));
    assert.deepEqual(searchFormulary(knowledge.search, '   '), []);
    assert.ok(searchFormulary(knowledge.search, 'a', { limit: 5 }).length <= 5);
  });
});

describe('validation of knowledge files', () => {
  function withCopy(edit: (dir: string) => void): string {
    const root = mkdtempSync(join(tmpdir(), 'rx-knowledge-'));
    const dir = join(root, 'resources', 'rx');
    mkdirSync(dir, { recursive: true });
    cpSync(defaultRxResourcesDir, dir, { recursive: true });
    try {
      edit(dir);
      loadRxKnowledge(dir);
      return '';
    } catch (e) {
      assert.ok(e instanceof KnowledgeError, String(e));
      return e.message;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  test('a duplicate drug code is rejected, naming both files', () => {
    const message = withCopy((dir) => {
      const file = join(dir, 'formulary', 'core-cardiovascular.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as { drugs: unknown[] };
      writeFileSync(join(dir, 'formulary', 'zz-dup.json'), JSON.stringify({ drugs: [data.drugs[0]] }));
    });
    assert.match(message, /zz-dup\.json: drug amlodipine: duplicate code \(also in .*core-cardiovascular\.json\)/);
  });
  test('a bad field names the file, the drug and the field', () => {
    const message = withCopy((dir) => {
      writeFileSync(join(dir, 'formulary', 'zz-bad.json'), JSON.stringify({ drugs: [{ code: 'made-up', inn: 'made up' }] }));
    });
    assert.match(message, /zz-bad\.json: drug made-up: nameZh/);
  });
  test('an interaction rule naming a drug that does not exist is rejected', () => {
    const message = withCopy((dir) => {
      writeFileSync(join(dir, 'interactions', 'zz.json'), JSON.stringify({ rules: [{ id: 'x', a: { drugs: ['nosuchdrug'] }, b: { atc: ['N02'] }, severity: 'major', mechanism: 'm', mechanismZh: 'm', sources: ['s'] }] }));
    });
    assert.match(message, /unknown drug code "nosuchdrug"/);
  });
});
