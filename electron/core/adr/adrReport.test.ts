import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adrRuleBroken, adrReportType, AdrReportFields } from '../../../shared/adr/report';
import { adrReportsCsv, type AdrExportRow } from '../../../shared/adr/reportCsv';
import { amoxicillinRash } from '../../../shared/adr/adrTestKit';
import { Mutation } from '../../../shared/sync/wire';

const reportedOn = '2026-12-01';
const withDrug = (change: Partial<AdrReportFields['drugs'][number]>): AdrReportFields => ({
  ...amoxicillinRash,
  drugs: [{ ...amoxicillinRash.drugs[0]!, ...change }],
});

test('a complete, consistent report breaks no rule', () => {
  assert.equal(adrRuleBroken(amoxicillinRash, reportedOn), null);
  assert.deepEqual(adrReportType(amoxicillinRash), ['general']);
  assert.deepEqual(adrReportType({ novelty: 'new', serious: true }), ['new', 'serious']);
});

test('each rule of the 2011 form is refused with its own code', () => {
  const cases: [AdrReportFields, string][] = [
    [withDrug({ role: 'concomitant' }), 'ADR_NO_SUSPECTED_DRUG'],
    [{ ...amoxicillinRash, serious: true }, 'ADR_SERIOUS_CRITERIA_MISMATCH'],
    [{ ...amoxicillinRash, seriousCriteria: ['hospitalisation'] }, 'ADR_SERIOUS_CRITERIA_MISMATCH'],
    [{ ...amoxicillinRash, outcome: 'death', serious: true, seriousCriteria: ['life-threatening'] }, 'ADR_DEATH_NOT_SERIOUS'],
    [{ ...amoxicillinRash, serious: true, seriousCriteria: ['hospitalisation', 'hospitalisation'] }, 'ADR_CRITERIA_REPEATED'],
    [{ ...amoxicillinRash, onsetOn: '2026-12-02' }, 'ADR_ONSET_AFTER_REPORT'],
    [withDrug({ startedOn: '2026-11-20', stoppedOn: '2026-11-19' }), 'ADR_DRUG_DATES_REVERSED'],
    [withDrug({ startedOn: '2026-11-29', stoppedOn: null }), 'ADR_SUSPECT_AFTER_ONSET'],
  ];
  for (const [fields, code] of cases) assert.equal(adrRuleBroken(fields, reportedOn), code, code);
  // A concomitant drug started after onset is no contradiction: it is not suspected.
  const late = { ...amoxicillinRash, drugs: [...amoxicillinRash.drugs, { ...amoxicillinRash.drugs[0]!, role: 'concomitant' as const, name: 'loratadine', startedOn: '2026-11-29' }] };
  assert.equal(adrRuleBroken(late, reportedOn), null);
});

test('malformed fields are refused by the schema', () => {
  for (const bad of [
    { ...amoxicillinRash, drugs: [] },
    { ...amoxicillinRash, reaction: '   ' },
    { ...amoxicillinRash, onsetOn: '28/11/2026' },
    { ...amoxicillinRash, severity: 'fatal' },
    { ...amoxicillinRash, seriousCriteria: ['hospitalized'] },
    { ...amoxicillinRash, extra: 1 },
  ]) assert.equal(AdrReportFields.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 80));
});

test('the wire refuses a mutation that breaks a rule, or a correction without its reason', () => {
  const mutation = (payload: Record<string, unknown>) => ({
    mutationId: '4f1c2a6e-3b7d-4c8e-9a1f-0d2e3c4b5a69', kind: 'adr.report.record', clientTime: '2026-12-01T08:00:00Z',
    payload: { id: '7d1c2a6e-3b7d-4c8e-9a1f-0d2e3c4b5a69', patientId: '8e1c2a6e-3b7d-4c8e-9a1f-0d2e3c4b5a69', previousId: null, correctionReason: null, reportedOn, report: amoxicillinRash, ...payload },
  });
  assert.equal(Mutation.safeParse(mutation({})).success, true);
  const serious = Mutation.safeParse(mutation({ report: { ...amoxicillinRash, serious: true } }));
  assert.equal(serious.success, false);
  assert.match(JSON.stringify(serious.error?.issues), /ADR_SERIOUS_CRITERIA_MISMATCH/);
  assert.equal(Mutation.safeParse(mutation({ previousId: '9f1c2a6e-3b7d-4c8e-9a1f-0d2e3c4b5a69' })).success, false);
});

test('the CSV has the form\'s fields, one row per drug, and no cell a spreadsheet would run', () => {
  const row: AdrExportRow = {
    id: 'r1', previousId: null, correctionReason: null, reportedOn, recordedAt: '2026-12-01T08:00:01.000Z',
    reporterName: '张医生', reporterRole: 'physician', hospitalDepartment: 'cardiology',
    patient: { name: '=HYPERLINK("x")', sex: 'female', birthDate: '1950-02-03', recordNumber: 'MR-1' },
    diseases: ['高血压'], earlierReports: 0,
    report: { ...amoxicillinRash, term: '+rash', drugs: [...amoxicillinRash.drugs, { ...amoxicillinRash.drugs[0]!, role: 'concomitant', name: '@loratadine', startedOn: null }] },
  };
  const csv = adrReportsCsv([row]);
  const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.equal(lines.length, 3, 'a header and one line per drug');
  assert.match(lines[0]!, /"患者姓名".*"怀疑\/并用".*"不良反应\/事件发生时间".*"不良反应\/事件的结果"/);
  assert.match(lines[1]!, /"首次报告".*"一般".*"医疗机构".*"女".*"怀疑".*"好转".*"医生"/);
  assert.match(lines[2]!, /"并用"/);
  for (const cell of lines.slice(1).flatMap((l) => l.match(/"(?:[^"]|"")*"/g) ?? [])) {
    assert.doesNotMatch(cell, /^"[=+\-@]/, `inert: ${cell}`);
  }
  assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
});
