/**
 * What the audit trail keeps, and for how long (issue 12). Two categories:
 * - clinical: everything done to a patient's care (prescriptions, records, reviews, allergies,
 *   exports, prints, settings and admin changes): >= 15 years;
 * - process: sign-in evidence, session and sync logs, and the audit of reads (chart opens,
 *   search pages, queries of the trail itself): >= 3 years.
 * Source: 《互联网诊疗监管细则（试行）》(国卫办医发〔2022〕2号), on internet-consultation records:
 * "保存时间不得少于15年。诊疗中的图文对话、音视频资料等过程记录保存时间不得少于3年"; and
 * 《医疗机构病历管理规定（2013年版）》第二十九条 (outpatient records >= 15 years).
 * An action is process only when it is listed here: anything new or unknown is clinical, and kept
 * the longer time.
 */
export const minimumRetentionYears = { clinical: 15, process: 3 } as const;

export const processActionPrefixes = ['auth.', 'session.', 'sync.', 'face.attempt', 'face.lockout', 'chart.open', 'chart.search', 'audit.query'] as const;

export type AuditCategory = 'clinical' | 'process';

export function auditCategory(action: string): AuditCategory {
  return processActionPrefixes.some((prefix) => action === prefix || (prefix.endsWith('.') && action.startsWith(prefix))) ? 'process' : 'clinical';
}
