import { describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../../src-shared/db/types';
import {
  contactsFromForm,
  customerFromForm,
  customerMatches,
  customerToForm,
} from './customer-form';

const NOW = '2026-11-23T10:00:00.000+08:00';

describe('customerFromForm', () => {
  it('creates a customer whose customerId is its own id, trimming and dropping blanks', () => {
    const doc = customerFromForm(
      {
        name: '  华东某银行  ',
        shortName: ' ',
        industry: '金融',
        contacts: [{ name: '王磊', title: '', phone: '138 0000 0000' }, { name: '  ' }],
      },
      NOW,
      { id: 'C1' },
    );
    expect(doc).toEqual({
      id: 'C1',
      customerId: 'C1',
      createdAt: NOW,
      updatedAt: NOW,
      name: '华东某银行',
      industry: '金融',
      contacts: [{ name: '王磊', phone: '138 0000 0000' }],
    });
  });

  it('keeps id and createdAt on edit and removes a cleared optional field', () => {
    const existing: CustomerDoc = {
      id: 'C1',
      customerId: 'C1',
      createdAt: '2026-01-01T00:00:00.000+08:00',
      updatedAt: '2026-01-01T00:00:00.000+08:00',
      name: '旧名',
      shortName: '旧',
      contacts: [],
    };
    const form = customerToForm(existing);
    const doc = customerFromForm({ ...form, name: '新名', shortName: '' }, NOW, existing);
    expect(doc.createdAt).toBe(existing.createdAt);
    expect(doc.updatedAt).toBe(NOW);
    expect(doc.name).toBe('新名');
    expect('shortName' in doc).toBe(false);
  });

  it('refuses a blank name', () => {
    expect(() => customerFromForm({ name: '   ' }, NOW, { id: 'C1' })).toThrow(/name/);
  });
});

describe('contactsFromForm', () => {
  it('handles a missing list', () => {
    expect(contactsFromForm(undefined)).toEqual([]);
  });
});

describe('customerMatches', () => {
  const doc: CustomerDoc = {
    id: 'C1',
    customerId: 'C1',
    createdAt: NOW,
    updatedAt: NOW,
    name: 'Shanghai Metro',
    shortName: '申通',
    industry: '交通',
    contacts: [{ name: '李娜' }],
  };
  it('matches name, short name, industry and contact, case-insensitively', () => {
    expect(customerMatches(doc, 'metro')).toBe(true);
    expect(customerMatches(doc, '申通')).toBe(true);
    expect(customerMatches(doc, '交通')).toBe(true);
    expect(customerMatches(doc, '李娜')).toBe(true);
    expect(customerMatches(doc, '')).toBe(true);
    expect(customerMatches(doc, '银行')).toBe(false);
  });
});
