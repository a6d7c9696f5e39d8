/**
 * CephObjectStoreAccount (CephObjectStoreAccount, Rook v1.20) and CephObjectStoreUser accountRef: the account lives in a store of
 * the site, users join it by reference, and older Rook lines refuse both with the standard version error.
 * Compared field by field with Rook v1.20.6's object-account.yaml.
 */
import { CephObjectStoreAccount, CephObjectStoreUser, RookCluster } from '../src';
import { configError, describeWithUpstream, expectHelpful, findManifest, newSite, synthError } from './helpers';
import { compareFile, printFieldReport, recordFields, synthValid } from './upstream-compare';
import { manifests } from './helpers';

describeWithUpstream('GIVEN Rook v1.20.6 object-account.yaml, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 object account example'));

  test('WHEN the account is built for my-store THEN every field is equal and the site validates', () => {
    const { app, site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    new CephObjectStoreAccount(site, 'my-account', { store });
    const c = compareFile(manifests(site), 'v1.20.6', 'object-account.yaml', undefined, 'rook-lines');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(5);
    recordFields('v1.20.6/object-account.yaml', c.equal);
    synthValid(app);
  });
});

describe('GIVEN an object store of the site', () => {
  test('WHEN an account sets its RGW name, ID and root user and a user joins it THEN both objects carry them', () => {
    const { site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const account = new CephObjectStoreAccount(site, 'team-a', { store, accountName: 'Team A', accountId: 'RGW00889737169837717', rootUser: { displayName: 'team-a-root' } });
    new CephObjectStoreUser(site, 'alice', { store, accountRef: account });
    expect(findManifest(site, 'CephObjectStoreAccount', 'team-a').spec).toEqual({ store: 'my-store', name: 'Team A', accountID: 'RGW00889737169837717', rootUser: { displayName: 'team-a-root' } });
    expect(findManifest(site, 'CephObjectStoreUser', 'alice').spec.accountRef).toEqual({ name: 'team-a' });
  });

  test.each([
    ['accountId', { accountId: 'RGW123' }, /RGW" and 17 digits/],
    ['accountName', { accountName: 'team/a' }, /not an RGW account name/],
    ['rootUser', { rootUser: { displayName: 'a b' } }, /not a display name/],
  ])('WHEN %s breaks the CRD pattern THEN it is a ConfigError naming the field', (field, extra, message) => {
    const { site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const e = configError(() => new CephObjectStoreAccount(site, 'a', { store, ...extra }));
    expect(e.message).toMatch(new RegExp(`a: ${field}`));
    expect(e.message).toMatch(message);
  });

  test('WHEN a user names an account the site does not declare THEN synth refuses, listing the accounts there are', () => {
    const { app, site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    new CephObjectStoreAccount(site, 'team-a', { store });
    new CephObjectStoreUser(site, 'alice', { store, accountRef: 'team-b' });
    expectHelpful(synthError(app).message, { path: /alice: accountRef/, value: /team-b/, allowed: /"team-a"/, fix: /new CephObjectStoreAccount/ });
  });

  test('WHEN a user joins an account of another store THEN synth refuses: accounts do not span stores', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const a = cluster.addObjectStore('store-a', { gateway: { port: 80 } });
    const b = cluster.addObjectStore('store-b', { gateway: { port: 80 } });
    const account = new CephObjectStoreAccount(site, 'team-a', { store: a });
    new CephObjectStoreUser(site, 'alice', { store: b, accountRef: account });
    expectHelpful(synthError(app).message, { path: /alice: accountRef/, value: /team-a/, fix: /store "store-b"/ });
  });

  test('WHEN the account names a store the site does not have THEN synth refuses', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('my-store', { gateway: { port: 80 } });
    new CephObjectStoreAccount(site, 'a', { store: 'other-store', cluster });
    expectHelpful(synthError(app).message, { path: /a: store/, value: /other-store/, allowed: /"my-store"/ });
  });
});

describe('GIVEN Rook v1.7.11', () => {
  test('WHEN an account or a user accountRef is declared THEN each is refused with the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    expectHelpful(configError(() => new CephObjectStoreAccount(site, 'a', { store })).message, { path: /a/, value: /1\.7\.11/, allowed: /1\.20\.6/, fix: /pin one of those versions/ });
    expectHelpful(configError(() => new CephObjectStoreUser(site, 'u', { store, accountRef: 'a' })).message, { path: /u: accountRef/, value: /1\.7\.11/, allowed: /1\.20\.6/, fix: /remove accountRef/ });
  });
});
