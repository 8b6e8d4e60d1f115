export {
  startJobRunner,
  stopJobRunner,
  getJobRunner,
  kickOutbox,
  scheduleRecurring,
  defaultJobs,
  OUTBOX_JOB,
  TRIAGE_TRAIN_JOB,
  FREQUENT_PROBLEMS_JOB,
  type JobRunner,
  type JobRunnerOptions,
  type JobDefinition,
  type JobHandler,
  type JobContext,
} from './runner';
export { pgliteExecutor, postgresExecutor, type JobExecutor } from './executor';
