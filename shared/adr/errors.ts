import { adrRuleCodes } from './report';

/** Error codes of adverse drug reaction reports (issue 13), spread into shared/result.ts. */
export const adrErrorCodes = [
  ...adrRuleCodes,
  /** A correction names a report of another patient, or one this workstation does not hold. */
  'ADR_CORRECTION_UNKNOWN',
] as const;
