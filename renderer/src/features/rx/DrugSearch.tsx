import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrugView } from '../../../../shared/rx/dispense';
import { invoke } from '../../api';

let latest = 0;

/** Formulary search by pinyin initials ("hfl"), Chinese ("华法") or English name ("warf"). */
export function DrugSearch({ onPick }: { onPick: (drug: DrugView) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<DrugView[]>([]);
  const search = async (text: string) => {
    setQuery(text);
    const ticket = ++latest;
    const result = await invoke('rx:search', { query: text, limit: 8 });
    if (ticket === latest) setHits(result.ok ? result.value.hits.map((h) => h.drug) : []);
  };
  return (
    <div className="rx-search">
      <input
        type="search"
        name="drug-search"
        aria-label={t('rx.searchDrug')}
        placeholder={t('rx.searchPlaceholder')}
        value={query}
        onChange={(e) => void search(e.target.value)}
      />
      {hits.length > 0 && (
        <ul className="rx-hits">
          {hits.map((drug) => (
            <li key={drug.code}>
              <button
                className="rx-hit"
                data-drug-code={drug.code}
                onClick={() => {
                  onPick(drug);
                  setQuery('');
                  setHits([]);
                }}
              >
                <strong>{drug.nameZh}</strong> {drug.inn}
                {drug.highAlert && <span className="tag alert">{t('rx.highAlert')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
