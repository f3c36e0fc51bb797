import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../../../../shared/ipc/reviewChannels';

/** A revision against the version the pharmacist returned: each changed field, before struck, after highlighted. */
export function ChangesPanel({ changes }: { changes: FieldChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return null;
  return (
    <section className="panel review-changes" data-testid="review-changes" aria-label={t('review.changes.title')}>
      <h3>{t('review.changes.title')}</h3>
      <table>
        <tbody>
          {changes.map((c, n) => (
            <tr key={n} data-field={c.field}>
              <th scope="row">{fieldLabel(c.field, t)}</th>
              <td className="struck">{c.before ?? t('review.changes.absent')}</td>
              <td><mark>{c.after ?? t('review.changes.absent')}</mark></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `items[0].dose` (electron/core/review/reviewDetail.ts) as "Drug 1 · Dose". */
function fieldLabel(field: string, t: TFunction): string {
  const item = /^items\[(\d+)\]\.(\w+)$/.exec(field);
  if (!item) return t(`review.changes.fields.${field}`, { defaultValue: field });
  return `${t('review.changes.item', { n: Number(item[1]) + 1 })} · ${t(`review.changes.fields.${item[2]}`, { defaultValue: item[2] })}`;
}
