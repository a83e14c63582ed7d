import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { PlanDoc } from '../types';
import { BASE_REQUIRED, baseProperties, idProperty, instantProperty } from './common';

/*
 * The stored plan is looser than the interchange format (plan-schema.ts): a plan is saved on
 * every edit of the grid, so a row just added (no host name yet, 0 cores) must be storable.
 * What the interchange format or the rules would refuse is a finding on the cell, shown while
 * the engineer types; only `status: 'ready'` requires a plan without errors. Rows of the extra
 * fields a newer Fieldbook or a hand-written plan may carry are kept (no additionalProperties).
 */
const text = { type: 'string', maxLength: 500 } as const;
const label = { type: 'string', maxLength: 253 } as const;
const amount = { type: 'number', minimum: 0, maximum: 1_000_000 } as const;
const whole = { type: 'integer', minimum: 0, maximum: 1_000_000 } as const;
const rowId = { type: 'string', minLength: 1, maxLength: 40 } as const;
const osProperty = {
  type: 'object',
  properties: { release: text, kernel: text },
} as const;

export const planSchema: RxJsonSchema<PlanDoc> = {
  title: 'plans',
  description: 'The deployment plan (PDS 规划) of one environment: networks, VIPs, machines.',
  // v1: an accepted warning names who accepted it and when (acceptedBy, acceptedAt); v0
  // documents are valid as they are (their acceptances count again once a name is added).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    clusterId: idProperty,
    status: { type: 'string', enum: ['draft', 'ready'], maxLength: 8 },
    readyAt: instantProperty,
    product: label,
    version: { type: 'string', maxLength: 64 },
    profile: { type: 'string', enum: ['production', 'poc'], maxLength: 16 },
    networks: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['rowId', 'name', 'cidr'],
        properties: {
          rowId,
          name: label,
          cidr: text,
          gateway: text,
          vlan: whole,
          mtu: whole,
        },
      },
    },
    podCidr: text,
    serviceCidr: text,
    nodeCidrPrefix: { type: 'integer', minimum: 1, maximum: 128 },
    vips: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['rowId', 'role', 'address'],
        properties: { rowId, role: label, address: text, shared: { type: 'boolean' } },
      },
    },
    machines: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        required: ['rowId', 'hostname', 'roles', 'cpu', 'memoryGiB', 'disks', 'nics'],
        properties: {
          rowId,
          hostname: label,
          roles: { type: 'array', maxItems: 10, items: label },
          cpu: amount,
          memoryGiB: amount,
          disks: {
            type: 'array',
            maxItems: 64,
            items: {
              type: 'object',
              required: ['sizeGiB'],
              properties: { mount: text, sizeGiB: amount, type: text },
            },
          },
          nics: {
            type: 'array',
            maxItems: 64,
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: { type: 'string', maxLength: 64 },
                network: text,
                address: text,
                mtu: whole,
                bond: {
                  type: 'object',
                  required: ['mode', 'members'],
                  properties: {
                    mode: text,
                    members: {
                      type: 'array',
                      maxItems: 16,
                      items: { type: 'string', maxLength: 64 },
                    },
                  },
                },
              },
            },
          },
          os: osProperty,
        },
      },
    },
    ntpServers: { type: 'array', maxItems: 20, items: text },
    dnsServers: { type: 'array', maxItems: 20, items: text },
    os: osProperty,
    dependencies: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['kind', 'name'],
        properties: {
          kind: label,
          name: label,
          address: text,
          notes: { type: 'string', maxLength: 4000 },
        },
      },
    },
    requirements: { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 4000 } },
    // Top-level fields of an imported plan this version does not read, kept for its export.
    extra: { type: 'object' },
    acceptedWarnings: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['rule', 'path', 'reason'],
        properties: {
          rule: label,
          path: text,
          reason: { type: 'string', maxLength: 2000 },
          acceptedBy: { type: 'string', maxLength: 100 },
          acceptedAt: text,
        },
      },
    },
  },
  required: [
    ...BASE_REQUIRED,
    'clusterId',
    'status',
    'product',
    'version',
    'profile',
    'networks',
    'podCidr',
    'serviceCidr',
    'vips',
    'machines',
    'ntpServers',
    'dnsServers',
  ],
  indexes: ['customerId', 'clusterId'],
};

export const planMigrationStrategies: MigrationStrategies = {
  1: (doc: unknown) => doc,
};
