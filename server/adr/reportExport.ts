import type { AdrExportQuery, AdrExportRow } from '../../shared/adr/reportCsv';
import { AdrReportFields } from '../../shared/adr/report';
import type { Queryable } from '../db/types';

interface Row {
  id: string;
  previous_id: string | null;
  correction_reason: string | null;
  reported_on: string;
  recorded_at: string;
  reporter_role: 'physician' | 'pharmacist';
  report: string;
  reporter_name: string;
  department: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  record_number: string;
  diseases: string[];
  earlier_reports: number;
}

/** The reports to export, oldest first, with what the form asks of the patient and reporter. */
export async function adrExportRows(db: Queryable, query: AdrExportQuery): Promise<AdrExportRow[]> {
  const rows = await db.query<Row>(
    `SELECT r.id, r.previous_id, r.correction_reason, r.reported_on, r.recorded_at, r.reporter_role, r.report,
            u.display_name AS reporter_name, p.department, p.name, p.sex, p.birth_date, p.record_number,
            coalesce((SELECT array_agg(d.label ORDER BY d.diagnosed_on, d.id) FROM diagnoses d WHERE d.patient_id = p.id AND d.status = 'active'), '{}') AS diseases,
            (SELECT count(*)::int FROM adr_reports e WHERE e.patient_id = r.patient_id AND e.reported_on < r.reported_on AND e.id <> coalesce(r.previous_id, '')) AS earlier_reports
       FROM adr_reports r JOIN patients p ON p.id = r.patient_id JOIN users u ON u.id = r.reported_by
      WHERE ($1::text IS NULL OR r.reported_on >= $1) AND ($2::text IS NULL OR r.reported_on <= $2)
      ORDER BY r.reported_on, r.recorded_at, r.id`,
    [query.from ?? null, query.to ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    previousId: r.previous_id,
    correctionReason: r.correction_reason,
    reportedOn: r.reported_on,
    recordedAt: r.recorded_at,
    reporterName: r.reporter_name,
    reporterRole: r.reporter_role,
    hospitalDepartment: r.department,
    patient: { name: r.name, sex: r.sex, birthDate: r.birth_date, recordNumber: r.record_number },
    diseases: r.diseases,
    earlierReports: r.earlier_reports,
    report: AdrReportFields.parse(JSON.parse(r.report)),
  }));
}
