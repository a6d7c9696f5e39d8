/**
 * CephNvmeofGateway (CephNVMeOFGateway): NVMe/TCP gateways on a replicated pool of the site. Compared field by field with
 * Rook v1.20.6's nvmeof-test.yaml and its pool csi/nvmeof-nvmeof-pool.yaml. Deliberate difference: none.
 */
import { CephNvmeofGateway, RookCluster } from '../src';
import { configError, describeWithUpstream, expectHelpful, findManifest, manifests, newSite, synthError } from './helpers';
import { compareFile, printFieldReport, recordFields, synthValid } from './upstream-compare';

describeWithUpstream('GIVEN Rook v1.20.6 nvmeof-test.yaml and its pool, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 NVMe-oF examples'));

  test('WHEN the gateway and the nvmeof pool are built THEN every field is equal and the site validates', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const pool = cluster.addPool('nvmeof', { failureDomain: 'host', replicated: { size: 3 } });
    new CephNvmeofGateway(site, 'nvmeof', { cluster, pool, group: 'group-a', instances: 1, hostNetwork: false });
    const objs = manifests(site);
    const g = compareFile(objs, 'v1.20.6', 'nvmeof-test.yaml', undefined, 'rook-lines');
    expect(g.differences).toEqual({});
    expect(g.equal).toBe(8);
    const p = compareFile(objs, 'v1.20.6', 'csi/nvmeof-nvmeof-pool.yaml', undefined, 'rook-lines');
    expect(p.differences).toEqual({ 'CephBlockPool/nvmeof': ['spec.replicated.requireSafeReplicaSize: (none) -> true'] });
    recordFields('v1.20.6/nvmeof-test.yaml', g.equal);
    recordFields('v1.20.6/csi/nvmeof-nvmeof-pool.yaml', p.equal);
    synthValid(app);
  });
});

describe('GIVEN a cluster with pools', () => {
  test('WHEN the pool is given by name and ports are set THEN the gateway names the Ceph pool and carries the ports', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('nvme-images', { replicated: { size: 3 } });
    new CephNvmeofGateway(site, 'gw', { cluster, pool: 'nvme-images', group: 'g1', instances: 2, ports: { gatewayPort: 5500, ioPort: 4420, discoveryPort: 8009, monitorPort: 5499 } });
    const spec = findManifest(site, 'CephNVMeOFGateway', 'gw').spec;
    expect(spec).toMatchObject({ pool: 'nvme-images', group: 'g1', instances: 2, ports: { gatewayPort: 5500, ioPort: 4420, discoveryPort: 8009, monitorPort: 5499 } });
  });

  test('WHEN the pool does not exist in the site THEN synth refuses, listing the pools there are', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephNvmeofGateway(site, 'gw', { cluster, pool: 'nvmeof', group: 'g1' });
    expectHelpful(synthError(app).message, { path: /gw: pool/, value: /nvmeof/, allowed: /"replicapool"/, fix: /cluster\.addPool/ });
  });

  test('WHEN the pool is erasure-coded THEN synth refuses: RBD image metadata needs a replicated pool', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const ec = cluster.addPool('ec', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    new CephNvmeofGateway(site, 'gw', { cluster, pool: ec, group: 'g1' });
    expectHelpful(synthError(app).message, { path: /gw: pool/, value: /ec/, allowed: /replicated CephBlockPool/ });
  });

  test.each([
    ['two ports alike', { ports: { gatewayPort: 5500, monitorPort: 5500 } }, /monitorPort 5500 is also gatewayPort/],
    ['no instances', { instances: 0 }, /instances/],
    ['an empty group', { group: '' }, /group/],
    ['an unknown node-affinity operator', { placement: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Equal', values: ['v'] }] }] } } } }, /In, NotIn, Exists, DoesNotExist, Gt, Lt/],
  ])('WHEN it has %s THEN it is a ConfigError', (_what, extra, message) => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const pool = cluster.addPool('nvmeof', { replicated: { size: 3 } });
    expect(configError(() => new CephNvmeofGateway(site, 'gw', { cluster, pool, group: 'g1', ...(extra as object) })).message).toMatch(message);
  });

  test('WHEN the site pins Rook 1.7.11 THEN the gateway is refused with the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    const cluster = new RookCluster(site, 'cluster');
    expectHelpful(configError(() => new CephNvmeofGateway(site, 'gw', { cluster, pool: 'nvmeof', group: 'g1' })).message, { path: /gw/, value: /1\.7\.11/, allowed: /1\.20\.6/ });
  });
});
