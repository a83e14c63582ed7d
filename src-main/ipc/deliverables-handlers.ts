import { IPC_CHANNELS } from '../../src-shared/ipc';
import type { DesktopApi } from '../../src-shared/ipc';
import type { IpcHandlerMap } from './handler-types';

type DeliverablesChannel =
  | typeof IPC_CHANNELS.deliverablesSignPdf
  | typeof IPC_CHANNELS.deliverablesVerifyPdf
  | typeof IPC_CHANNELS.deliverablesSavePdf
  | typeof IPC_CHANNELS.deliverablesOpenPdf
  | typeof IPC_CHANNELS.deliverablesGetSigningCertificate;

/** Handlers of the `deliverables:` namespace. */
export function createDeliverablesHandlers(
  deliverables: DesktopApi['deliverables'],
): IpcHandlerMap<DeliverablesChannel> {
  return {
    [IPC_CHANNELS.deliverablesSignPdf]: (input) => deliverables.signPdf(input),
    [IPC_CHANNELS.deliverablesVerifyPdf]: (bytes) => deliverables.verifyPdf(bytes),
    [IPC_CHANNELS.deliverablesSavePdf]: (input) => deliverables.savePdf(input),
    [IPC_CHANNELS.deliverablesOpenPdf]: (path) => deliverables.openPdf(path),
    [IPC_CHANNELS.deliverablesGetSigningCertificate]: () => deliverables.getSigningCertificate(),
  };
}
