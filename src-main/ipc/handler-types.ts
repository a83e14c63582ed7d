import type { IpcArgs, IpcChannel, IpcResult } from '../../src-shared/ipc';

/** The main-side implementation of one channel, typed from the contract's `IpcInvokeMap`. */
export type IpcHandler<C extends IpcChannel> = (...args: IpcArgs<C>) => Promise<IpcResult<C>>;

/** Handlers for a set of channels; with the default parameter, for every channel. */
export type IpcHandlerMap<C extends IpcChannel = IpcChannel> = { readonly [K in C]: IpcHandler<K> };
