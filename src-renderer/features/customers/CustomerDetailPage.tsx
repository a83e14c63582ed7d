import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type {
  ClusterDoc,
  ContactPerson,
  ContractDoc,
  CustomerDoc,
  SiteDoc,
} from '../../../src-shared/db/types';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { todayIsoDate } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { LifecycleBadge, safeLifecycleStatus } from '../../components/LifecycleBadge';
import { PageHeader } from '../../components/PageHeader';
import { useConfirmDelete } from '../../components/use-confirm-delete';
import { useDatabase } from '../../db/database-context';
import { useRxDocument, useRxQuery } from '../../db/hooks';
import { clustersOfCustomer, contractsOfCustomer, sitesOfCustomer } from '../../db/queries';
import { ClustersTab } from '../clusters/ClustersTab';
import { contractStatus } from '../contracts/contract-form';
import { ContractsTab } from '../contracts/ContractsTab';
import { CustomerInspections } from '../inspections';
import { CustomerProcedures } from '../procedures';
import { SitesTab } from '../sites/SitesTab';
import { CustomerFormModal } from './CustomerFormModal';
import { dependentsOfCustomer, describeDependents } from './dependents';
import { MergeHistoryCard } from '../sync';
import { customerFieldLabels } from '../../components/field-labels';

const TABS = ['overview', 'sites', 'clusters', 'contracts'] as const;
type TabKey = (typeof TABS)[number];

function isTab(value: string | null): value is TabKey {
  return value !== null && (TABS as readonly string[]).includes(value);
}

