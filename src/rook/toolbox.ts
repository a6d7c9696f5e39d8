import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as semver from 'semver';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../core/errors';
import { constructId } from '../core/construct-id';
import { requireSameSite } from '../core/guards';
import { place } from '../gitops/layers';
import { dnsLabel, image, nodeSelector, resourceRequirements, toleration } from '../core/props';
import { Site } from '../core/site';
import { rookProfile } from '../versions';
import { ResourceRequirementsProps, TolerationProps } from '../core/common-props';
import { PropsMatch } from '../core/props-check';
import { ICephCluster, isCephCluster } from './cluster-ref';

const clusterRef = z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' });

const toolboxSchema = z.strictObject({
  cluster: clusterRef,
  name: dnsLabel.default('rook-ceph-tools'),
  image: image.optional(),
  resources: resourceRequirements.optional(),
  tolerations: z.array(toleration).optional(),
  nodeSelector: nodeSelector.optional(),
});

/** Props of {@link Toolbox}. */
export interface ToolboxProps {
  /** The cluster the tools talk to; the Deployment goes into its namespace. */
  readonly cluster: ICephCluster;
  /** Name of the Deployment (and its `app` label). @default 'rook-ceph-tools' */
  readonly name?: string;
  /** Ceph image of the tools container. @default - the cluster's Ceph image */
  readonly image?: string;
  /** Resources of the tools container. @default - none */
  readonly resources?: ResourceRequirementsProps;
  /** Extra tolerations, added to the 5 s toleration of unreachable nodes. @default - none */
  readonly tolerations?: TolerationProps[];
  /** Node labels the pod must run on. @default - any node */
  readonly nodeSelector?: Record<string, string>;
}
const _toolboxProps: PropsMatch<ToolboxProps, z.input<typeof toolboxSchema>> = true;

/** Writes ceph.conf and the keyring from the operator's mon endpoints and secret, and refreshes them every minute. */
const TOOLBOX_SCRIPT = [
  'set -eu',
  'write_config() {',
  '  mon_host=$(sed -e \'s/[a-z0-9_-]*=//g\' /etc/rook/mon-endpoints)',
  '  printf \'[global]\\nmon_host = %s\\n\\n[client.admin]\\nkeyring = /etc/ceph/keyring\\n\' "$mon_host" > /etc/ceph/ceph.conf',
  '  printf \'[%s]\\nkey = %s\\n\' "$ROOK_CEPH_USERNAME" "$(cat /var/lib/rook-ceph-mon/secret.keyring)" > /etc/ceph/keyring',
  '}',
  'while true; do write_config; sleep 60; done',
].join('\n');

/**
 * The `rook-ceph-tools` Deployment: a pod with the Ceph CLI configured for the cluster
 * (`kubectl -n <ns> exec deploy/rook-ceph-tools -- ceph status`).
 */
export class Toolbox extends Construct {
  public readonly resource: ApiObject;
  public readonly deploymentName: string;

