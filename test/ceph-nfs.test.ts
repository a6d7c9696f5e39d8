/** CephNfs (src/rook/ceph-nfs.ts): the CephNFS of a cluster. */
import { CephNfs, RookCluster, Site } from '../src';
import { configError, expectHelpful, findManifest, newSite, refusedWritingNothing } from './helpers';
import { synthValid } from './upstream-compare';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN an CephNfs is declared on Rook 1.7 THEN it is refused naming the versions that have it', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
      new CephNfs(site, 'my-nfs', { cluster: new RookCluster(site, 'cluster') });
    });
    expectHelpful(m, { path: 'test-site/my-nfs', value: '"1.7.11"', allowed: /Rook .*v1\.20\.6/, fix: /pin Rook 1\.20\.6/ });
  });
});

describe('GIVEN an NFS server', () => {
  test('WHEN port is set on Rook 1.20.6 THEN server.port is written and validates', () => {
    const { app, site } = newSite();
    new CephNfs(site, 'nfs', { cluster: new RookCluster(site, 'cluster'), port: 12049 });
    expect(findManifest(site, 'CephNFS', 'nfs').spec.server.port).toBe(12049);
    synthValid(app);
  });

  test.each([0, 65536])('WHEN port is %d THEN it is refused (1..65535)', (port) => {
    const { site } = newSite();
    expect(configError(() => new CephNfs(site, 'nfs', { cluster: new RookCluster(site, 'cluster'), port })).message).toMatch(/nfs: port/);
  });
});
