import { describe, expect, it } from '@jest/globals';
import { configuredLinks, configuredMenu, fieldsOf, traceLinks } from './backend-facts';

describe('configuredMenu', () => {
  it('reads links and groups of links from Jaeger\'s menu configuration', () => {
    expect(
      configuredMenu({
        menu: [
          { label: 'Kibana', url: 'https://kibana.example/app/discover', anchorTarget: '_self' },
          { label: 'About', items: [{ label: 'Docs', url: '/docs' }, { label: 'Broken' }] },
        ],
      }),
    ).toEqual([
      { label: 'Kibana', url: 'https://kibana.example/app/discover', anchorTarget: '_self' },
      { label: 'About', items: [{ label: 'Docs', url: '/docs' }] },
    ]);
  });

  it('leaves out what it cannot draw safely: no menu, wrong shapes, javascript: URLs, empty groups', () => {
    expect(configuredMenu(null)).toEqual([]);
    expect(configuredMenu({ menu: 'x' })).toEqual([]);
    expect(configuredMenu({ menu: [{ label: 'x', url: 'javascript:alert(1)' }, { label: 'g', items: [] }, 5, null] })).toEqual([]);
  });
});

describe('traceLinks', () => {
  const trace = { traceID: '4bf92f3577b34da6a3ce929d0e0e4736', startTime: 1_764_822_000_123_456, endTime: 1_764_822_002_500_001 };

  it("fills Jaeger's `traces` link patterns for one trace, URL-encoding the values", () => {
    const links = traceLinks(
      {
        linkPatterns: [
          { type: 'traces', text: 'Logs in Kibana', url: "http://kibana:5601/app/discover#/?_g=(time:(from:'#{startTimeISO}',to:'#{endTimeISO}'))&_a=(query:(language:kuery,query:'trace.id:#{traceID}'))" },
          { type: 'traces', url: '/grafana/explore?trace=#{traceID}&from=#{startTime}&to=#{endTime}' },
          { type: 'tags', key: 'http.url', url: 'https://x/#{http.url}' },
        ],
      },
      trace,
    );
    expect(links).toEqual([
      {
        text: 'Logs in Kibana',
        url: "http://kibana:5601/app/discover#/?_g=(time:(from:'2025-12-04T04%3A20%3A00.123Z',to:'2025-12-04T04%3A20%3A02.501Z'))&_a=(query:(language:kuery,query:'trace.id:4bf92f3577b34da6a3ce929d0e0e4736'))",
      },
      { text: 'Open', url: '/grafana/explore?trace=4bf92f3577b34da6a3ce929d0e0e4736&from=1764822000123456&to=1764822002500001' },
    ]);
  });

  it('leaves out patterns with unknown fields or unsafe URLs, and anything that is not a list', () => {
    expect(traceLinks({ linkPatterns: [{ type: 'traces', url: 'https://x/#{spanID}' }, { type: 'traces', url: 'javascript:alert(1)' }, null, 3] }, trace)).toEqual([]);
    expect(traceLinks({ linkPatterns: 'x' }, trace)).toEqual([]);
    expect(traceLinks(null, trace)).toEqual([]);
  });
});

describe('configuredLinks (tags, process and logs patterns)', () => {
  const config = {
    linkPatterns: [
      { type: 'tags', key: 'customer.id', url: 'https://crm.example/customers/#{customer.id}?env=#{deployment.environment}', text: 'Customer #{customer.id}' },
      { type: 'process', key: 'hostname', url: 'https://grafana.example/d/node?var-host=#{hostname}', text: 'Host metrics' },
      { type: 'logs', key: 'order.id', url: '/search?tags=#{order.id}' },
      { type: 'tags', key: 'user.id', url: 'https://x/#{missing}' },
    ],
  };

  it("fills a tag's pattern from the span's tags first, then its process's", () => {
    const links = configuredLinks(config, 'tags', 'customer.id', [{ 'customer.id': 'c 42' }, { 'deployment.environment': 'prod', 'customer.id': 'ignored' }]);
    expect(links).toEqual([{ text: 'Customer c 42', url: 'https://crm.example/customers/c%2042?env=prod' }]);
  });

  it('matches on the type and the key, and leaves out a pattern naming a field no source has', () => {
    expect(configuredLinks(config, 'process', 'hostname', [{ hostname: 'node-7' }])).toEqual([{ text: 'Host metrics', url: 'https://grafana.example/d/node?var-host=node-7' }]);
    expect(configuredLinks(config, 'tags', 'hostname', [{ hostname: 'node-7' }])).toEqual([]);
    expect(configuredLinks(config, 'logs', 'order.id', [{ 'order.id': 'o/1' }])).toEqual([{ text: 'Open', url: '/search?tags=o%2F1' }]);
    expect(configuredLinks(config, 'tags', 'user.id', [{ 'user.id': 'u' }])).toEqual([]);
  });

  it('reads key-value items with the first of a repeated key winning, values as text', () => {
    expect(fieldsOf([{ key: 'a', value: 1 }, { key: 'b', value: 'x' }, { key: 'a', value: 2 }])).toEqual({ a: '1', b: 'x' });
  });
});
