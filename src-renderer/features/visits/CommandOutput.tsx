import { Typography } from 'antd';
import { useI18n } from '../../app/i18n';

/**
 * A command and its captured output in a monospace block that scrolls instead of stretching the
 * page, with a copy button for the whole text (command line first, as typed in a shell).
 */
export function CommandOutput({ command, output }: { command: string; output: string }) {
  const { t } = useI18n();
  const whole = command === '' ? output : `$ ${command}\n${output}`;
  return (
    <div className="fb-command" data-testid="log-command">
      <Typography.Text
        className="fb-command-copy"
        copyable={{ text: whole, tooltips: [t('visits.log.copy'), t('visits.log.copied')] }}
      />
      <pre className="fb-command-block" tabIndex={0}>
        {command !== '' && (
          <span className="fb-command-line" data-testid="log-command-line">
            $ {command}
            {'\n'}
          </span>
        )}
        <span data-testid="log-command-output">{output}</span>
      </pre>
    </div>
  );
}
