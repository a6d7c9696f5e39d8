/**
 * TopoLVM (src/topolvm/topolvm.ts): the reference sites, device classes, versions and domains, pod security policies.
 * Its parts have their own files: lvmd, scheduler, webhook, topolvm-storage-class, topolvm-snapshot-class.
 */
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { TopoLVM } from '../src';
import { necoHyperconverged } from '../src/sites/neco-hyperconverged';
import { rancherRke1 } from '../src/sites/rancher-rke1';
import { renderSite } from '../src/pipeline/synth';
import {
  artifact, configError, container, expectHelpful, findManifest, manifests, modernTopolvm, newSite, NVME,
} from './helpers';

describe('GIVEN the neco-hyperconverged site', () => {
  const site = necoHyperconverged(new App());

  test('THEN TopoLVM v0.41.0 runs in capacity-tracking mode: storageCapacity CSIDriver, --enable-capacity, its RBAC, and no webhook or extender', () => {
    expect(findManifest(site, 'CSIDriver', 'topolvm.io')).toMatchObject({ apiVersion: 'storage.k8s.io/v1', spec: { storageCapacity: true, attachRequired: false } });
    const prov = container(findManifest(site, 'Deployment', 'topolvm-controller'), 'csi-provisioner');
    expect(prov.command).toEqual(expect.arrayContaining(['--enable-capacity', '--capacity-ownerref-level=2']));
    const role = findManifest(site, 'Role', 'topolvm-system:external-provisioner-cfg');
    expect(role.rules).toEqual(expect.arrayContaining([expect.objectContaining({ resources: ['csistoragecapacities'] }), expect.objectContaining({ resources: ['replicasets'] })]));
    const kinds = manifests(site).map((m) => m.kind);
    expect(kinds).not.toContain('MutatingWebhookConfiguration');
    expect(kinds).not.toContain('Certificate');
    expect(manifests(site).find((m) => m.metadata.name === 'topolvm-scheduler')).toBeUndefined();
    expect(container(findManifest(site, 'Deployment', 'topolvm-controller'), 'topolvm-controller').command).toContain('--enable-webhooks=false');
  });

  test('THEN the LogicalVolume CRD is the pinned topolvm.io one, and lvmd runs as a DaemonSet with the nvme class', () => {
    const crd = findManifest(site, 'CustomResourceDefinition', 'logicalvolumes.topolvm.io');
    expect(crd.spec.scope).toBe('Cluster');
    expect(crd.metadata.creationTimestamp).toBeUndefined();
    const cm = findManifest(site, 'ConfigMap', 'topolvm-lvmd-default');
    expect(YAML.parse(cm.data['lvmd.yaml'])).toEqual({ 'socket-name': '/run/topolvm/lvmd.sock', 'device-classes': [{ 'name': 'nvme', 'volume-group': 'vg-nvme', 'default': true, 'spare-gb': 10 }] });
    const ds = findManifest(site, 'DaemonSet', 'topolvm-lvmd-default');
    expect(ds.spec.template.spec.hostPID).toBe(true);
  });

  test('THEN the OSD StorageClass is TopoLVM, device class nvme, WaitForFirstConsumer, expandable', () => {
    expect(findManifest(site, 'StorageClass', 'topolvm-nvme')).toMatchObject({
      provisioner: 'topolvm.io', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true,
      parameters: { 'topolvm.io/device-class': 'nvme', 'csi.storage.k8s.io/fstype': 'xfs' },
    });
  });

  test('THEN 9 OSDs are raw block PVCs, not portable, spread evenly over racks (required) and hosts (preferred); mons are on PVCs', () => {
    const c = findManifest(site, 'CephCluster', 'ceph-hyperconverged');
    const set = c.spec.storage.storageClassDeviceSets[0];
    expect(set).toMatchObject({ name: 'nvme', count: 9, portable: false, encrypted: false });
    expect(set.volumeClaimTemplates[0].spec).toMatchObject({ volumeMode: 'Block', storageClassName: 'topolvm-nvme', resources: { requests: { storage: '1Ti' } } });
    expect(set.placement.topologySpreadConstraints.map((t: any) => [t.topologyKey, t.whenUnsatisfiable])).toEqual([['topology.rook.io/rack', 'DoNotSchedule'], ['kubernetes.io/hostname', 'ScheduleAnyway']]);
    expect(set.preparePlacement.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values).toEqual(['rook-ceph-osd-prepare']);
    expect(c.spec.storage.useAllNodes).toBe(false);
    expect(c.spec.mon.volumeClaimTemplate.spec.storageClassName).toBe('topolvm-nvme');
    expect(c.spec.priorityClassNames.osd).toBe('topolvm');
  });

  test('THEN the host README says no kube-scheduler change is needed', () => {
    expect(artifact(site, 'host/README.md')).toMatch(/no kube-scheduler change is needed/);
    expect(renderSite(site).files.filter((f) => f.path.startsWith('host/')).map((f) => f.path)).toEqual(['host/README.md']);
  });
});

