import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import { DATE_FORMAT, dateField } from '../../components/date-field';
import type { FormRule } from 'antd';
import { useEffect } from 'react';
import type { ClusterDoc, ContractDoc, PolicyPackId, SiteDoc } from '../../../src-shared/db/types';
import { contractSchema } from '../../../src-shared/db/schemas/contracts';
import {
  duplicateContractNumber,
  requireUniqueContractNumber,
} from '../../../src-shared/domain/contract-number';
import { newId } from '../../../src-shared/domain/ids';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { useFormRules } from '../../components/form-rules';
import { maxLengthOf } from '../../components/schema-limits';
import { useDatabase } from '../../db/database-context';
import { PACK_IDS, VALIDITY_RULES, contractFromForm, contractToForm } from './contract-form';
import type { ContractFormValues } from './contract-form';

const LIMIT = {
  number: maxLengthOf(contractSchema, 'number'),
  notes: maxLengthOf(contractSchema, 'notes'),
};

/** Pack-dependent choices: services and tier come from the chosen pack and reset with it. */
function PackFields() {
  const { t, pick } = useI18n();
  const rules = useFormRules();
  const form = Form.useFormInstance<ContractFormValues>();
  const packId: PolicyPackId | undefined = Form.useWatch('packId', form);
  const pack = packId === undefined ? undefined : getPolicyPack(packId);

  useEffect(() => {
    if (pack === undefined) return;
    const services = (form.getFieldValue('services') as string[] | undefined) ?? [];
    const kept = services.filter((s) => pack.services.some((p) => p.code === s));
    if (kept.length !== services.length) form.setFieldValue('services', kept);
    const tier = form.getFieldValue('tier') as string | undefined;
    if (tier !== undefined && !pack.tiers.some((x) => x.id === tier)) {
      form.setFieldValue('tier', undefined);
    }
  }, [pack, form]);

  const label = { services: t('contracts.field.services'), tier: t('contracts.field.tier') };
  return (
    <Row gutter={12}>
      <Col span={16}>
        <Form.Item
          name="services"
          label={label.services}
          rules={[rules.requiredSelect(label.services)]}
        >
          <Select
            mode="multiple"
            aria-label={label.services}
            // Typing searches the names shown (技术支持), not the hidden service codes.
            optionFilterProp="label"
            options={(pack?.services ?? []).map((s) => ({
              value: s.code,
              label: pack?.id === 'dce-support' ? `${s.code} · ${pick(s.name)}` : pick(s.name),
              title: pick(s.description),
            }))}
          />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="tier" label={label.tier} rules={[rules.requiredSelect(label.tier)]}>
          <Select
            aria-label={label.tier}
            options={(pack?.tiers ?? []).map((x) => ({ value: x.id, label: pick(x.name) }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Covered clusters are limited to the covered sites (all the customer's when none is chosen). */
function CoverageFields({ sites, clusters }: { sites: SiteDoc[]; clusters: ClusterDoc[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<ContractFormValues>();
  const siteIds = Form.useWatch('siteIds', form) ?? [];
  const selectable = clusters.filter((c) => siteIds.length === 0 || siteIds.includes(c.siteId));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));

  const clustersAtSites: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      const chosenSites = (getFieldValue('siteIds') as string[] | undefined) ?? [];
      if (chosenSites.length === 0 || !Array.isArray(value)) return Promise.resolve();
      const outside = clusters.filter(
        (c) => (value as string[]).includes(c.id) && !chosenSites.includes(c.siteId),
      );
      if (outside.length > 0) {
        throw new Error(
          t('contracts.clusterOutsideSites', { names: outside.map((c) => c.name).join(', ') }),
        );
      }
      return Promise.resolve();
    },
  });

  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="siteIds" label={t('contracts.field.sites')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('contracts.allSites')}
            aria-label={t('contracts.field.sites')}
            options={sites.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="clusterIds"
          label={t('contracts.field.clusters')}
          dependencies={['siteIds']}
          rules={[clustersAtSites]}
        >
          <Select
            mode="multiple"
            allowClear
            placeholder={t('contracts.noClusters')}
            aria-label={t('contracts.field.clusters')}
            options={selectable.map((c) => ({
              value: c.id,
              label: `${c.name} (${siteName.get(c.siteId) ?? '—'})`,
            }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

export interface ContractFormModalProps {
  open: boolean;
  customerId: string;
  sites: SiteDoc[];
  clusters: ClusterDoc[];
  /** The customer's contracts, for the number's uniqueness check while typing. */
  contracts: ContractDoc[];
  contract?: ContractDoc;
  onClose: () => void;
}

export function ContractFormModal({
  open,
  customerId,
  sites,
  clusters,
  contracts,
  contract,
  onClose,
}: ContractFormModalProps) {
  const { t, pick } = useI18n();
  const rules = useFormRules();
  const db = useDatabase();
  const label = {
    number: t('contracts.field.number'),
    pack: t('contracts.field.pack'),
    start: t('contracts.field.startDate'),
    end: t('contracts.field.endDate'),
    validity: t('contracts.field.validityRule'),
    notes: t('contracts.field.notes'),
  };

  const endAfterStart: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      const start = getFieldValue('startDate') as string | undefined;
      if (typeof value === 'string' && start !== undefined && value < start) {
        throw new Error(t('contracts.endBeforeStart'));
      }
      return Promise.resolve();
    },
  });

  const uniqueNumber: FormRule = {
    validator: async (_, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
      const other = duplicateContractNumber(contracts, {
        customerId,
        number: value,
        exceptId: contract?.id,
      });
      if (other !== undefined) {
        throw new Error(t('error.code.duplicateContractNumber', { number: other.number }));
      }
      return Promise.resolve();
    },
  };

  const submit = async (values: ContractFormValues) => {
    // Checked again against the stored contracts: a synced one may have arrived meanwhile.
    const stored = await db.contracts.find({ selector: { customerId } }).exec();
    requireUniqueContractNumber(stored, {
      customerId,
      number: values.number,
      exceptId: contract?.id,
    });
    const now = nowInstant();
    if (contract === undefined) {
      await db.contracts.insert(contractFromForm(values, now, { id: newId(), customerId }));
      return;
    }
    const current = await db.contracts.findOne(contract.id).exec();
    if (current === null) throw new Error(t('common.notFound'));
    await current.incrementalModify((old) => contractFromForm(values, now, old));
  };

  return (
    <FormModal<ContractFormValues>
      open={open}
      title={contract === undefined ? t('contracts.create') : t('contracts.edit')}
      initialValues={
        contract === undefined
          ? {
              packId: 'dce-support',
              services: [],
              validityRule: 'licence-activation',
              siteIds: [],
              clusterIds: [],
            }
          : contractToForm(contract)
      }
      onSubmit={submit}
      onClose={onClose}
      fieldLabels={{
        number: label.number,
        packId: label.pack,
        services: t('contracts.field.services'),
        tier: t('contracts.field.tier'),
        startDate: label.start,
        endDate: label.end,
        validityRule: label.validity,
        siteIds: t('contracts.field.sites'),
        clusterIds: t('contracts.field.clusters'),
        notes: label.notes,
      }}
      successMessage={contract === undefined ? t('common.created') : t('common.saved')}
      width={800}
      testId="contract-form"
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name="number"
            label={label.number}
            rules={[
              rules.required(label.number),
              rules.maxLength(label.number, LIMIT.number),
              uniqueNumber,
            ]}
          >
            <Input placeholder={t('contracts.placeholder.number')} autoFocus data-autofocus />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="packId" label={label.pack} rules={[rules.requiredSelect(label.pack)]}>
            <Radio.Group
              optionType="button"
              options={PACK_IDS.map((id) => ({ value: id, label: pick(getPolicyPack(id).name) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <PackFields />
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="startDate"
            label={label.start}
            rules={[rules.requiredSelect(label.start)]}
            {...dateField}
          >
            <DatePicker className="fb-full" format={DATE_FORMAT} aria-label={label.start} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="endDate"
            label={label.end}
            dependencies={['startDate']}
            rules={[rules.requiredSelect(label.end), endAfterStart]}
            {...dateField}
          >
            <DatePicker className="fb-full" format={DATE_FORMAT} aria-label={label.end} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="validityRule"
        label={label.validity}
        rules={[rules.requiredSelect(label.validity)]}
      >
        <Select
          aria-label={label.validity}
          options={VALIDITY_RULES.map((r) => ({ value: r, label: t(`contracts.validity.${r}`) }))}
        />
      </Form.Item>
      <CoverageFields sites={sites} clusters={clusters} />
      <Form.Item
        name="notes"
        label={label.notes}
        rules={[rules.maxLength(label.notes, LIMIT.notes)]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
