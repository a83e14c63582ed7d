import { DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { VisitPurpose } from '../../../src-shared/db/types';
import {
  contractCoversSite,
  contractsCoveringSite,
} from '../../../src-shared/domain/contract-coverage';
import { createVisit, VISIT_PURPOSES } from '../../../src-shared/domain/visit-ops';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { useEngineer } from '../../app/settings';
import { FormModal } from '../../components/FormModal';
import { visitFieldLabels } from '../../components/field-labels';
import { usePreselectSingle } from '../../components/use-preselect';
import { useDatabase } from '../../db/database-context';
import { useCustomerContracts, useCustomerSites, useLookups } from './use-lookups';

interface FormValues {
  customerId: string;
  siteId: string;
  contractId?: string;
  purpose: VisitPurpose;
  summary?: string;
  engineers: string[];
  plannedDate?: Dayjs;
}

export interface NewVisitModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (visitId: string) => void;
  /** Preselected customer (e.g. opened from a customer page). */
  customerId?: string;
}

export function NewVisitModal({ open, onClose, onCreated, customerId }: NewVisitModalProps) {
  const { t } = useI18n();
  const db = useDatabase();
  const engineer = useEngineer();
  const { customers } = useLookups();
  const [form] = Form.useForm<FormValues>();
  const chosenCustomer = Form.useWatch('customerId', form);
  const chosenSite = Form.useWatch('siteId', form);
  // The list can still be the previous customer's for a moment after a change.
  const sites = useCustomerSites(chosenCustomer).filter((s) => s.customerId === chosenCustomer);
  const site = sites.find((s) => s.id === chosenSite);
  const customerContracts = useCustomerContracts(chosenCustomer);
  const contracts =
    site === undefined ? customerContracts : contractsCoveringSite(customerContracts, site);
  usePreselectSingle(
    form,
    'siteId',
    sites.map((s) => s.id),
    open,
  );
  usePreselectSingle(
    form,
    'contractId',
    contracts.map((c) => c.id),
    open && site !== undefined,
  );

  async function submit(values: FormValues): Promise<void> {
    const visit = createVisit(
      {
        customerId: values.customerId,
        siteId: values.siteId,
        contractId: values.contractId,
        purpose: values.purpose,
        summary: values.summary?.trim() ?? '',
        engineers: values.engineers.map((e) => e.trim()).filter((e) => e !== ''),
        plannedDate: values.plannedDate?.format('YYYY-MM-DD'),
      },
      nowInstant(),
    );
    await db.visits.insert(visit);
    onCreated(visit.id);
  }

  const required = (field: string) => ({
    required: true,
    message: t('common.requiredSelect', { field: t(field) }),
  });

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      title={t('visits.form.title')}
      okText={t('common.create')}
      initialValues={{
        customerId,
        purpose: 'inspection',
        engineers: engineer.name === '' ? [] : [engineer.name],
      }}
      onSubmit={submit}
      onClose={onClose}
      successMessage={t('common.created')}
      fieldLabels={visitFieldLabels(t)}
      width={560}
      testId="visit-form"
      onValuesChange={(changed) => {
        if ('customerId' in changed)
          form.setFieldsValue({ siteId: undefined, contractId: undefined });
        if ('siteId' in changed) {
          // A contract that also covers the new site stays chosen.
          const chosen = sites.find((s) => s.id === changed.siteId);
          const current = customerContracts.find((c) => c.id === form.getFieldValue('contractId'));
          if (current === undefined || chosen === undefined || !contractCoversSite(current, chosen))
            form.setFieldsValue({ contractId: undefined });
        }
      }}
    >
      <Form.Item
        name="customerId"
        label={t('visits.form.customer')}
        rules={[required('visits.form.customer')]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={customers.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="visit-customer"
        />
      </Form.Item>
      <Form.Item
        name="siteId"
        label={t('visits.form.site')}
        rules={[required('visits.form.site')]}
        extra={
          chosenCustomer !== undefined && sites.length === 0 ? (
            <Typography.Text type="warning">{t('visits.form.noSites')}</Typography.Text>
          ) : undefined
        }
      >
        <Select
          disabled={chosenCustomer === undefined}
          options={sites.map((s) => ({ value: s.id, label: `${s.name} · ${s.timeZone}` }))}
          data-testid="visit-site"
        />
      </Form.Item>
      <Form.Item
        name="contractId"
        label={t('visits.form.contract')}
        extra={t('visits.form.contractHint')}
      >
        <Select
          allowClear
          disabled={chosenCustomer === undefined}
          options={contracts.map((c) => ({ value: c.id, label: c.number }))}
          data-testid="visit-contract"
        />
      </Form.Item>
      <Form.Item
        name="purpose"
        label={t('visits.form.purpose')}
        rules={[required('visits.form.purpose')]}
      >
        <Select
          options={VISIT_PURPOSES.map((p) => ({ value: p, label: t(`visits.purpose.${p}`) }))}
          data-testid="visit-purpose"
        />
      </Form.Item>
      <Form.Item name="summary" label={t('visits.form.summary')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          data-testid="visit-summary"
        />
      </Form.Item>
      <Form.Item
        name="engineers"
        label={t('visits.form.engineers')}
        extra={t('visits.form.engineersHint')}
        rules={[
          {
            required: true,
            type: 'array',
            min: 1,
            message: t('common.required', { field: t('visits.form.engineers') }),
          },
        ]}
      >
        <Select mode="tags" open={false} suffixIcon={null} data-testid="visit-engineers" />
      </Form.Item>
      <Form.Item name="plannedDate" label={t('visits.form.plannedDate')}>
        <DatePicker style={{ width: '100%' }} data-testid="visit-planned-date" />
      </Form.Item>
    </FormModal>
  );
}