describe('GIVEN the rancher-rke1 site', () => {
  const site = rancherRke1(new App());

  test('THEN v0.2.2 uses the legacy domain, the v1beta1 CSIDriver with attachRequired, and the RKE1 kubelet root', () => {
    expect(findManifest(site, 'CSIDriver', 'topolvm.cybozu.com')).toMatchObject({ apiVersion: 'storage.k8s.io/v1beta1', spec: { attachRequired: true } });
    const node = findManifest(site, 'DaemonSet', 'topolvm-node');
    const vols = node.spec.template.spec.volumes.map((v: any) => v.hostPath?.path);
    expect(vols).toEqual(expect.arrayContaining(['/opt/rke/var/lib/kubelet/plugins_registry/', '/opt/rke/var/lib/kubelet/plugins/topolvm.cybozu.com/node', '/run/topolvm']));
    expect(container(node, 'csi-registrar').command).toContain('--kubelet-registration-path=/opt/rke/var/lib/kubelet/plugins/topolvm.cybozu.com/node/csi-topolvm.sock');
    expect(container(node, 'topolvm-node').command).toContain('--lvmd-socket=/run/lvmd/lvmd.sock');
    expect(findManifest(site, 'CustomResourceDefinition', 'logicalvolumes.topolvm.cybozu.com').apiVersion).toBe('apiextensions.k8s.io/v1beta1');
  });

  test('THEN the extender DaemonSet runs on RKE1 control-plane nodes with hostNetwork and the rke1 tolerations, configured by flags', () => {
    const ds = findManifest(site, 'DaemonSet', 'topolvm-scheduler');
    const spec = ds.spec.template.spec;
    expect(spec.hostNetwork).toBe(true);
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe('node-role.kubernetes.io/controlplane');
    expect(spec.tolerations.map((t: any) => t.key)).toEqual(['CriticalAddonsOnly', 'node-role.kubernetes.io/controlplane', 'node-role.kubernetes.io/etcd']);
    expect(spec.containers[0].command).toEqual(['/topolvm-scheduler', '--listen=localhost:9251', '--divisor=1']);
  });

  test('THEN the webhook is v1beta1 with pod and PVC hooks, skips namespaces by the legacy label (set on topolvm-system), and cert-manager issues its certificate', () => {
    const hook = findManifest(site, 'MutatingWebhookConfiguration', 'topolvm-hook');
    expect(hook.apiVersion).toBe('admissionregistration.k8s.io/v1beta1');
    expect(hook.webhooks.map((w: any) => w.name)).toEqual(['pod-hook.topolvm.cybozu.com', 'pvc-hook.topolvm.cybozu.com']);
    expect(hook.webhooks[0].namespaceSelector.matchExpressions).toEqual([{ key: 'topolvm.cybozu.com/webhook', operator: 'NotIn', values: ['ignore'] }]);
    expect(hook.metadata.annotations['cert-manager.io/inject-ca-from']).toBe('topolvm-system/topolvm-mutatingwebhook');
    expect(findManifest(site, 'Namespace', 'topolvm-system').metadata.labels).toEqual({ 'topolvm.cybozu.com/webhook': 'ignore' });
    expect(findManifest(site, 'Certificate', 'topolvm-mutatingwebhook').spec.dnsNames).toEqual(['topolvm-controller', 'topolvm-controller.topolvm-system', 'topolvm-controller.topolvm-system.svc']);
    expect(findManifest(site, 'Certificate', 'topolvm-webhook-ca').spec.isCA).toBe(true);
    expect(container(findManifest(site, 'Deployment', 'topolvm-controller'), 'topolvm-controller').ports[0]).toEqual({ containerPort: 8443, name: 'webhook', protocol: 'TCP' });
  });

  test('THEN the host artifacts are the v1alpha1 config + Policy JSON with the extender, lvmd.service with --volume-group=myvg, and the RKE1 cluster.yml snippet', () => {
    const cfg = YAML.parse(artifact(site, 'host/kube-scheduler/scheduler-config.yaml'));
    expect(cfg).toMatchObject({ apiVersion: 'kubescheduler.config.k8s.io/v1alpha1', algorithmSource: { policy: { file: { path: '/etc/kubernetes/scheduler/scheduler-policy.cfg' } } }, clientConnection: { kubeconfig: '/etc/kubernetes/ssl/kubecfg-kube-scheduler.yaml' } });
    const policy = JSON.parse(artifact(site, 'host/kube-scheduler/scheduler-policy.cfg'));
    expect(policy.extenders[0]).toMatchObject({ urlPrefix: 'http://127.0.0.1:9251', filterVerb: 'predicate', prioritizeVerb: 'prioritize', managedResources: [{ name: 'topolvm.cybozu.com/capacity', ignoredByScheduler: true }] });
    expect(artifact(site, 'host/lvmd/lvmd.service')).toMatch(/^ExecStart=\/opt\/sbin\/lvmd --volume-group=myvg --listen=\/run\/topolvm\/lvmd.sock$/m);
    expect(YAML.parse(artifact(site, 'host/rke1/cluster.yml'))).toEqual({ services: { scheduler: { extra_args: { config: '/etc/kubernetes/scheduler/scheduler-config.yaml' }, extra_binds: ['/etc/kubernetes/scheduler:/etc/kubernetes/scheduler'] } } });
    const readme = artifact(site, 'host/README.md');
    const order = ['vgcreate myvg', 'systemctl daemon-reload', 'kubectl label namespace kube-system', 'Install cert-manager', 'scheduler-policy.cfg', 'rke up', 'Sync the manifests'].map((s) => readme.indexOf(s));
    expect(order.every((x) => x >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('THEN the StorageClass topolvm-provisioner is xfs, WaitForFirstConsumer, without device-class parameter', () => {
    const sc = findManifest(site, 'StorageClass', 'topolvm-provisioner');
    expect(sc).toMatchObject({ provisioner: 'topolvm.cybozu.com', volumeBindingMode: 'WaitForFirstConsumer', parameters: { 'csi.storage.k8s.io/fstype': 'xfs' } });
    expect(sc.allowVolumeExpansion).toBeUndefined();
    expect(Object.keys(sc.parameters)).toEqual(['csi.storage.k8s.io/fstype']);
  });
});

describe('GIVEN podSecurityPolicies', () => {
  test('WHEN set on the rancher-rke1 site THEN the node and scheduler PSPs allow exactly what those pods need, and a Role lets their service accounts use them', () => {
    const site = rancherRke1(new App());
    const node = findManifest(site, 'PodSecurityPolicy', 'topolvm-node');
    expect(node.spec).toMatchObject({ privileged: true, allowedHostPaths: [{ pathPrefix: '/opt/rke/var/lib/kubelet', readOnly: false }, { pathPrefix: '/run/topolvm', readOnly: false }] });
    expect(findManifest(site, 'PodSecurityPolicy', 'topolvm-scheduler').spec).toMatchObject({ privileged: false, hostNetwork: true, runAsUser: { rule: 'MustRunAsNonRoot' } });
    expect(findManifest(site, 'Role', 'topolvm-system:psp').rules[0].resourceNames).toEqual(['topolvm-node', 'topolvm-scheduler']);
    expect(findManifest(site, 'RoleBinding', 'topolvm-system:psp').subjects.map((s: any) => s.name)).toEqual(['topolvm-node', 'topolvm-scheduler']);
  });

  test('WHEN set on Kubernetes 1.33 (PodSecurityPolicy removed in 1.25) THEN it is rejected', () => {
    const { site } = newSite({ topolvmVersion: '0.41.0' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], podSecurityPolicies: true }));
    expectHelpful(e.message, { path: 'test-site/topolvm: podSecurityPolicies', value: '1.33.0', allowed: /Kubernetes <1\.25\.0/, fix: /Pod Security Admission/ });
  });
});

describe('GIVEN TopoLVM device classes', () => {

  test('WHEN two device classes are default THEN it is rejected (lvmd refuses to start)', () => {
    const { make } = modernTopolvm({ deviceClasses: [{ name: 'nvme', volumeGroup: 'a', default: true }, { name: 'ssd', volumeGroup: 'b', default: true }] });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: deviceClasses', value: /nvme.*ssd/, allowed: /exactly one class with default: true/, fix: /keep default: true on one class/ });
  });

  test('WHEN v0.2.2 gets two device classes THEN the error names the versions with device classes', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: undefined, topolvmVersion: '0.2.2' });
    const e = configError(() => new TopoLVM(site, 'topolvm', {
      deviceClasses: [{ name: 'a', volumeGroup: 'a', default: true }, { name: 'b', volumeGroup: 'b' }], lvmd: { mode: 'systemd' },
      scheduling: { extenderDaemonSet: { preset: 'rke1' } }, webhook: { certManager: true },
    }));
    expectHelpful(e.message, { path: 'test-site/topolvm: deviceClasses', value: '0.2.2', allowed: /TopoLVM v0\.5–v0\.41/, fix: /exactly one class/ });
  });
});

describe('GIVEN a TopoLVM version and domain', () => {
  test('WHEN topolvm.io is asked on v0.2.2 THEN it is rejected, naming the versions with that domain', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: undefined, topolvmVersion: '0.2.2' });
    const e = configError(() => new TopoLVM(site, 'topolvm', {
      domain: 'topolvm.io', deviceClasses: [{ name: 'myvg', volumeGroup: 'myvg' }], lvmd: { mode: 'systemd' },
      scheduling: { extenderDaemonSet: { preset: 'rke1' } }, webhook: { certManager: true },
    }));
    expectHelpful(e.message, { path: 'test-site/topolvm: domain', value: '0.2.2', allowed: /TopoLVM v0\.16–v0\.41 \(range >=0\.16\.0\)/, fix: /topolvm\.cybozu\.com/ });
  });

  test('WHEN lvmd is embedded on v0.8.3 THEN it is rejected, naming the versions that embed lvmd', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: undefined, topolvmVersion: '0.8.3' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, lvmd: { mode: 'embedded' }, scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } }));
    expectHelpful(e.message, { path: 'test-site/topolvm: lvmd.mode', value: '0.8.3', allowed: /v0\.23–v0\.41/, fix: /daemonset/ });
  });
});
