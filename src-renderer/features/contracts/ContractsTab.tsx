import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import type { ClusterDoc, ContractDoc, SiteDoc } from '../../../src-shared/db/types';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { todayIsoDate } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { useConfirmDelete } from '../../components/use-confirm-delete';
import { useDatabase } from '../../db/database-context';
import { dependentsOfContract, describeDependents } from '../customers/dependents';
import { ContractFormModal } from './ContractFormModal';
import { TierResponseTable } from './TierResponseTable';
import { contractStatus, daysLeft } from './contract-form';
import type { ContractStatus } from './contract-form';

const STATUS_COLOR: Record<ContractStatus, string> = {
  active: 'success',
  upcoming: 'processing',
  expired: 'default',
};

export interface ContractsTabProps {
  customerId: string;
  sites: SiteDoc[];
  clusters: ClusterDoc[];
  contracts: ContractDoc[];
}

type Editing = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; contract: ContractDoc };

export function ContractCard({
  contract,
  sites,
  clusters,
  onEdit,
  onDelete,
}: {
  contract: ContractDoc;
  sites: SiteDoc[];
  clusters: ClusterDoc[];
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, pick, fmtDate } = useI18n();
  const pack = getPolicyPack(contract.packId);
  const tier = pack.tiers.find((x) => x.id === contract.tier);
  const today = todayIsoDate();
  const status = contractStatus(contract, today);
  const left = daysLeft(contract, today);
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const clusterName = useMemo(() => new Map(clusters.map((c) => [c.id, c.name])), [clusters]);
  const sep = t('common.listSeparator');

  return (
    <Card
      size="small"
      data-testid="contract-card"
      title={
        <Space size={8}>
          <span>{contract.number}</span>
          <Tag color={STATUS_COLOR[status]}>{t(`contracts.status.${status}`)}</Tag>
          {status === 'active' && (
            <Typography.Text type="secondary" className="fb-small">
              {t(left === 1 ? 'contracts.dayLeft' : 'contracts.daysLeft', { days: left })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space size={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={onEdit}
            aria-label={`${t('common.edit')} ${contract.number}`}
          >
            {t('common.edit')}
          </Button>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={onDelete}
            aria-label={`${t('common.delete')} ${contract.number}`}
          >
            {t('common.delete')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('contracts.field.pack')}>{pick(pack.name)}</Descriptions.Item>
        <Descriptions.Item label={t('contracts.field.tier')}>
          <span data-testid="contract-tier">
            {tier === undefined ? contract.tier : pick(tier.name)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.field.services')} span={2}>
          <Flex gap={4} wrap>
            {contract.services.map((code) => {
              const service = pack.services.find((s) => s.code === code);
              const name = service === undefined ? undefined : pick(service.name);
              const text =
                name === undefined ? code : pack.id === 'dce-support' ? `${code} · ${name}` : name;
              return (
                <Tag
                  key={code}
                  title={service === undefined ? undefined : pick(service.description)}
                >
                  {text}
                </Tag>
              );
            })}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.field.period')}>
          {fmtDate(contract.startDate)} – {fmtDate(contract.endDate)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.field.validityRule')}>
          {t(`contracts.validity.${contract.validityRule}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.field.sites')}>
          {contract.siteIds.length === 0
            ? t('contracts.allSites')
            : contract.siteIds.map((id) => siteName.get(id) ?? '—').join(sep)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.field.clusters')}>
          {contract.clusterIds.length === 0
            ? t('contracts.noClusters')
            : contract.clusterIds.map((id) => clusterName.get(id) ?? '—').join(sep)}
        </Descriptions.Item>
        {tier?.description !== undefined && (
          <Descriptions.Item label={t('contracts.tierDescription')} span={2}>
            {pick(tier.description)}
          </Descriptions.Item>
        )}
        {contract.notes !== undefined && (
          <Descriptions.Item label={t('contracts.field.notes')} span={2}>
            <Typography.Text className="fb-pre">{contract.notes}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} className="fb-section-title">
        {t('contracts.responseTable', {
          tier: tier === undefined ? contract.tier : pick(tier.name),
        })}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="fb-small">
        {t('contracts.responseTableHint', { pack: pick(pack.name) })}
      </Typography.Paragraph>
      <TierResponseTable pack={pack} tierId={contract.tier} />
    </Card>
  );
}

export function ContractsTab({ customerId, sites, clusters, contracts }: ContractsTabProps) {
  const { t } = useI18n();
  const db = useDatabase();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });

  const remove = (contract: ContractDoc) =>
    confirmDelete(
      contract.number,
      async () => {
        const doc = await db.contracts.findOne(contract.id).exec();
        await doc?.remove();
      },
      async () => describeDependents(t, await dependentsOfContract(db, customerId, contract.id)),
    );

  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ mode: 'create' })}
        >
          {t('contracts.create')}
        </Button>
      </Flex>
      {contracts.length === 0 && <EmptyState description={t('contracts.empty')} />}
      {contracts.map((contract) => (
        <ContractCard
          key={contract.id}
          contract={contract}
          sites={sites}
          clusters={clusters}
          onEdit={() => setEditing({ mode: 'edit', contract })}
          onDelete={() => remove(contract)}
        />
      ))}
      <ContractFormModal
        open={editing.mode !== 'closed'}
        customerId={customerId}
        sites={sites}
        clusters={clusters}
        contracts={contracts}
        contract={editing.mode === 'edit' ? editing.contract : undefined}
        onClose={() => setEditing({ mode: 'closed' })}
      />
    </Flex>
  );
}
