import type { components } from '../generated/hub-api';
import type { Condition } from './filter';

type Operator = components['schemas']['PluginCapabilitiesDto']['filterOperators'][number];

/**
 * Conditions on the schema's fields with only the operators the account's plugin pushes down to
 * the CRM (its `filterOperators`): a filter the CRM cannot run is not offered.
 */
export function FilterBuilder({ fields, operators, conditions, onChange }: {
  fields: { name: string; type: string }[];
  operators: readonly Operator[];
  conditions: Condition[];
  onChange: (conditions: Condition[]) => void;
}) {
  const set = (i: number, change: Partial<Condition>) => onChange(conditions.map((c, j) => (j === i ? { ...c, ...change } : c)));
  if (operators.length === 0) return <p className="muted">This plugin pushes no filter down to the CRM: every record is read.</p>;
  return (
    <fieldset>
      <legend>Filter (all conditions must hold)</legend>
      {conditions.map((c, i) => (
        <div className="field inline" key={i}>
          <label className="visually-hidden" htmlFor={`filter-field-${i}`}>
            Field of condition {i + 1}
          </label>
          <select id={`filter-field-${i}`} value={c.field} onChange={(e) => set(i, { field: e.target.value })}>
            <option value="">(field)</option>
            {fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor={`filter-op-${i}`}>
            Operator of condition {i + 1}
          </label>
          <select id={`filter-op-${i}`} value={c.op} onChange={(e) => set(i, { op: e.target.value as Operator })}>
            {operators.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor={`filter-value-${i}`}>
            Value of condition {i + 1}
          </label>
          <input id={`filter-value-${i}`} value={c.value} placeholder={c.op === 'in' ? 'a, b, c' : c.op === 'isNull' ? 'true or false' : 'value'} onChange={(e) => set(i, { value: e.target.value })} />
          <button type="button" className="link" onClick={() => onChange(conditions.filter((_, j) => j !== i))}>
            remove
          </button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...conditions, { field: '', op: operators[0] as Operator, value: '' }])}>
        Add a condition
      </button>
    </fieldset>
  );
}
