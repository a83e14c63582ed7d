import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ClusterDoc } from '../../../src-shared/db/types';
import { RISK_NAMES } from '../../../src-shared/domain/findings';
import { customerRiskList } from '../../../src-shared/domain/inspection-ops';
import type { CustomerRisk } from '../../../src-shared/domain/inspection-ops';
import {
  createOpsRecord,
  findingRefOf,
  nextOpsNumber,
  riskInputFromFinding,
} from '../../../src-shared/domain/ops/record-ops';
import { nowInstant } from '../../app/clock';
import { userErrorText } from '../../components/error-text';
import { useDatabase } from '../../db/database-context';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import { CustomerRiskRecords } from '../ops';
import { RISK_COLOR } from './ScorePanel';

export interface CustomerInspectionsProps {
  customerId: string;
  clusters: ClusterDoc[];
}

/**
 * The customer's risk list (the ops lists' risk records), the risks the newest inspection of each
 * cluster found (each can become a risk record, which keeps the link to its finding) and the
 * customer's inspections, on the customer overview.
 */
export function CustomerInspections({ customerId, clusters }: CustomerInspectionsProps) {
  const { t, pick, fmtDate, lang } = useI18n();
  const db = useDatabase();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const inspections = useRxQuery(
    (db) => db.inspections.find({ selector: { customerId }, sort: [{ startedAt: 'desc' }] }),
    [customerId],
  );
  const risks = useMemo(
    () => customerRiskList(inspections.docs, clusters),
    [inspections.docs, clusters],
  );
  const clusterName = (id: string) => clusters.find((c) => c.id === id)?.name ?? id;
  const records = useRxQuery(
    (db) => db.opsRecords.find({ selector: { customerId, kind: 'risk' } }),
    [customerId],
  );
  // The risk records made from findings, by the finding they came from.
  const recordOf = useMemo(
    () => new Map(records.docs.map((r) => [r.risk?.findingRef ?? '', r])),
    [records.docs],
  );

  async function toRiskRecord(r: CustomerRisk) {
    try {
      const input = riskInputFromFinding(r.finding, r.inspectionId, customerId, lang);
      const existing = await db.opsRecords.find({ selector: { customerId } }).exec();
      const number = nextOpsNumber(
        'risk',
        existing.map((d) => d.toMutableJSON()),
      );
      await db.opsRecords.insert(createOpsRecord(input, nowInstant(), number));
      void message.success(t('inspections.risks.recorded', { number }));
    } catch (e) {
      void message.error(userErrorText(t, e));
    }
  }

  return (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        <CustomerRiskRecords customerId={customerId} />
      </Col>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title={`${t('inspections.risks.title')} (${risks.length})`}
          className="fb-fill"
          data-testid="customer-risks"
        >
          {risks.length === 0 ? (
            <Typography.Text type="secondary">{t('inspections.risks.empty')}</Typography.Text>
          ) : (
            <Flex vertical gap={6}>
              {risks.map((r) => (
                <Flex
                  key={`${r.inspectionId}/${r.finding.id}`}
                  gap={8}
                  align="flex-start"
                  data-testid="customer-risk"
                  data-risk={r.finding.risk}
                >
                  <Tag color={RISK_COLOR[r.finding.risk]}>{pick(RISK_NAMES[r.finding.risk])}</Tag>
                  <Flex vertical className="fb-grow">
                    <span>
                      {pick(r.finding.title)}
                      <Typography.Text type="secondary">
                        {' '}
                        · {clusterName(r.finding.clusterId)}
                        {r.finding.nodes.length > 0 && ` · ${r.finding.nodes.join(', ')}`}
                      </Typography.Text>
                    </span>
                    <Typography.Text type="secondary" className="fb-small">
                      {pick(r.finding.recommendation)}
                    </Typography.Text>
                  </Flex>
                  {(() => {
                    const ref = findingRefOf(r.inspectionId, r.finding.clusterId, r.finding.itemId);
                    const rec = recordOf.get(ref);
                    return rec !== undefined ? (
                      <Typography.Text className="fb-small" data-testid="customer-risk-record">
                        {rec.number}
                      </Typography.Text>
                    ) : (
                      <Button
                        size="small"
                        onClick={() => void toRiskRecord(r)}
                        data-testid="customer-risk-to-record"
                      >
                        {t('inspections.risks.toRecord')}
                      </Button>
                    );
                  })()}
                  <Link to={`/inspections/${r.inspectionId}`} className="fb-small">
                    {t('inspections.risks.source', { date: fmtDate(r.startedAt.slice(0, 10)) })}
                    {r.status === 'in-progress' && ` (${t('inspections.risks.inProgress')})`}
                  </Link>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={t('inspections.customer.title')}
          className="fb-fill"
          data-testid="customer-inspections"
          extra={
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => void navigate(`/inspections?new=1&customer=${customerId}`)}
            >
              {t('inspections.new')}
            </Button>
          }
        >
          {inspections.docs.length === 0 ? (
            <Typography.Text type="secondary">{t('inspections.customer.empty')}</Typography.Text>
          ) : (
            <Flex vertical gap={6}>
              {inspections.docs.map((doc) => (
                <Flex key={doc.id} justify="space-between" gap={8}>
                  <Link to={`/inspections/${doc.id}`}>
                    {fmtDate(doc.startedAt.slice(0, 10))} ·{' '}
                    {doc.clusters
                      .map((c) => clusterName(c.clusterId))
                      .join(t('common.listSeparator'))}
                  </Link>
                  <Tag color={doc.status === 'completed' ? 'success' : 'processing'}>
                    {t(`inspections.status.${doc.status}`)}
                  </Tag>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
    </Row>
  );
}
