/**
 * The keyboard of a list whose items are focusable: Enter or Space chooses the item, the up
 * and down arrows move to the previous or next one. Keys pressed on a control inside an item
 * (a button, a link) are left to it.
 */
export function onListKey(event: KeyboardEvent, choose: () => void): void {
  const item = event.currentTarget as HTMLElement;
  if (event.target !== item) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    choose();
    return;
  }
  const sibling =
    event.key === 'ArrowDown'
      ? item.nextElementSibling
      : event.key === 'ArrowUp'
        ? item.previousElementSibling
        : null;
  if (sibling instanceof HTMLElement) {
    event.preventDefault();
    sibling.focus();
  }
}
