/**
 * docker-compose.yml, read by Compose's own loader (compose-go: the Compose specification's schema, interpolation,
 * profiles) for every profile set, and held to what the binaries accept: subcommands, flags, variables and ports.
 * No Docker engine runs here, so this is how the file is proven.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { deployRender, render, REPO } from './deploy-render.js';
import { contractOf, flagsIn, isPinned, isSkeinMetricName } from './skein-commands.js';

interface ComposeService {
  image?: string;
  command?: string[] | null;
  environment?: Record<string, string | null>;
  ports?: Array<{ target: number; published?: string; protocol?: string }>;
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { aliases?: string[] } | null>;
  volumes?: Array<{ type: string; source?: string; target: string }>;
  profiles?: string[];
}

const PROFILE_SETS = ['pipeline,elasticsearch', 'pipeline,opensearch', 'pipeline,cassandra', 'all-in-one'];
const projects = new Map<string, Record<string, ComposeService>>();

beforeAll(() => {
  deployRender();
  for (const profiles of PROFILE_SETS) {
    projects.set(profiles, (JSON.parse(render(['compose', join(REPO, 'docker-compose.yml'), profiles])) as { services: Record<string, ComposeService> }).services);
  }
}, 300_000);

const isSkein = (service: ComposeService) => service.image?.startsWith('skein:') === true;

/** Service names and network aliases → the service. */
function namesOf(services: Record<string, ComposeService>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, service] of Object.entries(services)) {
    names.set(name, name);
    for (const network of Object.values(service.networks ?? {})) for (const alias of network?.aliases ?? []) names.set(alias, name);
  }
  return names;
}

