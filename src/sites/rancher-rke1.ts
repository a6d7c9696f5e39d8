import { App } from 'cdk8s';
import { Site, TopoLVM } from '..';

/**
 * rancher-rke1: the seed's TopoLVM v0.2.2 on Rancher RKE1, Kubernetes 1.16.0.
 * lvmd runs under systemd on volume group `myvg`; the scheduler extender runs as a DaemonSet on the
 * RKE1 control-plane nodes; the pod webhook's certificate comes from cert-manager.
 * kube-scheduler wiring (v1alpha1 config + Policy file, cluster.yml snippet) is under host/.
 */
export function rancherRke1(app: App): Site {
  const site = new Site(app, 'rancher-rke1', {
    kubernetesVersion: '1.16.0',
    topolvmVersion: '0.2.2',
  });

  const topolvm = new TopoLVM(site, 'topolvm', {
    platform: 'rke1',
    deviceClasses: [{ name: 'myvg', volumeGroup: 'myvg' }],
    lvmd: { mode: 'systemd' },
    scheduling: { extenderDaemonSet: { preset: 'rke1' } },
    webhook: { certManager: true },
    // as the v0.2.2 manifests: PSPs for clusters with the PodSecurityPolicy admission plugin (RKE1 pod_security_policy: true)
    podSecurityPolicies: true,
  });

  topolvm.addStorageClass('topolvm-provisioner', { fsType: 'xfs' });
  return site;
}
