import * as vscode from 'vscode';
import { Commands, TREE_MIME } from '../constants';
import { LevelTreeItem, ResourceTreeItem, TreeNode } from './nodes';

/** Drag an image row onto a level row: Copy Image to Level, without a picker. */
export class LevelsDragAndDrop implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = [TREE_MIME];
  readonly dropMimeTypes = [TREE_MIME];

  handleDrag(source: readonly TreeNode[], data: vscode.DataTransfer): void {
    const images = source.filter((n) => n instanceof ResourceTreeItem && n.kind === 'image');
    if (images.length) data.set(TREE_MIME, new vscode.DataTransferItem(images));
  }

  async handleDrop(target: TreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const dragged = data.get(TREE_MIME)?.value as unknown;
    const images = Array.isArray(dragged) ? dragged.filter((n) => n instanceof ResourceTreeItem && n.kind === 'image') : [];
    if (!images.length || !(target instanceof LevelTreeItem)) return;
    await vscode.commands.executeCommand(Commands.imageCopyToLevel, images[0], target, images);
  }
}
