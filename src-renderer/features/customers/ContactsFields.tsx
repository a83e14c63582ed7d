import { Button, Flex, Form, Input } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { useFormRules } from '../../components/form-rules';
import { maxLengthOf } from '../../components/schema-limits';
import { customerSchema } from '../../../src-shared/db/schemas/customers';

const LIMIT = {
  name: maxLengthOf(customerSchema, 'contacts', '[]', 'name'),
  title: maxLengthOf(customerSchema, 'contacts', '[]', 'title'),
  phone: maxLengthOf(customerSchema, 'contacts', '[]', 'phone'),
  email: maxLengthOf(customerSchema, 'contacts', '[]', 'email'),
};

/** Editable contact rows (name required on a row, title, phone, e-mail), for customers and sites. */
export function ContactsFields({ name = 'contacts' }: { name?: string }) {
  const { t } = useI18n();
  const rules = useFormRules();
  const label = {
    name: t('customers.contact.name'),
    title: t('customers.contact.title'),
    phone: t('customers.contact.phone'),
    email: t('customers.contact.email'),
  };
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          {fields.map(({ key, name: row }, index) => (
            <Flex key={key} gap={8} align="flex-start" className="fb-contact-row">
              <Form.Item
                name={[row, 'name']}
                rules={[rules.required(label.name), rules.maxLength(label.name, LIMIT.name)]}
                className="fb-grow"
              >
                <Input placeholder={label.name} aria-label={`${label.name} ${index + 1}`} />
              </Form.Item>
              <Form.Item
                name={[row, 'title']}
                rules={[rules.maxLength(label.title, LIMIT.title)]}
                className="fb-grow"
              >
                <Input placeholder={label.title} aria-label={`${label.title} ${index + 1}`} />
              </Form.Item>
              <Form.Item
                name={[row, 'phone']}
                rules={[rules.phone(), rules.maxLength(label.phone, LIMIT.phone)]}
                className="fb-grow"
              >
                <Input placeholder={label.phone} aria-label={`${label.phone} ${index + 1}`} />
              </Form.Item>
              <Form.Item
                name={[row, 'email']}
                rules={[rules.email(), rules.maxLength(label.email, LIMIT.email)]}
                className="fb-grow"
              >
                <Input placeholder={label.email} aria-label={`${label.email} ${index + 1}`} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                aria-label={t('customers.contact.remove', { index: index + 1 })}
                title={t('customers.contact.remove', { index: index + 1 })}
                onClick={() => remove(row)}
              />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
            {t('customers.contact.add')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
