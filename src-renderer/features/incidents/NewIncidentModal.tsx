import { Alert, Card, Col, Descriptions, Form, Input, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import type { SiteDoc } from '../../../src-shared/db/types';
import {
  contractCoversSite,
  contractsCoveringSite,
} from '../../../src-shared/domain/contract-coverage';
import { openIncident } from '../../../src-shared/domain/incident-ops';
import { computeDue } from '../../../src-shared/domain/sla';
import type { DueResult } from '../../../src-shared/domain/sla';
import { getPolicyPack, responseTarget } from '../../../src-shared/policy/index';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { useEngineer } from '../../app/settings';
import { FormModal } from '../../components/FormModal';
import { incidentFieldLabels } from '../../components/field-labels';
import { usePreselectSingle } from '../../components/use-preselect';
import { useDatabase } from '../../db/database-context';
import { useRxQuery } from '../../db/hooks';
import { clustersOfSite } from '../../db/queries';
import { useCustomerContracts, useCustomerSites, useLookups } from '../visits/use-lookups';
import { ZonedDateTimeInput } from '../visits/ZonedDateTimeInput';
import { instantInZone, laptopTimeZone, offsetsDiffer } from '../visits/zone-time';
import { targetText } from './incident-view-model';
import { SeverityHelper } from './SeverityHelper';
import './incidents.css';

interface FormValues {
  customerId?: string;
  siteId?: string;
  contractId?: string;
  clusterId?: string;
  title?: string;
  description?: string;
  openedAt?: string;
  level?: string;
  assignee?: string;
}

export interface NewIncidentModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (incidentId: string) => void;
}

function previewDue(
  site: SiteDoc,
  packId: Parameters<typeof getPolicyPack>[0],
  tier: string,
  level: string,
  openedAt: string,
): DueResult | null {
  try {
    return computeDue({
      packId,
      tier,
      level,
      openedAt,
      timeZone: site.timeZone,
      calendar: site.holidayCalendar,
    });
  } catch {
    return null;
  }
}

