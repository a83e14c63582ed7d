import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROCEDURE_TEMPLATES,
  DCE5_MINOR_UPGRADE_V1,
  K8S_CONTAINER_RESTARTING_V1,
  getProcedureTemplate,
  latestProcedureTemplates,
  procedureTemplateProblems,
  templateSteps,
} from './index';
import { validateProcedureTemplate } from './validate';

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('procedure templates', () => {
  it.each(BUILTIN_PROCEDURE_TEMPLATES.map((t) => [`${t.id}@${t.version}`, t] as const))(
    '%s passes the JSON Schema and the reference checks',
    (_, t) => {
      expect(validateProcedureTemplate(copy(t))).toEqual({ ok: true, template: copy(t) });
    },
  );

  it('ship one upgrade runbook, one deployment checklist and the seven troubleshooting guides', () => {
    const kinds = latestProcedureTemplates('dce-support').map((t) => t.kind);
    expect([...new Set(kinds)]).toEqual(['deployment', 'troubleshooting', 'upgrade']);
    expect(kinds.filter((k) => k === 'troubleshooting')).toHaveLength(7);
    expect(getProcedureTemplate('dce5-minor-upgrade', 1)).toBe(DCE5_MINOR_UPGRADE_V1);
    expect(() => getProcedureTemplate('dce5-minor-upgrade', 7)).toThrow(/versions: 1/);
  });

  it('the upgrade runbook backs up before it changes anything and names real rollbacks', () => {
    const steps = templateSteps(DCE5_MINOR_UPGRADE_V1)
      .filter(({ section }) => section.kind === 'main')
      .map(({ step }) => step);
    const firstChange = steps.findIndex((s) => s.checkpoint !== undefined);
    const ids = steps.map((s) => s.id);
    expect(ids.indexOf('etcd-snapshot')).toBeLessThan(firstChange);
    expect(ids.indexOf('backup-configs')).toBeLessThan(firstChange);
    expect(ids.indexOf('cp-first')).toBeLessThan(ids.indexOf('workers-canary'));
    const cp = steps.find((s) => s.id === 'cp-first')!.checkpoint;
    expect(cp).toEqual({
      class: 'reversible',
      rollback: ['rb-cp-restore', 'rb-etcd-restore', 'rb-verify'],
    });
    expect(steps.find((s) => s.id === 'storage-migration')!.checkpoint?.class).toBe('irreversible');
    // Every step speaks both languages.
    for (const { step } of templateSteps(DCE5_MINOR_UPGRADE_V1)) {
      expect(step.title.zh && step.title.en && step.expected.text.zh).toBeTruthy();
    }
  });

  it('the schema refuses an unknown evidence kind and a missing expected text', () => {
    const bad = copy(DCE5_MINOR_UPGRADE_V1) as unknown as {
      sections: { steps: Record<string, unknown>[] }[];
    };
    bad.sections[0]!.steps[0]!.evidence = ['telepathy'];
    delete bad.sections[0]!.steps[1]!.expected;
    const r = validateProcedureTemplate(bad);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => e.startsWith('/sections/0/steps/0/evidence/0'))).toBe(true);
    expect(errors).toContain('/sections/0/steps/1: missing property "expected"');
  });

  it('reference checks catch dangling rollbacks, bad regexes, backward branches, deep trees', () => {
    const t = copy(DCE5_MINOR_UPGRADE_V1);
    const cpFirst = t.sections[2]!.steps.find((s) => s.id === 'cp-first')!;
    cpFirst.checkpoint = { class: 'reversible', rollback: ['rb-nowhere', 'nodes-ready'] };
    t.sections[0]!.steps[0]!.expected.pattern = '([unclosed';
    const p = procedureTemplateProblems(t);
    expect(p).toContain('upgrade/cp-first: rollback step rb-nowhere is not in a rollback section');
    expect(p).toContain('upgrade/cp-first: rollback step nodes-ready is not in a rollback section');
    expect(
      p.some((x) => x.startsWith('pre-checks/nodes-ready pattern: invalid regular expression')),
    ).toBe(true);

    const g = copy(K8S_CONTAINER_RESTARTING_V1);
    g.sections[0]!.steps[1]!.branches = [
      { pattern: 'x', goTo: 'describe-pod', label: { zh: '回', en: 'back' } },
    ];
    expect(procedureTemplateProblems(g)).toContain(
      'diagnose/previous-logs: branch to describe-pod goes backwards',
    );
    const deep = copy(K8S_CONTAINER_RESTARTING_V1);
    const filler = deep.sections[0]!.steps[1]!;
    deep.sections[0]!.steps.splice(
      2,
      0,
      ...[1, 2, 3, 4, 5].map((i) => ({ ...copy(filler), id: `filler-${i}` })),
    );
    expect(procedureTemplateProblems(deep)).toContain('a leaf is 8 steps deep (at most 7)');
  });
});
