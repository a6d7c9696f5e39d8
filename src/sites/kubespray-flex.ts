import { ApiObject, App } from 'cdk8s';
import { CephCsi, FlexStorageClass, FlexVolume, RookCluster, RookOperator, Site, SiteProps } from '..';
import { hasFeature } from '../versions';
import { place } from '../site/layers';
import { ensureNamespace } from '../site/namespace';

/**
 * kubespray-flex: a cluster first installed with kubespray < 2.11 (kubelet flex dir /var/lib/kubelet/volume-plugins),
 * now on Kubernetes 1.19.0 with Rook v1.7.11, the last Rook line with FlexVolume. Synced by Argo CD.
 * The operator is the v1.7.11 Helm chart (an Argo CD Application); FlexVolume sets its flex values, CephCsi its CSI values.
 * @param overrides Site props for tests (e.g. an upgrade to a Rook without FlexVolume: the class is then its CSI twin)
 */
export function kubesprayFlex(app: App, overrides: Partial<SiteProps> = {}): Site {
  const site = new Site(app, 'kubespray-flex', {
    kubernetesVersion: '1.19.0',
    rookVersion: '1.7.11',
    gitops: { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', path: 'dist/kubespray-flex' },
    nodes: [{ name: 'ks-node-1' }, { name: 'ks-node-2' }, { name: 'ks-node-3' }],
    ...overrides,
  });

  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator });

  const cluster = new RookCluster(site, 'cluster', {
    name: 'rook-ceph',
    namespace: 'rook-ceph',
    mon: { count: 3 },
    storage: { useAllNodes: true, deviceFilter: '^sd[b-c]$' },
  });
  const replicapool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });

  if (hasFeature(site.versions, 'flexVolume')) {
    new FlexVolume(site, 'flex', { operator, platform: 'kubespray-pre-2.11' });
    new FlexStorageClass(site, 'rook-ceph-block', { pool: replicapool, isDefault: true });
  } else {
    // tests (overrides) on a Rook without FlexVolume: the class's CSI twin, same name
    replicapool.addStorageClass('rook-ceph-block', { isDefault: true });
  }

  // Example workload: a StatefulSet whose volumes come from the flex class.
  const ns = 'flex-demo';
  ensureNamespace(site, ns);
  const labels = { app: 'flex-demo' };
  place(new ApiObject(site, 'DemoService', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'flex-demo', namespace: ns, labels },
    spec: { clusterIP: 'None', selector: labels, ports: [{ name: 'http', port: 80 }] },
  }), 'tools');
  place(new ApiObject(site, 'DemoStatefulSet', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'flex-demo', namespace: ns, labels },
    spec: {
      serviceName: 'flex-demo',
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            name: 'web',
            image: 'nginx:1.19',
            ports: [{ name: 'http', containerPort: 80 }],
            volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html' }],
          }],
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'rook-ceph-block', resources: { requests: { storage: '1Gi' } } },
      }],
    },
  }), 'tools');
  return site;
}
