/**
 * Every UI message, merged per language from the modules of the shell, the shared components and
 * each feature. A feature adds its strings by exporting `messages` from its `messages.ts` and
 * being listed here.
 */
import { mergeMessages } from './i18n-core';
import type { Dictionary, Lang, MessageModule } from './i18n-core';
import { messages as app } from './app-messages';
import { messages as components } from '../components/messages';
import { messages as db } from '../db/messages';
import { messages as customers } from '../features/customers/messages';
import { messages as sites } from '../features/sites/messages';
import { messages as clusters } from '../features/clusters/messages';
import { messages as contracts } from '../features/contracts/messages';
import { messages as workspace } from '../features/workspace/messages';
import { messages as settings } from '../features/settings/messages';
import { messages as visits } from '../features/visits/messages';
import { messages as incidents } from '../features/incidents/messages';
import { messages as inspections } from '../features/inspections/messages';
import { messages as deliverables } from '../features/deliverables/messages';
import { messages as sync } from '../features/sync/messages';
import { messages as procedures } from '../features/procedures/messages';
import { messages as home } from '../features/home/messages';
import { messages as search } from '../features/search/messages';
import { messages as reminders } from '../features/reminders/messages';
import { messages as plans } from '../features/plans/messages';
import { messages as ops } from '../features/ops/messages';
import { messages as lead } from '../features/lead/messages';

/** The modules by name (the unit test reports mismatches per module). */
export const messageModules: Readonly<Record<string, MessageModule>> = {
  app,
  components,
  db,
  customers,
  sites,
  clusters,
  contracts,
  workspace,
  settings,
  visits,
  incidents,
  inspections,
  deliverables,
  sync,
  procedures,
  home,
  search,
  reminders,
  plans,
  ops,
  lead,
};

export const dictionaries: Readonly<Record<Lang, Dictionary>> = {
  zh: mergeMessages(Object.values(messageModules), 'zh'),
  en: mergeMessages(Object.values(messageModules), 'en'),
};
