/** Toolbox (src/rook/toolbox.ts): the rook-ceph-tools Deployment of a cluster. */
import { DashboardExposure, RookCluster, Site, synthApp, Toolbox } from '../src';
import { configError, findManifest, manifests, newSite, rookClusterSite, threeNodeRookSite, UPSTREAM } from './helpers';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { placementOf } from '../src/site/layers';

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

describe('GIVEN a Toolbox (cdk8s-plus Deployment)', () => {
  function toolbox(props: Partial<ConstructorParameters<typeof Toolbox>[2]> = {}) {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { namespace: 'rook-ceph' });
    const tb = new Toolbox(site, 'toolbox', { cluster, ...props });
    return { site, tb, d: findManifest(site, 'Deployment', 'rook-ceph-tools') };
  }

  test('THEN the object is the cdk8s-plus Deployment\'s ApiObject, id Resource, placed in the tools layer', () => {
    const { tb } = toolbox();
    const dep = tb.node.findChild('Resource');
    expect(dep).toBeInstanceOf(kplus.Deployment);
    expect(tb.resource).toBe(ApiObject.of(dep));
    expect(tb.resource.node.id).toBe('Resource');
    expect(placementOf(tb.resource)?.layer).toBe('tools');
  });

  test('THEN it runs the Ceph image with the mon secret env, a tty, and no cdk8s-plus selector label, resources or hardening it never had', () => {
    const { d } = toolbox();
    const c = d.spec.template.spec.containers[0];
    expect(c.image).toBe('quay.io/ceph/ceph:v20.2.4');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.env).toEqual([{ name: 'ROOK_CEPH_USERNAME', valueFrom: { secretKeyRef: { name: 'rook-ceph-mon', key: 'ceph-username' } } }]);
    expect(c.tty).toBe(true);
    expect(c.resources).toBeUndefined();
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 2016, runAsGroup: 2016, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: false });
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'rook-ceph-tools' } });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'rook-ceph-tools' });
    expect(d.spec.template.spec.securityContext).toBeUndefined();
    expect(d.spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(d.spec.template.spec.serviceAccountName).toBe('rook-ceph-default');
    expect(d.spec.template.spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
  });

  test('WHEN resources, tolerations and a node selector are given THEN they reach the pod as written', () => {
    const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '1Gi' } };
    const { d } = toolbox({ resources, tolerations: [{ key: 'storage', operator: 'Exists' }], nodeSelector: { role: 'storage' }, image: 'quay.io/ceph/ceph:latest' });
    const spec = d.spec.template.spec;
    expect(spec.containers[0].resources).toEqual(resources);
    expect(spec.containers[0].imagePullPolicy).toBe('Always');
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
      { key: 'storage', operator: 'Exists' },
    ]);
    expect(spec.nodeSelector).toEqual({ role: 'storage' });
  });

  test('WHEN the site runs Kubernetes 1.16 THEN the toolbox and dashboard Service pass the strict 1.16 schemas', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
    const site = new Site(app, 'old', { kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster', { namespace: 'rook-ceph', dashboard: { enabled: true, ssl: true } });
    new Toolbox(site, 'toolbox', { cluster });
    new DashboardExposure(site, 'dash', { cluster });
    expect(() => synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM })).not.toThrow();
    expect(findManifest(site, 'Deployment', 'rook-ceph-tools').spec.template.spec.setHostnameAsFQDN).toBeUndefined();
  });
});
