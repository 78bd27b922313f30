// A tree row as plain data (treeModel.ts, resourceRows.ts); nodes.ts turns it into a TreeItem.

/** Theme colours by meaning; nodes.ts maps them to ThemeColor ids. */
export type RowColor = 'ready' | 'broken' | 'pending';

export interface Row {
  /** TreeItem.id: stable across refreshes, so expansion and selection survive. */
  treeId: string;
  label: string;
  description?: string;
  contextValue: string;
  icon: { id: string; color?: RowColor };
  /** Markdown rows ("**key:** value") for levels, plain text for the rest. */
  tooltip: string | [string, string][];
  expandable: boolean;
  /** Expandable but shown closed (the Images, Volumes and Networks groups). */
  collapsed?: boolean;
}
