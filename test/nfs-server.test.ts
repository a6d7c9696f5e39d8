/** NfsServer (src/rook/nfs-server.ts): the CephNFS of a cluster. */
import { NfsServer, RookCluster, Site } from '../src';
import { expectHelpful, refusedWritingNothing } from './helpers';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN an NfsServer is declared on Rook 1.7 THEN it is refused naming the versions that have it', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
      new NfsServer(site, 'my-nfs', { cluster: new RookCluster(site, 'cluster') });
    });
    expectHelpful(m, { path: 'test-site/my-nfs', value: '"1.7.11"', allowed: /Rook .*v1\.20\.6/, fix: /pin Rook 1\.20\.6/ });
  });
});
