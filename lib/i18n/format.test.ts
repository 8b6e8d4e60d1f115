import { describe, expect, it } from 'vitest';
import { createFormat } from './format';

const zh = createFormat('zh-CN', 'Asia/Shanghai');
const en = createFormat('en', 'Asia/Shanghai');
const min = 60_000;
const hour = 60 * min;

describe('dates', () => {
  const at = new Date('2026-12-01T06:05:09Z'); // 14:05:09 in Shanghai

  it('writes one date format per locale, in the business time zone', () => {
    expect(zh.date(at)).toBe('2026年12月1日');
    expect(en.date(at)).toBe('Dec 1, 2026');
    expect(zh.dateTime(at)).toBe('2026年12月1日 14:05');
    expect(en.dateTime(at)).toBe('Dec 1, 2026, 14:05');
    expect(zh.dateTimeSeconds(at)).toBe('2026年12月1日 14:05:09');
    expect(en.dateTimeSeconds(at)).toBe('Dec 1, 2026, 14:05:09');
  });

  it('turns the day after midnight in Shanghai into the next date', () => {
    expect(zh.date(new Date('2026-12-01T16:30:00Z'))).toBe('2026年12月2日');
  });

  it('writes a YYYY-MM-DD day exactly like a date, whatever the time zone', () => {
    expect(zh.day('2027-01-04')).toBe('2027年1月4日');
    expect(en.day('2027-01-04')).toBe('Jan 4, 2027');
    expect(createFormat('en', 'America/Los_Angeles').day('2027-01-04')).toBe('Jan 4, 2027');
    expect(zh.day('not a day')).toBe('not a day');
  });

  it('has a dash for nothing and a weekday for a day', () => {
    expect(zh.dateTimeOrDash(null)).toBe('—');
    expect(zh.weekday('2026-12-01')).toBe('周二');
    expect(en.weekday('2026-12-01')).toBe('Tue');
  });
});

describe('durations', () => {
  it('minutes', () => {
    expect(zh.duration(48 * min)).toBe('48分钟');
    expect(en.duration(48 * min)).toBe('48 min');
    expect(zh.duration(10_000)).toBe('1分钟'); // never "0 minutes left"
  });

  it('hours, with no "0 min"', () => {
    expect(zh.duration(hour)).toBe('1小时');
    expect(en.duration(hour)).toBe('1 hr');
    expect(zh.duration(hour + 48 * min)).toBe('1小时48分钟');
    expect(en.duration(hour + 48 * min)).toBe('1 hr 48 min');
    expect(zh.duration(47 * hour + 59 * min)).toBe('47小时59分钟');
  });

  it('days from 48 hours on', () => {
    expect(zh.duration(48 * hour)).toBe('2天');
    expect(en.duration(48 * hour)).toBe('2 days');
    expect(zh.duration(75 * hour)).toBe('3天3小时');
    expect(en.duration(75 * hour)).toBe('3 days 3 hr');
  });

  it('drops the sign of an overdue span (the message says "overdue")', () => {
    expect(zh.duration(-25 * hour)).toBe('25小时');
    expect(en.duration(-48 * min)).toBe('48 min');
    expect(zh.duration(-3 * 24 * hour)).toBe(zh.duration(3 * 24 * hour));
  });

  it('has no latin unit in Chinese', () => {
    for (const ms of [min, 59 * min, hour, 30 * hour, 100 * hour]) expect(zh.duration(ms)).not.toMatch(/[a-z]/i);
  });
});

describe('money', () => {
  it('yuan with two decimals, ¥ in both languages', () => {
    expect(zh.money(30000)).toBe('¥300.00');
    expect(en.money(30000)).toBe('¥300.00');
    expect(zh.money(123456789)).toBe('¥1,234,567.89');
    expect(en.money(-1250)).toBe('-¥12.50');
    expect(zh.money(0)).toBe('¥0.00');
  });
});

describe('punctuation', () => {
  it('one colon per language', () => {
    expect(zh.labelled('退货', '整车退回')).toBe('退货：整车退回');
    expect(en.labelled('Return', 'whole car')).toBe('Return: whole car');
  });

  it('lists names the way each language does', () => {
    expect(zh.list(['吴涛', '孙伟', '李娜'])).toBe('吴涛、孙伟和李娜');
    expect(en.list(['Wu Tao', 'Sun Wei'])).toBe('Wu Tao and Sun Wei');
    expect(zh.list([])).toBe('');
  });
});
