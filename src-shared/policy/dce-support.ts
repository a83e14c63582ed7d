import type { Localized, PolicyPack, ResponseTarget } from './types';

/*
 * Pack `dce-support`: the DaoCloud Enterprise (DCE) product support policy (seed 000).
 * Chinese text quotes the seed; English translates it. Interpretations are listed in
 * INTERPRETATIONS.md beside this file.
 */

const REMOTE: Localized = { zh: '客服/电话/远程支持', en: 'Service desk / phone / remote support' };
const REMOTE_ON_SITE: Localized = {
  zh: '客服/电话/远程支持/现场支持',
  en: 'Service desk / phone / remote support / on-site support',
};

function hours(n: number, coverage: '7x24' | '5x8', onSite: boolean): ResponseTarget {
  return { kind: 'hours', hours: n, coverage, onSite, channels: onSite ? REMOTE_ON_SITE : REMOTE };
}

function businessDays(n: number, onSite: boolean): ResponseTarget {
  return {
    kind: 'business-days',
    days: n,
    coverage: '5x8',
    onSite,
    channels: onSite ? REMOTE_ON_SITE : REMOTE,
  };
}

function none(note: Localized, onSite: boolean): ResponseTarget {
  return { kind: 'none', note, onSite, channels: onSite ? REMOTE_ON_SITE : REMOTE };
}

