import { Button, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { desktop } from '../app/desktop';
import { useI18n } from '../app/i18n';
import { translate } from '../app/i18n-core';
import { openFieldbookDatabase } from './database';
import type { FieldbookDatabase } from './database';
import { DatabaseContext } from './database-context';
import { messages } from './messages';
import type { DbMessageKey } from './messages';

export { useDatabase } from './database-context';

/** IndexedDB name of the workspace database. */
export const DEFAULT_DATABASE_NAME = 'fieldbook';

class KeyUnavailableError extends Error {
  constructor(cause: unknown) {
    super('database key unavailable', { cause });
    this.name = 'KeyUnavailableError';
  }
}

async function openWithDesktopKey(name: string): Promise<FieldbookDatabase> {
  let password: string;
  try {
    password = await desktop().keystore.getDatabaseKey();
  } catch (err) {
    throw new KeyUnavailableError(err);
  }
  return openFieldbookDatabase({ name, password });
}

type State =
  | { phase: 'opening' }
  | { phase: 'open'; db: FieldbookDatabase }
  | { phase: 'failed'; error: Error };

export interface DatabaseProviderProps {
  children: ReactNode;
  name?: string;
  /** Replaces opening with the desktop key store (tests, the bench page). */
  open?: (name: string) => Promise<FieldbookDatabase>;
}

function errorDetail(error: Error): string {
  const cause = error.cause instanceof Error ? `\n${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}

/**
 * Opens the local database with the key from the main process, and renders its children only
 * once it is open; shows a loading state meanwhile and a retryable error state on failure.
 * Closes the database on unmount.
 */
export function DatabaseProvider({
  children,
  name = DEFAULT_DATABASE_NAME,
  open = openWithDesktopKey,
}: DatabaseProviderProps) {
  const { lang } = useI18n();
  // Looked up here rather than through the app dictionary so the provider also works before
  // the shell registers this module.
  const m = useCallback((key: DbMessageKey) => translate(messages[lang], key), [lang]);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>({ phase: 'opening' });

  useEffect(() => {
    let cancelled = false;
    setState({ phase: 'opening' });
    const opening = open(name);
    opening.then(
      (db) => {
        if (cancelled) void db.close();
        else setState({ phase: 'open', db });
      },
      (err: unknown) => {
        if (!cancelled) {
          setState({ phase: 'failed', error: err instanceof Error ? err : new Error(String(err)) });
        }
      },
    );
    return () => {
      cancelled = true;
      opening.then((db) => db.close()).catch(() => undefined);
    };
  }, [name, open, attempt]);

  if (state.phase === 'open') {
    return <DatabaseContext.Provider value={state.db}>{children}</DatabaseContext.Provider>;
  }
  if (state.phase === 'opening') {
    return (
      <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
        <Spin size="large" />
        <Typography.Paragraph style={{ marginTop: 16 }}>{m('db.opening')}</Typography.Paragraph>
      </div>
    );
  }
  const keyProblem = state.error instanceof KeyUnavailableError;
  return (
    <Result
      status="error"
      title={m('db.openFailed')}
      subTitle={keyProblem ? m('db.keyUnavailable') : m('db.openFailedHint')}
      extra={
        <Button type="primary" onClick={() => setAttempt((n) => n + 1)}>
          {m('db.retry')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{m('db.details')}</Typography.Paragraph>
      <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap' }}>
        {errorDetail(state.error)}
      </Typography.Paragraph>
    </Result>
  );
}
