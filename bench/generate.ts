// Set-based generation of a realistic data set through the real schema: one INSERT … SELECT per
// table over generate_series, no command-layer call per form. Runs the same SQL on PGlite and on
// PostgreSQL (15 here, 18 inside PGlite).
import { textLists } from './text';

/** One session: settings made with SET stay in force for the following statements. */
export interface SqlSession {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

type Path = { state: string; variant: number; steps: string[] };

// The events that take a form to each state (lib/workflow/transitions.ts), with a few variants.
const C = 'create', T = 'triage', D = 'submit_determination', A = 'approve_opinion', X = 'dispute_opinion',
  N = 'record_negotiation', F = 'approve_final', H = 'complete_handling', U = 'record_follow_up', P = 'pass_assessment',
  Q = 'flag_fault', S = 'settle_fault', PP = 'propose_pending', AP = 'approve_pending', RC = 'record_contact',
  RS = 'resume', R = 'reject', W = 'withdraw', NOTE = 'note';

const paths: Path[] = [
  { state: 'received', variant: 0, steps: [C] },
  { state: 'received', variant: 1, steps: [C, NOTE] },
  { state: 'investigating', variant: 0, steps: [C, T] },
  { state: 'investigating', variant: 1, steps: [C, T, NOTE] },
  { state: 'pending_approval', variant: 0, steps: [C, T, PP] },
  { state: 'pending', variant: 0, steps: [C, T, PP, AP] },
  { state: 'pending', variant: 1, steps: [C, T, PP, AP, RC] },
  { state: 'pending', variant: 2, steps: [C, T, PP, AP, RC, RC] },
  { state: 'management_review', variant: 0, steps: [C, T, D] },
  { state: 'negotiation', variant: 0, steps: [C, T, D, X] },
  { state: 'gm_decision', variant: 0, steps: [C, T, D, A] },
  { state: 'gm_decision', variant: 1, steps: [C, T, D, X, N] },
  { state: 'accountability', variant: 0, steps: [C, T, D, A, F] },
  { state: 'follow_up', variant: 0, steps: [C, T, D, A, F, H] },
  { state: 'assessment', variant: 0, steps: [C, T, D, A, F, H, U] },
  { state: 'fault_review', variant: 0, steps: [C, T, D, A, F, H, U, Q] },
  { state: 'archived', variant: 0, steps: [C, T, D, A, F, H, U, P] },
  { state: 'archived', variant: 1, steps: [C, T, NOTE, D, A, F, H, U, P] },
  { state: 'archived', variant: 2, steps: [C, T, D, X, N, F, H, U, P] },
  { state: 'archived', variant: 3, steps: [C, T, PP, AP, RC, RS, D, A, F, H, U, P] },
  { state: 'archived', variant: 4, steps: [C, T, D, A, F, H, U, Q, S] },
  { state: 'rejected', variant: 0, steps: [C, R] },
  { state: 'withdrawn', variant: 0, steps: [C, T, W] },
  { state: 'withdrawn', variant: 1, steps: [C, W] },
];

const toState: Record<string, (from: string) => string> = {
  create: () => 'received', triage: () => 'investigating', submit_determination: () => 'management_review',
  approve_opinion: () => 'gm_decision', dispute_opinion: () => 'negotiation', record_negotiation: () => 'gm_decision',
  approve_final: () => 'accountability', complete_handling: () => 'follow_up', record_follow_up: () => 'assessment',
  pass_assessment: () => 'archived', flag_fault: () => 'fault_review', settle_fault: () => 'archived',
  propose_pending: () => 'pending_approval', approve_pending: () => 'pending', record_contact: () => 'pending',
  resume: () => 'investigating', reject: () => 'rejected', withdraw: () => 'withdrawn', note: (from) => from,
};
const actorOf: Record<string, string> = {
  create: 'desk', triage: 'desk', submit_determination: 'head', approve_opinion: 'management', dispute_opinion: 'management',
  record_negotiation: 'management', approve_final: 'gm', complete_handling: 'management', record_follow_up: 'desk',
  pass_assessment: 'desk', flag_fault: 'desk', settle_fault: 'management', propose_pending: 'desk', approve_pending: 'gm',
  record_contact: 'desk', resume: 'desk', reject: 'desk', withdraw: 'desk', note: 'desk',
};
const customerVisible = new Set(['create', 'triage', 'reject', 'withdraw', 'approve_pending', 'record_contact', 'resume', 'complete_handling', 'record_follow_up']);

function pathRows() {
  const rows: unknown[][] = [];
  for (const p of paths) {
    let from: string | null = null;
    p.steps.forEach((type, i) => {
      const to = toState[type](from ?? 'received');
      rows.push([p.state, p.variant, i + 1, p.steps.length, type, from, to, actorOf[type], customerVisible.has(type)]);
      from = to;
    });
  }
  return rows;
}

const variants = Object.fromEntries(paths.map((p) => [p.state, paths.filter((q) => q.state === p.state).length]));
const stepHours: Record<string, number> = {
  received: 1, investigating: 24, pending_approval: 8, management_review: 4, negotiation: 24, gm_decision: 8,
  accountability: 24, follow_up: 24, assessment: 24, fault_review: 24,
};

/** Index definitions on the tables we fill, except those behind constraints: dropped before the load, rebuilt after. */
async function dropIndexes(s: SqlSession, tables: string[]): Promise<string[]> {
  const rows = await s.query(
    `select i.indexname, i.indexdef from pg_indexes i
       where i.schemaname = 'public' and i.tablename = any($1::text[])
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  );
  for (const r of rows) await s.query(`drop index "${r.indexname as string}"`);
  return rows.map((r) => r.indexdef as string);
}

export interface GenerateResult {
  forms: number;
  events: number;
  longForm: string;
  seconds: Record<string, number>;
}

/**
 * Fills an empty, migrated and seeded database (reference data and demo staff present) with `n`
 * forms. `now` anchors every date: forms span the two years before it.
 */
export async function generate(s: SqlSession, n: number, log: (msg: string) => void, now = new Date()): Promise<GenerateResult> {
  const seconds: Record<string, number> = {};
  const step = async (name: string, text: string, params?: unknown[]) => {
    const t = performance.now();
    await s.query(text, params);
    seconds[name] = Math.round(performance.now() - t) / 1000;
    log(`  ${name}: ${seconds[name]} s`);
  };
  const L = textLists();
  const tables = ['complaints', 'complaint_events', 'complaint_parties', 'remedies', 'accountability_entries', 'pending_items', 'pending_contacts', 'attachments', 'notifications', 'deadline_alerts'];
  const indexDefs = await dropIndexes(s, tables);
  // The lists as rows (list, idx): a pick is an index lookup by a per-row random number.
  await s.query(`create temp table bench_text (list text, idx int, item text, primary key (list, idx))`);
  await s.query(
    `insert into bench_text select l.key, (e.ordinality - 1)::int, e.value from jsonb_each($1::jsonb) l, jsonb_array_elements_text(l.value) with ordinality e`,
    [JSON.stringify(L)],
  );
  await s.query(`create temp table bench_path (state text, variant int, step int, nsteps int, type text, from_state text, to_state text, actor text, visible boolean)`);
  await s.query(`insert into bench_path select * from jsonb_to_recordset($1::jsonb) as x(state text, variant int, step int, nsteps int, type text, from_state text, to_state text, actor text, visible boolean)`, [
    JSON.stringify(pathRows().map(([state, variant, stepNo, nsteps, type, from_state, to_state, actor, visible]) => ({ state, variant, step: stepNo, nsteps, type, from_state, to_state, actor, visible }))),
  ]);
  await s.query(`create temp table bench_state (state text primary key, nvariants int, step_hours numeric)`);
  await s.query(`insert into bench_state select key, value::int, coalesce(($2::jsonb ->> key)::numeric, 0) from jsonb_each_text($1::jsonb)`, [JSON.stringify(variants), JSON.stringify(stepHours)]);

  const nowIso = now.toISOString();
  // Pick from a list with a random index; the lists are small, the subquery runs once per statement.
  // `r` must refer to the row (a column of bf): an uncorrelated subquery would run once for all rows.
  const pick = (list: keyof typeof L, r: string) => `(select t.item from bench_text t where t.list = '${list}' and t.idx = floor((${r}) * ${L[list].length})::int)`;

  // 1. One row per form with everything decided: state, dates, customer, text.
  await step(
    'plan forms',
    `create temp table bf as
     with base as (
       select i, random() r1, random() r2, random() r3, random() r4, random() r5,
              $2::timestamptz - interval '730 days' * ((($1::int - i) + 0.5) / $1::numeric) as received_at,
              730 * ((($1::int - i) + 0.5) / $1::numeric) as age_days,
              -- Repeat customers: a skewed draw from a pool of 70 % as many customers as forms.
              1 + floor(($1::int * 0.7) * power(random(), 1.6))::int as k
       from generate_series(1, $1::int) i
     ), s1 as (
       select b.*,
         (b.r1 < case when age_days < 14 then 0.9 when age_days < 60 then 0.55 when age_days < 365 then 0.2 else 0.1 end) as open
       from base b
     ), s2 as (
       select s1.*,
         case
           when not open then case when r2 < 0.80 then 'archived' when r2 < 0.92 then 'rejected' else 'withdrawn' end
           when age_days < 14 then case
             when r2 < 0.20 then 'received' when r2 < 0.50 then 'investigating' when r2 < 0.55 then 'pending_approval'
             when r2 < 0.65 then 'management_review' when r2 < 0.68 then 'negotiation' when r2 < 0.75 then 'gm_decision'
             when r2 < 0.81 then 'accountability' when r2 < 0.90 then 'follow_up' when r2 < 0.96 then 'assessment' else 'fault_review' end
           else case
             when r2 < 0.40 then 'pending' when r2 < 0.70 then 'investigating' when r2 < 0.76 then 'management_review'
             when r2 < 0.82 then 'negotiation' when r2 < 0.88 then 'accountability' when r2 < 0.94 then 'follow_up' else 'fault_review' end
         end as state
       from s1
     )
     select s2.i, gen_random_uuid() as id, s2.state, random() q1, random() q2, random() q3, random() q4, random() q5, random() q6, random() q7, s2.received_at, s2.k, s2.r3, s2.r4, s2.r5,
       floor(power(s2.r3, 2) * st.nvariants)::int as variant,
       case
         when s2.state in ('archived', 'rejected', 'withdrawn')
           then least($2::timestamptz - interval '1 hour', s2.received_at + interval '1 day' * (1 + 24 * s2.r4))
         when s2.state = 'received' then s2.received_at
         else s2.received_at + ($2::timestamptz - s2.received_at) * (0.2 + 0.75 * s2.r4)
       end as end_at,
       st.step_hours,
       (1 + floor(random() * 7))::int as cat,
       case when random() < 0.08 then 'urgent' when random() < 0.3 then 'important' else 'general' end as severity,
       (array['walk_in','phone','phone','email','social','web','web','letter'])[1 + floor(random() * 8)::int] as channel,
       extract(year from s2.received_at at time zone 'Asia/Shanghai')::int as year
     from s2 join bench_state st on st.state = s2.state`,
    [n, nowIso],
  );
  await s.query(`alter table bf add column seq int, add column nsteps int`);
  await step(
    'number forms',
    `update bf set seq = x.seq, nsteps = x.nsteps from (
       select b.i, row_number() over (partition by b.year order by b.i)::int as seq,
              (select max(p.nsteps) from bench_path p where p.state = b.state and p.variant = b.variant) as nsteps
       from bf b) x where x.i = bf.i`,
  );
  await s.query(`create unique index on bf (id)`);
  await s.query(`analyze bf`);

  const ids = `
    site as (select s.id from sites s where s.code = 'main'),
    cats as (select row_number() over (order by c.code)::int as n, c.id, c.code, d.id as dept_id, coalesce(hu.login, 'service') as head_login
             from categories c left join departments d on d.code = c.default_department_code left join users hu on hu.id = d.head_user_id),
    u as (select login, id, name from users)`;

  // 2. The forms themselves: explicit columns, defaults cover any column added later.
  await step(
    'complaints',
    `insert into complaints (id, site_id, number, status, version, severity, category_id, channel, customer_name, customer_phone,
       customer_email, customer_locale, subject_product, plate, vehicle_model, purchase_date, description, customer_request,
       department_id, customer_manager_id, created_by_id, major, gm_instructed_at, follow_up_wanted, received_at, state_entered_at,
       step_due_at, response_due_at, resolution_due_at, first_response_at, resolved_at, archived_at, paused_at, paused_ms,
       last_customer_update_at, root_cause, preventive_action, responsible_person, rejection_explanation, withdraw_reason,
       fault_opinion, final_opinion, satisfaction, access_code, tracking_token, created_at, updated_at)
     with ${ids}
     select f.id, (select id from site), 'KS-' || f.year || '-' || lpad(f.seq::text, 6, '0'), f.state, f.nsteps, f.severity, c.id, f.channel,
       case when f.k % 10 = 0 then ${pick('enNames', '((f.k * 7) % 500) / 500.0')} else ${pick('zhNames', '((f.k * 13) % 3000) / 3000.0')} end,
       -- E.164, as the intake stores phones (lib/validation/phone.ts).
       '+861' || (array['3','5','7','8','9'])[1 + f.k % 5] || lpad(((f.k::bigint * 2654435761) % 1000000000)::text, 9, '0'),
       case when f.k % 3 = 0 then 'kunde' || f.k || '@example.com' end,
       case when f.k % 10 = 0 then 'en' else 'zh-CN' end,
       case when f.k % 7 = 0 then (array['延保服务合同','原厂脚垫','行车记录仪','保养套餐','车载充电器'])[1 + f.k % 5] end,
       case when f.k % 7 <> 0 then ${pick('provinces', '(f.k % 12) / 12.0')} || '·' ||
         substr('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 1 + (f.k % 24), 1) ||
         lpad(((f.k::bigint * 40503) % 10000)::text, 4, '0') end,
       case when f.k % 7 <> 0 then ${pick('models', '(f.k % 32) / 32.0')} end,
       (f.received_at - interval '1 day' * (30 + f.k % 1500))::date,
       case when f.k % 10 = 0 then
         'The ' || ${pick('enFragments', 'f.q1')} || ', ' || ${pick('enService', 'f.q2')} || '. ' ||
           case when f.q6 < 0.5 then 'Also the ' || ${pick('enFragments', 'f.q3')} || '. ' else '' end || ${pick('enEndings', 'f.q4')}
       else
         ${pick('zhContexts', 'f.q1')} || '，' || ${pick('zhFragments', 'f.q2')} || '，' ||
           case when f.q6 < 0.4 then ${pick('zhFragments', 'f.q3')} || '，' else '' end ||
           case when f.q7 < 0.6 then ${pick('zhService', 'f.q4')} || '，' else '' end || ${pick('zhEndings', 'f.q5')}
       end,
       ${pick('zhRequests', 'f.q7')},
       c.dept_id,
       case when f.nsteps > 1 and f.state not in ('rejected') then (select id from u where login = case when f.i % 2 = 0 then 'chenchen' else 'desk' end) end,
       (select id from u where login = case when f.i % 2 = 0 then 'desk' else 'chenchen' end),
       f.r5 < 0.02, case when f.r5 < 0.01 then f.received_at + interval '3 hours' end, true,
       f.received_at, f.end_at,
       case
         when f.state in ('archived', 'rejected', 'withdrawn') then null
         when f.state = 'pending' then date_trunc('month', $1::timestamptz) + case when f.r4 < 0.85 then interval '3 days 30 minutes' else interval '-1 month 3 days 30 minutes' end
         else f.end_at + interval '1 hour' * f.step_hours
       end,
       f.received_at + interval '1 day', f.received_at + case f.severity when 'urgent' then interval '3 days' else interval '7 days' end,
       case when f.nsteps > 1 then f.received_at + (f.end_at - f.received_at) / (f.nsteps - 1) end,
       case when f.state in ('follow_up', 'assessment', 'fault_review', 'archived') then f.end_at - (f.end_at - f.received_at) * 0.15 end,
       case when f.state = 'archived' then f.end_at end,
       case when f.state = 'pending' then f.received_at + (f.end_at - f.received_at) * (3.0 / (f.nsteps - 1)) end,
       case when f.state = 'archived' and f.variant = 3 then 86400000::bigint * (5 + f.i % 40) else 0 end,
       f.end_at,
       case when f.state in ('management_review','negotiation','gm_decision','accountability','follow_up','assessment','fault_review','archived') then ${pick('rootCauses', 'f.r3')} end,
       case when f.state in ('management_review','negotiation','gm_decision','accountability','follow_up','assessment','fault_review','archived') then '纳入月度培训，并在班前会通报。' end,
       case when f.state in ('management_review','negotiation','gm_decision','accountability','follow_up','assessment','fault_review','archived') then ${pick('staffNames', '(f.i % 60) / 60.0')} end,
       case when f.state = 'rejected' then '经核查，该项目属于车辆正常磨损，不在保修范围内，已向客户详细说明。' end,
       case when f.state = 'withdrawn' then '客户表示问题已自行解决，主动撤回投诉。' end,
       case when f.state in ('gm_decision','accountability','follow_up','assessment','fault_review','archived') then '同意责任部门意见，按公司《客户投诉处理规定》处理。' end,
       case when f.state in ('accountability','follow_up','assessment','fault_review','archived') then '同意，按管理部意见执行，三日内回复客户。' end,
       case when f.state in ('assessment','fault_review','archived') then 1 + floor(power(f.r5, 0.4) * 5)::int end,
       translate(upper(substr(md5(f.id::text), 1, 8)), '01', 'XY'),
       md5(f.i::text || random()::text) || substr(md5(f.id::text), 9, 8),
       f.received_at, f.end_at
     from bf f join cats c on c.n = f.cat order by f.i`,
    [nowIso],
  );

  // Everything below references the forms: foreign-key checks against a million rows would dominate
  // the load, so they are off for this session (the rows are consistent by construction).
  await s.query(`set session_replication_role = replica`);

  // 3. The history: one row per step of each form's path, spread between receipt and the last step.
  await step(
    'complaint_events',
    `insert into complaint_events (complaint_id, version, type, from_state, to_state, actor_id, actor_role, actor_name, at, payload, customer_visible)
     with ${ids}
     select f.id, p.step, p.type, p.from_state, p.to_state, a.id,
       case p.actor when 'head' then 'department' else p.actor end, a.name,
       case when p.nsteps = 1 then f.received_at else f.received_at + (f.end_at - f.received_at) * ((p.step - 1)::numeric / (p.nsteps - 1)) end,
       case p.type
         when 'create' then jsonb_build_object('channel', f.channel)
         when 'triage' then jsonb_build_object('departmentId', c.dept_id, 'severity', f.severity, 'followUpWanted', true, 'major', false)
         when 'submit_determination' then jsonb_build_object('responsibleDepartmentId', c.dept_id, 'rootCause', ${pick('rootCauses', 'f.r3')},
           'responsiblePerson', ${pick('staffNames', '(f.i % 60) / 60.0')}, 'preventiveAction', '纳入月度培训，并在班前会通报。', 'customerContacted', true,
           'remedyProposal', jsonb_build_object('kind', 'repair', 'description', '免费检修并赠送一次全车检测。'))
         when 'approve_opinion' then jsonb_build_object('faultOpinion', '同意责任部门意见，按公司《客户投诉处理规定》处理。')
         when 'dispute_opinion' then jsonb_build_object('reason', '责任认定依据不足，需召集责任部门与客户经理协商。')
         when 'record_negotiation' then jsonb_build_object('opinion', '协商一致：由责任部门承担维修费用。')
         when 'approve_final' then jsonb_build_object('opinion', '同意，按管理部意见执行，三日内回复客户。')
         when 'complete_handling' then jsonb_build_object('rootCause', ${pick('rootCauses', 'f.r3')}, 'preventiveAction', '纳入月度培训，并在班前会通报。',
           'remedyDelivered', jsonb_build_object('kind', 'repair', 'description', '免费检修并赠送一次全车检测。'), 'accountability', '[]'::jsonb)
         when 'record_follow_up' then jsonb_build_object('satisfaction', 1 + floor(power(f.r5, 0.4) * 5)::int, 'summary', '客户表示问题已解决。')
         when 'pass_assessment' then jsonb_build_object('timely', true, 'standardMet', true)
         when 'flag_fault' then jsonb_build_object('fault', '责任部门超过24小时才提交处理意见。')
         when 'settle_fault' then jsonb_build_object('opinion', '已对责任部门通报批评。')
         when 'propose_pending' then jsonb_build_object('reason', 'parts_delayed', 'explanation', '原厂配件需从厂家调货，预计四周到货。')
         when 'approve_pending' then jsonb_build_object('reason', 'parts_delayed', 'explanation', '原厂配件需从厂家调货，预计四周到货。', 'comment', '同意列入未了事宜，每月4日跟进。')
         when 'record_contact' then jsonb_build_object('summary', '已电话联系客户，告知配件仍在途中。')
         when 'resume' then jsonb_build_object('comment', '配件已到，恢复处理。')
         when 'reject' then jsonb_build_object('explanation', '经核查，该项目属于车辆正常磨损，不在保修范围内。')
         when 'withdraw' then jsonb_build_object('reason', '客户表示问题已自行解决，主动撤回投诉。')
         when 'note' then jsonb_build_object('text', ${pick('zhService', 'f.r4')} || '，已再次联系客户说明情况。', 'customerVisible', false)
         else '{}'::jsonb
       end,
       p.visible
     from bf f
     join cats c on c.n = f.cat
    
     join bench_path p on p.state = f.state and p.variant = f.variant
     join u a on a.login = case p.actor when 'head' then c.head_login
                                        when 'desk' then case when f.i % 2 = 0 then 'desk' else 'chenchen' end else p.actor end
     order by f.i, p.step`,
  );

  // 4. Remedies (proposed with the determination, delivered with the handling) and accountability.
  await step(
    'remedies',
    `insert into remedies (complaint_id, event_id, kind, description, amount_cents, status, created_at)
     select e.complaint_id, e.id,
       (array['repair','apology','compensation','discount','exchange','certificate','coupon','other'])[1 + floor(f.r5 * 8)::int],
       (array['免费检修并赠送一次全车检测。','服务经理当面致歉，并赠送一次免费洗车。','补偿交通费。','配件到货后免工时费安装。','更换同型号新件。','出具原厂配件证明。','赠送两次保养券。'])[1 + floor(f.r3 * 7)::int],
       case when f.r5 between 0.25 and 0.5 then (100 + floor(f.r4 * 50) * 10)::int * 100 end,
       case e.type when 'submit_determination' then 'proposed' else 'delivered' end, e.at
     from complaint_events e join bf f on f.id = e.complaint_id
     where e.type in ('submit_determination', 'complete_handling')`,
  );
  await step(
    'accountability_entries',
    `insert into accountability_entries (complaint_id, event_id, person, type, amount_cents, reason, created_at)
     select e.complaint_id, e.id, ${pick('staffNames', 'f.r4')}, case when f.r3 < 0.8 then 'penalty' else 'reward' end,
       (50 + floor(f.r4 * 45) * 10)::int * 100, '未按作业规范操作，造成客户投诉。', e.at
     from complaint_events e join bf f on f.id = e.complaint_id
     where e.type in ('complete_handling', 'settle_fault') and f.r4 < 0.6`,
  );

  // 5. The pending-items ledger: open for forms in `pending`, closed (resumed) for the others.
  await step(
    'pending_items',
    `insert into pending_items (complaint_id, reason, explanation, approved_by_id, opened_at, closed_at, outcome, last_contact_at, next_contact_on)
     select x.complaint_id, 'parts_delayed', '原厂配件需从厂家调货，预计四周到货。', (select id from users where login = 'gm'),
       x.opened_at, x.closed_at, case when x.closed_at is not null then 'resumed' end, x.last_contact_at,
       coalesce((c.step_due_at at time zone 'Asia/Shanghai')::date, (x.opened_at at time zone 'Asia/Shanghai')::date + 30)
     from (
       select complaint_id, max(at) filter (where type = 'approve_pending') opened_at, max(at) filter (where type = 'resume') closed_at,
              max(at) filter (where type = 'record_contact') last_contact_at
       from complaint_events where type in ('approve_pending', 'resume', 'record_contact') group by complaint_id
     ) x join complaints c on c.id = x.complaint_id`,
  );
  await step(
    'pending_contacts',
    `insert into pending_contacts (pending_item_id, at, by_id, summary, next_contact_on)
     select p.id, e.at, e.actor_id, '已电话联系客户，告知配件仍在途中。', (e.at at time zone 'Asia/Shanghai')::date + 30
     from complaint_events e join pending_items p on p.complaint_id = e.complaint_id where e.type = 'record_contact'`,
  );

  // 6. Attachments rows (photos and invoices; the files themselves are not part of the load).
  await step(
    'attachments',
    `insert into attachments (complaint_id, sha256, filename, mime, size, uploaded_by_id, from_customer, created_at)
     select f.id, md5(f.id::text || g) || md5(g || f.id::text),
       case when g = 1 then 'IMG_' || lpad((f.i % 10000)::text, 4, '0') || '.jpg' else '结算单.pdf' end,
       case when g = 1 then 'image/jpeg' else 'application/pdf' end, (50000 + (f.i::bigint * 7919) % 2000000)::int,
       case when f.channel = 'web' then null else (select id from users where login = 'desk') end, f.channel = 'web', f.received_at
     from bf f cross join generate_series(1, 2) g
     where (g = 1 and f.r3 < 0.25) or (g = 2 and f.r3 < 0.05)`,
  );

  // 7. Parties (a department member involved), notices already sent, and alerts already raised.
  await step(
    'complaint_parties',
    `insert into complaint_parties (complaint_id, user_id)
     select f.id, (select id from users where login = case when f.i % 2 = 0 then 'machao' else 'zhaogang' end)
     from bf f where f.r4 < 0.15`,
  );
  await step(
    'notifications',
    `insert into notifications (complaint_id, event_id, audience, recipient_user_id, channel, address, template, locale, payload, status, attempts, next_attempt_at, sent_at, created_at)
     select e.complaint_id, e.id, 'customer', null, 'sms', c.customer_phone,
       case e.type when 'create' then 'received' when 'complete_handling' then 'resolved' when 'reject' then 'rejected' when 'withdraw' then 'withdrawn' else 'progress' end,
       c.customer_locale, jsonb_build_object('number', c.number), 'sent', 1, e.at, e.at, e.at
     from complaint_events e join complaints c on c.id = e.complaint_id
     where e.type in ('create', 'triage', 'complete_handling', 'reject', 'withdraw')
     union all
     select e.complaint_id, e.id, 'desk', e.actor_id, 'inbox', null, 'assigned', 'zh-CN', jsonb_build_object('number', c.number), 'sent', 1, e.at, e.at, e.at
     from complaint_events e join complaints c on c.id = e.complaint_id where e.type = 'create'`,
  );
  await step(
    'deadline_alerts',
    `insert into deadline_alerts (complaint_id, state_entered_at, kind, at)
     select c.id, c.state_entered_at, k.kind, c.state_entered_at + (c.step_due_at - c.state_entered_at) * case k.kind when 'warning' then 0.75 else 1 end
     from complaints c cross join (values ('warning'), ('overdue')) k(kind)
     where c.status not in ('archived', 'rejected', 'withdrawn', 'pending') and c.step_due_at is not null
       and c.state_entered_at + (c.step_due_at - c.state_entered_at) * case k.kind when 'warning' then 0.75 else 1 end < $1::timestamptz - interval '1 hour'`,
    [nowIso],
  );

  // 8. One form with a long history: a pending item contacted every month for five years.
  const [long] = await s.query(`select id, number, version from complaints where status = 'pending' order by received_at limit 1`);
  await step(
    'long history',
    `insert into complaint_events (complaint_id, version, type, from_state, to_state, actor_id, actor_role, actor_name, at, payload, customer_visible)
     select $1::uuid, $2::int + g, case when g % 3 = 0 then 'note' else 'record_contact' end, 'pending', 'pending', u.id, 'desk', u.name,
       c.state_entered_at + ($3::timestamptz - c.state_entered_at) * (g / 66.0),
       case when g % 3 = 0 then jsonb_build_object('text', '客户来电询问进度，已说明配件仍在调货。', 'customerVisible', false)
            else jsonb_build_object('summary', '第' || g || '次联系客户：配件仍在途中，客户同意继续等待。') end,
       g % 3 <> 0
     from generate_series(1, 64) g cross join (select id, name from users where login = 'desk') u cross join complaints c where c.id = $1::uuid`,
    [long.id, long.version, nowIso],
  );
  await s.query(`update complaints set version = version + 64 where id = $1::uuid`, [long.id]);
  await s.query(
    `insert into pending_contacts (pending_item_id, at, by_id, summary, next_contact_on)
     select p.id, e.at, e.actor_id, e.payload ->> 'summary', (e.at at time zone 'Asia/Shanghai')::date + 30
     from complaint_events e join pending_items p on p.complaint_id = e.complaint_id
     where e.complaint_id = $1::uuid and e.type = 'record_contact' and e.version > $2::int`,
    [long.id, long.version],
  );
  await s.query(`set session_replication_role = origin`);

  // 9. Gap-free numbering continues after the generated forms.
  await s.query(
    `insert into complaint_counters (year, last) select year, max(seq) from bf group by year
     on conflict (year) do update set last = greatest(complaint_counters.last, excluded.last)`,
  );
  // The event id sequence after rows inserted with their default: nothing to fix; rebuild indexes.
  const t = performance.now();
  for (const def of indexDefs) await s.query(def);
  seconds['indexes'] = Math.round(performance.now() - t) / 1000;
  log(`  indexes (${indexDefs.length}): ${seconds['indexes']} s`);
  // The dashboards' counters and the report's daily summaries (migration 0017): their triggers
  // were off with session_replication_role, so they are rebuilt from the forms in one pass.
  await step('maintained counts', `select kesu_recount_maintained()`);
  const t2 = performance.now();
  for (const table of [...tables, 'form_counts', 'report_days']) await s.query(`analyze ${table}`);
  seconds['analyze'] = Math.round(performance.now() - t2) / 1000;
  const [{ events }] = await s.query(`select count(*)::int as events from complaint_events`);
  for (const table of ['bf', 'bench_text', 'bench_path', 'bench_state']) await s.query(`drop table ${table}`);
  return { forms: n, events: events as number, longForm: long.number as string, seconds };
}
