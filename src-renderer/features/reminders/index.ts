export { ReminderRunner } from './ReminderRunner';
export { ReminderSettingsCard } from './ReminderSettingsCard';
