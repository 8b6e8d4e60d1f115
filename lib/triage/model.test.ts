import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJsonl } from './evaluate';
import { LinearModel } from './linear';
import { TriageModel } from './model';

const train = parseJsonl(readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/triage/train.jsonl'), 'utf8'));

describe('LinearModel', () => {
  const rows = [
    new Map([['a', 1], ['x', 1]]),
    new Map([['a', 1], ['y', 1]]),
    new Map([['b', 1], ['x', 1]]),
    new Map([['b', 1], ['y', 1]]),
  ];
  const labels = ['A', 'A', 'B', 'B'];

  it('learns a separable toy set; probabilities sum to one', () => {
    const m = LinearModel.train(rows, labels, ['A', 'B']);
    const p = m.predict(new Map([['a', 1]]));
    expect(p[0]).toBeGreaterThan(0.8);
    expect(p[0] + p[1]).toBeCloseTo(1, 10);
    expect(m.predict(new Map([['b', 1]]))[1]).toBeGreaterThan(0.8);
  });

  it('is deterministic with a fixed seed and survives a JSON round trip', () => {
    const a = LinearModel.train(rows, labels, ['A', 'B'], { seed: 7 });
    const b = LinearModel.train(rows, labels, ['A', 'B'], { seed: 7 });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const back = LinearModel.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const q = new Map([['a', 1], ['y', 1]]);
    expect(back.predict(q)[0]).toBeCloseTo(a.predict(q)[0], 3);
  });

  it('refuses a label outside its classes', () => {
    expect(() => LinearModel.train(rows, ['A', 'A', 'B', 'C'], ['A', 'B'])).toThrow(/Unknown class C/);
  });
});

describe('TriageModel on the project set', () => {
  let model: TriageModel;
  beforeAll(() => {
    model = TriageModel.train(train);
  });

  const cases: [string, string, { category: string; department: string; severity: string; crisis: boolean }][] = [
    ['quality, general', '新车下雨天窗漏水，顶棚都湿了', { category: 'quality', department: 'quality', severity: 'general', crisis: false }],
    ['quality, urgent (safety)', '开在路上刹车突然发软，差点撞车', { category: 'quality', department: 'quality', severity: 'urgent', crisis: false }],
    ['attitude of a salesperson → sales', '销售顾问强行推销贷款，不办就不给优惠，态度很差', { category: 'attitude', department: 'sales', severity: 'general', crisis: false }],
    ['attitude of a courier → logistics', '快递员把包裹扔在门口，我说了两句他就吼我', { category: 'attitude', department: 'logistics', severity: 'general', crisis: false }],
    ['workmanship: fault returns after our repair', '上周在你们店修好的异响，开回去第二天又响了', { category: 'workmanship', department: 'service', severity: 'important', crisis: false }],
    ['delay of a new car → sales', '订的新车合同写上个月交车，到现在还没到，已经拖了一个多月', { category: 'delay', department: 'sales', severity: 'important', crisis: false }],
    ['parts back-order', '车在你们店里等配件，配件说缺货一直在订货', { category: 'parts', department: 'parts', severity: 'general', crisis: false }],
    ['price, money back → finance', '保养账单上多收了一项发动机清洗，我没同意做，请退钱', { category: 'price', department: 'finance', severity: 'general', crisis: false }],
    ['other: marketing calls of the sales team', '销售天天打电话发短信推销新车，说了不买还打', { category: 'other', department: 'sales', severity: 'general', crisis: false }],
    ['crisis: 12315 and a reporter', '车子天窗漏水一直没人管，我已经打了12315，还联系了电视台记者', { category: 'quality', department: 'quality', severity: 'urgent', crisis: true }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const s = model.suggest({ text });
      expect({ category: s.category.code, department: s.department.code, severity: s.severity.code, crisis: s.crisis.flag }).toEqual(want);
    });
  }

  it('traps: a warning light, calling the police, a manufacturer threat, a negation and an ordinary post are not crises', () => {
    for (const text of [
      '仪表盘上的报警灯一直亮，车能正常开',
      '车里的行车记录仪不见了，我当时就报警了',
      '空调不制冷，再不解决我就投诉到厂家',
      '变速箱顿挫，我不想闹到12315，希望你们好好处理',
      '刹车片换完有异响 #吐槽# 😡 发个微博让大家避雷',
    ]) {
      expect(model.suggest({ text }).crisis.flag, text).toBe(false);
    }
  });

  it('a crisis is always urgent, and English complaints are understood', () => {
    const s = model.suggest({ text: 'The sunroof of my car leaks. My lawyer will contact you.', channel: 'email' });
    expect(s.crisis.flag).toBe(true);
    expect(s.crisis.signals).toEqual(['crisis_legal']);
    expect(s.severity.code).toBe('urgent');
  });

  it('gives probabilities that sum to one with the confidence of the chosen label', () => {
    const s = model.suggest({ text: '收银员态度很差', request: '道歉' });
    for (const l of [s.category, s.department, s.severity]) {
      expect(Object.values(l.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(l.confidence).toBe(Math.max(...Object.values(l.probabilities)));
    }
    expect(s.crisis.confidence).toBeGreaterThan(0.5);
  });

  it('round-trips through JSON with the same suggestions', () => {
    const back = TriageModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const input = { text: '宽带断网三天了，孩子上不了网课', channel: 'phone' };
    expect(back.suggest(input).category.code).toBe(model.suggest(input).category.code);
    expect(back.suggest(input).severity.confidence).toBeCloseTo(model.suggest(input).severity.confidence, 2);
  });

  it('suggests only the categories it was trained on', () => {
    const small = TriageModel.train(train.filter((d) => d.category === 'quality' || d.category === 'price'));
    expect(small.categories).toEqual(['quality', 'price']);
    expect(['quality', 'price']).toContain(small.suggest({ text: '态度很差' }).category.code);
  });
});
