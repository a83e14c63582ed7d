/**
 * The shape a plan must have before its rules can be checked (`fieldbook plan validate` exits 2
 * with these errors). Values are checked by the rules (validate-plan.ts), not here: an address
 * that is not an address is a finding on its field, not a schema error, so the grid can show it
 * on the right cell while the engineer types.
 */
import type { SchemaViolation } from '../../db/json-validator';
import { compileJsonSchema } from '../../db/json-validator';
import type { Plan } from './plan';

const text = { type: 'string', maxLength: 500 };
const name = { type: 'string', minLength: 1, maxLength: 253 };
const positive = { type: 'number', exclusiveMinimum: 0, maximum: 1_000_000 };

export const PLAN_SCHEMA = {
  type: 'object',
  required: [
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
  properties: {
    product: name,
    version: { type: 'string', maxLength: 64 },
    profile: { enum: ['production', 'poc'] },
    networks: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['name', 'cidr'],
        properties: {
          name,
          cidr: text,
          gateway: text,
          vlan: { type: 'integer' },
          mtu: { type: 'integer' },
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
        required: ['role', 'address'],
        properties: { role: name, address: text, shared: { type: 'boolean' } },
      },
    },
    machines: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        required: ['hostname', 'roles', 'cpu', 'memoryGiB', 'disks', 'nics'],
        properties: {
          hostname: { type: 'string', maxLength: 253 },
          roles: { type: 'array', maxItems: 10, items: name },
          cpu: positive,
          memoryGiB: positive,
          disks: {
            type: 'array',
            maxItems: 64,
            items: {
              type: 'object',
              required: ['sizeGiB'],
              properties: { mount: text, sizeGiB: positive, type: text },
            },
          },
          nics: {
            type: 'array',
            maxItems: 64,
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: { type: 'string', minLength: 1, maxLength: 64 },
                network: text,
                address: text,
                mtu: { type: 'integer' },
                bond: {
                  type: 'object',
                  required: ['mode', 'members'],
                  properties: {
                    mode: text,
                    members: {
                      type: 'array',
                      maxItems: 16,
                      items: { type: 'string', minLength: 1, maxLength: 64 },
                    },
                  },
                },
              },
            },
          },
          os: { type: 'object', properties: { release: text, kernel: text } },
        },
      },
    },
    ntpServers: { type: 'array', maxItems: 20, items: text },
    dnsServers: { type: 'array', maxItems: 20, items: text },
    os: { type: 'object', properties: { release: text, kernel: text } },
    dependencies: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['kind', 'name'],
        properties: { kind: name, name, address: text, notes: { type: 'string', maxLength: 4000 } },
      },
    },
    requirements: { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 4000 } },
    acceptedWarnings: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['rule', 'path', 'reason'],
        properties: {
          rule: name,
          path: text,
          reason: { type: 'string', minLength: 1, maxLength: 2000 },
          acceptedBy: { type: 'string', maxLength: 100 },
          acceptedAt: text,
        },
      },
    },
  },
} as const;

let validator: ((value: unknown) => SchemaViolation[]) | null = null;

export type PlanParse = { ok: true; plan: Plan } | { ok: false; errors: SchemaViolation[] };

/** Checks that `value` has the plan shape; the errors name the field (JSON pointer). */
export function parsePlan(value: unknown): PlanParse {
  validator ??= compileJsonSchema(PLAN_SCHEMA);
  const errors = validator(value);
  return errors.length === 0 ? { ok: true, plan: value as Plan } : { ok: false, errors };
}
