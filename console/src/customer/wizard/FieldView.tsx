/** One field of the wizard at its document path, or a list of items with add and remove. */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useLanguage } from '../../i18n/language.js';
import { fieldName } from '../../i18n/names.js';
import { CheckboxField, MultiselectField, SelectField, TextField, TokensField } from '../../common/fields.js';
import type { Choices } from '../../common/options.js';
import { getAt, type Doc, type Json } from './document.js';
import type { FieldSpec } from './sections.js';

export interface FieldContext {
  doc: Doc;
  set(path: string, value: Json | undefined): void;
  errorAt(path: string): string | undefined;
  choices: Choices;
}

export function FieldView({ spec, path, context }: { spec: FieldSpec; path: string; context: FieldContext }) {
  const { t, pair } = useLanguage();
  const label = pair(fieldName(path));
  const value = getAt(context.doc, path);
  const common = { path, label, error: context.errorAt(path) };
  switch (spec.kind) {
    case 'select':
    case 'multiselect': {
      const options = typeof spec.options === 'string' ? context.choices[spec.options as keyof Choices] : spec.options.map((option) => ({ value: option, label: option }));
      return spec.kind === 'select' ? (
        <SelectField {...common} options={options} value={typeof value === 'string' ? value : undefined} onChange={(chosen) => context.set(path, chosen)} />
      ) : (
        <MultiselectField {...common} options={options} value={Array.isArray(value) ? (value as string[]) : undefined} onChange={(chosen) => context.set(path, chosen)} />
      );
    }
    case 'tokens':
      return <TokensField {...common} value={Array.isArray(value) ? (value as string[]) : undefined} onChange={(tokens) => context.set(path, tokens)} />;
    case 'checkbox':
      return <CheckboxField {...common} text={t('common.yes')} value={value === true} onChange={(checked) => context.set(path, checked)} />;
    case 'list':
      return <ListView spec={spec} path={path} context={context} label={label} items={Array.isArray(value) ? value : []} />;
    default:
      return <TextField {...common} multiline={spec.kind === 'textarea'} type={spec.kind === 'email' ? 'email' : spec.kind === 'date' ? 'date' : 'text'} value={typeof value === 'string' ? value : undefined} onChange={(text) => context.set(path, text)} />;
  }
}

function ListView({ spec, path, context, label, items }: { spec: Extract<FieldSpec, { kind: 'list' }>; path: string; context: FieldContext; label: string; items: Json[] }) {
  const { t } = useLanguage();
  const listError = context.errorAt(path);
  return (
    <div data-path={path}>
      <Container header={<Header variant="h3" actions={<Button iconName="add-plus" onClick={() => context.set(`${path}.${items.length}`, {})}>{t('common.add')}</Button>}>{label}</Header>}>
        <SpaceBetween size="m">
          {listError && <Box color="text-status-error">{listError}</Box>}
          {items.length === 0 && <Box color="text-status-inactive">{t('common.none')}</Box>}
          {items.map((_, index) => (
            <Container key={index} header={<Header variant="h3" actions={<Button iconName="remove" ariaLabel={`${t('common.remove')} ${label} ${index + 1}`} onClick={() => context.set(path, items.filter((__, other) => other !== index))}>{t('common.remove')}</Button>}>{`${label} ${index + 1}`}</Header>}>
              <SpaceBetween size="s">
                {spec.item.map((itemSpec) => (
                  <FieldView key={itemSpec.name} spec={itemSpec} path={`${path}.${index}.${itemSpec.name}`} context={context} />
                ))}
              </SpaceBetween>
            </Container>
          ))}
        </SpaceBetween>
      </Container>
    </div>
  );
}
