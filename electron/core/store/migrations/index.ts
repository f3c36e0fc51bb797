import { sql as initial } from './001_initial';
import { sql as syncAndAudit } from './002_sync_and_audit';
import { sql as prescribing } from './003_prescribing';
import { sql as patientScope } from './004_patient_scope';
import { sql as hospitalFormulary } from './005_hospital_formulary';
import { sql as syncRecovery } from './006_sync_recovery';
import { sql as offlineVerifiers } from './007_offline_verifiers';
import { sql as signingCertificates } from './008_signing_certificates';
import { sql as faceVerification } from './009_face_verification';
import { sql as review } from './010_review';
import { sql as keptPatientsAndCertificates } from './011_kept_patients_and_certificates';
import { sql as hospitalSettings } from './012_hospital_settings';
import { sql as emrRecords } from './013_emr_records';
import { sql as chart } from './014_chart';
import { sql as roamingFaceTemplates } from './015_roaming_face_templates';
import { sql as emrSync } from './016_emr_sync';
import { sql as deregistrationWipe } from './017_deregistration_wipe';
import { sql as adrReports } from './018_adr_reports';

/** Forward-only, in order; a migration's number is its position here plus one. */
export const migrations: readonly string[] = [
  initial, syncAndAudit, prescribing, patientScope, hospitalFormulary, syncRecovery, offlineVerifiers, signingCertificates, faceVerification, review,
  keptPatientsAndCertificates, hospitalSettings, emrRecords, chart, roamingFaceTemplates, emrSync, deregistrationWipe, adrReports,
];
