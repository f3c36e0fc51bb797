import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc';
import type { SignatureCheck } from '../../../../shared/ipc/rxChannels';
import { PrintSheet } from '../print/PrintSheet';
import { LeafletCard } from './LeafletCard';
import { SignedItemsTable } from './SignedItemsTable';

/**
 * The printed prescription (处方笺, issue 13): diagnosis, the items with their quantities in
 * dispensing units, the physician's signature as verified here, who told the patient the risks,
 * then the leaflet of each high-alert item, so the patient takes it home with the prescription.
 */
export function PrescriptionPrint({ doc }: { doc: ResponseOf<'rx:print'> }) {
  const { t } = useTranslation();
  const { prescription: p, risk, leaflets } = doc;
  const diagnosis = (
    <p className="print-line" data-testid="print-diagnosis">
      <strong>{t('rxPrint.diagnosis')}</strong>{' '}
      {doc.diagnoses.length ? doc.diagnoses.map((d) => (d.label ? `${d.label} (${d.code})` : d.code)).join('；') : t('rxPrint.noDiagnosis')}
      {' · '}{t('rxPrint.issuedOn', { date: p.issuedOn })}{' · '}{t('rxPrint.validUntil', { date: p.lastValidDay })}
    </p>
  );
  return (
    <PrintSheet kind="prescription" hospital={doc.hospital} title={t('rxPrint.title')} patient={doc.patient} extra={diagnosis} printedAt={doc.printedAt}>
      <section className="print-body" data-prescription-id={p.id}>
        <p className="print-rp">Rp.</p>
        <SignedItemsTable items={p.items} />
        {p.validityReason && <p className="small">{p.validityReason}</p>}
      </section>
      <p className="print-signature" data-testid="print-signature">
        {t('rxPrint.physician')}: {doc.prescriber ? `${doc.prescriber.name}（${t('rxPrint.licence')} ${doc.prescriber.licenceNo}）` : '—'}
        {' · '}<SignatureLine check={p.signatureCheck} />
        {p.signedAt && <> · {t('rxPrint.signedAt', { at: new Date(p.signedAt).toLocaleString() })}</>}
      </p>
      {risk.patientInformed && <p className="small" data-testid="print-informed">{t('risk.signed.informed', { who: risk.patientInformed.by.name, at: new Date(risk.patientInformed.at).toLocaleString() })}</p>}
      {risk.longSupply && <p className="small">{t('risk.signed.longSupply', { category: t(`risk.longSupply.categories.${risk.longSupply.category}`), note: risk.longSupply.note })}</p>}
      {leaflets.length > 0 && (
        <section className="print-leaflets" data-testid="print-leaflets">
          <h3>{t('rxPrint.leaflets')}</h3>
          {leaflets.map((l) => <LeafletCard key={l.id} leaflet={l} />)}
        </section>
      )}
    </PrintSheet>
  );
}

/** The signature as main judged it against the signer's registered certificate. */
function SignatureLine({ check }: { check: SignatureCheck | null }) {
  const { t } = useTranslation();
  if (!check) return <span>{t('rxPrint.unsignedHistory')}</span>;
  if (check.verified) return <span data-signature="verified">{t('rxPrint.signatureVerified', { serial: check.serial })}</span>;
  return <span data-signature={check.reason}>{t('rx.signature.notVerified', { reason: t(`rx.signature.reasons.${check.reason}`) })}</span>;
}
