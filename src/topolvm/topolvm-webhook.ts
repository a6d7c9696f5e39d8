/**
 * The pod (and, where the release has it, PVC) mutating webhook of the extender modes, and its TLS:
 * a cert-manager chain (self-signed Issuer -> CA Certificate -> CA Issuer -> serving Certificate)
 * or a Secret + caBundle the user provides.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { Certificate, CertificateSpecUsages, Issuer } from '../../imports/cert-manager.io';
import { KubeMutatingWebhookConfiguration, KubeMutatingWebhookConfigurationV1Beta1 } from '../../imports/k8s';
import { place } from '../site/layers';
import { hasFeature } from '../versions';
import { domainStrings, TopoLVMContext } from './context';
import { PropsMatch } from '../foundation/props-check';
import { StorageConstruct } from '../site/storage-construct';

export const webhookSchema = z.strictObject({
  certManager: z.boolean().optional(),
  secretName: z.string().min(1).optional(),
  caBundle: z.string().regex(/^[A-Za-z0-9+/]+=*$/, { message: 'not base64' }).optional(),
}).superRefine((w, ctx) => {
  if (w.certManager && (w.secretName || w.caBundle)) {
    ctx.addIssue({ code: 'custom', path: ['certManager'], message: 'certManager and secretName/caBundle are two different certificate sources', params: { allowed: 'certManager: true, or secretName + caBundle', fix: 'keep one of them' } });
  }
  if (!w.certManager && (w.secretName === undefined) !== (w.caBundle === undefined)) {
    ctx.addIssue({ code: 'custom', path: [w.secretName ? 'caBundle' : 'secretName'], message: 'a user-provided certificate needs both the Secret and the CA bundle (the API server verifies the webhook with caBundle)', params: { allowed: 'secretName + caBundle', fix: w.secretName ? 'add caBundle (base64 of the CA PEM)' : 'add secretName (TLS Secret in the TopoLVM namespace)' } });
  }
});

/** Certificate source of the pod webhook (extender modes): cert-manager, or a Secret plus its CA bundle. */
export interface WebhookProps {
  /** Issue the serving certificate with cert-manager, which must run in the cluster. Not with secretName/caBundle. @default false */
  readonly certManager?: boolean;
  /** A TLS Secret (tls.crt, tls.key) you manage in the TopoLVM namespace; needs caBundle. @default - none */
  readonly secretName?: string;
  /** Base64 of the PEM of the CA that signed the Secret's certificate; needs secretName. @default - none */
  readonly caBundle?: string;
}
const _webhookProps: PropsMatch<WebhookProps, z.input<typeof webhookSchema>> = true;

export interface WebhookSettings {
  readonly certManager: boolean;
  readonly secretName: string;
  readonly caBundle?: string;
  /** Name of the controller Service the webhook calls. */
  readonly serviceName: string;
}

export class TopoLVMWebhook extends StorageConstruct {
  constructor(scope: Construct, id: string, ctx: TopoLVMContext, w: WebhookSettings, prefix: string) {
    super(scope, id);
    const d = domainStrings(ctx.domain);
    const ns = ctx.namespace;
    const v1 = hasFeature(ctx.versions, 'topolvmWebhookV1');
    const selector = {
      matchExpressions: [
        { key: d.webhookLabel, operator: 'NotIn', values: ['ignore'] },
        ...(hasFeature(ctx.versions, 'namespaceNameLabel') ? [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', ns] }] : []),
      ],
    };
    const hook = (kind: 'pod' | 'pvc', resource: string) => ({
      name: `${kind}-hook.${ctx.domain}`,
      namespaceSelector: selector,
      failurePolicy: 'Fail',
      matchPolicy: v1 ? 'Equivalent' : undefined,
      sideEffects: v1 ? 'None' : undefined,
      admissionReviewVersions: v1 ? ['v1', 'v1beta1'] : undefined,
      clientConfig: { service: { namespace: ns, name: w.serviceName, path: `/${kind}/mutate` }, caBundle: w.caBundle },
      rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: [resource] }],
    });
    const config = {
      metadata: {
        name: `${prefix}-hook`,
        annotations: w.certManager ? { 'cert-manager.io/inject-ca-from': `${ns}/${w.secretName}` } : undefined,
      },
      webhooks: [
        hook('pod', 'pods'),
        ...(hasFeature(ctx.versions, 'topolvmPvcWebhook') ? [hook('pvc', 'persistentvolumeclaims')] : []),
      ],
    };
    place(v1
      ? new KubeMutatingWebhookConfiguration(this, 'MutatingWebhookConfiguration', config as ConstructorParameters<typeof KubeMutatingWebhookConfiguration>[2])
      : new KubeMutatingWebhookConfigurationV1Beta1(this, 'MutatingWebhookConfiguration', config), 'csi');
    if (!w.certManager) return;
    ctx.site.useCrdSource('cert-manager@v1.21.1');
    const issuerRef = (name: string) => ({ group: 'cert-manager.io', kind: 'Issuer', name });
    const selfSign = `${prefix}-webhook-selfsign`;
    const ca = `${prefix}-webhook-ca`;
    place(new Issuer(this, 'SelfSignIssuer', { metadata: { name: selfSign, namespace: ns }, spec: { selfSigned: {} } }), 'csi');
    place(new Certificate(this, 'CaCertificate', {
      metadata: { name: ca, namespace: ns },
      spec: {
        secretName: ca,
        duration: '87600h0m0s',
        issuerRef: issuerRef(selfSign),
        commonName: 'ca.webhook.topolvm',
        isCa: true,
        usages: [CertificateSpecUsages.DIGITAL_SIGNATURE, CertificateSpecUsages.KEY_ENCIPHERMENT, CertificateSpecUsages.CERT_SIGN],
      },
    }), 'csi');
    place(new Issuer(this, 'CaIssuer', { metadata: { name: ca, namespace: ns }, spec: { ca: { secretName: ca } } }), 'csi');
    place(new Certificate(this, 'ServingCertificate', {
      metadata: { name: w.secretName, namespace: ns },
      spec: {
        secretName: w.secretName,
        duration: '8760h0m0s',
        issuerRef: issuerRef(ca),
        dnsNames: [w.serviceName, `${w.serviceName}.${ns}`, `${w.serviceName}.${ns}.svc`],
        usages: [CertificateSpecUsages.DIGITAL_SIGNATURE, CertificateSpecUsages.KEY_ENCIPHERMENT, CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.CLIENT_AUTH],
      },
    }), 'csi');
  }
}
