/** Toolbox (src/rook/toolbox.ts): the rook-ceph-tools Deployment of a cluster. */
import { Toolbox } from '../src';
import { configError, findManifest, manifests, rookClusterSite, threeNodeRookSite } from './helpers';

describe('GIVEN the Toolbox', () => {
  test('WHEN it is added THEN the optional rook-config-override ConfigMap is mounted read-only where the script merges it into ceph.conf', () => {
    const { site, cluster } = rookClusterSite();
    new Toolbox(site, 'tools', { cluster });
    const pod = findManifest(site, 'Deployment', 'rook-ceph-tools').spec.template.spec;
    expect(pod.volumes.find((v: any) => v.name === 'rook-config-override')).toEqual({ name: 'rook-config-override', configMap: { name: 'rook-config-override', optional: true } });
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.name === 'rook-config-override');
    expect(mount).toEqual({ name: 'rook-config-override', mountPath: '/etc/rook-config-override', readOnly: true });
    expect(pod.containers[0].command[2]).toContain(`${mount.mountPath}/config`);
  });

  test('WHEN imagePullPolicy is set THEN it is written; unset, the Kubernetes default for the image is', () => {
    const a = rookClusterSite();
    new Toolbox(a.site, 'tools', { cluster: a.cluster, image: 'quay.io/ceph/ceph:v20', imagePullPolicy: 'Never' });
    expect(findManifest(a.site, 'Deployment', 'rook-ceph-tools').spec.template.spec.containers[0].imagePullPolicy).toBe('Never');
    const b = rookClusterSite();
    new Toolbox(b.site, 'tools', { cluster: b.cluster, image: 'quay.io/ceph/ceph:latest' });
    expect(findManifest(b.site, 'Deployment', 'rook-ceph-tools').spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
  });

  test('WHEN imagePullPolicy is not a policy THEN it is refused with the policies', () => {
    const { site, cluster } = rookClusterSite();
    const e = configError(() => new Toolbox(site, 'tools', { cluster, imagePullPolicy: 'Sometimes' as any }));
    expect(e.message).toMatch(/imagePullPolicy/);
    expect(e.message).toMatch(/IfNotPresent/);
  });
});

describe('GIVEN the toolbox and the dashboard exposure', () => {
  test('THEN the toolbox runs the cluster\'s Ceph image in its namespace, in the tools layer', () => {
    const { site, cluster } = threeNodeRookSite({ namespace: 'rook-ceph' });
    new Toolbox(site, 'toolbox', { cluster });
    const d = manifests(site).find((m) => m.kind === 'Deployment' && m.metadata.name === 'rook-ceph-tools');
    expect(d.metadata.namespace).toBe('rook-ceph');
    expect(d.spec.template.spec.containers[0].image).toBe('quay.io/ceph/ceph:v20.2.4');
    expect(d.spec.template.spec.volumes.find((v: any) => v.name === 'mon-endpoint-volume').configMap.name).toBe('rook-ceph-mon-endpoints');
  });
});
