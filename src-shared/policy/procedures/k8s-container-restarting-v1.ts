import type { Localized } from '../types';
import type { ProcedureTemplate } from './types';

/*
 * Troubleshooting guide for seed 000's 产品排障手册 topic "容器不断重启": a decision tree whose
 * question step reads the pasted `kubectl describe pod` and picks the branch (exit code 137 →
 * OOMKilled, ImagePullBackOff, failing probes, application crash); every fix leaf ends the guide.
 */

const l = (zh: string, en: string): Localized => ({ zh, en });

export const K8S_CONTAINER_RESTARTING_V1: ProcedureTemplate = {
  id: 'k8s-container-restarting',
  version: 1,
  kind: 'troubleshooting',
  packId: 'dce-support',
  products: ['DCE'],
  name: l('排障：容器不断重启', 'Troubleshooting: container keeps restarting'),
  description: l(
    '粘贴 kubectl describe pod 输出，按退出原因进入对应分支。',
    'Paste kubectl describe pod; the exit reason picks the branch.',
  ),
  publishedAt: '2026-12-01',
  sections: [
    {
      id: 'diagnose',
      kind: 'main',
      title: l('诊断', 'Diagnose'),
      steps: [
        {
          id: 'describe-pod',
          title: l('查看 Pod 事件与上次退出原因', 'Read the Pod’s events and last exit reason'),
          instruction: l(
            '粘贴完整输出，系统据此选择分支。',
            'Paste the whole output; it picks the branch.',
          ),
          command: 'kubectl describe pod <pod> -n <namespace>',
          expected: {
            text: l('可见 Last State 与 Events', 'Last State and Events visible'),
            pattern: 'Events:',
          },
          plannedMinutes: 3,
          evidence: ['output'],
          role: 'engineer',
          branches: [
            {
              pattern: 'Reason:\\s+OOMKilled|Exit Code:\\s+137',
              goTo: 'fix-oom',
              label: l(
                '内存超限（OOMKilled / 退出码 137）',
                'Out of memory (OOMKilled / exit code 137)',
              ),
            },
            {
              pattern: 'ImagePullBackOff|ErrImagePull',
              goTo: 'check-registry',
              label: l('镜像拉取失败', 'Image pull failure'),
            },
            {
              pattern: '(?:Liveness|Readiness) probe failed',
              goTo: 'fix-probe',
              label: l('探针失败', 'Failing probe'),
            },
            {
              pattern: 'CrashLoopBackOff|Exit Code:\\s+[1-9]',
              goTo: 'previous-logs',
              label: l('应用自身退出', 'The application exits'),
            },
          ],
        },
        {
          id: 'previous-logs',
          title: l('查看上一次容器日志', 'Read the previous container’s log'),
          instruction: l('找到退出前的错误。', 'Find the error before the exit.'),
          command: 'kubectl logs <pod> -n <namespace> --previous --tail=200',
          expected: { text: l('日志中有退出原因', 'The log shows why it exited') },
          plannedMinutes: 5,
          evidence: ['output'],
          role: 'engineer',
        },
        {
          id: 'fix-app',
          title: l('修复应用配置或依赖', 'Fix the application’s configuration or dependency'),
          instruction: l(
            '按日志修复配置、依赖服务或启动参数后观察重启次数不再增加。',
            'Fix the configuration, dependency or start arguments from the log; the restart count stops rising.',
          ),
          command: 'kubectl get pod <pod> -n <namespace> -w',
          expected: { text: l('RESTARTS 不再增加', 'RESTARTS stops rising'), pattern: 'Running' },
          plannedMinutes: 20,
          evidence: ['output'],
          role: 'engineer',
          end: true,
        },
        {
          id: 'fix-oom',
          title: l('调整内存限制', 'Raise the memory limit'),
          instruction: l(
            '根据实际用量调高 resources.limits.memory（或修复内存泄漏）。',
            'Raise resources.limits.memory from the real usage (or fix the leak).',
          ),
          command:
            'kubectl top pod <pod> -n <namespace> && kubectl set resources deploy/<name> -n <namespace> --limits=memory=<size>',
          expected: { text: l('不再 OOMKilled', 'No more OOMKilled'), absent: 'OOMKilled' },
          plannedMinutes: 15,
          evidence: ['output'],
          role: 'engineer',
          end: true,
        },
        {
          id: 'check-registry',
          title: l('检查镜像地址与仓库凭据', 'Check the image name and registry credentials'),
          instruction: l(
            '确认镜像存在、imagePullSecrets 正确、节点能访问仓库。',
            'Check the image exists, imagePullSecrets is right, the node reaches the registry.',
          ),
          command: 'crictl pull <image>',
          expected: { text: l('镜像拉取成功', 'The image pulls'), pattern: 'Image is up to date' },
          plannedMinutes: 10,
          evidence: ['output'],
          role: 'engineer',
          end: true,
        },
        {
          id: 'fix-probe',
          title: l('修正探针参数', 'Correct the probe'),
          instruction: l(
            '调整 initialDelaySeconds / timeoutSeconds 或探测路径，使其与应用启动时间一致。',
            'Adjust initialDelaySeconds / timeoutSeconds or the probe path to the application’s start-up.',
          ),
          expected: { text: l('探针通过', 'The probe passes'), absent: 'probe failed' },
          plannedMinutes: 15,
          evidence: ['output'],
          role: 'engineer',
          end: true,
        },
      ],
    },
  ],
};
