import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { ContractDoc } from '../../../src-shared/db/types';
import { contractDeliverables } from '../../../src-shared/domain/ops/acceptance';
import type { PunchItem } from '../../../src-shared/domain/ops/acceptance';
import type { OpsCostItem } from '../../../src-shared/reports/kinds/ops-service-report/snapshot';
import {
  acceptanceStatuses,
  cadenceOf,
  periodContaining,
  shiftPeriod,
} from '../../../src-shared/domain/ops/report-sources';
import type { DateRange } from '../../../src-shared/domain/ops/service-figures';
import { isoDateIn } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { dateField } from '../../components/date-field';
import { useRxQuery } from '../../db/hooks';
import { deliverableErrorText } from '../deliverables/deliverable-errors';
import type { OpsReportChoice } from '../deliverables/ops-report-requests';
import { opsContracts } from '../deliverables/ops-report-requests';

export type OpsReportKind = OpsReportChoice['kind'];

interface Values {
  kind: OpsReportKind;
  customerId?: string;
  contractId?: string;
  period?: string;
  servicePlan?: string;
  nextPeriod?: string;
  resourceSummary?: string;
  backupStrategy?: string;
  currency?: string;
  costItems?: OpsCostItem[];
  costAnalysis?: string;
  recommendations?: string;
  waived?: Record<string, string | undefined>;
  punchList?: PunchItem[];
  conclusion?: string;
  serviceStart?: string;
  serviceEnd?: string;
  mode?: 'remote' | 'on-site';
  scope?: string;
  access?: string;
}

