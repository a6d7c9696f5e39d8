/**
 * CephBucketNotification (CephBucketNotification): events of bucket claims sent to a CephBucketTopic of the site. The claims get
 * Rook's label; topic and claims must be of the site, one namespace, and one store. Compared field by field with
 * Rook v1.20.6's bucket-notification.yaml and the claim of object-bucket-claim-notification.yaml. Deliberate
 * differences: metadata.namespace (we name it), and the claim's unrelated `some: value` label is not built.
 */
import { App } from 'cdk8s';
import { CephBucketNotification, BucketStorageClass, CephBucketTopic, ObjectBucketClaim, RookCluster, Site } from '../src';
import { configError, describeWithUpstream, expectHelpful, findManifest, manifests, newSite, synthError } from './helpers';
import { compareFile, printFieldReport, recordFields, synthValid } from './upstream-compare';

const HTTP = { http: { uri: 'http://my-notification-endpoint:8080' } };

function storeSite() {
  const { app, site } = newSite();
  const cluster = new RookCluster(site, 'cluster');
  const store = cluster.addObjectStore('my-store', { gateway: { port: 80 } });
  const cls = new BucketStorageClass(site, 'rook-ceph-delete-bucket', { store, reclaimPolicy: 'Delete' });
  return { app, site, cluster, store, cls };
}

describeWithUpstream('GIVEN Rook v1.20.6 bucket-notification.yaml, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 bucket notification examples'));

  test('WHEN the notification and its claim are built THEN every field is equal but the namespace, and the site validates', () => {
    const { app, site, store, cls } = storeSite();
    const topic = new CephBucketTopic(site, 'my-topic', { store, namespace: 'default', endpoint: HTTP });
    const claim = new ObjectBucketClaim(site, 'ceph-notification-bucket', { storageClass: cls, generateBucketName: 'ceph-bkt' });
    new CephBucketNotification(site, 'my-notification', {
      topic, buckets: [claim],
      filter: {
        keyFilters: [{ name: 'prefix', value: 'hello' }, { name: 'suffix', value: '.png' }, { name: 'regex', value: '[a-z]*\\.*' }],
        metadataFilters: [{ name: 'x-amz-meta-color', value: 'blue' }, { name: 'x-amz-meta-user-type', value: 'free' }],
        tagFilters: [{ name: 'project', value: 'brown' }],
      },
      events: ['s3:ObjectCreated:Put', 's3:ObjectCreated:Copy'],
    });
    const objs = manifests(site);
    const n = compareFile(objs, 'v1.20.6', 'bucket-notification.yaml', undefined, 'rook-lines');
    expect(n.differences).toEqual({ 'CephBucketNotification/my-notification': ['metadata.namespace: (none) -> "default"'] });
    expect(n.equal).toBe(18);
    const c = compareFile(objs, 'v1.20.6', 'object-bucket-claim-notification.yaml', undefined, 'rook-lines');
    expect(c.differences).toEqual({ 'ObjectBucketClaim/ceph-notification-bucket': ['metadata.labels.some: "value" -> (none)', 'metadata.namespace: (none) -> "default"'] });
    expect(c.equal).toBe(6);
    recordFields('v1.20.6/bucket-notification.yaml', n.equal);
    recordFields('v1.20.6/object-bucket-claim-notification.yaml', c.equal);
    synthValid(app);
  });
});

