import { applyChange, changeNotAllowed, parseFilingDraft, type App, type FilingDocument } from '../../../lambdas/shared/domain/index.js';
import { exampleFiling } from './fixtures.js';

function parsed(input: unknown): FilingDocument {
  const r = parseFilingDraft(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}
const target = parsed(exampleFiling());

describe('applyChange', () => {
  it('CHANGE_ENTITY merges the entity and its person in charge', () => {
    const result = applyChange(target, parsed({ type: 'CHANGE_ENTITY', targetFilingId: 'f', entity: { mailingAddress: '银川市兴庆区1号' }, entityPrincipal: { mobile: '13995000011' } }));
    expect(result).toMatchObject({
      type: 'NEW',
      entity: { ...exampleFiling().entity, mailingAddress: '银川市兴庆区1号' },
      entityPrincipal: { ...exampleFiling().entityPrincipal, mobile: '13995000011' },
      app: exampleFiling().app,
    });
  });

  it('CHANGE_INFO adds a domain and replaces the APP person in charge, leaving the rest', () => {
    const domains = [...exampleFiling().app.domains, { ...exampleFiling().app.domains[0]!, name: 'm.yunfan-travel.cn' }];
    const result = applyChange(target, parsed({ type: 'CHANGE_INFO', targetFilingId: 'f', app: { domains, principal: { email: 'new@yunfan-travel.cn' } } }));
    const app = (result as { app?: App }).app;
    expect(app?.domains?.map((d) => d.name)).toEqual(['api.yunfan-travel.cn', 'm.yunfan-travel.cn']);
    expect(app?.principal).toEqual({ ...exampleFiling().app.principal, email: 'new@yunfan-travel.cn' });
    expect(app?.platforms).toEqual(exampleFiling().app.platforms);
  });

  it('CHANGE_IP replaces the IPs only; cancellations change nothing; the target is not modified', () => {
    const before = JSON.stringify(target);
    const result = applyChange(target, parsed({ type: 'CHANGE_IP', targetFilingId: 'f', access: { ips: ['52.83.20.1', '52.83.20.2'] } }));
    expect(result).toEqual({ ...exampleFiling(), access: { ...exampleFiling().access, ips: ['52.83.20.1', '52.83.20.2'] } });
    expect(applyChange(target, parsed({ type: 'CANCEL_APP', targetFilingId: 'f' }))).toEqual(target);
    expect(JSON.stringify(target)).toBe(before);
  });
});

describe('changeNotAllowed', () => {
  it('refuses a change of province or certificate number, accepts other entity fields', () => {
    const moved = parsed({ type: 'CHANGE_ENTITY', targetFilingId: 'f', entity: { province: '110000' } });
    expect(changeNotAllowed(target, moved).map((p) => `${p.code} ${p.path}`)).toEqual(['CHANGE_NOT_ALLOWED entity.province']);
    const same = parsed({ type: 'CHANGE_ENTITY', targetFilingId: 'f', entity: { ...exampleFiling().entity, name: '宁夏云帆出行科技有限公司' } });
    expect(changeNotAllowed(target, same)).toEqual([]);
  });
});
