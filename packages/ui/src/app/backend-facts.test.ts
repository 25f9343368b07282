import { describe, expect, it } from '@jest/globals';
import { configuredMenu } from './backend-facts';

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
