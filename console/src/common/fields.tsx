/**
 * Labelled inputs that show the API's problems at their path (docs/design/api.md "Errors":
 * `details[].path`). Each is a Cloudscape FormField, so label, control and error are linked
 * for screen readers and every control is reachable by keyboard.
 */
import Checkbox from '@cloudscape-design/components/checkbox';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import Select from '@cloudscape-design/components/select';
import Textarea from '@cloudscape-design/components/textarea';
import type { ReactNode } from 'react';

export interface Option {
  value: string;
  label: string;
}

interface Common {
  label: string;
  /** The document path this field edits (also `data-path`, which the tests find fields by). */
  path: string;
  error?: string | undefined;
  hint?: ReactNode;
}

const field = (common: Common, control: ReactNode) => (
  <div data-path={common.path}>
    <FormField label={common.label} errorText={common.error} constraintText={common.hint}>
      {control}
    </FormField>
  </div>
);

export function TextField(props: Common & { value: string | undefined; onChange(value: string): void; multiline?: boolean; type?: 'text' | 'email' | 'date' }) {
  return field(
    props,
    props.multiline ? (
      <Textarea value={props.value ?? ''} onChange={({ detail }) => props.onChange(detail.value)} invalid={props.error !== undefined} ariaLabel={props.label} />
    ) : (
      <Input value={props.value ?? ''} type={props.type === 'email' ? 'email' : 'text'} onChange={({ detail }) => props.onChange(detail.value)} invalid={props.error !== undefined} placeholder={props.type === 'date' ? 'YYYY-MM-DD' : undefined} />
    ),
  );
}

export function SelectField(props: Common & { value: string | undefined; options: readonly Option[]; onChange(value: string): void }) {
  const selected = props.options.find((option) => option.value === props.value) ?? null;
  return field(
    props,
    <Select selectedOption={selected} options={[...props.options]} onChange={({ detail }) => props.onChange(detail.selectedOption.value ?? '')} invalid={props.error !== undefined} filteringType={props.options.length > 10 ? 'auto' : 'none'} ariaLabel={props.label} />,
  );
}

export function MultiselectField(props: Common & { value: readonly string[] | undefined; options: readonly Option[]; onChange(value: string[]): void }) {
  const chosen = new Set(props.value ?? []);
  return field(
    props,
    <Multiselect
      selectedOptions={props.options.filter((option) => chosen.has(option.value))}
      options={[...props.options]}
      onChange={({ detail }) => props.onChange(detail.selectedOptions.map((option) => option.value ?? ''))}
      invalid={props.error !== undefined}
      filteringType="auto"
      ariaLabel={props.label}
    />,
  );
}

/** A list of short values (IPs, security groups), typed comma- or space-separated. */
export function TokensField(props: Common & { value: readonly string[] | undefined; onChange(value: string[]): void }) {
  return field(
    props,
    <Input value={(props.value ?? []).join(', ')} onChange={({ detail }) => props.onChange(detail.value.split(/[\s,，]+/).filter(Boolean))} invalid={props.error !== undefined} />,
  );
}

export function CheckboxField(props: Common & { value: boolean | undefined; text: string; onChange(value: boolean): void }) {
  return field(
    props,
    <Checkbox checked={props.value === true} onChange={({ detail }) => props.onChange(detail.checked)}>
      {props.text}
    </Checkbox>,
  );
}
