import type { Localized } from '../types';
import type { ProcedureStep, ProcedureTemplate, StepBranch } from './types';

/*
 * Troubleshooting guides for the other topics of seed 000's 产品排障手册 (应用无法启动、应用无法
 * 访问、节点状态未就绪、Pod 常见错误、网络故障排查、其他集群故障应急处理; 容器不断重启 is its own
 * file). Each is a decision tree: a question step reads the pasted output and its first matching
 * branch picks the next step; with no match the guide goes on to the step that follows; a fix
 * leaf (`end`) ends the guide. The commands are kubectl / crictl / etcdctl / calicoctl as they
 * run on a DCE 5 (kubespray / kubeadm layout) cluster; `<...>` is filled in by the engineer.
 */

const l = (zh: string, en: string): Localized => ({ zh, en });

function question(
  id: string,
  title: Localized,
  instruction: Localized,
  command: string,
  expected: ProcedureStep['expected'],
  branches: StepBranch[],
  minutes = 5,
): ProcedureStep {
  return {
    id,
    title,
    instruction,
    command,
    expected,
    plannedMinutes: minutes,
    evidence: ['output'],
    role: 'engineer',
    branches,
  };
}

function fix(
  id: string,
  title: Localized,
  instruction: Localized,
  command: string | undefined,
  expected: ProcedureStep['expected'],
  minutes = 15,
  role: ProcedureStep['role'] = 'engineer',
): ProcedureStep {
  return {
    id,
    title,
    instruction,
    ...(command !== undefined ? { command } : {}),
    expected,
    plannedMinutes: minutes,
    evidence: ['output'],
    role,
    end: true,
  };
}

const branch = (pattern: string, goTo: string, label: Localized): StepBranch => ({
  pattern,
  goTo,
  label,
});

function guide(
  id: string,
  name: Localized,
  description: Localized,
  steps: ProcedureStep[],
): ProcedureTemplate {
  return {
    id,
    version: 1,
    kind: 'troubleshooting',
    packId: 'dce-support',
    products: ['DCE'],
    name,
    description,
    publishedAt: '2026-12-04',
    sections: [{ id: 'diagnose', kind: 'main', title: l('诊断与处理', 'Diagnose and fix'), steps }],
  };
}