export function NewIncidentModal({ open, onClose, onCreated }: NewIncidentModalProps) {
  const { t, lang, pick, fmtDateTime } = useI18n();
  const db = useDatabase();
  const engineer = useEngineer();
  const { customers } = useLookups();
  const [form] = Form.useForm<FormValues>();
  const values = Form.useWatch([], form) as FormValues | undefined;
  const customerId = values?.customerId;
  const siteId = values?.siteId;
  // The list can still be the previous customer's for a moment after a change.
  const sites = useCustomerSites(customerId).filter((s) => s.customerId === customerId);
  const site = sites.find((s) => s.id === siteId);
  const customerContracts = useCustomerContracts(customerId);
  const contracts = site === undefined ? [] : contractsCoveringSite(customerContracts, site);
  const contract = contracts.find((c) => c.id === values?.contractId);
  const clusters = useRxQuery(
    (d) => (siteId === undefined ? null : clustersOfSite(d, siteId)),
    [siteId],
  ).docs;
  const pack = contract === undefined ? undefined : getPolicyPack(contract.packId);

  /** A site was chosen (by the engineer or as the customer's only one). */
  const siteChosen = (id: string | undefined) => {
    // First contact defaults to now, read in the newly chosen site's zone. Set here, once
    // per site choice, so it can never overwrite a time the engineer typed.
    const chosen = sites.find((s) => s.id === id);
    const current = customerContracts.find((c) => c.id === form.getFieldValue('contractId'));
    // A contract that also covers the new site stays chosen (tier and level with it).
    const keep =
      current !== undefined && chosen !== undefined && contractCoversSite(current, chosen);
    form.setFieldsValue({
      ...(keep ? {} : { contractId: undefined, level: undefined }),
      clusterId: undefined,
      openedAt:
        chosen === undefined ? undefined : instantInZone(new Date().toISOString(), chosen.timeZone),
    });
  };
  usePreselectSingle(
    form,
    'siteId',
    sites.map((s) => s.id),
    open,
    siteChosen,
  );
  usePreselectSingle(
    form,
    'contractId',
    contracts.map((c) => c.id),
    open && site !== undefined,
  );

  const due = useMemo(() => {
    if (site === undefined || contract === undefined || values?.level === undefined) return null;
    if (values.openedAt === undefined) return null;
    return previewDue(site, contract.packId, contract.tier, values.level, values.openedAt);
  }, [site, contract, values?.level, values?.openedAt]);

  async function submit(v: FormValues): Promise<void> {
    if (site === undefined || contract === undefined) return;
    const incident = openIncident(
      {
        customerId: v.customerId ?? '',
        site,
        contract,
        clusterId: v.clusterId,
        title: v.title ?? '',
        description: v.description ?? '',
        level: v.level ?? '',
        openedAt: v.openedAt ?? '',
        author: engineer.name === '' ? '?' : engineer.name,
        ...(v.assignee?.trim() ? { assignee: v.assignee.trim() } : {}),
      },
      nowInstant(),
    );
    await db.incidents.insert(incident);
    onCreated(incident.id);
  }

  const requiredSelect = (field: string) => ({
    required: true,
    message: t('common.requiredSelect', { field: t(field) }),
  });
  const laptopZone = laptopTimeZone();

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      title={t('incidents.form.title')}
      okText={t('common.create')}
      onSubmit={submit}
      onClose={onClose}
      successMessage={t('common.created')}
      fieldLabels={incidentFieldLabels(t)}
      width={1080}
      style={{ top: 24 }}
      testId="incident-form"
      initialValues={engineer.name === '' ? {} : { assignee: engineer.name }}
      onValuesChange={(changed) => {
        if ('customerId' in changed)
          form.setFieldsValue({ siteId: undefined, contractId: undefined, clusterId: undefined });
        if ('siteId' in changed) siteChosen(changed.siteId);
        if ('contractId' in changed) form.setFieldsValue({ level: undefined });
      }}
    >
      <Row gutter={24}>
        <Col xs={24} lg={10}>
          <Form.Item
            name="customerId"
            label={t('incidents.form.customer')}
            rules={[requiredSelect('incidents.form.customer')]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={customers.map((c) => ({ value: c.id, label: c.name }))}
              data-testid="incident-customer"
            />
          </Form.Item>
          <Form.Item
            name="siteId"
            label={t('incidents.form.site')}
            rules={[requiredSelect('incidents.form.site')]}
          >
            <Select
              disabled={customerId === undefined}
              options={sites.map((s) => ({ value: s.id, label: `${s.name} · ${s.timeZone}` }))}
              data-testid="incident-site"
            />
          </Form.Item>
          <Form.Item
            name="contractId"
            label={t('incidents.form.contract')}
            rules={[requiredSelect('incidents.form.contract')]}
            extra={
              siteId !== undefined && contracts.length === 0 ? (
                <Typography.Text type="warning">{t('incidents.form.noContracts')}</Typography.Text>
              ) : undefined
            }
          >
            <Select
              disabled={siteId === undefined}
              options={contracts.map((c) => ({
                value: c.id,
                label: `${c.number} (${c.startDate} – ${c.endDate})`,
              }))}
              data-testid="incident-contract"
            />
          </Form.Item>
          {contract !== undefined && pack !== undefined && (
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('incidents.form.pack')}>
                {pick(pack.name)}
              </Descriptions.Item>
              <Descriptions.Item label={t('incidents.form.tier')}>
                <span data-testid="incident-tier">
                  {pick(
                    pack.tiers.find((x) => x.id === contract.tier)?.name ?? {
                      zh: contract.tier,
                      en: contract.tier,
                    },
                  )}
                </span>{' '}
                <Typography.Text type="secondary">
                  ({t('incidents.form.fromContract')})
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          )}
          <Form.Item
            name="clusterId"
            label={t('incidents.form.cluster')}
            extra={t('incidents.form.clusterHint')}
          >
            <Select
              allowClear
              disabled={siteId === undefined}
              options={clusters.map((c) => ({
                value: c.id,
                label: `${c.name} · ${c.product} ${c.version}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="assignee"
            label={t('incidents.form.assignee')}
            extra={t('incidents.form.assigneeHint')}
            rules={[
              {
                max: 100,
                message: t('common.tooLong', { field: t('incidents.form.assignee'), max: 100 }),
              },
            ]}
          >
            <Input data-testid="incident-assignee" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('incidents.form.title.label')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('incidents.form.title.label') }),
              },
              {
                max: 300,
                message: t('common.tooLong', {
                  field: t('incidents.form.title.label'),
                  max: 300,
                }),
              },
            ]}
          >
            <Input data-testid="incident-title" />
          </Form.Item>
          <Form.Item name="description" label={t('incidents.form.description')}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              data-testid="incident-description"
            />
          </Form.Item>
          {site !== undefined && (
            <Form.Item
              name="openedAt"
              label={t('incidents.form.firstContact')}
              extra={t('incidents.form.firstContactHint', { zone: site.timeZone })}
              rules={[requiredSelect('incidents.form.firstContact')]}
            >
              <ZonedDateTimeInput zone={site.timeZone} data-testid="incident-first-contact" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} lg={14}>
          {pack === undefined || contract === undefined ? (
            <Alert type="info" showIcon title={t('incidents.form.pickSite')} />
          ) : (
            <>
              <Form.Item
                name="level"
                label={t('incidents.form.level')}
                extra={undefined}
                rules={[requiredSelect('incidents.form.level')]}
              >
                <SeverityHelper pack={pack} tier={contract.tier} />
              </Form.Item>
              {values?.level !== undefined && site !== undefined && (
                <Card
                  size="small"
                  title={t('incidents.form.preview')}
                  data-testid="incident-preview"
                >
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t('incidents.form.previewTarget')}>
                      {targetText(pack, responseTarget(pack, contract.tier, values.level), t, lang)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('incidents.form.previewDue')}>
                      {due?.dueAt == null ? (
                        t('incidents.form.previewNoDue')
                      ) : (
                        <Typography.Text strong data-testid="incident-preview-due">
                          {fmtDateTime(due.dueAt, site.timeZone)}
                        </Typography.Text>
                      )}
                      {due?.dueAt != null &&
                        offsetsDiffer(due.dueAt, site.timeZone, laptopZone) && (
                          <Typography.Text type="secondary">
                            {' '}
                            · {fmtDateTime(due.dueAt, laptopZone)}
                          </Typography.Text>
                        )}
                    </Descriptions.Item>
                    {due?.clockStartAt != null &&
                      values.openedAt !== undefined &&
                      Date.parse(due.clockStartAt) !== Date.parse(values.openedAt) && (
                        <Descriptions.Item label={t('incidents.sla.clockStart')}>
                          {t('incidents.sla.clockStartOutside', {
                            time: fmtDateTime(due.clockStartAt, site.timeZone),
                          })}
                        </Descriptions.Item>
                      )}
                  </Descriptions>
                  {due !== null && due.missingCalendarYears.length > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('incidents.sla.missingCalendar', {
                        years: due.missingCalendarYears.join(', '),
                      })}
                    />
                  )}
                </Card>
              )}
            </>
          )}
        </Col>
      </Row>
    </FormModal>
  );
}