export const DCE_SUPPORT_PACK: PolicyPack = {
  id: 'dce-support',
  version: '1.0.0',
  name: { zh: 'DCE 产品支持政策', en: 'DCE product support policy' },
  products: ['DCE'],
  tiers: [
    {
      id: 'standard',
      name: { zh: '标准服务', en: 'Standard service' },
      description: {
        zh: '标准服务：SNS 产品支持和订阅、PDS 产品实施服务。',
        en: 'Standard service: SNS support and subscription, PDS product deployment service.',
      },
    },
    {
      id: 'advanced',
      name: { zh: '高级服务', en: 'Advanced service' },
      description: {
        zh: '高级服务：S360（Success360 关键业务成功）。',
        en: 'Advanced service: S360 (Success360, business-critical success).',
      },
    },
    {
      id: 'professional',
      name: { zh: '专业服务', en: 'Professional service' },
      description: {
        zh: '专业服务：政策仅在“请求服务”响应时间表中列出其响应时间和服务渠道。',
        en: 'Professional service: the policy lists only its response times and channels, in the response-time table of “requesting service”.',
      },
    },
  ],
  levels: [
    {
      id: '1',
      name: { zh: '生产灾害性事故', en: 'Production disaster' },
      definition: {
        zh: '严重影响客户生产，使客户系统失效或难以正常开展工作，导致数据丢失等严重问题，且无程序上的避开或备用方法',
        en: "Severely affects the customer's production: the customer's system fails or work can hardly go on, causing serious problems such as data loss, and there is no procedural workaround or fallback",
      },
      hourlyUpdates: true,
      kind: 'fault',
    },
    {
      id: '2',
      name: { zh: '影响严重性事故', en: 'Severe impact' },
      definition: {
        zh: '客户系统受到较大干扰，导致效率下降，但是系统仍能勉强工作并保持业务运行，且存在相应的避开或备用方法',
        en: "The customer's system is significantly disrupted and efficiency drops, but the system still barely works and keeps the business running, and a workaround or fallback exists",
      },
      hourlyUpdates: false,
      kind: 'fault',
    },
    {
      id: '3',
      name: { zh: '影响一般性事故', en: 'General impact' },
      definition: {
        zh: '系统能够正常工作，只是涉及某些非关键性功能模块的运行或稳定性，系统能够自动调节或仅需进行简单处理',
        en: 'The system works normally; only the operation or stability of some non-critical modules is affected, and the system adjusts itself or needs only simple handling',
      },
      hourlyUpdates: false,
      kind: 'fault',
    },
    {
      id: '4',
      name: { zh: '操作使用配置问题', en: 'Usage or configuration question' },
      definition: {
        zh: '系统不受影响也无需进行特别处理，主要体现在指导客户使用系统或根据相关流程进行对应配置',
        en: 'The system is not affected and needs no special handling; mainly guiding the customer in using the system or configuring it according to the relevant procedures',
      },
      hourlyUpdates: false,
      kind: 'request',
    },
    {
      id: '5',
      name: { zh: '优化和改进建议', en: 'Improvement suggestion' },
      definition: {
        zh: '客户对产品扩充或日后的修改建议，对软件或系统的质量、功能或性能均不构成影响',
        en: "The customer's suggestions for extending or later changing the product; no effect on the quality, function or performance of the software or system",
      },
      hourlyUpdates: false,
      kind: 'request',
    },
  ],
  responseMatrix: {
    standard: {
      '1': hours(4, '7x24', false),
      '2': hours(8, '5x8', false),
      '3': businessDays(2, false),
      '4': businessDays(4, false),
      '5': none({ zh: '无', en: 'None' }, false),
    },
    advanced: {
      '1': hours(2, '7x24', true),
      '2': hours(4, '7x24', true),
      '3': businessDays(1, false),
      '4': businessDays(2, false),
      '5': none({ zh: '定期探讨', en: 'Periodic discussion' }, false),
    },
    professional: {
      '1': hours(1, '7x24', true),
      '2': hours(2, '7x24', true),
      '3': hours(4, '5x8', true),
      '4': businessDays(1, true),
      '5': none({ zh: '每月探讨', en: 'Monthly discussion' }, true),
    },
  },
  coverageWindows: {
    '7x24': {
      name: { zh: '7*24', en: '7×24 (every day, all day)' },
      workingDaysOnly: false,
      start: '00:00',
      end: '24:00',
    },
    '5x8': {
      name: { zh: '5*8 (9:00 - 18:00)', en: '5×8 (09:00–18:00 on working days)' },
      workingDaysOnly: true,
      start: '09:00',
      end: '18:00',
    },
  },
  pauseReasons: [
    {
      id: 'waiting-for-customer-information',
      name: {
        zh: '等待客户提供正确诊断和解决问题所必需的信息',
        en: 'Waiting for the customer to supply the information needed to diagnose and resolve the problem',
      },
    },
  ],
  closureStates: [
    {
      id: 'resolved',
      name: { zh: '已解决', en: 'Resolved' },
      description: {
        zh: '在提供解决方案时客户积极与 DaoCloud 接洽，并且客户认可解决方案已解决和/或解答了问题，在这种情况下，DaoCloud 将关闭事件。',
        en: 'The customer actively worked with DaoCloud when the solution was provided and agrees that it resolved and/or answered the problem; DaoCloud then closes the incident.',
      },
    },
    {
      id: 'transferred-to-customer',
      name: { zh: '已转移给客户', en: 'Transferred to customer' },
      description: {
        zh: '如果在提供解决方案时客户并未直接参与（例如，客户只是通过 DaoCloud 产品支持或电子邮件获知了解决方案），DaoCloud 将为客户提供同意关闭事件的机会。并且客户未通知 DaoCloud 此类事件未修复，DaoCloud 将把事件标记为“已转移给客户”并关闭。这些事件将于两年内在 DaoCloud 产品支持中显示为“已转移给客户”。',
        en: 'If the customer was not directly involved when the solution was provided (for example, only learned of it through DaoCloud product support or e-mail), DaoCloud gives the customer the chance to agree to closing the incident; if the customer does not report it unfixed, DaoCloud marks it “transferred to customer” and closes it. Such incidents are shown as “transferred to customer” in DaoCloud product support for two years.',
      },
      visibleYears: 2,
    },
    {
      id: 'cancelled-by-customer',
      name: { zh: '已由客户取消', en: 'Cancelled by customer' },
      description: {
        zh: '如果 DaoCloud 未在合理的时间段（由事件等级确定）内收到所请求的信息，DaoCloud 将关闭事件并标记为“已由客户取消”。对于 3 级事件，客户应在 7 天内响应请求；对于 4 级事件，客户应在 14 天内响应请求。',
        en: 'If DaoCloud does not receive the requested information within a reasonable period (set by the incident level), DaoCloud closes the incident and marks it “cancelled by customer”. For a level 3 incident the customer must answer the request within 7 days; for a level 4 incident within 14 days.',
      },
      deadlineDaysByLevel: { '3': 7, '4': 14 },
    },
  ],
  resolutionTypes: [
    {
      id: 'advice',
      name: {
        zh: '提供了咨询，并且解决和/或解答了该问题',
        en: 'Advice was given and resolved and/or answered the problem',
      },
    },
    {
      id: 'permanent-workaround',
      name: {
        zh: '提供了应对措施，并且应对措施被认为是永久性解决办法',
        en: 'A workaround was provided and is accepted as a permanent solution',
      },
    },
    {
      id: 'change-request',
      name: { zh: '需要变更请求', en: 'A change request is needed' },
    },
  ],
  services: [
    {
      code: 'SNS',
      name: { zh: '产品支持和订阅', en: 'Support and Subscription' },
      description: {
        zh: 'SNS（Support and Subscription，产品支持和订阅服务）由 DaoCloud 专业的云原生实施团队为客户提供产品支持和订阅服务， 该服务涵盖产品订阅生命全周期：产品上线支持、运维支持、监控和告警支持，以及产品升级支持。服务内容：产品售后服务；升级版本获取。',
        en: "SNS (Support and Subscription) is provided by DaoCloud's cloud-native delivery team and covers the whole subscription lifecycle: go-live support, operations support, monitoring and alerting support, and upgrade support. Contents: after-sales product service; access to upgrade versions.",
      },
    },
    {
      code: 'PDS',
      name: { zh: '产品实施服务', en: 'Product Deployment Service' },
      description: {
        zh: '现场或远程产品实施专业服务：产品交付规划、部署实施；产品培训服务；产品维护与升级服务。该服务涵盖产品实施生命全周期，即交付规划、实施部署、日常运维和产品升级等环节。',
        en: 'On-site or remote professional deployment service: delivery planning and deployment; product training; product maintenance and upgrade. It covers the whole deployment lifecycle: delivery planning, deployment, day-to-day operations and upgrades.',
      },
      deliverable: {
        zh: '规划阶段：部署架构图、部署整体环境要求及具体资源规划方案（IP 规划、操作系统配置、外部依赖梳理、机器资源规划、网卡规划）；实施阶段：对应的账号密码信息、产品使用手册和授权规划操作手册；产品培训服务：技术专家答疑、培训 PPT 和培训视频；产品运维：产品排障手册和故障应急处理手册；产品升级：升级方案制定、升级前检查、升级实施操作、升级后验证及回退方案。',
        en: 'Planning: deployment architecture diagram, overall environment requirements and the detailed resource plan (IP plan, OS configuration, external dependencies, machine resources, NIC plan); implementation: the account and password information, product user manual and authorisation-planning manual; training: expert Q&A, training slides and training videos; operations: troubleshooting handbook and fault-emergency handbook; upgrade: upgrade plan, pre-upgrade checks, upgrade execution, post-upgrade verification and rollback plan.',
      },
    },
    {
      code: 'S360',
      name: { zh: 'Success360 关键业务成功', en: 'Success360 business-critical success' },
      description: {
        zh: '以产品为基础，为企业提供更加主动的、体系化专业服务支撑，并提供有针对性的个性化专业指导：专属客户服务团队；高级产品方案设计；主动巡检服务；产品升级提醒服务；关键事件的运维保障。',
        en: 'Built on the product, more proactive and systematic professional services with targeted, personalised guidance: a dedicated customer service team; advanced solution design; proactive inspection; upgrade reminders; operations assurance for key events.',
      },
      deliverable: {
        zh: '主动巡检服务：产品巡检报告（整体信息、管理节点、计算节点、应用状态、功能需求及问题处理、总体评价）；产品升级提醒服务：产品更新报告和社区软件漏洞报告；关键事件运维保障：服务计划及人员配置名单、服务过程记录和服务报告。',
        en: 'Proactive inspection: product inspection report (overall information, management nodes, compute nodes, application status, functional requirements and problem handling, overall evaluation); upgrade reminders: product update report and community vulnerability report; key-event assurance: service plan and staffing list, service record and service report.',
      },
    },
    {
      code: 'EAM',
      name: { zh: '延长软件维护', en: 'Extended software maintenance' },
      description: {
        zh: '某些软件产品的支持到期后，DaoCloud 最多还可提供 2 年延长软件维护服务。延长软件维护服务按 1 年增量提供。包括：每周 7 天、每天 24 小时事件呼叫受理；面向 1 级和 2 级事件的代码级维护，对新问题和现有问题提供应急修复；仅提供远程服务支持方法，不提供现场支持；延续当前级别的覆盖时间。',
        en: 'After support for some software products ends, DaoCloud can provide up to 2 years of extended software maintenance, in 1-year increments. It includes: incident call intake 24 hours a day, 7 days a week; code-level maintenance for level 1 and level 2 incidents, with emergency fixes for new and existing problems; remote support only, no on-site support; the current level of coverage time continues.',
      },
    },
  ],
  planning: [
    {
      // DCE 5.0 商业版《部署要求》(install/commercial/deploy-requirements) and 《部署架构》:
      // production = the 7-node mode (1 bootstrap + 3 masters + 3 workers for Elasticsearch),
      // PoC = the 4-node mode (1 bootstrap + 3 masters). Pod/Service ranges: the documented
      // defaults. NTP 1–4 and DNS 1–2 servers: the network requirements table.
      product: 'DCE',
      majors: [5],
      source: {
        zh: 'DCE 5.0 商业版《部署要求》：7 节点模式（生产环境推荐）与 4 节点模式的 CPU、内存、硬盘要求及网络要求',
        en: 'DCE 5.0 Commercial "Deployment requirements": CPU, memory and disk requirements of the 7-node mode (recommended for production) and the 4-node mode, and the network requirements',
      },
      profiles: {
        production: {
          minControlPlane: 3,
          roles: {
            bootstrap: { cpu: 2, memoryGiB: 4, systemDiskGiB: 200 },
            'control-plane': { cpu: 8, memoryGiB: 16, systemDiskGiB: 100, dataDiskGiB: 200 },
            worker: { cpu: 8, memoryGiB: 16, systemDiskGiB: 100, dataDiskGiB: 200 },
          },
          requiredVipRoles: ['api', 'ingress'],
        },
        poc: {
          minControlPlane: 1,
          roles: {
            bootstrap: { cpu: 2, memoryGiB: 4, systemDiskGiB: 200 },
            'control-plane': { cpu: 8, memoryGiB: 16, systemDiskGiB: 100, dataDiskGiB: 200 },
            worker: { cpu: 8, memoryGiB: 16, systemDiskGiB: 100, dataDiskGiB: 200 },
          },
          requiredVipRoles: [],
        },
      },
      defaultPodCidr: '10.233.64.0/18',
      defaultServiceCidr: '10.233.0.0/18',
      defaultNodeCidrPrefix: 24,
      ntpServers: { min: 1, max: 4 },
      dnsServers: { min: 1, max: 3 },
    },
  ],
  lifecycle: [
    {
      product: 'DCE',
      major: 5,
      series: 'DCE 5',
      ga: '2023-06-01',
      eoss: '2026-06-01',
      eosl: '2028-10-30',
    },
    {
      product: 'DCE',
      major: 4,
      series: 'DCE 4',
      ga: '2020-03-31',
      eoss: '2023-03-31',
      eosl: '2025-03-31',
    },
    {
      product: 'DCE',
      major: 3,
      series: 'DCE 3',
      ga: '2018-07-15',
      eoss: '2021-07-30',
      eosl: '2023-07-30',
    },
  ],
  rules: [
    {
      id: 'report-any-time',
      text: {
        zh: '客户可以在每周 7 天、每天 24 小时任意时间报告问题，DaoCloud 将在订单指定的覆盖时间内提供支持。',
        en: 'The customer can report a problem at any time, 24 hours a day, 7 days a week; DaoCloud provides support within the coverage time stated in the order.',
      },
    },
    {
      id: 'coverage-local-time',
      text: {
        zh: '覆盖时间是指以客户系统所在的当地时间计算的时间。如果服务无法在请求服务当天的覆盖时间内完成，服务将在覆盖期限的下一个发生时间继续进行。',
        en: "Coverage time is counted in the local time of the place where the customer's system is. If the service cannot be finished within the coverage time of the day it was requested, it continues at the next occurrence of the coverage period.",
      },
    },
    {
      id: 'remote-response-measurement',
      text: {
        zh: '远程响应时间按照在客户约定的远程覆盖时间内从客户初次联系（通过电子方式收到事件或接通电话） DaoCloud 到首次联系（通过电子方式收到事件或接通电话）DaoCloud 代表之间的时间间隔度量。',
        en: "Remote response time is measured, within the customer's agreed remote coverage time, from the customer's first contact with DaoCloud (incident received electronically or call connected) to the first contact by a DaoCloud representative.",
      },
    },
    {
      id: 'on-site-response-measurement',
      text: {
        zh: '现场响应时间按照在客户约定的现场覆盖时间内从 DaoCloud 服务中心派遣服务代表到他/她到达客户现场之间的时间间隔度量。服务代表派遣由 DaoCloud 自行决定。',
        en: "On-site response time is measured, within the customer's agreed on-site coverage time, from the DaoCloud service centre dispatching a representative to his or her arrival at the customer site. Dispatch is at DaoCloud's discretion.",
      },
    },
    {
      id: 'access-levels-1-2',
      text: {
        zh: '当事件被指定为 1 级和 2 级时，客户需要让 DaoCloud 对受影响产品进行立即、安全的远程访问，也可选择与 DaoCloud 服务中心预约派遣服务代表到达客户现场。',
        en: 'When an incident is classified level 1 or level 2, the customer must give DaoCloud immediate, secure remote access to the affected product, or may book a representative to come on site through the DaoCloud service centre.',
      },
    },
    {
      id: 'hourly-updates-level-1',
      text: {
        zh: '所有 1 级事件应立即上报至当班主管和指定的 DaoCloud 客户服务代表，这些问题的状态将于每小时通过电话会议等途径提供给客户。',
        en: 'Every level 1 incident is escalated at once to the duty supervisor and the designated DaoCloud customer service representative; its status is given to the customer every hour, by conference call or other means.',
      },
    },
    {
      id: 'reclassify-1-to-2-without-access',
      text: {
        zh: '为了有效解决 1 级事件，DaoCloud 要求客户立即授予对系统的无限制访问权限，并确保有适当的客户工作人员协助解决问题。否则，DaoCloud 会将事件重新分类为 2 级事件。',
        en: 'To resolve a level 1 incident effectively, DaoCloud requires the customer to grant unrestricted access to the system at once and to provide suitable staff to help; otherwise DaoCloud reclassifies the incident as level 2.',
      },
    },
    {
      id: 'outage-beyond-change-control',
      text: {
        zh: '对于生产系统上超出计划停机的变更控制，DaoCloud 将立即声明出现 1 级事件并全力处理，直到系统运行完全恢复。',
        en: 'When a change on a production system causes downtime beyond the planned outage, DaoCloud at once declares a level 1 incident and works on it with full effort until the system is fully restored.',
      },
    },
    {
      id: 'closure-consent',
      text: {
        zh: '在提供事件解决方案后，DaoCloud 将请求客户同意以关闭事件。',
        en: "After providing a solution, DaoCloud asks for the customer's consent to close the incident.",
      },
    },
    {
      id: 'change-control-notice-28-days',
      text: {
        zh: 'DaoCloud 要求客户在实施变更之前至少提前 28 天发出通知，以便于开发变更控制计划。',
        en: 'DaoCloud requires the customer to give at least 28 days’ notice before making a change, so that a change-control plan can be developed.',
      },
    },
    {
      id: 'product-move-notice-30-days',
      text: {
        zh: '如果客户需要对服务中的产品进行移动、添加或删除，或者希望变合同更服务时间，那么必须至少提前 30 天向 DaoCloud 发出书面通知。通知中必须提供变更的新机房和生效日期。',
        en: 'If the customer needs to move, add or remove products under service, or wants to change the contracted service time, it must give DaoCloud at least 30 days’ written notice stating the new data centre and the effective date.',
      },
    },
    {
      id: 'eam-limits',
      text: {
        zh: 'DaoCloud 最多还可提供 2 年延长软件维护服务，按 1 年增量提供；面向 1 级和 2 级事件的代码级维护；仅提供远程服务支持方法，不提供现场支持。',
        en: 'DaoCloud can provide at most 2 years of extended maintenance, in 1-year increments; code-level maintenance for level 1 and level 2 incidents only; remote support only, no on-site support.',
      },
    },
    {
      id: 'validity-start',
      text: {
        zh: '软件产品：自软件首次正式 License 激活完毕之日作为服务开始时间，根据购买的服务年限，向后顺延作为服务结束时间。一体机产品：自一体机送达之日作为服务开始时间，根据购买的服务年限，向后顺延作为服务结束时间。',
        en: 'Software: service starts on the day the first formal licence is activated and ends after the purchased number of years. Appliance: service starts on the day the appliance is delivered and ends after the purchased number of years.',
      },
    },
    {
      id: 'validity-expansion',
      text: {
        zh: '若产品扩容以新建集群的方式安装实施，则扩容产品的服务有效期也适合初次部署的定义。若产品在原有集群中扩容，则扩容产品的服务有效期与原集群服务有效期一致。',
        en: 'An expansion installed as a new cluster has its own service validity, dated like an initial deployment; an expansion inside an existing cluster shares the original cluster’s validity.',
      },
    },
    {
      id: 'remote-connection',
      text: {
        zh: '如果客户拒绝安装，或者在任何时候不允许 DaoCloud 通过专用网络连接来充分利用远程连接， 则与支持相关的 SLA 将无效。',
        en: 'If the customer refuses the installation, or at any time does not let DaoCloud make full use of the remote connection over the dedicated network, the support SLA is void.',
      },
    },
    {
      id: 'lifecycle-ends-after-date',
      text: {
        zh: '产品发布后将在 2026 年 6 月 1 日后停止补丁版本开发并停止全面文持。（各系列的 EOSS/EOSL 日期当天仍受支持，次日起停止。）',
        en: 'Patch development and full support stop after 1 June 2026 (DCE 5). Each series is still supported on its EOSS/EOSL date itself and no longer from the next day.',
      },
    },
    {
      id: 'version-numbering',
      text: {
        zh: '版本编号 x.y.z：编号 x 指的是主要软件版本，也是 DCE 的版本号；编号 y 指的是次要软件版本升级；编号 z 指的是维护版本更新。',
        en: 'Version numbers x.y.z: x is the major software version, which is also the DCE generation; y is a minor version upgrade; z is a maintenance update.',
      },
    },
    {
      id: 'retired-software',
      text: {
        zh: '软件代码修复维护在停用软件上不可用。',
        en: 'Code-fix maintenance is not available for retired software.',
      },
    },
    {
      id: 'out-of-scope',
      text: {
        zh: '不能正常享受产品支持服务的情况（超范围服务）：非法的和授权范围外的 DaoCloud 软件维护服务；对 DaoCloud 软件擅自更改后的部署；客户直接进行的重大变更；除特殊约定外的技术预览功能；由任何第三方软件引发的问题，或因为底层硬件本身引发的问题。',
        en: 'Out of scope: unlicensed or unauthorised DaoCloud software maintenance; deployments of DaoCloud software changed without permission; major changes made directly by the customer; technology-preview features unless specially agreed; problems caused by third-party software or by the underlying hardware.',
      },
    },
    {
      id: 'customer-obligations',
      text: {
        zh: '如果客户未能履行后面列出的义务，DaoCloud 可能会：就额外的、超出范围的或现场工作收取时间成本费和材料费；重新分类事件级别；不执行服务。',
        en: 'If the customer fails to meet its obligations, DaoCloud may charge time and materials for extra, out-of-scope or on-site work; reclassify the incident level; or not perform the service.',
      },
    },
  ],
};
