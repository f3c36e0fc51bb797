import { sql as initial } from './001_initial';
import { sql as signedPrescriptions } from './002_signed_prescriptions';
import { sql as hospitalFormulary } from './003_hospital_formulary';
import { sql as auditUploads } from './004_audit_uploads';
import { sql as arrivalCheck } from './005_arrival_check';
import { sql as feedAudienceAndIdentity } from './006_feed_audience_and_identity';
import { sql as deviceCredentials } from './007_device_credentials';
import { sql as fieldWriters } from './008_field_writers';
import { sql as review } from './009_review';
import { sql as signingCertificates } from './010_signing_certificates';
import { sql as reviewFeed } from './011_review_feed';
import { sql as reviewScope } from './012_review_scope_and_certificates';
import { sql as stagedChanges } from './013_staged_changes';
import { sql as hospitalSettingsFeed } from './014_hospital_settings_feed_and_admin_actions';
import { sql as auditTrail } from './015_audit_trail';
import { sql as chart } from './016_chart';
import { sql as reviewQueueFacts } from './017_review_queue_facts';
import { sql as roamingFaceTemplates } from './018_roaming_face_templates';
import { sql as emrRecords } from './019_emr_records';
import { sql as passwordChange } from './020_password_change';
import { sql as adrReports } from './021_adr_reports';
import { sql as auditPurges } from './022_audit_purges';

/** Forward-only and numbered: a migration's version is its position here plus one. Never edit one that shipped. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { name: 'initial', sql: initial },
  { name: 'signed_prescriptions', sql: signedPrescriptions },
  { name: 'hospital_formulary', sql: hospitalFormulary },
  { name: 'audit_uploads', sql: auditUploads },
  { name: 'arrival_check', sql: arrivalCheck },
  { name: 'feed_audience_and_identity', sql: feedAudienceAndIdentity },
  { name: 'device_credentials', sql: deviceCredentials },
  { name: 'field_writers', sql: fieldWriters },
  { name: 'review', sql: review },
  { name: 'signing_certificates', sql: signingCertificates },
  { name: 'review_feed', sql: reviewFeed },
  { name: 'review_scope_and_certificates', sql: reviewScope },
  { name: 'staged_changes', sql: stagedChanges },
  { name: 'hospital_settings_feed_and_admin_actions', sql: hospitalSettingsFeed },
  { name: 'audit_trail', sql: auditTrail },
  { name: 'chart', sql: chart },
  { name: 'review_queue_facts', sql: reviewQueueFacts },
  { name: 'roaming_face_templates', sql: roamingFaceTemplates },
  { name: 'emr_records', sql: emrRecords },
  { name: 'password_change', sql: passwordChange },
  { name: 'adr_reports', sql: adrReports },
  { name: 'audit_purges', sql: auditPurges },
].map((m, i) => ({ version: i + 1, ...m }));
