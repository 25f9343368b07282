import type { SearchTransport } from './client/transport.js';
import { segment } from './client/transport.js';
import type { IndexTemplate } from './mappings.js';

/** Puts (creates or replaces) each composable index template. */
export async function installTemplates(transport: SearchTransport, templates: readonly IndexTemplate[]): Promise<void> {
  for (const template of templates) {
    await transport.request({ method: 'PUT', path: `/_index_template/${segment(template.name)}`, body: JSON.stringify(template.body) });
  }
}

/** Deletes the templates; absent ones are fine. */
export async function deleteTemplates(transport: SearchTransport, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await transport.request({ method: 'DELETE', path: `/_index_template/${segment(name)}`, ignoreStatuses: [404] });
  }
}
