import { useState } from 'react';
import { alternatives, checkSetting, isAdvanced, requiredSettings, settingFields, type ConnectionSpec, type SettingField, type SettingValues } from './connection-spec';

interface Props {
  spec: ConnectionSpec;
  values: SettingValues;
  onChange: (values: SettingValues) => void;
  /** The hub's messages per setting, from its last answer (give the form a new `key` per answer: a setting edited since hides its message). */
  serverErrors: Record<string, string>;
  /** Editing: which secrets are stored (shown as "set", kept unless a new value is typed). */
  storedSecrets?: Record<string, { set: boolean }>;
}

/** The settings of a plugin's `connectionSpec` as form fields, checked as they are typed. */
export function SettingsForm({ spec, values, onChange, serverErrors, storedSecrets }: Props) {
  const fields = settingFields(spec);
  const required = requiredSettings(spec, values);
  const labels = new Map(fields.map((f) => [f.name, f.label]));
  const choices = alternatives(spec);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const errorFromHub = (name: string) => (edited.has(name) ? undefined : serverErrors[name]);
  const main = fields.filter((f) => !isAdvanced(f, spec));
  const advanced = fields.filter((f) => isAdvanced(f, spec));
  const setting = (field: SettingField) => (
    <Setting
      key={field.name}
      field={field}
      value={values[field.name]}
      required={required.has(field.name) && !(field.kind === 'secret' && storedSecrets?.[field.name]?.set)}
      storedSecret={storedSecrets?.[field.name]?.set === true}
      serverError={errorFromHub(field.name)}
      onChange={(value) => {
        setEdited(new Set(edited).add(field.name));
        onChange({ ...values, [field.name]: value });
      }}
    />
  );
  return (
    <fieldset>
      <legend>Settings</legend>
      {choices.length > 0 && (
        <p className="hint" id="settings-alternatives">
          Give one of: {choices.map((set) => set.map((n) => labels.get(n) ?? n).join(' + ')).join(' · or ')}.
        </p>
      )}
      {main.map(setting)}
      {advanced.length > 0 && (
        // open when one of them has an error, so that the error is seen
        <details open={advanced.some((f) => errorFromHub(f.name) || checkSetting(f, values[f.name])) || undefined}>
          <summary>Advanced settings ({advanced.length}, defaults apply when left empty)</summary>
          {advanced.map(setting)}
        </details>
      )}
    </fieldset>
  );
}

function Setting({ field, value, required, storedSecret, serverError, onChange }: {
  field: SettingField;
  value: string | boolean | undefined;
  required: boolean;
  storedSecret: boolean;
  serverError?: string;
  onChange: (value: string | boolean | undefined) => void;
}) {
  const id = `setting-${field.name}`;
  const error = checkSetting(field, value) ?? serverError;
  const hint = field.property.description;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.name, 'aria-invalid': error ? true : undefined, 'aria-describedby': described, 'aria-required': required || undefined };
  const placeholder = field.property.default !== undefined ? `default: ${String(field.property.default)}` : undefined;
  let input;
  switch (field.kind) {
    case 'boolean':
      input = <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
      break;
    case 'choice':
      input = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{placeholder ?? '(choose)'}</option>
          {(field.property.enum ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
      break;
    default:
      input = (
        <input
          {...common}
          type={field.kind === 'secret' ? 'password' : field.kind === 'url' ? 'url' : 'text'}
          inputMode={field.kind === 'integer' || field.kind === 'number' ? 'numeric' : undefined}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          placeholder={field.kind === 'secret' && storedSecret ? 'set (type a new value to replace it)' : field.kind === 'url' && !placeholder ? 'https://' : placeholder}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
  return (
    <div className={`field${field.kind === 'boolean' ? ' checkbox' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {required && <span className="required"> (required)</span>}
        {field.kind === 'secret' && storedSecret && <span className="badge">set</span>}
      </label>
      {input}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {field.label} {error}
        </p>
      )}
    </div>
  );
}
