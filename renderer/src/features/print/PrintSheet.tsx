import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Letterhead, PrintedPatient } from '../../../../shared/print/letterhead';
import { errorText } from '../../i18n';
import { usePrint } from './printStore';

/**
 * A document as it prints, over the workspace: the hospital's letterhead, the patient's
 * identifying lines, the body, and (on screen only) print, save as PDF and close. Under
 * `@media print` only the sheet shows (styles.css), so paper and PDF carry nothing else.
 */
export function PrintSheet({ kind, hospital, title, patient, extra, printedAt, children }: {
  kind: string;
  hospital: Letterhead;
  title: string;
  patient: PrintedPatient;
  /** Lines under the patient's (the prescription's diagnosis, the record's visit). */
  extra?: ReactNode;
  printedAt: string;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { output, close, error } = usePrint();
  return (
    <div className="print-overlay" role="dialog" aria-modal="true" aria-label={title}>
      <article className="print-sheet" data-testid="print-sheet" data-kind={kind}>
        <div className="print-toolbar no-print">
          <button type="button" className="print-paper" onClick={() => void output('paper')}>{t('rxPrint.sheet.paper')}</button>
          <button type="button" className="secondary print-pdf" onClick={() => void output('pdf')}>{t('rxPrint.sheet.pdf')}</button>
          <button type="button" className="secondary print-close" onClick={close}>{t('rxPrint.sheet.close')}</button>
          {error && <span className="error" role="alert">{errorText(error)}</span>}
        </div>
        <header className="print-letterhead">
          <h1>{i18n.language === 'en' ? hospital.en : hospital.zh}</h1>
          <h2>{title}</h2>
        </header>
        <dl className="print-patient" data-testid="print-patient">
          <div><dt>{t('rxPrint.sheet.patient')}</dt><dd>{patient.name}</dd></div>
          <div><dt>{t('rxPrint.sheet.sex')}</dt><dd>{t(`rxPrint.sheet.sexes.${patient.sex}`)}</dd></div>
          <div><dt>{t('rxPrint.sheet.birthDate')}</dt><dd>{patient.birthDate}</dd></div>
          <div><dt>{t('rxPrint.sheet.recordNumber')}</dt><dd>{patient.recordNumber}</dd></div>
        </dl>
        {extra}
        {children}
        <footer className="print-footer small">{t('rxPrint.sheet.printedAt', { at: new Date(printedAt).toLocaleString(i18n.language) })}</footer>
      </article>
    </div>
  );
}
