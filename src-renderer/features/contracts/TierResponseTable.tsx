import { Table, Tag, Typography } from 'antd';
import type { PolicyLevel, PolicyPack, ResponseTarget } from '../../../src-shared/policy/index';
import { useI18n } from '../../app/i18n';

interface Row {
  level: PolicyLevel;
  target: ResponseTarget | undefined;
}

/**
 * One tier's response-time column of the pack's matrix, level by level, in the policy's own
 * words (coverage window names and channels are quoted from the seed).
 */
export function TierResponseTable({ pack, tierId }: { pack: PolicyPack; tierId: string }) {
  const { t, pick } = useI18n();
  const row = pack.responseMatrix[tierId];
  const rows: Row[] = pack.levels.map((level) => ({ level, target: row?.[level.id] }));

  const targetText = (target: ResponseTarget): string => {
    switch (target.kind) {
      case 'hours':
        return t('contracts.target.hours', { n: target.hours });
      case 'minutes':
        return t('contracts.target.minutes', { n: target.minutes });
      case 'business-days':
        return t(
          target.days === 1 ? 'contracts.target.businessDay' : 'contracts.target.businessDays',
          { n: target.days },
        );
      case 'none':
        return pick(target.note);
    }
  };

  return (
    <Table<Row>
      rowKey={(r) => r.level.id}
      size="small"
      pagination={false}
      dataSource={rows}
      className="fb-response-table"
      columns={[
        {
          key: 'level',
          title: t('contracts.col.level'),
          render: (_, r) => (
            <span title={pick(r.level.definition)}>
              <Typography.Text strong>{r.level.id}</Typography.Text> {pick(r.level.name)}
            </span>
          ),
        },
        {
          key: 'target',
          title: t('contracts.col.target'),
          render: (_, r) => (r.target === undefined ? '—' : targetText(r.target)),
        },
        {
          key: 'coverage',
          title: t('contracts.col.coverage'),
          render: (_, r) =>
            r.target === undefined || r.target.kind === 'none'
              ? '—'
              : pick(pack.coverageWindows[r.target.coverage].name),
        },
        {
          key: 'channels',
          title: t('contracts.col.channels'),
          render: (_, r) => (r.target?.channels === undefined ? '—' : pick(r.target.channels)),
        },
        {
          key: 'onSite',
          title: t('contracts.col.onSite'),
          width: 110,
          render: (_, r) =>
            r.target?.onSite === true ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no'),
        },
      ]}
    />
  );
}
