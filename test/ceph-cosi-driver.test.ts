/**
 * CephCosiDriver (CephCOSIDriver): one per operator, named as Rook reconciles it (`ceph-cosi-driver`), in the operator
 * namespace. Rook v1.20.6 has no COSI example file, so the object is checked against the pinned CRD by strict
 * validation (synthValid) and field by field here.
 */
import { CephCosiDriver, RookOperator } from '../src';
import { configError, expectHelpful, findManifest, newSite } from './helpers';
import { synthValid } from './upstream-compare';

describe('GIVEN a Rook operator', () => {
  test('WHEN a COSI driver is declared THEN the CephCOSIDriver is named ceph-cosi-driver in the operator namespace and validates', () => {
    const { app, site } = newSite();
    const operator = new RookOperator(site, 'operator', {});
    new CephCosiDriver(site, 'cosi', { operator, deploymentStrategy: 'Auto', resources: { requests: { cpu: '100m' } } });
    const d = findManifest(site, 'CephCOSIDriver', 'ceph-cosi-driver');
    expect(d.metadata.namespace).toBe(operator.namespace);
    expect(d.spec).toEqual({ deploymentStrategy: 'Auto', resources: { requests: { cpu: '100m' } } });
    expect(synthValid(app).filter((o) => o.kind === 'CephCOSIDriver')).toHaveLength(1);
  });

  test('WHEN a second driver is declared for the same operator THEN it is refused: Rook reconciles one', () => {
    const { site } = newSite();
    const operator = new RookOperator(site, 'operator', {});
    new CephCosiDriver(site, 'cosi', { operator });
    expectHelpful(configError(() => new CephCosiDriver(site, 'cosi2', { operator })).message, { path: /cosi2/, allowed: /one CephCosiDriver per RookOperator/, fix: /keep one CephCosiDriver/ });
  });

  test.each([
    ['an unknown strategy', { deploymentStrategy: 'Sometimes' }, /deploymentStrategy/],
    ['an image with upper-case letters', { image: 'Quay.io/Ceph/cosi:v1' }, /image reference/],
  ])('WHEN it has %s THEN it is a ConfigError', (_what, extra, message) => {
    const { site } = newSite();
    const operator = new RookOperator(site, 'operator', {});
    expect(configError(() => new CephCosiDriver(site, 'cosi', { operator, ...(extra as object) } as any)).message).toMatch(message);
  });

  test('WHEN the site pins Rook 1.7.11 THEN the driver is refused with the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    const operator = new RookOperator(site, 'operator', {});
    expectHelpful(configError(() => new CephCosiDriver(site, 'cosi', { operator })).message, { path: /cosi/, value: /1\.7\.11/, allowed: /1\.20\.6/ });
  });
});
