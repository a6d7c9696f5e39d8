/**
 * CephBucketTopic (CephBucketTopic): an HTTP, AMQP or Kafka endpoint of a store of the site. Credentials never sit in a
 * URI; Kafka's come from a Secret by SecretRef. Compared field by field with Rook v1.20.6's bucket-topic.yaml.
 * Deliberate difference: we write metadata.namespace (every namespaced object we write names its namespace).
 */
import { CephBucketTopic, RookCluster, SecretRef } from '../src';
import { configError, describeWithUpstream, expectHelpful, findManifest, manifests, newSite, synthError } from './helpers';
import { compareFile, printFieldReport, recordFields, synthValid } from './upstream-compare';

const HTTP = { http: { uri: 'https://events.example.com/hook' } };

describeWithUpstream('GIVEN Rook v1.20.6 bucket-topic.yaml, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 bucket topic example'));

  test('WHEN the topic is built THEN every field is equal but the namespace we name, and the site validates', () => {
    const { app, site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    new CephBucketTopic(site, 'my-topic', {
      store, opaqueData: 'my@email.com', persistent: false,
      endpoint: { http: { uri: 'http://my-notification-endpoint:8080', disableVerifySSL: true, sendCloudEvents: false } },
    });
    const c = compareFile(manifests(site), 'v1.20.6', 'bucket-topic.yaml', undefined, 'rook-lines');
    expect(c.differences).toEqual({ 'CephBucketTopic/my-topic': ['metadata.namespace: (none) -> "rook-ceph"'] });
    expect(c.equal).toBe(10);
    recordFields('v1.20.6/bucket-topic.yaml', c.equal);
    synthValid(app);
  });
});

describe('GIVEN a Kafka endpoint with SASL credentials', () => {
  test('WHEN the credentials come from an ExternalSecret THEN the topic references the Secret and no password is written', () => {
    const { app, site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const secret = SecretRef.externalSecret({ store: { kind: 'ClusterSecretStore', name: 'vault' }, data: { user: { key: 'kafka/rgw', property: 'user' }, password: { key: 'kafka/rgw', property: 'password' } } });
    new CephBucketTopic(site, 'kafka-topic', {
      store, namespace: 'apps',
      endpoint: { kafka: { uri: 'kafka://kafka.example.com:9093', useSSL: true, mechanism: 'SCRAM-SHA-512', credentials: { secretName: 'rgw-kafka', secret } } },
    });
    const t = findManifest(site, 'CephBucketTopic', 'kafka-topic');
    expect(t.metadata.namespace).toBe('apps');
    expect(t.spec).toMatchObject({ objectStoreName: 'my-store', objectStoreNamespace: 'rook-ceph' });
    expect(t.spec.endpoint.kafka).toEqual({
      uri: 'kafka://kafka.example.com:9093', useSSL: true, mechanism: 'SCRAM-SHA-512',
      userSecretRef: { name: 'rgw-kafka', key: 'user' }, passwordSecretRef: { name: 'rgw-kafka', key: 'password' },
    });
    const es = findManifest(site, 'ExternalSecret', 'rgw-kafka');
    expect(es.metadata.namespace).toBe('apps');
    expect(es.spec.target.template.data).toEqual({ password: '{{ .password }}', user: '{{ .user }}' });
    expect(manifests(site).filter((m) => m.kind === 'Secret')).toEqual([]);
    synthValid(app);
  });

  test('WHEN the SecretRef lacks the password key THEN it is refused naming the missing key', () => {
    const { site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const secret = SecretRef.externalSecret({ store: { kind: 'ClusterSecretStore', name: 'vault' }, data: { user: { key: 'kafka/rgw' } } });
    const e = configError(() => new CephBucketTopic(site, 't', { store, endpoint: { kafka: { uri: 'kafka://kafka.example.com:9093', credentials: { secretName: 'rgw-kafka', secret } } } }));
    expectHelpful(e.message, { path: /t: endpoint\.kafka\.credentials\.secret/, allowed: /"password", "user"/, fix: /add "password"/ });
  });
});

describe('GIVEN a topic endpoint written badly', () => {
  test.each([
    ['an HTTP URI with user:password', { http: { uri: 'https://rgw:s3cr3t@events.example.com/hook' } }, /credentials: they would be committed in plain text/, /remove them from the URI/],
    ['a Kafka URI with user:password', { kafka: { uri: 'kafka://rgw:s3cr3t@kafka.example.com:9092' } }, /credentials: they would be committed in plain text/, /kafka\.credentials/],
    ['an AMQP URI with http scheme', { amqp: { uri: 'http://broker.example.com', exchange: 'ex' } }, /not an endpoint URI/, /full URI/],
    ['two endpoints', { ...HTTP, kafka: { uri: 'kafka://kafka.example.com:9092' } }, /one endpoint, but http and kafka are set/, /keep one/],
    ['no endpoint', {}, /has no endpoint/, /add endpoint/],
    ['an invisible character', { http: { uri: 'https://events.example.com/\u200bhook' } }, /invisible character/, /remove the character/],
  ])('WHEN it has %s THEN it is a ConfigError with the reason and the fix', (_what, endpoint, problem, fix) => {
    const { site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const e = configError(() => new CephBucketTopic(site, 't', { store, endpoint: endpoint as any }));
    expectHelpful(e.message, { path: /t: endpoint/, fix });
    expect(e.message).toMatch(problem);
    expect(e.message).not.toMatch(/s3cr3t/);
  });

  test('WHEN the store is not of the site THEN synth refuses, listing the stores there are', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('my-store', { gateway: { port: 80 } });
    new CephBucketTopic(site, 't', { store: 'nope', cluster, endpoint: HTTP });
    expectHelpful(synthError(app).message, { path: /t: store/, value: /nope/, allowed: /"my-store"/ });
  });

  test('WHEN the site pins Rook 1.7.11 THEN the topic is refused with the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    expectHelpful(configError(() => new CephBucketTopic(site, 't', { store, endpoint: HTTP })).message, { path: /t/, value: /1\.7\.11/, allowed: /1\.20\.6/ });
  });
});
