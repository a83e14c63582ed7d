/**
 * Planning document (规划文档): planning snapshot + language → pdfmake document definition. Pure.
 * Cover, document control, topology summary, machines, IP plan per network, NIC/bond plan, VIPs,
 * cluster network and OS, dependencies and requirements, the validation result (with accepted
 * warnings and their reasons), signatures.
 */
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { Lang } from '../../../domain/localized';
import { DEFAULT_LANG, pick } from '../../../domain/localized';
import { dependencyKindLabel } from '../../../domain/planning/dependency-kinds';
import { primaryAddress } from '../../../domain/planning/installer-config';
import { contains, formatCidr, parseCidr, parseIp } from '../../../domain/planning/ip';
import { PLAN_RULE_IDS } from '../../../domain/planning/validate-plan';
import { formatInstant } from '../../format';
import {
  baseDefinitionFields,
  cell,
  COLOURS,
  documentInfo,
  grid,
  headed,
  isDraftSnapshot,
  keyValueTable,
  numbered,
  pageFrame,
  personLine,
  qrBlock,
  signatureBlocks,
} from '../../pdf-common';
import { reportMessages } from '../../report-messages';
import { planningMessages } from './messages';
import type { PlanningSnapshot } from './snapshot';

export function buildPlanningDocument(
  snapshot: PlanningSnapshot,
  lang: Lang = DEFAULT_LANG,
): TDocumentDefinitions {
  const m = reportMessages(lang);
  const pm = planningMessages(lang);
  const plan = snapshot.plan;
  const tz = snapshot.site.timeZone;
  const profileName = pm.profiles[plan.profile] ?? plan.profile;
  const errors = snapshot.findings.filter((f) => f.severity === 'error').length;
  const warnings = snapshot.findings.filter((f) => f.severity === 'warning').length;
  const result =
    errors > 0
      ? pm.invalid(errors, warnings)
      : warnings > 0
        ? pm.validWithWarnings(warnings)
        : pm.validClean;
  const resultColour = errors > 0 ? COLOURS.fail : warnings > 0 ? COLOURS.warning : COLOURS.pass;
  const roleName = (r: string) => pm.roleNames[r] ?? r;

  const cover: Content[] = [
    { text: pm.title, style: 'coverTitle', margin: [0, 70, 0, 6] },
    {
      text: pm.subtitle(plan.product, plan.version, profileName),
      style: 'coverSubtitle',
      margin: [0, 0, 0, 50],
    },
    { text: snapshot.customer.name, style: 'coverCustomer' },
    { text: snapshot.site.name, fontSize: 13, margin: [0, 4, 0, 36] },
    keyValueTable(
      [
        [m.documentNumber, snapshot.documentNumber],
        [m.revision, String(snapshot.revision)],
        [pm.environment, snapshot.environment || '—'],
        [pm.productVersion, `${plan.product} ${plan.version}`],
        [pm.profile, profileName],
        [pm.validationResult, { text: result, style: 'cell', bold: true, color: resultColour }],
        [m.engineers, snapshot.engineers.map(personLine).join('\n')],
        [m.issuedAt, formatInstant(snapshot.issuedAt, tz)],
      ],
      120,
    ),
    {
      columns: [
        { text: '', width: '*' },
        {
          ...(qrBlock(
            snapshot.documentNumber,
            snapshot.revision,
            m,
            92,
            isDraftSnapshot(snapshot),
          ) as object),
          width: 150,
        } as Content,
      ],
      margin: [0, 40, 0, 0],
    },
  ];

  let n = 1;
  const control: Content[] = [
    { text: m.documentControl, style: 'h1', pageBreak: 'before' },
    keyValueTable([
      [m.documentNumber, snapshot.documentNumber],
      [m.revision, String(snapshot.revision)],
      [m.customer, snapshot.customer.name],
      [
        m.site,
        snapshot.site.address
          ? `${snapshot.site.name}（${snapshot.site.address}）`
          : snapshot.site.name,
      ],
      [m.engineers, snapshot.engineers.map(personLine).join('\n')],
      [
        m.customerRepresentatives,
        snapshot.customerRepresentatives.map(personLine).join('\n') || '—',
      ],
      [m.issuedAt, formatInstant(snapshot.issuedAt, tz)],
    ]),
  ];

  // Topology: how many machines per role.
  const roleCount = new Map<string, number>();
  for (const machine of plan.machines)
    for (const r of machine.roles) roleCount.set(r, (roleCount.get(r) ?? 0) + 1);
  const roleSummary = [...roleCount.entries()]
    .map(([r, c]) => `${roleName(r)} × ${c}`)
    .join(lang === 'zh' ? '，' : ', ');
  const topology: Content[] = [
    { text: numbered(n++, pm.topology), style: 'h1' },
    keyValueTable([
      [pm.productVersion, `${plan.product} ${plan.version} · ${profileName}`],
      [pm.machines, String(plan.machines.length)],
      [pm.roleCounts, roleSummary || '—'],
      [pm.network, plan.networks.map((x) => `${x.name} ${x.cidr}`).join('\n') || '—'],
      [
        pm.vips,
        plan.vips.map((v) => `${pm.vipRoles[v.role] ?? v.role} ${v.address}`).join('\n') || '—',
      ],
      [pm.podCidr, plan.podCidr],
      [pm.serviceCidr, plan.serviceCidr],
    ]),
  ];

  // One line per disk: mount point (none for an unpartitioned data disk), size, type.
  const diskOf = (system: boolean, disks: { mount?: string; sizeGiB: number; type?: string }[]) =>
    disks
      .filter((d) => (d.mount === '/') === system)
      .map((d) =>
        [system ? '' : (d.mount ?? ''), String(d.sizeGiB), d.type ?? ''].filter(Boolean).join(' '),
      )
      .join('\n') || '—';
  const machines: Content[] = headed(
    { text: numbered(n++, pm.machines), style: 'h1' },
    grid(
      [64, 56, 34, 40, 38, 64, 58, '*'],
      [
        pm.hostname,
        pm.roles,
        pm.cpu,
        pm.memory,
        pm.systemDisk,
        pm.dataDisks,
        pm.primaryAddress,
        pm.os,
      ],
      plan.machines.map((mc) => [
        cell(mc.hostname, { bold: true }),
        cell(mc.roles.map(roleName).join('\n')),
        cell(mc.cpu),
        cell(mc.memoryGiB),
        cell(diskOf(true, mc.disks), { style: 'small' }),
        cell(diskOf(false, mc.disks), { style: 'small' }),
        cell(primaryAddress(plan, mc) ?? '—'),
        cell(
          [mc.os?.release ?? plan.os?.release, mc.os?.kernel ?? plan.os?.kernel]
            .filter(Boolean)
            .join('\n') || '—',
          { style: 'small' },
        ),
      ]),
    ),
    plan.machines.length,
  );

  // IP plan: per network, every address in it (hosts and VIPs) in address order.
  const ipPlan: Content[] = [];
  const ipHeading: Content = { text: numbered(n++, pm.ipPlan), style: 'h1' };
  if (plan.networks.length === 0) ipPlan.push(ipHeading, { text: pm.none, style: 'body' });
  for (const [index, net] of plan.networks.entries()) {
    const cidr = parseCidr(net.cidr);
    const used: { value: bigint; address: string; by: string }[] = [];
    for (const mc of plan.machines) {
      for (const nic of mc.nics) {
        if (nic.network === net.name && nic.address) {
          used.push({
            value: parseIp(nic.address)?.value ?? 0n,
            address: nic.address,
            by: `${mc.hostname} · ${nic.name}`,
          });
        }
      }
    }
    for (const v of plan.vips) {
      const a = parseIp(v.address);
      if (a && cidr && contains(cidr, a)) {
        used.push({
          value: a.value,
          address: v.address,
          by: `VIP · ${pm.vipRoles[v.role] ?? v.role}`,
        });
      }
    }
    if (net.gateway)
      used.push({ value: parseIp(net.gateway)?.value ?? 0n, address: net.gateway, by: pm.gateway });
    used.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    ipPlan.push(
      ...headed(
        {
          stack: [
            // The section heading stays with its first network, never alone at a page's foot.
            ...(index === 0 ? [ipHeading] : []),
            { text: `${pm.network} ${net.name}`, style: 'h2' },
            {
              text: `${pm.cidr} ${cidr ? formatCidr(cidr) : net.cidr} · ${pm.gateway} ${net.gateway ?? pm.noGateway} · ${pm.vlan} ${net.vlan ?? '—'} · ${pm.mtu} ${net.mtu ?? '—'}`,
              style: 'small',
              margin: [0, 0, 0, 4],
            },
          ],
        },
        grid(
          [110, '*'],
          [pm.address, pm.usedBy],
          used.map((u) => [cell(u.address), cell(u.by)]),
        ),
        used.length,
      ),
    );
  }

  const nicRows: TableCell[][] = plan.machines.flatMap((mc) =>
    mc.nics.map((nic) => [
      cell(mc.hostname),
      cell(nic.name, { bold: nic.bond !== undefined }),
      cell(nic.network ?? '—'),
      cell(nic.address ?? '—'),
      cell(nic.mtu ?? '—'),
      cell(nic.bond ? `${nic.bond.mode}\n${nic.bond.members.join(', ')}` : '—'),
    ]),
  );
  const nics = headed(
    { text: numbered(n++, pm.nicPlan), style: 'h1' },
    grid(
      [80, 50, 60, 80, 34, '*'],
      [pm.hostname, pm.nic, pm.network, pm.address, pm.mtu, pm.bond],
      nicRows,
    ),
    nicRows.length,
  );

  const vips = headed(
    { text: numbered(n++, pm.vips), style: 'h1' },
    plan.vips.length === 0
      ? { text: pm.none, style: 'body' }
      : grid(
          ['*', 110, 50],
          [pm.vipRole, pm.address, pm.shared],
          plan.vips.map((v) => [
            cell(pm.vipRoles[v.role] ?? v.role),
            cell(v.address),
            cell(v.shared ? pm.yes : '—'),
          ]),
        ),
    plan.vips.length,
  );

  const clusterNet: Content[] = [
    { text: numbered(n++, pm.clusterNetwork), style: 'h1' },
    keyValueTable([
      [pm.podCidr, plan.podCidr],
      [pm.serviceCidr, plan.serviceCidr],
      [pm.nodePrefix, `/${plan.nodeCidrPrefix ?? 24}`],
      [pm.ntp, plan.ntpServers.join('\n') || pm.none],
      [pm.dns, plan.dnsServers.join('\n') || pm.none],
      [pm.os, [plan.os?.release, plan.os?.kernel].filter(Boolean).join(' · ') || '—'],
    ]),
  ];

  const deps = plan.dependencies ?? [];
  const dependencies: Content[] = [
    ...headed(
      { text: numbered(n++, pm.dependencies), style: 'h1' },
      deps.length === 0
        ? { text: pm.none, style: 'body' }
        : grid(
            [70, '*', 100, '*'],
            [pm.kind, pm.name, pm.address, pm.notes],
            deps.map((d) => [
              cell(dependencyKindLabel(d.kind, lang)),
              cell(d.name),
              cell(d.address ?? '—'),
              cell(d.notes ?? '—'),
            ]),
          ),
      deps.length,
    ),
    { text: pm.requirements, style: 'h2' },
    (plan.requirements ?? []).length === 0
      ? { text: pm.none, style: 'body' }
      : { ul: (plan.requirements ?? []).map((r) => ({ text: r, style: 'body' })) },
  ];

  const severityColour = (s: string) =>
    s === 'error' ? COLOURS.fail : s === 'warning' ? COLOURS.warning : COLOURS.muted;
  const validation: Content[] = [
    { text: numbered(n, pm.validation), style: 'h1' },
    { text: pm.validationIntro(PLAN_RULE_IDS.length), style: 'body' },
    { text: result, style: 'body', bold: true, color: resultColour, margin: [0, 4, 0, 4] },
    ...(snapshot.sizingSource
      ? [
          {
            text: pm.sizingSource(pick(snapshot.sizingSource, lang)),
            style: 'small',
            margin: [0, 0, 0, 6],
          } as Content,
        ]
      : []),
    snapshot.findings.length === 0
      ? { text: pm.noFindings, style: 'body' }
      : grid(
          [40, 92, 88, '*'],
          [pm.severity, pm.rule, pm.field, pm.message],
          snapshot.findings.map((f) => [
            cell(pm.severities[f.severity] ?? f.severity, {
              bold: true,
              color: severityColour(f.severity),
            }),
            cell(f.rule, { style: 'small' }),
            cell(f.path, { style: 'small' }),
            {
              stack: [
                { text: pick(f.message, lang), style: 'cell' },
                ...(f.accepted
                  ? [
                      {
                        text: pm.accepted(f.accepted, f.acceptedBy ?? ''),
                        style: 'small',
                        color: COLOURS.pass,
                      },
                    ]
                  : []),
              ],
            },
          ]),
        ),
  ];

  const signaturePage: Content[] = [
    { text: m.signatures, style: 'h1', pageBreak: 'before' },
    signatureBlocks(snapshot.signatures, tz, { ...m, signatureStatement: pm.signatureStatement }),
  ];

  return {
    ...baseDefinitionFields(lang),
    info: documentInfo({
      title: pm.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      engineers: snapshot.engineers,
      issuedAt: snapshot.issuedAt,
      subject: `${snapshot.customer.name} · ${plan.product} ${plan.version}`,
    }),
    ...pageFrame({
      title: pm.title,
      documentNumber: snapshot.documentNumber,
      revision: snapshot.revision,
      customerName: snapshot.customer.name,
      m,
      draft: isDraftSnapshot(snapshot),
    }),
    content: [
      ...cover,
      ...control,
      ...topology,
      ...machines,
      ...ipPlan,
      ...nics,
      ...vips,
      ...clusterNet,
      ...dependencies,
      ...validation,
      ...signaturePage,
    ],
  };
}