describe('GIVEN a topic and bucket claims of the site', () => {
  test('WHEN a notification covers two claims THEN each claim carries the label Rook looks for', () => {
    const { site, store, cls } = storeSite();
    const topic = new CephBucketTopic(site, 'uploads', { store, namespace: 'apps', endpoint: HTTP });
    const a = new ObjectBucketClaim(site, 'a', { storageClass: cls, namespace: 'apps', bucketName: 'bucket-a' });
    const b = new ObjectBucketClaim(site, 'b', { storageClass: cls, namespace: 'apps', bucketName: 'bucket-b' });
    new CephBucketNotification(site, 'on-upload', { topic, buckets: [a, b], events: ['s3:ObjectCreated:*'] });
    for (const name of ['a', 'b']) expect(findManifest(site, 'ObjectBucketClaim', name).metadata.labels).toEqual({ 'bucket-notification-on-upload': 'on-upload' });
    expect(findManifest(site, 'CephBucketNotification', 'on-upload').spec).toEqual({ topic: 'uploads', events: ['s3:ObjectCreated:*'] });
  });

  test('WHEN the topic is in another namespace than the claims THEN synth refuses, naming the topics of that namespace', () => {
    const { app, site, store, cls } = storeSite();
    const topic = new CephBucketTopic(site, 'uploads', { store, namespace: 'rook-ceph', endpoint: HTTP });
    new CephBucketTopic(site, 'apps-topic', { store, namespace: 'apps', endpoint: HTTP });
    const a = new ObjectBucketClaim(site, 'a', { storageClass: cls, namespace: 'apps', bucketName: 'bucket-a' });
    new CephBucketNotification(site, 'n', { topic, buckets: [a] });
    expectHelpful(synthError(app).message, { path: /n: topic/, value: /uploads/, allowed: /"apps-topic"/, fix: /namespace: 'apps'/ });
  });

  test('WHEN the topic is named but not declared THEN synth refuses', () => {
    const { app, site, cls } = storeSite();
    const a = new ObjectBucketClaim(site, 'a', { storageClass: cls, bucketName: 'bucket-a' });
    new CephBucketNotification(site, 'n', { topic: 'missing', buckets: [a] });
    expectHelpful(synthError(app).message, { path: /n: topic/, value: /missing/, allowed: /declares no CephBucketTopic/ });
  });

  test('WHEN a claim gets its bucket from another store than the topic\'s THEN synth refuses', () => {
    const { app, site, cluster, store, cls } = storeSite();
    const other = cluster.addObjectStore('other-store', { gateway: { port: 80 } });
    const otherCls = new BucketStorageClass(site, 'other-bucket', { store: other, reclaimPolicy: 'Delete' });
    const topic = new CephBucketTopic(site, 't', { store, namespace: 'default', endpoint: HTTP });
    const a = new ObjectBucketClaim(site, 'a', { storageClass: cls, bucketName: 'bucket-a' });
    const b = new ObjectBucketClaim(site, 'b', { storageClass: otherCls, bucketName: 'bucket-b' });
    new CephBucketNotification(site, 'n', { topic, buckets: [a, b] });
    expectHelpful(synthError(app).message, { path: /n: buckets\[1\]/, value: /"b"|b/, allowed: /my-store/, fix: /store "other-store"/ });
  });

  test('WHEN claims of two namespaces share a notification THEN it is refused at once', () => {
    const { site, store, cls } = storeSite();
    const topic = new CephBucketTopic(site, 't', { store, endpoint: HTTP });
    const a = new ObjectBucketClaim(site, 'a', { storageClass: cls, namespace: 'apps', bucketName: 'bucket-a' });
    const b = new ObjectBucketClaim(site, 'b', { storageClass: cls, namespace: 'web', bucketName: 'bucket-b' });
    expectHelpful(configError(() => new CephBucketNotification(site, 'n', { topic, buckets: [a, b] })).message, { path: /n: buckets/, allowed: /one namespace/, fix: /one CephBucketNotification/ });
  });

  test.each([
    ['no claims', { buckets: [] }, /at least one bucket claim/],
    ['a claim of another site', 'other-site', /belongs to site/],
    ['an unknown event', { events: ['s3:ObjectCreated:Puts'] }, /events/],
    ['a name too long for the label key', { name: 'n'.repeat(44) }, /longer than 43 characters/],
    ['a key filter kind twice', { filter: { keyFilters: [{ name: 'prefix', value: 'a' }, { name: 'prefix', value: 'b' }] } }, /key filter "prefix" is listed twice/],
  ])('WHEN it has %s THEN it is a ConfigError', (_what, extra, message) => {
    const { app, site, store, cls } = storeSite();
    const topic = new CephBucketTopic(site, 't', { store, namespace: 'default', endpoint: HTTP });
    const a = new ObjectBucketClaim(site, 'a', { storageClass: cls, bucketName: 'bucket-a' });
    let props: any = { topic, buckets: [a] };
    if (extra === 'other-site') {
      const other = new Site(app as App, 'other', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const s2 = new RookCluster(other, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
      const c2 = new BucketStorageClass(other, 'c2', { store: s2, reclaimPolicy: 'Delete' });
      props = { topic, buckets: [new ObjectBucketClaim(other, 'x', { storageClass: c2, bucketName: 'bucket-x' })] };
    } else props = { ...props, ...(extra as object) };
    expect(configError(() => new CephBucketNotification(site, 'n', props)).message).toMatch(message);
  });

  test('WHEN the site pins Rook 1.7.11 THEN the notification is refused with the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const cls = new BucketStorageClass(site, 'c', { store, reclaimPolicy: 'Delete' });
    const a = new ObjectBucketClaim(site, 'a', { storageClass: cls, bucketName: 'bucket-a' });
    expectHelpful(configError(() => new CephBucketNotification(site, 'n', { topic: 't', buckets: [a] })).message, { path: /n/, value: /1\.7\.11/, allowed: /1\.20\.6/ });
  });
});
