import { describe, expect, it } from 'vitest';
import { deriveRun } from '../../domain/procedures/derive';
import type { Actor } from '../../domain/procedures/procedure-ops';
import {
  attachEvidence,
  completeRun,
  completeStep,
  startRun,
  startStep,
} from '../../domain/procedures/procedure-ops';
import { checkOutput } from '../../domain/procedures/output-check';
import { implementationRecordFrom } from '../../reports/kinds/implementation-record/snapshot';
import { validateImplementationRecordSnapshot } from '../../reports/kinds/implementation-record/snapshot';
import {
  getProcedureTemplate,
  latestProcedureTemplates,
  templateSteps,
  ZSTACK_INSTALL_CHECKLIST_V1,
} from './index';
import { validateProcedureTemplate } from './validate';

const T = ZSTACK_INSTALL_CHECKLIST_V1;
const copy = <V>(v: V): V => JSON.parse(JSON.stringify(v)) as V;
const step = (id: string) => templateSteps(T).find(({ step: s }) => s.id === id)!.step;

const hosts = (...status: string[]) =>
  `{\n  "inventories": [\n${status
    .map(
      (s, i) =>
        `    {\n      "name": "host-0${i + 1}",\n      "state": "Enabled",\n      "status": "${s}"\n    }`,
    )
    .join(',\n')}\n  ],\n  "success": true\n}\n`;

describe('ZStack installation checklist', () => {
  it('is a schema-valid deployment template of the private-cloud ops pack, for ZStack', () => {
    expect(validateProcedureTemplate(copy(T))).toEqual({ ok: true, template: copy(T) });
    expect(getProcedureTemplate('zstack-install-checklist', 1)).toBe(T);
    expect(latestProcedureTemplates('private-cloud-ops', 'deployment')).toEqual([T]);
    expect(T.products).toEqual(['ZStack']);
  });

  it('speaks both languages and names no product version the seeds do not', () => {
    const texts: string[] = [T.name.zh, T.name.en, T.description.zh, T.description.en];
    for (const section of T.sections) texts.push(section.title.zh, section.title.en);
    for (const { step: s } of templateSteps(T)) {
      for (const t of [s.title, s.instruction, s.expected.text]) {
        expect(t.zh.trim()).not.toBe('');
        expect(t.en.trim()).not.toBe('');
        texts.push(t.zh, t.en);
      }
      if (s.command !== undefined) texts.push(s.command);
    }
    expect(texts.filter((t) => /\d+\.\d+/.test(t))).toEqual([]);
  });

  it('installs the management node only after confirmation, with a forward fix past it', () => {
    expect(step('mn-install').checkpoint).toEqual({
      class: 'irreversible',
      forwardFix: ['ff-install-log'],
    });
    expect(T.sections.find((s) => s.kind === 'forward-fix')!.steps.map((s) => s.id)).toEqual([
      'ff-install-log',
    ]);
    const ids = templateSteps(T).map(({ step: s }) => s.id);
    expect(ids.indexOf('installer-checksum')).toBeLessThan(ids.indexOf('mn-install'));
    expect(ids.indexOf('mn-install')).toBeLessThan(ids.indexOf('hosts-connected'));
  });

  it('reads the pasted outputs: connected inventories, virtualisation flags, no packet loss', () => {
    const result = (id: string, text: string) => checkOutput(step(id).expected, text).result;
    expect(result('hosts-connected', hosts('Connected', 'Connected'))).toBe('pass');
    expect(result('hosts-connected', hosts('Connected', 'Disconnected'))).toBe('fail');
    expect(result('primary-storage', hosts('Connecting'))).toBe('fail');
    expect(result('cpu-virtualization', '48\n')).toBe('pass');
    expect(result('cpu-virtualization', '0\n')).toBe('fail');
    const ping = (loss: string) =>
      `3 packets transmitted, 3 received, ${loss} packet loss, time 2003ms\n`;
    expect(result('network-reachable', ping('0%'))).toBe('pass');
    expect(result('network-reachable', ping('100%'))).toBe('fail');
    expect(result('network-reachable', ping('33%'))).toBe('fail');
    expect(
      result('mn-status', 'MN status: Running [PID:4121]\nUI status: Running [PID:4388]\n'),
    ).toBe('pass');
    expect(result('mn-status', 'MN status: Stopped\n')).toBe('fail');
    expect(result('mn-install', 'ERROR: cannot install mysql\n')).toBe('fail');
  });

  it('a run through it makes a valid implementation record', () => {
    const who: Actor = { by: '王磊', zone: 'Asia/Shanghai' };
    let t = Date.parse('2026-12-21T01:00:00Z');
    const now = () => new Date((t += 60_000)).toISOString();
    let run = startRun(
      {
        customerId: 'C1',
        siteId: 'S1',
        siteZone: 'Asia/Shanghai',
        templateId: T.id,
        templateVersion: T.version,
      },
      who,
      now(),
    );
    const attachment = { sha256: 'ab'.repeat(32), name: 'x.png', mimeType: 'image/png', size: 1 };
    const evidence: Record<string, Parameters<typeof attachEvidence>[2]> = {
      'os-release': { kind: 'output', text: 'NAME="Rocky Linux"\nVERSION_ID="8"\n' },
      'cpu-virtualization': { kind: 'output', text: '48\n' },
      'time-sync': { kind: 'output', text: 'Leap status     : Normal\n' },
      'network-reachable': { kind: 'output', text: '3 received, 0% packet loss\n' },
      'mn-disk': { kind: 'value', text: '420' },
      'installer-checksum': { kind: 'output', text: `${'e3'.repeat(32)}  installer.bin\n` },
      'mn-install': { kind: 'output', text: 'ZStack management node installed successfully\n' },
      'mn-status': { kind: 'output', text: 'MN status: Running\nUI status: Running\n' },
      'hosts-connected': { kind: 'output', text: hosts('Connected', 'Connected', 'Connected') },
      'primary-storage': { kind: 'output', text: hosts('Connected') },
      'backup-storage': { kind: 'output', text: hosts('Connected') },
      'test-vm': { kind: 'output', text: '{ "inventories": [ { "state": "Running" } ] }\n' },
      'acc-console': { kind: 'photo', attachment },
      'acc-signoff': { kind: 'signature', attachment },
    };
    for (const id of deriveRun(T, run).plan) {
      run = startStep(run, id, who, now(), { confirmIrreversible: true });
      run = attachEvidence(run, id, evidence[id]!, who, now());
      run = completeStep(run, id, who, now());
    }
    run = completeRun(run, who, now());
    const record = implementationRecordFrom({
      run,
      template: T,
      documentNumber: 'FB-IMP-20261221-0001',
      issuedAt: now(),
      customer: { name: '客户' },
      site: { name: '机房', timeZone: 'Asia/Shanghai' },
      engineers: [{ name: '王磊' }],
      customerRepresentatives: [{ name: '李建国' }],
    });
    expect(record.procedure.outcome).toBe('succeeded');
    expect(record.steps.filter((s) => s.status === 'done')).toHaveLength(14);
    expect(validateImplementationRecordSnapshot(copy(record))).toMatchObject({ ok: true });
  });
});
