import { Col, Form, Input, Row } from 'antd';
import type { CustomerDoc } from '../../../src-shared/db/types';
import { customerSchema } from '../../../src-shared/db/schemas/customers';
import { newId } from '../../../src-shared/domain/ids';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { customerFieldLabels } from '../../components/field-labels';
import { useFormRules } from '../../components/form-rules';
import { maxLengthOf } from '../../components/schema-limits';
import { useDatabase } from '../../db/database-context';
import { ContactsFields } from './ContactsFields';
import { customerFromForm, customerToForm } from './customer-form';
import type { CustomerFormValues } from './customer-form';

const LIMIT = {
  name: maxLengthOf(customerSchema, 'name'),
  shortName: maxLengthOf(customerSchema, 'shortName'),
  industry: maxLengthOf(customerSchema, 'industry'),
  notes: maxLengthOf(customerSchema, 'notes'),
};

export interface CustomerFormModalProps {
  open: boolean;
  /** The customer to edit; omitted to create one. */
  customer?: CustomerDoc;
  onClose: () => void;
  /** Called with the new customer's id after a create. */
  onCreated?: (id: string) => void;
}

export function CustomerFormModal({ open, customer, onClose, onCreated }: CustomerFormModalProps) {
  const { t } = useI18n();
  const rules = useFormRules();
  const db = useDatabase();
  const label = {
    name: t('customers.field.name'),
    shortName: t('customers.field.shortName'),
    industry: t('customers.field.industry'),
    notes: t('customers.field.notes'),
  };

  const submit = async (values: CustomerFormValues) => {
    const now = nowInstant();
    if (customer === undefined) {
      const doc = customerFromForm(values, now, { id: newId() });
      await db.customers.insert(doc);
      onCreated?.(doc.id);
      return;
    }
    const current = await db.customers.findOne(customer.id).exec();
    if (current === null) throw new Error(t('customers.notFound'));
    await current.incrementalModify((old) => customerFromForm(values, now, old));
  };

  return (
    <FormModal<CustomerFormValues>
      open={open}
      title={customer === undefined ? t('customers.create') : t('customers.edit')}
      initialValues={customer === undefined ? { contacts: [] } : customerToForm(customer)}
      onSubmit={submit}
      onClose={onClose}
      successMessage={customer === undefined ? t('common.created') : t('common.saved')}
      width={760}
      fieldLabels={customerFieldLabels(t)}
      testId="customer-form"
    >
      <Row gutter={12}>
        <Col span={24}>
          <Form.Item
            name="name"
            label={label.name}
            rules={[rules.required(label.name), rules.maxLength(label.name, LIMIT.name)]}
          >
            <Input placeholder={t('customers.placeholder.name')} autoFocus data-autofocus />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="shortName"
            label={label.shortName}
            rules={[rules.maxLength(label.shortName, LIMIT.shortName)]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="industry"
            label={label.industry}
            rules={[rules.maxLength(label.industry, LIMIT.industry)]}
          >
            <Input placeholder={t('customers.placeholder.industry')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('customers.field.contacts')}>
        <ContactsFields />
      </Form.Item>
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