/** The last periods of the contract's cadence up to today (or its end), newest first. */
function periodsOf(contract: ContractDoc, today: string): DateRange[] {
  const cadence = cadenceOf(contract.tier);
  const last = today < contract.endDate ? today : contract.endDate;
  let p = periodContaining(cadence, last < contract.startDate ? contract.startDate : last);
  const out: DateRange[] = [];
  for (let i = 0; i < 12 && p.end >= contract.startDate; i++) {
    out.push(p);
    p = shiftPeriod(cadence, p, -1);
  }
  return out;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * Chooses what an ops-package deliverable is made from: the customer and contract, then per kind
 * the period and what the engineer writes (service plan, resources, backup strategy, the cost
 * fields), the waived deliverables and punch list, or the service period of the entry report.
 */
export function OpsReportSourceModal({
  open,
  initialKind = 'ops',
  customerId: fixedCustomer,
  onCancel,
  onChoose,
}: {
  open: boolean;
  initialKind?: OpsReportKind;
  customerId?: string;
  onCancel: () => void;
  /** Builds the request; a failure is shown here and keeps what was typed. */
  onChoose: (choice: OpsReportChoice) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const customerId = Form.useWatch('customerId', form) ?? fixedCustomer;
  const contractId = Form.useWatch('contractId', form);
  const customers = useRxQuery((db) => db.customers.find({ sort: [{ name: 'asc' }] }), []);
  const contracts = useRxQuery(
    (db) => (customerId === undefined ? null : db.contracts.find({ selector: { customerId } })),
    [customerId],
  );
  const deliverables = useRxQuery(
    (db) => (customerId === undefined ? null : db.deliverables.find({ selector: { customerId } })),
    [customerId],
  );
  const sites = useRxQuery(
    (db) => (customerId === undefined ? null : db.sites.find({ selector: { customerId } })),
    [customerId],
  );
  const choices = useMemo(
    () => (kind === 'acceptance' ? [...contracts.docs] : opsContracts(contracts.docs)),
    [contracts.docs, kind],
  );
  const contract = choices.find((c) => c.id === contractId);
  const zone = sites.docs.find((s) => s.id === contract?.siteIds[0])?.timeZone;
  const periods = useMemo(
    () => (contract === undefined ? [] : periodsOf(contract, isoDateIn(new Date(), zone))),
    [contract, zone],
  );
  const promised = useMemo(() => {
    if (contract === undefined || kind !== 'acceptance') return [];
    const statuses = acceptanceStatuses(contract, deliverables.docs, zone ?? 'Asia/Shanghai');
    return contractDeliverables(contract).map((d) => ({ ...d, status: statuses[d.code] }));
  }, [contract, deliverables.docs, kind, zone]);

  function submit(v: Values) {
    const choice = choiceOf(v);
    if (choice === null) return;
    setError(null);
    setBusy(true);
    onChoose(choice)
      .catch((e: unknown) => setError(deliverableErrorText(t, e)))
      .finally(() => setBusy(false));
  }

  function choiceOf(v: Values): OpsReportChoice | null {
    if (v.contractId === undefined) return null;
    if (v.kind === 'ops') {
      const [start = '', end = ''] = (v.period ?? '').split('/');
      return {
        kind: 'ops',
        options: {
          contractId: v.contractId,
          period: { start, end },
          texts: {
            servicePlan: v.servicePlan ?? '',
            nextPeriod: v.nextPeriod ?? '',
            resourceSummary: v.resourceSummary ?? '',
            backupStrategy: v.backupStrategy ?? '',
            currency: v.currency ?? 'CNY',
            costItems: (v.costItems ?? []).map((c) => ({
              name: c.name.trim(),
              amount: c.amount,
              ...(c.note ? { note: c.note } : {}),
            })),
            costAnalysis: v.costAnalysis ?? '',
            recommendations: v.recommendations ?? '',
          },
        },
      };
    }
    if (v.kind === 'acceptance') {
      const waived: Record<string, string> = {};
      for (const [code, reason] of Object.entries(v.waived ?? {})) {
        if (reason !== undefined && reason.trim() !== '') waived[code] = reason.trim();
      }
      return {
        kind: 'acceptance',
        options: {
          contractId: v.contractId,
          waived,
          punchList: (v.punchList ?? []).map((p) => ({ ...p, state: p.state ?? 'open' })),
          conclusion: v.conclusion ?? '',
        },
      };
    }
    return {
      kind: 'entry',
      options: {
        contractId: v.contractId,
        serviceStart: v.serviceStart ?? '',
        serviceEnd: v.serviceEnd ?? '',
        mode: v.mode ?? 'on-site',
        scope: lines(v.scope),
        access: lines(v.access),
      },
    };
  }

  const required = [{ required: true, message: t('ops.report.required') }];
  return (
    <Modal
      open={open}
      width={760}
      title={t('ops.report.title')}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then(submit)}
      okText={t('ops.report.next')}
      okButtonProps={{ 'data-testid': 'ops-report-next' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: initialKind,
          customerId: fixedCustomer,
          currency: 'CNY',
          mode: 'on-site',
          costItems: [],
          punchList: [],
        }}
        data-testid="ops-report-source"
      >
        <Form.Item name="kind" label={t('ops.report.kind')}>
          <Radio.Group
            optionType="button"
            onChange={() => form.setFieldValue('contractId', undefined)}
            options={[
              { value: 'ops', label: t('deliverables.kind.ops-service-report') },
              { value: 'acceptance', label: t('deliverables.kind.acceptance-report') },
              { value: 'entry', label: t('deliverables.kind.entry-report') },
            ]}
            data-testid="ops-report-kind"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="customerId" label={t('ops.report.customer')} rules={required}>
              <Select
                disabled={fixedCustomer !== undefined}
                data-testid="ops-report-customer"
                options={customers.docs.map((c) => ({ value: c.id, label: c.name }))}
                onChange={() => form.setFieldValue('contractId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contractId" label={t('ops.report.contract')} rules={required}>
              <Select
                data-testid="ops-report-contract"
                notFoundContent={t('ops.report.noContract')}
                options={choices.map((c) => ({
                  value: c.id,
                  label: `${c.number} · ${c.tier} · ${c.startDate} — ${c.endDate}`,
                }))}
                onChange={(id: string) => {
                  const c = choices.find((x) => x.id === id);
                  form.setFieldsValue({
                    period: undefined,
                    ...(c !== undefined
                      ? { serviceStart: c.startDate, serviceEnd: c.endDate }
                      : {}),
                  });
                }}
              />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'ops' && (
          <>
            <Form.Item
              name="period"
              label={t(
                contract !== undefined && cadenceOf(contract.tier) === 'weekly'
                  ? 'ops.report.periodWeekly'
                  : 'ops.report.periodMonthly',
              )}
              rules={required}
            >
              <Select
                data-testid="ops-report-period"
                options={periods.map((p) => ({
                  value: `${p.start}/${p.end}`,
                  label: `${p.start} — ${p.end}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="servicePlan" label={t('ops.report.servicePlan')}>
              <Input.TextArea rows={2} data-testid="ops-report-service-plan" />
            </Form.Item>
            <Form.Item name="resourceSummary" label={t('ops.report.resourceSummary')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="backupStrategy" label={t('ops.report.backupStrategy')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Typography.Text strong>{t('ops.report.cost')}</Typography.Text>
            <Form.List name="costItems">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" data-testid="ops-cost-item">
                      <Form.Item name={[f.name, 'name']} rules={required}>
                        <Input placeholder={t('ops.report.costName')} data-testid="ops-cost-name" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amount']} rules={required}>
                        <InputNumber
                          min={0}
                          placeholder={t('ops.report.costAmount')}
                          data-testid="ops-cost-amount"
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'note']}>
                        <Input placeholder={t('ops.report.costNote')} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ name: '', amount: 0 })}
                    data-testid="ops-cost-add"
                  >
                    {t('ops.report.costAdd')}
                  </Button>
                </>
              )}
            </Form.List>
            <Row gutter={12} style={{ marginTop: 12 }}>
              <Col span={6}>
                <Form.Item
                  name="currency"
                  label={t('ops.report.currency')}
                  rules={[{ pattern: /^[A-Z]{3}$/, message: t('ops.report.currencyBad') }]}
                >
                  <Input maxLength={3} />
                </Form.Item>
              </Col>
              <Col span={18}>
                <Form.Item name="costAnalysis" label={t('ops.report.costAnalysis')}>
                  <Input.TextArea rows={2} data-testid="ops-cost-analysis" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="nextPeriod" label={t('ops.report.nextPeriod')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="recommendations" label={t('ops.report.recommendations')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {kind === 'acceptance' && contract !== undefined && (
          <>
            <Typography.Text strong>{t('ops.report.promised')}</Typography.Text>
            {promised.map((d) => (
              <Row key={d.code} gutter={8} align="middle" data-testid="ops-acceptance-item">
                <Col span={9}>{pick(d.name)}</Col>
                <Col span={6}>
                  {d.status?.status === 'signed' ? (
                    <Tag color="green">{d.status.documentNumber}</Tag>
                  ) : (
                    <Tag color="red">{t('ops.report.missing')}</Tag>
                  )}
                </Col>
                <Col span={9}>
                  <Form.Item name={['waived', d.code]} style={{ marginBottom: 4 }}>
                    <Input
                      size="small"
                      placeholder={t('ops.report.waiveReason')}
                      data-testid="ops-waive-reason"
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Typography.Text strong>{t('ops.report.punchList')}</Typography.Text>
            <Form.List name="punchList">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'item']} rules={required}>
                        <Input
                          placeholder={t('ops.report.punchItem')}
                          data-testid="ops-punch-item"
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'owner']} rules={required}>
                        <Input
                          placeholder={t('ops.report.punchOwner')}
                          data-testid="ops-punch-owner"
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'due']} rules={required} {...dateField}>
                        <DatePicker placeholder={t('ops.report.punchDue')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'state']}>
                        <Select
                          style={{ width: 100 }}
                          options={[
                            { value: 'open', label: t('ops.report.punchOpen') },
                            { value: 'closed', label: t('ops.report.punchClosed') },
                          ]}
                        />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ state: 'open' })}
                    data-testid="ops-punch-add"
                  >
                    {t('ops.report.punchAdd')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item
              name="conclusion"
              label={t('ops.report.conclusion')}
              style={{ marginTop: 12 }}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {kind === 'entry' && (
          <>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item
                  name="serviceStart"
                  label={t('ops.report.serviceStart')}
                  rules={required}
                  {...dateField}
                >
                  <DatePicker className="fb-full" data-testid="ops-entry-start" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="serviceEnd"
                  label={t('ops.report.serviceEnd')}
                  rules={required}
                  {...dateField}
                >
                  <DatePicker className="fb-full" data-testid="ops-entry-end" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="mode" label={t('ops.report.mode')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'on-site', label: t('ops.report.mode.on-site') },
                      { value: 'remote', label: t('ops.report.mode.remote') },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="scope" label={t('ops.report.scope')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="access" label={t('ops.report.access')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
      {error !== null && (
        <Alert type="error" showIcon message={error} data-testid="ops-report-error" />
      )}
    </Modal>
  );
}
