import { App } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../app/i18n';

/**
 * Asks before a delete, then runs it and reports the outcome. Deleting is RxDB's `remove()`
 * (a tombstone that replicates), so the confirmation says it also leaves other devices.
 * `blockers` lists, in words, records that still refer to the target; when it returns any, the
 * delete is refused with that list instead of asked for.
 */
export function useConfirmDelete(): (
  name: string,
  remove: () => Promise<unknown>,
  blockers?: () => Promise<string[]>,
) => void {
  const { modal, message } = App.useApp();
  const { t } = useI18n();
  const errorText = useCallback(
    (err: unknown) =>
      t('common.deleteFailed', { message: err instanceof Error ? err.message : String(err) }),
    [t],
  );
  return useCallback(
    (name, remove, blockers) => {
      const ask = () =>
        modal.confirm({
          title: t('common.confirmDelete', { name }),
          content: t('common.confirmDeleteHint'),
          okText: t('common.delete'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: async () => {
            try {
              await remove();
              void message.success(t('common.deleted'));
            } catch (err) {
              void message.error(errorText(err));
            }
          },
        });
      if (blockers === undefined) {
        ask();
        return;
      }
      blockers().then(
        (list) => {
          if (list.length === 0) {
            ask();
            return;
          }
          modal.warning({
            title: t('common.deleteBlocked', { name }),
            content: t('common.deleteBlockedHint', { list: list.join(t('common.listSeparator')) }),
            okText: t('common.back'),
          });
        },
        (err: unknown) => void message.error(errorText(err)),
      );
    },
    [modal, message, t, errorText],
  );
}
