import { Flex, Radio, Tag, Typography } from 'antd';
import { responseTarget } from '../../../src-shared/policy/index';
import type { PolicyPack } from '../../../src-shared/policy/types';
import { useI18n } from '../../app/i18n';
import { levelColor, levelLabel, targetText } from './incident-view-model';

export interface SeverityHelperProps {
  pack: PolicyPack;
  tier: string;
  value?: string;
  onChange?: (level: string) => void;
  id?: string;
}

/**
 * Level picker that quotes the policy: for each level its name and full definition as the seed
 * words them, and the response target the contract's tier gives it.
 */
export function SeverityHelper({ pack, tier, value, onChange, id }: SeverityHelperProps) {
  const { t, lang, pick } = useI18n();
  return (
    <Radio.Group
      id={id}
      value={value}
      onChange={(e) => onChange?.(e.target.value as string)}
      style={{ width: '100%' }}
      data-testid="severity-helper"
    >
      <Flex vertical gap={6}>
        {pack.levels.map((level) => {
          const target = responseTarget(pack, tier, level.id);
          const selected = value === level.id;
          return (
            <Radio
              key={level.id}
              value={level.id}
              className={selected ? 'fb-severity fb-severity-selected' : 'fb-severity'}
              data-testid={`severity-${level.id}`}
            >
              <Flex vertical gap={2} data-testid={`severity-text-${level.id}`}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={levelColor(pack, level.id)}>
                    {levelLabel(pack, level.id, t, lang)}
                  </Tag>
                  <Typography.Text strong>{pick(level.name)}</Typography.Text>
                  <Typography.Text type={target.kind === 'none' ? 'secondary' : undefined}>
                    {t('incidents.form.targetOf', { target: targetText(pack, target, t, lang) })}
                  </Typography.Text>
                  {target.onSite && <Tag color="cyan">{t('incidents.form.onSite')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" className="fb-severity-definition">
                  {pick(level.definition)}
                </Typography.Text>
              </Flex>
            </Radio>
          );
        })}
      </Flex>
    </Radio.Group>
  );
}
