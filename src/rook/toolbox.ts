import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../core/errors';
import { place } from '../gitops/layers';
import { dnsLabel, resourceRequirements, toleration } from '../core/props';
import { Site } from '../core/site';
import { rookProfile } from '../versions';
import { ResourceRequirementsProps, TolerationProps } from '../core/common-props';
import { PropsMatch } from '../core/props-check';
import { ICephCluster, isCephCluster } from './cluster-ref';

const clusterRef = z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' });

const toolboxSchema = z.strictObject({
  cluster: clusterRef,
  name: dnsLabel.default('rook-ceph-tools'),
  image: z.string().min(1).optional(),
  resources: resourceRequirements.optional(),
  tolerations: z.array(toleration).optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
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
    super(scope, id);
    const site = Site.of(this);
    const rook = site.requireRook(this.node.path);
    const p = parseProps(this.node.path, toolboxSchema, props);
    const cluster = p.cluster;
    const image = p.image ?? (cluster as any).config?.cephVersion?.image ?? rookProfile(rook).defaultCephImage;
    this.deploymentName = p.name;
    const labels = { app: p.name };
    this.resource = place(new ApiObject(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: p.name, namespace: cluster.namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            dnsPolicy: 'ClusterFirstWithHostNet',
            serviceAccountName: 'rook-ceph-default',
            containers: [{
              name: 'rook-ceph-tools',
              image,
              command: ['/bin/bash', '-c', TOOLBOX_SCRIPT],
              tty: true,
              securityContext: { runAsNonRoot: true, runAsUser: 2016, runAsGroup: 2016, capabilities: { drop: ['ALL'] } },
              env: [
                { name: 'ROOK_CEPH_USERNAME', valueFrom: { secretKeyRef: { name: 'rook-ceph-mon', key: 'ceph-username' } } },
              ],
              resources: p.resources,
              volumeMounts: [
                { mountPath: '/etc/ceph', name: 'ceph-config' },
                { mountPath: '/etc/rook', name: 'mon-endpoint-volume' },
                { mountPath: '/var/lib/rook-ceph-mon', name: 'ceph-admin-secret', readOnly: true },
              ],
            }],
            volumes: [
              { name: 'mon-endpoint-volume', configMap: { name: 'rook-ceph-mon-endpoints', items: [{ key: 'data', path: 'mon-endpoints' }] } },
              { name: 'ceph-admin-secret', secret: { secretName: 'rook-ceph-mon', optional: false, items: [{ key: 'ceph-secret', path: 'secret.keyring' }] } },
              { name: 'ceph-config', emptyDir: {} },
            ],
            tolerations: [
              { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
              ...(p.tolerations ?? []),
            ],
            nodeSelector: p.nodeSelector,
          },
        },
      },
    }), 'tools');
  }
}

