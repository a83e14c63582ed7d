import { Checkbox, Flex, Form, Input, Typography } from 'antd';
import type { DeliverableDoc } from '../../../src-shared/db/types';
import { rejection } from '../../../src-shared/domain/ops/acceptance';
import type { AcceptanceReview } from '../../../src-shared/domain/ops/acceptance';
import type { AcceptanceSnapshot } from '../../../src-shared/reports/kinds/acceptance-report/snapshot';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';

interface Values {
  by: string;
  /** Per deliverable code: rejected or not, and why. */
  items: Record<string, { rejected?: boolean; reason?: string }>;
}

/**
 * The customer's rejection of an acceptance report revision: which items, each with its reason,
 * and who rejected. The review (checked by the domain's `rejection`) is handed to `onRejected`,
 * which makes the resubmission (the next revision).
 */
export function AcceptanceRejectModal({
  doc,
  onClose,
  onRejected,
}: {
  doc: DeliverableDoc;
  onClose: () => void;
  onRejected: (review: AcceptanceReview) => Promise<void>;
}) {
  const { t, pick } = useI18n();
  const snapshot = doc.snapshot as unknown as AcceptanceSnapshot;
  return (
    <FormModal<Values>
      open
      title={t('deliverables.reject.title', {
        number: doc.documentNumber,
        revision: doc.documentRevision,
      })}
      initialValues={{ by: snapshot.customerRepresentatives[0]?.name ?? '', items: {} }}
      okText={t('deliverables.reject.ok')}
      closeAfterSave={false}
      width={720}
      testId="acceptance-reject"
      onClose={onClose}
      onSubmit={async (v) => {
        const rejected = Object.entries(v.items ?? {})
          .filter(([, x]) => x.rejected === true)
          .map(([code, x]) => ({ code, reason: x.reason ?? '' }));
        if (rejected.length === 0) throw new Error(t('deliverables.reject.none'));
        const review = rejection(
          snapshot.deliverables,
          snapshot.revision,
          rejected,
          nowInstant(),
          v.by ?? '',
        );
        await onRejected(review);
      }}
    >
      {(form) => (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('deliverables.reject.intro')}</Typography.Text>
          <Form.Item
            name="by"
            label={t('deliverables.reject.by')}
            rules={[
              { required: true, whitespace: true, message: t('deliverables.reject.byNeeded') },
            ]}
          >
            <Input maxLength={200} data-testid="acceptance-reject-by" />
          </Form.Item>
          {snapshot.deliverables.map((item) => (
            <Flex
              key={item.code}
              gap={8}
              align="baseline"
              data-testid="acceptance-reject-item"
              data-code={item.code}
            >
              <Form.Item name={['items', item.code, 'rejected']} valuePropName="checked" noStyle>
                <Checkbox data-testid="acceptance-reject-check">
                  {pick(item.name)} · {t(`deliverables.reject.status.${item.status}`)}
                </Checkbox>
              </Form.Item>
              <Form.Item
                noStyle
                shouldUpdate={(a: Values, b: Values) =>
                  a.items?.[item.code]?.rejected !== b.items?.[item.code]?.rejected
                }
              >
                {() =>
                  form.getFieldValue(['items', item.code, 'rejected']) === true ? (
                    <Form.Item
                      name={['items', item.code, 'reason']}
                      className="fb-grow"
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: t('deliverables.reject.reasonNeeded'),
                        },
                      ]}
                    >
                      <Input
                        placeholder={t('deliverables.reject.reason')}
                        maxLength={500}
                        data-testid="acceptance-reject-reason"
                      />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
            </Flex>
          ))}
        </Flex>
      )}
    </FormModal>
  );
}
