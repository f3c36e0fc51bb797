/**
 * The one format of an audit entry's subject: `<kind>:<id>` (issue 12). Entries are written only
 * with a subject made here (`AuditSubject` is branded, so a bare id does not typecheck), and the
 * server indexes every subject an entry names on upload: its own, plus the related ones an entry
 * lists in `detail.subjects` (a search page names each patient it showed; a prescription names its
 * patient), so "who opened this chart" is one indexed lookup.
 */
export const auditSubjectKinds = [
  'patient',
  'prescription',
  'record',
  'encounter',
  'review',
  'user',
  'device',
  'session',
  'setting',
  'search',
  'export',
] as const;
export type AuditSubjectKind = (typeof auditSubjectKinds)[number];

declare const subjectBrand: unique symbol;
export type AuditSubject = string & { readonly [subjectBrand]: true };

/** Ids are opaque; a colon or whitespace in one would make the subject ambiguous to parse. */
const idPattern = /^[^\s:]{1,160}$/;

export function auditSubject(kind: AuditSubjectKind, id: string): AuditSubject {
  if (!idPattern.test(id)) throw new Error(`audit subject ${kind}: the id must be 1-160 characters without a colon or whitespace`);
  return `${kind}:${id}` as AuditSubject;
}

/** Shorthands for the subjects written most, so call sites read as what they name. */
export const subjectOf = {
  patient: (id: string) => auditSubject('patient', id),
  prescription: (id: string) => auditSubject('prescription', id),
  record: (id: string) => auditSubject('record', id),
  encounter: (id: string) => auditSubject('encounter', id),
  user: (id: string) => auditSubject('user', id),
  device: (id: string) => auditSubject('device', id),
  session: (id: string) => auditSubject('session', id),
  setting: (key: string) => auditSubject('setting', key),
} as const;

export function parseAuditSubject(text: string): { kind: AuditSubjectKind; id: string } | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const kind = text.slice(0, colon) as AuditSubjectKind;
  const id = text.slice(colon + 1);
  return auditSubjectKinds.includes(kind) && idPattern.test(id) ? { kind, id } : null;
}

/** The key in an entry's detail that lists the related subjects it names besides its own. */
export const relatedSubjectsKey = 'subjects';

/**
 * Every well-formed subject an entry names, its own first, without repeats. Entries written
 * before the one format (bare ids) name nothing here; their chain still verifies as written.
 */
export function subjectsNamedBy(entry: { subject: string; detail: Record<string, unknown> }): string[] {
  const related = entry.detail[relatedSubjectsKey];
  const all = [entry.subject, ...(Array.isArray(related) ? related.filter((s): s is string => typeof s === 'string') : [])];
  return [...new Set(all.filter((subject) => parseAuditSubject(subject) !== null))];
}
