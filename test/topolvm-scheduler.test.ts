/** TopoLVMScheduler (src/topolvm/topolvm-scheduler.ts): the scheduler extender (DaemonSet or Deployment), capacity tracking and the kube-scheduler configuration per Kubernetes version. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthApp, TopoLVM } from '../src';
import { artifact, configError, expectHelpful, findManifest, modernTopolvm, newSite, NVME, UPSTREAM } from './helpers';
import * as YAML from 'yaml';
import { defaultKubeSchedulerApiVersion } from '../src/topolvm/topolvm-scheduler';

describe('GIVEN a TopoLVM scheduling choice', () => {
  test('WHEN capacity tracking is asked on Kubernetes 1.20 THEN it is rejected, naming the Kubernetes versions that have it and the extender fix', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: undefined, topolvmVersion: '0.8.3' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME, scheduling: { capacityTracking: {} } }));
    expectHelpful(e.message, { path: 'test-site/topolvm: scheduling.capacityTracking', value: '1.20.0', allowed: /Kubernetes >=1\.21\.0/, fix: /extenderDaemonSet/ });
  });

  test('WHEN no scheduling is given on Kubernetes 1.20 THEN the capacity-tracking default is rejected the same way (no silent switch)', () => {
    const { site } = newSite({ kubernetesVersion: '1.20.0', rookVersion: undefined, topolvmVersion: '0.8.3' });
    const e = configError(() => new TopoLVM(site, 'topolvm', { deviceClasses: NVME }));
    expectHelpful(e.message, { path: 'scheduling.capacityTracking', allowed: /1\.21/ });
  });

  test('WHEN both an extender and capacity tracking are set THEN it is rejected as alternatives', () => {
    const { make } = modernTopolvm({ scheduling: { capacityTracking: {}, extenderDaemonSet: { preset: 'kubeadm' } }, webhook: { certManager: true } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: scheduling.extenderDaemonSet', allowed: /exactly one of capacityTracking, extenderDaemonSet, extenderDeployment/, fix: /keep one/ });
    expect(e.message).toMatch(/capacityTracking and extenderDaemonSet/);
  });

  test('WHEN schedulerConfigApiVersion is v1 on Kubernetes 1.16 THEN it is rejected, listing what 1.16 serves', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: undefined, topolvmVersion: '0.2.2' });
    const e = configError(() => new TopoLVM(site, 'topolvm', {
      platform: 'rke1', deviceClasses: [{ name: 'myvg', volumeGroup: 'myvg' }], lvmd: { mode: 'systemd' },
      scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true }, schedulerConfigApiVersion: 'v1',
    }));
    expectHelpful(e.message, { path: 'test-site/topolvm: schedulerConfigApiVersion', value: /"v1"/, allowed: /"v1alpha1"/, fix: /default for 1\.16\.0 is "v1alpha1"/ });
  });

  test('WHEN schedulerConfigApiVersion is v1beta3 on Kubernetes 1.33 THEN it is rejected (removed in 1.29)', () => {
    const { make } = modernTopolvm({ scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true }, schedulerConfigApiVersion: 'v1beta3' });
    const e = configError(make);
    expectHelpful(e.message, { path: 'schedulerConfigApiVersion', value: /v1beta3/, allowed: /"v1"/ });
  });

  test('WHEN the extender Deployment sits behind a ClusterIP THEN synth writes the site but warns with the fix, and the CLI-facing result carries it', () => {
    const { app, make } = modernTopolvm({ scheduling: { extenderDeployment: { serviceType: 'ClusterIP' } }, webhook: { certManager: true } });
    make();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-warn-'));
    const r = synthApp(app, { outdir: out, upstreamDir: UPSTREAM });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^test-site: test-site\/topolvm: scheduling\.extenderDeployment\.serviceType: .*ClusterIP.*cannot reach/);
    expect(r.warnings[0]).toMatch(/fix: use serviceType "LoadBalancer" \(or "NodePort"\) and set urlPrefix/);
    expect(fs.existsSync(path.join(out, 'test-site', 'host', 'kube-scheduler', 'scheduler-config.yaml'))).toBe(true);
  });

  test('WHEN the extender Deployment is a LoadBalancer without urlPrefix THEN it is rejected (kube-scheduler needs the address)', () => {
    const { make } = modernTopolvm({ scheduling: { extenderDeployment: {} }, webhook: { certManager: true } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'scheduling.extenderDeployment.urlPrefix', allowed: /load balancer address/, fix: /urlPrefix/ });
  });
});

describe('GIVEN the Kubernetes version of a site', () => {
  test.each([
    ['1.16.0', 'v1alpha1'], ['1.18.5', 'v1alpha1'], ['1.19.0', 'v1beta1'], ['1.21.3', 'v1beta1'], ['1.22.0', 'v1beta2'],
    ['1.23.0', 'v1beta3'], ['1.24.9', 'v1beta3'], ['1.25.0', 'v1'], ['1.33.0', 'v1'],
  ])('WHEN it is %s THEN the kube-scheduler config apiVersion is %s', (k8s, api) => {
    expect(defaultKubeSchedulerApiVersion(k8s)).toBe(api);
  });
});

describe('GIVEN scheduling variants (each synthesized and strictly validated)', () => {
  test('WHEN extenderDaemonSet with the kubeadm preset on 1.33 THEN the v1 config, the kubeadm v1beta4 snippet and a v1 webhook with the name selector are emitted', () => {
    const { app, site } = newSite({ topolvmVersion: '0.41.0' });
    new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.warnings).toEqual([]);
    const cfg = YAML.parse(artifact(site, 'host/kube-scheduler/scheduler-config.yaml'));
    expect(cfg.apiVersion).toBe('kubescheduler.config.k8s.io/v1');
    expect(cfg.extenders[0].managedResources).toEqual([{ name: 'topolvm.io/capacity', ignoredByScheduler: true }]);
    const kubeadm = YAML.parse(artifact(site, 'host/kubeadm/cluster-configuration.yaml'));
    expect(kubeadm.apiVersion).toBe('kubeadm.k8s.io/v1beta4');
    expect(kubeadm.scheduler.extraArgs).toEqual([{ name: 'config', value: '/var/lib/scheduler/scheduler-config.yaml' }]);
    const patch = YAML.parse(artifact(site, 'host/kubeadm/patches/kube-scheduler+json.yaml'));
    expect(patch[0]).toEqual({ op: 'add', path: '/spec/containers/0/command/-', value: '--config=/var/lib/scheduler/scheduler-config.yaml' });
    expect(patch[2].value.hostPath.path).toBe('/etc/kubernetes/topolvm');
    const hook = findManifest(site, 'MutatingWebhookConfiguration', 'topolvm-hook');
    expect(hook.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(hook.webhooks.map((w: any) => w.name)).toEqual(['pod-hook.topolvm.io']);
    expect(hook.webhooks[0].namespaceSelector.matchExpressions).toContainEqual({ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'topolvm-system'] });
    // no webhook ignore label (the name selector does it); only the Pod Security labels
    expect(Object.keys(findManifest(site, 'Namespace', 'topolvm-system').metadata.labels).filter((k) => !k.startsWith('pod-security.kubernetes.io/'))).toEqual([]);
    const sched = findManifest(site, 'DaemonSet', 'topolvm-scheduler').spec.template.spec;
    expect(sched.tolerations).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(sched.containers[0].command).toEqual(['/topolvm-scheduler', '--config=/etc/topolvm/scheduler-options.yaml']);
  });

  test('WHEN extenderDeployment with a NodePort on v0.8.3 / 1.19 THEN a Deployment + NodePort Service, the v1beta1 config at urlPrefix and the kubeadm v1beta2 snippet are emitted', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: undefined, topolvmVersion: '0.8.3' });
    new TopoLVM(site, 'topolvm', {
      deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }],
      scheduling: { extenderDeployment: { serviceType: 'NodePort', nodePort: 30251, urlPrefix: 'http://10.0.0.10:30251' } },
      webhook: { certManager: true },
    });
    synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(findManifest(site, 'Service', 'topolvm-scheduler').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 9251, nodePort: 30251 }] });
    expect(findManifest(site, 'Deployment', 'topolvm-scheduler').spec.replicas).toBe(2);
    const cfg = YAML.parse(artifact(site, 'host/kube-scheduler/scheduler-config.yaml'));
    expect(cfg).toMatchObject({ apiVersion: 'kubescheduler.config.k8s.io/v1beta1', extenders: [{ urlPrefix: 'http://10.0.0.10:30251' }] });
    expect(YAML.parse(artifact(site, 'host/kubeadm/cluster-configuration.yaml')).apiVersion).toBe('kubeadm.k8s.io/v1beta2');
    expect(findManifest(site, 'ConfigMap', 'topolvm-scheduler-options').data['scheduler-options.yaml']).toMatch(/listen: 0\.0\.0\.0:9251/);
  });
});
