import type { ReactNode } from 'react';
import { CHOICES, conditionProblem, FIELD_LABELS, keyed, OPERATORS, QUICK_FILTERS, type FilterCondition, type SpanFilterState } from './span-filter-state';

const OPERATOR_LABELS: Record<string, string> = { '=~': '=~ (regex)', '!~': '!~ (regex)', exists: 'exists', '!exists': 'does not exist' };

/**
 * The filter bar above the timeline: conditions on service, operation, duration, status, kind and any attribute,
 * resource attribute or event field; the quick filters; how many spans match, stepping through them, and showing
 * only them.
 */
export function SpanFilters(props: {
  state: SpanFilterState;
  onChange: (state: SpanFilterState) => void;
  /** Conditions need the query service; a trace from a file has the quick filters only. */
  conditionsAvailable: boolean;
  matchCount: number | undefined;
  spanCount: number;
  at: number;
  busy: boolean;
  error: string | undefined;
  onStep: (direction: 1 | -1) => void;
}) {
  const { state, onChange } = props;
  const active = state.conditions.length > 0 || state.quick.length > 0;
  const setCondition = (index: number, change: Partial<FilterCondition>): void => {
    const conditions = state.conditions.map((condition, i) => {
      if (i !== index) return condition;
      const next = { ...condition, ...change };
      // A new field keeps the operator only where it still applies.
      if (change.field && !OPERATORS[change.field].includes(next.op)) next.op = OPERATORS[change.field][0]!;
      if (change.field && CHOICES[change.field] && !CHOICES[change.field]!.includes(next.value ?? '')) next.value = CHOICES[change.field]![0]!;
      return next;
    });
    onChange({ ...state, conditions });
  };
  const label = (text: string, control: ReactNode): ReactNode => (
    <label className="filter-control">
      <span className="visually-hidden">{text}</span>
      {control}
    </label>
  );
  return (
    <section className="span-filters" aria-label="Span filters">
      <div className="filter-row">
        <div role="group" aria-label="Quick filters" className="filter-quick">
          {QUICK_FILTERS.map(([name, text]) => (
            <button
              key={name}
              type="button"
              aria-pressed={state.quick.includes(name)}
              onClick={() => onChange({ ...state, quick: state.quick.includes(name) ? state.quick.filter((q) => q !== name) : [...state.quick, name] })}
            >
              {text}
            </button>
          ))}
        </div>
        <button
          type="button"
          disabled={!props.conditionsAvailable}
          title={props.conditionsAvailable ? undefined : 'Conditions are run by the query service: open the stored trace'}
          onClick={() => onChange({ ...state, conditions: [...state.conditions, { field: 'tag', key: '', op: '=', value: '' }] })}
        >
          + Condition
        </button>
        <span className="filter-count" role="status" aria-live="polite">
          {!active ? '' : props.busy ? 'Filtering…' : props.error ? '' : `${props.matchCount ?? 0} of ${props.spanCount} spans match${props.at >= 0 ? ` · at ${props.at + 1}` : ''}`}
        </span>
        <button type="button" aria-label="Previous filter match" disabled={!props.matchCount} onClick={() => props.onStep(-1)}>↑</button>
        <button type="button" aria-label="Next filter match" disabled={!props.matchCount} onClick={() => props.onStep(1)}>↓</button>
        <label className="filter-only">
          <input type="checkbox" checked={state.matchesOnly} disabled={!active} onChange={(event) => onChange({ ...state, matchesOnly: event.target.checked })} /> Show matches only
        </label>
        {active && (
          <button type="button" className="link-button" onClick={() => onChange({ conditions: [], quick: [], matchesOnly: false })}>
            Clear
          </button>
        )}
      </div>
      {props.error && <div className="status error" role="alert">The filter could not be run: {props.error}</div>}
      {state.conditions.map((condition, index) => {
        const problem = conditionProblem(condition);
        return (
          <div className="filter-row filter-condition" key={index} data-condition={index}>
            {label(
              `Condition ${index + 1} field`,
              <select value={condition.field} onChange={(event) => setCondition(index, { field: event.target.value as FilterCondition['field'] })}>
                {Object.entries(FIELD_LABELS).map(([field, text]) => (
                  <option key={field} value={field}>{text}</option>
                ))}
              </select>,
            )}
            {keyed(condition.field) &&
              label(`Condition ${index + 1} key`, <input type="text" placeholder="key, e.g. http.status_code" value={condition.key ?? ''} onChange={(event) => setCondition(index, { key: event.target.value })} />)}
            {label(
              `Condition ${index + 1} operator`,
              <select value={condition.op} onChange={(event) => setCondition(index, { op: event.target.value })}>
                {OPERATORS[condition.field].map((op) => (
                  <option key={op} value={op}>{OPERATOR_LABELS[op] ?? op}</option>
                ))}
              </select>,
            )}
            {condition.op !== 'exists' &&
              condition.op !== '!exists' &&
              label(
                `Condition ${index + 1} value`,
                CHOICES[condition.field] ? (
                  <select value={condition.value ?? ''} onChange={(event) => setCondition(index, { value: event.target.value })}>
                    {CHOICES[condition.field]!.map((choice) => (
                      <option key={choice} value={choice}>{choice}</option>
                    ))}
                  </select>
                ) : (
                  <input
                    type="text"
                    aria-invalid={problem !== undefined}
                    placeholder={condition.field === 'duration' ? 'e.g. 250ms' : 'value'}
                    value={condition.value ?? ''}
                    onChange={(event) => setCondition(index, { value: event.target.value })}
                  />
                ),
              )}
            <button type="button" aria-label={`Remove condition ${index + 1}`} onClick={() => onChange({ ...state, conditions: state.conditions.filter((_, i) => i !== index) })}>
              ✕
            </button>
            {problem && <span className="filter-problem" role="alert">Condition {index + 1}: {problem}</span>}
          </div>
        );
      })}
    </section>
  );
}
