/**
 * The error codes of structured records (issue 11), spread into the one list in shared/result.ts.
 * A record's field problems travel as data (`FieldError`, validation.ts), not as these codes.
 */
export const emrErrorCodes = [
  /** No template with that id (and version) on this workstation or server. */
  'TEMPLATE_UNKNOWN',
  /** A template file does not fit the Questionnaire subset CareDesk renders (template.ts). */
  'TEMPLATE_INVALID',
  /** The record still has field errors (required, range, type); `emr:draft:check` lists them by field. */
  'RECORD_INCOMPLETE',
  /** A signed record is fixed: it is amended by a new version, never changed or deleted. */
  'RECORD_SIGNED',
] as const;