  constructor(scope: Construct, id: string, props: ToolboxProps) {
    super(scope, constructId(scope, id, 'Toolbox'));
    const site = Site.of(this);
    const rook = site.requireRook(this.node.path);
    const p = parseProps(this.node.path, toolboxSchema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    const cluster = p.cluster;
    const image = p.image ?? (cluster as any).config?.cephVersion?.image ?? rookProfile(rook).defaultCephImage;
    this.deploymentName = p.name;
    const labels = { app: p.name };
    const namespace = cluster.namespace;
    // cdk8s-plus Deployment; its opinionated defaults are set back to what the pod always had (see below)
    const deployment = new kplus.Deployment(this, 'Resource', {
      metadata: { name: p.name, namespace, labels },
      replicas: 1,
      select: false,
      podMetadata: { labels },
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', 'rook-ceph-default', { namespaceName: namespace }),
      // the pod has always had the API default (token mounted); cdk8s-plus would turn it off
      automountServiceAccountToken: true,
      dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET },
      // cdk8s-plus writes a pod-level securityContext (runAsNonRoot, fsGroupChangePolicy); it is removed below, the
      // container sets runAsNonRoot for itself
      securityContext: { ensureNonRoot: false },
      containers: [{
        name: 'rook-ceph-tools',
        image,
        // cdk8s-plus defaults to Always; keep the Kubernetes default (Always only for :latest or untagged images)
        imagePullPolicy: defaultPullPolicy(image),
        command: ['/bin/bash', '-c', TOOLBOX_SCRIPT],
        securityContext: {
          ensureNonRoot: true, user: 2016, group: 2016,
          // cdk8s-plus-27 has no Capability for "ALL"; it renders the string as given
          capabilities: { drop: ['ALL' as kplus.Capability] },
          // as the Kubernetes defaults (cdk8s-plus would make the root filesystem read-only and forbid escalation)
          readOnlyRootFilesystem: false, allowPrivilegeEscalation: true, privileged: false,
        },
        envVariables: {
          ROOK_CEPH_USERNAME: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'MonSecret', 'rook-ceph-mon'), key: 'ceph-username' }),
        },
        // no cdk8s-plus default requests/limits: only what the props say (added below)
        resources: {},
      }],
    });
    const container = deployment.containers[0];
    const monEndpoints = kplus.Volume.fromConfigMap(this, 'MonEndpointVolume', kplus.ConfigMap.fromConfigMapName(this, 'MonEndpoints', 'rook-ceph-mon-endpoints'), {
      name: 'mon-endpoint-volume', items: { data: { path: 'mon-endpoints' } },
    });
    const adminSecret = kplus.Volume.fromSecret(this, 'AdminSecretVolume', kplus.Secret.fromSecretName(this, 'AdminSecret', 'rook-ceph-mon'), {
      name: 'ceph-admin-secret', optional: false, items: { 'ceph-secret': { path: 'secret.keyring' } },
    });
    const config = kplus.Volume.fromEmptyDir(this, 'ConfigVolume', 'ceph-config');
    container.mount('/etc/ceph', config);
    container.mount('/etc/rook', monEndpoints);
    container.mount('/var/lib/rook-ceph-mon', adminSecret, { readOnly: true });
    deployment.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('node.kubernetes.io/unreachable', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(5) })));
    deployment.select(kplus.LabelSelector.of({ labels }));

    const obj = ApiObject.of(deployment);
    // What cdk8s-plus cannot express, and the defaults it adds that we do not want. The patches apply to the L1
    // props of cdk8s-plus's KubeDeployment before they are mapped to JSON: props names (setHostnameAsFqdn) and
    // Quantity values.
    const patches: JsonPatch[] = [
      // the selector label cdk8s-plus puts on every pod template (hash-like construct address)
      JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
      // the pod-level securityContext cdk8s-plus always writes (runAsNonRoot: false, fsGroupChangePolicy); the pod never had one
      JsonPatch.remove('/spec/template/spec/securityContext'),
      JsonPatch.add('/spec/template/spec/containers/0/tty', true),
      ...(p.resources ? [JsonPatch.add('/spec/template/spec/containers/0/resources', quantities(p.resources))] : []),
      ...(p.tolerations ?? []).map((t) => JsonPatch.add('/spec/template/spec/tolerations/-', t)),
      ...(p.nodeSelector ? [JsonPatch.add('/spec/template/spec/nodeSelector', p.nodeSelector)] : []),
    ];
    // fields the site's Kubernetes does not know yet
    if (semver.lt(site.versions.kubernetes, '1.19.0')) patches.push(JsonPatch.remove('/spec/template/spec/setHostnameAsFqdn'));
    obj.addJsonPatch(...patches);
    this.resource = place(deployment, 'tools');
  }
}

/** The imagePullPolicy Kubernetes defaults to: Always for `:latest` and untagged images, else IfNotPresent. */
function defaultPullPolicy(image: string): kplus.ImagePullPolicy {
  const last = image.split('/').pop() ?? image;
  const tagged = image.includes('@') || last.includes(':');
  return tagged && !image.endsWith(':latest') ? kplus.ImagePullPolicy.IF_NOT_PRESENT : kplus.ImagePullPolicy.ALWAYS;
}

/** Resource requirements as cdk8s-plus's L1 props (Quantity values). */
function quantities(r: { requests?: Record<string, string>; limits?: Record<string, string> }) {
  const q = (m?: Record<string, string>) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, kplus.k8s.Quantity.fromString(v)])) : undefined);
  return { requests: q(r.requests), limits: q(r.limits) };
}