describe('docker-compose.yml', () => {
  it('runs the Kafka pipeline on Elasticsearch by default (.env)', () => {
    expect(readFileSync(join(REPO, '.env'), 'utf8')).toMatch(/^COMPOSE_PROFILES=pipeline,elasticsearch$/m);
  });

  it.each(PROFILE_SETS)('%s: has every part the profile promises', (profiles) => {
    const services = projects.get(profiles)!;
    const names = namesOf(services);
    for (const always of ['agent', 'prometheus', 'grafana', 'collector', 'query']) expect(names.has(always)).toBe(true);
    if (profiles.startsWith('pipeline')) for (const part of ['kafka', 'kafka-topics', 'ingester']) expect(names.has(part)).toBe(true);
    const storage = profiles.split(',')[1];
    if (storage === 'elasticsearch') for (const part of ['elasticsearch', 'kibana', 'kibana-setup', 'es-index-setup']) expect(names.has(part)).toBe(true);
    if (storage === 'opensearch') for (const part of ['opensearch', 'opensearch-dashboards']) expect(names.has(part)).toBe(true);
    if (storage === 'cassandra') for (const part of ['cassandra', 'cassandra-schema']) expect(names.has(part)).toBe(true);
    expect(Object.keys(services).some((name) => name.startsWith('loadgen'))).toBe(true);
  });

  it.each(PROFILE_SETS)('%s: pins every image, and publishes no host port twice', (profiles) => {
    const published = new Map<string, string>();
    for (const [name, service] of Object.entries(projects.get(profiles)!)) {
      expect({ name, image: service.image, pinned: isPinned(service.image ?? '') }).toEqual({ name, image: service.image, pinned: true });
      for (const port of service.ports ?? []) {
        if (!port.published) continue;
        const key = `${port.published}/${port.protocol ?? 'tcp'}`;
        expect({ key, by: published.get(key) ?? name }).toEqual({ key, by: name });
        published.set(key, name);
      }
    }
  });

  it.each(PROFILE_SETS)("%s: gives each skein process only subcommands, flags and variables it takes, and publishes only its own ports", (profiles) => {
    for (const [name, service] of Object.entries(projects.get(profiles)!)) {
      if (!isSkein(service)) continue;
      const args = service.command ?? ['all-in-one'];
      const contract = contractOf(args[0]!);
      for (const flag of flagsIn(args)) expect({ name, flag, known: contract.flags.has(flag) }).toEqual({ name, flag, known: true });
      for (const variable of Object.keys(service.environment ?? {})) expect({ name, variable, known: contract.envNames.has(variable) }).toEqual({ name, variable, known: true });
      for (const port of service.ports ?? []) expect({ name, port: port.target, known: contract.ports.has(port.target) }).toEqual({ name, port: port.target, known: true });
    }
  });

  it.each(PROFILE_SETS)('%s: points the agent, Prometheus and Grafana at services that exist, on their ports', (profiles) => {
    const services = projects.get(profiles)!;
    const names = namesOf(services);
    const commandOf = (host: string) => {
      const service = services[names.get(host) ?? ''];
      return service && isSkein(service) ? contractOf((service.command ?? ['all-in-one'])[0]!) : undefined;
    };
    const [collectorHost, collectorPort] = services['agent']!.environment!['REPORTER_GRPC_HOST_PORT']!.split(':');
    expect(commandOf(collectorHost!)?.ports.has(Number(collectorPort))).toBe(true);

    const prometheus = parse(readFileSync(join(REPO, 'deploy/compose/prometheus.yml'), 'utf8')) as { scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }> };
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets));
    const state = Object.fromEntries(
      targets.map((target) => {
        const [host, port] = target.split(':');
        const contract = commandOf(host!);
        return [host, contract === undefined ? 'absent' : contract.adminPort === Number(port) ? 'up' : 'down'];
      }),
    );
    // The all-in-one answers as the collector (its admin port is the collector's); the query and ingester jobs have
    // no process of their own there.
    expect(state).toEqual(
      profiles === 'all-in-one' ? { collector: 'up', ingester: 'absent', query: 'down', agent: 'up' } : { collector: 'up', ingester: 'up', query: 'up', agent: 'up' },
    );

    const datasources = parse(readFileSync(join(REPO, 'deploy/compose/grafana/provisioning/datasources/skein.yaml'), 'utf8')) as { datasources: Array<{ url: string }> };
    for (const { url } of datasources.datasources) expect(names.has(new URL(url).hostname)).toBe(true);
  });

  it('mounts only files that exist, and the dashboard plots metrics Skein exports', () => {
    for (const service of Object.values(projects.get('pipeline,elasticsearch')!)) {
      for (const volume of service.volumes ?? []) if (volume.type === 'bind') expect(existsSync(join(REPO, volume.source!))).toBe(true);
    }
    const sources = sourceText(join(REPO, 'packages'));
    const dashboard = JSON.parse(readFileSync(join(REPO, 'deploy/compose/grafana/dashboards/skein.json'), 'utf8')) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
    const titles = dashboard.panels.map((panel) => panel.title.toLowerCase()).join(' | ');
    for (const seed of ['memory', 'cpu', 'agent batch failures', 'collector dropped spans', 'queue latency p95', 'ingester lag']) expect(titles).toContain(seed);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        for (const metric of target.expr.match(/skein_[a-z_]+/g) ?? []) expect({ metric, exported: isSkeinMetricName(metric, sources) }).toEqual({ metric, exported: true });
      }
    }
  });

  it('is refused by the loader when it breaks the specification', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skein-compose-'));
    const file = join(dir, 'docker-compose.yml');
    writeFileSync(file, 'services:\n  collector:\n    image: skein:0.1.0\n    comand: ["collector"]\n');
    expect(() => render(['compose', file, ''])).toThrow(/comand/);
    writeFileSync(file, 'services:\n  collector:\n    image: skein:0.1.0\n    depends_on: [kafka]\n');
    expect(() => render(['compose', file, ''])).toThrow(/kafka/);
  });
});

function sourceText(dir: string): string {
  let text = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) text += sourceText(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) text += readFileSync(path, 'utf8');
  }
  return text;
}
