import { createTranslator } from 'next-intl';
import zh from '@/messages/zh-CN/channels.json';
import workflowZh from '@/messages/zh-CN/workflow.json';

/**
 * A WeCom (企业微信) group robot takes `{"msgtype":"text","text":{"content":…}}` at its webhook
 * URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). Staff alerts are written in
 * Chinese from the same queued event body as a signed webhook.
 */
export function wecomBody(eventBody: string): { msgtype: 'text'; text: { content: string } } {
  const event = JSON.parse(eventBody) as { type: string; data: Record<string, unknown> };
  const t = createTranslator({ locale: 'zh-CN', messages: { channels: zh }, namespace: 'channels.wecom' });
  const d = event.data;
  const state = (s: unknown) => (typeof s === 'string' && s ? stateLabel(s) : '—');
  let content: string;
  switch (event.type) {
    case 'form.created':
      content = t('created', { number: String(d.number) });
      break;
    case 'form.state_changed':
      content = t('stateChanged', { number: String(d.number), from: state(d.fromState), to: state(d.toState) });
      break;
    case 'form.overdue':
      content = t('overdue', { number: String(d.number), state: state(d.status) });
      break;
    case 'form.crisis_flagged':
      content = t('crisis', { number: String(d.number) });
      break;
    case 'survey.answered':
      content = t('survey', { number: String(d.number), rating: String(d.rating ?? '') });
      break;
    default:
      content = t('other', { number: String(d.number ?? ''), type: event.type });
  }
  return { msgtype: 'text', text: { content } };
}

function stateLabel(state: string): string {
  const states = (workflowZh as { states?: Record<string, string> }).states;
  return states?.[state] ?? state;
}
