import { SearchOutlined } from '@ant-design/icons';
import { Alert, Input, Modal, Tag, Typography } from 'antd';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { SEARCH_LIMIT_DEFAULT } from '../../../src-shared/search/search-index';
import type { SearchHit } from '../../../src-shared/search/search-index';
import { useI18n } from '../../app/i18n';
import { useLookups } from '../visits/use-lookups';
import type { LiveSearchIndex, LiveSearchState } from './live-search-index';
import './search.css';

const KIND_COLORS: Record<SearchHit['kind'], string> = {
  customer: 'blue',
  site: 'cyan',
  cluster: 'geekblue',
  incident: 'red',
  visit: 'green',
  'log-entry': 'default',
  deliverable: 'purple',
};

export interface SearchPaletteProps {
  open: boolean;
  onClose: () => void;
  index: LiveSearchIndex | null;
  state: LiveSearchState;
}

/**
 * Search everything (Ctrl+K): a query box over the live offline index; ↑/↓ move through the
 * results, Enter opens the selected record, Escape closes.
 */
export function SearchPalette({ open, onClose, index, state }: SearchPaletteProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { customerById } = useLookups();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) {
      setQuery('');
      setActive(0);
    }
  }, [open]);

  // Re-run as the index grows or changes (initial load, synced changes): `size` is the signal.
  const indexSize = state.size;
  const hits = useMemo(
    () => (index === null || deferred.trim() === '' || indexSize < 0 ? [] : index.search(deferred)),
    [index, deferred, indexSize],
  );
  const activeIndex = Math.min(active, Math.max(hits.length - 1, 0));

  useEffect(() => {
    listRef.current
      ?.querySelector(`[data-index="${activeIndex}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const go = (hit: SearchHit | undefined) => {
    if (hit === undefined) return;
    onClose();
    void navigate(hit.route);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(activeIndex + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(activeIndex - 1, 0));
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      // While an IME composes Chinese, Enter confirms the characters, not the result.
      e.preventDefault();
      go(hits[activeIndex]);
    }
  };

  const optionId = (i: number) => `fb-search-option-${i}`;
  const trimmed = deferred.trim();

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      closable={false}
      width={720}
      destroyOnHidden
      title={t('search.title')}
      className="fb-search"
      styles={{ body: { paddingTop: 4 } }}
    >
      <Input
        autoFocus
        size="large"
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.title')}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="fb-search-results"
        aria-activedescendant={hits.length > 0 ? optionId(activeIndex) : undefined}
        value={query}
        maxLength={200}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      {!state.ready ? (
        <Typography.Text type="secondary" className="fb-search-status" role="status">
          {t('search.indexing', { count: state.size })}
        </Typography.Text>
      ) : null}
      {state.error !== undefined ? (
        <Alert type="warning" showIcon title={t('search.indexError', { message: state.error })} />
      ) : null}
      {trimmed === '' ? (
        <Typography.Paragraph type="secondary" className="fb-search-hint">
          {t('search.hint')}
        </Typography.Paragraph>
      ) : hits.length === 0 ? (
        <Typography.Paragraph className="fb-search-hint" data-testid="search-empty">
          {t('search.noResults', { query: trimmed })}
        </Typography.Paragraph>
      ) : (
        <>
          <Typography.Text type="secondary" className="fb-search-status">
            {hits.length >= SEARCH_LIMIT_DEFAULT
              ? t('search.moreResults', { count: hits.length })
              : t('search.results', { count: hits.length })}
          </Typography.Text>
          <ul
            id="fb-search-results"
            role="listbox"
            aria-label={t('search.title')}
            className="fb-search-results"
            ref={listRef}
          >
            {hits.map((hit, i) => (
              <li
                key={hit.id}
                id={optionId(i)}
                data-index={i}
                role="option"
                aria-selected={i === activeIndex}
                className={
                  i === activeIndex ? 'fb-search-hit fb-search-hit-active' : 'fb-search-hit'
                }
                onMouseMove={() => setActive(i)}
                onClick={() => go(hit)}
              >
                <Tag color={KIND_COLORS[hit.kind]} className="fb-search-kind">
                  {t(`search.kind.${hit.kind}`)}
                </Tag>
                <span className="fb-search-text">
                  <span className="fb-search-title">{hit.title || t('search.untitled')}</span>
                  <span className="fb-search-sub">
                    {[
                      hit.kind === 'customer' ? '' : customerById.get(hit.customerId)?.name,
                      hit.subtitle,
                    ]
                      .filter((s) => s !== undefined && s !== '')
                      .join(' · ')}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Typography.Text type="secondary" className="fb-search-keys">
        {t('search.keys')}
      </Typography.Text>
    </Modal>
  );
}