export const K8S_APP_NOT_STARTING_V1 = guide(
  'k8s-app-not-starting',
  l('排障：应用无法启动', 'Troubleshooting: application will not start'),
  l(
    '从 Pod 状态出发：Pending 看调度事件，ContainerCreating 看挂载与网络沙箱，CreateContainerConfigError 看引用的配置。',
    'From the Pod status: Pending reads the scheduling events, ContainerCreating the mounts and the network sandbox, CreateContainerConfigError the configuration it references.',
  ),
  [
    question(
      'get-pod',
      l('查看 Pod 状态', 'Read the Pod status'),
      l('粘贴输出，系统按 STATUS 选择分支。', 'Paste the output; STATUS picks the branch.'),
      'kubectl get pod <pod> -n <namespace> -o wide',
      { text: l('可见 STATUS 列', 'The STATUS column is shown'), pattern: 'STATUS' },
      [
        branch(
          'CreateContainerConfigError',
          'fix-config',
          l('配置引用错误', 'A configuration reference is wrong'),
        ),
        branch(
          'ContainerCreating',
          'describe-creating',
          l('卡在创建容器', 'Stuck creating the container'),
        ),
        branch(
          'CrashLoopBackOff|Error',
          'crashing',
          l('容器启动后退出', 'The container exits after starting'),
        ),
      ],
      2,
    ),
    question(
      'describe-pending',
      l('查看调度失败原因（Pending）', 'Read why it is not scheduled (Pending)'),
      l(
        '粘贴 Events 中的 FailedScheduling，系统据此选择分支。',
        'Paste the FailedScheduling events; they pick the branch.',
      ),
      'kubectl describe pod <pod> -n <namespace> | sed -n "/Events:/,$p"',
      { text: l('可见 Events', 'Events are shown'), pattern: 'Events:' },
      [
        branch(
          'Insufficient (?:cpu|memory|nvidia\\.com/gpu)',
          'fix-resources',
          l('节点资源不足', 'Not enough resources on the nodes'),
        ),
        branch(
          'unbound immediate PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found',
          'fix-pvc',
          l('存储卷未绑定', 'The volume claim is not bound'),
        ),
      ],
    ),
    fix(
      'fix-scheduling',
      l('修正节点选择、亲和性或污点容忍', 'Correct the node selector, affinity or tolerations'),
      l(
        '事件为 “didn’t match Pod’s node affinity/selector” 或 “had untolerated taint” 时，核对 nodeSelector / affinity 与节点标签，或为 Pod 加上对应的 tolerations；修改后 Pod 被调度。',
        'For “didn’t match Pod’s node affinity/selector” or “had untolerated taint”, check nodeSelector / affinity against the node labels, or give the Pod the matching tolerations; afterwards the Pod is scheduled.',
      ),
      'kubectl get nodes --show-labels && kubectl describe nodes | grep -A3 Taints',
      { text: l('Pod 已调度到节点', 'The Pod is scheduled to a node'), absent: 'Pending' },
    ),
    fix(
      'fix-resources',
      l('释放或扩充资源', 'Free or add resources'),
      l(
        '对比 requests 与节点可分配量；调低不合理的 requests、清理无用负载或扩容节点。',
        'Compare the requests with what the nodes can allocate; lower unreasonable requests, remove idle workloads or add nodes.',
      ),
      'kubectl describe nodes | grep -A8 "Allocated resources"',
      {
        text: l('Pod 已调度并运行', 'The Pod is scheduled and running'),
        absent: 'Insufficient',
      },
    ),
    fix(
      'fix-pvc',
      l('绑定存储卷', 'Bind the volume claim'),
      l(
        '检查 PVC 的 StorageClass 是否存在、供给器 Pod 是否运行，或为静态供给创建匹配的 PV。',
        'Check the PVC’s StorageClass exists and its provisioner Pod runs, or create a matching PV for static provisioning.',
      ),
      'kubectl get pvc -n <namespace> && kubectl get storageclass',
      { text: l('PVC 为 Bound', 'The PVC is Bound'), pattern: '\\sBound\\s' },
    ),
    fix(
      'fix-config',
      l('补齐缺失的 ConfigMap / Secret', 'Create the missing ConfigMap / Secret'),
      l(
        '事件 “configmap … not found” / “secret … not found” 或 “couldn’t find key”：在同一命名空间创建它，或修正引用名与 key。',
        'For “configmap … not found”, “secret … not found” or “couldn’t find key”: create it in the same namespace, or correct the referenced name and key.',
      ),
      'kubectl describe pod <pod> -n <namespace> | grep -i "not found\\|couldn.t find key"; kubectl get cm,secret -n <namespace>',
      {
        text: l('Pod 进入 Running', 'The Pod reaches Running'),
        absent: 'CreateContainerConfigError',
      },
    ),
    question(
      'describe-creating',
      l('查看创建容器卡住的原因', 'Read why container creation is stuck'),
      l('粘贴 Events，系统据此选择分支。', 'Paste the events; they pick the branch.'),
      'kubectl describe pod <pod> -n <namespace> | sed -n "/Events:/,$p"',
      { text: l('可见 Events', 'Events are shown'), pattern: 'Events:' },
      [
        branch(
          'FailedMount|MountVolume\\.SetUp failed|FailedAttachVolume',
          'fix-mount',
          l('卷挂载失败', 'The volume does not mount'),
        ),
      ],
    ),
    fix(
      'fix-sandbox',
      l('修复 Pod 网络沙箱', 'Repair the Pod network sandbox'),
      l(
        '事件为 FailedCreatePodSandBox / “failed to setup network for sandbox” 时，检查该节点的 CNI（calico-node）是否 Running 以及 IP 池是否耗尽；必要时重建该节点的 calico-node Pod。',
        'For FailedCreatePodSandBox / “failed to setup network for sandbox”, check the node’s CNI Pod (calico-node) runs and the IP pool is not exhausted; recreate that node’s calico-node Pod if needed.',
      ),
      'kubectl get pods -n kube-system -o wide -l k8s-app=calico-node --field-selector spec.nodeName=<node>',
      {
        text: l('calico-node 1/1 Running', 'calico-node 1/1 Running'),
        pattern: 'calico-node-\\S+\\s+1/1\\s+Running',
      },
    ),
    fix(
      'fix-mount',
      l('修复卷挂载', 'Repair the volume mount'),
      l(
        '查看 CSI 驱动 Pod 与 VolumeAttachment；多节点争用 RWO 卷时先删除旧节点上的 Pod。',
        'Check the CSI driver Pods and the VolumeAttachment; when an RWO volume is held by another node, delete the Pod there first.',
      ),
      'kubectl get volumeattachment | grep <pv> ; kubectl get pods -A -o wide | grep csi',
      { text: l('Pod 进入 Running', 'The Pod reaches Running'), absent: 'FailedMount' },
    ),
    fix(
      'crashing',
      l('按“容器不断重启”排障', 'Continue with “container keeps restarting”'),
      l(
        '容器已启动后退出：按排障指引“容器不断重启”处理，此处记录上一次退出码。',
        'The container starts and exits: continue with the guide “container keeps restarting”; record the last exit code here.',
      ),
      'kubectl get pod <pod> -n <namespace> -o jsonpath="{.status.containerStatuses[*].lastState.terminated.exitCode}"',
      { text: l('已记录退出码', 'Exit code recorded'), pattern: '\\d+' },
      3,
    ),
  ],
);

