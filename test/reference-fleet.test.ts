/**
 * The reference fleet end to end: every site that runs Ceph brings the operator and the CSI drivers its classes
 * name, wired for the site's GitOps engine.
 */
import { App } from 'cdk8s';
import { externalCeph } from '../src/sites/external-ceph';
import { necoHyperconverged } from '../src/sites/neco-hyperconverged';
import { findManifest, manifests, nonEmpty } from './helpers';

describe('GIVEN the external-ceph site (Flux)', () => {
  const site = externalCeph(new App());

  test('THEN the operator is a Flux HelmRelease of the v1.20.6 chart and the CSI Drivers match the StorageClass provisioners', () => {
    const hr = findManifest(site, 'HelmRelease', 'rook-ceph');
    expect(hr.spec.chart.spec).toMatchObject({ chart: 'rook-ceph', version: 'v1.20.6' });
    const drivers = manifests(site).filter((m) => m.kind === 'Driver').map((m) => m.metadata.name).sort();
    expect(drivers).toEqual(['rook-ceph.cephfs.csi.ceph.com', 'rook-ceph.rbd.csi.ceph.com']);
    for (const sc of nonEmpty(manifests(site).filter((m) => m.kind === 'StorageClass'), 'StorageClass of external-ceph')) expect(drivers).toContain(sc.provisioner);
  });

  test('THEN each Flux Kustomization points at its layer folder relative to the repository root, even when the path was given as ./dist/...', () => {
    const paths = manifests(site).filter((m) => m.kind === 'Kustomization').map((m) => m.spec.path).sort();
    expect(paths).toContain('./dist/external-ceph/30-cluster');
    for (const p of paths) expect(p).toMatch(/^\.\/dist\/external-ceph\/\d\d-[a-z]+$/);
  });

  test('THEN the cluster namespace RBAC comes once, from the ExternalCluster (the common-external set)', () => {
    const rbac = manifests(site).filter((m) => m.metadata?.namespace === 'rook-ceph-external' && /Role|ServiceAccount/.test(m.kind));
    expect(rbac.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'Role/rook-ceph-cmd-reporter', 'RoleBinding/rook-ceph-cluster-mgmt', 'RoleBinding/rook-ceph-cmd-reporter',
      'ServiceAccount/rook-ceph-cmd-reporter', 'ServiceAccount/rook-ceph-default',
    ]);
  });
});

describe('GIVEN the neco-hyperconverged site (Argo CD)', () => {
  const site = necoHyperconverged(new App());

  test('THEN the operator in rook-ceph gets the RBAC of the cluster namespace ceph-hyperconverged, and workloads get a rack-replicated class', () => {
    expect(findManifest(site, 'Application', 'neco-hyperconverged-rook-ceph-operator').spec.destination.namespace).toBe('rook-ceph');
    expect(findManifest(site, 'RoleBinding', 'rook-ceph-cluster-mgmt').metadata.namespace).toBe('ceph-hyperconverged');
    expect(findManifest(site, 'CephBlockPool', 'replicapool').spec).toMatchObject({ failureDomain: 'rack', replicated: { size: 3 } });
    expect(findManifest(site, 'StorageClass', 'ceph-block').parameters.clusterID).toBe('ceph-hyperconverged');
  });
});
