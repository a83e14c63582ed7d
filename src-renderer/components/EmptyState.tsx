import { Empty } from 'antd';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  /** What is missing, in a sentence. */
  description: ReactNode;
  /** The next step, usually a primary button that creates the first item. */
  action?: ReactNode;
}

export function EmptyState({ description, action }: EmptyStateProps) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} className="fb-empty">
      {action}
    </Empty>
  );
}
