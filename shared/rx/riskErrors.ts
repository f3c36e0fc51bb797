/** Error codes of issue 13's prescribing additions (spread into shared/result.ts). */
export const rxRiskErrorCodes = [
  /** A high-alert prescription without the physician's confirmation that the patient was told, with the leaflet shown. */
  'PATIENT_NOT_INFORMED',
  /** A supply beyond 7 days (3 in an emergency) without the reason 《处方管理办法》第十九条 asks for. */
  'LONG_SUPPLY_REASON_REQUIRED',
] as const;
