export * from './sources';
export * from './k8s-schemas';
export * from './crd-schemas';
export * from './validator';
