import { describe, expect, it } from 'vitest';
import { chineseNumber, crisisSignals, largestAmount, longestWaitDays, signals } from './signals';

const has = (text: string, name: string) => signals(text).has(name as never);

describe('crisis signals and their traps (DESIGN §2a)', () => {
  it('reads regulators, media, spread posts, lawyers and group action as crisis, in both languages', () => {
    expect(crisisSignals('我已经打了１２３１５投诉你们')).toEqual(['crisis_regulator']);
    expect(crisisSignals('明天就去市场监管局举报')).toEqual(['crisis_regulator']);
    expect(crisisSignals('我已经联系了电视台的记者')).toEqual(['crisis_media']);
    expect(crisisSignals('这事已经上了本地热搜')).toEqual(['crisis_spread']);
    expect(crisisSignals('律师函下周会寄到你们公司')).toEqual(['crisis_legal']);
    expect(crisisSignals('我们二十多位车主已经建了维权群')).toContain('crisis_group');
    expect(crisisSignals('I have contacted a journalist at the local newspaper')).toEqual(['crisis_media']);
    expect(crisisSignals('My lawyer will contact you')).toEqual(['crisis_legal']);
    expect(crisisSignals('Twenty of us owners have signed a joint letter')).toEqual(['crisis_group']);
  });

  it('报警灯 is a warning light, not a crisis; 报警 alone is calling the police, not a crisis', () => {
    expect(crisisSignals('仪表盘报警灯亮了')).toEqual([]);
    expect(has('仪表盘报警灯亮了', 'warning_light')).toBe(true);
    expect(has('仪表盘报警灯亮了', 'police')).toBe(false);
    expect(crisisSignals('我当时气得都报警了')).toEqual([]);
    expect(has('我当时气得都报警了', 'police')).toBe(true);
    expect(crisisSignals('the check engine light is on')).toEqual([]);
    expect(crisisSignals('I called the police')).toEqual([]);
  });

  it('a negated crisis word is not a crisis', () => {
    for (const t of ['我不想闹到12315，希望你们解决', '我不会去找媒体曝光', '暂时不打算找律师', 'I am not going to the media', 'I do not want to involve a lawyer']) {
      expect(crisisSignals(t), t).toEqual([]);
      expect(has(t, 'negated_crisis'), t).toBe(true);
    }
    // "不满" is not a negation of what follows
    expect(crisisSignals('我很不满要找记者')).toEqual(['crisis_media']);
  });

  it('an ordinary post and a threat to go to the manufacturer are not a crisis', () => {
    expect(crisisSignals('发条微博吐槽一下 #避雷# 😡')).toEqual([]);
    expect(has('发条微博吐槽一下 #避雷# 😡', 'social_post')).toBe(true);
    expect(crisisSignals('再不解决我就投诉到厂家')).toEqual([]);
    expect(has('再不解决我就投诉到厂家', 'escalation')).toBe(true);
  });
});

describe('severity signals', () => {
  it('safety, injury and an unusable product; a car already in our workshop is marked apart', () => {
    expect(has('刹车踩下去发软', 'safety')).toBe(true);
    expect(has('brakes feel soft', 'safety')).toBe(true);
    expect(has('吃完上吐下泻去了医院', 'injury')).toBe(true);
    expect(has('车子打不着火', 'unusable')).toBe(true);
    expect(has("the car won't start", 'unusable')).toBe(true);
    expect(has('车还在你们店里等配件', 'in_workshop')).toBe(true);
    expect(has('整个小区都没信号', 'mass')).toBe(true);
  });

  it('repeat, escalation, privacy and humiliation', () => {
    expect(has('修了两次还是没修好', 'repeat')).toBe(true);
    expect(has('it came back the next day', 'repeat')).toBe(true);
    expect(has('请你们经理出来', 'escalation')).toBe(true);
    expect(has('我的个人信息被泄露了', 'privacy')).toBe(true);
    expect(has('当众侮辱我', 'humiliation')).toBe(true);
  });

  it('amounts in 元 with their size', () => {
    expect(largestAmount('多收了3,500元')).toBe(3500);
    expect(largestAmount('花了两万块')).toBe(20000);
    expect(largestAmount('This cost me ¥2,400')).toBe(2400);
    expect(largestAmount('退我350元，另外1.2万元的维修费')).toBe(12000);
    expect(largestAmount('没有金额')).toBeNull();
    expect(has('退我350元', 'amount_small')).toBe(true);
    expect(has('多收了3500元', 'amount_large')).toBe(true);
    expect(chineseNumber('三千五百')).toBe(3500);
    expect(chineseNumber('十二')).toBe(12);
  });

  it('waits longer than two weeks', () => {
    expect(longestWaitDays('等了三个星期')).toBe(21);
    expect(longestWaitDays('修了5天')).toBe(5);
    expect(longestWaitDays('waiting for 3 weeks')).toBe(21);
    expect(has('已经等了一个多月', 'wait_long')).toBe(true);
    expect(has('等了十天', 'wait_long')).toBe(false);
  });
});
