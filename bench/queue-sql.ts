/**
 * The desk's triage queue in one statement (`received`, by `step_due_at, number`, 50 rows, with
 * the department's name): what the floor (bench/floor.ts) and the calib page
 * (app/bench/calib/page.tsx) both answer, so they do the same database work.
 */
export const queueSql = `select c.number, c.customer_name, c.severity, c.step_due_at, d.name as department
  from complaints c left join departments d on d.id = c.department_id
  where c.status = 'received' order by c.step_due_at, c.number limit 50`;
