/**
 * deploy/kubernetes: every overlay rendered by Kustomize itself (its Go API, as `kubectl apply -k` runs it) and every
 * resource validated against the Kubernetes API schemas offline (the kubernetes-models package; the Prometheus
 * Operator's for the ServiceMonitor), then held to what the binaries accept and to what operators expect.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { deployRender, render, REPO } from './deploy-render.js';
import { contractOf, flagsIn, isPinned } from './skein-commands.js';

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number; hostPort?: number; protocol?: string }>;
  readinessProbe?: { httpGet?: { port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
}

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean };
  hostNetwork?: boolean;
  dnsPolicy?: string;
}

const OVERLAYS = ['elasticsearch', 'elasticsearch-direct', 'opensearch', 'cassandra', 'all-in-one'];
const rendered = new Map<string, Resource[]>();

/** kubernetes-models' class for a resource, whose `validate()` checks it against the API schema. */
async function modelOf(resource: Resource): Promise<{ validate(): void }> {
  const [group, version] = resource.apiVersion.includes('/') ? resource.apiVersion.split('/') : [undefined, resource.apiVersion];
  const path = group === 'monitoring.coreos.com' ? `@kubernetes-models/prometheus-operator/${group}/${version}/${resource.kind}` : `kubernetes-models/${group ? `${group}/` : ''}${version}/${resource.kind}`;
  const module = (await import(path)) as Record<string, new (value: unknown) => { validate(): void }>;
  const Model = module[resource.kind] ?? module['default'];
  if (!Model) throw new Error(`no schema for ${resource.apiVersion} ${resource.kind}`);
  return new Model(resource);
}

function podSpecOf(resource: Resource): PodSpec | undefined {
  const spec = resource.spec as { template?: { spec: PodSpec }; jobTemplate?: { spec: { template: { spec: PodSpec } } } } | undefined;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec.template.spec;
}

function parseYaml(text: string): Resource[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Resource | null)
    .filter((doc): doc is Resource => doc !== null);
}

beforeAll(() => {
  deployRender();
  for (const overlay of OVERLAYS) rendered.set(overlay, parseYaml(render(['kustomize', join(REPO, 'deploy/kubernetes/overlays', overlay)])));
  rendered.set('examples', parseYaml(readFileSync(join(REPO, 'deploy/kubernetes/examples/agent-sidecar.yaml'), 'utf8')));
}, 300_000);

