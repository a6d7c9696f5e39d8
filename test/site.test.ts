/** Site (src/site/site.ts): the pinned versions, its props and its place in an App. */
import * as fs from 'fs';
import { App } from 'cdk8s';
import { CephRbdStorageClass, RookCluster, Site } from '../src';
import { configError, expectHelpful, labSite, newSite, synthError, tmpDir } from './helpers';

describe('GIVEN a Site in a plain cdk8s App', () => {
  test('WHEN cdk8s App.synth() runs THEN it is refused with a pointer to StorageApp instead of writing unvalidated YAML', () => {
    const dir = tmpDir('gs-plain-');
    const app = new App({ outdir: dir });
    labSite(app);
    const e = configError(() => app.synth());
    expect(e.message).toMatch(/plain cdk8s App[\s\S]*fix: build sites in `new StorageApp\(\)`/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('WHEN the site name is not a DNS label THEN the error is a ConfigError with the suggested name, not a zod dump', () => {
    const e = configError(() => new Site(new App(), 'Lab_One', { kubernetesVersion: '1.33.0' }));
    expect(e.message).toMatch(/site Lab_One: name: not a DNS-1123 label[\s\S]*got: "Lab_One"[\s\S]*fix: use a name like "lab-one"/);
    expect(e.message).not.toMatch(/"code":/);
  });
});

describe('GIVEN a Site', () => {
  test.each(['1.15.0', '1.37.0', '1.33'])('WHEN kubernetesVersion is %p THEN it is rejected', (v) => {
    const e = configError(() => new Site(new App(), 's', { kubernetesVersion: v }));
    expectHelpful(e.message, { path: 's: kubernetesVersion', value: v, allowed: /1\.16\.0 to 1\.36/ });
  });

  test('WHEN rookVersion names a line without data THEN the pinned patches of every line are listed', () => {
    const e = configError(() => new Site(new App(), 's', { kubernetesVersion: '1.33.0', rookVersion: '1.21.0' }));
    expectHelpful(e.message, { path: 's: rookVersion', value: '1.21.0', allowed: /1\.19\.10, 1\.20\.6/ });
  });

  test('WHEN Rook v1.20.6 is pinned on Kubernetes 1.27.0 THEN the supported range is named', () => {
    const e = configError(() => new Site(new App(), 's', { kubernetesVersion: '1.27.0', rookVersion: '1.20.6' }));
    expectHelpful(e.message, { path: 's: rookVersion', value: '1.27.0', allowed: />=1\.31\.0/ });
  });

  test('WHEN a Rook construct is added to a site without rookVersion THEN it says to pin one', () => {
    const site = new Site(new App(), 's', { kubernetesVersion: '1.33.0' });
    const e = configError(() => new RookCluster(site, 'cluster'));
    expectHelpful(e.message, { path: 's/cluster', fix: /set rookVersion on the Site/ });
  });
});

describe('GIVEN StorageClasses', () => {
  test('WHEN two names collide in one namespace THEN synth fails naming both constructs', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('a', { name: 'replicapool', replicated: { size: 3 } });
    cluster.addPool('b', { name: 'replicapool', replicated: { size: 3 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster/b', value: 'replicapool', allowed: /unique per kind and namespace/, fix: /rename/ });
    expect(e.message).toMatch(/test-site\/cluster\/a already uses it/);
  });

  test('WHEN two StorageClasses are marked default THEN synth fails', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'one', { pool, isDefault: true });
    new CephRbdStorageClass(site, 'two', { pool, isDefault: true });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site: isDefault', allowed: /at most one default StorageClass/ });
    expect(e.message).toMatch(/one, two/);
  });
});
