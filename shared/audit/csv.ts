import { canonicalJson } from '../domain/canonical';
import type { AuditEventView } from './query';

const columns = ['at', 'deviceId', 'deviceName', 'seq', 'userId', 'userAccount', 'sessionId', 'action', 'subject', 'detail'] as const;

/**
 * One CSV field (RFC 4180): quoted, quotes doubled. A field a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR first) is prefixed with an apostrophe (OWASP "CSV injection").
 */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

/** The audit CSV an admin downloads: a header row, then one row per event, CRLF line ends. */
export function auditCsv(events: readonly AuditEventView[]): string {
  const rows = events.map((e) => columns.map((c) => csvField(c === 'detail' ? canonicalJson(e.detail) : e[c])).join(','));
  return [columns.join(','), ...rows].join('\r\n') + '\r\n';
}
