import { queueListRoute } from '@/components/complaint/queue-page';

export default queueListRoute('admin');
