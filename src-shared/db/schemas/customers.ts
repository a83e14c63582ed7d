import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { CustomerDoc } from '../types';
import {
  addMergeHistoryStep,
  BASE_REQUIRED,
  baseProperties,
  contactsProperty,
  textProperty,
} from './common';

export const customerSchema: RxJsonSchema<CustomerDoc> = {
  title: 'customers',
  description: 'A customer organisation; its own customerId equals its id.',
  // v1: optional mergeHistory (what lost a sync merge).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    shortName: textProperty(60),
    industry: textProperty(60),
    contacts: contactsProperty,
    notes: textProperty(10_000),
  },
  required: [...BASE_REQUIRED, 'name', 'contacts'],
  // The customer list is sorted by name.
  indexes: ['name'],
};

export const customerMigrationStrategies: MigrationStrategies = {
  1: addMergeHistoryStep,
};
