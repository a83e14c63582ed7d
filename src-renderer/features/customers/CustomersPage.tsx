import { Alert, Button, Card, Input, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CustomerDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { customersByName } from '../../db/queries';
import { CustomerFormModal } from './CustomerFormModal';
import { customerMatches } from './customer-form';

export function CustomersPage() {
  const { t, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const customers = useRxQuery((db) => customersByName(db), []);
  const sites = useRxQuery((db) => db.sites.find(), []);

  const siteCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const site of sites.docs)
      counts.set(site.customerId, (counts.get(site.customerId) ?? 0) + 1);
    return counts;
  }, [sites.docs]);

  const shown = useMemo(
    () => customers.docs.filter((c) => customerMatches(c, query)),
    [customers.docs, query],
  );
  const total = customers.docs.length;
  const filtered = query.trim() !== '';

  return (
    <div className="fb-page">
      <PageHeader
        title={t('customers.title')}
        subtitle={
          filtered
            ? t('customers.countFiltered', { shown: shown.length, count: total })
            : t(total === 1 ? 'customers.countOne' : 'customers.count', { count: total })
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('customers.create')}
          </Button>
        }
      />
      {customers.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed', { message: customers.error.message })}
        />
      )}
      <Card size="small">
        <Input.Search
          allowClear
          placeholder={t('customers.search')}
          aria-label={t('customers.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="fb-search"
        />
        <Table<CustomerDoc>
          rowKey="id"
          size="small"
          loading={customers.loading}
          dataSource={shown}
          pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{
            emptyText: (
              <EmptyState
                description={
                  filtered
                    ? t('customers.emptySearch', { query: query.trim() })
                    : t('customers.empty')
                }
                action={
                  filtered ? undefined : (
                    <Button type="primary" onClick={() => setCreating(true)}>
                      {t('customers.create')}
                    </Button>
                  )
                }
              />
            ),
          }}
          onRow={(record) => ({
            onDoubleClick: () => void navigate(`/customers/${record.id}`),
          })}
          columns={[
            {
              key: 'name',
              title: t('customers.field.name'),
              render: (_, c) => (
                <Link to={`/customers/${c.id}`} className="fb-strong-link">
                  {c.name}
                </Link>
              ),
            },
            {
              key: 'shortName',
              title: t('customers.field.shortName'),
              dataIndex: 'shortName',
              width: 140,
            },
            {
              key: 'industry',
              title: t('customers.field.industry'),
              dataIndex: 'industry',
              width: 120,
            },
            {
              key: 'contacts',
              title: t('customers.field.contacts'),
              render: (_, c) => {
                const first = c.contacts[0];
                if (first === undefined) {
                  return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
                }
                const more = c.contacts.length > 1 ? ` +${c.contacts.length - 1}` : '';
                return `${first.name}${first.phone ? ` · ${first.phone}` : ''}${more}`;
              },
            },
            {
              key: 'sites',
              title: t('customers.field.sites'),
              align: 'right',
              width: 80,
              render: (_, c) => siteCounts.get(c.id) ?? 0,
            },
            {
              key: 'updatedAt',
              title: t('customers.field.updatedAt'),
              width: 170,
              render: (_, c) => fmtDateTime(c.updatedAt),
            },
          ]}
        />
      </Card>
      <CustomerFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => void navigate(`/customers/${id}`)}
      />
    </div>
  );
}
