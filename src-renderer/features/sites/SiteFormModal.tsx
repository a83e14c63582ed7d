import { Col, Divider, Form, Input, Row, Select } from 'antd';
import { calendarOptions } from './calendar-label';
import type { FormRule } from 'antd';
import type { SiteDoc } from '../../../src-shared/db/types';
import { siteSchema } from '../../../src-shared/db/schemas/sites';
import { newId } from '../../../src-shared/domain/ids';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { useFormRules } from '../../components/form-rules';
import { maxLengthOf } from '../../components/schema-limits';
import { DEFAULT_TIME_ZONE, TimeZoneSelect } from '../../components/TimeZoneSelect';
import { useDatabase } from '../../db/database-context';
import { ContactsFields } from '../customers/ContactsFields';
import { siteFromForm, siteToForm } from './site-form';
import type { SiteFormValues } from './site-form';

const LIMIT = {
  name: maxLengthOf(siteSchema, 'name'),
  address: maxLengthOf(siteSchema, 'address'),
  method: maxLengthOf(siteSchema, 'remoteAccess', 'method'),
  host: maxLengthOf(siteSchema, 'remoteAccess', 'host'),
  username: maxLengthOf(siteSchema, 'remoteAccess', 'username'),
  password: maxLengthOf(siteSchema, 'remoteAccess', 'password'),
  notes: maxLengthOf(siteSchema, 'notes'),
};

export interface SiteFormModalProps {
  open: boolean;
  customerId: string;
  site?: SiteDoc;
  onClose: () => void;
}

export function SiteFormModal({ open, customerId, site, onClose }: SiteFormModalProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const rules = useFormRules();
  const db = useDatabase();
  const label = {
    name: t('sites.field.name'),
    address: t('sites.field.address'),
    timeZone: t('sites.field.timeZone'),
    calendar: t('sites.field.holidayCalendar'),
    method: t('sites.field.remoteMethod'),
    host: t('sites.field.remoteHost'),
    username: t('sites.field.remoteUsername'),
    password: t('sites.field.remotePassword'),
    notes: t('sites.field.notes'),
  };

  const methodWithCredentials: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      const hasMethod = typeof value === 'string' && value.trim() !== '';
      const others = ['remoteHost', 'remoteUsername', 'remotePassword'].some((f) => {
        const v: unknown = getFieldValue(f);
        return typeof v === 'string' && v !== '';
      });
      if (!hasMethod && others) throw new Error(t('sites.remote.methodRequired'));
      return Promise.resolve();
    },
  });

  const submit = async (values: SiteFormValues) => {
    const now = nowInstant();
    if (site === undefined) {
      await db.sites.insert(siteFromForm(values, now, { id: newId(), customerId }));
      return;
    }
    const current = await db.sites.findOne(site.id).exec();
    if (current === null) throw new Error(t('common.notFound'));
    await current.incrementalModify((old) => siteFromForm(values, now, old));
  };

  return (
    <FormModal<SiteFormValues>
      open={open}
      title={site === undefined ? t('sites.create') : t('sites.edit')}
      initialValues={
        site === undefined
          ? { timeZone: DEFAULT_TIME_ZONE, holidayCalendar: 'cn', contacts: [] }
          : siteToForm(site)
      }
      onSubmit={submit}
      onClose={onClose}
      successMessage={site === undefined ? t('common.created') : t('common.saved')}
      width={760}
      fieldLabels={{
        name: label.name,
        address: label.address,
        timeZone: label.timeZone,
        holidayCalendar: label.calendar,
        remoteMethod: label.method,
        remoteHost: label.host,
        remoteUsername: label.username,
        remotePassword: label.password,
        remoteAccess: t('sites.field.remoteAccess'),
        notes: label.notes,
      }}
      testId="site-form"
    >
      <Form.Item
        name="name"
        label={label.name}
        rules={[rules.required(label.name), rules.maxLength(label.name, LIMIT.name)]}
      >
        <Input autoFocus data-autofocus />
      </Form.Item>
      <Form.Item
        name="address"
        label={label.address}
        rules={[rules.maxLength(label.address, LIMIT.address)]}
      >
        <Input placeholder={t('sites.placeholder.address')} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="timeZone"
            label={label.timeZone}
            extra={t('sites.field.timeZoneHint')}
            rules={[rules.requiredSelect(label.timeZone)]}
          >
            <TimeZoneSelect aria-label={label.timeZone} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="holidayCalendar"
            label={label.calendar}
            extra={t('sites.field.holidayCalendarHint')}
            rules={[rules.requiredSelect(label.calendar)]}
          >
            <Select options={calendarOptions(i18n)} data-testid="site-calendar" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('sites.field.remoteAccess')}
      </Divider>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="remoteMethod"
            label={label.method}
            dependencies={['remoteHost', 'remoteUsername', 'remotePassword']}
            rules={[methodWithCredentials, rules.maxLength(label.method, LIMIT.method)]}
          >
            <Input placeholder={t('sites.placeholder.remoteMethod')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="remoteHost"
            label={label.host}
            rules={[rules.maxLength(label.host, LIMIT.host)]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="remoteUsername"
            label={label.username}
            rules={[rules.maxLength(label.username, LIMIT.username)]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="remotePassword"
            label={label.password}
            extra={t('sites.field.remotePasswordHint')}
            rules={[rules.maxLength(label.password, LIMIT.password)]}
          >
            <Input.Password autoComplete="new-password" />
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
