import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeafletView, SignedRisk } from '../../../../shared/ipc/rxRisk';
import { invoke } from '../../api';
import { LeafletCard } from '../rx/LeafletCard';

/** What the prescriber signed about risk (issue 13): who told the patient, with which leaflets, and why a supply is long. */
export function SignedRiskLines({ risk }: { risk: SignedRisk }) {
  const { t } = useTranslation();
  const [leaflets, setLeaflets] = useState<LeafletView[]>([]);
  const ids = (risk.patientInformed?.leaflets ?? []).flatMap((l) => (l.leafletId ? [l.leafletId] : []));
  const key = ids.join(',');
  useEffect(() => {
    if (!key) return;
    void invoke('rx:leaflets', { ids: key.split(',') }).then((r) => r.ok && setLeaflets(r.value.leaflets));
  }, [key]);
  const informed = risk.patientInformed;
  return (
    <>
      {informed && <p data-testid="signed-informed">{t('risk.signed.informed', { who: informed.by.name, at: informed.at })}</p>}
      {risk.longSupply && (
        <p data-testid="signed-long-supply">{t('risk.signed.longSupply', { category: t(`risk.longSupply.categories.${risk.longSupply.category}`), note: risk.longSupply.note })}</p>
      )}
      {leaflets.map((l) => <LeafletCard key={l.id} leaflet={l} />)}
    </>
  );
}