export const K8S_APP_UNREACHABLE_V1 = guide(
  'k8s-app-unreachable',
  l('排障：应用无法访问', 'Troubleshooting: application unreachable'),
  l(
    '从 Service 与 Endpoints 出发：没有后端、LoadBalancer 未分配地址（MetalLB）、集群内可达与否，依次缩小范围。',
    'From the Service and its Endpoints: no backends, LoadBalancer address not assigned (MetalLB), reachable inside the cluster or not — narrowing down in turn.',
  ),
  [
    question(
      'svc-endpoints',
      l('查看 Service 与 Endpoints', 'Read the Service and its Endpoints'),
      l(
        '一次取两种资源（名称带 service/ 与 endpoints/ 前缀），系统据此选择分支。',
        'Get both kinds at once (names carry the service/ and endpoints/ prefixes); the output picks the branch.',
      ),
      'kubectl get svc,endpoints <service> -n <namespace> -o wide',
      { text: l('可见 Service 与 Endpoints', 'Service and Endpoints shown'), pattern: 'service/' },
      [
        branch(
          '^endpoints/\\S+\\s+<none>',
          'fix-selector',
          l('Service 没有后端（Endpoints 为空）', 'No endpoints for the Service'),
        ),
        branch(
          '^service/\\S+\\s+LoadBalancer\\s+\\S+\\s+<pending>',
          'metallb-speaker',
          l('LoadBalancer 地址未分配', 'LoadBalancer address pending'),
        ),
      ],
      3,
    ),
    question(
      'in-cluster',
      l('从集群内访问 Service', 'Reach the Service from inside the cluster'),
      l(
        '在临时 Pod 中访问；能访问说明问题在入口（Ingress / VIP / 防火墙）。',
        'Fetch it from a throw-away Pod; if that works the problem is at the entry (Ingress / VIP / firewall).',
      ),
      'kubectl run nettest -n <namespace> -it --rm --restart=Never --image=busybox:1.36 -- wget -qO- -T 5 http://<service>.<namespace>.svc:<port>',
      { text: l('返回应用内容', 'The application answers') },
      [
        branch(
          'bad address|could not resolve',
          'fix-dns',
          l('服务名无法解析', 'The service name does not resolve'),
        ),
        branch(
          'timed out|Connection refused|can.t connect',
          'fix-netpol',
          l('集群内也不通', 'Unreachable inside the cluster too'),
        ),
      ],
    ),
    fix(
      'fix-entry',
      l('检查入口：Ingress / VIP / 防火墙', 'Check the entry: Ingress / VIP / firewall'),
      l(
        '集群内可达：核对 Ingress 的 host 与 path、Ingress 控制器日志，以及客户侧防火墙到 VIP / NodePort 的放通。',
        'Reachable inside: check the Ingress host and path, the ingress controller’s log, and the customer firewall towards the VIP / NodePort.',
      ),
      'kubectl get ingress -n <namespace> -o wide && curl -kv --max-time 5 https://<host>/<path>',
      {
        text: l('外部访问返回 2xx/3xx', 'External access returns 2xx/3xx'),
        pattern: 'HTTP/[0-9.]+ [23]\\d\\d',
      },
    ),
    fix(
      'fix-selector',
      l('修正 selector 或就绪探针', 'Correct the selector or the readiness probe'),
      l(
        'Endpoints 为空：Service 的 selector 与 Pod 标签不一致，或 Pod 未 Ready（就绪探针失败）。修正后 Endpoints 列出 Pod IP。',
        'No endpoints: the Service selector does not match the Pod labels, or the Pods are not Ready (failing readiness probe). Afterwards the Endpoints list Pod IPs.',
      ),
      'kubectl get svc <service> -n <namespace> -o jsonpath="{.spec.selector}"; kubectl get pods -n <namespace> --show-labels; kubectl get endpoints <service> -n <namespace>',
      {
        text: l('Endpoints 列出 IP:端口', 'Endpoints list IP:port'),
        pattern: '\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+',
      },
    ),
    question(
      'metallb-speaker',
      l('查看 MetalLB 地址池与 speaker 日志', 'Read the MetalLB pools and the speaker log'),
      l('粘贴输出，系统据此选择分支。', 'Paste the output; it picks the branch.'),
      'kubectl get ipaddresspools,l2advertisements -n metallb-system; kubectl logs -n metallb-system -l component=controller --tail=50',
      { text: l('可见地址池', 'The address pools are shown'), pattern: 'ipaddresspool' },
      [
        branch(
          'no available IPs|no IPAddressPool',
          'fix-metallb-pool',
          l('地址池耗尽或不匹配', 'The pool is exhausted or does not match'),
        ),
      ],
    ),
    fix(
      'announce-vip',
      l('确认 VIP 已在二层宣告', 'Confirm the VIP is announced on layer 2'),
      l(
        '从同一网段的主机 arping VIP；无应答时检查 L2Advertisement 的 interfaces / nodeSelectors 与 speaker 所在节点，以及交换机是否拦截免费 ARP。',
        'arping the VIP from a host in the same subnet; with no reply check the L2Advertisement interfaces / nodeSelectors, the speakers’ nodes, and whether the switch drops gratuitous ARP.',
      ),
      'arping -I <interface> -c 3 <vip>',
      { text: l('收到 ARP 应答', 'ARP replies received'), pattern: 'Unicast reply from' },
    ),
    fix(
      'fix-metallb-pool',
      l('扩充或修正 MetalLB 地址池', 'Extend or correct the MetalLB pool'),
      l(
        '在 IPAddressPool 中加入可用地址段，或修正 Service 的 metallb.universe.tf/address-pool 注解。',
        'Add a free range to the IPAddressPool, or correct the Service’s metallb.universe.tf/address-pool annotation.',
      ),
      'kubectl get svc <service> -n <namespace>',
      {
        text: l('EXTERNAL-IP 已分配', 'EXTERNAL-IP assigned'),
        absent: '<pending>',
        pattern: 'LoadBalancer\\s+\\S+\\s+\\d+\\.\\d+\\.\\d+\\.\\d+',
      },
    ),
    fix(
      'fix-dns',
      l('修复集群 DNS', 'Repair cluster DNS'),
      l(
        '检查 CoreDNS Pod 与其日志，以及 Pod 的 /etc/resolv.conf 是否指向 kube-dns 的 ClusterIP。',
        'Check the CoreDNS Pods and their log, and that the Pod’s /etc/resolv.conf points to the kube-dns ClusterIP.',
      ),
      'kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide; kubectl logs -n kube-system -l k8s-app=kube-dns --tail=50',
      {
        text: l('CoreDNS Running，解析成功', 'CoreDNS running, names resolve'),
        pattern: 'Running',
      },
    ),
    fix(
      'fix-netpol',
      l('检查 NetworkPolicy 与后端端口', 'Check NetworkPolicies and the backend port'),
      l(
        '集群内不通：查看命名空间内的 NetworkPolicy 是否拦截，核对 Service 的 targetPort 与容器实际监听端口。',
        'Unreachable inside: check whether a NetworkPolicy in the namespace blocks it, and that the Service targetPort is the port the container listens on.',
      ),
      'kubectl get networkpolicy -n <namespace>; kubectl exec <pod> -n <namespace> -- netstat -lnt',
      { text: l('集群内访问成功', 'Reachable inside the cluster'), absent: 'timed out' },
    ),
  ],
);

