import { z } from 'zod';
import { csvField } from '../audit/csv';
import { adrReportType, type AdrReportFields, type SeriousCriterion } from './report';

/**
 * The export pharmacovigilance staff transcribe into the national system: the fields of
 * 《药品不良反应/事件报告表》, the form annexed to 《药品不良反应报告和监测管理办法》 (2011, 卫生部令第81号,
 * 附表1), one row per drug of each report (the form's drug table), the report's own fields
 * repeated on each. Headers are the form's own names; values are the form's choices in Chinese.
 * Fields the workstation does not hold (民族, 体重, 批准文号, 生产厂家, 生产批号, 关联性评价 and the
 * reporting unit's contact details) are left for the staff to complete in the national system.
 * Cells are made inert against spreadsheet formulas by the audit export's one CSV helper.
 */
export interface AdrExportRow {
  id: string;
  previousId: string | null;
  correctionReason: string | null;
  reportedOn: string;
  recordedAt: string;
  reporterName: string;
  reporterRole: 'physician' | 'pharmacist';
  hospitalDepartment: string;
  patient: { name: string; sex: 'male' | 'female'; birthDate: string; recordNumber: string };
  /** 原患疾病: the patient's active diagnoses when exported. */
  diseases: string[];
  /** 既往药品不良反应/事件: earlier reports of this patient (not follow-ups of this one). */
  earlierReports: number;
  report: AdrReportFields;
}

const reportTypeZh = { new: '新的', serious: '严重', general: '一般' } as const;
const criterionZh: Record<SeriousCriterion, string> = {
  'death': '导致死亡',
  'life-threatening': '危及生命',
  'cancer-birth-defect': '致癌、致畸、致出生缺陷',
  'disability': '导致显著的或者永久的人体伤残或者器官功能的损伤',
  'hospitalisation': '导致住院或者住院时间延长',
  'other-important': '导致其他重要医学事件',
};
const outcomeZh: Record<AdrReportFields['outcome'], string> = {
  'recovered': '痊愈', 'improving': '好转', 'not-recovered': '未好转', 'sequelae': '有后遗症', 'death': '死亡', 'unknown': '不详',
};
const severityZh: Record<AdrReportFields['severity'], string> = { mild: '轻度', moderate: '中度', severe: '重度' };

export const adrCsvColumns = [
  '报告编号', '首次/跟踪报告', '原报告编号', '跟踪报告原因', '报告类型', '报告单位类别', '科室',
  '患者姓名', '性别', '出生日期', '病历号/门诊号', '原患疾病', '既往药品不良反应/事件',
  '药品序号', '怀疑/并用', '药品编码', '通用名称', '用法用量（次剂量、途径、日次数）', '用药起止时间', '用药原因',
  '不良反应/事件名称', '不良反应/事件发生时间', '不良反应/事件过程描述及处理情况', '严重程度', '严重药品不良反应标准',
  '新的/已知', '不良反应/事件的结果', '后遗症表现/直接死因', '报告人', '报告人职业', '报告日期', '医院接收时间',
] as const;

function lines(row: AdrExportRow): (string | number)[][] {
  const r = row.report;
  const head = [
    row.id, row.previousId ? '跟踪报告' : '首次报告', row.previousId ?? '', row.correctionReason ?? '',
    adrReportType(r).map((k) => reportTypeZh[k]).join('、'), '医疗机构', row.hospitalDepartment,
    row.patient.name, row.patient.sex === 'male' ? '男' : '女', row.patient.birthDate, row.patient.recordNumber,
    row.diseases.join('；'), row.earlierReports > 0 ? '有' : '不详',
  ];
  const tail = [
    r.term ?? '', r.onsetOn, r.reaction, severityZh[r.severity], r.seriousCriteria.map((c) => criterionZh[c]).join('；'),
    r.novelty === 'new' ? '新的' : '已知', outcomeZh[r.outcome], r.outcomeDetail,
    row.reporterName, row.reporterRole === 'physician' ? '医生' : '药师', row.reportedOn, row.recordedAt,
  ];
  return r.drugs.map((d, i) => [
    ...head,
    i + 1, d.role === 'suspected' ? '怀疑' : '并用', d.drugCode ?? '', d.name, [d.dose, d.route, d.frequency].filter(Boolean).join(' '),
    `${d.startedOn ?? ''}～${d.stoppedOn ?? ''}`, d.indication,
    ...tail,
  ]);
}

/** The CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheets read the Chinese). */
export function adrReportsCsv(rows: readonly AdrExportRow[]): string {
  const body = rows.flatMap(lines).map((cells) => cells.map(csvField).join(','));
  return '\uFEFF' + [adrCsvColumns.map(csvField).join(','), ...body].join('\r\n') + '\r\n';
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** `GET /admin/adr/reports.csv?from=&to=`: reports recorded (reporter's day) within the days given, both included. */
export const AdrExportQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type AdrExportQuery = z.infer<typeof AdrExportQuery>;