function Overview({
  customer,
  sites,
  clusters,
  contracts,
}: {
  customer: CustomerDoc;
  sites: SiteDoc[];
  clusters: ClusterDoc[];
  contracts: ContractDoc[];
}) {
  const { t, pick, fmtDate } = useI18n();
  const siteById = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites]);
  const active = contracts.filter((c) => contractStatus(c, todayIsoDate()) === 'active');
  const statusOf = (c: ClusterDoc) => {
    const zone = siteById.get(c.siteId)?.timeZone;
    return safeLifecycleStatus(c.product, c.version, todayIsoDate(zone))?.status;
  };
  const attention = clusters.filter((c) => {
    const status = statusOf(c);
    return status !== undefined && status !== 'supported';
  });
  const supportedCount = clusters.filter((c) => statusOf(c) === 'supported').length;
  const unknownCount = clusters.filter((c) => statusOf(c) === undefined).length;
  // Say what is known: no clusters, how many are supported, how many have no lifecycle data.
  const noAttentionText =
    clusters.length === 0
      ? t('customers.overview.noClusters')
      : [
          supportedCount > 0
            ? t('customers.overview.attentionNone', { count: supportedCount })
            : '',
          unknownCount > 0 ? t('customers.overview.lifecycleUnknown', { count: unknownCount }) : '',
        ]
          .filter((x) => x !== '')
          .join(' ');

  return (
    <Flex vertical gap={12}>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('customers.overview.siteCount')} value={sites.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('customers.overview.clusterCount')} value={clusters.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('customers.overview.contractCount')} value={contracts.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('customers.overview.activeContracts')} value={active.length} />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('customers.overview.info')} className="fb-fill">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('customers.field.name')}>
                {customer.name}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.field.shortName')}>
                {customer.shortName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.field.industry')}>
                {customer.industry ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.field.notes')}>
                <Typography.Text className="fb-pre">{customer.notes ?? '—'}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('customers.overview.contacts')} className="fb-fill">
            <Table<ContactPerson>
              size="small"
              pagination={false}
              rowKey={(c, i) => `${c.name}-${i ?? 0}`}
              dataSource={customer.contacts}
              locale={{ emptyText: t('customers.contact.none') }}
              columns={[
                { key: 'name', title: t('customers.contact.name'), dataIndex: 'name' },
                { key: 'title', title: t('customers.contact.title'), dataIndex: 'title' },
                { key: 'phone', title: t('customers.contact.phone'), dataIndex: 'phone' },
                { key: 'email', title: t('customers.contact.email'), dataIndex: 'email' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('customers.overview.attention')} className="fb-fill">
            {attention.length === 0 ? (
              <Typography.Text type="secondary" data-testid="attention-none">
                {noAttentionText}
              </Typography.Text>
            ) : (
              <Flex vertical gap={6}>
                {attention.map((c) => (
                  <Flex key={c.id} justify="space-between" align="center" gap={8}>
                    <span>
                      {c.name}
                      <Typography.Text type="secondary">
                        {' '}
                        · {siteById.get(c.siteId)?.name ?? '—'} · {c.product} {c.version}
                      </Typography.Text>
                    </span>
                    <LifecycleBadge
                      product={c.product}
                      version={c.version}
                      zone={siteById.get(c.siteId)?.timeZone}
                    />
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('customers.overview.activeContracts')} className="fb-fill">
            {active.length === 0 ? (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            ) : (
              <Flex vertical gap={6}>
                {active.map((c) => {
                  const pack = getPolicyPack(c.packId);
                  const tier = pack.tiers.find((x) => x.id === c.tier);
                  return (
                    <Flex key={c.id} justify="space-between" gap={8} wrap>
                      <span>
                        {c.number} <Tag>{tier === undefined ? c.tier : pick(tier.name)}</Tag>
                      </span>
                      <Typography.Text type="secondary">
                        {pick(pack.name)} · {fmtDate(c.startDate)} – {fmtDate(c.endDate)}
                      </Typography.Text>
                    </Flex>
                  );
                })}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      <CustomerInspections customerId={customer.id} clusters={clusters} />
      <CustomerProcedures customerId={customer.id} />
      <MergeHistoryCard history={customer.mergeHistory} fieldLabels={customerFieldLabels(t)} />
    </Flex>
  );
}

export function CustomerDetailPage() {
  const { customerId = '' } = useParams();
  const { t } = useI18n();
  const db = useDatabase();
  const navigate = useNavigate();
  const confirmDelete = useConfirmDelete();
  const [searchParams, setSearchParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const tabParam = searchParams.get('tab');
  const tab: TabKey = isTab(tabParam) ? tabParam : 'overview';

  const customer = useRxDocument('customers', customerId);
  const sites = useRxQuery((d) => sitesOfCustomer(d, customerId), [customerId]);
  const clusters = useRxQuery((d) => clustersOfCustomer(d, customerId), [customerId]);
  const contracts = useRxQuery((d) => contractsOfCustomer(d, customerId), [customerId]);

  if (customer.loading) {
    return (
      <Flex justify="center" className="fb-loading">
        <Spin aria-label={t('common.loading')} />
      </Flex>
    );
  }
  if (customer.error !== undefined) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed', { message: customer.error.message })}
      />
    );
  }
  const doc = customer.doc;
  if (doc === null) {
    return (
      <Result
        status="404"
        title={t('customers.notFound')}
        extra={
          <Button type="primary" onClick={() => void navigate('/customers')}>
            {t('app.backHome')}
          </Button>
        }
      />
    );
  }

  const remove = () =>
    confirmDelete(
      doc.name,
      async () => {
        const current = await db.customers.findOne(doc.id).exec();
        await current?.remove();
        void navigate('/customers');
      },
      async () => describeDependents(t, await dependentsOfCustomer(db, doc.id)),
    );

  const subtitle = [doc.shortName, doc.industry].filter(Boolean).join(' · ');
  const tabLabel = (key: TabKey, count?: number) =>
    count === undefined ? t(`customers.tab.${key}`) : `${t(`customers.tab.${key}`)} (${count})`;

  return (
    <div className="fb-page">
      <PageHeader
        title={doc.name}
        subtitle={subtitle === '' ? undefined : subtitle}
        backTo="/customers"
        extra={
          <>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={remove}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })
        }
        items={[
          {
            key: 'overview',
            label: tabLabel('overview'),
            children: (
              <Overview
                customer={doc}
                sites={sites.docs}
                clusters={clusters.docs}
                contracts={contracts.docs}
              />
            ),
          },
          {
            key: 'sites',
            label: tabLabel('sites', sites.docs.length),
            children: <SitesTab customerId={doc.id} sites={sites.docs} clusters={clusters.docs} />,
          },
          {
            key: 'clusters',
            label: tabLabel('clusters', clusters.docs.length),
            children: (
              <ClustersTab customerId={doc.id} sites={sites.docs} clusters={clusters.docs} />
            ),
          },
          {
            key: 'contracts',
            label: tabLabel('contracts', contracts.docs.length),
            children: (
              <ContractsTab
                customerId={doc.id}
                sites={sites.docs}
                clusters={clusters.docs}
                contracts={contracts.docs}
              />
            ),
          },
        ]}
      />
      <CustomerFormModal open={editing} customer={doc} onClose={() => setEditing(false)} />
    </div>
  );
}