export const K8S_NODE_NOT_READY_V1 = guide(
  'k8s-node-not-ready',
  l('排障：节点状态未就绪（NotReady）', 'Troubleshooting: node NotReady'),
  l(
    '从节点 Conditions 出发：磁盘压力、CNI 未就绪、kubelet 停止上报，再看 kubelet 日志中的证书与容器运行时错误。',
    'From the node conditions: disk pressure, CNI not ready, kubelet stopped posting status; then the kubelet log for certificate and container-runtime errors.',
  ),
  [
    question(
      'describe-node',
      l('查看节点 Conditions', 'Read the node conditions'),
      l('粘贴输出，系统据此选择分支。', 'Paste the output; it picks the branch.'),
      'kubectl describe node <node> | sed -n "/Conditions:/,/Addresses:/p"',
      { text: l('可见 Conditions', 'Conditions shown'), pattern: 'Conditions:' },
      [
        branch('DiskPressure\\s+True', 'fix-disk', l('磁盘压力（DiskPressure）', 'Disk pressure')),
        branch(
          'NetworkReady=false|cni plugin not initialized|network plugin is not ready',
          'fix-cni',
          l('容器网络未就绪', 'The container network is not ready'),
        ),
      ],
      3,
    ),
    question(
      'kubelet-log',
      l('查看 kubelet 状态与日志', 'Read the kubelet status and log'),
      l('在该节点上执行，粘贴输出。', 'Run it on the node and paste the output.'),
      'systemctl status kubelet --no-pager; journalctl -u kubelet --since "30 min ago" --no-pager | tail -100',
      { text: l('可见 kubelet 日志', 'The kubelet log is shown'), pattern: 'kubelet' },
      [
        branch(
          'x509: certificate has expired|certificate has expired or is not yet valid',
          'fix-kubelet-cert',
          l('kubelet 证书过期', 'The kubelet certificate expired'),
        ),
        branch(
          'containerd\\.sock|container runtime is down|ContainerRuntime',
          'fix-runtime',
          l('容器运行时异常', 'The container runtime is down'),
        ),
      ],
    ),
    fix(
      'restart-kubelet',
      l('重启 kubelet 并确认就绪', 'Restart the kubelet and confirm Ready'),
      l(
        '没有证书或运行时错误时，按日志修复配置后重启 kubelet。',
        'With no certificate or runtime error, fix what the log names and restart the kubelet.',
      ),
      'systemctl restart kubelet && sleep 30 && kubectl get node <node>',
      { text: l('节点 Ready', 'The node is Ready'), pattern: '\\sReady\\s', absent: 'NotReady' },
    ),
    fix(
      'fix-kubelet-cert',
      l('重新签发 kubelet 客户端证书', 'Reissue the kubelet client certificate'),
      l(
        '在健康的控制平面节点生成该节点的 kubelet.conf，复制到故障节点 /etc/kubernetes/kubelet.conf（先备份原文件并移走 /var/lib/kubelet/pki/kubelet-client-*），重启 kubelet，确认之后证书会自动轮换。',
        'On a healthy control-plane node generate the node’s kubelet.conf, copy it to /etc/kubernetes/kubelet.conf on the failed node (back up the old one and move /var/lib/kubelet/pki/kubelet-client-* away), restart the kubelet and check the certificate rotates from then on.',
      ),
      'kubeadm kubeconfig user --org system:nodes --client-name system:node:<node> > kubelet.conf; openssl x509 -noout -enddate -in /var/lib/kubelet/pki/kubelet-client-current.pem',
      { text: l('证书有效期已更新', 'The certificate is valid again'), pattern: 'notAfter=' },
      30,
      'lead-engineer',
    ),
    fix(
      'fix-runtime',
      l('恢复容器运行时（containerd）', 'Restore the container runtime (containerd)'),
      l(
        '查看 containerd 日志，修复后重启 containerd 再重启 kubelet。',
        'Read the containerd log, fix it, restart containerd and then the kubelet.',
      ),
      'journalctl -u containerd --no-pager | tail -50; systemctl restart containerd kubelet && systemctl is-active containerd kubelet',
      {
        text: l('两者均为 active', 'Both are active'),
        pattern: '^active$',
        absent: 'inactive|failed',
      },
    ),
    fix(
      'fix-disk',
      l('释放节点磁盘', 'Free the node’s disk'),
      l(
        '清理未使用镜像与已退出容器、过大的日志；DiskPressure 恢复为 False。',
        'Remove unused images and exited containers and oversized logs; DiskPressure returns to False.',
      ),
      'df -h /var/lib/kubelet /var/lib/containerd; crictl rmi --prune; kubectl describe node <node> | grep DiskPressure',
      { text: l('DiskPressure False', 'DiskPressure False'), pattern: 'DiskPressure\\s+False' },
    ),
    fix(
      'fix-cni',
      l('恢复节点的 CNI（Calico）', 'Restore the node’s CNI (Calico)'),
      l(
        '查看该节点 calico-node Pod 的状态与日志，删除它让 DaemonSet 重建。',
        'Check the node’s calico-node Pod and its log; delete it so the DaemonSet recreates it.',
      ),
      'kubectl get pods -n kube-system -o wide -l k8s-app=calico-node --field-selector spec.nodeName=<node>',
      {
        text: l('calico-node 1/1 Running', 'calico-node 1/1 Running'),
        pattern: 'calico-node-\\S+\\s+1/1\\s+Running',
      },
    ),
  ],
);

