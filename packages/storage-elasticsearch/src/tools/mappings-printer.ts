import { indexTemplates, type IndexTemplate } from '../mappings.js';

export interface MappingsPrinterOptions {
  indexPrefix?: string;
  numShards?: number;
  numReplicas?: number;
  /** Templates for rollover (read alias added to every new index). */
  useAliases?: boolean;
}

/**
 * `es-mappings`: the index templates as the backend installs them, one `PUT _index_template/<name>` request each,
 * in the form Kibana Dev Tools and `curl` accept. Nothing is contacted.
 */
export function renderIndexTemplates(options: MappingsPrinterOptions = {}): string {
  return templatesFor(options)
    .map((template) => `PUT _index_template/${template.name}\n${JSON.stringify(template.body, null, 2)}\n`)
    .join('\n');
}

export function templatesFor(options: MappingsPrinterOptions = {}): IndexTemplate[] {
  return indexTemplates({
    indexPrefix: options.indexPrefix ?? '',
    numShards: options.numShards ?? 5,
    numReplicas: options.numReplicas ?? 1,
    useAliases: options.useAliases ?? false,
    indexDateSeparator: '-',
    spanRolloverFrequency: 'day',
    serviceRolloverFrequency: 'day',
  });
}