describe('deploy/kubernetes', () => {
  it('has what the pipeline overlays promise', () => {
    for (const overlay of ['elasticsearch', 'opensearch', 'cassandra']) {
      const kinds = new Set(rendered.get(overlay)!.map((r) => `${r.kind}/${r.metadata.name}`));
      for (const expected of [
        'Deployment/skein-collector',
        'Service/skein-collector',
        'HorizontalPodAutoscaler/skein-collector',
        'PodDisruptionBudget/skein-collector',
        'Deployment/skein-ingester',
        'Deployment/skein-query',
        'Service/skein-query',
        'Ingress/skein-query',
        'DaemonSet/skein-agent',
        'ConfigMap/skein-config',
        'Job/skein-kafka-topics',
        'ServiceMonitor/skein',
      ]) {
        expect({ overlay, expected, present: kinds.has(expected) }).toEqual({ overlay, expected, present: true });
      }
    }
    const names = (overlay: string) => rendered.get(overlay)!.map((r) => `${r.kind}/${r.metadata.name}`);
    expect(names('elasticsearch')).toEqual(expect.arrayContaining(['Job/skein-es-rollover-init', 'CronJob/skein-es-rollover', 'CronJob/skein-es-index-cleaner']));
    expect(names('cassandra')).toContain('Job/skein-cassandra-schema');
    expect(names('all-in-one')).toEqual(expect.arrayContaining(['Deployment/skein-all-in-one', 'PersistentVolumeClaim/skein-all-in-one-data', 'DaemonSet/skein-agent']));
  });

  it('elasticsearch-direct: collectors write to Elasticsearch, with no Kafka in between', () => {
    const resources = rendered.get('elasticsearch-direct')!;
    const names = resources.map((r) => `${r.kind}/${r.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining(['Deployment/skein-collector', 'Deployment/skein-query', 'Job/skein-es-rollover-init', 'DaemonSet/skein-agent']));
    expect(names.filter((name) => /ingester|kafka/.test(name))).toEqual([]);
    const collector = podSpecOf(resources.find((r) => r.kind === 'Deployment' && r.metadata.name === 'skein-collector')!)!.containers[0]!;
    expect(collector.env).toContainEqual({ name: 'SPAN_STORAGE_TYPE', value: 'elasticsearch' });
    const config = resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === 'skein-config') as unknown as { data: Record<string, string> };
    expect(config.data).toMatchObject({ ES_SERVER_URLS: expect.any(String), ES_USE_ALIASES: 'true' });
    expect(Object.keys(config.data).filter((key) => key.startsWith('KAFKA_'))).toEqual([]);
  });

  it.each([...OVERLAYS, 'examples'])('%s: every resource passes the Kubernetes API schema', async (overlay) => {
    for (const resource of rendered.get(overlay)!) {
      const model = await modelOf(resource);
      expect(() => model.validate()).not.toThrow();
    }
  });

  it('the schema check is live: a wrong field type is refused', async () => {
    const deployment = structuredClone(rendered.get('elasticsearch')!.find((r) => r.kind === 'Deployment')!);
    (deployment.spec as { replicas: unknown }).replicas = 'two';
    await expect(modelOf(deployment).then((model) => model.validate())).rejects.toThrow(/replicas/);
  });

  it.each([...OVERLAYS, 'examples'])('%s: pinned images, non-root, read-only root filesystem, no privilege escalation, requests and a memory limit', (overlay) => {
    for (const resource of rendered.get(overlay)!) {
      const pod = podSpecOf(resource);
      if (!pod) continue;
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        const where = `${resource.kind}/${resource.metadata.name}/${container.name}`;
        expect({ where, pinned: isPinned(container.image) }).toEqual({ where, pinned: true });
        expect({ where, nonRoot: container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot }).toEqual({ where, nonRoot: true });
        expect({ where, ...container.securityContext }).toMatchObject({ where, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        expect({ where, requests: Object.keys(container.resources?.requests ?? {}).sort(), limit: Boolean(container.resources?.limits?.['memory']) }).toEqual({ where, requests: ['cpu', 'memory'], limit: true });
      }
    }
  });

  it.each([...OVERLAYS, 'examples'])("%s: gives each skein container only subcommands, flags, variables and ports it takes", (overlay) => {
    const resources = rendered.get(overlay)!;
    const configMaps = new Map(resources.filter((r) => r.kind === 'ConfigMap').map((r) => [r.metadata.name, r.data ?? {}]));
    const consumers = new Map<string, string[]>();
    for (const resource of resources) {
      const pod = podSpecOf(resource);
      for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
        const where = `${resource.kind}/${resource.metadata.name}/${container.name}`;
        const contract = contractOf(container.args?.[0] ?? 'all-in-one');
        for (const flag of flagsIn(container.args ?? [])) expect({ where, flag, known: contract.flags.has(flag) }).toEqual({ where, flag, known: true });
        const env = container.env ?? [];
        // Variables only read through another's ${NAME:default} (the downward API's node and pod names) are not options.
        const referenced = new Set(env.flatMap((entry) => [...(entry.value ?? '').matchAll(/\$\{([A-Z_]+)/g)].map((match) => match[1]!)));
        for (const entry of env) {
          if (referenced.has(entry.name)) continue;
          expect({ where, variable: entry.name, known: contract.envNames.has(entry.name) }).toEqual({ where, variable: entry.name, known: true });
        }
        for (const port of container.ports ?? []) {
          expect({ where, port: port.containerPort, known: contract.ports.has(port.containerPort) }).toEqual({ where, port: port.containerPort, known: true });
          if (port.name === 'admin' || port.name?.endsWith('-admin')) expect({ where, admin: port.containerPort }).toEqual({ where, admin: contract.adminPort });
        }
        for (const source of container.envFrom ?? []) {
          const name = source.configMapRef!.name;
          expect(configMaps.has(name)).toBe(true);
          consumers.set(name, [...(consumers.get(name) ?? []), contract.name]);
        }
      }
    }
    // A shared ConfigMap key must be read by at least one of the processes that load it.
    for (const [name, data] of configMaps) {
      for (const key of Object.keys(data)) {
        const readers = (consumers.get(name) ?? []).filter((command) => contractOf(command).envNames.has(key));
        expect({ name, key, readers: readers.length > 0 }).toEqual({ name, key, readers: true });
      }
    }
  });

  it.each(OVERLAYS)('%s: Services, the Ingress, the autoscaler and the ServiceMonitor point at things that exist', (overlay) => {
    const resources = rendered.get(overlay)!;
    const pods = resources.flatMap((resource) => {
      const pod = podSpecOf(resource);
      const labels = (resource.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template?.metadata?.labels;
      return pod && labels ? [{ labels, ports: new Set(pod.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name))) }] : [];
    });
    const services = resources.filter((r) => r.kind === 'Service');
    for (const service of services) {
      const spec = service.spec as { selector: Record<string, string>; ports: Array<{ name: string; targetPort: string }> };
      const matching = pods.filter((pod) => Object.entries(spec.selector).every(([key, value]) => pod.labels[key] === value));
      expect({ service: service.metadata.name, pods: matching.length > 0 }).toEqual({ service: service.metadata.name, pods: true });
      for (const port of spec.ports) expect({ service: service.metadata.name, port: port.targetPort, served: matching.every((pod) => pod.ports.has(port.targetPort)) }).toEqual({ service: service.metadata.name, port: port.targetPort, served: true });
    }
    const serviceNames = new Set(services.map((s) => s.metadata.name));
    for (const ingress of resources.filter((r) => r.kind === 'Ingress')) {
      const backend = (ingress.spec as { rules: Array<{ http: { paths: Array<{ backend: { service: { name: string } } }> } }> }).rules[0]!.http.paths[0]!.backend.service.name;
      expect(serviceNames.has(backend)).toBe(true);
    }
    for (const hpa of resources.filter((r) => r.kind === 'HorizontalPodAutoscaler')) {
      const target = (hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
      expect(resources.some((r) => r.kind === target.kind && r.metadata.name === target.name)).toBe(true);
    }
    const monitor = resources.find((r) => r.kind === 'ServiceMonitor')!;
    const selector = (monitor.spec as { selector: { matchExpressions: Array<{ key: string; operator: string; values: string[] }> } }).selector;
    const scraped = services.filter((service) =>
      selector.matchExpressions.every((rule) => rule.values.includes(service.metadata.labels?.[rule.key] ?? '') === (rule.operator === 'In')),
    );
    const withAdmin = scraped.filter((service) => (service.spec as { ports: Array<{ name: string }> }).ports.some((port) => port.name === 'admin'));
    const expected: Record<string, string[]> = { 'all-in-one': ['skein-agent', 'skein-all-in-one'], 'elasticsearch-direct': ['skein-agent', 'skein-collector', 'skein-query'] };
    expect(withAdmin.map((s) => s.metadata.name).sort()).toEqual(expected[overlay] ?? ['skein-agent', 'skein-collector', 'skein-ingester', 'skein-query']);
  });

  it.each(OVERLAYS)('%s: the agent DaemonSet listens on the node and reaches a collector Service', (overlay) => {
    const resources = rendered.get(overlay)!;
    const agent = resources.find((r) => r.kind === 'DaemonSet' && r.metadata.name === 'skein-agent')!;
    const pod = podSpecOf(agent)!;
    expect(pod).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
    const ports = pod.containers[0]!.ports!;
    for (const [port, protocol] of [[6831, 'UDP'], [6832, 'UDP'], [5775, 'UDP'], [5778, 'TCP']] as const) {
      expect(ports).toContainEqual(expect.objectContaining({ containerPort: port, hostPort: port, protocol }));
    }
    const [host, port] = pod.containers[0]!.env!.find((e) => e.name === 'REPORTER_GRPC_HOST_PORT')!.value!.split(':');
    const service = resources.find((r) => r.kind === 'Service' && r.metadata.name === host)!;
    expect((service.spec as { ports: Array<{ port: number }> }).ports.map((p) => p.port)).toContain(Number(port));
    if (overlay !== 'all-in-one') expect((service.spec as { clusterIP?: string }).clusterIP).toBe('None');
  });

  it('keeps ingesters at or below the topic partitions the Job creates', () => {
    for (const overlay of ['elasticsearch', 'opensearch', 'cassandra']) {
      const resources = rendered.get(overlay)!;
      const replicas = (resources.find((r) => r.metadata.name === 'skein-ingester' && r.kind === 'Deployment')!.spec as { replicas: number }).replicas;
      const job = podSpecOf(resources.find((r) => r.metadata.name === 'skein-kafka-topics')!)!;
      const partitions = Number(job.containers[0]!.env!.find((e) => e.name === 'KAFKA_TOPIC_PARTITIONS')!.value);
      expect(replicas).toBeLessThanOrEqual(partitions);
    }
  });
});