export const K8S_POD_ERRORS_V1 = guide(
  'k8s-pod-errors',
  l('排障：Pod 常见错误', 'Troubleshooting: common Pod errors'),
  l(
    '从命名空间的 Pod 列表出发：Evicted、卡在 Terminating、镜像拉取失败、Init 容器失败。',
    'From the namespace’s Pod list: Evicted, stuck Terminating, image pull failures, failing init containers.',
  ),
  [
    question(
      'get-pods',
      l('列出命名空间的 Pod', 'List the namespace’s Pods'),
      l('粘贴输出，系统按 STATUS 选择分支。', 'Paste the output; STATUS picks the branch.'),
      'kubectl get pods -n <namespace> -o wide',
      { text: l('可见 STATUS 列', 'The STATUS column is shown'), pattern: 'STATUS' },
      [
        branch('\\sEvicted\\s', 'fix-evicted', l('Pod 被驱逐', 'Evicted Pods')),
        branch('\\sTerminating\\s', 'fix-terminating', l('卡在 Terminating', 'Stuck Terminating')),
        branch(
          'ImagePullBackOff|ErrImagePull|InvalidImageName',
          'fix-image',
          l('镜像拉取失败', 'Image pull failure'),
        ),
        branch(
          'Init:(?:Error|CrashLoopBackOff)',
          'fix-init',
          l('Init 容器失败', 'Init container fails'),
        ),
      ],
      2,
    ),
    fix(
      'read-events',
      l('按事件定位', 'Locate it from the events'),
      l(
        '其他状态：按时间排序查看命名空间事件，记录 Warning 事件与处理。',
        'Any other status: read the namespace events by time and record the warnings and what was done.',
      ),
      'kubectl get events -n <namespace> --sort-by=.lastTimestamp | tail -30',
      {
        text: l('已记录事件与处理', 'Events and action recorded'),
        pattern: 'LAST SEEN|Warning|Normal',
      },
    ),
    fix(
      'fix-evicted',
      l('处理驱逐原因并清理 Evicted Pod', 'Remove the eviction cause and the Evicted Pods'),
      l(
        '从 describe 的 Message 中找出资源（ephemeral-storage / memory），处理节点压力后删除 Failed 状态的 Pod。',
        'Find the resource in the describe Message (ephemeral-storage / memory), relieve the node, then delete the Failed Pods.',
      ),
      'kubectl describe pod <pod> -n <namespace> | grep -i message; kubectl delete pods -n <namespace> --field-selector=status.phase=Failed',
      { text: l('已清理', 'Cleaned up'), pattern: 'deleted' },
    ),
    fix(
      'fix-terminating',
      l('处理卡住的 Terminating', 'Release a Pod stuck Terminating'),
      l(
        '先确认节点是否失联、是否有 finalizers；节点确已停机时才强制删除（同一卷不得被两处同时写）。',
        'First check whether its node is lost and whether finalizers hold it; force-delete only once the node is really down (a volume must never be written from two places).',
      ),
      'kubectl get pod <pod> -n <namespace> -o jsonpath="{.metadata.finalizers} {.spec.nodeName}"; kubectl delete pod <pod> -n <namespace> --grace-period=0 --force',
      { text: l('Pod 已删除', 'The Pod is gone'), pattern: 'deleted' },
      10,
      'lead-engineer',
    ),
    fix(
      'fix-image',
      l('修正镜像地址或拉取凭据', 'Correct the image or the pull credentials'),
      l(
        '核对镜像名与 tag 在仓库中存在、imagePullSecrets 正确、节点可访问仓库（离线环境为火种节点仓库）。',
        'Check the image and tag exist in the registry, imagePullSecrets is right and the node reaches the registry (offline: the bootstrap node’s registry).',
      ),
      'crictl pull <image>',
      { text: l('镜像拉取成功', 'The image pulls'), pattern: 'Image is up to date' },
    ),
    fix(
      'fix-init',
      l('查看并修复 Init 容器', 'Read and fix the init container'),
      l(
        '读取失败的 Init 容器日志并修复其依赖。',
        'Read the failing init container’s log and fix its dependency.',
      ),
      'kubectl logs <pod> -n <namespace> -c <init-container> --previous',
      { text: l('Init 容器完成', 'The init container completes'), absent: 'Error' },
    ),
  ],
);

