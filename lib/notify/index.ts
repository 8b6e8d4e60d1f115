export {
  deliverDueNotifications,
  backoffSeconds,
  defaultMaxAttempts,
  type DeliverOptions,
  type DeliveryReport,
} from './deliver';
export {
  transportsFromEnv,
  transportConfiguration,
  NOT_SENT,
  logTransport,
  smtpTransport,
  httpSmsTransport,
  PermanentDeliveryError,
  type Transport,
  type Transports,
  type OutboundMessage,
  type TransportConfiguration,
} from './transports';
export {
  renderTemplate,
  normalizeLocale,
  isTemplateName,
  UnknownTemplateError,
  TEMPLATES,
  TEMPLATE_NAMES,
  type TemplateName,
  type NotifyLocale,
  type NotificationPayload,
} from './templates';
