import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../../shared/emr/answers';
import { buildCodeIndex, searchCodes } from '../../../../shared/emr/codeSearch';
import type { FieldDef } from '../../../../shared/emr/template';
import { textOf } from './text';

interface Props {
  field: FieldDef;
  values: AnswerValue[];
  /** The input's id, name and ARIA state, as every form control gets them (RecordForm). */
  common: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined; 'aria-required': boolean };
  onChange: (values: AnswerValue[]) => void;
}

/**
 * The diagnosis picker for an item coded with ICD-10 (issue 11): type a code, a Chinese name, its
 * pinyin initials or the English title; arrows move, Enter picks, Escape closes. WAI-ARIA 1.2
 * combobox with a listbox popup ("list autocomplete with automatic selection": the first match is
 * the active option), https://www.w3.org/WAI/ARIA/apg/patterns/combobox/. Only codes of the value
 * set can be picked; a repeating item keeps a list of picked codes, each removable.
 */
export function IcdPicker({ field, values, common, onChange }: Props) {
  const { t } = useTranslation();
  const index = useMemo(() => buildCodeIndex(field.options), [field.options]);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const picked = values.filter((v): v is string => typeof v === 'string');
  const hits = useMemo(() => searchCodes(index, query).filter((h) => !picked.includes(h.option.code)), [index, query, picked]);
  const shown = open && hits.length > 0;
  const listId = `${common.id}-options`;
  const optionId = (i: number) => `${common.id}-option-${i}`;
  const nameOf = (code: string) => field.options.find((o) => o.code === code);
  // The active option stays in view as the arrows move through a long list.
  useEffect(() => {
    if (shown) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const pick = (code: string) => {
    onChange(field.repeats ? [...picked, code] : [code]);
    setQuery('');
    setOpen(false);
    setActive(0);
  };
  const remove = (code: string) => onChange(picked.filter((c) => c !== code));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive((i) => Math.min(i + 1, hits.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter': {
        // Enter never submits the record form from here: it picks, or does nothing.
        e.preventDefault();
        const hit = shown ? hits[active] : undefined;
        if (hit) pick(hit.option.code);
        break;
      }
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
        } else setQuery('');
        break;
    }
  };

  return (
    <div className="icd-picker" data-testid={`icd-picker-${field.linkId}`}>
      {picked.length > 0 && (
        <ul className="icd-picked" aria-label={t('icdPicker.picked')}>
          {picked.map((code) => {
            const option = nameOf(code);
            return (
              <li key={code} data-code={code}>
                <span className="icd-code">{code}</span> {option ? textOf(option.display) : t('icdPicker.unknownCode')}
                <button type="button" className="link icd-remove" aria-label={t('icdPicker.remove', { code })} onClick={() => remove(code)}>×</button>
              </li>
            );
          })}
        </ul>
      )}
      <input
        {...common}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown ? optionId(active) : undefined}
        // A required repeating item is answered once one code is picked.
        aria-required={common['aria-required'] && picked.length === 0}
        placeholder={t('icdPicker.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul className="icd-options" role="listbox" id={listId} aria-label={t('icdPicker.options')} hidden={!shown}>
        {shown &&
          hits.map((h, i) => (
            <li
              key={h.option.code}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              data-code={h.option.code}
              className={i === active ? 'active' : undefined}
              // Keep focus in the input, so the pick lands before blur closes the list.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(h.option.code)}
            >
              <span className="icd-code">{h.option.code}</span> {textOf(h.option.display)}
            </li>
          ))}
      </ul>
      <p className="small icd-status" role="status" aria-live="polite">
        {query.trim() === '' ? '' : hits.length === 0 ? t('icdPicker.none') : t('icdPicker.count', { count: hits.length })}
      </p>
    </div>
  );
}