export const K8S_NETWORK_FAULTS_V1 = guide(
  'k8s-network-faults',
  l('排障：网络故障', 'Troubleshooting: network faults'),
  l(
    '先看 Calico BGP 会话（端口 179），再看集群 DNS，最后测跨节点 Pod 互通。',
    'First the Calico BGP sessions (port 179), then cluster DNS, then Pod-to-Pod across nodes.',
  ),
  [
    question(
      'calico-status',
      l('查看 Calico BGP 会话', 'Read the Calico BGP sessions'),
      l('在节点上执行，粘贴输出。', 'Run it on a node and paste the output.'),
      'calicoctl node status',
      { text: l('所有对端 Established', 'Every peer Established'), pattern: 'IPv4 BGP status' },
      [
        branch(
          '\\|\\s*(?:start|stop)\\s*\\||Connect|Active Socket|Idle',
          'bgp-port',
          l('BGP 会话未建立', 'A BGP session is not established'),
        ),
      ],
      3,
    ),
    question(
      'dns-lookup',
      l('检查集群 DNS', 'Check cluster DNS'),
      l(
        '在临时 Pod 中解析 kubernetes.default。',
        'Resolve kubernetes.default from a throw-away Pod.',
      ),
      'kubectl run dnstest -it --rm --restart=Never --image=busybox:1.36 -- nslookup kubernetes.default.svc.cluster.local',
      { text: l('已读取解析结果', 'The lookup result is read') },
      [
        branch(
          'no servers could be reached|can.t resolve|NXDOMAIN',
          'fix-coredns',
          l('DNS 解析失败', 'DNS lookups fail'),
        ),
      ],
    ),
    fix(
      'pod-to-pod',
      l('测试跨节点 Pod 互通', 'Test Pod-to-Pod across nodes'),
      l(
        '在两个不同节点的 Pod 间 ping；丢包时检查 IPIP / VXLAN 是否被放通（IP 协议 4 / UDP 4789）与 MTU。',
        'Ping between Pods on two nodes; with loss check that IPIP / VXLAN is allowed (IP protocol 4 / UDP 4789) and the MTU.',
      ),
      'kubectl exec <pod-a> -n <namespace> -- ping -c 5 <pod-b-ip>',
      { text: l('0% 丢包', '0% packet loss'), pattern: ' 0% packet loss' },
    ),
    question(
      'bgp-port',
      l('检查对端 TCP 179 是否可达', 'Check TCP 179 to the peer'),
      l('在 BGP 未建立的节点上执行。', 'Run it on the node whose session is down.'),
      'nc -zv -w 3 <peer-ip> 179',
      { text: l('已读取连接结果', 'The connection result is read') },
      [
        branch(
          'timed out|No route to host|Connection refused',
          'fix-firewall',
          l('179 端口被拦截', 'Port 179 is blocked'),
        ),
      ],
    ),
    fix(
      'fix-bgp-peer',
      l('重建 calico-node 并核对 BGP 配置', 'Recreate calico-node and check the BGP configuration'),
      l(
        '端口可达但会话未建立：核对 BGPConfiguration / BGPPeer 的 AS 号与对端地址，删除该节点的 calico-node Pod。',
        'The port is reachable but the session is down: check the AS numbers and peer addresses in BGPConfiguration / BGPPeer, delete the node’s calico-node Pod.',
      ),
      'calicoctl get bgpconfig,bgppeer -o yaml; calicoctl node status',
      {
        text: l('会话 Established', 'Session Established'),
        pattern: 'Established',
        absent: 'Active Socket|Connect Socket',
      },
    ),
    fix(
      'fix-firewall',
      l('放通 BGP 端口 179', 'Allow BGP port 179'),
      l(
        '在节点防火墙（及客户网络设备）放通节点间 TCP 179，之后会话 Established。',
        'Allow TCP 179 between the nodes on the node firewall (and the customer’s network devices); the session then becomes Established.',
      ),
      'firewall-cmd --permanent --add-port=179/tcp && firewall-cmd --reload; calicoctl node status',
      {
        text: l('会话 Established', 'Session Established'),
        pattern: 'Established',
        absent: 'Active Socket|Connect Socket',
      },
    ),
    fix(
      'fix-coredns',
      l('修复 CoreDNS', 'Repair CoreDNS'),
      l(
        '检查 CoreDNS Pod 是否 Running、上游 forward 是否可达、kube-dns Service 是否有 Endpoints。',
        'Check the CoreDNS Pods run, their upstream forward is reachable and the kube-dns Service has endpoints.',
      ),
      'kubectl get pods,endpoints -n kube-system -l k8s-app=kube-dns -o wide; kubectl logs -n kube-system -l k8s-app=kube-dns --tail=50',
      { text: l('CoreDNS Running', 'CoreDNS running'), pattern: 'Running' },
    ),
  ],
);

