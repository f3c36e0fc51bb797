import { useTranslation } from 'react-i18next';
import { useReviewQueue } from './reviewQueueStore';

/** Department, physician and alert type: the server filters, so the counts follow the filters; the choices cover the whole queue. */
export function QueueFilters() {
  const { t } = useTranslation();
  const { filters, queue, setFilter } = useReviewQueue();
  const options = queue?.facets ?? { departments: [], physicians: [], alerts: [] };
  return (
    <div className="review-filters" role="group" aria-label={t('review.filters.title')}>
      <label>
        {t('review.filters.department')}
        <select name="department" value={filters.department ?? ''} onChange={(e) => void setFilter({ department: e.target.value })}>
          <option value="">{t('review.filters.all')}</option>
          {options.departments.map((d) => <option key={d} value={d}>{t(`departments.${d}`, { defaultValue: d })}</option>)}
        </select>
      </label>
      <label>
        {t('review.filters.physician')}
        <select name="physician" value={filters.physicianId ?? ''} onChange={(e) => void setFilter({ physicianId: e.target.value })}>
          <option value="">{t('review.filters.all')}</option>
          {options.physicians.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label>
        {t('review.filters.alert')}
        <select name="alert" value={filters.alert ?? ''} onChange={(e) => void setFilter({ alert: e.target.value })}>
          <option value="">{t('review.filters.all')}</option>
          {options.alerts.map((a) => <option key={a} value={a}>{t(`rx.codes.${a}`, { defaultValue: a })}</option>)}
        </select>
      </label>
    </div>
  );
}
