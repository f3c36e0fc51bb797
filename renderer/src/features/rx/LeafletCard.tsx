import { useTranslation } from 'react-i18next';
import type { LeafletView } from '../../../../shared/ipc/rxRisk';

/** A high-alert patient leaflet in the UI language: shown at signing, in review and in the print. */
export function LeafletCard({ leaflet }: { leaflet: LeafletView }) {
  const { t, i18n } = useTranslation();
  const text = i18n.language === 'en' ? leaflet.en : leaflet.zh;
  const list = (key: 'howToTake' | 'warningSigns' | 'avoid') => (
    <>
      <h5>{t(`risk.leaflet.${key}`)}</h5>
      <ul>{text[key].map((line) => <li key={line}>{line}</li>)}</ul>
    </>
  );
  return (
    <article className="leaflet" data-testid="leaflet" data-leaflet-id={leaflet.id} data-leaflet-version={leaflet.version}>
      <h4>{text.title}</h4>
      <p>{text.purpose}</p>
      {list('howToTake')}
      {list('warningSigns')}
      {list('avoid')}
      <p className="muted small">{t('risk.leaflet.sources')}: {leaflet.sources.join('; ')} · v{leaflet.version}</p>
    </article>
  );
}