const ETCDCTL =
  'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/ssl/etcd/ca.crt --cert=/etc/kubernetes/ssl/etcd/healthcheck-client.crt --key=/etc/kubernetes/ssl/etcd/healthcheck-client.key';

export const K8S_CLUSTER_EMERGENCY_V1 = guide(
  'k8s-cluster-emergency',
  l('应急：其他集群故障', 'Emergency: other cluster failures'),
  l(
    'API Server 不可用、etcd 失去多数派、证书过期：先判断控制平面哪一层故障，再按分支处理；恢复 etcd 快照须负责工程师执行。',
    'API server down, etcd without quorum, expired certificates: find which layer of the control plane failed, then follow its branch; restoring an etcd snapshot is the lead engineer’s.',
  ),
  [
    question(
      'api-ready',
      l('检查 API Server 就绪状态', 'Check the API server readiness'),
      l('粘贴输出，系统据此选择分支。', 'Paste the output; it picks the branch.'),
      "kubectl get --raw='/readyz?verbose'",
      { text: l('已读取就绪检查结果', 'The readiness result is read') },
      [
        branch(
          'x509: certificate has expired',
          'renew-certs',
          l('证书过期', 'Certificates expired'),
        ),
        branch(
          'Unable to connect to the server|connection refused|\\[-\\]etcd',
          'apiserver-pod',
          l('API Server 不可用', 'The API server is down'),
        ),
      ],
      2,
    ),
    fix(
      'collect',
      l('收集集群信息并上报', 'Collect cluster information and escalate'),
      l(
        'API Server 就绪：故障不在控制平面，收集信息按事件级别上报。',
        'The API server is ready: the fault is not in the control plane; collect the information and escalate by the incident’s level.',
      ),
      'kubectl cluster-info dump --output-directory=/tmp/cluster-dump && tar czf cluster-dump.tgz -C /tmp cluster-dump',
      { text: l('已收集', 'Collected'), pattern: 'cluster-dump' },
      10,
    ),
    question(
      'apiserver-pod',
      l('查看 kube-apiserver 容器', 'Read the kube-apiserver container'),
      l('在控制平面节点执行，粘贴输出。', 'Run it on a control-plane node and paste the output.'),
      'crictl ps -a --name kube-apiserver; crictl logs --tail=50 $(crictl ps -a --name kube-apiserver -q | head -1)',
      { text: l('可见容器状态与日志', 'Container state and log shown'), pattern: 'kube-apiserver' },
      [
        branch(
          'x509: certificate has expired',
          'renew-certs',
          l('证书过期', 'Certificates expired'),
        ),
        branch(
          '127\\.0\\.0\\.1:2379|etcdserver|context deadline exceeded',
          'etcd-health',
          l('连不上 etcd', 'It cannot reach etcd'),
        ),
      ],
    ),
    fix(
      'restart-apiserver',
      l('重建 kube-apiserver 静态 Pod', 'Recreate the kube-apiserver static Pod'),
      l(
        '按日志修正参数后，把 manifest 移出再移回，让 kubelet 重建静态 Pod。',
        'Fix what the log names, then move the manifest out and back so the kubelet recreates the static Pod.',
      ),
      'mv /etc/kubernetes/manifests/kube-apiserver.yaml /tmp/ && sleep 20 && mv /tmp/kube-apiserver.yaml /etc/kubernetes/manifests/ && sleep 60 && kubectl get --raw=/readyz',
      { text: l('返回 ok', 'Returns ok'), pattern: '^ok$' },
    ),
    question(
      'etcd-health',
      l('检查 etcd 集群健康与成员', 'Check etcd health and members'),
      l('在 etcd 节点执行，粘贴输出。', 'Run it on an etcd node and paste the output.'),
      `${ETCDCTL} endpoint health --cluster; ${ETCDCTL} member list -w table`,
      { text: l('已读取各成员健康状态', 'The health of every member is read') },
      [
        branch(
          'is unhealthy|failed to commit proposal|context deadline exceeded',
          'etcd-restore',
          l('etcd 失去多数派', 'etcd lost its quorum'),
        ),
      ],
    ),
    fix(
      'etcd-alarm',
      l('处理 etcd 告警（空间配额）', 'Clear etcd alarms (space quota)'),
      l(
        '成员健康但写入失败：查看告警，NOSPACE 时压缩、碎片整理后解除告警。',
        'Members are healthy but writes fail: read the alarms; for NOSPACE compact, defragment and disarm.',
      ),
      `${ETCDCTL} alarm list; ${ETCDCTL} defrag --cluster; ${ETCDCTL} alarm disarm`,
      { text: l('无告警', 'No alarms'), absent: 'NOSPACE|CORRUPT' },
    ),
    fix(
      'etcd-restore',
      l('从快照恢复 etcd', 'Restore etcd from a snapshot'),
      l(
        '多数派已失去且无法恢复成员：停止所有 kube-apiserver 与 etcd，用最近的快照在每个成员上恢复（同一 initial-cluster），再依次启动。此操作丢弃快照之后的写入。',
        'Quorum is lost and members cannot come back: stop every kube-apiserver and etcd, restore the latest snapshot on each member (the same initial-cluster), then start them one by one. Writes after the snapshot are lost.',
      ),
      'etcdutl snapshot restore <snapshot.db> --name <member> --initial-cluster <name=https://ip:2380,...> --initial-advertise-peer-urls https://<ip>:2380 --data-dir /var/lib/etcd-restored',
      {
        text: l('成员全部 healthy', 'Every member healthy'),
        pattern: 'is healthy',
        absent: 'unhealthy',
      },
      60,
      'lead-engineer',
    ),
    fix(
      'renew-certs',
      l('续期控制平面证书', 'Renew the control-plane certificates'),
      l(
        '在每个控制平面节点续期证书，重建静态 Pod 并更新 admin.conf。',
        'On each control-plane node renew the certificates, recreate the static Pods and refresh admin.conf.',
      ),
      'kubeadm certs check-expiration; kubeadm certs renew all && crictl ps --name "kube-(apiserver|controller-manager|scheduler)" -q | xargs crictl stop',
      { text: l('证书续期完成', 'Certificates renewed'), pattern: 'renewed' },
      30,
      'lead-engineer',
    ),
  ],
);

export const K8S_TROUBLESHOOTING_V1: readonly ProcedureTemplate[] = [
  K8S_APP_NOT_STARTING_V1,
  K8S_APP_UNREACHABLE_V1,
  K8S_NODE_NOT_READY_V1,
  K8S_POD_ERRORS_V1,
  K8S_NETWORK_FAULTS_V1,
  K8S_CLUSTER_EMERGENCY_V1,
];
