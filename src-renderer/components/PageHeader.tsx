import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../app/i18n';

export interface PageHeaderProps {
  title: ReactNode;
  /** One line under the title (counts, short name, industry…). */
  subtitle?: ReactNode;
  /** Buttons on the right. */
  extra?: ReactNode;
  /** Path of the parent screen; shows a back button. */
  backTo?: string;
}

/** The title row of a screen: the page's single `h1`, so screen readers find it first. */
export function PageHeader({ title, subtitle, extra, backTo }: PageHeaderProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Flex justify="space-between" align="flex-start" gap={12} className="fb-page-header" wrap>
      <Flex align="flex-start" gap={8}>
        {backTo !== undefined && (
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('common.back')}
            title={t('common.back')}
            onClick={() => void navigate(backTo)}
          />
        )}
        <div>
          <Typography.Title level={1} className="fb-page-title">
            {title}
          </Typography.Title>
          {subtitle !== undefined && (
            <Typography.Text type="secondary" className="fb-page-subtitle">
              {subtitle}
            </Typography.Text>
          )}
        </div>
      </Flex>
      {extra !== undefined && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
