import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { lifecycleStatus } from '../../src-shared/domain/lifecycle';
import type { LifecycleResult, LifecycleStatus } from '../../src-shared/domain/lifecycle';
import { BUILTIN_POLICY_PACKS } from '../../src-shared/policy/index';
import { todayIsoDate } from '../app/clock';
import { useI18n } from '../app/i18n';

const LOOK: Record<LifecycleStatus, { color: string; label: string; icon: ReactNode }> = {
  supported: { color: 'success', label: 'lifecycle.supported', icon: <CheckCircleOutlined /> },
  'end-of-standard-support': {
    color: 'warning',
    label: 'lifecycle.eoss',
    icon: <ExclamationCircleOutlined />,
  },
  'end-of-life': { color: 'error', label: 'lifecycle.eol', icon: <StopOutlined /> },
};

/** Whether any policy pack publishes lifecycle dates for the product (only DCE does today). */
export function hasLifecycleData(product: string): boolean {
  return BUILTIN_POLICY_PACKS.some((p) => p.lifecycle.some((e) => e.product === product));
}

/** The status, or null when the version belongs to no known series (or is malformed). */
export function safeLifecycleStatus(
  product: string,
  version: string,
  at: string,
): LifecycleResult | null {
  try {
    return lifecycleStatus(product, version, at);
  } catch {
    return null;
  }
}

export interface LifecycleBadgeProps {
  product: string;
  version: string;
  /** The date to judge on (`yyyy-MM-dd`); today in `zone` (or the laptop's zone) by default. */
  at?: string;
  /** IANA zone of the site, so "today" is the site's date. */
  zone?: string;
}

/**
 * Green 受支持 / orange 停止标准支持 / red 停止所有支持服务, with the series' GA, EOSS and EOSL
 * dates from the policy in the tooltip. Renders nothing for products without lifecycle data.
 */
export function LifecycleBadge({ product, version, at, zone }: LifecycleBadgeProps) {
  const { t, fmtDate } = useI18n();
  if (!hasLifecycleData(product)) return null;
  const date = at ?? todayIsoDate(zone);
  const result = safeLifecycleStatus(product, version, date);
  if (result === null) {
    return (
      <Tooltip title={t('lifecycle.unknownHint', { product, version })}>
        <Tag data-testid="lifecycle-badge" data-status="unknown" tabIndex={0}>
          {t('lifecycle.unknown')}
        </Tag>
      </Tooltip>
    );
  }
  const look = LOOK[result.status];
  const tooltip = t('lifecycle.tooltip', {
    series: result.series,
    ga: fmtDate(result.ga),
    eoss: fmtDate(result.eoss),
    eosl: fmtDate(result.eosl),
    date: fmtDate(date),
  });
  return (
    <Tooltip title={tooltip}>
      <Tag
        color={look.color}
        icon={look.icon}
        data-testid="lifecycle-badge"
        data-status={result.status}
        aria-label={`${t('lifecycle.label')}: ${t(look.label)}. ${tooltip}`}
        tabIndex={0}
      >
        {t(look.label)}
      </Tag>
    </Tooltip>
  );
}
