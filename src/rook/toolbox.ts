import { rookLineFacts } from '../model/rook-facts';
import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as semver from 'semver';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { place } from '../site/layers';
import { dnsLabel, image, nodeSelector, resourceRequirements, toleration } from '../foundation/props';
import { Site } from '../site/site';
import { rookProfile } from '../versions';
import { ResourceRequirementsProps, TolerationProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { StorageConstruct } from '../site/storage-construct';

const clusterRef = z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' });

const toolboxSchema = z.strictObject({
  cluster: clusterRef,
  name: dnsLabel.default('rook-ceph-tools'),
  image: image.optional(),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
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
  /**
   * When the kubelet pulls the image. @default - the Kubernetes default (Always for ':latest' and untagged images,
   * else IfNotPresent), written out
   */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Resources of the tools container. @default - none */
  readonly resources?: ResourceRequirementsProps;
  /** Extra tolerations, added to the 5 s toleration of unreachable nodes. @default - none */
  readonly tolerations?: TolerationProps[];
  /** Node labels the pod must run on. @default - any node */
  readonly nodeSelector?: Record<string, string>;
}
const _toolboxProps: PropsMatch<ToolboxProps, z.input<typeof toolboxSchema>> = true;

/** Where the cluster's `rook-config-override` ConfigMap (its `config` key) is mounted in the tools pod. */
export const TOOLBOX_CONFIG_OVERRIDE_DIR = '/etc/rook-config-override';

/**
 * Writes ceph.conf and the keyring from the operator's mon endpoints and secret, appends the cluster's config override
 * (the optional `rook-config-override` ConfigMap) when it is there, and refreshes them every minute.
 */
const TOOLBOX_SCRIPT = [
  'set -eu',
  'write_config() {',
  '  mon_host=$(sed -e \'s/[a-z0-9_-]*=//g\' /etc/rook/mon-endpoints)',
  '  printf \'[global]\\nmon_host = %s\\n\\n[client.admin]\\nkeyring = /etc/ceph/keyring\\n\' "$mon_host" > /etc/ceph/ceph.conf',
  `  if [ -s ${TOOLBOX_CONFIG_OVERRIDE_DIR}/config ]; then printf '\\n' >> /etc/ceph/ceph.conf; cat ${TOOLBOX_CONFIG_OVERRIDE_DIR}/config >> /etc/ceph/ceph.conf; fi`,
  '  printf \'[%s]\\nkey = %s\\n\' "$ROOK_CEPH_USERNAME" "$(cat /var/lib/rook-ceph-mon/secret.keyring)" > /etc/ceph/keyring',
  '}',
  'while true; do write_config; sleep 60; done',
].join('\n');

/**
 * The `rook-ceph-tools` Deployment: a pod with the Ceph CLI configured for the cluster
 * (`kubectl -n <ns> exec deploy/rook-ceph-tools -- ceph status`).
 */
export class Toolbox extends StorageConstruct {
  public readonly resource: ApiObject;
  public readonly deploymentName: string;

  constructor(scope: Construct, id: string, props: ToolboxProps) {
    super(scope, id);
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
      // rook-ceph-default where the line's install has it (toolbox.yaml of v1.20.6); the namespace's default account on
      // lines without it (v1.7.11 and v1.2.7 create none: a pod naming it would never start; found by the closure check)
      serviceAccount: rookLineFacts(rook)?.installServiceAccounts.includes('rook-ceph-default') === false
        ? undefined
        : kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', 'rook-ceph-default', { namespaceName: namespace }),
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
        imagePullPolicy: p.imagePullPolicy ? kplus.ImagePullPolicy[pullPolicyKey(p.imagePullPolicy)] : defaultPullPolicy(image),
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
    // the cluster's ceph.conf override (RookCluster configOverride); optional, so the pod starts without it
    const configOverride = kplus.Volume.fromConfigMap(this, 'ConfigOverrideVolume', kplus.ConfigMap.fromConfigMapName(this, 'ConfigOverride', 'rook-config-override'), {
      name: 'rook-config-override', optional: true,
    });
    container.mount('/etc/ceph', config);
    container.mount('/etc/rook', monEndpoints);
    container.mount('/var/lib/rook-ceph-mon', adminSecret, { readOnly: true });
    container.mount(TOOLBOX_CONFIG_OVERRIDE_DIR, configOverride, { readOnly: true });
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
      // cdk8s-plus lists the volumes in mount order (ceph-config, mon-endpoint-volume, ceph-admin-secret,
      // rook-config-override); put them in the order of Rook's toolbox.yaml: ceph-admin-secret, mon-endpoint-volume,
      // rook-config-override, ceph-config
      JsonPatch.move('/spec/template/spec/volumes/0', '/spec/template/spec/volumes/-'),
      JsonPatch.move('/spec/template/spec/volumes/1', '/spec/template/spec/volumes/0'),
    ];
    // fields the site's Kubernetes does not know yet
    if (semver.lt(site.versions.kubernetes, '1.19.0')) patches.push(JsonPatch.remove('/spec/template/spec/setHostnameAsFqdn'));
    obj.addJsonPatch(...patches);
    this.resource = place(deployment, 'tools');
  }
}

function pullPolicyKey(policy: 'Always' | 'IfNotPresent' | 'Never'): 'ALWAYS' | 'IF_NOT_PRESENT' | 'NEVER' {
  return policy === 'Always' ? 'ALWAYS' : policy === 'Never' ? 'NEVER' : 'IF_NOT_PRESENT';
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
