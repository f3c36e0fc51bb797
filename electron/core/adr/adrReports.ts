import { randomUUID } from 'node:crypto';
import { adrRuleBroken, AdrReportFields } from '../../../shared/adr/report';
import { subjectOf } from '../../../shared/audit/subjects';
import type { AdrReportView } from '../../../shared/ipc/adrChannels';
import { AppFailure } from '../../../shared/result';
import { adrReportJson } from '../../../shared/sync/adrWire';
import { auditLog, type Actor } from '../store/audit';
import type { Db } from '../store/database';
import { outboxTable } from '../store/outbox';
import type { PatientAccess } from '../store/patientScope';

interface Row {
  id: string;
  patient_id: string;
  previous_id: string | null;
  correction_reason: string | null;
  reported_on: string;
  reported_by: string;
  reporter_name: string | null;
  reporter_role: 'physician' | 'pharmacist';
  report: string;
  recorded_at: string | null;
  corrected_by: string | null;
}

export interface AdrRecordInput {
  patientId: string;
  previousId: string | null;
  correctionReason: string | null;
  report: AdrReportFields;
}

/**
 * Adverse drug reaction reports on the workstation (issue 13): recorded as every clinical write is
 * (the row, its outbox mutation and its audit entry in one transaction), listed with the chart.
 * Nothing else is written from a report: an allergy is recorded only when a person asks for it.
 */
export function adrReports(db: Db, access: PatientAccess, now: () => number = Date.now) {
  const outbox = outboxTable(db, now);
  const audit = auditLog(db, now);
  const patient = db.prepare<[string], { id: string }>('SELECT id FROM patients WHERE id = ?');
  const rolesOf = db.prepare<[string], { roles: string }>('SELECT roles FROM users WHERE id = ?');
  const reportPatient = db.prepare<[string], { patient_id: string }>('SELECT patient_id FROM adr_reports WHERE id = ?');
  const prescriptionPatient = db.prepare<[string], { patient_id: string }>('SELECT patient_id FROM prescriptions WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO adr_reports (id, patient_id, previous_id, correction_reason, reported_on, reported_by, reporter_role, report, recorded_at)
     VALUES (@id, @patientId, @previousId, @correctionReason, @reportedOn, @reportedBy, @reporterRole, @report, NULL)`,
  );
  const byPatient = db.prepare<[string], Row>(
    `SELECT r.*, u.display_name AS reporter_name,
            (SELECT group_concat(c.id) FROM adr_reports c WHERE c.previous_id = r.id) AS corrected_by
       FROM adr_reports r LEFT JOIN users u ON u.id = r.reported_by
      WHERE r.patient_id = ? ORDER BY r.reported_on DESC, coalesce(r.recorded_at, '9999') DESC, r.id`,
  );
  const today = () => new Date(now()).toISOString().slice(0, 10);

  const reporterRole = (userId: string): 'physician' | 'pharmacist' => {
    const roles = JSON.parse(rolesOf.get(userId)?.roles ?? '[]') as string[];
    return roles.includes('physician') ? 'physician' : 'pharmacist';
  };

  return {
    record: (actor: Actor, input: AdrRecordInput) =>
      db.transaction(() => {
        access.assertVisible(actor.userId, input.patientId);
        if (!patient.get(input.patientId)) throw new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');
        const reportedOn = today();
        const broken = adrRuleBroken(input.report, reportedOn);
        if (broken) throw new AppFailure(broken, `The report breaks the rule ${broken}.`);
        if (input.previousId !== null && reportPatient.get(input.previousId)?.patient_id !== input.patientId) {
          throw new AppFailure('ADR_CORRECTION_UNKNOWN', 'The report to correct is not one of this patient\'s on this workstation.');
        }
        for (const drug of input.report.drugs) {
          if (drug.prescriptionId !== null && prescriptionPatient.get(drug.prescriptionId)?.patient_id !== input.patientId) {
            throw new AppFailure('NOT_FOUND', 'A drug names a prescription that is not this patient\'s.');
          }
        }
        const id = randomUUID();
        const report = adrReportJson(input.report);
        insert.run({ id, ...input, reportedOn, reportedBy: actor.userId, reporterRole: reporterRole(actor.userId), report });
        outbox.enqueue(actor.userId, 'adr.report.record', { id, ...input, reportedOn });
        audit.append(actor, 'adr.report', subjectOf.patient(input.patientId), { reportId: id, previousId: input.previousId, serious: input.report.serious });
        return { reportId: id };
      })(),

    list: (userId: string, patientId: string): AdrReportView[] => {
      access.assertVisible(userId, patientId);
      return byPatient.all(patientId).map((r) => ({
        id: r.id,
        patientId: r.patient_id,
        previousId: r.previous_id,
        correctionReason: r.correction_reason,
        reportedOn: r.reported_on,
        reportedBy: r.reported_by,
        reporterName: r.reporter_name ?? r.reported_by,
        reporterRole: r.reporter_role,
        recordedAt: r.recorded_at,
        correctedBy: r.corrected_by ? r.corrected_by.split(',').sort() : [],
        report: AdrReportFields.parse(JSON.parse(r.report)),
      }));
    },
  };
}
export type AdrReports = ReturnType<typeof adrReports>;
